"""The trigger lexicon (``data/lexicon.yaml``), loaded once and checked against the ontology."""

from __future__ import annotations

from dataclasses import dataclass, field
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
NO_WORDS: frozenset[str] = frozenset()  # a list the lexicon lacks (read on the hot path)


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
    # ("side", "by", "side", "with") -> "alongside": prepositions of several words, the
    # articles left out, and the marker each stands for (read by the syntax view)
    phrasal_preps: dict[tuple[str, ...], str]
    # "both" -> 2, "three" -> 3: how many actors a counted description stands for
    set_sizes: dict[str, int] = field(default_factory=dict)
    # ATTACKS -> FIGHTS_ALONGSIDE: what two agents of one act are to each other
    joint_agents: dict[str, str] = field(default_factory=dict)
    # ATTACKS -> FIGHTS_ALONGSIDE: a claim dropped where its sentence says the other
    contradicted_by: dict[str, str] = field(default_factory=dict)

    def words(self, key: str) -> frozenset[str]:
        """A word list; a language whose lexicon lacks one has none of those words (the
        English lexicon has every list the code reads: tests/test_extract.py checks it)."""
        return self.sets.get(key, NO_WORDS)

    def trigger_lemmas(self) -> frozenset[str]:
        """Every lemma that can carry a claim by itself or with its phrase."""
        lemmas = set(self.verbs) | set(self.holder_nouns)
        lemmas |= {phrase.split()[-1] for phrase in self.act_nouns}
        lemmas |= {phrase.split()[0] for phrase in self.phrasal_verbs}
        for key in TRIGGER_LISTS:
            lemmas |= self.words(key)
        return frozenset(lemmas)


# Keys every language's lexicon has (maps; the word lists are free to be empty or absent).
REQUIRED_MAPS = ("verbs", "nouns", "participles", "anaphors", "family_preps", "phrasal_verbs")
DEFAULT_LANGUAGE = "en"


class LexiconError(ValueError):
    """A lexicon file that does not follow the schema of ``data/lexicon.yaml``."""


def lexicon_languages() -> tuple[str, ...]:
    """Every language with a lexicon: English and each ``data/<lang>/lexicon.yaml``."""
    folder = resources.files("proxygraph.extract").joinpath("data")
    found = [d.name for d in folder.iterdir() if d.joinpath("lexicon.yaml").is_file()]
    return (DEFAULT_LANGUAGE, *sorted(found))


def has_lexicon(language: str) -> bool:
    return language in lexicon_languages()


def load_lexicon(language: str = DEFAULT_LANGUAGE) -> Lexicon:
    """The lexicon of ``language`` (English: ``data/lexicon.yaml``; others:
    ``data/<lang>/lexicon.yaml``, same schema), checked against the ontology on load.
    Callers keep what they load (``extract.Extractor``); nothing is cached here."""
    name = "data/lexicon.yaml" if language == DEFAULT_LANGUAGE else f"data/{language}/lexicon.yaml"
    path = resources.files("proxygraph.extract").joinpath(name)
    if not path.is_file():
        raise LexiconError(f"no lexicon for language {language!r} ({name})")
    raw = yaml.safe_load(path.read_text("utf-8"))
    _validate(raw, name)
    return _build(raw, name)


def _validate(raw: Any, name: str) -> None:
    if not isinstance(raw, dict):
        raise LexiconError(f"{name}: expected a mapping of word lists")
    for key in REQUIRED_MAPS:
        if not isinstance(raw.get(key), dict):
            raise LexiconError(f"{name}: {key} must be a mapping")
    known = relations()
    for rel in (*raw["verbs"], *raw["nouns"], *raw["participles"]):
        if rel not in known:
            raise LexiconError(f"{name} names unknown relation {rel}")
    for key, value in raw.items():
        if isinstance(value, list) and not all(isinstance(w, str) and w for w in value):
            raise LexiconError(f"{name}: {key} must be a list of words")
    for rel, words in (*raw["verbs"].items(), *raw["participles"].items()):
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise LexiconError(f"{name}: {rel} must be a list of words")
    for rel, spec in raw["nouns"].items():
        if not isinstance(spec, dict) or set(spec) - {"act", "symmetric_cue", *HOLDER_ROLES}:
            raise LexiconError(f"{name}: nouns.{rel} must map act/holder roles to words")
    _check_words(raw, name)  # nested lists too ("family_preps")


def _build(raw: dict[str, Any], name: str) -> Lexicon:
    known = relations()
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
    preps = _phrasal_preps(raw.get("phrasal_prepositions") or {}, name)
    for phrase, rel in phrasal.items():
        if rel not in known or len(phrase.split()) != 2:
            raise LexiconError(f"{name}: bad phrasal verb {phrase!r}: {rel}")
    return Lexicon(
        verbs,
        acts,
        holders,
        participles,
        frozenset(cues),
        sets,
        anaphors,
        family_preps,
        phrasal,
        preps,
        _set_sizes(raw.get("set_sizes") or {}, name),
        _joint_agents(raw.get("joint_agents") or {}, name),
        _joint_agents(raw.get("contradicted_by") or {}, name),
    )


def _set_sizes(raw: Any, name: str) -> dict[str, int]:
    """``word: count`` ("both: 2"); a count below two describes no set."""
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and v >= 2 for k, v in raw.items()
    ):
        raise LexiconError(f"{name}: set_sizes must map words to counts of two or more")
    return dict(raw)


def _joint_agents(raw: Any, name: str) -> dict[str, str]:
    """``RELATION: RELATION``: both must be relations of the ontology."""
    known = relations()
    if not isinstance(raw, dict) or not all(k in known and v in known for k, v in raw.items()):
        raise LexiconError(f"{name}: joint_agents must map a relation to a relation")
    return dict(raw)


ARTICLES = frozenset({"the", "a", "an"})


def _phrasal_preps(raw: Any, name: str) -> dict[tuple[str, ...], str]:
    """``marker: [phrase, ...]`` -> {phrase words without articles: marker}."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{name}: phrasal_prepositions must map a marker to phrases")
    out: dict[tuple[str, ...], str] = {}
    for marker, phrases in raw.items():
        for phrase in phrases:
            words = tuple(w for w in phrase.lower().split() if w not in ARTICLES)
            if len(words) < 2:
                raise LexiconError(f"{name}: phrasal preposition {phrase!r} has one word")
            out[words] = str(marker)
    return out


def _check_words(node: Any, where: str) -> None:
    """Every word must be a string: YAML reads a bare ``no`` or ``on`` as a boolean, and a
    boolean never matches a word of the text."""
    if isinstance(node, dict):
        for key, value in node.items():
            _check_words(value, f"{where}/{key}")
    elif isinstance(node, list):
        bad = [w for w in node if not isinstance(w, str)]
        if bad:
            raise LexiconError(f'{where}: {bad} are not words (quote them: "no", "on")')
