"""Independence: how much a set of claims weighs once copies and shared sources are counted once.

A claim is carried by a story (all copies, edits and translations of one article) and
comes from a source: the attributed ``source`` ("U.S. officials") when the text names one,
else the story's publisher (the author's own voice). Claims are linked story - source;
each connected group is one independent piece of evidence, weighing as much as its most
certain claim. So five copies of one wire story weigh one, and two stories that both quote
"U.S. officials" weigh one as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from proxygraph.graph.stories import Story, group_stories, story_index
from proxygraph.graph.weights import Weights, load_weights
from proxygraph.models import Claim, Document
from proxygraph.store.judgements import verified

YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")


@dataclass
class ClaimSet:
    """Claims with what judging them needs: their documents, stories and weights."""

    claims: list[Claim]
    documents: dict[str, Document]
    stories: list[Story]
    story_of: dict[str, str]
    weights: Weights
    _sources: dict[str, str] = field(default_factory=dict, repr=False)
    _publishers: dict[str, str] = field(default_factory=dict, repr=False)
    _by_pair: dict[tuple[str, str], list[Claim]] | None = field(default=None, repr=False)
    _by_actor: dict[str, list[Claim]] | None = field(default=None, repr=False)
    _docs_by_story: dict[str, list[str]] | None = field(default=None, repr=False)
    _years: dict[tuple[str | None, str], int | None] = field(default_factory=dict, repr=False)
    # Results worth sharing between callers (the stance of every pair: the summary computes
    # it, an actor page then filters it). Keyed by the function that fills it.
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)

    def pair_claims(self, a: str, b: str) -> list[Claim]:
        """The claims between ``a`` and ``b`` in either direction, in claim order. Indexed
        once: a scan of every claim per pair made the stance of all pairs quadratic."""
        if self._by_pair is None:
            index: dict[tuple[str, str], list[Claim]] = {}
            for c in self.claims:
                key = (c.subject, c.object) if c.subject <= c.object else (c.object, c.subject)
                index.setdefault(key, []).append(c)
            self._by_pair = index
        return self._by_pair.get((a, b) if a <= b else (b, a), [])

    def actor_claims(self, actor: str | None) -> list[Claim]:
        """The claims with ``actor`` at either end (all claims when None), in claim order."""
        if actor is None:
            return self.claims
        if self._by_actor is None:
            index: dict[str, list[Claim]] = {}
            for c in self.claims:
                index.setdefault(c.subject, []).append(c)
                if c.object != c.subject:
                    index.setdefault(c.object, []).append(c)
            self._by_actor = index
        return self._by_actor.get(actor, [])

    def story(self, claim: Claim) -> str:
        return self.story_of.get(claim.doc, claim.doc)

    def source(self, claim: Claim) -> str:
        """Who a claim comes from: its attributed source, else the story's publisher."""
        named = self._sources.get(claim.source) if claim.source else None
        return named or self._publisher_of_story(self.story(claim))

    def year(self, claim: Claim) -> int | None:
        """The year the relation holds (``claim.time``), else the document's year."""
        key = (claim.time, claim.doc)
        if key not in self._years:  # a regex per call was a tenth of the summary's time
            found = YEAR.search(claim.time or "")
            doc = self.documents.get(claim.doc)
            self._years[key] = int(found.group()) if found else (doc.year if doc else None)
        return self._years[key]

    def _publisher_of_story(self, story_id: str) -> str:
        if story_id not in self._publishers:
            self._publishers[story_id] = self._find_publisher(story_id)
        return self._publishers[story_id]

    def _find_publisher(self, story_id: str) -> str:
        docs = [self.documents[d] for d in self._docs_of(story_id) if d in self.documents]
        docs.sort(key=lambda d: (d.published or "9999", d.id))
        for doc in docs:
            if name := publisher(doc):
                return name
        return f"author of {story_id}"

    def _docs_of(self, story_id: str) -> list[str]:
        if self._docs_by_story is None:
            by_story: dict[str, list[str]] = {}
            for d, s in self.story_of.items():
                by_story.setdefault(s, []).append(d)
            self._docs_by_story = by_story
        return self._docs_by_story.get(story_id) or [story_id]


@dataclass(frozen=True)
class Weight:
    """The independent weight of some claims, with the two counts behind it."""

    value: float
    stories: int
    sources: int
    units: int  # independent groups of stories and sources

    def __str__(self) -> str:
        return f"{self.value:.2f} ({self.stories} stories, {self.sources} sources)"


def claim_set(
    claims: Sequence[Claim],
    documents: Sequence[Document],
    stories: list[Story] | None = None,
    weights: Weights | None = None,
) -> ClaimSet:
    """Everything the judgement functions need, built once."""
    weights = weights or load_weights()
    if stories is None:
        stories = group_stories(documents, claims, weights=weights)
    cs = ClaimSet(
        claims=list(claims),
        documents={d.id: d for d in documents},
        stories=stories,
        story_of=story_index(stories),
        weights=weights,
    )
    cs._sources = merge_source_names((c.source for c in claims if c.source), weights)
    return cs


def weigh(cs: ClaimSet, claims: Iterable[Claim], value_of=None) -> Weight:
    """Independent weight: each story once, each source once, the best claim of each group."""
    if isinstance(claims, list) and not claims:
        return Weight(
            0, 0, 0, 0
        )  # as the loop gives (an int 0); most relations have no counter-claims: skip the work
    # A claim read without a parse (the window reader) weighs its confidence: 0.5.
    value_of = value_of or (
        lambda c: cs.weights.support(c.certainty) * reviewed(cs, c) * c.confidence
    )
    parent: dict[tuple[str, str], tuple[str, str]] = {}
    best: dict[tuple[str, str], float] = {}
    stories, sources = set(), set()
    for claim in claims:
        story, source = ("story", cs.story(claim)), ("source", cs.source(claim))
        stories.add(story)
        sources.add(source)
        _union(parent, story, source)
        root = _root(parent, story)
        best[root] = max(best.get(root, 0.0), value_of(claim))
    groups: dict[tuple[str, str], float] = {}
    for node, value in best.items():
        root = _root(parent, node)
        groups[root] = max(groups.get(root, 0.0), value)
    return Weight(round(sum(groups.values()), 3), len(stories), len(sources), len(groups))


def support(cs: ClaimSet, claims: Iterable[Claim]) -> Weight:
    """Weight for the relation: claims that are neither negated nor denied."""
    return weigh(cs, [c for c in claims if holds(c)])


def against(cs: ClaimSet, claims: Iterable[Claim]) -> Weight:
    """Weight against the relation: denying and negating claims."""
    contra = [c for c in claims if not holds(c)]
    return weigh(
        cs,
        contra,
        lambda c: cs.weights.against(c.certainty, c.negated) * reviewed(cs, c) * c.confidence,
    )


def reviewed(cs: ClaimSet, claim: Claim) -> float:
    """An analyst's confirmation or correction weighs (weights.yaml ``review``)."""
    return cs.weights.reviewed(verified(claim))


def holds(claim: Claim) -> bool:
    return not claim.negated and claim.certainty != "denied"


def publisher(doc: Document) -> str | None:
    if doc.publisher:
        return doc.publisher.strip()
    if doc.url:
        host = urlparse(doc.url).netloc.lower()
        return host.removeprefix("www.").removeprefix("amp.") or None
    return doc.author


def merge_source_names(names: Iterable[str], weights: Weights) -> dict[str, str]:
    """Map each attributed source to one spelling: "Gen. Nicholson" and "Nicholson" are one.

    Anonymous sources ("he", "officials") are left out: they name nobody.
    """
    anonymous = {a.casefold() for a in weights.sources["anonymous"]}
    noise = set(weights.sources["noise"])
    keys = {n: source_key(n, noise) for n in set(names) if n.strip().casefold() not in anonymous}
    ordered = sorted(keys, key=lambda n: (-len(keys[n]), n))
    canonical: dict[str, str] = {}
    for name in ordered:
        key = keys[name]
        match = next((c for c in ordered if _names_same(key, keys[c])), name)
        canonical[name] = canonical.get(match, match)
    return canonical


def _names_same(short: frozenset[str], long: frozenset[str]) -> bool:
    """All words of one are in the other, and they share a name-like word ("Nicholson",
    not "U.S.")."""
    return bool(short) and short <= long and any(len(w) >= 4 for w in short)


def source_key(name: str, noise: set[str]) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"\w+", name.casefold()) if w not in noise)


def _root(parent: dict, x):
    parent.setdefault(x, x)
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _union(parent: dict, a, b) -> None:
    ra, rb = _root(parent, a), _root(parent, b)
    if ra != rb:
        parent[rb] = ra
