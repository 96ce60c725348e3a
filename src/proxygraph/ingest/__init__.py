"""Reading files into Documents: formats, encodings, page clutter, metadata (docs/ingest.md)."""

from __future__ import annotations

from typing import Any

from proxygraph.errors import Code, ProxygraphError
from proxygraph.ingest.build import clean_text, known_meta, make_document
from proxygraph.ingest.clutter import kept_spans
from proxygraph.ingest.formats import Skipped
from proxygraph.ingest.readers import read_paths
from proxygraph.models import Document
from proxygraph.settings import Settings

__all__ = ["Skipped", "kept_spans", "read_paths", "read_text"]


def read_text(text: str, doc_id: str, settings: Settings | None = None, **meta: Any) -> Document:
    """A Document from text given directly (a web upload); ``meta`` holds Document fields
    (title, author, published, url, publisher, language, path). Raises E007 over the limit."""
    limit = (settings or Settings()).max_doc_chars
    if len(text) > limit:
        raise ProxygraphError(Code.E007, doc=doc_id, limit=limit)
    return make_document(clean_text(text), doc_id, known_meta(meta))
