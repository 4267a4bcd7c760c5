-- Schema version 1: editions, imported rows kept as they came, people, pairs, forbidden pairs.
-- Timestamps are UTC ISO 8601 text; dates are ISO 8601 text (YYYY-MM-DD).

CREATE TABLE edition (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    event_date  TEXT,
    is_demo     INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX edition_name ON edition (name COLLATE NOCASE);

CREATE TABLE import_batch (
    id             INTEGER PRIMARY KEY,
    edition_id     INTEGER NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    role           TEXT NOT NULL CHECK (role IN ('student', 'ambassador')),
    file_name      TEXT NOT NULL,
    sheet          TEXT,
    header_row     INTEGER,
    headers        TEXT NOT NULL,      -- JSON array of the header cells as they came
    rows_read      INTEGER NOT NULL DEFAULT 0,
    rows_rejected  INTEGER NOT NULL DEFAULT 0,
    imported_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX import_batch_edition ON import_batch (edition_id);

CREATE TABLE source_row (
    id               INTEGER PRIMARY KEY,
    batch_id         INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
    row_number       INTEGER NOT NULL,  -- 1-based, as the spreadsheet shows it
    cells            TEXT NOT NULL,     -- JSON array of cell texts, in header order
    rejected_reason  TEXT,
    UNIQUE (batch_id, row_number)
);

CREATE TABLE student (
    id                     INTEGER PRIMARY KEY,
    edition_id             INTEGER NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    civility               TEXT,
    last_name              TEXT NOT NULL DEFAULT '',
    first_name             TEXT NOT NULL DEFAULT '',
    email                  TEXT,
    phone                  TEXT,
    postal_code            TEXT,
    commune                TEXT,
    insee_code             TEXT,
    departement            TEXT,
    school                 TEXT,
    level                  TEXT,
    curriculum             TEXT,
    wished_jobs            TEXT NOT NULL DEFAULT '[]',  -- JSON array, 1st choice first
    wished_administration  TEXT,
    mobility               TEXT NOT NULL DEFAULT 'unspecified'
                           CHECK (mobility IN ('departement', 'region', 'national', 'unspecified')),
    application_state      TEXT,
    comments               TEXT,
    source_row_id          INTEGER REFERENCES source_row (id) ON DELETE SET NULL
);
CREATE INDEX student_edition ON student (edition_id);
-- The same person (normalised e-mail) never twice in an edition.
CREATE UNIQUE INDEX student_email ON student (edition_id, email) WHERE email IS NOT NULL;

CREATE TABLE ambassador (
    id              INTEGER PRIMARY KEY,
    edition_id      INTEGER NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    civility        TEXT,
    last_name       TEXT NOT NULL DEFAULT '',
    first_name      TEXT NOT NULL DEFAULT '',
    email           TEXT,
    phone           TEXT,
    postal_code     TEXT,
    commune         TEXT,
    insee_code      TEXT,
    departement     TEXT,
    job             TEXT,
    job_title       TEXT,
    administration  TEXT,
    structure_type  TEXT,
    service         TEXT,
    capacity        INTEGER NOT NULL DEFAULT 1 CHECK (capacity >= 0),
    comments        TEXT,
    source_row_id   INTEGER REFERENCES source_row (id) ON DELETE SET NULL
);
CREATE INDEX ambassador_edition ON ambassador (edition_id);
CREATE UNIQUE INDEX ambassador_email ON ambassador (edition_id, email) WHERE email IS NOT NULL;

CREATE TABLE pair (
    id             INTEGER PRIMARY KEY,
    edition_id     INTEGER NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    student_id     INTEGER NOT NULL UNIQUE REFERENCES student (id) ON DELETE CASCADE,
    ambassador_id  INTEGER NOT NULL REFERENCES ambassador (id) ON DELETE CASCADE,
    status         TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'validated', 'notified')),
    origin         TEXT NOT NULL CHECK (origin IN ('suggested', 'manual')),
    locked         INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    note           TEXT,
    agreed_date    TEXT,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX pair_edition ON pair (edition_id);
CREATE INDEX pair_ambassador ON pair (ambassador_id);

CREATE TABLE forbidden_pair (
    edition_id     INTEGER NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    student_id     INTEGER NOT NULL REFERENCES student (id) ON DELETE CASCADE,
    ambassador_id  INTEGER NOT NULL REFERENCES ambassador (id) ON DELETE CASCADE,
    reason         TEXT,
    PRIMARY KEY (student_id, ambassador_id)
);
CREATE INDEX forbidden_pair_edition ON forbidden_pair (edition_id);
