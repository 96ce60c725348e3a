"""GraphML and GEXF (Gephi): actors as nodes, one edge per (subject, relation, object) dyad.

Both formats hold only scalar attributes, so lists (documents, sources) are joined with
"; " and missing values are left out rather than written as empty strings.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from proxygraph.export.snapshot import Snapshot
from proxygraph.graph import Dyad, pair_stances
from proxygraph.graph.stance import PairStance, pair_key
from proxygraph.graph.stories import claim_triple
from proxygraph.ontology import CERTAINTIES, relations

JOIN = "; "


def claim_graph(snap: Snapshot) -> nx.MultiDiGraph:
    """Nodes carry the actor table; edges carry the dyad, its pair's stance and its evidence."""
    graph = nx.MultiDiGraph(name="proxygraph")
    for actor in snap.actors:
        graph.add_node(actor.name, **_scalars(actor.__dict__))
    stances = {(p.a, p.b): p for p in pair_stances(snap.cs)}
    docs = _dyad_docs(snap)
    for dyad in snap.dyads:
        stance = stances.get(pair_key(dyad.subject, dyad.object))
        triple = (dyad.subject, dyad.relation, dyad.object)
        attrs = edge_attributes(dyad, stance, docs.get(triple, []))
        graph.add_edge(dyad.subject, dyad.object, key=dyad.relation, **attrs)
    for name in graph.nodes:  # actors seen only in claims
        graph.nodes[name].setdefault("type", snap.actor_type(name))
    return graph


def edge_attributes(dyad: Dyad, stance: PairStance | None, docs: list[str]) -> dict[str, Any]:
    rel = relations()[dyad.relation]
    best = (dyad.evidence or dyad.counter_evidence or [None])[0]
    attrs: dict[str, Any] = {
        "relation": dyad.relation,
        "family": rel.family,
        "valence": rel.valence,
        "symmetric": rel.symmetric,
        "claims": dyad.claims,
        "support": float(dyad.support.value),
        "against": float(dyad.against.value),
        "net": float(dyad.net),
        "negations": dyad.negations,
        "first_year": dyad.first_year,
        "last_year": dyad.last_year,
        "doc_ids": JOIN.join(docs),
        "sources": JOIN.join(sorted({e.source for e in dyad.evidence + dyad.counter_evidence})),
        "quote": best.quote if best else None,
        "quote_doc": best.doc if best else None,
        "stance": stance.label if stance else None,
        "stance_score": float(stance.score) if stance else None,
        "weight": float(dyad.net),  # Gephi's edge thickness; floats throughout, as both
        # formats type an attribute by its first value
    }
    attrs.update({c: dyad.certainty.get(c, 0) for c in CERTAINTIES})
    return _scalars(attrs)


def _dyad_docs(snap: Snapshot) -> dict[tuple[str, str, str], list[str]]:
    docs: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for claim in snap.claims:
        docs[claim_triple(claim)].add(claim.doc)
    return {k: sorted(v) for k, v in docs.items()}


def _scalars(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}


def write_graphml(snap: Snapshot, path: Path | str) -> Path:
    nx.write_graphml(claim_graph(snap), str(path), encoding="utf-8")
    return Path(path)


def write_gexf(snap: Snapshot, path: Path | str) -> Path:
    nx.write_gexf(claim_graph(snap), str(path), encoding="utf-8")
    return Path(path)
