"""Cutting documents into sentences with offsets, without a parser.

Lines are paragraphs (headlines and bylines have no full stop), and a paragraph is cut
after ., ! or ? followed by a capital or an opening quote, unless the word before the stop
is a known abbreviation ("Gen.", "U.S.") or a single initial.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-ZА-ЯЁ0-9])")
WORD_BEFORE = re.compile(r"(\S+)$")


@cache
def abbreviations() -> frozenset[str]:
    text = resources.files("proxygraph.nlp").joinpath("data/abbreviations.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def split_sentences(
    text: str, spans: tuple[tuple[int, int], ...] | None = None
) -> Iterator[tuple[int, int]]:
    """(start, end) of every sentence inside ``spans`` (the whole text when None)."""
    for start, end in spans or ((0, len(text)),):
        for line in re.finditer(r"[^\n]+", text[start:end]):
            yield from _split_paragraph(text, start + line.start(), start + line.end())


def _split_paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    for cut in BOUNDARY.finditer(text, start, end):
        stop = cut.start()
        if _is_abbreviation(text[cursor:stop]):
            continue
        yield from trimmed(text, cursor, cut.end())
        cursor = cut.end()
    yield from trimmed(text, cursor, end)


def _is_abbreviation(before: str) -> bool:
    match = WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).lstrip("(\"“‘'")
    return word in abbreviations() or (len(word) == 1 and word.isupper())


def trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span without the white space at its ends, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
