"""Judgement over claims: stories, independence, dyads, stance, timelines, contradictions,
paths and a summary. Pure functions over lists of ``Claim`` and ``Document``.

    cs = claim_set(claims, documents)      # stories and sources, computed once
    actor_stance(cs, "Russia")             # allies / adversaries / mixed, with evidence
"""

from proxygraph.graph.contradictions import Contradiction, contradictions
from proxygraph.graph.dyads import Dyad, Evidence, dyads
from proxygraph.graph.evidence import ClaimSet, Weight, claim_set, support, weigh
from proxygraph.graph.network import Hop, Path, build_graph, centrality, communities, paths
from proxygraph.graph.stance import PairStance, actor_stance, pair_stance, pair_stances
from proxygraph.graph.stories import Story, group_stories, story_index
from proxygraph.graph.summary import Summary, summarize
from proxygraph.graph.timeline import Entry, Transition, timeline, transitions
from proxygraph.graph.weights import Weights, load_weights

__all__ = [
    "ClaimSet",
    "Contradiction",
    "Dyad",
    "Entry",
    "Evidence",
    "Hop",
    "PairStance",
    "Path",
    "Story",
    "Summary",
    "Transition",
    "Weight",
    "Weights",
    "actor_stance",
    "build_graph",
    "centrality",
    "claim_set",
    "communities",
    "contradictions",
    "dyads",
    "group_stories",
    "load_weights",
    "pair_stance",
    "pair_stances",
    "paths",
    "story_index",
    "summarize",
    "support",
    "timeline",
    "transitions",
    "weigh",
]
