"""Coarse part-of-speech tags and lemmas without the attribute ruler and lemmatizer passes.

The model's attribute ruler maps each fine tag (and a few tag and word pairs) to a
coarse tag, and its lemmatizer applies suffix rules by coarse tag. Both run a matcher
over every token of every sentence, a third of the pipeline's time on short documents.
Here the same tables are read once into dictionaries and every (word, tag) pair is
lemmatised once per process.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from importlib import resources

import numpy as np
import yaml
from spacy.attrs import DEP, LEMMA, LOWER, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

# The fine tags of verb forms (Penn Treebank, the English model's tag set).
VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
# A singular noun coordinated with a gerund may be a gerund the tagger misread
# ("accused X of harboring and supporting Y", "harboring" a noun): (noun tag, gerund tag).
GERUND_MISREAD = ("NN", "VBG")
CONJUNCT = "conj"  # the dependency of a conjunct on the word it is coordinated with


def _values(value: str | dict) -> list[str]:
    return [value] if isinstance(value, str) else list(value.get("IN", ()))


def _indexed_copy(lemmatizer: Lemmatizer) -> Lemmatizer:
    """The model's rule lemmatizer with its word index held in sets. spaCy keeps each
    part of speech's index as a list and tests a candidate lemma's membership in it, a
    scan of up to 57,000 nouns for every word not seen before; a set answers the same.
    A copy, so that the pipeline's own component stays as loaded."""
    copy = type(lemmatizer)(lemmatizer.vocab, None, lemmatizer.name, mode=lemmatizer.mode)
    copy.lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = copy.lookups.add_table(name)
        for key, value in lemmatizer.lookups.get_table(name).items():
            table[key] = set(value) if name == "lemma_index" else value
    return copy


class FastTagger:
    def __init__(self, nlp: Language) -> None:
        self.vocab = nlp.vocab
        self.lemmatizer = _indexed_copy(nlp.get_pipe("lemmatizer"))
        # (tag, word or 0, dependency or 0) -> coarse tag; the most specific rule wins
        self.rules: dict[tuple[int, int, int], int] = {}
        # (tag, word or 0) -> (dependencies it must not have, coarse tag): "this" as a subject
        self.unless: dict[tuple[int, int], tuple[frozenset[int], int]] = {}
        self.by_word_dep: dict[tuple[int, int], int] = {}  # "has" as a main verb
        self.morph: dict[int, str] = {}
        self.fixed_lemmas: dict[tuple[int, int], str] = {}  # (tag, word) -> lemma ("was" -> be)
        # (dependency of the token before, word) -> coarse tag: existential "there is" is a verb
        self.after_dep: dict[tuple[int, int], int] = {}
        for pattern in nlp.get_pipe("attribute_ruler").patterns:
            self._learn(pattern)
        self._fix_lemmas()
        self.lemmas: dict[tuple[int, int, int], int] = {}
        self.pos_memo: dict[tuple[int, int, int], int] = {}  # (tag, word, dependency) -> tag
        self.aux_deps = {self.vocab.strings.add("aux"), self.vocab.strings.add("auxpass")}
        self.to_tag = self.vocab.strings.add("TO")
        self.conj_dep = self.vocab.strings.add(CONJUNCT)

    def _fix_lemmas(self) -> None:
        """Verb forms the suffix rules get wrong (nlp/data/lemma_fixes.yaml)."""
        path = resources.files("proxygraph.nlp").joinpath("data/lemma_fixes.yaml")
        fixes = yaml.safe_load(path.read_text("utf-8")) or {}
        strings = self.vocab.strings
        for tag in VERB_TAGS:
            for form, lemma in fixes.items():
                self.fixed_lemmas[(strings.add(tag), strings.add(str(form)))] = str(lemma)

    def _learn(self, pattern: dict) -> None:
        """Keep the rules that set a coarse tag (or features) from a tag, a word and a
        dependency label, and the existential "there is" rule; the colloquial two-word
        lemma rules ("gonna", "y'all") are left out."""
        tokens = pattern["patterns"][0]
        spec, attrs = tokens[0], pattern["attrs"]
        strings = self.vocab.strings
        if len(tokens) == 2 and set(spec) == {"DEP"} and "POS" in attrs and pattern["index"] == 1:
            for word in _values(tokens[1].get("LOWER", {})):
                key = (strings.add(spec["DEP"]), strings.add(word))
                self.after_dep[key] = POS_IDS[attrs["POS"]]
            return
        if len(tokens) == 1 and set(spec) == {"LOWER", "DEP"} and "POS" in attrs:
            for word in _values(spec["LOWER"]):
                for dep in _values(spec["DEP"]):
                    self.by_word_dep[(strings.add(word), strings.add(dep))] = POS_IDS[attrs["POS"]]
            return
        if len(tokens) != 1 or "TAG" not in spec or set(spec) - {"TAG", "LOWER", "DEP"}:
            return
        words = [0] if "LOWER" not in spec else [strings.add(w) for w in _values(spec["LOWER"])]
        deps = [0] if "DEP" not in spec else [strings.add(d) for d in _values(spec["DEP"])]
        excluded = spec.get("DEP", {}).get("NOT_IN") if isinstance(spec.get("DEP"), dict) else None
        if excluded and "POS" in attrs:
            for tag in (strings.add(t) for t in _values(spec["TAG"])):
                for word in words:
                    not_deps = frozenset(strings.add(d) for d in excluded)
                    self.unless[(tag, word)] = (not_deps, POS_IDS[attrs["POS"]])
            return
        for tag in (strings.add(t) for t in _values(spec["TAG"])):
            if "MORPH" in attrs and set(spec) == {"TAG"}:
                self.morph.setdefault(tag, attrs["MORPH"])
            if "LEMMA" in attrs and "DEP" not in spec:
                for word in words:
                    self.fixed_lemmas[(tag, word)] = attrs["LEMMA"]
            if "POS" not in attrs:
                continue
            for word in words:
                for dep in deps:
                    self.rules[(tag, word, dep)] = POS_IDS[attrs["POS"]]

    def _memo_pos(self, tag: int, word: int, dep: int) -> int:
        found = self.pos_memo.get((tag, word, dep))
        if found is None:
            found = self.pos_memo[(tag, word, dep)] = self._pos(tag, word, dep)
        return found

    def _pos(self, tag: int, word: int, dep: int) -> int:
        if (word, dep) in self.by_word_dep:
            return self.by_word_dep[(word, dep)]
        if dep in self.aux_deps and tag != self.to_tag:
            return POS_IDS["AUX"]
        rules = self.rules
        for key in ((tag, word, dep), (tag, 0, dep)):
            if key in rules:
                return rules[key]
        for key in ((tag, word), (tag, 0)):
            if key in self.unless and dep not in self.unless[key][0]:
                return self.unless[key][1]
        for key in ((tag, word, 0), (tag, 0, 0)):
            if key in rules:
                return rules[key]
        return 0

    def __call__(self, doc: Doc) -> Doc:
        cells = doc.to_array([ORTH, TAG, LOWER, DEP]).tolist()
        pos = [self._memo_pos(t, w, d) for _, t, w, d in cells]
        for i in range(1, len(cells)):
            found = self.after_dep.get((cells[i - 1][3], cells[i][2]))
            if found is not None:
                pos[i] = found
        doc.from_array([POS], np.array(pos, dtype="uint64").reshape(-1, 1))
        known = self.lemmas
        lemmas = [
            known.get((orth, tag, p)) or self._lemma(doc[i])
            for i, ((orth, tag, _, _), p) in enumerate(zip(cells, pos, strict=True))
        ]
        doc.from_array([LEMMA], np.array(lemmas, dtype="uint64").reshape(-1, 1))
        self._read_gerunds_in_coordination(doc, cells)
        return doc

    def _read_gerunds_in_coordination(self, doc: Doc, cells: list[list[int]]) -> None:
        """A noun coordinated with a gerund, which the verb's suffix rules would shorten
        ("harboring" -> "harbor"), is that verb's gerund: "accused X of *harboring* and
        supporting Y" is two acts, not a noun and an act. A noun the rules leave whole
        ("support and arming") stays a noun. ``cells`` are the doc's (orth, tag, lower,
        dependency) rows: only nouns in a coordination (a conjunct, or the head of one) are
        looked at as tokens, in the sentence's order."""
        noun_tag, gerund_tag = GERUND_MISREAD
        conj = self.conj_dep
        joined = [i for i, row in enumerate(cells) if row[3] == conj]
        if not joined:
            return  # most sentences: no coordination, no token to build
        nouns = self.vocab.strings[noun_tag]
        at = {i for i in joined if cells[i][1] == nouns} | {
            h for h in (doc[i].head.i for i in joined) if cells[h][1] == nouns
        }
        for i in sorted(at):
            token = doc[i]
            if not _coordinated_with(token, gerund_tag):
                continue
            token.tag_, token.pos_ = gerund_tag, "VERB"
            token.set_morph(self.morph.get(token.tag))
            form = self.lemmatizer.lemmatize(token)[0]
            if form == token.lower_:
                token.tag_, token.pos_ = noun_tag, "NOUN"
                continue
            token.lemma_ = form

    def _lemma(self, token) -> int:
        key = (token.orth, token.tag, token.pos)
        lemma = self.lemmas.get(key)
        if lemma is None:
            form = self.fixed_lemmas.get((token.tag, token.lower)) or self.fixed_lemmas.get(
                (token.tag, 0)
            )
            if form is None:
                token.set_morph(self.morph.get(token.tag))  # the lemma rules read the features
                form = self.lemmatizer.lemmatize(token)[0]
            lemma = self.lemmas[key] = self.vocab.strings.add(form)
        return lemma

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _coordinated_with(token: Token, tag: str) -> bool:
    """Whether ``token`` and a conjunct of the fine tag ``tag`` are joined directly."""
    if token.dep_ == CONJUNCT and token.head.tag_ == tag:
        return True
    return any(kid.dep_ == CONJUNCT and kid.tag_ == tag for kid in token.children)


NOUNS_AND_VERBS = frozenset({POS_IDS["NOUN"], POS_IDS["VERB"]})
PROPER_NOUNS = frozenset({POS_IDS["PROPN"]})


def tokens_with_pos(
    doc: Doc,
    wanted: frozenset[int],
    tags: frozenset[str] = frozenset(),
    words: Collection[str] | None = None,
) -> Iterator[Token]:
    """The tokens with a wanted coarse tag (or fine tag), without building the others: a
    Token object per word is most of what walking a Doc costs in Python. With ``words``,
    only those whose lower-case form or lemma is one of them."""
    strings = doc.vocab.strings
    tag_ids = {strings.add(t) for t in tags}
    rows = doc.to_array([POS, TAG, LOWER, LEMMA]).tolist()
    for i, (pos, tag, lower, lemma) in enumerate(rows):
        if pos not in wanted and tag not in tag_ids:
            continue
        if words is None or strings[lower] in words or strings[lemma].lower() in words:
            yield doc[i]
