"""Fast dictionary look-up of catalog names in raw text, with character offsets.

Text and aliases are cut into the same word tokens and folded the same way (case,
diacritics, apostrophes, hyphens), so "Hizb-i-Islami", "Hizb i Islami" and
"HIZB-I-ISLAMI" meet. Acronyms keep their case so that "IS" is never the verb "is".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from proxygraph.actors.catalog import Actor, Catalog

WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)
# Joiners that writers use or drop at will inside names; not part of a name's identity.
SKIPPED = {"-", "‐", "‑", "–", "'", "’", "`", "ʼ", "ʻ"}
LEADING_ARTICLES = {"the"}
KINDS = ("name", "alias", "acronym", "demonym", "metonym")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    surface: str
    actor: str
    kind: str  # one of KINDS


def fold(token: str) -> str:
    """Case- and accent-free form of one token."""
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(folded token, start, end) for every token that can be part of a name."""
    return [
        (fold(m.group()), m.start(), m.end())
        for m in WORD.finditer(text)
        if m.group() not in SKIPPED
    ]


def alias_key(alias: str) -> tuple[str, ...]:
    key = [t for t, _, _ in tokens(alias)]
    while key and key[0] in LEADING_ARTICLES and len(key) > 1:
        key = key[1:]
    return tuple(key)


class Gazetteer:
    def __init__(self, catalog: Catalog) -> None:
        self.index: dict[tuple[str, ...], list[tuple[str, str, str | None]]] = {}
        for actor in catalog.actors.values():
            for alias, kind, exact in _names(actor):
                key = alias_key(alias)
                if key:
                    self.index.setdefault(key, []).append((actor.name, kind, exact))
        self.longest = max((len(k) for k in self.index), default=1)

    def find(self, text: str) -> list[Match]:
        return list(self.iter_matches(text))

    def iter_matches(self, text: str) -> Iterator[Match]:
        toks = tokens(text)
        i = 0
        while i < len(toks):
            match = self._longest_at(text, toks, i)
            if match is None:
                i += 1
                continue
            found, width = match
            yield found
            i += width

    def _longest_at(
        self, text: str, toks: list[tuple[str, int, int]], i: int
    ) -> tuple[Match, int] | None:
        for width in range(min(self.longest, len(toks) - i), 0, -1):
            key = tuple(t for t, _, _ in toks[i : i + width])
            candidates = self.index.get(key)
            if not candidates:
                continue
            start, end = toks[i][1], toks[i + width - 1][2]
            surface = text[start:end]
            for actor, kind, exact in candidates:
                if exact is not None and not _same_letters(surface, exact):
                    continue
                if exact is None and not _capitals_agree(surface, kind):
                    continue
                return Match(start, end, surface, actor, kind), width
        return None


def _same_letters(surface: str, exact: str) -> bool:
    """Exact-case comparison that ignores dots ("U.S." and "US" stay distinct from "us")."""
    return surface.replace(".", "") == exact.replace(".", "")


def _capitals_agree(surface: str, kind: str) -> bool:
    """Names are written with a capital; "alliance" is not "the Alliance"."""
    first = surface[0]
    return not first.isalpha() or first.isupper() or not first.isascii() or kind == "demonym"


def _names(actor: Actor) -> Iterator[tuple[str, str, str | None]]:
    yield actor.name, "name", actor.name if _looks_like_acronym(actor.name) else None
    for alias in actor.aliases:
        yield alias, "alias", alias if _looks_like_acronym(alias) else None
    for alias in actor.acronyms:
        yield alias, "acronym", alias
    for alias in actor.demonyms:
        yield alias, "demonym", None
    for alias in actor.metonyms:
        yield alias, "metonym", None


def _looks_like_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "")
    return len(letters) <= 5 and letters.isupper()
