-- Schema version 3: the pairing rules (weights, accepted states, maximum distance) of each
-- edition, as JSON; NULL means the defaults.
ALTER TABLE edition ADD COLUMN rules TEXT;
