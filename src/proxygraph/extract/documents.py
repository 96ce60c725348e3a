"""Claims from documents, as a pure function of (documents, catalog, settings).

Each document is cut into sentences and the gazetteer finds its actors; only sentences
that could hold a claim (the prefilter) are parsed. The sentences of consecutive
documents stream through the model together, so that it works on full batches, and the
named-entity model runs, in batches too, only on sentences with a name the catalog lacks
where a party could stand. Extractions come back in input order; memory holds one batch.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import islice

from spacy.tokens import Doc

from proxygraph.actors import Catalog, Gazetteer
from proxygraph.errors import Code, ProxygraphError, message
from proxygraph.extract import anaphora
from proxygraph.extract.claims import SentenceReader, needs_entities, refs_between
from proxygraph.extract.lexicon import load_lexicon
from proxygraph.extract.mentions import ActorRef, find_mentions
from proxygraph.models import Document, Extraction, Mention
from proxygraph.nlp import parse_with, recognise_entities, split_sentences
from proxygraph.nlp.pipeline import text_length
from proxygraph.nlp.prefilter import trigger_cues
from proxygraph.settings import Settings

ENTITY_BATCH = 512  # parsed sentences looked at together: ~8% need the named-entity pass
NOTHING = -1  # the offset of a document's marker when none of its sentences is parsed

_GAZETTEERS: dict[int, tuple[Catalog, Gazetteer]] = {}


def gazetteer_for(catalog: Catalog) -> Gazetteer:
    """One gazetteer per catalog object (building it indexes every alias)."""
    if id(catalog) not in _GAZETTEERS:
        _GAZETTEERS[id(catalog)] = (catalog, Gazetteer(catalog))
    return _GAZETTEERS[id(catalog)][1]


class ExtractionFailed(ProxygraphError):
    """A document whose extraction raised: the E023 message, naming it and the cause."""

    def __init__(self, error: str) -> None:
        Exception.__init__(self, error)
        self.code, self.fields = Code.E023, {}


def extract_document(
    doc: Document, catalog: Catalog | None = None, settings: Settings | None = None
) -> Extraction:
    """Every claim the document states, with mentions of every actor it names."""
    result = next(extract_documents([doc], catalog, settings))
    if result.error:
        raise ExtractionFailed(result.error)
    return result


def extract_documents(
    docs: Iterable[Document], catalog: Catalog | None = None, settings: Settings | None = None
) -> Iterator[Extraction]:
    """One extraction per document, in input order. A document whose extraction fails
    comes back empty with ``error`` set; the others are not affected."""
    catalog = catalog or Catalog.load()
    settings = settings or Settings()
    open_docs: deque[_Open] = deque()

    def sentences() -> Iterator[tuple[str, tuple[_Open, int]]]:
        for doc in docs:
            state = _open(doc, catalog, settings)
            open_docs.append(state)
            if not state.chosen:  # an empty marker, so that a run of documents with
                yield "", (state, NOTHING)  # nothing to parse never piles up here
            for start, end in state.chosen:
                if state.stopped:  # over its time budget, or failed: parse no more of it
                    break
                yield doc.text[start:end], (state, start)

    parsed = _with_entities(parse_with(sentences()))
    for sentence, (state, start) in parsed:
        while open_docs[0] is not state:
            yield open_docs.popleft().result
        if start != NOTHING:
            _read(state, sentence, start, catalog, settings)
    while open_docs:
        yield open_docs.popleft().result


@dataclass
class _Open:
    """A document whose sentences are on their way through the model."""

    result: Extraction
    refs: list[ActorRef]
    chosen: list[tuple[int, int]] = field(default_factory=list)
    deadline: float = 0.0
    stopped: bool = False


def _open(doc: Document, catalog: Catalog, settings: Settings) -> _Open:
    # Armed before any per-document work, so that actor matching and sentence splitting
    # count against the budget too.
    deadline = time.monotonic() + settings.doc_time_budget
    try:
        refs = find_mentions(doc, catalog, gazetteer_for(catalog))
        state = _Open(Extraction(doc, mentions=[_mention(doc, r) for r in refs]), refs)
        if len(doc.text) > settings.max_doc_chars:
            state.result.warnings.append(
                message(Code.E007, doc=doc.id, limit=settings.max_doc_chars)
            )
            return state
        sentences = list(split_sentences(doc.text, doc.kept))
        too_long = sum(1 for s, e in sentences if e - s > settings.max_sentence_chars)
        if too_long:  # tables and run-ons: reported, never silently dropped
            state.result.warnings.append(
                message(Code.E022, doc=doc.id, count=too_long, limit=settings.max_sentence_chars)
            )
        state.chosen = [s for s in sentences if _worth_parsing(doc.text, s, refs, settings)]
    except Exception as exc:  # one odd document must not stop the others
        state = _Open(Extraction(doc), [])
        _fail(state, exc)
    state.deadline = deadline
    return state


def _read(state: _Open, sentence: Doc, start: int, catalog: Catalog, settings: Settings) -> None:
    if state.stopped:
        return
    result = state.result
    if time.monotonic() > state.deadline:
        state.stopped = True
        result.warnings.append(
            message(Code.E008, doc=result.doc.id, limit=settings.doc_time_budget)
        )
        return
    try:
        reader = SentenceReader(
            result.doc, sentence, start, state.refs, load_lexicon(), settings, catalog
        )
        reader.earlier = result.claims
        result.claims.extend(reader.claims())
        result.mentions.extend(reader.new_mentions)  # organisations the catalog lacks
    except Exception as exc:  # one odd document must not stop the others
        _fail(state, exc)


def _fail(state: _Open, exc: Exception) -> None:
    doc = state.result.doc
    state.stopped = True
    state.result = Extraction(doc)
    state.result.error = message(Code.E023, doc=doc.id, reason=f"{type(exc).__name__}: {exc}")


def _with_entities(
    parsed: Iterator[tuple[Doc, tuple[_Open, int]]],
) -> Iterator[tuple[Doc, tuple[_Open, int]]]:
    """The parsed sentences, the named-entity model run over those that need it."""
    lex = load_lexicon()
    while batch := list(islice(parsed, ENTITY_BATCH)):
        wanted = [
            doc
            for doc, (state, start) in batch
            if start != NOTHING
            and not state.stopped
            and needs_entities(doc, _covered(doc, state.refs, start), lex)
        ]
        recognise_entities(wanted)
        yield from batch


def _covered(sentence: Doc, refs: list[ActorRef], start: int) -> set[int]:
    """Indices of the tokens the gazetteer already names."""
    covered: set[int] = set()
    for ref in refs_between(refs, start, start + text_length(sentence)):
        span = sentence.char_span(ref.start - start, ref.end - start, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    return covered


def _worth_parsing(
    text: str, span: tuple[int, int], refs: list[ActorRef], settings: Settings
) -> bool:
    """The prefilter: a claim needs two actors, or one and a word that points back to another."""
    start, end = span
    if end - start > settings.max_sentence_chars:
        return False
    if not settings.prefilter:
        return True
    inside = refs_between(refs, start, end)
    if not inside:
        return False
    sentence = text[start:end]
    enough = (
        len({r.actor for r in inside}) >= 2
        or any(r.is_person for r in inside)
        or anaphora.points_back(sentence)
        or bool(_unknown_group_name().search(sentence))
    )
    return enough and trigger_cues().present(sentence)


@cache
def _unknown_group_name() -> re.Pattern[str]:
    """A capitalised name ending like an armed group's ("... Liberation Front"): a party
    the catalog may lack, for the named-entity model to confirm."""
    heads = "|".join(sorted(w.capitalize() for w in load_lexicon().words("provisional_heads")))
    return re.compile(rf"\b(?:[A-Z][\w'’-]+\s+){{1,5}}(?:{heads})\b")


def _mention(doc: Document, ref: ActorRef) -> Mention:
    return Mention(doc.id, ref.person or ref.actor, ref.surface, ref.start, ref.end, ref.actor_type)
