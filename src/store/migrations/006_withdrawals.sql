-- Schema version 6: people who withdrew from an edition after signing up (a student ill, an
-- ambassador away), with when and why. They stay in the edition (nothing is lost) but are
-- left out of suggestions, the unpaired list and the alternates.
CREATE TABLE withdrawal (
    edition_id    INTEGER NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    role          TEXT NOT NULL CHECK (role IN ('student', 'ambassador')),
    person_id     INTEGER NOT NULL,
    reason        TEXT,
    withdrawn_on  TEXT NOT NULL,
    PRIMARY KEY (role, person_id)
);
CREATE INDEX withdrawal_by_edition ON withdrawal (edition_id);
