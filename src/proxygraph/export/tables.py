"""Flat exports: JSON Lines of claims, CSV tables, and Neo4j CSV files with a Cypher script."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from proxygraph.export.snapshot import Snapshot
from proxygraph.graph import Dyad
from proxygraph.models import Claim, Document
from proxygraph.ontology import CERTAINTIES, relations

CLAIM_COLUMNS = (
    "id",
    "doc",
    "subject",
    "relation",
    "object",
    "family",
    "valence",
    "negated",
    "certainty",
    "source",
    "time",
    "quote",
    "start",
    "end",
    "trigger",
    "construction",
    "subject_type",
    "object_type",
    "extras",
)
ACTOR_COLUMNS = ("name", "type", "provisional", "mentions", "claims", "documents")
DOCUMENT_COLUMNS = (
    "id",
    "title",
    "author",
    "published",
    "url",
    "publisher",
    "language",
    "path",
    "content_hash",
)
DYAD_COLUMNS = (
    "subject",
    "relation",
    "object",
    "family",
    "claims",
    "support",
    "support_stories",
    "support_sources",
    "against",
    "net",
    "first_year",
    "last_year",
    *CERTAINTIES,
    "negations",
    "best_quote",
    "best_doc",
    "best_source",
)


def write_jsonl(snap: Snapshot, path: Path | str) -> int:
    """One claim a line in the shared claim schema (``Claim.to_json``); ``-`` is stdout."""
    lines = (json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in snap.claims)
    if str(path) == "-":
        sys.stdout.writelines(lines)
    else:
        Path(path).write_text("".join(lines), encoding="utf-8")
    return len(snap.claims)


def write_csv(snap: Snapshot, folder: Path | str) -> list[Path]:
    """claims.csv, actors.csv, dyads.csv and documents.csv in ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_table(folder / "claims.csv", CLAIM_COLUMNS, map(claim_row, snap.claims)),
        write_table(folder / "actors.csv", ACTOR_COLUMNS, (a.__dict__ for a in snap.actors)),
        write_table(folder / "dyads.csv", DYAD_COLUMNS, map(dyad_row, snap.dyads)),
        write_table(folder / "documents.csv", DOCUMENT_COLUMNS, map(document_row, snap.documents)),
    ]


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...),
# +cmd|..., @SUM(...)); tab and carriage return are read as the same by some of them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet shows it as text: a leading ``'`` before a formula start.

    Every CSV proxygraph writes goes through this (OWASP's advice for CSV injection);
    numbers and booleans are left alone, so "-3" as an integer stays a number.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_table(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return path


def claim_row(claim: Claim) -> dict[str, Any]:
    row = {k: v for k, v in claim.to_json().items() if k in CLAIM_COLUMNS}
    row.update(
        id=claim.id,
        family=claim.family,
        valence=claim.valence,
        extras=json.dumps(claim.extras, ensure_ascii=False, sort_keys=True),
    )
    return row


def document_row(doc: Document) -> dict[str, Any]:
    row = {k: getattr(doc, k) for k in DOCUMENT_COLUMNS if k != "content_hash"}
    return {**row, "content_hash": doc.content_hash}


def dyad_row(d: Dyad) -> dict[str, Any]:
    best = d.evidence[0] if d.evidence else (d.counter_evidence[0] if d.counter_evidence else None)
    row: dict[str, Any] = {
        "subject": d.subject,
        "relation": d.relation,
        "object": d.object,
        "family": relations()[d.relation].family,
        "claims": d.claims,
        "support": d.support.value,
        "support_stories": d.support.stories,
        "support_sources": d.support.sources,
        "against": d.against.value,
        "net": d.net,
        "first_year": d.first_year,
        "last_year": d.last_year,
        "negations": d.negations,
        "best_quote": best.quote if best else None,
        "best_doc": best.doc if best else None,
        "best_source": best.source if best else None,
    }
    return {**row, **{c: d.certainty.get(c, 0) for c in CERTAINTIES}}


# -- Neo4j ------------------------------------------------------------------------------

# claims.csv of the Neo4j export has one more column: the relationship type of the claim.
NEO4J_CLAIM_COLUMNS = (*CLAIM_COLUMNS, "rel_type", "key")

CYPHER_HEAD = """// Load proxygraph's export into Neo4j. Copy the CSV files into the import folder,
// then run: cypher-shell -f load.cypher
CREATE CONSTRAINT actor_name IF NOT EXISTS FOR (a:Actor) REQUIRE a.name IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT claim_key IF NOT EXISTS FOR (c:Claim) REQUIRE c.key IS UNIQUE;

LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
MERGE (a:Actor {name: row.name})
SET a.type = row.type, a.provisional = toBoolean(row.provisional),
    a.mentions = toInteger(row.mentions), a.claims = toInteger(row.claims),
    a.documents = toInteger(row.documents);

LOAD CSV WITH HEADERS FROM 'file:///documents.csv' AS row
MERGE (d:Document {id: row.id})
SET d.title = row.title, d.author = row.author, d.published = row.published, d.url = row.url,
    d.publisher = row.publisher, d.language = row.language, d.path = row.path,
    d.content_hash = row.content_hash;

// Each claim as a node, linked to the document that states it and to its two actors.
LOAD CSV WITH HEADERS FROM 'file:///claims.csv' AS row
MERGE (s:Actor {name: row.subject})
MERGE (o:Actor {name: row.object})
MERGE (d:Document {id: row.doc})
MERGE (c:Claim {key: row.key})
SET c.id = row.id, c.type = row.rel_type, c.relation = row.relation,
  c.negated = toBoolean(row.negated), c.certainty = row.certainty, c.source = row.source,
  c.time = row.time, c.quote = row.quote
MERGE (d)-[:STATES]->(c)
MERGE (c)-[:SUBJECT]->(s)
MERGE (c)-[:OBJECT]->(o);

// One relationship per claim, typed by rel_type: ARMS only when the text says it holds,
// NOT_ARMS when it says it does not, DENIED_ARMS (DENIED_NOT_ARMS) when a source denies it.
// Cypher cannot take a relationship type from a parameter: one statement per type.
"""

CYPHER_CLAIM = """LOAD CSV WITH HEADERS FROM 'file:///claims.csv' AS row
WITH row WHERE row.rel_type = '{rel_type}'
MATCH (s:Actor {{name: row.subject}}), (o:Actor {{name: row.object}})
CREATE (s)-[:{rel_type} {{id: row.id, key: row.key, doc: row.doc, relation: row.relation,
  family: row.family, valence: toInteger(row.valence), negated: toBoolean(row.negated),
  certainty: row.certainty, source: row.source, time: row.time, quote: row.quote,
  start: toInteger(row.start), end: toInteger(row.end), trigger: row.trigger,
  extras: row.extras}}]->(o);
"""


def neo4j_type(claim: Claim) -> str:
    """The relationship type: the relation only when the text says it holds."""
    kind = f"NOT_{claim.relation}" if claim.negated else claim.relation
    return f"DENIED_{kind}" if claim.certainty == "denied" else kind


def neo4j_types() -> list[str]:
    """Every type ``neo4j_type`` can give, in ontology order."""
    return [t for r in relations() for t in (r, f"NOT_{r}", f"DENIED_{r}", f"DENIED_NOT_{r}")]


def write_neo4j(snap: Snapshot, folder: Path | str) -> list[Path]:
    """actors.csv, documents.csv, claims.csv and load.cypher (one relationship per claim)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = (
        {**claim_row(c), "rel_type": neo4j_type(c), "key": key} for key, c in snap.keyed_claims()
    )
    written = [
        write_table(folder / "actors.csv", ACTOR_COLUMNS, (a.__dict__ for a in snap.actors)),
        write_table(folder / "documents.csv", DOCUMENT_COLUMNS, map(document_row, snap.documents)),
        write_table(folder / "claims.csv", NEO4J_CLAIM_COLUMNS, rows),
    ]
    script = CYPHER_HEAD + "\n".join(CYPHER_CLAIM.format(rel_type=t) for t in neo4j_types())
    cypher = folder / "load.cypher"
    cypher.write_text(script, encoding="utf-8")
    return [*written, cypher]
