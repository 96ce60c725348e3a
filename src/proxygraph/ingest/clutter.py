"""Which parts of a page are article prose: ``kept_spans(text)`` -> ((start, end), ...).

Nothing is rewritten: the spans are offsets into the text as read, so evidence quoted from a
kept span is verbatim. The cues live in ``data/clutter.yaml``; this module holds the rules
that use them (see docs/ingest.md for the list).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from proxygraph.ingest.dates import find_date
from proxygraph.ingest.lines import Line, ends_sentence, has_letters, is_fragment, split_lines

# A run of this many fragment lines in a row (blank lines aside) is a menu or a list of labels.
MENU_RUN = 3
# A credit or byline line is short; longer lines are prose that happen to match.
CREDIT_WORDS = 8
BYLINE_WORDS = 12
# Tail markers count only in the second half of a text, so an inline box mid-article does not
# cut the article short.
TAIL_FROM = 0.5
# Lines longer than this are prose or data, never furniture; only line-start cues apply.
LONG_LINE = 400
# Words a date-only line may carry besides the date ("Published: Monday, June 5, 2017 10:00 GMT").
_DATE_LINE_WORDS = re.compile(
    r"\b(published|updated|posted|last|modified|date|on|at|am|pm|gmt|utc|est|cet|msk|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_ISO_DATE = r"\d{4}-\d{2}-\d{2}"


@dataclass(frozen=True)
class Cues:
    exact: frozenset[str]
    line: re.Pattern[str]
    anywhere: re.Pattern[str]
    ticker: re.Pattern[str]
    caption: tuple[str, ...]
    credit: re.Pattern[str]
    tail: re.Pattern[str]
    prefix: re.Pattern[str]
    byline: re.Pattern[str]


def _any(patterns: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.UNICODE)


@cache
def cues() -> Cues:
    """Load and compile ``data/clutter.yaml`` (once per process)."""
    data = yaml.safe_load(_read_data("clutter.yaml"))
    words = yaml.safe_load(_read_data("dates.yaml"))["byline_words"]
    symbols = "|".join(map(re.escape, data["ticker_symbols"]))
    agencies = "|".join(map(re.escape, data["credit_agencies"]))
    return Cues(
        exact=frozenset(" ".join(s.casefold().split()) for s in data["exact_lines"]),
        line=_any([f"^(?:{p})" for p in data["line_patterns"]]),
        anywhere=_any(data["anywhere_patterns"]),
        ticker=re.compile(rf"^(?:(?:{symbols})\s*[-+]?[\d.,]+\s*%?[\s•·|]*)+$", re.IGNORECASE),
        caption=tuple(c.casefold() for c in data["caption_cues"]),
        credit=re.compile(rf"(?:\s/\s.*|\b(?:{agencies}))\s*$", re.IGNORECASE),
        tail=_any([f"^(?:{p})" for p in data["tail_patterns"]]),
        prefix=_any([f"^(?:{p.replace('{date}', _ISO_DATE)})" for p in data["prefix_patterns"]]),
        byline=re.compile(rf"^(?i:{'|'.join(map(re.escape, words))}):?\s+[A-ZÀ-ÖØ-ÞА-ЯЁ@]"),
    )


def _read_data(name: str) -> str:
    return resources.files("proxygraph.ingest").joinpath("data").joinpath(name).read_text("utf-8")


def kept_spans(text: str) -> tuple[tuple[int, int], ...]:
    """One span per kept line (a paragraph, a heading); a hard-wrapped line is joined to the
    line it continues. Blank and dropped lines always end a span."""
    lines = split_lines(text)
    dropped = dropped_lines(lines)
    spans: list[tuple[int, int]] = []
    prev: Line | None = None
    for line in lines:
        if line.index in dropped:
            continue
        start, end, cut = _line_span(line)
        if spans and prev and prev.index == line.index - 1 and not cut and _wrapped(prev, line):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        prev = line
    return tuple(spans)


def _wrapped(prev: Line, line: Line) -> bool:
    """``line`` continues ``prev`` mid-sentence (hard-wrapped text)."""
    if ends_sentence(prev.core) or line.listed:
        return False
    return line.core[:1].islower() or prev.core.endswith((",", ";", "-", "–", "—", "("))


def _line_span(line: Line) -> tuple[int, int, bool]:
    """The line without surrounding spaces or a leading metadata label; True if a label was cut."""
    lead = len(line.raw) - len(line.raw.lstrip())
    start, end = line.start + lead, line.start + len(line.raw.rstrip())
    m = cues().prefix.match(line.raw[lead:])
    if m and m.end() < end - start:
        return start + m.end(), end, True
    return start, end, False


def dropped_lines(lines: Sequence[Line]) -> set[int]:
    """Indices of lines that are not prose."""
    dropped = {ln.index for ln in lines if not ln.blank and is_clutter_line(ln)}
    dropped |= _repeats_and_credits(lines)
    dropped |= _menu_runs(lines, dropped)
    dropped |= _tail(lines)
    return dropped | _sign_off(lines, dropped)


def is_clutter_line(line: Line) -> bool:
    """Rules that need only the line itself."""
    c, core = cues(), line.core
    if len(core) > LONG_LINE:
        return bool(c.line.match(core))
    if not has_letters(core) or line.key in c.exact:
        return True
    if c.line.match(core) or c.anywhere.search(core) or c.ticker.match(core):
        return True
    return is_date_line(core) or is_byline(core) or _is_caption(line) or _is_credit(line)


def is_date_line(s: str) -> bool:
    found = find_date(s) if len(s) <= LONG_LINE else None
    if not found:
        return False
    rest = _DATE_LINE_WORDS.sub("", s[: found.start] + s[found.end :])
    return not has_letters(rest)


def is_byline(s: str) -> bool:
    """ "By Jane Doe", "By Jane Doe (@jd) on 25 April 2017": short, and not a sentence."""
    if not cues().byline.match(s) or len(s.split()) > BYLINE_WORDS:
        return False
    return not ends_sentence(s) or find_date(s) is not None


def _is_caption(line: Line) -> bool:
    key = line.key
    return not ends_sentence(line.core) and any(cue in key for cue in cues().caption)


def _is_credit(line: Line) -> bool:
    return (
        line.words <= CREDIT_WORDS
        and not ends_sentence(line.core)
        and bool(cues().credit.search(line.core))
    )


def _repeats_and_credits(lines: Sequence[Line]) -> set[int]:
    """A line printed twice in a row is a caption: drop the copy, and a credit right after it."""
    dropped: set[int] = set()
    prev: Line | None = None
    after_repeat = False
    for line in (ln for ln in lines if not ln.blank):
        if prev is not None and line.key == prev.key:
            dropped.add(line.index)
            after_repeat = True
        elif after_repeat and is_fragment(line) and not ends_sentence(line.core):
            dropped.add(line.index)
            after_repeat = False
        else:
            after_repeat = False
        prev = line
    return dropped


def _menu_runs(lines: Sequence[Line], dropped: set[int]) -> set[int]:
    """Runs of fragments (menus, tables of contents, label lists, sign-offs)."""
    found: set[int] = set()
    run: list[Line] = []
    headline = _headline_index(lines, dropped)
    for line in (ln for ln in lines if not ln.blank):
        if line.index != headline and (line.index in dropped or is_fragment(line)):
            run.append(line)
            continue
        found |= _run_drops(run, dropped, line)
        run = []
    return found | _run_drops(run, dropped, None)


def _run_drops(run: list[Line], dropped: set[int], after: Line | None) -> set[int]:
    """A run's fragments, except a heading at its end: set apart by a blank line, not a list
    item, and followed by prose."""
    fragments = [ln for ln in run if ln.index not in dropped]
    if len(fragments) < MENU_RUN:
        return set()
    last = run[-1]
    heading = (
        after is not None
        and last.index not in dropped
        and not last.listed
        and len(run) > 1
        and last.index - run[-2].index > 1
    )
    return {ln.index for ln in fragments if not (heading and ln is last)}


def _headline_index(lines: Sequence[Line], dropped: set[int]) -> int | None:
    """The first line that is not clutter: a page's headline, never part of a menu run."""
    return next((ln.index for ln in lines if not ln.blank and ln.index not in dropped), None)


def _tail(lines: Sequence[Line]) -> set[int]:
    if not lines:
        return set()
    half = lines[-1].end * TAIL_FROM
    for line in lines:
        if line.start >= half and not line.blank and cues().tail.match(line.core):
            return {ln.index for ln in lines if ln.index >= line.index}
    return set()


def _sign_off(lines: Sequence[Line], dropped: set[int]) -> set[int]:
    """Fragments after the last prose line ("Jane Doe, freelancer", "Washington")."""
    found: set[int] = set()
    for line in reversed(lines):
        if line.blank or line.index in dropped:
            continue
        if not is_fragment(line):
            break
        found.add(line.index)
    return found if len(found) < len([ln for ln in lines if not ln.blank]) else set()
