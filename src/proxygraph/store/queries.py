"""Every SQL statement of the store, in one place.

Placeholders are ``?`` (DuckDB's qmark style); the PostgreSQL backend (``postgres.py``)
translates them to ``%s``. Only portable SQL is used: no DuckDB-only functions, JSON kept as TEXT.
"""

from __future__ import annotations

from importlib import resources

SCHEMA_VERSION = 2
# Statements that bring an older store up to SCHEMA_VERSION, by the version they start from.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: ("ALTER TABLE claims ADD COLUMN construction TEXT",),
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

ACTORS = """
WITH refs AS (
    SELECT actor, doc_id, 1 AS is_mention, 0 AS is_claim FROM mentions
    UNION ALL SELECT subject, doc_id, 0, 1 FROM claims
    UNION ALL SELECT object, doc_id, 0, 1 FROM claims WHERE object <> subject
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
ACTOR_NAMES = "SELECT name FROM actors"
COUNTS = (
    "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM claims),"
    " (SELECT count(*) FROM mentions), (SELECT count(*) FROM actors)"
)


def schema_statements() -> list[str]:
    """The statements of schema.sql, comments stripped."""
    text = resources.files("proxygraph.store").joinpath("schema.sql").read_text("utf-8")
    lines = [line.split("--", 1)[0] for line in text.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


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
