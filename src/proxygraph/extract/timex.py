"""When a claim holds: dates and years in the sentence, read against the publication date."""

from __future__ import annotations

import re

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


def claim_time(sentence: str, published: str | None) -> str | None:
    """An ISO-like time for the sentence's claim ("2017-04", "2007/2017"), else None."""
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
