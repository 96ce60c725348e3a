"""A claim's ``time`` ("2015", "2016-03", "2007/2021", "early 1990s") as a start and an end."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
DECADE = re.compile(r"^(?:(early|mid-?|late)\s*)?(\d{3}0)s$")
# Which years of a decade "early", "mid" and "late" cover.
DECADE_PART = {"early": (0, 3), "mid": (3, 6), "mid-": (3, 6), "late": (6, 9), None: (0, 9)}


@dataclass(frozen=True)
class Span:
    """Prefix dates as written ("2015", "2016-03"); either side may be unknown."""

    start: str | None
    end: str | None

    def start_time(self) -> datetime | None:
        return _first_instant(self.start) if self.start else None

    def stop_time(self) -> datetime | None:
        """The first instant after ``end`` (STIX stop_time is exclusive)."""
        return _instant_after(self.end) if self.end else None


def parse_time(time: str | None) -> Span:
    if not time:
        return Span(None, None)
    text = time.strip()
    if "/" in text:
        left, right = (part.strip() for part in text.split("/", 1))
        return Span(left if DATE.match(left) else None, right if DATE.match(right) else None)
    if DATE.match(text):
        return Span(text, text)
    if m := DECADE.match(text):
        first, last = DECADE_PART[m.group(1)]
        decade = int(m.group(2))
        return Span(str(decade + first), str(decade + last))
    return Span(None, None)


def _parts(prefix: str) -> tuple[int, int | None, int | None]:
    m = DATE.match(prefix)
    if not m:
        raise ValueError(f"not a prefix date: {prefix!r}")
    year, month, day = m.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def _first_instant(prefix: str) -> datetime:
    year, month, day = _parts(prefix)
    return datetime(year, month or 1, day or 1, tzinfo=UTC)


def _instant_after(prefix: str) -> datetime:
    year, month, day = _parts(prefix)
    if day:
        return datetime.fromordinal(datetime(year, month, day).toordinal() + 1).replace(tzinfo=UTC)
    if month:
        return datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    return datetime(year + 1, 1, 1, tzinfo=UTC)
