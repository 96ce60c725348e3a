"""Timeline: what was claimed about a pair, when, and by whom; copies shown once."""

from __future__ import annotations

from dataclasses import dataclass

from proxygraph.graph.evidence import ClaimSet


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
