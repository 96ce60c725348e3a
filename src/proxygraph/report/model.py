"""What a briefing says, built only from stored claims: the template renders this and nothing else.

Every statement carries the evidence behind it (quotes with a citation number), so a
reader can check each sentence against its document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from proxygraph.graph import (
    ClaimSet,
    Contradiction,
    Dyad,
    Entry,
    Evidence,
    PairStance,
    contradictions,
    pair_stances,
    summarize,
    timeline,
)
from proxygraph.graph.stance import ADVERSARIES, ALLIES, MIXED
from proxygraph.report.citations import Citation, Citations

LINKED = "linked"  # counterparts tied only by structure relations or wholly contested claims


@dataclass
class Quote:
    """One evidence sentence as the report shows it."""

    text: str
    cite: int
    source: str
    certainty: str
    negated: bool
    year: int | None
    claim: str  # "Russia ARMS Taliban"


@dataclass
class RelationLine:
    """One (subject, relation, object) about a counterpart: what, by whom, since when, how sure."""

    claim: str
    relation: str
    claims: int
    support: str
    against: str
    years: str
    certainty: str
    sources: list[str]
    evidence: list[Quote]
    counter: list[Quote]


@dataclass
class Dispute:
    kind: str
    claim: str
    sources_for: list[str]
    sources_against: list[str]
    for_: list[Quote]
    against: list[Quote]


@dataclass
class Counterpart:
    name: str
    label: str
    statement: str
    score: float
    balance: float
    relations: list[RelationLine]
    disputes: list[Dispute]
    timeline: list[Entry]
    timeline_more: int


@dataclass
class ActorBriefing:
    actor: str
    claims: int
    documents: int
    groups: dict[str, list[Counterpart]]  # allies, adversaries, mixed, linked
    relation_counts: dict[str, int]
    citations: list[Citation] = field(default_factory=list)
    charts: dict[str, str] = field(default_factory=dict)  # name -> base64 PNG

    @property
    def counterparts(self) -> list[Counterpart]:
        return [c for group in self.groups.values() for c in group]


@dataclass
class PairLine:
    a: str
    b: str
    statement: str
    score: float
    evidence: list[Quote]


@dataclass
class CorpusBriefing:
    documents: int
    stories: int
    copied_stories: int
    actors: int
    claims: int
    relation_counts: dict[str, int]
    connected: list[dict]
    blocs: list[list[str]]
    alliances: list[PairLine]
    hostilities: list[PairLine]
    disputes: list[Dispute]
    citations: list[Citation] = field(default_factory=list)
    charts: dict[str, str] = field(default_factory=dict)


def to_quote(e: Evidence, cites: Citations) -> Quote:
    verb = f"NOT {e.relation}" if e.negated else e.relation
    return Quote(
        e.quote,
        cites.cite(e.doc),
        e.source,
        e.certainty,
        e.negated,
        e.year,
        f"{e.subject} {verb} {e.object}",
    )


def relation_line(d: Dyad, cites: Citations) -> RelationLine:
    years = _years(d.first_year, d.last_year)
    mix = ", ".join(f"{n} {c}" for c, n in Counter(d.certainty).most_common())
    if d.negations:
        mix += f", {d.negations} negated"
    return RelationLine(
        claim=f"{d.subject} {d.relation} {d.object}",
        relation=d.relation,
        claims=d.claims,
        support=str(d.support),
        against=str(d.against) if d.against.value else "",
        years=years,
        certainty=mix,
        sources=sorted({e.source for e in d.evidence + d.counter_evidence}),
        evidence=[to_quote(e, cites) for e in d.evidence],
        counter=[to_quote(e, cites) for e in d.counter_evidence],
    )


def _years(first: int | None, last: int | None) -> str:
    if first is None:
        return "undated"
    return f"since {first}" if last in (None, first) else f"{first}-{last}"


def dispute(c: Contradiction, cites: Citations) -> Dispute:
    return Dispute(
        c.kind,
        c.claim,
        c.sources_for,
        c.sources_against,
        [to_quote(e, cites) for e in c.for_],
        [to_quote(e, cites) for e in c.against],
    )


def counterpart(
    cs: ClaimSet,
    actor: str,
    pair: PairStance,
    disputes: list[Contradiction],
    cites: Citations,
    max_timeline: int,
) -> Counterpart:
    other = pair.other(actor)
    entries = timeline(cs, actor, other)
    mine = [c for c in disputes if {c.a, c.b} == {actor, other}]
    return Counterpart(
        name=other,
        label=_label(pair),
        statement=pair.statement
        if pair.mass > 0
        else "no cooperative or hostile weight: structure links or contested claims only",
        score=pair.score,
        balance=pair.balance,
        relations=[relation_line(d, cites) for d in pair.dyads],
        disputes=[dispute(c, cites) for c in mine],
        timeline=entries[:max_timeline],
        timeline_more=max(0, len(entries) - max_timeline),
    )


def _label(pair: PairStance) -> str:
    return pair.label if pair.mass > 0 else LINKED


def actor_briefing(cs: ClaimSet, actor: str, max_timeline: int = 12) -> ActorBriefing:
    """Everything the stored claims say about ``actor``, grouped by stance."""
    cites = Citations(cs.documents)
    disputes = contradictions(cs, actor)
    groups: dict[str, list[Counterpart]] = {ALLIES: [], ADVERSARIES: [], MIXED: [], LINKED: []}
    for pair in reading_order(pair_stances(cs, actor)):  # citations numbered as they are read
        part = counterpart(cs, actor, pair, disputes, cites, max_timeline)
        groups[part.label].append(part)
    mine = [c for c in cs.claims if actor in (c.subject, c.object)]
    return ActorBriefing(
        actor=actor,
        claims=len(mine),
        documents=len({c.doc for c in mine}),
        groups=groups,
        relation_counts=dict(Counter(c.relation for c in mine).most_common()),
        citations=cites.listing(),
    )


def reading_order(pairs: list[PairStance]) -> list[PairStance]:
    """Allies strongest first, adversaries most hostile first, then mixed, then linked."""
    rank = {ALLIES: 0, ADVERSARIES: 1, MIXED: 2, LINKED: 3}

    def key(p: PairStance) -> tuple:
        label = _label(p)
        return (rank[label], -p.score if label == ALLIES else p.score, -p.mass)

    return sorted(pairs, key=key)


def pair_line(pair: PairStance, cites: Citations) -> PairLine:
    side = pair.cooperative if pair.score >= 0 else pair.hostile
    return PairLine(pair.a, pair.b, pair.statement, pair.score, [to_quote(e, cites) for e in side])


def corpus_briefing(cs: ClaimSet, top: int = 10) -> CorpusBriefing:
    """The corpus at a glance: who is most connected, blocs, strongest ties, disputes."""
    cites = Citations(cs.documents)
    summary = summarize(cs, top=top)
    alliances = [pair_line(p, cites) for p in summary.alliances]
    hostilities = [pair_line(p, cites) for p in summary.hostilities]
    return CorpusBriefing(
        documents=summary.documents,
        stories=summary.stories,
        copied_stories=summary.copied_stories,
        actors=summary.actors,
        claims=summary.claims,
        relation_counts=summary.relations,
        connected=[c.__dict__ for c in summary.connected],
        blocs=summary.communities,
        alliances=alliances,
        hostilities=hostilities,
        disputes=[dispute(c, cites) for c in contradictions(cs)],
        citations=cites.listing(),
    )
