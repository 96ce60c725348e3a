"""Extraction: claims from one document, as a pure function of (document, catalog, settings)."""

from proxygraph.extract.claims import Extraction, extract_document

__all__ = ["Extraction", "extract_document"]
