"""The network view: actors as nodes, edges by direction and valence, with filters.

An edge joins the claims of one valence (cooperation, conflict or structure) between two
actors: a directed relation (ARMS, ATTACKS ...) from its subject to its object, so the two
directions of a pair are two edges; a symmetric one (ALLIED_WITH, HOSTILE_TO ...) in one
undirected edge. Width comes from the number of independent stories (``proxygraph.graph``
stories), style from the best certainty of the claims that hold. Nodes carry their place in
the snapshot's deterministic layout (``web.layout``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from proxygraph.models import Claim
from proxygraph.ontology import CERTAINTIES
from proxygraph.web import models as m
from proxygraph.web.columns import NO_YEAR, Columns, EdgeKey
from proxygraph.web.data import Snapshot

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
    rejected: bool = False  # also draw edges made only of claims an analyst rejected

    def mask(self, cols: Columns) -> np.ndarray:
        """The claims that pass the filters (not focus or size), as a boolean column."""
        keep = cols.edge >= 0
        if self.relations:
            codes = [cols.relations.index.get(r, -1) for r in self.relations]
            keep &= np.isin(cols.relation, codes)
        if self.certainty:
            keep &= np.isin(cols.certainty, [CERTAINTIES.index(c) for c in self.certainty])
        if not self.negated:
            keep &= cols.holding
        if self.source:
            keep &= np.isin(cols.source, cols.source_codes(self.source))
        if self.year_from is not None or self.year_to is not None:
            keep &= cols.year != NO_YEAR
            if self.year_from is not None:
                keep &= cols.year >= self.year_from
            if self.year_to is not None:
                keep &= cols.year <= self.year_to
        return keep

    def base(self) -> GraphFilter:
        """The part of the filter that chooses claims (the rest shapes the drawing)."""
        return GraphFilter(
            self.relations,
            self.certainty,
            self.source,
            self.year_from,
            self.year_to,
            negated=self.negated,
            rejected=self.rejected,
        )


def edge_claims(snap: Snapshot, flt: GraphFilter, *keys: EdgeKey) -> list[Claim]:
    """The claims behind the edges, the graph's filters applied (not focus or size)."""
    cols, claims = snap.columns_for(flt.rejected)
    codes = [code for key in keys if (code := cols.edge_index.get(key)) is not None]
    if not codes:
        return []
    keep = flt.base().mask(cols) & np.isin(cols.edge, codes)
    return [claims[i] for i in np.flatnonzero(keep)]  # the rejected ones last


def pair_keys(a: str, b: str, valence: str, is_directed: bool | None) -> list[EdgeKey]:
    """The edges of one valence between two actors: a to b (directed), b to a, undirected;
    only the directed ones from a to b when ``is_directed``, the undirected one when False."""
    x, y = sorted((a, b))
    if is_directed is None:
        return [(a, b, valence, True), (b, a, valence, True), (x, y, valence, False)]
    return [(a, b, valence, True)] if is_directed else [(x, y, valence, False)]


def network(snap: Snapshot, flt: GraphFilter) -> m.GraphOut:
    return snap.memo(("network", flt), lambda: _network(snap, flt))


@dataclass
class EdgeStats:
    """Per-edge aggregates of the selected claims (arrays indexed by edge code)."""

    selected: np.ndarray  # claim positions, ascending
    claims: np.ndarray
    stories: np.ndarray
    first: np.ndarray  # position in ``selected`` of the edge's first claim
    rejected: np.ndarray  # per edge: every selected claim was rejected by an analyst


def edge_stats(snap: Snapshot, flt: GraphFilter) -> EdgeStats:
    def run() -> EdgeStats:
        cols, _ = snap.columns_for(flt.rejected)
        n_edges = len(cols.edges)
        selected, rejected = select(cols, flt)
        e = cols.edge[selected]
        claims = np.bincount(e, minlength=n_edges)
        pairs = np.unique(
            e.astype(np.int64) * (int(cols.story.max(initial=0)) + 1) + cols.story[selected]
        )
        stories = np.bincount(pairs // (int(cols.story.max(initial=0)) + 1), minlength=n_edges)
        first = np.full(n_edges, len(selected), dtype=np.int64)
        codes, at = np.unique(e, return_index=True)
        first[codes] = at
        return EdgeStats(selected, claims, stories, first, rejected)

    return snap.memo(("edge-stats", flt.base()), run)


def select(cols: Columns, flt: GraphFilter) -> tuple[np.ndarray, np.ndarray]:
    """The claims an edge is drawn from, and which edges are made only of rejected ones.

    A rejected claim is drawn only where no claim that stands is (an edge that stands keeps
    its own counts and style); such an edge is marked as rejected.
    """
    mask = flt.mask(cols)
    standing = np.bincount(cols.edge[mask & ~cols.rejected], minlength=len(cols.edges))
    only_rejected = standing == 0
    if cols.rejected.any():
        mask[cols.rejected] &= only_rejected[np.maximum(cols.edge[cols.rejected], 0)]
    return np.flatnonzero(mask), only_rejected


def _network(snap: Snapshot, flt: GraphFilter) -> m.GraphOut:
    cols, _ = snap.columns_for(flt.rejected)
    st = edge_stats(snap, flt)
    kept = np.flatnonzero((st.claims > 0) & (st.stories >= flt.min_stories))
    kept = kept[np.argsort(st.first[kept], kind="stable")]  # in order of first claim
    focus = cols.actor_index.get(flt.focus, -1) if flt.focus else None
    if focus is not None:
        kept = neighbourhood(cols, kept, focus, flt.depth)
    degree = _degrees(cols, kept)
    truncated = bool(np.count_nonzero(degree) > flt.max_nodes)
    if truncated:
        present = np.flatnonzero(degree)
        order = present[np.lexsort((present, -degree[present]))][: flt.max_nodes]
        keep = np.zeros(len(cols.actors), dtype=bool)
        keep[order] = True
        if focus is not None and focus >= 0:
            keep[focus] = True
        kept = kept[keep[cols.edge_a[kept]] & keep[cols.edge_b[kept]]]
    if len(kept) > flt.max_edges:
        truncated = True
        kept = kept[np.lexsort((cols.edge_id_rank[kept], -st.claims[kept], -st.stories[kept]))][
            : flt.max_edges
        ]
    degree = _degrees(cols, kept).tolist()
    edges = make_edges(cols, st, kept)
    nodes = [_node(snap, cols.actors[i], degree[i]) for i in np.flatnonzero(degree).tolist()]
    filters = {k: v for k, v in flt.__dict__.items() if v not in (None, ())}
    return m.GraphOut(nodes=nodes, edges=edges, truncated=truncated, filters=filters)


def make_edges(cols: Columns, st: EdgeStats, kept: np.ndarray) -> list[m.EdgeOut]:
    """The drawn edges; only these get their relations, certainty and years aggregated."""
    wanted = np.zeros(len(cols.edges), dtype=bool)
    wanted[kept] = True
    sel = st.selected[wanted[cols.edge[st.selected]]]
    e = cols.edge[sel]
    best = np.full(len(cols.edges), len(CERTAINTIES), dtype=np.int64)
    np.minimum.at(best, e[cols.holding[sel]], cols.certainty[sel][cols.holding[sel]])
    holding = np.bincount(e[cols.holding[sel]], minlength=len(cols.edges))
    dated = cols.year[sel] != NO_YEAR
    first_year = np.full(len(cols.edges), np.iinfo(np.int32).max, dtype=np.int64)
    last_year = np.full(len(cols.edges), NO_YEAR, dtype=np.int64)
    np.minimum.at(first_year, e[dated], cols.year[sel][dated])
    np.maximum.at(last_year, e[dated], cols.year[sel][dated])
    relations = _relation_counts(cols, sel, e)
    # Python lists: indexing them is several times cheaper than numpy scalars in the loop.
    n_claims, n_stories, held = st.claims.tolist(), st.stories.tolist(), holding.tolist()
    best_l, first_l, last_l = best.tolist(), first_year.tolist(), last_year.tolist()
    rejected = st.rejected.tolist()
    out = []
    for code in kept.tolist():
        a, b, valence, is_directed = cols.edges[code]
        n, last = n_claims[code], last_l[code]
        out.append(
            m.EdgeOut.model_construct(  # typed here; validation would double the cost
                id=cols.edge_ids[code],
                source=a,
                target=b,
                valence=valence,
                directed=is_directed,
                relations=relations.get(code, {}),
                claims=n,
                stories=n_stories[code],
                certainty=CERTAINTIES[best_l[code]]
                if best_l[code] < len(CERTAINTIES)
                else "denied",
                contested=0 < held[code] < n,
                first_year=first_l[code] if last != NO_YEAR else None,
                last_year=last if last != NO_YEAR else None,
                rejected=rejected[code],
            )
        )
    return out


def _relation_counts(cols: Columns, sel: np.ndarray, e: np.ndarray) -> dict[int, dict[str, int]]:
    """Per edge, its relations by count, most first (ties in order of first claim)."""
    n_rel = len(cols.relations.values) or 1
    combined = e.astype(np.int64) * n_rel + cols.relation[sel]
    pairs, first, counts = np.unique(combined, return_index=True, return_counts=True)
    order = np.lexsort((first, -counts, pairs // n_rel))
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for pair, count in zip(pairs[order].tolist(), counts[order].tolist(), strict=True):
        out[pair // n_rel][cols.relations.values[pair % n_rel]] = count
    return out


def neighbourhood(cols: Columns, kept: np.ndarray, focus: int, depth: int) -> np.ndarray:
    """Edges within ``depth`` hops of ``focus`` (-1 when the actor is in no claim)."""
    if focus < 0:
        return kept[:0]
    a, b = cols.edge_a[kept], cols.edge_b[kept]

    def grow(steps: int) -> np.ndarray:
        near = np.zeros(len(cols.actors), dtype=bool)
        near[focus] = True
        for _ in range(steps):
            touching = near[a] | near[b]
            near[a[touching]] = True
            near[b[touching]] = True
        return near

    near, inner = grow(depth), grow(depth - 1)
    return kept[(inner[a] | inner[b]) & near[a] & near[b]]


def _degrees(cols: Columns, kept: np.ndarray) -> np.ndarray:
    """Distinct neighbours of each actor over the edges (a pair may have three valences)."""
    n = len(cols.actors)
    a, b = cols.edge_a[kept].astype(np.int64), cols.edge_b[kept].astype(np.int64)
    pairs = np.unique(np.minimum(a, b) * n + np.maximum(a, b))
    return np.bincount(pairs // n, minlength=n) + np.bincount(pairs % n, minlength=n)


def _node(snap: Snapshot, name: str, degree: int) -> m.NodeOut:
    row = snap.actor_rows.get(name)
    x, y = snap.positions.get(name, (0.0, 0.0))
    return m.NodeOut.model_construct(
        id=name,
        x=x,
        y=y,
        label=name,
        type=row.type if row else "unknown",
        degree=degree,
        claims=row.claims if row else 0,
    )
