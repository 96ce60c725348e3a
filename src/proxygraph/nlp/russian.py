"""Russian through natasha, handed on as ordinary spaCy ``Doc`` objects.

natasha's models ship inside its PyPI wheel (navec embeddings, slovnet's morphology and
syntax models) and its lemmatiser reads pymorphy's dictionaries from their wheel: nothing
is downloaded. Sentences are cut by razdel; slovnet tags and parses them in batches; every
token gets its Universal Dependencies relation (the root as spaCy's "ROOT"), its UPOS tag,
its morphological features and its dictionary lemma, so one lexicon entry ("поставлять")
covers every case and tense form.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

BATCH = 64  # sentences slovnet infers together


def sentences(
    text: str, spans: tuple[tuple[int, int], ...] | None = None
) -> Iterator[tuple[int, int]]:
    """(start, end) of every sentence inside ``spans`` (every line of them), cut by razdel."""
    from razdel import sentenize

    for start, end in spans or ((0, len(text)),):
        for line_start, line in _lines(text, start, end):
            for sent in sentenize(line):
                if sent.text.strip():
                    yield line_start + sent.start, line_start + sent.stop


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """Paragraphs: headlines and bylines end without a full stop."""
    cursor = start
    for piece in text[start:end].split("\n"):
        if piece.strip():
            yield cursor, piece
        cursor += len(piece) + 1


@dataclass
class RussianParser:
    """natasha's morphology, lemmatiser and syntax, loaded once by the object that owns it."""

    # spaCy's Russian vocabulary: its lexical attributes (lower case, shape) are Russian.
    vocab: Vocab = field(default_factory=lambda: spacy.blank("ru").vocab)
    _models: tuple[Any, Any, Any] | None = None

    def models(self) -> tuple[Any, Any, Any]:
        if self._models is None:
            from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsSyntaxParser

            embedding = NewsEmbedding()
            morph, syntax = NewsMorphTagger(embedding), NewsSyntaxParser(embedding)
            morph.batch_size = syntax.batch_size = BATCH
            self._models = (morph, syntax, MorphVocab())
        return self._models

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        """One Doc per text (a sentence, usually), in order; empty texts give empty Docs."""
        from razdel import tokenize

        morph, syntax, lemmas = self.models()
        batch: list[list[Any]] = []
        for text in texts:
            batch.append(list(tokenize(text)))
            if len(batch) >= BATCH:
                yield from self._parse(batch, morph, syntax, lemmas)
                batch = []
        if batch:
            yield from self._parse(batch, morph, syntax, lemmas)

    def __call__(self, text: str) -> Doc:
        return next(self.pipe([text]))

    def _parse(self, batch: list[list[Any]], morph: Any, syntax: Any, lemmas: Any) -> Iterator[Doc]:
        words = [[t.text for t in toks] for toks in batch if toks]
        tagged = iter(morph.map(words))
        parsed = iter(syntax.map(words))
        for toks in batch:
            if not toks:
                yield Doc(self.vocab, words=[])
                continue
            yield self._doc(toks, next(tagged), next(parsed), lemmas)

    def _doc(self, toks: list[Any], tagged: Any, parsed: Any, lemmas: Any) -> Doc:
        spaces = [a.stop < b.start for a, b in zip(toks, toks[1:], strict=False)] + [False]
        ids = {t.id: i for i, t in enumerate(parsed.tokens)}
        heads, deps, pos, lemma_list, morphs = [], [], [], [], []
        for i, (tag, syn) in enumerate(zip(tagged.tokens, parsed.tokens, strict=True)):
            root = syn.head_id not in ids
            heads.append(i if root else ids[syn.head_id])
            deps.append("ROOT" if root else syn.rel)
            pos.append(tag.pos if tag.pos else "X")
            lemma_list.append(_lemma(lemmas, tag))
            morphs.append("|".join(f"{k}={v}" for k, v in sorted(tag.feats.items())))
        return Doc(
            self.vocab,
            words=[t.text for t in toks],
            spaces=spaces,
            heads=heads,
            deps=deps,
            pos=pos,
            lemmas=lemma_list,
            morphs=morphs,
            sent_starts=[True] + [False] * (len(toks) - 1),
        )


def _lemma(lemmas: Any, tag: Any) -> str:
    """The dictionary form; words the dictionary lacks (names, numbers) keep their text."""
    try:
        return str(lemmas.lemmatize(tag.text, tag.pos, tag.feats) or tag.text).lower()
    except (KeyError, ValueError, IndexError):
        return tag.text.lower()
