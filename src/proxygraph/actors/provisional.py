"""Provisional actors: organisations the text names that the catalog lacks.

Extraction reports each such name with its document and the catalog actors it appears
beside. ``merge_provisional`` groups spellings of one name across documents by rapidfuzz
similarity, accepting a weaker spelling match when two names share their company, and
suggests the catalog actor a group probably is. ``proxygraph actors --provisional`` lists
the groups; a user confirms, merges or rejects them in an override file (docs/actors.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from proxygraph.actors.catalog import Actor, Catalog
from proxygraph.actors.gazetteer import _names, alias_key

SAME_NAME = 90  # token-sort ratio at which two spellings are one name on their own
SAME_WITH_CONTEXT = 80  # ...and when they are also named beside the same actors
SHARED_CONTEXT = 0.5  # Jaccard overlap of co-mentioned actors that counts as "the same"
KNOWN_NAME = 92  # ratio at which a provisional name is suggested as a catalog actor
MIN_PART_WORDS = 3  # content words a name needs before a part of a name may suggest it
MINOR_WORDS = {"the", "of", "for", "and", "in", "al", "de", "la", "du", "des", "le"}


@dataclass(frozen=True)
class ProvisionalMention:
    name: str  # the surface the text used
    doc_id: str
    context: frozenset[str] = frozenset()  # catalog actors named in the same document


@dataclass
class ProvisionalActor:
    name: str  # the most frequent spelling
    variants: list[str] = field(default_factory=list)
    mentions: list[ProvisionalMention] = field(default_factory=list)
    suggestion: str | None = None  # a catalog actor this probably is

    @property
    def documents(self) -> set[str]:
        return {m.doc_id for m in self.mentions}

    @property
    def context(self) -> frozenset[str]:
        return frozenset().union(*(m.context for m in self.mentions))

    def to_actor(self) -> Actor:
        aliases = tuple(v for v in self.variants if v != self.name)
        return Actor(name=self.name, type="other", aliases=aliases, provisional=True)


def normalise(name: str) -> str:
    """Comparison key: folded tokens without a leading article or possessive."""
    return " ".join(alias_key(name))


def merge_provisional(
    mentions: Iterable[ProvisionalMention], catalog: Catalog | None = None
) -> list[ProvisionalActor]:
    """Group mentions of one unknown organisation; most-mentioned groups first."""
    by_key: dict[str, list[ProvisionalMention]] = {}
    for mention in mentions:
        key = normalise(mention.name)
        if key and not _rejected(key, catalog):
            by_key.setdefault(key, []).append(mention)
    groups: list[tuple[str, ProvisionalActor]] = []
    for key, found in sorted(by_key.items(), key=lambda kv: -len(kv[1])):
        group = _closest(key, frozenset().union(*(m.context for m in found)), groups)
        if group is None:
            group = ProvisionalActor(name=found[0].name)
            groups.append((key, group))
        group.mentions.extend(found)
        group.variants.extend(dict.fromkeys(m.name for m in found if m.name not in group.variants))
    actors = [g for _, g in groups]
    if catalog is not None:
        _suggest(actors, catalog)
    return sorted(actors, key=lambda g: -len(g.mentions))


def _closest(
    key: str, context: frozenset[str], groups: list[tuple[str, ProvisionalActor]]
) -> ProvisionalActor | None:
    best, best_score = None, 0.0
    for group_key, group in groups:
        score = fuzz.token_sort_ratio(key, group_key)
        shared = _jaccard(context, group.context) >= SHARED_CONTEXT
        if (score >= SAME_NAME or (shared and score >= SAME_WITH_CONTEXT)) and score > best_score:
            best, best_score = group, score
    return best


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _suggest(groups: list[ProvisionalActor], catalog: Catalog) -> None:
    keys: dict[str, str] = {}
    for actor in catalog.actors.values():
        if actor.type in ("state", "person"):
            continue
        for alias, _, _ in _names(actor):
            keys.setdefault(normalise(alias), actor.name)
    choices = list(keys)
    for group in groups:
        name = normalise(group.name)
        hit = process.extractOne(name, choices, scorer=fuzz.token_sort_ratio)
        if hit and hit[1] >= KNOWN_NAME:
            group.suggestion = keys[hit[0]]
        else:
            group.suggestion = _part_of(name, choices, keys)


def _part_of(name: str, choices: list[str], keys: dict[str, str]) -> str | None:
    """A long name all of whose words one catalog actor's name holds ("Group for Support
    of Islam" in "Group for the Support of Islam and Muslims"): that actor, if only one."""
    words = [w for w in name.split() if w not in MINOR_WORDS]
    if len(words) < MIN_PART_WORDS:
        return None
    hits = process.extract(name, choices, scorer=fuzz.token_set_ratio, score_cutoff=100, limit=20)
    actors = {keys[h[0]] for h in hits}
    return actors.pop() if len(actors) == 1 else None


def _rejected(key: str, catalog: Catalog | None) -> bool:
    return catalog is not None and key in {normalise(r) for r in catalog.rejected}
