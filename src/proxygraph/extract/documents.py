"""Claims from documents, as a pure function of (documents, catalog, settings, language).

``Extractor(catalog, settings, language)`` owns every table extraction reads: the
lexicon, the constructions, the syntax scheme, the gazetteer and what is derived from
them, so that the same inputs always give the same claims and a user's catalog applies
everywhere. Each document is cut into sentences and the gazetteer finds its actors; only
sentences that could hold a claim (the prefilter) are parsed. The sentences of
consecutive documents stream through the model together, so that it works on full
batches, and the named-entity model runs, in batches too, only on sentences with a name
the catalog lacks where a party could stand. Extractions come back in input order;
memory holds one batch.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from spacy.tokens import Doc

from proxygraph.actors import Catalog, Gazetteer
from proxygraph.actors.defined import DefinedRules
from proxygraph.errors import Code, ProxygraphError, message
from proxygraph.extract.anaphora import counted_pattern, demonym_states, pointer_pattern
from proxygraph.extract.claims import (
    ReaderKit,
    SentenceReader,
    TriggerHashes,
    needs_entities,
    refs_between,
)
from proxygraph.extract.constructions import load_constructions
from proxygraph.extract.engine import ConstructionMatcher
from proxygraph.extract.foreign import ForeignReader, is_foreign
from proxygraph.extract.lexicon import Lexicon, load_lexicon
from proxygraph.extract.mentions import ActorRef, find_mentions
from proxygraph.extract.timex import time_words
from proxygraph.models import Document, Extraction, Mention
from proxygraph.nlp import load_pipeline, parse_with, recognise_entities, split_sentences
from proxygraph.nlp.embeddings import EmbeddingMemo
from proxygraph.nlp.pipeline import text_length, tokenize_names
from proxygraph.nlp.prefilter import TriggerCues, irregular_forms
from proxygraph.nlp.syntax import Scheme
from proxygraph.settings import Settings

ENTITY_BATCH = 512  # parsed sentences looked at together: ~8% need the named-entity pass
NOTHING = -1  # the offset of a document's marker when none of its sentences is parsed
# The label scheme of each language's parser (nlp/data/schemes/).
SCHEMES = {"en": "clearnlp"}


class ExtractionFailed(ProxygraphError):
    """A document whose extraction raised: the E023 message, naming it and the cause."""

    def __init__(self, error: str) -> None:
        Exception.__init__(self, error)
        self.code, self.fields = Code.E023, {}


class Extractor:
    """Extraction for one catalog, settings and language; build it once and reuse it."""

    def __init__(
        self,
        catalog: Catalog | None = None,
        settings: Settings | None = None,
        language: str = "en",
    ) -> None:
        self.catalog = catalog or Catalog.load()
        self.settings = settings or Settings()
        self.language = language
        lex = load_lexicon(language)
        self.lexicon: Lexicon = lex
        self.gazetteer = Gazetteer(self.catalog)
        self.defined = DefinedRules.load()  # actors a document defines ("the Arakan Army (AA)")
        matcher = ConstructionMatcher(load_constructions(language), lex)
        nlp = load_pipeline()  # the model is a process-wide resource, loaded once
        self.kit = ReaderKit(
            self.catalog,
            self.settings,
            lex,
            matcher,
            Scheme.load(SCHEMES[language]),
            TriggerHashes.build(lex, nlp.vocab),
            demonym_states(self.catalog),
            time_words(language),
        )
        self.cues = TriggerCues(
            lex.trigger_lemmas() | set(lex.participles) | matcher.trigger_words(),
            irregular_forms(nlp),
        )
        self.pointers = pointer_pattern(lex)
        self.counted = counted_pattern(lex)
        self.embeddings = EmbeddingMemo()  # token embeddings by word form (nlp/embeddings.py)
        self.foreign = ForeignReader()  # other languages' models and lexicons, loaded lazily
        heads = "|".join(sorted(w.capitalize() for w in lex.words("provisional_heads")))
        # A capitalised name ending like an armed group's ("... Liberation Front"): a party
        # the catalog may lack, for the named-entity model to confirm.
        self.unknown_group = re.compile(rf"\b(?:[A-Z][\w'’-]+\s+){{1,5}}(?:{heads})\b")

    def extract_document(self, doc: Document) -> Extraction:
        """Every claim the document states, with mentions of every actor it names."""
        result = next(self.extract_documents([doc]))
        if result.error:
            raise ExtractionFailed(result.error)
        return result

    def extract_documents(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        """One extraction per document, in input order. A document whose extraction
        fails comes back empty with ``error`` set; the others are not affected."""
        open_docs: deque[_Open] = deque()

        def sentences() -> Iterator[tuple[str | Doc, tuple[_Open, int]]]:
            for doc in docs:
                state = self._open(doc)
                open_docs.append(state)
                if not state.chosen:  # an empty marker, so that a run of documents with
                    yield "", (state, NOTHING)  # nothing to parse never piles up here
                for start, end in state.chosen:
                    if state.stopped:  # over its time budget, or failed: parse no more
                        break
                    # organisations' names only: people's ("al-Sudani") parse well cut
                    names = [
                        (r.start - start, r.end - start)
                        for r in refs_between(state.refs, start, end)
                        if r.end <= end and not r.is_person
                    ]
                    yield tokenize_names(doc.text[start:end], names), (state, start)

        parsed = parse_with(sentences(), memo=self.embeddings)
        for sentence, (state, start) in self._with_entities(parsed):
            while open_docs[0] is not state:
                yield open_docs.popleft().result
            if start != NOTHING:
                self._read(state, sentence, start)
        while open_docs:
            yield open_docs.popleft().result

    def _open(self, doc: Document) -> _Open:
        settings = self.settings
        # armed before any work on the document: finding its actors and cutting its
        # sentences count against the budget too
        deadline = time.monotonic() + settings.doc_time_budget
        try:
            refs = find_mentions(doc, self.catalog, self.gazetteer, self.defined)
            state = _Open(Extraction(doc, mentions=[_mention(doc, r) for r in refs]), refs)
            if len(doc.text) > settings.max_doc_chars:
                state.result.warnings.append(
                    message(Code.E007, doc=doc.id, limit=settings.max_doc_chars)
                )
                return state
            if is_foreign(doc):  # other languages: their reader (extract/foreign.py), whole
                claims, warnings = self.foreign.read(doc, refs, self.catalog, settings)
                state.result.claims.extend(claims)
                state.result.warnings.extend(warnings)
                return state
            sentences = list(split_sentences(doc.text, doc.kept))
            too_long = sum(1 for s, e in sentences if e - s > settings.max_sentence_chars)
            if too_long:  # tables and run-ons: reported, never silently dropped
                state.result.warnings.append(
                    message(
                        Code.E022, doc=doc.id, count=too_long, limit=settings.max_sentence_chars
                    )
                )
            state.chosen = [s for s in sentences if self._worth_parsing(doc.text, s, refs)]
        except Exception as exc:  # one odd document must not stop the others
            state = _Open(Extraction(doc), [])
            _fail(state, exc)
        state.deadline = deadline
        return state

    def _read(self, state: _Open, sentence: Doc, start: int) -> None:
        if state.stopped:
            return
        result = state.result
        if time.monotonic() > state.deadline:
            state.stopped = True
            result.warnings.append(
                message(Code.E008, doc=result.doc.id, limit=self.settings.doc_time_budget)
            )
            return
        try:
            reader = SentenceReader(result.doc, sentence, start, state.refs, self.kit)
            reader.earlier = result.claims
            result.claims.extend(reader.claims())
            result.mentions.extend(reader.new_mentions)  # organisations the catalog lacks
        except Exception as exc:  # one odd document must not stop the others
            _fail(state, exc)

    def _with_entities(
        self, parsed: Iterator[tuple[Doc, tuple[_Open, int]]]
    ) -> Iterator[tuple[Doc, tuple[_Open, int]]]:
        """The parsed sentences, the named-entity model run over those that need it."""
        while batch := list(islice(parsed, ENTITY_BATCH)):
            wanted = [
                doc
                for doc, (state, start) in batch
                if start != NOTHING
                and not state.stopped
                and needs_entities(doc, _covered(doc, state.refs, start), self.lexicon)
            ]
            recognise_entities(wanted, self.embeddings)
            yield from batch

    def _worth_parsing(self, text: str, span: tuple[int, int], refs: list[ActorRef]) -> bool:
        """The prefilter: a claim needs two actors, or one and a word that points back to
        another."""
        start, end = span
        if end - start > self.settings.max_sentence_chars:
            return False
        if not self.settings.prefilter:
            return True
        inside = refs_between(refs, start, end)
        sentence = text[start:end]
        if not inside:  # "He led the group ...": two words that point back can hold a claim
            pointing = len(self.pointers.findall(sentence)) >= 2 or bool(
                self.counted.search(sentence)
            )
            return pointing and bool(refs) and refs[0].start < start and self.cues.present(sentence)
        enough = (
            len({r.actor for r in inside}) >= 2
            or any(r.is_person for r in inside)
            or bool(self.pointers.search(sentence))
            or bool(self.unknown_group.search(sentence))
        )
        return enough and self.cues.present(sentence)


def extract_document(
    doc: Document, catalog: Catalog | None = None, settings: Settings | None = None
) -> Extraction:
    """One document with a new extractor (build an ``Extractor`` to extract many)."""
    return Extractor(catalog, settings).extract_document(doc)


def extract_documents(
    docs: Iterable[Document], catalog: Catalog | None = None, settings: Settings | None = None
) -> Iterator[Extraction]:
    """Documents with a new extractor (build an ``Extractor`` to extract many batches)."""
    return Extractor(catalog, settings).extract_documents(docs)


@dataclass
class _Open:
    """A document whose sentences are on their way through the model."""

    result: Extraction
    refs: list[ActorRef]
    chosen: list[tuple[int, int]] = field(default_factory=list)
    deadline: float = 0.0
    stopped: bool = False


def _fail(state: _Open, exc: Exception) -> None:
    doc = state.result.doc
    state.stopped = True
    state.result = Extraction(doc)
    state.result.error = message(Code.E023, doc=doc.id, reason=f"{type(exc).__name__}: {exc}")


def _covered(sentence: Doc, refs: list[ActorRef], start: int) -> set[int]:
    """Indices of the tokens the gazetteer already names."""
    covered: set[int] = set()
    for ref in refs_between(refs, start, start + text_length(sentence)):
        span = sentence.char_span(ref.start - start, ref.end - start, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    return covered


def _mention(doc: Document, ref: ActorRef) -> Mention:
    """A person named for the state or group they served counts as a mention of that actor;
    the person is kept beside it (``mentions.person``)."""
    person = ref.person if ref.person != ref.actor else None
    return Mention(
        doc.id,
        ref.actor,
        ref.surface,
        ref.start,
        ref.end,
        ref.actor_type,
        provisional=ref.kind == "defined" and ref.actor_type != "state" and ref.person is None,
        person=person,
    )
