"""Actor mentions of one document: catalog matches resolved in context, plus anaphora."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from proxygraph.actors import Catalog, Gazetteer, Match, Resolved, resolve_match
from proxygraph.actors.defined import (
    DefinedRules,
    DefinedSpan,
    bare_heads,
    defined_spans,
    find_defined,
    find_people,
    person_spans,
)
from proxygraph.models import Document

# "anti-ISIS coalition": the actor is what the phrase is against, not a party to it.
ANTI = re.compile(r"\b(?:anti|counter)[-‐ ]?$", re.IGNORECASE)
# "pro-Iranian militias": the actor is the side the phrase favours, not the militias; a
# demonym after it is the state even before a word for people.
PRO = re.compile(r"\bpro[-‐]$", re.IGNORECASE)
# Kinds of reference that are not a party to a claim by themselves.
NOT_A_PARTY = {"place", "anti", "pro"}
GROUP_LIKE = {"armed_group", "political", "pmc", "other", "agency", "provisional"}


# The catalog's type for a collective of many groups ("Iraqi Shia militias", "Kurdish
# militants"): it describes actors rather than being one.
COLLECTIVE = "other"


@dataclass(frozen=True)
class ActorRef:
    """A place in the text that stands for an actor."""

    actor: str  # the organisation or state it stands for
    actor_type: str
    start: int
    end: int
    surface: str
    kind: str  # name, alias, acronym, demonym, metonym, anaphor, entity
    person: str | None = None  # the person named, when a person was rolled up
    country: str | None = None

    @property
    def is_person(self) -> bool:
        return self.person is not None

    def as_anaphor(self, start: int, end: int, surface: str) -> ActorRef:
        return replace(self, start=start, end=end, surface=surface, kind="anaphor")


def find_mentions(
    doc: Document, catalog: Catalog, gazetteer: Gazetteer, rules: DefinedRules | None = None
) -> list[ActorRef]:
    """Every actor the document names, in order: catalog actors resolved for the article's
    year and, given ``rules``, the actors the document defines itself ("the Arakan Army
    (AA)"), which win over a catalog reading of the same words."""
    refs = _catalog_mentions(doc, catalog, gazetteer)
    if rules is None:
        return refs
    spans = defined_spans(doc.text, find_defined(doc.text, rules, catalog, gazetteer))
    spans = [s for s in spans if _in_prose(doc, s.start, s.end)]
    kept = [r for r in refs if not any(s.start < r.end and r.start < s.end for s in spans)]
    refs = sorted([*kept, *(_defined_ref(s, catalog) for s in spans)], key=lambda r: r.start)
    refs = _with_heads(doc, _with_people(doc, refs, rules), rules)
    return _with_hired_forces(doc, refs, catalog, rules)


def _with_hired_forces(
    doc: Document, refs: list[ActorRef], catalog: Catalog, rules: DefinedRules
) -> list[ActorRef]:
    """ "Russian mercenaries", "the Russian paramilitaries": hired fighters described by a
    state's demonym are the private military company of that state the document names
    most often ("Wagner ... which has since rebranded as the Africa Corps": Wagner); if
    two are named as often, the words stay what they were."""
    companies: dict[str, Counter[str]] = {}
    for r in refs:
        if r.actor_type == "pmc" and r.country and not r.is_person:
            companies.setdefault(r.country, Counter())[r.actor] += 1
    added: list[ActorRef] = []
    for country, named in companies.items():
        state = catalog.get(country)
        ranked = named.most_common(2)
        if (
            state is None
            or not state.demonyms
            or (len(ranked) > 1 and ranked[1][1] == ranked[0][1])
        ):
            continue
        company = ranked[0][0]
        demonyms = "|".join(sorted(map(re.escape, state.demonyms), key=len, reverse=True))
        for m in re.finditer(rf"\b(?:{demonyms})\b", doc.text):
            if rules.hired_force.match(doc.text, m.end()) and _in_prose(doc, *m.span()):
                added.append(
                    ActorRef(company, "pmc", m.start(), m.end(), m.group(), "alias", None, country)
                )
    if not added:
        return refs
    kept = [r for r in refs if not any(a.start < r.end and r.start < a.end for a in added)]
    return sorted([*kept, *added], key=lambda r: r.start)


def _with_heads(doc: Document, refs: list[ActorRef], rules: DefinedRules) -> list[ActorRef]:
    """A name cut to its head ("the Alliance", "the Front") is the one actor named before
    it whose name has that head ("the Kessa Valley Alliance"), whatever the catalog reads
    in the bare word; with none, or several, the catalog's reading stands."""
    for start, end, head in bare_heads(doc.text, rules):
        earlier = {
            r.actor: r
            for r in refs
            if r.end <= start
            and not r.is_person
            and r.kind not in NOT_AN_OWNER
            and rules.head(r.actor) == head
        }
        if len(earlier) != 1 or not _in_prose(doc, start, end):
            continue
        (ref,) = earlier.values()
        named = replace(ref, start=start, end=end, surface=doc.text[start:end], kind="defined")
        refs = sorted(
            [r for r in refs if not (r.start < end and start < r.end)] + [named],
            key=lambda r: r.start,
        )
    return refs


def _in_prose(doc: Document, start: int, end: int) -> bool:
    """Inside the article's kept prose (not its navigation or boilerplate)."""
    return any(s <= start and end <= e for s, e in doc.kept or ((0, len(doc.text)),))


# Mentions that can stand for the actor a person introduced beside them serves.
NOT_AN_OWNER = NOT_A_PARTY | {"anaphor"}


def _with_people(doc: Document, refs: list[ActorRef], rules: DefinedRules) -> list[ActorRef]:
    """People the document introduces by office ("AA spokesperson Kyaw Min") stand for the
    actor they serve wherever the document names them; a name the catalog or another
    mention already covers is left as it is."""
    text = doc.text
    owners = [r for r in refs if not r.is_person and r.kind not in NOT_AN_OWNER]
    added: list[ActorRef] = []
    for person in find_people(text, [(r.start, r.end) for r in owners], rules):
        owner = owners[person.owner]
        for start, end in person_spans(text, person):
            if _in_prose(doc, start, end) and not any(
                r.start < end and start < r.end for r in [*refs, *added]
            ):
                added.append(
                    replace(
                        owner,
                        start=start,
                        end=end,
                        surface=text[start:end],
                        kind="defined",
                        person=person.name,
                    )
                )
    return sorted([*refs, *added], key=lambda r: r.start) if added else refs


def _defined_ref(span: DefinedSpan, catalog: Catalog) -> ActorRef:
    state = catalog.get(span.defined.actor) if span.defined.actor_type == "state" else None
    return ActorRef(
        actor=span.defined.actor,
        actor_type=span.defined.actor_type,
        start=span.start,
        end=span.end,
        surface=span.surface,
        kind="defined",
        country=state.name if state else None,
    )


def _catalog_mentions(doc: Document, catalog: Catalog, gazetteer: Gazetteer) -> list[ActorRef]:
    refs = []
    for start, end in doc.kept or ((0, len(doc.text)),):
        for match in gazetteer.iter_matches(doc.text[start:end]):
            # most documents are read whole: their matches need no copy at new offsets
            shifted = (
                replace(match, start=match.start + start, end=match.end + start) if start else match
            )
            resolved = resolve_match(shifted, doc.text, catalog, doc.year, gazetteer)
            if PRO.search(doc.text, max(0, shifted.start - 4), shifted.start):
                resolved = Resolved(actor=(resolved.actor if resolved else match.actor), kind="pro")
            if resolved is None:
                resolved = _unplaced_person(shifted.actor, catalog) or _place(shifted)
            if resolved is None:
                continue
            if ANTI.search(doc.text, max(0, shifted.start - 8), shifted.start):
                resolved = replace(resolved, kind="anti")
            actor = catalog.get(resolved.actor)
            refs.append(
                ActorRef(
                    actor=resolved.actor,
                    actor_type=actor.type if actor else "other",
                    start=shifted.start,
                    end=shifted.end,
                    surface=shifted.surface,
                    kind=resolved.kind,
                    person=resolved.person,
                    country=actor.country if actor else None,
                )
            )
    return refs


def _place(match: Match) -> Resolved | None:
    """A capital used as a place: no actor, except as where a visit or talks go."""
    return Resolved(actor=match.actor, kind="place") if match.kind == "metonym" else None


def _unplaced_person(name: str, catalog: Catalog) -> Resolved | None:
    """A person with no office in the article's year: kept as a person, so a sentence
    that dates itself ("in the mid-1990s") can still place them."""
    actor = catalog.get(name)
    if actor is None or actor.type != "person":
        return None
    return Resolved(actor=name, person=name, kind="name")


def place_person(ref: ActorRef, catalog: Catalog, year: int | None) -> ActorRef:
    """Roll a person up to the actor they served in ``year``, if they served one then."""
    entry = catalog.get(ref.person or "")
    role = entry.role_at(year) if entry and year else None
    if role is None:
        return ref
    actor = catalog.get(role.actor)
    return replace(
        ref,
        actor=role.actor,
        actor_type=actor.type if actor else "other",
        country=actor.country if actor else None,
    )
