"""Claims from one document (being written; the signature is the contract)."""

from __future__ import annotations

from dataclasses import dataclass, field

from proxygraph.actors import Catalog
from proxygraph.models import Claim, Document, Mention
from proxygraph.settings import Settings


@dataclass
class Extraction:
    doc: Document
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_document(
    doc: Document, catalog: Catalog | None = None, settings: Settings | None = None
) -> Extraction:
    """Every claim the document states, with mentions of every actor it names."""
    raise NotImplementedError
