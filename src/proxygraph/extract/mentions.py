"""Actor mentions of one document: catalog matches resolved in context, plus anaphora."""

from __future__ import annotations

from dataclasses import dataclass, replace

from proxygraph.actors import Catalog, Gazetteer, resolve_match
from proxygraph.models import Document

STATE_LIKE = {"state", "igo"}
GROUP_LIKE = {"armed_group", "political", "pmc", "other", "agency", "provisional"}


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


def find_mentions(doc: Document, catalog: Catalog, gazetteer: Gazetteer) -> list[ActorRef]:
    """Every catalog actor the document names, in order, resolved for the article's year."""
    refs = []
    for start, end in doc.kept or ((0, len(doc.text)),):
        for match in gazetteer.iter_matches(doc.text[start:end]):
            shifted = replace(match, start=match.start + start, end=match.end + start)
            resolved = resolve_match(shifted, doc.text, catalog, doc.year)
            if resolved is None:
                continue
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
