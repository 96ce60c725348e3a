"""Metadata the text itself gives: headline, byline author, publication date.

Conservative: a field stays None rather than take a guess from article prose. Dates come only
from metadata-shaped lines (bylines, datelines, "date 2024-05-27 ..." labels, a date alone on
a line near the top or in the sign-off), never from sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from proxygraph.ingest.clutter import cues, is_byline, is_clutter_line, is_date_line
from proxygraph.ingest.dates import find_date
from proxygraph.ingest.lines import TINY_WORDS, Line, ends_sentence, split_lines

# Lines read for the headline and byline: a page's head is short.
HEAD_LINES = 12
# Lines at the end read for a sign-off date ("June, 2017").
TAIL_LINES = 8
# A headline has this many words; longer first lines are prose.
HEADLINE_WORDS = (2, 30)
# A person's name alone on a line: two to four capitalised words.
NAME_WORDS = (2, 4)
_WIKI_HEADING = re.compile(r"^=+\s*(.*?)\s*=+$")
_HANDLE = re.compile(r"\s*\(?@\w+\)?")
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.\-]*$")


@dataclass(frozen=True)
class TextMeta:
    title: str | None = None
    author: str | None = None
    published: str | None = None


@cache
def _not_name_words() -> frozenset[str]:
    text = resources.files("proxygraph.ingest").joinpath("data/dates.yaml").read_text("utf-8")
    return frozenset(yaml.safe_load(text)["not_name_words"])


def text_metadata(text: str, find_date: bool = True) -> TextMeta:
    """Title, author and date as the text gives them; looking for the date reads every
    line, so a caller that already knows it says so."""
    lines = [ln for ln in split_lines(text) if not ln.blank]
    head = _head(lines)
    return TextMeta(_title(head), _author(head), _published(lines) if find_date else None)


def _head(lines: Sequence[Line]) -> list[Line]:
    """Lines before the first prose paragraph (at most HEAD_LINES)."""
    head = []
    for line in lines[:HEAD_LINES]:
        if _is_prose(line):
            break
        head.append(line)
    return head


def _is_prose(line: Line) -> bool:
    return (
        ends_sentence(line.core)
        and line.words > HEADLINE_WORDS[0] * 4
        and not (is_byline(line.core) or cues().prefix.match(line.core))
    )


def _title(head: Sequence[Line]) -> str | None:
    """The headline: the first line of the text, page furniture (a date, a labelled line,
    a byline) aside, when it is shaped like one. Anything else at the top (a name, a
    bullet, a sentence) means there is no headline to take: None, not a guess."""
    for line in head:
        core = _WIKI_HEADING.sub(r"\1", line.core)
        if _is_furniture(line):
            continue
        if line.bulleted or _is_name(core) or not _headline_shaped(core):
            return None
        return core
    return None


def _is_furniture(line: Line) -> bool:
    """Page furniture above a headline: clutter, a byline, a date or a labelled date."""
    core = line.core
    if is_clutter_line(line) or is_date_line(core) or cues().prefix.match(core):
        return True
    return len(core.split()) <= TINY_WORDS and bool(re.search(r"\d{4}", core))


def _headline_shaped(core: str) -> bool:
    """2 to 30 words, at least two of them words of letters ("date 2024-12" is not), no
    final period, no date in it (a dateline, a timestamp)."""
    low, high = HEADLINE_WORDS
    words = core.split()
    wordy = sum(1 for w in words if sum(c.isalpha() for c in w) >= 2)
    return (
        low <= len(words) <= high
        and wordy >= low
        and not core.endswith(".")
        and not find_date(core)
    )


def _author(head: Sequence[Line]) -> str | None:
    """Only from a byline ("By Jane Roe ..."): a bare name at the top is as often a quoted
    official, a photographer or a button label ("Full Screen") as the writer."""
    for line in head:
        if is_byline(line.core):
            return _byline_name(line.core)
    return None


def _byline_name(s: str) -> str | None:
    """ "By Kyle Orton (@handle) on 25 April 2017" -> "Kyle Orton"; a time or any other
    word with a digit ends the name ("By Jane Roe 10:45 GMT")."""
    rest = s.split(None, 1)[1] if " " in s else ""
    found = find_date(rest)
    if found:
        rest = rest[: found.start]
    rest = _HANDLE.sub("", rest)
    rest = re.split(r"\s+(?:on|at|in|le|am|el|il|\||,|-|–|—)\s+|\s*[|,–—]\s*", rest)[0]
    rest = re.split(r"\s*\S*\d", rest)[0]
    name = rest.strip(" .:-")
    if not name or not any(c.isalpha() for c in name) or len(name.split()) > NAME_WORDS[1] + 2:
        return None
    return name


def _is_name(s: str) -> bool:
    words = s.split()
    low, high = NAME_WORDS
    if not low <= len(words) <= high or words[0].casefold() in _not_name_words():
        return False
    return all(_NAME_WORD.match(w) for w in words) and not find_date(s)


def _published(lines: Sequence[Line]) -> str | None:
    """The first date of a metadata-shaped line near the top, else in the sign-off."""
    for line in [*lines[:HEAD_LINES], *lines[-TAIL_LINES:]]:
        iso = _line_date(line)
        if iso:
            return iso
    return None


def _line_date(line: Line) -> str | None:
    """A date from a byline, a leading label, or a line that holds only a date."""
    core = line.core
    label = cues().prefix.match(core)
    if label or is_byline(core) or is_date_line(core):
        found = find_date(core[: label.end()] if label else core)
        return found.iso if found else None
    return None
