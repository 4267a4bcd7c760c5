-- Schema version 2: what the organiser taught the tool, remembered for the next files.

-- A column header matched by hand to a field (or to nothing: `field` NULL means "ignore").
-- `header_key` is the normalised header text (accents, case and punctuation folded).
CREATE TABLE column_mapping (
    role        TEXT NOT NULL CHECK (role IN ('student', 'ambassador')),
    header_key  TEXT NOT NULL,
    field       TEXT,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (role, header_key)
);

-- A free-text value mapped by hand onto a referential entry ("Dev Python" → a métier code).
CREATE TABLE referential_synonym (
    kind        TEXT NOT NULL CHECK (kind IN ('job', 'administration')),
    value_key   TEXT NOT NULL,
    code        TEXT NOT NULL,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (kind, value_key)
);
