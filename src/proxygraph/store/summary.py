"""One actor's relations grouped by counterpart and relation, for ``proxygraph show``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from proxygraph.models import Claim
from proxygraph.ontology import relation as relation_info

# Which evidence to show first: the author's own statement over attributed or hedged ones.
CERTAINTY_RANK = {"asserted": 0, "reported": 1, "alleged": 2, "denied": 3}


@dataclass
class RelationGroup:
    counterpart: str
    relation: str
    direction: str  # "out" (actor -> counterpart), "in", or "both" for symmetric relations
    negated: bool
    claims: list[Claim] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.claims)

    @property
    def certainty(self) -> Counter[str]:
        return Counter(c.certainty for c in self.claims)

    @property
    def years(self) -> list[str]:
        return sorted({c.time[:4] for c in self.claims if c.time})

    @property
    def sources(self) -> list[str]:
        return sorted({c.source for c in self.claims if c.source})

    @property
    def documents(self) -> list[str]:
        return sorted({c.doc for c in self.claims})

    def evidence(self, n: int = 2) -> list[Claim]:
        """The best ``n`` sentences, from different documents where possible."""
        ranked = sorted(self.claims, key=lambda c: (CERTAINTY_RANK.get(c.certainty, 9), c.doc))
        picked: list[Claim] = []
        for claim in ranked:
            if all(p.doc != claim.doc for p in picked) and claim.quote not in {
                p.quote for p in picked
            }:
                picked.append(claim)
        for claim in ranked:  # fill up from the same documents if there were too few
            if len(picked) >= n:
                break
            if claim not in picked and claim.quote not in {p.quote for p in picked}:
                picked.append(claim)
        return picked[:n]


def group_relations(claims: Iterable[Claim], actor: str) -> list[RelationGroup]:
    """Groups of claims that involve ``actor``, largest first."""
    groups: dict[tuple[str, str, str, bool], RelationGroup] = {}
    key_actor = actor.casefold()
    for claim in claims:
        placed = _place(claim, key_actor)
        if placed is None:
            continue
        key = (*placed, claim.relation, claim.negated)
        counterpart, direction = placed
        group = groups.setdefault(
            key, RelationGroup(counterpart, claim.relation, direction, claim.negated)
        )
        group.claims.append(claim)
    return sorted(groups.values(), key=lambda g: (-g.count, g.counterpart, g.relation))


def _place(claim: Claim, actor: str) -> tuple[str, str] | None:
    """(counterpart, direction) of ``claim`` seen from ``actor``."""
    symmetric = relation_info(claim.relation).symmetric
    if claim.subject.casefold() == actor:
        return claim.object, "both" if symmetric else "out"
    if claim.object.casefold() == actor:
        return claim.subject, "both" if symmetric else "in"
    return None
