"""Documents in languages other than English: sentences, parses and the window reader.

Until the construction engine reads every language's parse, a document whose language has
a lexicon (``extract/data/<lang>/lexicon.yaml``) is read by the window reader over the
Docs its language gives (natasha for Russian, fr_core_news_sm for French, spaCy's
tokenizer elsewhere); one in a language with no lexicon gets the E024 warning naming its
language, so that no document goes unread in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from proxygraph.actors import Catalog
from proxygraph.errors import Code, message
from proxygraph.extract.lexicon import Lexicon, has_lexicon, load_lexicon
from proxygraph.extract.mentions import NOT_A_PARTY, ActorRef
from proxygraph.extract.window import WindowReader
from proxygraph.models import Claim, Document
from proxygraph.nlp.languages import Languages
from proxygraph.settings import Settings

ENGLISH = "en"


@dataclass
class ForeignReader:
    """Owns the models of every language it has read (``Languages``)."""

    languages: Languages = field(default_factory=Languages)
    lexicons: dict[str, Lexicon] = field(default_factory=dict)

    def lexicon(self, language: str) -> Lexicon:
        if language not in self.lexicons:
            self.lexicons[language] = load_lexicon(language)
        return self.lexicons[language]

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
        reader = WindowReader(
            doc,
            self.lexicon(language),
            language,
            catalog,
            self.languages.spec(language).parsed,
        )
        claims: list[Claim] = []
        for (i, start, _), sent in zip(chosen, parsed, strict=True):
            following = doc.text[slice(*sentences[i + 1])] if i + 1 < len(sentences) else ""
            claims += reader.claims(sent, start, refs, following)
        return claims, []


def _parties(refs: list[ActorRef], start: int, end: int) -> int:
    return len({r.actor for r in refs if start <= r.start < end and r.kind not in NOT_A_PARTY})


def is_foreign(doc: Document) -> bool:
    return doc.language != ENGLISH
