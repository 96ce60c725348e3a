"""Dates in datelines and bylines, to ISO ("2017-04-25", "2017-06", "2017").

Conservative on purpose: only whole, valid dates in a few unambiguous shapes; numeric
dates with dots are read day first (European "23.12.2015"), slashed ones are not read at all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

# Publication years outside this range are typos or not dates at all.
MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True)
class DateMatch:
    iso: str
    start: int
    end: int


@cache
def _data() -> dict:
    text = resources.files("proxygraph.ingest").joinpath("data/dates.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def _months() -> dict[str, int]:
    return {form: int(n) for n, forms in _data()["months"].items() for form in forms}


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    month = "|".join(sorted(map(re.escape, _months()), key=len, reverse=True))
    m = rf"(?P<month>{month})\.?"
    y = r"(?P<year>\d{4})"
    d = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.|º)?"
    shapes = [
        (rf"{y}-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})(?![\d])", "ymd"),
        (rf"(?P<day>\d{{1,2}})\.(?P<mnum>\d{{1,2}})\.{y}", "dmy"),
        (rf"{d}\s+(?:de\s+)?{m},?\s+(?:de\s+)?{y}", "dmy"),
        (rf"{m}\s+{d},?\s+{y}", "mdy"),
        (rf"{m},?\s+{y}", "my"),
    ]
    flags = re.IGNORECASE | re.UNICODE
    return [(re.compile(rf"(?<![\w-]){p}(?![\w])", flags), kind) for p, kind in shapes]


def find_date(s: str) -> DateMatch | None:
    """The first valid date in ``s``, in the order of the shapes above."""
    for pattern, _kind in _patterns():
        for m in pattern.finditer(s):
            iso = _to_iso(m.groupdict())
            if iso:
                return DateMatch(iso, m.start(), m.end())
    return None


def parse_date(value: object) -> str | None:
    """A date field from metadata (ISO timestamps, "2017-04", "25 April 2017") to ISO."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    s = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[T ].*)?", s)
    if m:
        return _to_iso({"year": m[1], "mnum": m[2], "day": m[3]}, partial=True)
    found = find_date(s)
    return found.iso if found else None


def _to_iso(g: dict[str, str | None], partial: bool = False) -> str | None:
    year = int(g["year"] or 0)
    month = _month_number(g)
    day = int(g["day"]) if g.get("day") else None
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if month is None:
        return f"{year:04d}" if partial and day is None else None
    if day is None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(g: dict[str, str | None]) -> int | None:
    if g.get("mnum"):
        return int(g["mnum"])  # type: ignore[arg-type]
    name = g.get("month")
    return _months().get(name.casefold()) if name else None
