"""The corpus at a glance."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from proxygraph.graph.evidence import ClaimSet
from proxygraph.graph.network import Centrality, build_graph, centrality, communities
from proxygraph.graph.stance import ADVERSARIES, ALLIES, PairStance


@dataclass
class Summary:
    documents: int
    stories: int
    copied_stories: int  # stories told by more than one document
    actors: int
    claims: int
    relations: dict[str, int]
    connected: list[Centrality] = field(default_factory=list)
    communities: list[list[str]] = field(default_factory=list)
    alliances: list[PairStance] = field(default_factory=list)
    hostilities: list[PairStance] = field(default_factory=list)

    def to_json(self) -> dict:
        row = dict(self.__dict__)
        row["connected"] = [c.__dict__ for c in self.connected]
        for key in ("alliances", "hostilities"):
            row[key] = [_pair_row(p) for p in getattr(self, key)]
        return row


def summarize(cs: ClaimSet, top: int = 5, graph: nx.Graph | None = None) -> Summary:
    graph = graph if graph is not None else build_graph(cs)
    pairs = [data["stance"] for _, _, data in graph.edges(data=True)]
    return Summary(
        documents=len(cs.documents),
        stories=len(cs.stories),
        copied_stories=sum(1 for s in cs.stories if len(s.docs) > 1),
        actors=len({a for c in cs.claims for a in (c.subject, c.object)}),
        claims=len(cs.claims),
        relations=dict(Counter(c.relation for c in cs.claims).most_common()),
        connected=centrality(graph)[:top],
        communities=communities(graph),
        alliances=sorted((p for p in pairs if p.label == ALLIES), key=lambda p: -p.score)[:top],
        hostilities=sorted((p for p in pairs if p.label == ADVERSARIES), key=lambda p: p.score)[
            :top
        ],
    )


def _pair_row(p: PairStance) -> dict:
    return {
        "a": p.a,
        "b": p.b,
        "score": p.score,
        "balance": p.balance,
        "mass": p.mass,
        "confidence": p.confidence,
        "statement": p.statement,
    }
