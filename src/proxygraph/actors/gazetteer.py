"""Fast dictionary look-up of catalog names in raw text, with character offsets.

Text and aliases are cut into the same word tokens and folded the same way (case,
diacritics, apostrophes, hyphens, Arabic articles, Russian case endings), so
"Hizb-i-Islami", "Hizb i Islami" and "HIZB-I-ISLAMI" meet, as do "Россия" and "России".
Acronyms keep their case so that "IS" is never the verb "is". A second, looser index
keeps only the consonant skeleton of long transliterated names, so "Sulaymani",
"Soleimani" and "Suleimani" meet without listing every spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from proxygraph.actors.catalog import Actor, Catalog

# A word keeps its inner apostrophes ("Kata'ib", "Sana'a"); a possessive "'s" is cut off.
# A French elided article or preposition is a word of its own, so that "l'Iran",
# "d'Israël" and "qu'Israël" hold the name as written alone.
WORD = re.compile(r"(?:[lLdD]|[qQ]u)['’](?=\w)|\w+(?:['’ʼʻ`]\w+)*|[^\w\s]", re.UNICODE)
APOSTROPHES = str.maketrans("", "", "'’ʼʻ`")
POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
POSSESSIVE_GAP = re.compile(r"^['’]s")
# Joiners that writers use or drop at will inside names; not part of a name's identity.
SKIPPED = {"-", "‐", "‑", "–", "'", "’", "`", "ʼ", "ʻ"}
HYPHENS = {"-", "‐", "‑"}
LEADING_ARTICLES = {"the"}
# Arabic article as written before a hyphen: "el-", "ad-", "ash-", "ul-" are all "al-".
# Only before a capital and not in capitals itself, so "US-Iran" stays "US".
ARABIC_ARTICLES = {
    "al",
    "el",
    "ad",
    "ar",
    "as",
    "ash",
    "at",
    "az",
    "an",
    "ed",
    "es",
    "ul",
    "ud",
    "ath",
    "adh",
    "ut",
    "ur",
    "us",
    "un",
}
KINDS = ("name", "alias", "acronym", "demonym", "metonym")
STOP = "stop"  # a phrase that contains a name but names no actor ("Latin America")
ANY_CASE = ""  # "exact" of aliases the catalog writes in lower case: they match in any case
# Russian case endings, longest first: "России", "Россией", "Россию" all fold to "росс".
_ENDINGS = "иями ями ами ией ого его ому ему ыми ими ой ей ий ый ая яя ое ее ые ие ых их ую юю"
_ENDINGS += " ом ем ам ям ах ях ию ия ии ью ым им а я ы и у ю е о ь й"
RUSSIAN_ENDINGS = tuple(sorted(_ENDINGS.split(), key=len, reverse=True))
MIN_RUSSIAN_STEM = 3
# Skeleton matching only for long names: short ones ("Homs"/"Hamas") collide too easily.
MIN_SKELETON = 6
VOWELS = re.compile(r"[aeiouy]+")
SKELETON_LETTERS = str.maketrans({"q": "k", "w": "v"})


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    surface: str
    actor: str
    kind: str  # one of KINDS
    candidates: tuple[str, ...] = field(default=(), compare=False)  # all actors sharing it


@lru_cache(maxsize=1 << 18)
def fold(token: str) -> str:
    """Case- and accent-free form of one token; Russian words lose their case ending."""
    if token.isascii():
        return token.lower().translate(APOSTROPHES)
    lowered = unicodedata.normalize("NFC", token.casefold()).translate(APOSTROPHES)
    if "а" <= lowered[:1] <= "я" or lowered[:1] == "ё":
        # Cyrillic keeps its marks ("й" is a letter, not "и" with an accent).
        return _russian_stem(lowered.replace("ё", "е"))
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _russian_stem(word: str) -> str:
    for ending in RUSSIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_RUSSIAN_STEM:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=1 << 16)
def skeleton(folded: str) -> str:
    """Transliteration-proof form: vowel runs become one mark, doubled letters one letter."""
    if not folded.isascii():
        return folded
    squeezed = re.sub(r"(.)\1+", r"\1", folded.translate(SKELETON_LETTERS))
    if squeezed.startswith("y"):
        return "y" + VOWELS.sub("*", squeezed[1:])
    return VOWELS.sub("*", squeezed)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(folded token, start, end) for every token that can be part of a name."""
    # ASCII text (most of it) folds in one call; its words then need no per-word folding.
    lowered = text.lower() if text.isascii() else None
    out: list[tuple[str, int, int]] = []
    for m in WORD.finditer(lowered if lowered is not None else text):
        word = m.group()
        if word in SKIPPED:
            continue
        start, end = m.span()
        if "'" in word or "’" in word:
            cut = POSSESSIVE.search(word)
            if cut:
                word, end = word[: cut.start()], start + cut.start()
            word = word.translate(APOSTROPHES) if lowered is not None else word
        folded = word if lowered is not None else fold(word)
        if folded in ARABIC_ARTICLES and _is_article(text, text[start:end], end):
            folded = "al"
        out.append((folded, start, end))
    return out


def _is_article(text: str, word: str, end: int) -> bool:
    return (
        text[end : end + 1] in HYPHENS
        and text[end + 1 : end + 2].isupper()
        and not (word.isupper())
    )


def alias_key(alias: str) -> tuple[str, ...]:
    key = [t for t, _, _ in tokens(alias)]
    while key and key[0] in LEADING_ARTICLES and len(key) > 1:
        key = key[1:]
    return tuple(key)


def key_variants(key: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The key, the key without its "al" articles ("Bashar Assad", "Qaeda"), and a long
    name without an inner "the" ("Group for Support of Islam and Muslims")."""
    yield key
    bare = tuple(t for t in key if t != "al")
    if bare != key and bare:
        yield bare
    if len(key) > 3 and "the" in key[1:]:
        yield key[:1] + tuple(t for t in key[1:] if t != "the")


Entry = tuple[str, str, "str | None"]  # (actor, kind, exact spelling for case-true names)


class Gazetteer:
    def __init__(self, catalog: Catalog) -> None:
        self.index: dict[tuple[str, ...], list[Entry]] = {}
        for actor in catalog.actors.values():
            for alias, kind, exact in _names(actor):
                for key in key_variants(alias_key(alias)):
                    entries = self.index.setdefault(key, [])
                    if not any(e[0] == actor.name and e[2] == exact for e in entries):
                        entries.append((actor.name, kind, exact))
        for phrase in catalog.stopnames:
            self.index.setdefault(alias_key(phrase), [("", STOP, None)])
        self.widths = _widths(self.index)
        self.prefixes = _prefixes(self.index)
        self.skeletons = _skeleton_index(catalog, self.index)
        self.skeleton_widths = _widths(self.skeletons)
        self.skeleton_prefixes = _prefixes(self.skeletons)

    def find(self, text: str) -> list[Match]:
        return list(self.iter_matches(text))

    def iter_matches(self, text: str) -> Iterator[Match]:
        toks = tokens(text)
        i, n = 0, len(toks)
        while i < n:
            found = None
            if toks[i][0] in self.widths:
                found = self._longest_at(text, toks, i, self.index, self.widths, False)
            if found is None and text[toks[i][1]].isupper():
                found = self._skeleton_at(text, toks, i)
            if found is None:
                i += 1
                continue
            if found[0].kind != STOP:
                yield found[0]
            i += found[1]

    def _skeleton_at(
        self, text: str, toks: list[tuple[str, int, int]], i: int
    ) -> tuple[Match, int] | None:
        if skeleton(toks[i][0]) not in self.skeleton_widths:
            return None
        return self._longest_at(text, toks, i, self.skeletons, self.skeleton_widths, True)

    def _longest_at(
        self,
        text: str,
        toks: list[tuple[str, int, int]],
        i: int,
        index: dict[tuple[str, ...], list[Entry]],
        widths: dict[str, int],
        loose: bool,
    ) -> tuple[Match, int] | None:
        prefixes = self.skeleton_prefixes if loose else self.prefixes
        key: tuple[str, ...] = ()
        keys = []
        # Grow while the words so far begin some name. Indexing, not ``toks[i:]``: a slice
        # copies the rest of the text's tokens at every position (quadratic time).
        for j in range(i, len(toks)):
            t = toks[j][0]
            key = (*key, skeleton(t) if loose else t)
            if key not in prefixes:
                break
            keys.append(key)
        for key in reversed(keys):
            width = len(key)
            window = toks[i : i + width]
            candidates = index.get(key)
            if not candidates or not _contiguous(text, window):
                continue
            start, end = window[0][1], window[-1][2]
            surface = text[start:end]
            fitting = [c for c in candidates if _fits(surface, c)]
            if fitting:
                actor, kind, _ = fitting[0]
                names = tuple(dict.fromkeys(c[0] for c in fitting))
                return Match(start, end, surface, actor, kind, names), width
        return None


def _fits(surface: str, entry: Entry) -> bool:
    _, kind, exact = entry
    if exact is not None:
        return exact == ANY_CASE or _same_letters(surface, exact)
    return _capitals_agree(surface, kind)


def _contiguous(text: str, window: list[tuple[str, int, int]]) -> bool:
    """A name does not run across a sentence break, comma or bracket."""
    for (_, _, end), (_, start, _) in zip(window, window[1:], strict=False):
        gap = POSSESSIVE_GAP.sub("", text[end:start])
        if gap.strip(" -‐‑–'’.") or len(gap) > 3:
            return False
    return True


def _widths(index: dict[tuple[str, ...], list[Entry]]) -> dict[str, int]:
    """The longest key starting with each first token, so most tokens cost one look-up."""
    widths: dict[str, int] = {}
    for key in index:
        widths[key[0]] = max(widths.get(key[0], 0), len(key))
    return widths


def _prefixes(index: dict[tuple[str, ...], list[Entry]]) -> set[tuple[str, ...]]:
    return {key[:n] for key in index for n in range(1, len(key) + 1)}


def _skeleton_index(
    catalog: Catalog, exact: dict[tuple[str, ...], list[Entry]]
) -> dict[tuple[str, ...], list[Entry]]:
    """Skeleton keys of long non-state names; keys two actors share are left out."""
    index: dict[tuple[str, ...], list[Entry]] = {}
    for key, entries in exact.items():
        if any(e[2] is not None or e[1] == STOP for e in entries):
            continue
        if sum(len(t) for t in key) < MIN_SKELETON:
            continue
        states = [e for e in entries if (a := catalog.get(e[0])) and a.type == "state"]
        if states or any(e[1] in ("demonym", "metonym") for e in entries):
            continue
        skel = tuple(skeleton(t) for t in key)
        if sum(len(s) for s in skel) < MIN_SKELETON:
            continue
        index.setdefault(skel, [])
        for entry in entries:
            if entry[0] not in [e[0] for e in index[skel]]:
                index[skel].append(entry)
    return {k: v for k, v in index.items() if len({e[0] for e in v}) == 1}


def _same_letters(surface: str, exact: str) -> bool:
    """Exact-case comparison ignoring dots, hyphens and spaces ("U.S." = "US" != "us")."""

    def squash(s: str) -> str:
        return re.sub(r"[.\s\-‐‑]", "", s)

    return squash(surface) == squash(exact)


def _capitals_agree(surface: str, kind: str) -> bool:
    """Names are written with a capital; "alliance" is not "the Alliance"."""
    # (in ASCII, a capital is exactly what lower() changes; one pass in C, not per letter)
    return kind == "demonym" or not surface.isascii() or surface.lower() != surface


def _names(actor: Actor) -> Iterator[tuple[str, str, str | None]]:
    """Every name that matches in running text; ``lookup`` names are kept out."""
    if actor.name not in actor.lookup:
        yield actor.name, "name", _exact(actor.name)
    for alias in actor.aliases:
        yield alias, "alias", _exact(alias)
    for alias in actor.ambiguous:  # shared names need not be repeated under aliases
        if alias not in actor.aliases:
            yield alias, "alias", _exact(alias)
    for alias in actor.acronyms:
        yield alias, "acronym", alias
    for alias in actor.demonyms:
        yield alias, "demonym", None
    for alias in actor.metonyms:
        yield alias, "metonym", None


def _exact(alias: str) -> str | None:
    """Acronyms match in their own case; names the catalog writes in lower case
    ("mujahideen", "jihadists") in any case; other names need a capital."""
    if _looks_like_acronym(alias):
        return alias
    return ANY_CASE if alias.islower() and alias.isascii() else None


def _looks_like_acronym(alias: str) -> bool:
    letters = re.sub(r"[.\-\s]", "", alias)
    return len(letters) <= 6 and letters.isupper() and letters.isalpha()
