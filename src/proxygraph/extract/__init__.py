"""Extraction: claims from documents, a pure function of (documents, catalog, settings,
language), carried out by an ``Extractor`` that owns every table it reads.

The names below load ``extract.documents`` (and spaCy with it) when first asked for, so
that importing ``proxygraph`` or a submodule of this package costs no model load.
"""

from typing import TYPE_CHECKING, Any

from proxygraph.models import Extraction

if TYPE_CHECKING:
    from proxygraph.extract.documents import (
        ExtractionFailed,
        Extractor,
        extract_document,
        extract_documents,
    )

__all__ = ["Extraction", "ExtractionFailed", "Extractor", "extract_document", "extract_documents"]
_FROM_DOCUMENTS = ("ExtractionFailed", "Extractor", "extract_document", "extract_documents")


def __getattr__(name: str) -> Any:
    if name not in _FROM_DOCUMENTS:
        raise AttributeError(f"module 'proxygraph.extract' has no attribute {name!r}")
    from proxygraph.extract import documents

    value = getattr(documents, name)
    globals()[name] = value
    return value
