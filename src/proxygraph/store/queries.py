"""Every SQL statement of the store, in one place.

Placeholders are ``?`` (DuckDB's qmark style); the PostgreSQL backend (``postgres.py``)
translates them to ``%s``. Only portable SQL is used: no DuckDB-only functions, JSON kept as TEXT.
"""

from __future__ import annotations

from importlib import resources

SCHEMA_VERSION = 3


def schema_statements() -> list[str]:
    """The statements of schema.sql, comments stripped."""
    text = resources.files("proxygraph.store").joinpath("schema.sql").read_text("utf-8")
    lines = [line.split("--", 1)[0] for line in text.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _schema_statement(table: str) -> str:
    """The CREATE TABLE statement of ``table`` in schema.sql (one definition, not two)."""
    return next(s for s in schema_statements() if f"TABLE IF NOT EXISTS {table} " in s)


# Statements that bring an older store up to SCHEMA_VERSION, by the version they start from.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: ("ALTER TABLE claims ADD COLUMN construction TEXT",),
    2: (_schema_statement("judgements"),),
}

DOCUMENT_COLUMNS = (
    "id, content_hash, title, author, published, url, publisher, language, path, text, kept,"
    " added_at"
)
CLAIM_COLUMNS = (
    "id, doc_id, subject, relation, object, family, valence, negated, certainty, source, time,"
    " year, quote, start_char, end_char, trigger, subject_type, object_type, extras,"
    " construction"
)
MENTION_COLUMNS = "doc_id, actor, person, surface, start_char, end_char"

GET_VERSION = "SELECT value FROM meta WHERE key = 'schema_version'"
GET_META = "SELECT value FROM meta WHERE key = ?"
DELETE_META = "DELETE FROM meta WHERE key = ?"
INSERT_META = "INSERT INTO meta (key, value) VALUES (?, ?)"
SET_VERSION = "INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
UPDATE_VERSION = "UPDATE meta SET value = ? WHERE key = 'schema_version'"
_OWN_TABLES = "FROM information_schema.tables WHERE table_schema = current_schema()"
HAS_META = f"SELECT count(*) {_OWN_TABLES} AND table_name = 'meta'"
COUNT_TABLES = f"SELECT count(*) {_OWN_TABLES}"

HAS_DOCUMENT = "SELECT count(*) FROM documents WHERE id = ? AND content_hash = ?"
HASHES = "SELECT id, content_hash FROM documents"
# Known hashes of one batch of ids: an index look-up, never a scan of the whole table.
HASHES_OF = "SELECT id, content_hash FROM documents WHERE id IN ({marks})"
SOURCES_OF = "SELECT id, content_hash, path FROM documents WHERE id IN ({marks})"
DELETE_CLAIMS = "DELETE FROM claims WHERE doc_id IN ({marks})"
DELETE_MENTIONS = "DELETE FROM mentions WHERE doc_id IN ({marks})"
DELETE_DOCUMENT = "DELETE FROM documents WHERE id IN ({marks})"
INSERT_DOCUMENTS = f"INSERT INTO documents ({DOCUMENT_COLUMNS}) VALUES {{rows}}"
UPSERT_ACTORS = (
    "INSERT INTO actors (name, type, provisional) VALUES {rows}"
    " ON CONFLICT (name) DO UPDATE SET type = excluded.type, provisional = excluded.provisional"
)
INSERT_MENTIONS = f"INSERT INTO mentions ({MENTION_COLUMNS}) VALUES {{rows}}"
INSERT_CLAIMS = f"INSERT INTO claims ({CLAIM_COLUMNS}) VALUES {{rows}}"

SELECT_DOCUMENTS = f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY id"
SELECT_DOCUMENT = f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?"
SELECT_CLAIMS = f"SELECT {CLAIM_COLUMNS} FROM claims"
CLAIMS_ORDER = " ORDER BY doc_id, start_char, relation, subject, object, id"

# The claims as judged (docs/judgement.md, "Review"): each extracted claim with its
# judgement's corrections applied, under the claims table's own column names (so that
# CLAIM_FILTERS see corrected values), then the judgement and the claim as extracted.
# The join key is the judgement key: document, sentence (md5 of the verbatim quote, the same
# hex digest in DuckDB and PostgreSQL) and the claim as extracted.
JUDGED_CLAIMS = """
SELECT c.id, c.doc_id,
    COALESCE(j.new_subject, c.subject) AS subject,
    COALESCE(j.new_relation, c.relation) AS relation,
    COALESCE(j.new_object, c.object) AS object,
    COALESCE(j.new_family, c.family) AS family,
    COALESCE(j.new_valence, c.valence) AS valence,
    COALESCE(j.new_negated, c.negated) AS negated,
    COALESCE(j.new_certainty, c.certainty) AS certainty,
    c.source,
    CASE WHEN j.new_time IS NULL THEN c.time WHEN j.new_time = '' THEN NULL
         ELSE j.new_time END AS time,
    CASE WHEN j.new_time IS NULL THEN c.year ELSE j.new_year END AS year,
    c.quote, c.start_char, c.end_char, c.trigger,
    COALESCE(j.new_subject_type, c.subject_type) AS subject_type,
    COALESCE(j.new_object_type, c.object_type) AS object_type,
    c.extras, c.construction,
    j.status AS review, j.note AS review_note, j.claim_id AS review_claim_id,
    j.judged_at AS review_at, md5(c.quote) AS x_quote_md5,
    c.subject AS x_subject, c.relation AS x_relation, c.object AS x_object,
    c.negated AS x_negated, c.certainty AS x_certainty, c.time AS x_time
FROM claims c LEFT JOIN judgements j
    ON j.doc_id = c.doc_id AND j.quote_md5 = md5(c.quote) AND j.subject = c.subject
    AND j.relation = c.relation AND j.object = c.object AND j.negated = c.negated
"""
REVIEW_COLUMNS = (
    "review, review_note, review_claim_id, review_at, x_quote_md5, x_subject, x_relation,"
    " x_object, x_negated, x_certainty, x_time"
)
SELECT_JUDGED = f"SELECT {CLAIM_COLUMNS}, {REVIEW_COLUMNS} FROM ({JUDGED_CLAIMS}) AS claims"
NOT_REJECTED = "(review IS NULL OR review <> 'rejected')"
REVIEWED = "review IS NOT NULL"
JUDGED_NOT_REJECTED = f"(SELECT * FROM ({JUDGED_CLAIMS}) AS jc WHERE {NOT_REJECTED})"
# An id as stored (the id when extracted) or as judged from (the id when reviewed).
BY_STORED_ID = "(id = ? OR review_claim_id = ?)"
HAS_JUDGEMENTS = "SELECT count(*) FROM judgements"

JUDGEMENT_COLUMNS = (
    "doc_id, quote_md5, subject, relation, object, negated, status, new_subject, new_relation,"
    " new_object, new_negated, new_certainty, new_time, new_family, new_valence, new_year,"
    " new_subject_type, new_object_type, note, claim_id, quote, start_char, end_char, original,"
    " judged_at"
)
JUDGEMENT_KEY = (
    "doc_id = ? AND quote_md5 = ? AND subject = ? AND relation = ? AND object = ? AND negated = ?"
)
SELECT_JUDGEMENTS = f"SELECT {JUDGEMENT_COLUMNS} FROM judgements ORDER BY judged_at, doc_id"
SELECT_JUDGEMENT = f"SELECT {JUDGEMENT_COLUMNS} FROM judgements WHERE {JUDGEMENT_KEY}"
DELETE_JUDGEMENT = f"DELETE FROM judgements WHERE {JUDGEMENT_KEY}"
INSERT_JUDGEMENT = f"INSERT INTO judgements ({JUDGEMENT_COLUMNS}) VALUES ({', '.join('?' * 25)})"
ACTOR_TYPE = "SELECT type FROM actors WHERE name = ?"

# One fragment per filter of Store.claims(); values are bound, never formatted in.
CLAIM_FILTERS = {
    "subject": "lower(subject) = lower(?)",
    "object": "lower(object) = lower(?)",
    "relation": "relation = ?",
    "family": "family = ?",
    "certainty": "certainty = ?",
    "source": "lower(source) LIKE lower(?)",
    "doc": "doc_id = ?",
    "negated": "negated = ?",
    "year_from": "year >= ?",
    "year_to": "year <= ?",
    "actor": "(lower(subject) = lower(?) OR lower(object) = lower(?))",
}

# {claims}: the claims table, or the judged claims without the rejected ones.
ACTORS = """
WITH refs AS (
    SELECT actor, doc_id, 1 AS is_mention, 0 AS is_claim FROM mentions
    UNION ALL SELECT subject, doc_id, 0, 1 FROM {claims} AS c1
    UNION ALL SELECT object, doc_id, 0, 1 FROM {claims} AS c2 WHERE object <> subject
)
SELECT a.name, a.type, a.provisional,
       CAST(sum(r.is_mention) AS INTEGER) AS mentions, CAST(sum(r.is_claim) AS INTEGER) AS claims,
       CAST(count(DISTINCT r.doc_id) AS INTEGER) AS documents
FROM actors a JOIN refs r ON r.actor = a.name
GROUP BY a.name, a.type, a.provisional
ORDER BY claims DESC, mentions DESC, a.name
"""
ALIASES_SEEN = """
SELECT surface, count(*) AS n FROM mentions
WHERE lower(actor) = lower(?) OR lower(person) = lower(?)
GROUP BY surface ORDER BY n DESC, surface
"""
# Every actor's surface forms at once (folded name -> surface, count), for the web snapshot:
# one scan instead of one per actor page. A mention counts once for its actor and once for
# its person when the two differ, as ALIASES_SEEN counts it.
ALIASES_SEEN_ALL = """
SELECT who, surface, count(*) AS n FROM (
    SELECT lower(actor) AS who, surface FROM mentions
    UNION ALL
    SELECT lower(person), surface FROM mentions
    WHERE person IS NOT NULL AND lower(person) <> lower(actor)
) AS m GROUP BY who, surface ORDER BY who, n DESC, surface
"""
ACTOR_NAMES = "SELECT name FROM actors"
COUNTS = (
    "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM claims),"
    " (SELECT count(*) FROM mentions), (SELECT count(*) FROM actors)"
)


def values_rows(n_rows: int, n_cols: int) -> str:
    """``(?, ?), (?, ?)`` for a multi-row INSERT (portable and far faster than executemany)."""
    row = "(" + ", ".join("?" * n_cols) + ")"
    return ", ".join([row] * n_rows)


def marks(n: int) -> str:
    """``?, ?, ?`` for an ``IN (...)`` list of ``n`` bound values."""
    return ", ".join("?" * n)


PROVISIONAL_MENTIONS = """
SELECT m.actor, m.doc_id FROM mentions m JOIN actors a ON a.name = m.actor
WHERE a.provisional ORDER BY m.doc_id, m.start_char
"""
CATALOG_ACTORS_BY_DOC = """
SELECT DISTINCT m.doc_id, m.actor FROM mentions m JOIN actors a ON a.name = m.actor
WHERE NOT a.provisional
"""
