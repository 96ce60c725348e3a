"""From decoded text and known metadata to a ``Document`` with prose spans."""

from __future__ import annotations

import re
from typing import Any

from proxygraph.ingest.clutter import kept_spans
from proxygraph.ingest.dates import parse_date
from proxygraph.ingest.decode import normalise_newlines
from proxygraph.ingest.language import detect_language
from proxygraph.ingest.meta import text_metadata
from proxygraph.ingest.sources import date_of_url, publisher_of
from proxygraph.models import Document

DEFAULT_LANGUAGE = "en"
_META_FIELDS = ("title", "author", "published", "url", "publisher", "language", "path")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*$")


def clean_text(text: str) -> str:
    """Newlines to LF; lone surrogates (not Unicode, unencodable) to U+FFFD, same length."""
    return _SURROGATE.sub("\ufffd", normalise_newlines(text))


def printable(value: str) -> str:
    """A string that can be stored and printed: bytes of a file name that are not UTF-8
    (kept by Python as lone surrogates) as ``\\xNN``; other lone surrogates (a JSON
    ``"\\udc80"``) as U+FFFD. DuckDB, PostgreSQL and JSON refuse lone surrogates."""
    if not _SURROGATE.search(value):
        return value
    try:
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)


def make_document(text: str, doc_id: str, meta: dict[str, Any]) -> Document:
    """``text`` is already clean; ``meta`` fields win over what the text itself says."""
    published = parse_date(meta.get("published"))
    found = text_metadata(text, find_date=published is None)
    url = _str(meta.get("url"))
    kept = kept_spans(text)
    fields = {
        "title": _str(meta.get("title")) or found.title,
        "author": _str(meta.get("author")) or found.author,
        "published": published or found.published or date_of_url(url),
        "url": url,
        "publisher": _str(meta.get("publisher")) or publisher_of(url),
        "language": _language_of(text, kept, meta),
        "path": printable(path) if isinstance(path := meta.get("path"), str) else None,
    }
    return Document(id=printable(doc_id), text=text, kept=kept, **fields)


def known_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Only the fields a Document has; unknown keys are a caller's mistake."""
    unknown = set(meta) - set(_META_FIELDS)
    if unknown:
        raise TypeError(f"unknown document fields: {', '.join(sorted(unknown))}")
    return meta


def _str(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(_SURROGATE.sub("\ufffd", value).split())
    return value or None


def _language_of(text: str, kept: tuple[tuple[int, int], ...] | None, meta: dict[str, Any]) -> str:
    """The caller's language (a JSON Lines ``language`` field, SOURCES.tsv) wins; else the
    language detected in the prose; else what the page declares (``<html lang>``, often a
    site template's default, hence last); else English."""
    return (
        _language(meta.get("language"))
        or detect_language(text, kept)
        or _language(meta.get("declared_language"))
        or DEFAULT_LANGUAGE
    )


def _language(value: object) -> str | None:
    """A language tag's primary subtag, lower case ("en-GB" -> "en"); None if not a tag."""
    if isinstance(value, str) and _LANGUAGE.match(value.strip()):
        return re.split(r"[-_]", value.strip())[0].lower()
    return None
