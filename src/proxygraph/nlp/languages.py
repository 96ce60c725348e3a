"""Every language proxygraph reads: how to cut it into sentences and parse it into spaCy Docs.

``Languages`` owns the loaded models (the French pipeline, natasha, blank tokenizers) so
that nothing is kept in module globals; English goes through ``nlp.pipeline``, whose
pipeline is cached per process as before. Every parser yields ordinary spaCy ``Doc``
objects (heads, deps, UPOS in ``pos_``, ``lemma_``, ``morph``); the label scheme each
one uses is ``LanguageSpec.labels``. The table is ``nlp/data/languages.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc

from proxygraph.nlp import russian
from proxygraph.nlp.blas import use_blas
from proxygraph.nlp.sentences import split_sentences, trimmed

PARSERS = ("spacy", "natasha", "none")
DEFAULT = "default"
# A caseless script ends a sentence at any full stop followed by a space.
CASELESS_BOUNDARY = re.compile(r"[.!?…؟。！？]+[\"”’')\]»]*\s+")


@dataclass(frozen=True)
class LanguageSpec:
    code: str
    parser: str  # one of PARSERS
    package: str | None = None  # the spaCy pipeline package, for parser "spacy"
    labels: str | None = None  # "clearnlp" or "ud"; None without a parser
    tokenizer: str = "xx"  # spaCy's blank language for parser "none"
    caseless: bool = False

    @property
    def parsed(self) -> bool:
        return self.parser != "none"


@cache
def language_table() -> dict[str, LanguageSpec]:
    text = resources.files("proxygraph.nlp").joinpath("data/languages.yaml").read_text("utf-8")
    raw: dict[str, dict[str, Any]] = yaml.safe_load(text)
    table = {}
    for code, spec in raw.items():
        if spec.get("parser") not in PARSERS:
            raise ValueError(f"languages.yaml: {code}: parser must be one of {PARSERS}")
        if spec["parser"] == "spacy" and not spec.get("package"):
            raise ValueError(f"languages.yaml: {code}: a spacy parser needs its package")
        table[code] = LanguageSpec(code=code, **spec)
    if DEFAULT not in table:
        raise ValueError("languages.yaml: no default entry")
    return table


def language_spec(code: str) -> LanguageSpec:
    table = language_table()
    return table.get(code) or LanguageSpec(**{**table[DEFAULT].__dict__, "code": code})


@dataclass
class Languages:
    """Sentence cutting and parsing for every language; owns the models it loads."""

    _pipelines: dict[str, Language] = field(default_factory=dict)
    _russian: russian.RussianParser | None = None

    def spec(self, code: str) -> LanguageSpec:
        return language_spec(code)

    def sentences(
        self, code: str, text: str, spans: tuple[tuple[int, int], ...] | None = None
    ) -> list[tuple[int, int]]:
        """(start, end) of every sentence of ``text`` inside ``spans``."""
        spec = self.spec(code)
        if spec.parser == "natasha":
            return list(russian.sentences(text, spans))
        if spec.caseless:
            return list(_caseless_sentences(text, spans))
        return list(split_sentences(text, spans))

    def parse(self, code: str, texts: Iterable[str]) -> Iterator[Doc]:
        """One Doc per text, in order: parsed where the language has a parser, else only
        tokenized (``lemma_`` then is the lower-case word)."""
        spec = self.spec(code)
        if spec.code == "en":
            from proxygraph.nlp.pipeline import parse

            yield from parse(texts)
        elif spec.parser == "natasha":
            yield from self.russian().pipe(texts)
        elif spec.parser == "spacy":
            yield from self.pipeline(spec).pipe(texts, disable=["ner"])
        else:
            tokenizer = self.pipeline(spec).tokenizer
            for text in texts:
                doc = tokenizer(text)
                for token in doc:
                    token.lemma_ = token.lower_
                yield doc

    def russian(self) -> russian.RussianParser:
        if self._russian is None:
            self._russian = russian.RussianParser()
        return self._russian

    def pipeline(self, spec: LanguageSpec) -> Language:
        """The spaCy pipeline of a parsed language, or the blank one of a tokenized one."""
        key = spec.package or spec.tokenizer
        if key not in self._pipelines:
            if spec.parser == "spacy":
                self._pipelines[key] = use_blas(spacy.load(key))
            else:
                self._pipelines[key] = _blank(spec.tokenizer)
        return self._pipelines[key]


def _blank(code: str) -> Language:
    try:
        return spacy.blank(code)
    except (ImportError, KeyError):  # a language spaCy has no rules for
        return spacy.blank("xx")


def _caseless_sentences(
    text: str, spans: tuple[tuple[int, int], ...] | None
) -> Iterator[tuple[int, int]]:
    for start, end in spans or ((0, len(text)),):
        for line in re.finditer(r"[^\n]+", text[start:end]):
            cursor = start + line.start()
            stop = start + line.end()
            for cut in CASELESS_BOUNDARY.finditer(text, cursor, stop):
                yield from trimmed(text, cursor, cut.end())
                cursor = cut.end()
            yield from trimmed(text, cursor, stop)
