"""Views over a snapshot: the same store and graph functions the CLI calls, shaped for the API."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from proxygraph.graph import actor_stance, transitions
from proxygraph.models import Claim, Document
from proxygraph.ontology import CERTAINTIES, relation
from proxygraph.store import claim_year, group_relations
from proxygraph.store.judgements import review_of
from proxygraph.web import models as m
from proxygraph.web.columns import NO_YEAR, Columns
from proxygraph.web.data import Snapshot

VALENCE = {1: "cooperation", -1: "conflict", 0: "structure"}


@dataclass(frozen=True)
class ClaimFilter:
    """The filters of ``Store.claims``, applied to a snapshot (same semantics, tested)."""

    subject: str | None = None
    object: str | None = None
    relation: str | None = None
    family: str | None = None
    certainty: str | None = None
    source: str | None = None
    doc: str | None = None
    negated: bool | None = None
    year_from: int | None = None
    year_to: int | None = None
    actor: str | None = None

    def resolved(self, snap: Snapshot) -> ClaimFilter:
        def res(name: str | None) -> str | None:
            return snap.resolve(name).casefold() if name else None

        return ClaimFilter(
            res(self.subject),
            res(self.object),
            self.relation.upper() if self.relation else None,
            self.family,
            self.certainty,
            self.source.casefold() if self.source else None,
            self.doc,
            self.negated,
            self.year_from,
            self.year_to,
            res(self.actor),
        )

    def mask(self, cols: Columns) -> np.ndarray:
        """Call on a ``resolved()`` filter: the matching claims as a boolean column."""
        keep = np.ones(len(cols.subject), dtype=bool)

        def equal(column: np.ndarray, codes: dict[str, int], value: str | None) -> None:
            nonlocal keep
            if value is not None:
                keep &= column == codes.get(value, -2)

        equal(cols.subject_fold, cols.folds.index, self.subject)
        equal(cols.object_fold, cols.folds.index, self.object)
        equal(cols.relation, cols.relations.index, self.relation)
        equal(cols.family, cols.families.index, self.family)
        equal(cols.doc, cols.docs.index, self.doc)
        if self.certainty is not None:
            keep &= cols.certainty == CERTAINTIES.index(self.certainty)
        if self.source is not None:
            keep &= np.isin(cols.source, cols.source_codes(self.source))
        if self.negated is not None:
            keep &= cols.negated == self.negated
        if self.year_from is not None:
            keep &= (cols.year != NO_YEAR) & (cols.year >= self.year_from)
        if self.year_to is not None:
            keep &= (cols.year != NO_YEAR) & (cols.year <= self.year_to)
        if self.actor is not None:
            code = cols.folds.index.get(self.actor, -2)
            keep &= (cols.subject_fold == code) | (cols.object_fold == code)
        return keep


def year_of(snap: Snapshot, claim: Claim) -> int | None:
    """The year the store files a claim under (``claim_year``, as in the ``year`` column)."""
    return claim_year(claim, snap.documents.get(claim.doc))


def filter_claims(snap: Snapshot, flt: ClaimFilter) -> list[Claim]:
    def run() -> list[Claim]:
        claims = snap.claims
        return [claims[i] for i in np.flatnonzero(flt.resolved(snap).mask(snap.columns))]

    return snap.memo(("claims", flt), run)


def claim_out(snap: Snapshot, c: Claim) -> m.ClaimOut:
    return m.ClaimOut(
        id=c.id,
        doc=c.doc,
        subject=c.subject,
        relation=c.relation,
        object=c.object,
        family=c.family,
        valence=c.valence,
        quote=c.quote,
        start=c.start,
        end=c.end,
        negated=c.negated,
        certainty=c.certainty,
        source=c.source,
        time=c.time,
        year=year_of(snap, c),
        trigger=c.trigger,
        construction=c.construction,
        subject_type=c.subject_type,
        object_type=c.object_type,
        review=review_out(c),
    )


def review_out(c: Claim) -> m.ReviewOut | None:
    review = review_of(c)
    return m.ReviewOut.model_validate(review) if review else None


def paragraph_of(doc: Document | None, c: Claim) -> m.ContextOut:
    """The line (paragraph) of the document that holds the claim's sentence."""
    if doc is None or doc.text[c.start : c.end] != c.quote:
        return m.ContextOut(paragraph=c.quote, start=0, end=len(c.quote))
    text = doc.text
    begin = text.rfind("\n", 0, c.start) + 1
    stop = text.find("\n", c.end)
    stop = len(text) if stop < 0 else stop
    return m.ContextOut(paragraph=text[begin:stop], start=c.start - begin, end=c.end - begin)


def evidence_out(snap: Snapshot, c: Claim) -> m.EvidenceClaimOut:
    doc = snap.documents.get(c.doc)
    return m.EvidenceClaimOut(
        **claim_out(snap, c).model_dump(),
        context=paragraph_of(doc, c),
        document_title=doc.title if doc else None,
        document_url=doc.url if doc else None,
        published=doc.published if doc else None,
        story=snap.claim_set.story(c),
    )


# -- actors ------------------------------------------------------------------------


def actor_out(snap: Snapshot, name: str) -> m.ActorOut | None:
    row = snap.actor_rows.get(name)
    return m.ActorOut(**row.__dict__) if row else None


def search_actors(snap: Snapshot, q: str, limit: int) -> list[m.ActorMatch]:
    """Actors whose name or any catalog alias contains ``q``; prefix matches first."""
    needle = q.strip().casefold()
    found: dict[str, tuple[int, str]] = {}
    for row in snap.actors:
        entry = snap.catalog.get(row.name)
        names = [row.name, *(entry.aliases + entry.acronyms if entry else ())]
        for rank, name in _ranked(names, needle):
            if row.name not in found or rank < found[row.name][0]:
                found[row.name] = (rank, name)
    resolved = snap.resolve(q) if q.strip() else ""
    if resolved in snap.actor_rows:  # an alias typed in full ("the Kremlin")
        found[resolved] = (-1, q.strip())
    ordered = sorted(found.items(), key=lambda kv: (kv[1][0], -snap.actor_rows[kv[0]].claims))
    return [
        m.ActorMatch(
            name=n, type=snap.actor_rows[n].type, matched=alias, claims=snap.actor_rows[n].claims
        )
        for n, (_, alias) in ordered[:limit]
    ]


def _ranked(names: list[str], needle: str) -> list[tuple[int, str]]:
    out = []
    for name in names:
        folded = name.casefold()
        if folded.startswith(needle):
            out.append((0, name))
        elif needle in folded:
            out.append((1, name))
    return out


def actor_detail(snap: Snapshot, name: str, aliases_seen: list[tuple[str, int]]) -> m.ActorDetail:
    row = actor_out(snap, name)
    assert row is not None  # the route checks
    entry = snap.catalog.get(name)
    mine = [c for c in snap.claims if name in (c.subject, c.object)]
    return m.ActorDetail(
        actor=row,
        catalogued=entry is not None,
        country=entry.country if entry else None,
        parent=entry.parent if entry else None,
        aliases=sorted(set(entry.aliases + entry.acronyms)) if entry else [],
        aliases_seen=aliases_seen,
        designations=[m.DesignationOut(**d.__dict__) for d in entry.designations] if entry else [],
        affiliations=list(entry.affiliations) if entry else [],
        relations=[relation_group_out(snap, g) for g in group_relations(mine, name)],
        stance=stance_out(snap, name),
        years=years_out(snap, mine),
        transitions=transitions_out(snap, name),
    )


def transitions_out(snap: Snapshot, a: str | None, b: str | None = None) -> list[m.TransitionOut]:
    return [m.TransitionOut.model_validate(t.to_json()) for t in transitions(snap.claim_set, a, b)]


def relation_group_out(snap: Snapshot, g) -> m.RelationGroupOut:
    return m.RelationGroupOut(
        counterpart=g.counterpart,
        relation=g.relation,
        direction=g.direction,
        negated=g.negated,
        count=g.count,
        certainty=dict(g.certainty),
        years=g.years,
        sources=g.sources,
        documents=g.documents,
        evidence=[claim_out(snap, c) for c in g.evidence(3)],
    )


def stance_out(snap: Snapshot, name: str) -> m.StanceOut:
    def run() -> m.StanceOut:
        groups = actor_stance(snap.claim_set, name)
        out = {
            k: [m.PairStanceOut.model_validate(p.to_json()) for p in v] for k, v in groups.items()
        }
        return m.StanceOut(actor=name, **out)

    return snap.memo(("stance", name), run)


def years_out(snap: Snapshot, claims: list[Claim]) -> list[m.YearCount]:
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for c in claims:
        year = year_of(snap, c)
        if year is not None and not c.negated and c.certainty != "denied":
            counts[year][VALENCE[c.valence]] += 1
    return [m.YearCount(year=y, **counts[y]) for y in sorted(counts)]


# -- documents ---------------------------------------------------------------------


def document_out(snap: Snapshot, doc: Document) -> m.DocumentOut:
    return m.DocumentOut(
        id=doc.id,
        title=doc.title,
        author=doc.author,
        published=doc.published,
        url=doc.url,
        publisher=doc.publisher,
        language=doc.language,
        claims=len(snap.claims_by_doc.get(doc.id, ())),
    )


def document_detail(snap: Snapshot, doc: Document) -> m.DocumentDetail:
    """The claims that hold are highlighted; rejected ones follow them, listed only."""
    claims = snap.claims_by_doc.get(doc.id, [])
    rejected = snap.rejected_by_doc.get(doc.id, [])
    return m.DocumentDetail(
        document=document_out(snap, doc),
        text=doc.text,
        paragraphs=segments(doc.text, claims),
        claims=[claim_out(snap, c) for c in claims + rejected],
    )


def segments(text: str, claims: list[Claim]) -> list[list[m.Segment]]:
    """The text cut into paragraphs (lines) and runs; a run inside a claim sentence lists it."""
    cuts = {0, len(text)}
    for c in claims:
        cuts.update((max(0, min(c.start, len(text))), max(0, min(c.end, len(text)))))
    for newline in re.finditer("\n", text):
        cuts.update((newline.start(), newline.end()))
    bounds = sorted(cuts)
    paragraphs: list[list[m.Segment]] = [[]]
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = text[a:b]
        if piece == "\n":
            paragraphs.append([])
            continue
        inside = [i for i, c in enumerate(claims) if c.start <= a and b <= c.end]
        paragraphs[-1].append(m.Segment(text=piece, claims=inside))
    return [p for p in paragraphs if any(s.text.strip() for s in p)]


# -- small helpers shared by routes ------------------------------------------------


def best_certainty(claims: list[Claim]) -> str:
    held = {c.certainty for c in claims if not c.negated and c.certainty != "denied"}
    return next((c for c in CERTAINTIES if c in held), "denied")


def valence_name(relation_name: str) -> str:
    return VALENCE[relation(relation_name).valence]
