"""Turning what a user types ("Hizballah", "the Kremlin", "isis") into a stored actor name."""

from __future__ import annotations

from collections.abc import Iterable

from proxygraph.actors import Catalog, Gazetteer, Match
from proxygraph.actors.gazetteer import alias_key


class AliasResolver:
    def __init__(self, catalog: Catalog, stored: Iterable[str] = ()) -> None:
        self.gazetteer = Gazetteer(catalog)
        # Stored names (provisional actors included) by their folded form.
        self.by_key = {alias_key(n): n for n in catalog.actors}
        self.by_key.update({alias_key(n): n for n in stored})

    def resolve(self, name: str) -> str:
        """The canonical name; a name the catalog and the store do not know comes back as is."""
        text = name.strip()
        exact = self.by_key.get(alias_key(text))
        if exact:
            return exact
        for candidate in (text, text.title(), text.upper()):  # as typed: "hizballah", "isis"
            matches = self.gazetteer.find(candidate)
            if len(matches) == 1 and _covers(matches[0], candidate):
                return matches[0].actor
        return text


def _covers(match: Match, text: str) -> bool:
    """The match is all of ``text`` but for a leading article."""
    return text[: match.start].strip().casefold() in ("", "the") and not text[match.end :].strip()
