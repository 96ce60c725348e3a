"""Documents in languages other than English: sentences, parses and their readers.

A document whose language has a lexicon (``extract/data/<lang>/lexicon.yaml``) is cut and
parsed as its language says (natasha for Russian, fr_core_news_sm for French, spaCy's
tokenizer elsewhere). Where the parse is in Universal Dependencies and the language has
constructions, they read each sentence first (``extract/parsed.py``); the window reader
reads the relation words no construction matched, and every sentence of a language with no
parser or no constructions. A language with no lexicon gets the E024 warning naming it, so that
no document goes unread in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from proxygraph.actors import Catalog
from proxygraph.errors import Code, message
from proxygraph.extract.constructions import load_constructions
from proxygraph.extract.engine import ConstructionMatcher
from proxygraph.extract.lexicon import Lexicon, has_lexicon, load_lexicon
from proxygraph.extract.mentions import NOT_A_PARTY, ActorRef
from proxygraph.extract.parsed import ConstructionReader
from proxygraph.extract.timex import TimeWords, time_words
from proxygraph.extract.window import WindowReader
from proxygraph.models import Claim, Document
from proxygraph.nlp.languages import Languages
from proxygraph.nlp.syntax import Scheme
from proxygraph.settings import Settings

ENGLISH = "en"


@dataclass
class ForeignReader:
    """Owns the models of every language it has read (``Languages``)."""

    languages: Languages = field(default_factory=Languages)
    lexicons: dict[str, Lexicon] = field(default_factory=dict)
    # each language's constructions and label scheme, or None where they cannot be read
    grammars: dict[str, tuple[ConstructionMatcher, Scheme] | None] = field(default_factory=dict)
    times: dict[str, TimeWords | None] = field(default_factory=dict)  # each language's dates

    def lexicon(self, language: str) -> Lexicon:
        if language not in self.lexicons:
            self.lexicons[language] = load_lexicon(language)
        return self.lexicons[language]

    def time_words(self, language: str) -> TimeWords | None:
        if language not in self.times:
            self.times[language] = time_words(language)
        return self.times[language]

    def grammar(self, language: str) -> tuple[ConstructionMatcher, Scheme] | None:
        """The language's constructions and its parser's scheme, where it has both."""
        if language not in self.grammars:
            labels = self.languages.spec(language).labels
            constructions = load_constructions(language)
            self.grammars[language] = (
                (ConstructionMatcher(constructions, self.lexicon(language)), Scheme.load(labels))
                if labels and constructions
                else None
            )
        return self.grammars[language]

    def read(
        self, doc: Document, refs: list[ActorRef], catalog: Catalog, settings: Settings
    ) -> tuple[list[Claim], list[str]]:
        """The document's claims, and its warnings."""
        language = doc.language
        if not has_lexicon(language):
            return [], [message(Code.E024, doc=doc.id, language=language)]
        sentences = self.languages.sentences(language, doc.text, doc.kept)
        chosen = [
            (i, s, e)
            for i, (s, e) in enumerate(sentences)
            if e - s <= settings.max_sentence_chars and _parties(refs, s, e) >= 2
        ]
        if not chosen:
            return [], []
        parsed = self.languages.parse(language, (doc.text[s:e] for _, s, e in chosen))
        lex, times = self.lexicon(language), self.time_words(language)
        window = WindowReader(
            doc,
            lex,
            language,
            catalog,
            self.languages.spec(language).parsed,
            times,
        )
        grammar = self.grammar(language)
        parsed_reader = (
            ConstructionReader(doc, lex, language, catalog, *grammar, times) if grammar else None
        )
        claims: list[Claim] = []
        for (i, start, _), sent in zip(chosen, parsed, strict=True):
            following = doc.text[slice(*sentences[i + 1])] if i + 1 < len(sentences) else ""
            found, read = (
                parsed_reader.read(sent, start, refs, following)
                if parsed_reader
                else ([], frozenset())
            )
            # the window reader guesses only on the words no construction has read
            keys = {c.key for c in found}
            guessed = window.claims(sent, start, refs, following, read)
            claims += found + [c for c in guessed if c.key not in keys]
        return claims, []


def _parties(refs: list[ActorRef], start: int, end: int) -> int:
    return len({r.actor for r in refs if start <= r.start < end and r.kind not in NOT_A_PARTY})


def is_foreign(doc: Document) -> bool:
    return doc.language != ENGLISH
