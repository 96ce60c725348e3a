"""Stance: how cooperative or hostile a pair is, Goldstein-style, overall and per year.

Each (subject, relation, object) dyad contributes its relation's intensity (weights.yaml,
-1..+1) times its net independent weight (support minus denials and negations, never
below zero). Denied and negated claims therefore only weaken the relation they deny; they
never count as the opposite relation. Structure relations (valence 0) do not move stance.

    score   = sum(intensity * net)            (signed, grows with evidence)
    balance = score / sum(|intensity| * net)  (-1 all hostile .. +1 all cooperative)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from proxygraph.graph.dyads import Dyad, Evidence, dyads, group_triples, make_dyad
from proxygraph.graph.evidence import ClaimSet, holds, weigh
from proxygraph.models import Claim

ALLIES, ADVERSARIES, MIXED = "allies", "adversaries", "mixed"


@dataclass
class PairStance:
    a: str
    b: str
    score: float
    balance: float
    mass: float  # total independent weighted evidence behind the stance
    label: str
    confidence: str
    stories: int
    sources: int
    contested: int  # dyads with denials or negations against them
    dyads: list[Dyad] = field(default_factory=list)
    # The yearly balance, computed when first read (``pair_by_year`` memoises it): the
    # summary and the graph of every pair read none, and it was a sixth of their time.
    years: Callable[[], dict[int, float]] | None = field(default=None, repr=False, compare=False)
    cooperative: list[Evidence] = field(default_factory=list)  # best sentences per side
    hostile: list[Evidence] = field(default_factory=list)

    @property
    def by_year(self) -> dict[int, float]:
        return self.years() if self.years is not None else {}

    def other(self, actor: str) -> str:
        return self.b if actor == self.a else self.a

    @property
    def statement(self) -> str:
        share = round(100 * (1 + self.balance) / 2)
        text = (
            f"{self.label}, {self.confidence} confidence: weight {self.mass:.2f} from "
            f"{self.stories} stories and {self.sources} sources; {share}% of it cooperative"
        )
        return text + (f"; {self.contested} relations contested" if self.contested else "")

    def to_json(self) -> dict:
        skip = ("dyads", "cooperative", "hostile")
        row = {k: v for k, v in self.__dict__.items() if k not in skip and k != "years"}
        row["by_year"] = self.by_year
        row["statement"] = self.statement
        row["cooperative"] = [e.to_json() for e in self.cooperative]
        row["hostile"] = [e.to_json() for e in self.hostile]
        row["dyads"] = [d.to_json() for d in self.dyads]
        return row


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def pair_stances(cs: ClaimSet, actor: str | None = None) -> list[PairStance]:
    """The stance of every pair (``actor``'s pairs only, if given), most evidenced first.

    A pair's stance depends on its own claims only, so once every pair has been judged
    (the summary does it) an actor's pairs are a filter of that list, in the same order.
    """
    every = cs.memo.get("pair_stances")
    if every is not None:
        return every if actor is None else [p for p in every if actor in (p.a, p.b)]
    by_pair: dict[tuple[str, str], list[Dyad]] = defaultdict(list)
    for dyad in dyads(cs, actor, top=cs.weights.stance["evidence_per_side"]):
        by_pair[pair_key(dyad.subject, dyad.object)].append(dyad)
    out = [judge_pair(cs, a, b, ds) for (a, b), ds in by_pair.items()]
    out.sort(key=lambda p: (-p.mass, -abs(p.score), p.a, p.b))
    if actor is None:
        cs.memo["pair_stances"] = out
    return out


def pair_stance(cs: ClaimSet, a: str, b: str) -> PairStance:
    return next(
        (p for p in pair_stances(cs, a) if {p.a, p.b} == {a, b}),
        judge_pair(cs, *pair_key(a, b), []),
    )


def judge_pair(cs: ClaimSet, a: str, b: str, pair_dyads: list[Dyad]) -> PairStance:
    score, scale = score_dyads(cs, pair_dyads)
    pair_claims = cs.pair_claims(a, b)
    counted = weigh(cs, [c for c in pair_claims if holds(c) and c.relation in cs.weights.intensity])
    balance = round(score / scale, 3) if scale else 0.0
    mass = round(sum(d.net for d in pair_dyads if cs.weights.intensity.get(d.relation)), 3)
    return PairStance(
        a=a,
        b=b,
        score=round(score, 3),
        balance=balance,
        mass=mass,
        label=classify(cs, balance, mass),
        confidence=confidence(cs, balance, mass),
        stories=counted.stories,
        sources=counted.sources,
        contested=sum(1 for d in pair_dyads if d.against.value > 0 and d.support.value > 0),
        dyads=pair_dyads,
        years=lambda: pair_by_year(cs, a, b),
        cooperative=side_evidence(cs, pair_dyads, +1),
        hostile=side_evidence(cs, pair_dyads, -1),
    )


def side_evidence(cs: ClaimSet, pair_dyads: list[Dyad], sign: int) -> list[Evidence]:
    """The best sentences on the cooperative (+1) or hostile (-1) side of a pair."""
    intensity = cs.weights.intensity
    rows = [
        (abs(intensity[d.relation]) * cs.weights.support(e.certainty), d.net, e)
        for d in pair_dyads
        if intensity.get(d.relation, 0.0) * sign > 0 and d.net > 0
        for e in d.evidence
    ]
    rows.sort(key=lambda r: (-r[0], -r[1]))
    return [e for _, _, e in rows[: int(cs.weights.stance["evidence_per_side"])]]


def score_dyads(cs: ClaimSet, pair_dyads: list[Dyad]) -> tuple[float, float]:
    intensity = cs.weights.intensity
    score = sum(intensity.get(d.relation, 0.0) * d.net for d in pair_dyads)
    scale = sum(abs(intensity.get(d.relation, 0.0)) * d.net for d in pair_dyads)
    return score, scale


def pair_by_year(cs: ClaimSet, a: str, b: str) -> dict[int, float]:
    """``stance_by_year`` of the pair's claims, computed once per claim set and pair."""
    key = ("by_year", *pair_key(a, b))
    if key not in cs.memo:
        cs.memo[key] = stance_by_year(cs, cs.pair_claims(a, b))
    return cs.memo[key]


def stance_by_year(cs: ClaimSet, claims: list[Claim]) -> dict[int, float]:
    """The balance of each year that has dated claims."""
    years: dict[int, list[Claim]] = defaultdict(list)
    for claim in claims:
        if (year := cs.year(claim)) is not None:
            years[year].append(claim)
    out = {}
    for year, group in sorted(years.items()):
        ds = [make_dyad(cs, t, cl, top=0) for t, cl in group_triples(group).items()]
        score, scale = score_dyads(cs, ds)
        if scale:
            out[year] = round(score / scale, 3)
    return out


def classify(cs: ClaimSet, balance: float, mass: float) -> str:
    cfg = cs.weights.stance
    if mass <= 0:
        return MIXED
    if balance >= cfg["ally_balance"]:
        return ALLIES
    return ADVERSARIES if balance <= cfg["adversary_balance"] else MIXED


def confidence(cs: ClaimSet, balance: float, mass: float) -> str:
    cfg = cs.weights.stance
    if mass >= cfg["high_mass"] and abs(balance) >= cfg["high_balance"]:
        return "high"
    return "medium" if mass >= cfg["medium_mass"] else "low"


def actor_stance(cs: ClaimSet, actor: str) -> dict[str, list[PairStance]]:
    """``actor``'s counterparts sorted into allies, adversaries and mixed."""
    groups: dict[str, list[PairStance]] = {ALLIES: [], ADVERSARIES: [], MIXED: []}
    for pair in pair_stances(cs, actor):
        if pair.mass > 0:
            groups[pair.label].append(pair)
    groups[ALLIES].sort(key=lambda p: -p.score)
    groups[ADVERSARIES].sort(key=lambda p: p.score)
    return groups
