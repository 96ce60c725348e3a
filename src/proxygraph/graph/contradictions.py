"""Contradictions: where sources or stories disagree about a pair.

- ``denied`` / ``negated``: one source states a relation, another denies it, or negates
  it about the same period (a listing in 2001 and a delisting in 2021 is a change, shown
  by ``timeline.transitions``, not a dispute; a denial disputes whenever it is made);
- ``opposite``: one story has the pair cooperating (ARMS, SUPPORTS, ALLIED_WITH ...) and
  another has them fighting (ATTACKS, HOSTILE_TO ...) at about the same time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from proxygraph.graph.dyads import Evidence, best_evidence, group_triples
from proxygraph.graph.evidence import ClaimSet, holds
from proxygraph.graph.stance import pair_key
from proxygraph.models import Claim


@dataclass
class Contradiction:
    kind: str  # "denied", "negated" or "opposite"
    a: str
    b: str
    claim: str  # what is disputed, e.g. "Russia ARMS Taliban" or "Russia ~ Islamic State"
    for_: list[Evidence] = field(default_factory=list)
    against: list[Evidence] = field(default_factory=list)
    sources_for: list[str] = field(default_factory=list)
    sources_against: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        row = {k: v for k, v in self.__dict__.items() if k not in ("for_", "against")}
        row["for"] = [e.to_json() for e in self.for_]
        row["against"] = [e.to_json() for e in self.against]
        return row


def contradictions(cs: ClaimSet, actor: str | None = None, top: int = 3) -> list[Contradiction]:
    claims = cs.actor_claims(actor)
    found = denials(cs, claims, top) + opposites(cs, claims, top)
    return sorted(found, key=lambda c: (c.a, c.b, c.kind, c.claim))


def denials(cs: ClaimSet, claims: list[Claim], top: int) -> list[Contradiction]:
    """A relation stated by one source and denied by another, or negated by another about
    the same period. Listed in 2001 and delisted in 2021 is a change
    (``timeline.transitions``); a denial answers the allegation whenever it is made."""
    out = []
    for (s, rel, o), group in group_triples(claims).items():
        pro_all = [c for c in group if holds(c)]
        con_all = [c for c in group if not holds(c)]
        clashes = [
            (p, c)
            for p in pro_all
            for c in con_all
            if cs.source(p) != cs.source(c) and (c.certainty == "denied" or same_period(cs, p, c))
        ]
        if not clashes:
            continue
        pro = _unique(p for p, _ in clashes)
        con = _unique(c for _, c in clashes)
        kind = "denied" if any(c.certainty == "denied" for c in con) else "negated"
        out.append(_make(cs, kind, s, o, f"{s} {rel} {o}", pro, con, top))
    return out


def same_period(cs: ClaimSet, x: Claim, y: Claim) -> bool:
    """Not years apart (``max_year_gap``); a claim with no year may be about any time."""
    yx, yy = cs.year(x), cs.year(y)
    return yx is None or yy is None or abs(yx - yy) <= cs.weights.contradictions["max_year_gap"]


def _unique(claims) -> list[Claim]:
    seen: dict[int, Claim] = {}
    for c in claims:
        seen.setdefault(id(c), c)
    return list(seen.values())


def opposites(cs: ClaimSet, claims: list[Claim], top: int) -> list[Contradiction]:
    """Cooperation in one story and hostility in another, for one pair, at about one time."""
    cfg = cs.weights.contradictions
    by_pair: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if holds(claim) and claim.subject != claim.object:
            by_pair[pair_key(claim.subject, claim.object)].append(claim)
    out = []
    for (a, b), group in sorted(by_pair.items()):
        coop = [c for c in group if c.relation in cfg["cooperative"]]
        hostile = [c for c in group if c.relation in cfg["hostile"]]
        pro = [c for c in coop if any(_clash(cs, c, h) for h in hostile)]
        con = [h for h in hostile if any(_clash(cs, c, h) for c in coop)]
        if pro and con:
            out.append(_make(cs, "opposite", a, b, f"{a} ~ {b}", pro, con, top))
    return out


def _clash(cs: ClaimSet, x: Claim, y: Claim) -> bool:
    """Different stories, and not years apart (that would be a change, not a dispute)."""
    return cs.story(x) != cs.story(y) and same_period(cs, x, y)


def _make(cs, kind, a, b, what, pro, con, top) -> Contradiction:
    return Contradiction(
        kind=kind,
        a=a,
        b=b,
        claim=what,
        for_=best_evidence(cs, pro, top),
        against=best_evidence(cs, con, top),
        sources_for=sorted({cs.source(c) for c in pro}),
        sources_against=sorted({cs.source(c) for c in con}),
    )
