-- Schema version 8: people changed by hand in the app, erasure on request, retention.

-- The fields of a person the organiser changed by hand (JSON array of field paths such as
-- "identity.email", "capacity"): a re-import keeps them unless the organiser takes the file's.
ALTER TABLE student ADD COLUMN hand_edited TEXT NOT NULL DEFAULT '[]';
ALTER TABLE ambassador ADD COLUMN hand_edited TEXT NOT NULL DEFAULT '[]';

-- How many months after its Jour J an edition's personal data is kept (NULL: the default, 12).
ALTER TABLE edition ADD COLUMN retention_months INTEGER CHECK (retention_months BETWEEN 1 AND 120);

-- A change that cannot be undone (a person erased on request): undo stops there.
ALTER TABLE change_log ADD COLUMN final INTEGER NOT NULL DEFAULT 0 CHECK (final IN (0, 1));
