"""The prefilter: which sentences could hold a claim, decided without the parser.

A claim needs two actors (or one and a word pointing back to another, or a person) and a
word that carries a relation. Trigger words are matched in their regular inflections
("supplies", "supplied", "shipped") and in the irregular forms the lemmatizer knows
("fought", "struck"); a test and the benchmark check that the prefilter changes no claim
on the dev corpus.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.language import Language

WORD = re.compile(r"[^\W\d_]+")
# Words outside the lexicon's trigger lists that still make claims.
EXTRA_CUES = ("anti", "counter", "alongside", "beside", "side")
PREFIXES = ("terror", "extremis")


class TriggerCues:
    """The forms of the trigger lemmas a sentence must contain to be worth parsing."""

    def __init__(self, lemmas: Collection[str], irregular: dict[str, list[str]]) -> None:
        lemmas = set(lemmas)
        self.forms = {f for lemma in lemmas for f in inflections(lemma.lower())} | set(EXTRA_CUES)
        self.forms |= {form for form, bases in irregular.items() if set(bases) & lemmas}

    def present(self, sentence: str) -> bool:
        words = set(WORD.findall(sentence.lower()))  # a set meets the forms at C speed
        return not self.forms.isdisjoint(words) or any(w.startswith(PREFIXES) for w in words)


def inflections(lemma: str) -> set[str]:
    """The regular forms of an English noun or verb: arm, arms, armed, arming; supply,
    supplies, supplied; ship, shipped, shipping; raise, raised, raising."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if (
        len(lemma) >= 3
        and lemma[-1] not in "aeiouwxy"
        and lemma[-2] in "aeiou"
        and lemma[-3] not in "aeiou"
    ):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def irregular_forms(nlp: Language) -> dict[str, list[str]]:
    """Irregular forms the model's lemmatizer knows ("fought" -> "fight")."""
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    irregular: dict[str, list[str]] = {}
    for key in table:
        for form, bases in table[key].items():
            irregular.setdefault(form, []).extend(bases)
    return irregular
