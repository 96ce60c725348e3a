"""Dyads: everything claimed about one actor pair and one relation, with its best evidence."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from proxygraph.graph.evidence import ClaimSet, Weight, against, holds, reviewed, support
from proxygraph.graph.stories import claim_triple
from proxygraph.models import Claim
from proxygraph.store.judgements import status_of

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Evidence:
    """One sentence that carries a claim, with where it comes from."""

    quote: str
    doc: str
    story: str
    source: str
    certainty: str
    negated: bool
    year: int | None
    relation: str
    subject: str
    object: str
    review: str | None = None  # confirmed / corrected / rejected by an analyst

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Dyad:
    subject: str
    relation: str
    object: str
    claims: int
    support: Weight
    against: Weight
    first_year: int | None
    last_year: int | None
    certainty: dict[str, int]
    negations: int
    evidence: list[Evidence] = field(default_factory=list)
    counter_evidence: list[Evidence] = field(default_factory=list)

    @property
    def net(self) -> float:
        """Support left after denials and negations are taken off; never below zero."""
        return max(0.0, round(self.support.value - self.against.value, 3))

    def to_json(self) -> dict:
        row = {k: v for k, v in self.__dict__.items() if k not in ("evidence", "counter_evidence")}
        row["support"] = self.support.__dict__
        row["against"] = self.against.__dict__
        row["net"] = self.net
        row["evidence"] = [e.to_json() for e in self.evidence]
        row["counter_evidence"] = [e.to_json() for e in self.counter_evidence]
        return row


def group_triples(claims: list[Claim]) -> dict[Triple, list[Claim]]:
    groups: dict[Triple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.subject != claim.object:
            groups[claim_triple(claim)].append(claim)
    return groups


def dyads(cs: ClaimSet, actor: str | None = None, top: int = 3) -> list[Dyad]:
    """One dyad per (subject, relation, object), strongest first; only ``actor``'s if given."""
    claims = cs.actor_claims(actor)
    out = [make_dyad(cs, triple, group, top) for triple, group in group_triples(claims).items()]
    return sorted(out, key=lambda d: (-d.net, -d.claims, d.subject, d.relation, d.object))


def make_dyad(cs: ClaimSet, triple: Triple, claims: list[Claim], top: int = 3) -> Dyad:
    years = [y for c in claims if (y := cs.year(c)) is not None]
    return Dyad(
        subject=triple[0],
        relation=triple[1],
        object=triple[2],
        claims=len(claims),
        support=support(cs, claims),
        against=against(cs, claims),
        first_year=min(years, default=None),
        last_year=max(years, default=None),
        certainty=_count(c.certainty for c in claims),
        negations=sum(c.negated for c in claims),
        evidence=best_evidence(cs, [c for c in claims if holds(c)], top),
        counter_evidence=best_evidence(cs, [c for c in claims if not holds(c)], top),
    )


def best_evidence(cs: ClaimSet, claims: list[Claim], top: int) -> list[Evidence]:
    """The most certain sentence of each independent source, best sources first.

    One sentence per (story, source), so the list shows independent voices, not copies.
    """
    if not claims or top == 0:  # the yearly stance asks for no sentences
        return []
    best: dict[tuple[str, str], Claim] = {}
    for claim in claims:
        key = (cs.story(claim), cs.source(claim))
        if key not in best or _rank(cs, claim) > _rank(cs, best[key]):
            best[key] = claim
    spread = _count(story for story, _ in best)
    ranked = sorted(
        best.values(), key=lambda c: (-_rank(cs, c), spread[cs.story(c)], c.doc, c.start)
    )
    return [to_evidence(cs, c) for c in ranked[:top]]


def _count(values) -> dict:
    """``dict(Counter(values))``, same order; a Counter per dyad was a fifth of the stance
    of every pair."""
    out: dict = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def to_evidence(cs: ClaimSet, claim: Claim) -> Evidence:
    return Evidence(
        quote=claim.quote,
        doc=claim.doc,
        story=cs.story(claim),
        source=cs.source(claim),
        certainty=claim.certainty,
        negated=claim.negated,
        year=cs.year(claim),
        relation=claim.relation,
        subject=claim.subject,
        object=claim.object,
        review=status_of(claim),
    )


def _rank(cs: ClaimSet, claim: Claim) -> float:
    """Surer and reviewed sentences first."""
    value = cs.weights.support(claim.certainty) * reviewed(cs, claim)
    return value + (0.0 if claim.negated else 0.01)
