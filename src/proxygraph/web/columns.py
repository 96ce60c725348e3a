"""The claims of a snapshot as columns of integers, built once per data load.

A first-time query (a claims page, a graph with new filters) is then a few vectorised
comparisons over 10,000 rows instead of a Python loop over ``Claim`` objects, so it costs
about a millisecond and hardly holds the GIL that concurrent requests wait for.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from proxygraph.graph import ClaimSet
from proxygraph.models import Claim
from proxygraph.ontology import CERTAINTIES, relations

VALENCE = {1: "cooperation", -1: "conflict", 0: "structure"}
NO_YEAR = -1

# (a, b, valence, directed): a directed edge runs from subject a to object b; a symmetric
# relation (ALLIED_WITH, HOSTILE_TO ...) gives an undirected edge whose ends are sorted.
EdgeKey = tuple[str, str, str, bool]


def directed(relation: str) -> bool:
    """Whether the ontology gives the relation a direction (``symmetric: false``)."""
    found = relations().get(relation)
    return found is None or not found.symmetric


def edge_key(c: Claim) -> EdgeKey:
    if directed(c.relation):
        return c.subject, c.object, VALENCE[c.valence], True
    a, b = sorted((c.subject, c.object))
    return a, b, VALENCE[c.valence], False


def edge_label(key: EdgeKey) -> str:
    a, b, valence, is_directed = key
    return "|".join((a, b, valence, ">" if is_directed else "-"))


def edge_id(key: EdgeKey) -> str:
    return "e" + hashlib.sha1(edge_label(key).encode("utf-8")).hexdigest()[:12]


class Codes:
    """Distinct values numbered in order of first sight."""

    def __init__(self, values: Iterable[str] = ()) -> None:
        self.index: dict[str, int] = {}
        self.values: list[str] = []
        for v in values:
            self.code(v)

    def code(self, value: str) -> int:
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.values)
            self.values.append(value)
        return found

    def codes(self, values: Iterable[str]) -> np.ndarray:
        return np.fromiter((self.code(v) for v in values), dtype=np.int32)


@dataclass
class Columns:
    actors: list[str]  # stored actor names, sorted: the code is the name's rank
    actor_index: dict[str, int]
    subject: np.ndarray  # actor codes
    object: np.ndarray
    folds: Codes  # casefolded names (the claim filters compare folded)
    subject_fold: np.ndarray
    object_fold: np.ndarray
    relations: Codes
    relation: np.ndarray
    families: Codes
    family: np.ndarray
    certainty: np.ndarray  # rank in CERTAINTIES (0 asserted ... 3 denied)
    negated: np.ndarray
    holding: np.ndarray  # neither negated nor denied
    year: np.ndarray  # NO_YEAR when the claim has none
    sources: list[str]  # distinct sources, casefolded; code -1 is "no source"
    source: np.ndarray
    docs: Codes
    doc: np.ndarray
    story: np.ndarray
    edge: np.ndarray  # edge code, -1 for a claim about an actor and itself
    edges: list[EdgeKey]
    edge_index: dict[EdgeKey, int]
    edge_a: np.ndarray  # actor codes of the edge's ends (source and target when directed)
    edge_b: np.ndarray
    edge_directed: np.ndarray
    edge_ids: list[str]
    edge_id_rank: np.ndarray  # rank of the edge id string, for tie-breaking like ``sorted``
    rejected: np.ndarray  # rejected by an analyst (only in the columns that show them)

    def source_codes(self, needle: str) -> np.ndarray:
        """Codes of the sources that contain ``needle`` (casefolded)."""
        folded = needle.casefold()
        return np.array([i for i, s in enumerate(self.sources) if folded in s], dtype=np.int32)


def build_columns(
    claims: list[Claim], years: list[int | None], cs: ClaimSet, n_rejected: int = 0
) -> Columns:
    """Columns of ``claims``, whose last ``n_rejected`` an analyst rejected."""
    actors = sorted({n for c in claims for n in (c.subject, c.object)})
    actor_index = {n: i for i, n in enumerate(actors)}
    folds, relations, families, docs, stories = Codes(), Codes(), Codes(), Codes(), Codes()
    source_codes = Codes()
    rank = {c: i for i, c in enumerate(CERTAINTIES)}
    edges = Codes()
    edge_keys: dict[str, EdgeKey] = {}

    def edge_code(c: Claim) -> int:
        if c.subject == c.object:
            return -1
        key = edge_key(c)
        label = edge_label(key)
        edge_keys.setdefault(label, key)
        return edges.code(label)

    certainty = np.fromiter((rank[c.certainty] for c in claims), dtype=np.int8)
    negated = np.fromiter((c.negated for c in claims), dtype=bool)
    source = np.fromiter(
        (-1 if c.source is None else source_codes.code(c.source.casefold()) for c in claims),
        dtype=np.int32,
    )
    edge = np.fromiter((edge_code(c) for c in claims), dtype=np.int32)
    keys = [edge_keys[label] for label in edges.values]
    ids = [edge_id(k) for k in keys]
    id_rank = np.empty(len(ids), dtype=np.int32)
    id_rank[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(len(ids))
    return Columns(
        actors=actors,
        actor_index=actor_index,
        subject=np.fromiter((actor_index[c.subject] for c in claims), dtype=np.int32),
        object=np.fromiter((actor_index[c.object] for c in claims), dtype=np.int32),
        folds=folds,
        subject_fold=folds.codes(c.subject.casefold() for c in claims),
        object_fold=folds.codes(c.object.casefold() for c in claims),
        relations=relations,
        relation=relations.codes(c.relation for c in claims),
        families=families,
        family=families.codes(c.family for c in claims),
        certainty=certainty,
        negated=negated,
        holding=~negated & (certainty != rank["denied"]),
        year=np.fromiter((NO_YEAR if y is None else y for y in years), dtype=np.int32),
        sources=source_codes.values,
        source=source,
        docs=docs,
        doc=docs.codes(c.doc for c in claims),
        story=stories.codes(cs.story(c) for c in claims),
        edge=edge,
        edges=keys,
        edge_index={k: i for i, k in enumerate(keys)},
        edge_a=np.array([actor_index[k[0]] for k in keys], dtype=np.int32),
        edge_b=np.array([actor_index[k[1]] for k in keys], dtype=np.int32),
        edge_directed=np.array([k[3] for k in keys], dtype=bool),
        edge_ids=ids,
        edge_id_rank=id_rank,
        rejected=np.arange(len(claims)) >= len(claims) - n_rejected,
    )
