-- proxygraph store schema, version 3 (2 added claims.construction, 3 the judgements table).
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

-- An analyst's judgement of one claim, kept apart from the extracted claims so that a
-- re-extraction (new catalog, new engine) finds it again. Key: the document, the sentence
-- (md5 of the quote, verbatim) and the claim as extracted (subject, relation, object,
-- negated); claim ids may change, the key does not (docs/judgement.md, "Review").
CREATE TABLE IF NOT EXISTS judgements (
    doc_id TEXT NOT NULL,
    quote_md5 TEXT NOT NULL,
    subject TEXT NOT NULL,
    relation TEXT NOT NULL,
    object TEXT NOT NULL,
    negated BOOLEAN NOT NULL,
    status TEXT NOT NULL,    -- confirmed, corrected or rejected
    new_subject TEXT,        -- the corrections; NULL = as extracted
    new_relation TEXT,
    new_object TEXT,
    new_negated BOOLEAN,
    new_certainty TEXT,
    new_time TEXT,           -- '' = no time
    new_family TEXT,         -- derived from the corrections, so that filters see them
    new_valence INTEGER,
    new_year INTEGER,
    new_subject_type TEXT,
    new_object_type TEXT,
    note TEXT,
    claim_id TEXT NOT NULL,  -- the claim's id when judged, for reference only
    quote TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    original TEXT NOT NULL,  -- JSON of the claim as extracted when judged
    judged_at TIMESTAMP NOT NULL,
    PRIMARY KEY (doc_id, quote_md5, subject, relation, object, negated)
);

CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id);
CREATE INDEX IF NOT EXISTS claims_doc ON claims (doc_id);
