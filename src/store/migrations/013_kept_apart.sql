-- Schema version 13: two people listed as probable duplicates (same name and phone, different
-- e-mails) whom the organiser said are two people (#16): not listed again. Ids only, no personal
-- data; the rows go with either person (`people::delete_person`), and with the edition.
CREATE TABLE kept_apart (
    edition_id  INTEGER NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('student', 'ambassador')),
    first_id    INTEGER NOT NULL,
    second_id   INTEGER NOT NULL,
    CHECK (first_id < second_id),
    PRIMARY KEY (edition_id, role, first_id, second_id)
);
