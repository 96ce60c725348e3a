"""The trigger lexicon (``data/lexicon.yaml``), loaded once and checked against the ontology."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from proxygraph.ontology import relations

HOLDER_ROLES = ("agent_holder", "patient_holder", "mutual_holder")
# Word lists whose members are triggers beside the relation tables.
TRIGGER_LISTS = (
    "delisting_verbs",
    "cover_verbs",
    "reciprocal_verbs",
    "capture_verbs",
    "tie_nouns",
    "side_nouns",
    "intent_words",
    "frame_verbs",
)
# (Word lists that trigger a construction are added to the prefilter by the matcher.)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[str, ...]]  # lemma -> relations
    act_nouns: dict[str, tuple[str, ...]]  # lemma or two-word phrase -> relations
    holder_nouns: dict[str, tuple[str, str]]  # lemma -> (relation, role)
    participles: dict[str, str]  # word -> relation
    symmetric_cues: frozenset[str]
    sets: dict[str, frozenset[str]]  # every other word list by its key
    anaphors: dict[str, frozenset[str]]
    family_preps: dict[str, frozenset[str]]
    phrasal_verbs: dict[str, str]  # "push back" -> ATTACKS

    def words(self, key: str) -> frozenset[str]:
        return self.sets[key]

    def trigger_lemmas(self) -> frozenset[str]:
        """Every lemma that can carry a claim by itself or with its phrase."""
        lemmas = set(self.verbs) | set(self.holder_nouns)
        lemmas |= {phrase.split()[-1] for phrase in self.act_nouns}
        lemmas |= {phrase.split()[0] for phrase in self.phrasal_verbs}
        for key in TRIGGER_LISTS:
            lemmas |= self.words(key)
        return frozenset(lemmas)


def load_lexicon(language: str = "en") -> Lexicon:
    """A language's lexicon, read and checked (callers keep it: extract.Extractor)."""
    name = "data/lexicon.yaml" if language == "en" else f"data/{language}/lexicon.yaml"
    text = resources.files("proxygraph.extract").joinpath(name).read_text("utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    _check_words(raw, "lexicon.yaml")
    known = relations()
    for rel in (*raw["verbs"], *raw["nouns"], *raw["participles"]):
        if rel not in known:
            raise ValueError(f"lexicon.yaml names unknown relation {rel}")
    verbs: dict[str, tuple[str, ...]] = {}
    for rel, lemmas in raw["verbs"].items():
        for lemma in lemmas:
            verbs[lemma] = (*verbs.get(lemma, ()), rel)
    acts: dict[str, tuple[str, ...]] = {}
    holders: dict[str, tuple[str, str]] = {}
    cues: set[str] = set()
    for rel, spec in raw["nouns"].items():
        for lemma in spec.get("act", ()):
            acts[lemma] = (*acts.get(lemma, ()), rel)
        for role in HOLDER_ROLES:
            for lemma in spec.get(role, ()):
                holders[lemma] = (rel, role)
        cues.update(spec.get("symmetric_cue", ()))
    participles = {w: rel for rel, words in raw["participles"].items() for w in words}
    sets = {key: frozenset(value) for key, value in raw.items() if isinstance(value, list)}
    anaphors = {key: frozenset(v) for key, v in raw["anaphors"].items()}
    family_preps = {key: frozenset(v) for key, v in raw["family_preps"].items()}
    phrasal = dict(raw["phrasal_verbs"])
    for phrase, rel in phrasal.items():
        if rel not in known or len(phrase.split()) != 2:
            raise ValueError(f"lexicon.yaml: bad phrasal verb {phrase!r}: {rel}")
    return Lexicon(
        verbs, acts, holders, participles, frozenset(cues), sets, anaphors, family_preps, phrasal
    )


def _check_words(node: Any, where: str) -> None:
    """Every word must be a string: YAML reads a bare ``no`` or ``on`` as a boolean, and a
    boolean never matches a word of the text."""
    if isinstance(node, dict):
        for key, value in node.items():
            _check_words(value, f"{where}/{key}")
    elif isinstance(node, list):
        bad = [w for w in node if not isinstance(w, str)]
        if bad:
            raise ValueError(f'{where}: {bad} are not words (quote them: "no", "on")')
