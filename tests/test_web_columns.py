"""The vectorised graph (``web.columns`` + ``web.network``) equals a plain loop over claims,
on a synthetic store with hubs, self-claims, undated claims and every certainty."""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from proxygraph.ontology import CERTAINTIES, relations
from proxygraph.web.data import Database
from proxygraph.web.network import GraphFilter, _network, edge_claims
from proxygraph.web.queries import VALENCE

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from bench_web import synth_store  # noqa: E402


@pytest.fixture(scope="module")
def synth_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("columns") / "synth.duckdb"
    synth_store(db, 600, 40, seed=11)
    return db


@pytest.fixture(scope="module")
def snap(synth_db: Path):
    database = Database(synth_db)
    database.refresh()
    return database.snapshot()


def keeps(f: GraphFilter, c, year) -> bool:
    if c.subject == c.object or (f.relations and c.relation not in f.relations):
        return False
    if (f.certainty and c.certainty not in f.certainty) or (
        not f.negated and (c.negated or c.certainty == "denied")
    ):
        return False
    if f.source and f.source.casefold() not in (c.source or "").casefold():
        return False
    if f.year_from is None and f.year_to is None:
        return True
    return (
        year is not None
        and (f.year_from is None or year >= f.year_from)
        and (f.year_to is None or year <= f.year_to)
    )


def key_of(c) -> tuple:
    """Directed relations from subject to object; symmetric ones with sorted ends."""
    if relations()[c.relation].symmetric:
        return (*sorted((c.subject, c.object)), VALENCE[c.valence], False)
    return (c.subject, c.object, VALENCE[c.valence], True)


def reference(snap, f: GraphFilter) -> dict:
    """Edges and degrees by a loop over Claim objects (focus and truncation left out)."""
    groups = defaultdict(list)
    for c, year in zip(snap.claims, snap.claim_years, strict=True):
        if keeps(f, c, year):
            groups[key_of(c)].append((c, year))
    edges = {}
    for key, dated in groups.items():
        claims = [c for c, _ in dated]
        stories = len({snap.claim_set.story(c) for c in claims})
        if stories < f.min_stories:
            continue
        held = {c.certainty for c in claims if not c.negated and c.certainty != "denied"}
        years = [y for _, y in dated if y is not None]
        edges[key] = (
            len(claims),
            stories,
            next((x for x in CERTAINTIES if x in held), "denied"),
            min(years, default=None),
            max(years, default=None),
        )
    return edges


def filters(rng: random.Random, snap) -> GraphFilter:
    rels = sorted({c.relation for c in snap.claims})
    year_from = rng.choice([None, 2004, 2012])
    return GraphFilter(
        tuple(sorted(rng.sample(rels, rng.randint(0, 2)))),
        tuple(sorted(rng.sample(CERTAINTIES, rng.randint(0, 2)))),
        rng.choice([None, "offic", "MINISTRY"]),
        year_from,
        rng.choice([None, 2020]) if year_from else None,
        rng.choice([1, 1, 2]),
        rng.choice([True, False]),
        max_nodes=10_000,
        max_edges=100_000,
    )


@pytest.mark.parametrize("seed", range(25))
def test_web_columns_graph_equals_a_loop_over_claims(snap, seed: int) -> None:
    f = filters(random.Random(seed), snap)
    got = {
        (e.source, e.target, e.valence, e.directed): (
            e.claims,
            e.stories,
            e.certainty,
            e.first_year,
            e.last_year,
        )
        for e in _network(snap, f).edges
    }
    assert got == reference(snap, f)


def test_web_columns_edge_claims_equal_a_loop(snap) -> None:
    f = GraphFilter(negated=False, year_from=2005)
    for edge in _network(snap, f).edges[:20]:
        key = (edge.source, edge.target, edge.valence, edge.directed)
        expected = [
            c
            for c, y in zip(snap.claims, snap.claim_years, strict=True)
            if keeps(f, c, y) and key_of(c) == key
        ]
        assert expected and edge_claims(snap, f, key) == expected


def test_web_columns_truncation_keeps_the_best_connected(snap) -> None:
    whole = _network(snap, GraphFilter(max_nodes=10_000, max_edges=100_000))
    small = _network(snap, GraphFilter(max_nodes=8))
    assert small.truncated and len(small.nodes) <= 8
    top = sorted(whole.nodes, key=lambda n: (-n.degree, n.id))[:8]
    assert {n.id for n in small.nodes} <= {n.id for n in top}


def test_web_columns_layout_same_on_every_load(snap, synth_db: Path) -> None:
    """Two loads of one store (two snapshots, as two server starts) place every actor alike,
    apart from each other, and a layout never depends on the filters (it is per snapshot)."""
    again = Database(synth_db)
    again.refresh()
    first, second = snap.positions, again.snapshot().positions
    assert first == second and len(first) == len(snap.columns.actors)
    assert len(set(first.values())) == len(first)
