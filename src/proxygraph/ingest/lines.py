"""Lines of a text with offsets, and the shape tests shared by clutter and metadata rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A list marker or section number in front of a line: "•", "-", "1.", "2.1", "a)".
_BULLET = re.compile(r"^(?:[•·▪►◦‣*\-–—]+|\d+(?:\.\d+)+\.?|\d+[.)]|[a-z]\))\s+")
_LIST_SIGNS = frozenset("•·▪►◦‣*-–—")
_WORD = re.compile(r"\w[\w'’\-.]*", re.UNICODE)
# Sentence-final punctuation, optionally followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…。؟][\"'”’»)\]]*$")

# A line of at most this many words, without a sentence end, is a fragment (heading, menu item).
FRAGMENT_WORDS = 8
# With this few words a final period is more likely an abbreviation ("Washington, U.S.").
TINY_WORDS = 3


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of a text: ``text[start:end]`` is the line without its newline;
    ``index`` is its line number, so a gap in indices is a blank line."""

    index: int
    start: int
    end: int
    raw: str
    core: str  # stripped, without a leading bullet or number
    bulleted: bool
    words: int
    key: str  # case-folded, spaces collapsed: for comparing lines

    @property
    def listed(self) -> bool:
        """A list item: a bullet sign in front (section numbers like "2.1" do not count)."""
        return self.raw.lstrip()[:1] in _LIST_SIGNS

    @property
    def blank(self) -> bool:
        return not self.core


def split_lines(text: str) -> list[Line]:
    """The non-blank lines (blank ones would only cost memory on pathological input)."""
    lines, start = [], 0
    for i, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if stripped:
            core = _BULLET.sub("", stripped, count=1).strip() or stripped
            key = " ".join(core.casefold().split())
            words = len(_WORD.findall(core))
            lines.append(Line(i, start, start + len(raw), raw, core, core != stripped, words, key))
        start += len(raw) + 1
    return lines


def ends_sentence(s: str) -> bool:
    return bool(_SENTENCE_END.search(s.rstrip()))


def is_fragment(line: Line) -> bool:
    """Short and not a sentence: a heading, a menu entry, a label, a sign-off."""
    n = line.words
    return 0 < n <= FRAGMENT_WORDS and (not ends_sentence(line.core) or n <= TINY_WORDS)


def has_letters(s: str) -> bool:
    return any(c.isalpha() for c in s)
