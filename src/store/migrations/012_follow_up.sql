-- Schema version 12: the follow-up after notification (#17). A pair told to both people may then
-- be « confirmé » (both agreed on the visit), « réalisé » (it took place), « annulé » (called off
-- before the day) or « absent » (someone did not come). SQLite cannot change a CHECK constraint in
-- place, so the table is rebuilt with the same columns, rows and indexes (no other table refers
-- to pair: the history and the notification log name pairs by id, not by foreign key).
CREATE TABLE pair_follow_up (
    id             INTEGER PRIMARY KEY,
    edition_id     INTEGER NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    student_id     INTEGER NOT NULL UNIQUE REFERENCES student (id) ON DELETE CASCADE,
    ambassador_id  INTEGER NOT NULL REFERENCES ambassador (id) ON DELETE CASCADE,
    status         TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'validated', 'notified',
                                                                     'confirmed', 'done', 'cancelled', 'absent')),
    origin         TEXT NOT NULL CHECK (origin IN ('suggested', 'manual')),
    locked         INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    note           TEXT,
    agreed_date    TEXT,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO pair_follow_up (id, edition_id, student_id, ambassador_id, status, origin, locked, note,
                            agreed_date, created_at, updated_at)
    SELECT id, edition_id, student_id, ambassador_id, status, origin, locked, note, agreed_date,
           created_at, updated_at
    FROM pair;
DROP TABLE pair;
ALTER TABLE pair_follow_up RENAME TO pair;
CREATE INDEX pair_edition ON pair (edition_id);
CREATE INDEX pair_ambassador ON pair (ambassador_id);
-- The view by date reads an edition's pairs by their agreed day.
CREATE INDEX pair_agreed_date ON pair (edition_id, agreed_date);
