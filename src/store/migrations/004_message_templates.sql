-- Schema version 4: each edition's message templates (and the organiser's contact), as JSON;
-- NULL means the default French templates.
ALTER TABLE edition ADD COLUMN templates TEXT;
