"""When a claim holds: dates and years in the sentence, read against the publication date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

MONTH_NAMES = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
YEAR = r"(1[89]\d\d|20\d\d)"
SPAN = re.compile(rf"\b(?:from|between)\s+{YEAR}\s+(?:to|and|until)\s+{YEAR}\b", re.I)
SINCE = re.compile(
    rf"\bsince\s+(?:at least\s+)?(?:(?:early|late|mid-?)\s*)?(?:\w+\s+)?{YEAR}\b", re.I
)
MONTH_YEAR = re.compile(rf"\b({'|'.join(MONTHS)})\s+(?:\d{{1,2}},?\s+)?{YEAR}\b", re.I)
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(MONTHS)}),?\s+{YEAR}\b", re.I)
DECADE = re.compile(r"\b(?:the\s+)?((?:early|late|mid-?)\s*)?(1[89]\d0|20\d0)s\b", re.I)
BARE_YEAR = re.compile(rf"\b{YEAR}\b")


def claim_time(sentence: str, published: str | None, language: str = "en") -> str | None:
    """An ISO-like time for the sentence's claim ("2017-04", "2007/2017"), else None.
    Other languages read their month names and span words from ``data/<lang>/time.yaml``."""
    if language != "en":
        return _foreign_time(sentence, published, time_words(language))
    if m := SPAN.search(sentence):
        return f"{m.group(1)}/{m.group(2)}"
    if m := SINCE.search(sentence):
        end = published[:4] if published else ""
        return f"{m.group(1)}/{end}"
    if m := DAY_MONTH_YEAR.search(sentence):
        return f"{m.group(3)}-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    if m := MONTH_YEAR.search(sentence):
        return f"{m.group(2)}-{MONTHS[m.group(1).lower()]:02d}"
    if m := BARE_YEAR.search(sentence):
        return m.group(1)
    if m := DECADE.search(sentence):
        return f"{(m.group(1) or '').strip()} {m.group(2)}s".strip()
    return published[:7] if published else None


def sentence_year(sentence: str) -> int | None:
    """The first year a sentence names ("in 2018", "the mid-1990s"), for dating people."""
    if m := BARE_YEAR.search(sentence):
        return int(m.group(1))
    if m := DECADE.search(sentence):
        return int(m.group(2)) + 5
    return None


# Arabic-Indic and Persian digits read as ASCII digits.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass(frozen=True)
class TimeWords:
    """One language's date patterns, compiled from its ``time.yaml``."""

    months: dict[str, int]  # lower-case month form -> number
    span: re.Pattern[str]
    since: re.Pattern[str] | None
    day_month_year: re.Pattern[str] | None
    month_year: re.Pattern[str] | None


def has_time_words(language: str) -> bool:
    return resources.files("proxygraph.extract").joinpath(f"data/{language}/time.yaml").is_file()


@cache
def time_words(language: str) -> TimeWords | None:
    """The language's date patterns; None when it has no ``time.yaml`` (years still count)."""
    if not has_time_words(language):
        return None
    path = resources.files("proxygraph.extract").joinpath(f"data/{language}/time.yaml")
    raw: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
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
    return TimeWords(
        months=months,
        span=re.compile(rf"(?i)(?<!\w)(?:{'|'.join([*pairs, dash])})(?!\w)"),
        since=re.compile(rf"(?i)(?<!\w)(?:{_alternatives(since)})\s+(?:{month}\s+)?{YEAR}")
        if since
        else None,
        day_month_year=re.compile(rf"(?i)(?<!\w)(\d{{1,2}})\.?\s+({month})\s+{YEAR}"),
        month_year=re.compile(rf"(?i)(?<!\w)({month})\s+{YEAR}"),
    )


def _alternatives(words: Any) -> str:
    """A regex alternation of phrases, longest first, spaces matching any run of spaces."""
    forms = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)


def _foreign_time(sentence: str, published: str | None, words: TimeWords | None) -> str | None:
    text = sentence.translate(DIGITS)
    if words is not None:
        if m := words.span.search(text):
            years = [g for g in m.groups() if g and g.isdigit() and len(g) == 4]
            return f"{years[0]}/{years[1]}"
        if words.since and (m := words.since.search(text)):
            return f"{m.group(1)}/{published[:4] if published else ''}"
        if m := words.day_month_year.search(text):
            return f"{m.group(3)}-{words.months[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
        if m := words.month_year.search(text):
            return f"{m.group(2)}-{words.months[m.group(1).lower()]:02d}"
    if m := BARE_YEAR.search(text):
        return m.group(1)
    return published[:7] if published else None
