"""Timeline: what was claimed about a pair, when, and by whom; copies shown once; and the
transitions, year by year (listed -> delisted, allied -> hostile)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from proxygraph.graph.dyads import Evidence, best_evidence, group_triples
from proxygraph.graph.evidence import ClaimSet, holds
from proxygraph.graph.stance import classify, pair_by_year, pair_key
from proxygraph.models import Claim


@dataclass
class Entry:
    year: int | None
    time: str | None
    subject: str
    relation: str
    object: str
    certainty: str
    negated: bool
    source: str
    story: str
    doc: str
    quote: str
    start: int = 0  # where the sentence is in the document: order within one story
    copies: int = 1  # documents of the same story that repeat it

    def to_json(self) -> dict:
        return dict(self.__dict__)


def timeline(cs: ClaimSet, a: str, b: str) -> list[Entry]:
    """Claims between ``a`` and ``b`` in either direction, oldest first, undated last."""
    entries: dict[tuple, Entry] = {}
    docs: dict[tuple, set[str]] = {}
    for claim in cs.pair_claims(a, b):
        story, source = cs.story(claim), cs.source(claim)
        key = (
            story,
            claim.subject,
            claim.relation,
            claim.object,
            claim.negated,
            claim.certainty,
            source,
        )
        docs.setdefault(key, set()).add(claim.doc)
        if key in entries:
            entries[key].copies = len(docs[key])
            continue
        entries[key] = Entry(
            year=cs.year(claim),
            time=claim.time,
            subject=claim.subject,
            relation=claim.relation,
            object=claim.object,
            certainty=claim.certainty,
            negated=claim.negated,
            source=source,
            story=story,
            doc=claim.doc,
            quote=claim.quote,
            start=claim.start,
        )
    return sorted(entries.values(), key=_order)


def _order(e: Entry) -> tuple:
    return (e.year is None, e.year or 0, e.story, e.doc, e.start, e.relation)


@dataclass
class Transition:
    """A change between two years with claims: a relation switched on or off (listed ->
    delisted), or the pair's stance moved (allied -> hostile)."""

    a: str  # the subject for a relation; the pair's first actor (sorted) for the stance
    b: str
    aspect: str  # the relation, or "stance"
    from_year: int
    before: str
    year: int
    after: str
    evidence_before: list[Evidence] = field(default_factory=list)
    evidence_after: list[Evidence] = field(default_factory=list)

    @property
    def statement(self) -> str:
        what = f"{self.a} {self.aspect} {self.b}" if self.aspect != "stance" else self.a
        other = "" if self.aspect != "stance" else f" with {self.b}"
        return f"{what}{other}: {self.before} ({self.from_year}) -> {self.after} ({self.year})"

    def to_json(self) -> dict:
        row = {k: v for k, v in self.__dict__.items() if not k.startswith("evidence")}
        row["statement"] = self.statement
        row["evidence_before"] = [e.to_json() for e in self.evidence_before]
        row["evidence_after"] = [e.to_json() for e in self.evidence_after]
        return row


def transitions(
    cs: ClaimSet, a: str | None = None, b: str | None = None, top: int = 2
) -> list[Transition]:
    """Changes from year to year: between ``a`` and ``b``, of ``a`` with anyone, or all.

    Per (subject, relation, object) a year is "on" when a claim that holds says so and
    "off" when only negated ones do; a change is a year whose state differs from the
    previous year with a state. Denials are left out: a party denying is a dispute
    (``contradictions``), not a change. Per pair, the stance of each year (its balance,
    labelled as ``stance`` labels pairs) changing from one dated year to the next.
    Undated claims say nothing about when, so they take no part. Oldest first.
    """
    claims = cs.pair_claims(a, b) if a and b else cs.actor_claims(a)
    claims = [c for c in claims if c.subject != c.object]
    out = _relation_changes(cs, claims, top) + _stance_changes(cs, claims, top)
    return sorted(out, key=lambda t: (t.year, t.a, t.b, t.aspect != "stance", t.aspect))


def _relation_changes(cs: ClaimSet, claims: list[Claim], top: int) -> list[Transition]:
    cfg = cs.weights.transitions or {"states": {}, "default": ["{relation}", "no {relation}"]}
    out = []
    for (s, rel, o), group in sorted(group_triples(claims).items()):
        by_year: dict[int, list[Claim]] = defaultdict(list)
        for c in group:
            if c.certainty != "denied" and (year := cs.year(c)) is not None:
                by_year[year].append(c)
        on, off = cfg["states"].get(rel, [x.format(relation=rel) for x in cfg["default"]])
        previous: tuple[int, str, list[Claim]] | None = None
        for year in sorted(by_year):
            held = [c for c in by_year[year] if holds(c)]
            state, shown = (on, held) if held else (off, by_year[year])
            if previous is not None and previous[1] != state:
                out.append(
                    Transition(
                        s,
                        o,
                        rel,
                        previous[0],
                        previous[1],
                        year,
                        state,
                        best_evidence(cs, previous[2], top),
                        best_evidence(cs, shown, top),
                    )
                )
            previous = (year, state, shown)
    return out


def _stance_changes(cs: ClaimSet, claims: list[Claim], top: int) -> list[Transition]:
    labels = (cs.weights.transitions or {}).get(
        "stance", {"allies": "allied", "adversaries": "hostile"}
    )
    by_pair: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        by_pair[pair_key(c.subject, c.object)].append(c)
    out = []
    for (a, b), group in sorted(by_pair.items()):
        years = pair_by_year(cs, a, b)
        previous: tuple[int, str] | None = None
        for year, balance in years.items():
            label = labels.get(classify(cs, balance, 1.0), "mixed")
            if previous is not None and previous[1] != label:
                out.append(
                    Transition(
                        a,
                        b,
                        "stance",
                        previous[0],
                        previous[1],
                        year,
                        label,
                        _year_evidence(cs, group, previous[0], top),
                        _year_evidence(cs, group, year, top),
                    )
                )
            previous = (year, label)
    return out


def _year_evidence(cs: ClaimSet, claims: list[Claim], year: int, top: int) -> list[Evidence]:
    return best_evidence(cs, [c for c in claims if holds(c) and cs.year(c) == year], top)
