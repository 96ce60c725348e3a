"""One reader per format: bytes of one file in, Documents or Skipped out."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from proxygraph.errors import Code, message
from proxygraph.ingest.build import clean_text, make_document, printable
from proxygraph.ingest.decode import DecodeError, decode_bytes
from proxygraph.models import Document
from proxygraph.settings import Settings

_HTML_LANG = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", re.I)
# Markup, scripts and style sheets: what is left is the page's text, roughly.
_TAGS = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>")
# Pages with less text than this are not checked for a parser that stopped early.
SUSPECT_LETTERS = 5_000
# Bytes read per step while skipping the rest of an over-long JSON Lines record.
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Skipped:
    """An input that was not read, and why: ``message`` is one line naming the file."""

    path: str
    code: Code
    message: str
    line: int | None = None


def skip(path: str, code: Code, line: int | None = None, **fields: object) -> Skipped:
    shown = printable(path).replace("\n", "\\n").replace("\r", "\\r")
    where = f"{shown}:{line}" if line is not None and code is Code.E007 else shown
    fields = {"path": shown, "doc": where, "line": line, **fields}
    text = message(code, **fields).replace("\n", " ").replace("\r", " ")
    return Skipped(path, code, text, line)


def decode_or_skip(data: bytes, path: str) -> str | Skipped:
    if not data.strip():
        return skip(path, Code.E002)
    try:
        text, _encoding = decode_bytes(data)
    except DecodeError as err:
        if err.kind == "binary":
            return skip(path, Code.E003)
        return skip(path, Code.E004, reason=err.reason)
    return clean_text(text) if text.strip() else skip(path, Code.E002)


def read_plain(
    data: bytes, path: str, doc_id: str, meta: dict[str, Any], settings: Settings
) -> Document | Skipped:
    """.txt and .md: the decoded text is the document text."""
    text = decode_or_skip(data, path)
    if isinstance(text, Skipped):
        return text
    if len(text) > settings.max_doc_chars:
        return skip(path, Code.E007, limit=settings.max_doc_chars)
    return make_document(text, doc_id, meta)


def read_html(
    data: bytes, path: str, doc_id: str, meta: dict[str, Any], settings: Settings
) -> Document | Skipped:
    """.html: trafilatura's main text; its metadata where the caller has none."""
    html = decode_or_skip(data, path)
    if isinstance(html, Skipped):
        return html
    try:
        text, found = _extract_html(html)
    except (ValueError, TypeError, RecursionError, MemoryError) as err:
        return skip(path, Code.E004, reason=f"HTML parser failed: {type(err).__name__}")
    if not text.strip():
        return skip(path, Code.E020)
    if len(text) > settings.max_doc_chars:
        return skip(path, Code.E007, limit=settings.max_doc_chars)
    cut = _parser_cut(html, text)
    if cut:
        return skip(path, Code.E032, read=cut[0], total=cut[1])
    lang = _HTML_LANG.search(data[:65_536])
    # The page's own declaration only: the detected language of its prose comes first.
    declared = found.pop("language", None)
    found["declared_language"] = lang[1].decode("ascii") if lang else declared
    return make_document(text, doc_id, {**found, **{k: v for k, v in meta.items() if v}})


def _parser_cut(html: str, text: str) -> tuple[int, int] | None:
    """(letters read, letters on the page) when the HTML parser stopped early: libxml2 gives
    up below 256 nested elements, so a page of 50,000 unclosed ``<div>``s became a
    94-character document. Checked only when the main text is a small part of the page."""
    on_page = _letters(_TAGS.sub(" ", html))
    if on_page < SUSPECT_LETTERS or _letters(text) * 2 > on_page:
        return None
    from trafilatura.utils import load_html

    tree = load_html(html)
    parsed = sum(_letters(s) for s in tree.itertext()) if tree is not None else 0
    return (parsed, on_page) if parsed * 2 < on_page else None


def _letters(s: str) -> int:
    return len(s) - sum(map(s.count, " \t\n\r\f\v"))


def _metadata_places(html: str) -> str:
    """The text of the places a page keeps its title and author: the <head> (title and
    meta tags), JSON-LD, and elements marked as author or byline. Not headings or body
    text, where a menu ("Search RFE/RL"), a teaser or a quoted official would be found."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return ""
    parts = tree.xpath(
        "//head//title//text() | //head//meta/@content"
        " | //script[@type='application/ld+json']//text()"
        " | //*[@rel='author' or @itemprop='author' or contains(@class, 'author')"
        " or contains(@class, 'byline')]//text()"
    )
    return " ".join(" ".join(str(p).split()) for p in parts).casefold()


def _held(value: str | None, places: str) -> str | None:
    """``value`` when one of the metadata places holds it, else None."""
    if not value or " ".join(value.split()).casefold() not in places:
        return None
    return value


def _extract_html(html: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True
    ) or trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True)
    if result is None:
        return clean_text(trafilatura.html2txt(html) or ""), {}
    held = _metadata_places(html)
    found = {
        "title": _held(result.title, held),
        "author": _held(result.author, held),
        "published": result.date,
        "url": result.url,
        "publisher": result.sitename,
        "language": result.language,
    }
    return clean_text(result.text or ""), found


def read_jsonl(
    stream: IO[bytes], path: str, stem: str, meta: dict[str, Any], settings: Settings
) -> Iterator[Document | Skipped]:
    """One article a line; a bad line is one Skipped naming the file and line."""
    for number, raw in iter_lines(stream, settings.max_file_bytes):
        if raw is None:
            yield skip(path, Code.E005, number, reason="record larger than the byte limit")
        elif raw.strip():
            yield _jsonl_record(raw, number, path, stem, meta, settings)


def iter_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines; None for a line over ``limit`` bytes (read past, never held whole)."""
    number = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield number, None
        elif raw.strip():
            yield number, raw
        else:
            number += _skip_blank_lines(stream)


def _skip_blank_lines(stream: IO[bytes]) -> int:
    """Past a run of empty lines a buffer at a time (a gigabyte of newlines in a small gzip
    would otherwise cost a billion ``readline`` calls); the number of lines passed."""
    peek = getattr(stream, "peek", None)
    if peek is None:
        return 0
    passed = 0
    while True:
        ahead = peek(_CHUNK)[:_CHUNK]
        run = len(ahead) - len(ahead.lstrip(b"\n"))
        if run == 0:
            return passed
        stream.read(run)
        passed += run


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _jsonl_record(
    raw: bytes, number: int, path: str, stem: str, meta: dict[str, Any], settings: Settings
) -> Document | Skipped:
    record = _parse_record(raw, number)
    if isinstance(record, str):
        return skip(path, Code.E005, number, reason=record)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return skip(path, Code.E005, number, reason="no text field")
    if len(text) > settings.max_doc_chars:
        return skip(path, Code.E007, number, limit=settings.max_doc_chars)
    doc_id = _record_id(record.get("id")) or f"{stem}-{number}"
    fields = {k: record.get(k) for k in ("title", "url", "published", "language", "author")}
    fields["publisher"] = record.get("publisher")
    merged = {**meta, **{k: v for k, v in fields.items() if v}}
    return make_document(clean_text(text), doc_id, merged)


def _parse_record(raw: bytes, number: int) -> dict[str, Any] | str:
    """The JSON object on a line, or why it is not one."""
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as err:
        return f"not UTF-8 at byte {err.start}"
    try:
        record = json.loads(line)
    except RecursionError:
        return "nested too deeply"
    except ValueError as err:
        return f"invalid JSON: {str(err).splitlines()[0]}"
    return record if isinstance(record, dict) else "not a JSON object"


def _record_id(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = " ".join(str(value).split())
    return text or None
