"""Extraction: claims from documents, a pure function of (documents, catalog, settings,
language), carried out by an ``Extractor`` that owns every table it reads."""

from proxygraph.extract.documents import (
    ExtractionFailed,
    Extractor,
    extract_document,
    extract_documents,
)
from proxygraph.models import Extraction

__all__ = ["Extraction", "ExtractionFailed", "Extractor", "extract_document", "extract_documents"]
