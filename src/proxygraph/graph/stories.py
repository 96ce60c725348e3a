"""Stories: documents that are one article however often it is copied, edited or translated.

Copies (syndication, reposts, one wire story on five sites) share most of their word
shingles and are found with MinHash/LSH. Translations and rewrites share almost no
shingles, so they are found from what a translation keeps: names, numbers and years, the
actors named and how often, the claims made, and the publication date. Precision first:
two documents join only when several of these signals agree clearly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from proxygraph.graph.weights import Weights, load_weights
from proxygraph.models import Claim, Document
from proxygraph.ontology import relation

if TYPE_CHECKING:
    from datasketch import MinHash

WORD = re.compile(r"\w+", re.UNICODE)
NUMBER = re.compile(r"\b\d[\d,.]*\d\b")
# A capitalised word that does not open a sentence or a line: a name, not grammar.
NAME = re.compile(r"(?<![.!?:\n\"“])(?<![.!?:\n\"“] )\b[A-Z][a-z]{2,}\b")


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    kind: str  # "duplicate" or "translation"
    detail: dict[str, float]


@dataclass
class Story:
    id: str
    docs: list[str]
    links: list[Link] = field(default_factory=list)

    @property
    def kind(self) -> str:
        kinds = {link.kind for link in self.links}
        return "+".join(sorted(kinds)) if kinds else "single"


@dataclass
class Profile:
    """What of a document survives copying and translation."""

    doc: Document
    words: list[str]
    names: set[str]
    numbers: set[str]
    actors: Counter[str]
    claims: set[tuple[str, str, str]]


def group_stories(
    documents: Sequence[Document],
    claims: Iterable[Claim] = (),
    actor_finder: object | None = None,
    weights: Weights | None = None,
) -> list[Story]:
    """Every document in exactly one story; stories sorted by id.

    ``actor_finder`` has ``find(text) -> [match with .actor]`` (a ``Gazetteer``); by default
    the packaged catalog's. Claims, when given, add the claim-overlap signal.
    """
    weights = weights or load_weights()
    finder = actor_finder or _default_finder()
    by_doc: dict[str, set[tuple[str, str, str]]] = {}
    for claim in claims:
        by_doc.setdefault(claim.doc, set()).add(claim_triple(claim))
    profiles = {d.id: profile(d, finder, by_doc.get(d.id, set())) for d in documents}
    links = find_duplicates(profiles, weights) + find_translations(profiles, weights, set())
    return _assemble(profiles, links)


def story_index(stories: Iterable[Story]) -> dict[str, str]:
    """Document id -> story id."""
    return {doc: story.id for story in stories for doc in story.docs}


def claim_triple(claim: Claim) -> tuple[str, str, str]:
    s, o = claim.subject, claim.object
    if relation(claim.relation).symmetric:
        s, o = sorted((s, o))
    return (s, claim.relation, o)


def prose(doc: Document) -> str:
    """The document's kept prose (page clutter removed by ingest), or all of it."""
    if not doc.kept:
        return doc.text
    return "\n".join(doc.text[a:b] for a, b in doc.kept)


def profile(doc: Document, finder: object, triples: set[tuple[str, str, str]]) -> Profile:
    text = prose(doc)
    return Profile(
        doc=doc,
        words=[w.casefold() for w in WORD.findall(text)],
        names={m.casefold() for m in NAME.findall(text)},
        numbers={n.replace(",", "") for n in NUMBER.findall(text)},
        actors=Counter(m.actor for m in finder.find(text)),  # type: ignore[attr-defined]
        claims=triples,
    )


def find_duplicates(profiles: dict[str, Profile], weights: Weights) -> list[Link]:
    """Pairs of near-identical documents, by MinHash/LSH then the estimated Jaccard."""
    cfg = weights.stories
    threshold = cfg["duplicate_jaccard"]
    from datasketch import MinHashLSH  # here: it loads scipy, which only grouping stories needs

    lsh = MinHashLSH(threshold=threshold, num_perm=int(cfg["num_perm"]))
    hashes: dict[str, MinHash] = {}
    for doc_id, prof in profiles.items():
        if len(prof.words) < cfg["min_words"]:
            continue
        hashes[doc_id] = _minhash(prof.words, int(cfg["shingle_words"]), int(cfg["num_perm"]))
        lsh.insert(doc_id, hashes[doc_id])
    links = []
    for doc_id, mh in hashes.items():
        for other in lsh.query(mh):
            if other > doc_id and (j := mh.jaccard(hashes[other])) >= threshold:
                links.append(Link(doc_id, other, "duplicate", {"jaccard": round(j, 3)}))
    return links


def find_translations(
    profiles: dict[str, Profile], weights: Weights, skip: set[tuple[str, str]]
) -> list[Link]:
    """Pairs that tell one story in different words: several clear signals must agree."""
    links = []
    for a, b in candidate_pairs(profiles, weights):
        if (a, b) in skip:
            continue
        signals = translation_signals(profiles[a], profiles[b], weights)
        if signals is not None and len(signals) >= weights.stories["min_signals"]:
            links.append(Link(a, b, "translation", signals))
    return links


def candidate_pairs(profiles: dict[str, Profile], weights: Weights) -> list[tuple[str, str]]:
    """Pairs that share enough names, numbers or claims to possibly be one story.

    Every accepted pair needs one of these three signals, so nothing is lost; items found
    in most documents ("Russia", "2024") are left out of the index to keep it small.
    """
    cfg = weights.stories
    limit = max(50, len(profiles) // 10)
    ids = sorted(profiles)
    rank = {doc_id: i for i, doc_id in enumerate(ids)}
    pairs: set[tuple[str, str]] = set()
    for field_name, need in (
        ("names", "names_min_shared"),
        ("numbers", "numbers_min_shared"),
        ("claims", "claims_min_shared"),
    ):
        postings: dict[object, list[int]] = {}
        for doc_id, prof in profiles.items():
            for item in getattr(prof, field_name):
                postings.setdefault(item, []).append(rank[doc_id])
        codes, counts = _shared_counts(postings.values(), len(ids), limit)
        pairs.update((ids[c // len(ids)], ids[c % len(ids)]) for c in codes[counts >= cfg[need]])
    return sorted(pairs)


def _shared_counts(
    postings: Iterable[list[int]], n: int, limit: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each pair of documents (``a * n + b``, a < b) that share an item, and how many items
    they share; items in more than ``limit`` documents are left out. Counted in numpy: a
    Counter over every pair was a fifth of grouping 2,000 documents into stories."""
    chunks = []
    for docs in postings:
        if 2 <= len(docs) <= limit:
            ranks = np.sort(np.array(docs, dtype=np.int64))
            a, b = np.triu_indices(len(ranks), 1)
            chunks.append(ranks[a] * n + ranks[b])
    if not chunks:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.unique(np.concatenate(chunks), return_counts=True)


def translation_signals(p: Profile, q: Profile, weights: Weights) -> dict[str, float] | None:
    """The signals on which two documents agree, or None when something rules them out."""
    cfg = weights.stories
    if not _similar_length(p, q, cfg["max_length_ratio"]) or _far_apart(p.doc, q.doc, cfg):
        return None
    found: dict[str, float] = {}
    names = _jaccard(p.names, q.names)
    if len(p.names & q.names) >= cfg["names_min_shared"] and names >= cfg["names_jaccard"]:
        found["names"] = round(names, 3)
    shared = p.numbers & q.numbers
    smaller = min(len(p.numbers), len(q.numbers)) or 1
    if len(shared) >= cfg["numbers_min_shared"] and len(shared) / smaller >= cfg["numbers_overlap"]:
        found["numbers"] = round(len(shared) / smaller, 3)
    mentions = min(sum(p.actors.values()), sum(q.actors.values()))
    overlap = _weighted_jaccard(p.actors, q.actors)
    if mentions >= cfg["actors_min_mentions"] and overlap >= cfg["actors_jaccard"]:
        found["actors"] = round(overlap, 3)
    shared_claims = p.claims & q.claims
    if len(shared_claims) >= cfg["claims_min_shared"] and (
        _jaccard(p.claims, q.claims) >= cfg["claims_jaccard"]
    ):
        found["claims"] = round(_jaccard(p.claims, q.claims), 3)
    return found


def _minhash(words: list[str], k: int, num_perm: int) -> MinHash:
    # The same seed's permutations for every document (drawing them anew each time cost
    # more than the hashing), and all shingles hashed in one vectorised batch: the same
    # signature as one update per shingle, several times faster.
    from datasketch import MinHash

    template = _template(num_perm)
    mh = MinHash(num_perm=num_perm, permutations=template.permutations, scheme=template.scheme)
    shingles = [
        " ".join(words[i : i + k]).encode("utf-8") for i in range(max(1, len(words) - k + 1))
    ]
    mh.update_batch(shingles)
    return mh


@cache
def _template(num_perm: int) -> MinHash:
    from datasketch import MinHash

    return MinHash(num_perm=num_perm)


def _similar_length(p: Profile, q: Profile, ratio: float) -> bool:
    short, long = sorted((len(p.words), len(q.words)))
    return short > 0 and long / short <= ratio


def _far_apart(a: Document, b: Document, cfg: dict[str, float]) -> bool:
    """Known publication dates too far apart for one story to be told twice."""
    da, db = _day(a.published), _day(b.published)
    if da and db:
        return abs((da - db).days) > cfg["max_days_apart"]
    return bool(a.year and b.year and abs(a.year - b.year) > 1)


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published and len(published) >= 10 else None
    except ValueError:
        return None


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _weighted_jaccard(a: Counter[str], b: Counter[str]) -> float:
    keys = set(a) | set(b)
    top = sum(max(a[k], b[k]) for k in keys)
    return sum(min(a[k], b[k]) for k in keys) / top if top else 0.0


def _assemble(profiles: dict[str, Profile], links: list[Link]) -> list[Story]:
    """Union-find over the links; a story's id is its first document's id."""
    parent = {doc: doc for doc in profiles}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        ra, rb = root(link.a), root(link.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for doc in sorted(profiles):
        groups.setdefault(root(doc), []).append(doc)
    stories = {r: Story(id=r, docs=docs) for r, docs in groups.items()}
    for link in links:
        stories[root(link.a)].links.append(link)
    return sorted(stories.values(), key=lambda s: s.id)


def _default_finder() -> object:
    from proxygraph.actors import Catalog, Gazetteer

    return Gazetteer(Catalog.load())
