-- The history of an edition's board: every change to its pairs (and forbidden pairs), what it
-- did in French, who and when, and the rows before and after it (JSON) so that it can be
-- undone and redone, across restarts.
CREATE TABLE change_log (
    id          INTEGER PRIMARY KEY,
    edition_id  INTEGER NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    author      TEXT NOT NULL,
    label       TEXT NOT NULL,
    delta       TEXT NOT NULL,
    undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
CREATE INDEX change_log_by_edition ON change_log (edition_id, id);
