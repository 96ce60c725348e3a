"""Extraction: claims from documents, as a pure function of (documents, catalog, settings)."""

from proxygraph.extract.documents import (
    ExtractionFailed,
    extract_document,
    extract_documents,
)
from proxygraph.models import Extraction

__all__ = ["Extraction", "ExtractionFailed", "extract_document", "extract_documents"]
