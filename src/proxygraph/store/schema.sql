-- proxygraph store schema, version 2 (2 added claims.construction).
-- Portable SQL (DuckDB and PostgreSQL): TEXT/INTEGER/BOOLEAN/TIMESTAMP only, JSON kept as TEXT.
-- Statements are separated by semicolons at line ends; store/queries.py splits on them.

CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    title TEXT,
    author TEXT,
    published TEXT,
    url TEXT,
    publisher TEXT,
    language TEXT,
    path TEXT,
    text TEXT NOT NULL,
    kept TEXT,               -- JSON list of [start, end] prose spans; NULL = all of the text
    added_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS actors (
    name TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    provisional BOOLEAN NOT NULL
);

CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    person TEXT,             -- the person named when a mention is rolled up to their actor
    surface TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS claims (
    id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    relation TEXT NOT NULL,
    object TEXT NOT NULL,
    family TEXT NOT NULL,
    valence INTEGER NOT NULL,
    negated BOOLEAN NOT NULL,
    certainty TEXT NOT NULL,
    source TEXT,
    time TEXT,
    year INTEGER,            -- from time, else from the document's date
    quote TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    trigger TEXT,
    subject_type TEXT,
    object_type TEXT,
    extras TEXT,             -- JSON object of proxygraph's own fields
    construction TEXT        -- the extraction rule that produced the claim
);

CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id);
CREATE INDEX IF NOT EXISTS claims_doc ON claims (doc_id);
