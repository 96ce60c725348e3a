"""The network view: actors as nodes, one edge per actor pair and valence, with filters.

An edge joins the claims of one pair (in either direction) of one valence: cooperation,
conflict or structure. So a pair that both cooperates and fights shows two edges. Width
comes from the number of independent stories (``proxygraph.graph`` stories), style from
the best certainty of the claims that hold.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from proxygraph.models import Claim
from proxygraph.web import models as m
from proxygraph.web.data import Snapshot
from proxygraph.web.queries import VALENCE, best_certainty

# More nodes or edges than this and the layout stops being readable; the best-connected
# actors and the best-evidenced edges (most independent stories) are kept.
MAX_NODES = 200
MAX_EDGES = 600


@dataclass(frozen=True)
class GraphFilter:
    relations: tuple[str, ...] = ()
    certainty: tuple[str, ...] = ()
    source: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    min_stories: int = 1
    negated: bool = True  # keep denied and negated claims (drawn as marked edges)
    focus: str | None = None
    depth: int = 1
    max_nodes: int = MAX_NODES
    max_edges: int = MAX_EDGES

    def keeps(self, c: Claim, year: int | None) -> bool:
        if self.relations and c.relation not in self.relations:
            return False
        if self.certainty and c.certainty not in self.certainty:
            return False
        if not self.negated and (c.negated or c.certainty == "denied"):
            return False
        if self.source and self.source.casefold() not in (c.source or "").casefold():
            return False
        return self._in_years(year)

    def _in_years(self, year: int | None) -> bool:
        if self.year_from is None and self.year_to is None:
            return True
        if year is None:
            return False
        return (self.year_from is None or year >= self.year_from) and (
            self.year_to is None or year <= self.year_to
        )


EdgeKey = tuple[str, str, str]


def edge_key(c: Claim) -> EdgeKey:
    a, b = sorted((c.subject, c.object))
    return a, b, VALENCE[c.valence]


def edge_id(key: EdgeKey) -> str:
    return "e" + hashlib.sha1("|".join(key).encode("utf-8")).hexdigest()[:12]


def edge_claims(snap: Snapshot, flt: GraphFilter) -> dict[EdgeKey, list[Claim]]:
    """The claims behind each edge (the graph's filters applied, not focus or size)."""
    return {k: [c for c, _ in v] for k, v in _edge_groups(snap, flt).items()}


def _edge_groups(snap: Snapshot, flt: GraphFilter) -> dict[EdgeKey, list[tuple[Claim, int | None]]]:
    def run() -> dict[EdgeKey, list[tuple[Claim, int | None]]]:
        groups: dict[EdgeKey, list[tuple[Claim, int | None]]] = defaultdict(list)
        claims, years = snap.claims, snap.claim_years
        positions = sorted({i for r in flt.relations for i in snap.candidates([("relation", r)])})
        for i in positions if flt.relations else range(len(claims)):
            c, year = claims[i], years[i]
            if c.subject != c.object and flt.keeps(c, year):
                groups[edge_key(c)].append((c, year))
        return dict(groups)

    base = GraphFilter(flt.relations, flt.certainty, flt.source, flt.year_from, flt.year_to,
                       negated=flt.negated)
    return snap.memo(("edge-claims", base), run)


def network(snap: Snapshot, flt: GraphFilter) -> m.GraphOut:
    return snap.memo(("network", flt), lambda: _network(snap, flt))


def _network(snap: Snapshot, flt: GraphFilter) -> m.GraphOut:
    cs = snap.claim_set
    edges = []
    for key, claims in _edge_groups(snap, flt).items():
        stories = len({cs.story(c) for c, _ in claims})
        if stories >= flt.min_stories:
            edges.append(make_edge(key, claims, stories))
    if flt.focus:
        edges = neighbourhood(edges, flt.focus, flt.depth)
    degree = _degrees(edges)
    truncated = len(degree) > flt.max_nodes
    if truncated:
        keep = set(sorted(degree, key=lambda n: (-degree[n], n))[: flt.max_nodes])
        if flt.focus:
            keep.add(flt.focus)
        edges = [e for e in edges if e.source in keep and e.target in keep]
        degree = _degrees(edges)
    if len(edges) > flt.max_edges:
        truncated = True
        edges = sorted(edges, key=lambda e: (-e.stories, -e.claims, e.id))[: flt.max_edges]
        degree = _degrees(edges)
    nodes = [_node(snap, name, degree[name]) for name in sorted(degree)]
    filters = {k: v for k, v in flt.__dict__.items() if v not in (None, ())}
    return m.GraphOut(nodes=nodes, edges=edges, truncated=truncated, filters=filters)


def make_edge(key: EdgeKey, dated: list[tuple[Claim, int | None]], stories: int) -> m.EdgeOut:
    claims = [c for c, _ in dated]
    relations: dict[str, int] = defaultdict(int)
    for c in claims:
        relations[c.relation] += 1
    years = [y for _, y in dated if y is not None]
    holding = [c for c in claims if not c.negated and c.certainty != "denied"]
    return m.EdgeOut.model_construct(  # the values are typed here; validation would double the cost
        id=edge_id(key), source=key[0], target=key[1], valence=key[2],
        relations=dict(sorted(relations.items(), key=lambda kv: -kv[1])), claims=len(claims),
        stories=stories, certainty=best_certainty(claims),
        contested=bool(holding) and len(holding) < len(claims),
        first_year=min(years, default=None), last_year=max(years, default=None),
    )


def neighbourhood(edges: list[m.EdgeOut], focus: str, depth: int) -> list[m.EdgeOut]:
    """Edges within ``depth`` hops of ``focus``."""
    near = {focus}
    for _ in range(depth):
        near |= {x for e in edges if e.source in near or e.target in near
                 for x in (e.source, e.target)}
    inner = {focus}
    for _ in range(depth - 1):
        inner |= {x for e in edges if e.source in inner or e.target in inner
                  for x in (e.source, e.target)}
    return [e for e in edges if (e.source in inner or e.target in inner)
            and e.source in near and e.target in near]


def _degrees(edges: list[m.EdgeOut]) -> dict[str, int]:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    return {n: len(v) for n, v in neighbours.items()}


def _node(snap: Snapshot, name: str, degree: int) -> m.NodeOut:
    row = snap.actor_rows.get(name)
    return m.NodeOut.model_construct(id=name, label=name, type=row.type if row else "unknown",
                                     degree=degree, claims=row.claims if row else 0)
