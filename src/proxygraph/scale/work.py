"""Extraction work as the build's engines hand it out: documents in, rows to write out.

Shared by the local process pool (``pipeline``) and the Dask engine; each worker process
builds one ``Extractor`` and passes it in, so that the model and every table are built once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from proxygraph.errors import Code, message
from proxygraph.models import Document, Extraction
from proxygraph.store import DocumentRows, rows_of

if TYPE_CHECKING:  # the caller builds the extractor: importing this module loads no model
    from proxygraph.extract import Extractor


def default_workers() -> int:
    """Every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class Done:
    """One document extracted, as rows ready to write (made where it was extracted)."""

    rows: DocumentRows
    claims: int
    warnings: list[str]


def extract_rows(docs: list[Document], extractor: Extractor) -> list[Done | str]:
    """The documents' extractions as rows to write, or why each was skipped."""
    return [
        result.error
        if result.error
        else Done(rows_of(result, extractor.catalog), len(result.claims), list(result.warnings))
        for result in extract_chunk(docs, extractor)
    ]


def extract_chunk(docs: list[Document], extractor: Extractor) -> list[Extraction]:
    """Documents extracted together; should the shared stream itself fail (a model error,
    not one document's), they are extracted again one by one, so that only the culprit is
    lost."""
    try:
        return list(extractor.extract_documents(docs))
    except Exception as exc:
        if len(docs) == 1:
            return [_failed(docs[0], exc)]
    return [extract_chunk([doc], extractor)[0] for doc in docs]


def _failed(doc: Document, exc: Exception) -> Extraction:
    reason = f"{type(exc).__name__}: {exc}"
    return Extraction(doc, error=message(Code.E023, doc=doc.id, reason=reason))
