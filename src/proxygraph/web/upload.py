"""Adding an article from the browser: the same ingest, extraction and store as ``build``."""

from __future__ import annotations

import hashlib
from pathlib import Path

from proxygraph.errors import ProxygraphError
from proxygraph.extract import extract_document
from proxygraph.ingest import Skipped, read_text
from proxygraph.ingest.formats import read_html, read_plain
from proxygraph.settings import Settings
from proxygraph.store import Store
from proxygraph.store.lockfile import BuildLock
from proxygraph.web import models as m
from proxygraph.web.data import Database

ACCEPTED = (".txt", ".md", ".html", ".htm")
# Seconds to wait for a running build to finish its batch before telling the user to retry.
WRITE_WAIT = 10.0


class Rejected(Exception):
    """Input the user can fix (wrong type, no text, too long); becomes a 400/415."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def upload_id(data: bytes) -> str:
    return "upload-" + hashlib.sha256(data).hexdigest()[:12]


def document_from_file(name: str, data: bytes, settings: Settings, meta: dict):
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise Rejected(
            f"unsupported file type {suffix or '(none)'}; use {', '.join(ACCEPTED)}", 415
        )
    reader = read_html if suffix in (".html", ".htm") else read_plain
    result = reader(data, Path(name).name, upload_id(data), meta, settings)
    if isinstance(result, Skipped):
        raise Rejected(result.message)
    return result


def document_from_text(text: str, settings: Settings, meta: dict):
    if not text.strip():
        raise Rejected("the article text is empty")
    try:
        return read_text(text, upload_id(text.encode("utf-8")), settings, **meta)
    except ProxygraphError as exc:
        raise Rejected(str(exc)) from exc


def add_article(db: Database, doc, settings: Settings) -> m.AddedOut:
    """Extract one document and write it in one transaction, under the build lock."""
    extraction = extract_document(doc, catalog=db.catalog, settings=settings)
    with (
        BuildLock(db.path, timeout=WRITE_WAIT),
        db.io_lock,
        Store.open(db.path, catalog=db.catalog, timeout=WRITE_WAIT) as store,
    ):
        store.add(extraction)
    actors = sorted(
        {a for c in extraction.claims for a in (c.subject, c.object)}
        | {mention.actor for mention in extraction.mentions}
    )
    return m.AddedOut(
        id=doc.id,
        title=doc.title,
        claims=len(extraction.claims),
        actors=actors,
        warnings=list(extraction.warnings),
        url=f"/document/{doc.id}",
    )
