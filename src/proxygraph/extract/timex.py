"""When a claim holds: dates and years in the sentence, read against the publication date.

Each language's words (months, span and "since" words, dates said relative to the article's
own) are data in ``data/<lang>/time.yaml``; the patterns here are built from them. Read the
tables once with ``time_words`` and hand them to ``claim_time``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

YEAR = r"(1[89]\d\d|20\d\d)"
BARE_YEAR = re.compile(rf"\b{YEAR}\b")
DECADE_DIGITS = r"(1[89]\d0|20\d0)s"

# Arabic-Indic and Persian digits read as ASCII digits.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass(frozen=True)
class TimeWords:
    """One language's date patterns, compiled from its ``time.yaml``."""

    months: dict[str, int]  # lower-case month form -> number
    span: re.Pattern[str]
    since: re.Pattern[str] | None
    day_month_year: re.Pattern[str]
    month_year: re.Pattern[str]
    month_day: re.Pattern[str] | None  # "on March 3": the article's year
    relative: re.Pattern[str] | None  # "last year"
    relative_years: dict[str, int]
    weekday: re.Pattern[str] | None  # "on Thursday": the last one up to the article's date
    weekdays: dict[str, int]
    decade: re.Pattern[str]


def time_words(language: str) -> TimeWords | None:
    """The language's date patterns; None when it has no ``time.yaml`` (years still count).
    Built on each call: the extractor keeps the result."""
    path = resources.files("proxygraph.extract").joinpath(f"data/{language}/time.yaml")
    if not path.is_file():
        return None
    raw: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    for key in ("since", "year_words", "weekdays", "decade_qualifiers", "date_prepositions"):
        if any(not isinstance(w, str) for w in raw.get(key) or []):
            raise ValueError(f"data/{language}/time.yaml: {key} must be words (quote yes/no/on)")
    months = {str(form).lower(): int(n) for n, forms in raw["months"].items() for form in forms}
    if sorted(set(months.values())) != list(range(1, 13)):
        raise ValueError(f"data/{language}/time.yaml: months must name 1 to 12")
    month = f"(?:{_alternatives(months)})"
    after = (
        rf"(?:\s+(?:{_alternatives(raw.get('year_words') or [])})\.?)?"
        if raw.get("year_words")
        else ""
    )
    pairs = [
        rf"{_alternatives([a])}\s+(?:{month}\s+)?{YEAR}{after}\s*{_alternatives([b])}\s*"
        rf"(?:{month}\s+)?{YEAR}"
        for a, b in raw.get("spans") or []
    ]
    dash = rf"{YEAR}\s*[-–—]\s*{YEAR}"
    since = raw.get("since") or []
    relative = {str(k).lower(): int(v) for k, v in (raw.get("relative_years") or {}).items()}
    weekdays = {str(w).lower(): n for n, w in enumerate(raw.get("weekdays") or [])}
    qualifiers = raw.get("decade_qualifiers") or []
    # a day named alone is the claim's only after its preposition ("on March 3", "on
    # Thursday"), not as a name ("the Oct 7 attack")
    on = rf"(?:{_alternatives(raw.get('date_prepositions') or [])})\s+"
    qualifier = rf"((?:{_alternatives(qualifiers)})-?\s*)?" if qualifiers else "()"
    return TimeWords(
        months=months,
        span=re.compile(rf"(?i)(?<!\w)(?:{'|'.join([*pairs, dash])})(?!\w)"),
        since=re.compile(rf"(?i)(?<!\w)(?:{_alternatives(since)})\s+(?:{month}\s+)?{YEAR}")
        if since
        else None,
        day_month_year=re.compile(rf"(?i)(?<!\w)(\d{{1,2}})\.?\s+({month})\s+{YEAR}"),
        month_year=re.compile(rf"(?i)(?<!\w)({month})\s+(?:\d{{1,2}},?\s+)?{YEAR}"),
        month_day=re.compile(rf"(?i)(?<!\w){on}({month})\s+(\d{{1,2}})(?!\d)(?!,?\s+\d)")
        if raw.get("month_day") and raw.get("date_prepositions")
        else None,
        relative=re.compile(rf"(?i)(?<!\w)({_alternatives(relative)})(?!\w)") if relative else None,
        relative_years=relative,
        weekday=re.compile(rf"(?i)(?<!\w){on}({_alternatives(weekdays)})(?!\w)")
        if weekdays and raw.get("date_prepositions")
        else None,
        weekdays=weekdays,
        decade=re.compile(rf"(?i)\b(?:the\s+)?{qualifier}{DECADE_DIGITS}\b"),
    )


def _alternatives(words: Any) -> str:
    """A regex alternation of phrases, longest first, spaces matching any run of spaces."""
    forms = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)


def claim_time(sentence: str, published: str | None, words: TimeWords | None) -> str | None:
    """An ISO-like time for the sentence's claim ("2017-04", "2007/2017"), else the
    publication's month, else None."""
    text = sentence.translate(DIGITS)
    if words is not None:
        found = _written_date(text, published, words)
        if found:
            return found
    if m := BARE_YEAR.search(text):
        return m.group(1)
    if words is not None and (m := words.decade.search(text)):
        return f"{(m.group(1) or '').strip()} {m.group(2)}s".strip()
    if words is not None and published:
        found = _relative_date(text, published, words)
        if found:
            return found
    return published[:7] if published else None


def _written_date(text: str, published: str | None, words: TimeWords) -> str | None:
    if m := words.span.search(text):
        years = [g for g in m.groups() if g and g.isdigit() and len(g) == 4]
        return f"{years[0]}/{years[1]}"
    if words.since and (m := words.since.search(text)):
        return f"{m.group(1)}/{published[:4] if published else ''}"
    if m := words.day_month_year.search(text):
        return f"{m.group(3)}-{words.months[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    if m := words.month_year.search(text):
        return f"{m.group(2)}-{words.months[m.group(1).lower()]:02d}"
    return None


def _relative_date(text: str, published: str, words: TimeWords) -> str | None:
    """Dates said against the article's own: "last year", "on March 3", "on Thursday"."""
    if words.relative and (m := words.relative.search(text)):
        return str(int(published[:4]) + words.relative_years[_spaced(m.group(1))])
    if words.month_day and (m := words.month_day.search(text)):
        day = int(m.group(2))
        if 1 <= day <= 31:
            return f"{published[:4]}-{words.months[m.group(1).lower()]:02d}-{day:02d}"
    if words.weekday and len(published) >= 10 and (m := words.weekday.search(text)):
        try:
            date = dt.date.fromisoformat(published[:10])
        except ValueError:
            return None
        back = (date.weekday() - words.weekdays[m.group(1).lower()]) % 7
        return (date - dt.timedelta(days=back)).isoformat()
    return None


def _spaced(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def sentence_year(sentence: str) -> int | None:
    """The first year a sentence names ("in 2018", "the mid-1990s"), for dating people."""
    if m := BARE_YEAR.search(sentence):
        return int(m.group(1))
    if m := re.search(rf"\b{DECADE_DIGITS}\b", sentence):
        return int(m.group(1)) + 5
    return None
