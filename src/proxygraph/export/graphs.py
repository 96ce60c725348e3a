"""GraphML and GEXF (Gephi): actors as nodes, edges per (subject, relation, object) dyad.

A dyad gets an edge ``ARMS`` for the claims that say the relation holds, and a separate
edge ``NOT_ARMS`` (its own key, label and ``relation``, ``holds`` false) for the claims
that negate or deny it, so a reader that looks only at the edge's relation or label never
takes "Russia did not arm X" for ``ARMS``.

Both formats hold only scalar attributes, so lists (documents, sources) are joined with
"; " and missing values are left out rather than written as empty strings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from proxygraph.export.snapshot import Snapshot
from proxygraph.graph import Dyad, pair_stances
from proxygraph.graph.evidence import holds
from proxygraph.graph.stance import PairStance, pair_key
from proxygraph.graph.stories import claim_triple
from proxygraph.models import Claim
from proxygraph.ontology import CERTAINTIES, relations

JOIN = "; "


def claim_graph(snap: Snapshot) -> nx.MultiDiGraph:
    """Nodes carry the actor table; edges carry the dyad, its pair's stance and its evidence."""
    graph = nx.MultiDiGraph(name="proxygraph")
    for actor in snap.actors:
        graph.add_node(actor.name, **_scalars(actor.__dict__))
    stances = {(p.a, p.b): p for p in pair_stances(snap.cs)}
    groups = _edge_claims(snap)
    for dyad in snap.dyads:
        stance = stances.get(pair_key(dyad.subject, dyad.object))
        triple = (dyad.subject, dyad.relation, dyad.object)
        for positive in (True, False):
            claims = groups.get((triple, positive))
            if not claims:
                continue
            attrs = edge_attributes(dyad, stance, claims, positive)
            graph.add_edge(dyad.subject, dyad.object, key=attrs["relation"], **attrs)
    for name in graph.nodes:  # actors seen only in claims
        graph.nodes[name].setdefault("type", snap.actor_type(name))
    return graph


def edge_attributes(
    dyad: Dyad, stance: PairStance | None, claims: list[Claim], positive: bool
) -> dict[str, Any]:
    """The edge of ``claims`` (all holding, or all negated/denied) of ``dyad``.

    ``support``, ``against`` and ``net`` are the dyad's, on both of its edges.
    """
    rel = relations()[dyad.relation]
    best = ((dyad.evidence if positive else dyad.counter_evidence) or [None])[0]
    name = dyad.relation if positive else f"NOT_{dyad.relation}"
    docs = sorted({c.doc for c in claims})
    attrs: dict[str, Any] = {
        "relation": name,
        "label": name,
        "holds": positive,
        "asserted_relation": dyad.relation,
        "family": rel.family,
        "valence": rel.valence if positive else 0,
        "symmetric": rel.symmetric,
        "claims": len(claims),
        "support": float(dyad.support.value),
        "against": float(dyad.against.value),
        "net": float(dyad.net),
        "negations": sum(c.negated for c in claims),
        "first_year": dyad.first_year,
        "last_year": dyad.last_year,
        "doc_ids": JOIN.join(docs),
        "sources": JOIN.join(
            sorted({e.source for e in (dyad.evidence if positive else dyad.counter_evidence)})
        ),
        "quote": best.quote if best else None,
        "quote_doc": best.doc if best else None,
        "stance": stance.label if stance else None,
        "stance_score": float(stance.score) if stance else None,
        # Gephi's edge thickness: the net support, or the weight against for a NOT_ edge;
        # floats throughout, as both formats type an attribute by its first value
        "weight": float(dyad.net if positive else dyad.against.value),
    }
    counts = Counter(c.certainty for c in claims)
    attrs.update({c: counts.get(c, 0) for c in CERTAINTIES})
    return _scalars(attrs)


def _edge_claims(snap: Snapshot) -> dict[tuple[tuple[str, str, str], bool], list[Claim]]:
    """Claims by (triple, whether the text says the relation holds)."""
    groups: dict[tuple[tuple[str, str, str], bool], list[Claim]] = defaultdict(list)
    for claim in snap.claims:
        groups[(claim_triple(claim), holds(claim))].append(claim)
    return groups


def _scalars(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}


def write_graphml(snap: Snapshot, path: Path | str) -> Path:
    nx.write_graphml(claim_graph(snap), str(path), encoding="utf-8")
    return Path(path)


def write_gexf(snap: Snapshot, path: Path | str) -> Path:
    nx.write_gexf(claim_graph(snap), str(path), encoding="utf-8")
    return Path(path)
