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


def write_table(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
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

CYPHER_HEAD = """// Load proxygraph's export into Neo4j. Copy the CSV files into the import folder,
// then run: cypher-shell -f load.cypher
CREATE CONSTRAINT actor_name IF NOT EXISTS FOR (a:Actor) REQUIRE a.name IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;

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

// Cypher cannot take a relationship type from a parameter: one statement per relation.
"""

CYPHER_CLAIM = """LOAD CSV WITH HEADERS FROM 'file:///claims.csv' AS row
WITH row WHERE row.relation = '{relation}'
MERGE (s:Actor {{name: row.subject}})
MERGE (o:Actor {{name: row.object}})
CREATE (s)-[:{relation} {{id: row.id, doc: row.doc, family: row.family,
  valence: toInteger(row.valence), negated: toBoolean(row.negated), certainty: row.certainty,
  source: row.source, time: row.time, quote: row.quote, start: toInteger(row.start),
  end: toInteger(row.end), trigger: row.trigger, extras: row.extras}}]->(o);
"""


def write_neo4j(snap: Snapshot, folder: Path | str) -> list[Path]:
    """actors.csv, documents.csv, claims.csv and load.cypher (one relationship per claim)."""
    folder = Path(folder)
    written = [p for p in write_csv(snap, folder) if p.name != "dyads.csv"]
    (folder / "dyads.csv").unlink()
    script = CYPHER_HEAD + "\n".join(CYPHER_CLAIM.format(relation=r) for r in relations())
    cypher = folder / "load.cypher"
    cypher.write_text(script, encoding="utf-8")
    return [*written, cypher]
