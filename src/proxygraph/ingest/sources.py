"""SOURCES.tsv beside articles (file, url, language) and what a URL says about its page."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from proxygraph.ingest.dates import find_date

SOURCES_FILE = "SOURCES.tsv"
# Host prefixes that name a variant of a site, not the publisher.
_HOST_PREFIX = re.compile(r"^(?:www\d*|amp|m|mobile)\.")
# "/2015/12/23/" in a URL path: the publication date many news sites put there.
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/")


@dataclass(frozen=True)
class Source:
    url: str | None = None
    language: str | None = None


def read_sources(folder: Path) -> dict[str, Source]:
    """Rows of ``folder/SOURCES.tsv`` by file name; {} when absent or unreadable."""
    path = folder / SOURCES_FILE
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    rows: dict[str, Source] = {}
    for row in csv.reader(text.splitlines(), delimiter="\t"):
        if len(row) < 2 or row[0].strip().casefold() in ("", "file"):
            continue
        lang = row[2].strip().lower() if len(row) > 2 and row[2].strip() else None
        rows[row[0].strip()] = Source(row[1].strip() or None, lang)
    return rows


def publisher_of(url: str | None) -> str | None:
    """The site's domain without www/amp/m: "https://www.shafaq.com/en/..." -> "shafaq.com"."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    while host and _HOST_PREFIX.match(host):
        host = _HOST_PREFIX.sub("", host, count=1)
    return host or None


def date_of_url(url: str | None) -> str | None:
    """A /YYYY/MM/DD/ date in the URL path, when valid."""
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    found = find_date(f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}")
    return found.iso if found else None
