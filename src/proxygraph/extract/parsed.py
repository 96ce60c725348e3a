"""Constructions over the parse of languages other than English.

A language whose parser gives Universal Dependencies (French through spaCy, Russian through
natasha) and that has constructions (``data/constructions/<lang>/*.yaml``) is read by the
same ``ConstructionMatcher`` as English, over the same syntax view: only the data differ.
What a match becomes (negation, certainty, source, time, checks on the parties) is the
window reader's, so that a language's cue words live in one lexicon and every claim of the
language is judged alike. Each claim names its construction (``ru.verb_active``) and has the
confidence of a parsed claim.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from proxygraph.actors import Catalog
from proxygraph.extract.engine import ConstructionMatcher, Match
from proxygraph.extract.lexicon import Lexicon
from proxygraph.extract.mentions import ActorRef
from proxygraph.extract.timex import TimeWords
from proxygraph.extract.window import (
    Placed,
    Trigger,
    WindowReader,
    _key,
    _span_length,
    _token_offsets,
)
from proxygraph.models import Claim, Document
from proxygraph.nlp.syntax import Scheme, SyntaxView

# Roles whose word is governed by the verb above it, for negation: the object of a light
# verb ("не оказывала помощь"), the infinitive of a verb ("n'a pas voulu armer").
GOVERNED = frozenset({"obj", "obl", "xcomp"})
MAX_CHAIN = 3  # words climbed from the trigger to the verb whose negator counts


class ConstructionReader(WindowReader):
    """Claims of one parsed sentence, read by the language's constructions."""

    def __init__(
        self,
        doc: Document,
        lex: Lexicon,
        language: str,
        catalog: Catalog,
        matcher: ConstructionMatcher,
        scheme: Scheme,
        times: TimeWords | None = None,
    ) -> None:
        super().__init__(doc, lex, language, catalog, parsed=True, times=times)
        self.matcher, self.scheme = matcher, scheme
        self.view: SyntaxView | None = None  # the sentence being read

    def _negated(self, index: int, sent: Doc, clauses: list[int]) -> bool:
        """A negator near the word, or on the verb that governs it ("не передавал России
        летальное оружие": the noun is far from the negator, its verb is not)."""
        return super()._negated(index, sent, clauses) or self._negated_verb(index)

    def _negated_verb(self, index: int) -> bool:
        negators = self.lex.sets.get("negators", frozenset())
        view = self.view
        return view is not None and any(
            view.lower[k] in negators for n in self._own_words(index) for k in view.kids[n]
        )

    def _own_words(self, index: int, sent: Doc | None = None) -> frozenset[int]:
        """The trigger and the verbs that govern it ("передавал ... оружие": the light
        verb states the relation, it reports nothing)."""
        view, chain = self.view, [index]
        while view is not None and view.role[chain[-1]] in GOVERNED and len(chain) <= MAX_CHAIN:
            head = view.head[chain[-1]]
            if self._frames(view.lemma[head], view.role[chain[-1]]):
                break  # "accuse X d'armer Y": the verb above judges the claim, its own words
            chain.append(head)
        return frozenset(chain) | super()._own_words(index, sent)

    def _frames(self, lemma: str, role: str) -> bool:
        """A verb that judges what it governs: one that hedges or denies, or one that
        reports an infinitive (a reporting verb with an object may give it: "передавал
        оружие")."""
        keys = ("hedge_verbs", "denial_verbs") + (("reporting_verbs",) if role == "xcomp" else ())
        return any(self._listed([lemma], key) for key in keys)

    def read(
        self, sent: Doc, start: int, refs: list[ActorRef], following: str = ""
    ) -> tuple[list[Claim], frozenset[int]]:
        """The sentence's claims, and the trigger words the constructions read, with a
        claim or with parties the parse settles (the window reader leaves those to them)."""
        text = self.doc.text[start : start + _span_length(self.doc.text, start, sent)]
        clauses = self._clauses(sent)
        placed = self._place(refs, _token_offsets(text, sent), start, clauses, text)
        if len({p.ref.actor for p in placed}) < 2:
            return [], frozenset()
        view = self.view = SyntaxView(sent, self.scheme, self.lex.phrasal_preps)
        decided: set[int] = set()
        found = self.matcher.matches(view, _tokens(placed), decided=decided)
        matches = _without_overridden(list(found))
        out: list[Claim] = []
        seen: set[tuple[str, str, str, bool]] = set()
        for match in matches:
            trigger = Trigger(match.trigger, match.relation, "verb")
            pair = (match.agent, match.patient)
            claim = self._claim(trigger, sent, pair, text, start, clauses, following)
            if claim is None or (key := _key(claim)) in seen:
                continue
            seen.add(key)
            out.append(replace(claim, construction=match.construction, extras={}))
        return out, _read_words(view, matches) | decided


def _read_words(view: SyntaxView, matches: list[Match]) -> frozenset[int]:
    """The words the constructions read: each trigger, and the verb whose object it is
    ("reçoit un soutien": the verb of receiving is read with its noun)."""
    heads = {view.head[m.trigger] for m in matches if view.role[m.trigger] in ("obj", "obl")}
    return frozenset({m.trigger for m in matches} | heads)


def _tokens(placed: list[Placed]) -> dict[int, ActorRef]:
    """The actor each token names (every token of a name of several words)."""
    return {i: p.ref for p in placed for i in range(p.first, p.last + 1)}


def _without_overridden(matches: list[Match]) -> list[Match]:
    """An exclusive construction's reading replaces every other one of its trigger."""
    owned = {m.trigger for m in matches if m.exclusive}
    return [m for m in matches if m.trigger not in owned or m.exclusive]
