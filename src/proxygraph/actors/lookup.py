"""Looking an actor up by any of its names, as a user types it, from the catalog alone.

Every name counts here, look-up-only names included ("Fulani", a short name that is an
English word), and case is ignored ("eln", "hizballah"). A name several actors share
answers with all of them, the first the likeliest (organisations before people).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from proxygraph.actors.catalog import Actor, Catalog
from proxygraph.actors.gazetteer import Gazetteer, alias_key

TYPE_ORDER = ("state", "armed_group", "political", "agency", "pmc", "igo", "other", "person")


@dataclass(frozen=True)
class Found:
    actor: Actor
    others: tuple[str, ...] = ()  # further actors of the same name


class ActorIndex:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.keys: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for actor in catalog.actors.values():
            names = (actor.name, *actor.aliases, *actor.acronyms, *actor.lookup)
            names += (*actor.ambiguous, *actor.metonyms)
            if actor.native:
                names += (actor.native,)
            for name in names:
                key = alias_key(name)
                if key and actor.name not in self.keys[key]:
                    self.keys[key].append(actor.name)
        self._gazetteer: Gazetteer | None = None

    def find(self, name: str) -> Found | None:
        text = name.strip()
        exact = self.catalog.get(text)
        if exact is not None:
            return Found(exact)
        owners = self.keys.get(alias_key(text)) or self._loose(text)
        if not owners:
            return None
        ranked = sorted(owners, key=self._rank)
        return Found(self.catalog.actors[ranked[0]], tuple(ranked[1:]))

    def _rank(self, name: str) -> tuple[int, int, str]:
        """States first, people last; then the actor the catalog says most about (the
        ELN of Colombia, designated and hand-described, before Bolivia's of 1967)."""
        actor = self.catalog.actors[name]
        order = TYPE_ORDER.index(actor.type) if actor.type in TYPE_ORDER else len(TYPE_ORDER)
        richness = len(actor.aliases) + len(actor.acronyms) + 3 * len(actor.designations)
        return (order, -richness, name)

    def _loose(self, text: str) -> list[str]:
        """Spelling variants the gazetteer folds together ("Hizballah" = "Hezbollah")."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer(self.catalog)
        for candidate in (text, text.title(), text.upper()):
            matches = self._gazetteer.find(candidate)
            if len(matches) == 1 and matches[0].end - matches[0].start >= len(candidate) - 4:
                match = matches[0]
                if candidate[: match.start].strip().casefold() in ("", "the"):
                    return list(match.candidates or (match.actor,))
        return []
