"""Numbered citations: each document gets a number the first time a report cites it."""

from __future__ import annotations

from dataclasses import dataclass

from proxygraph.graph.evidence import publisher
from proxygraph.models import Document


@dataclass(frozen=True)
class Citation:
    number: int
    doc: str
    title: str
    publisher: str | None
    published: str | None
    url: str | None


class Citations:
    def __init__(self, documents: dict[str, Document]) -> None:
        self.documents = documents
        self._numbers: dict[str, int] = {}

    def cite(self, doc_id: str) -> int:
        """The document's number, given on first citation."""
        return self._numbers.setdefault(doc_id, len(self._numbers) + 1)

    def listing(self) -> list[Citation]:
        return [self._citation(doc_id, n) for doc_id, n in self._numbers.items()]

    def _citation(self, doc_id: str, number: int) -> Citation:
        doc = self.documents.get(doc_id)
        if doc is None:
            return Citation(number, doc_id, doc_id, None, None, None)
        return Citation(number, doc_id, doc.title or doc_id, publisher(doc), doc.published, doc.url)
