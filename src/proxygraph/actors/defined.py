"""Actors a document defines itself.

News introduces an actor the reader may not know once, with its acronym or with a
naming phrase: "the Arakan Army (AA)", "Group for Support of Islam and Muslims (JNIM)",
"a coalition known as the Northern Alliance". From there on the acronym and the full name
stand for that actor in that document. ``find_defined`` reads these introductions; the
head noun of the name ("Army", "Front", "Party") says what kind of actor it is, and a name
whose head says nothing of the kind ("Radio Free Asia (RFA)") is left alone. The catalog
wins where it knows the name; a name made only of a state's name and words of state
institutions ("Somali National Army (SNA)") is that state. The word lists are data
(``data/defined.yaml``), validated when loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from proxygraph.actors.catalog import ACTOR_TYPES, Catalog
from proxygraph.actors.gazetteer import Gazetteer, Match, alias_key

MAX_NAME_WORDS = 9  # no group's name is longer; bounds a run of capitalised words
WORD_SPELLING = 80  # ratio at which each word of a name is the catalog's word misspelt
MODIFIER = re.compile(r"^[\w'’]+-[a-z]")  # "Iran-backed", "Saudi-trained"
LOOK_BEFORE = 120  # characters before an actor searched for "Name, the leader of"
MIN_SURNAME = 4  # letters a family name needs to name its person alone
NAME_KINDS = ("name", "alias", "demonym")  # matches that name a state inside a name


class DefinedRulesError(ValueError):
    """defined.yaml is malformed."""


@dataclass(frozen=True)
class DefinedName:
    """An actor the document introduces: ``text[start:end]`` is its full name."""

    name: str
    actor: str  # the name itself, or the catalog state whose institution it names
    actor_type: str
    acronym: str | None
    start: int
    end: int


@dataclass(frozen=True)
class DefinedSpan:
    """A place that names a defined actor, by its full name or by its acronym."""

    start: int
    end: int
    surface: str
    defined: DefinedName


class DefinedRules:
    """The word lists of ``defined.yaml`` and the patterns built from them."""

    def __init__(self, raw: dict[str, object]) -> None:
        self.head_types = _head_types(raw)
        self.head_preps = _words(raw, "head_complement_preps")
        the = _alternatives(_words(raw, "definite_articles"), capitalised=True)
        articles = _alternatives(_words(raw, "articles"), capitalised=True)
        particles = _alternatives(_words(raw, "name_particles"))
        self.connectors = _words(raw, "connectors")
        self.edge_banned = _words(raw, "edge_connectors_banned")
        self.naming_nouns = _words(raw, "naming_nouns")
        self.not_name_words = _words(raw, "not_name_words")
        self.state_words = _words(raw, "state_institution_words")
        self.weak_heads = _words(raw, "weak_heads")
        hired = "|".join(sorted(map(re.escape, _words(raw, "hired_force_words"))))
        # right after a demonym, within three words: "Russian (private) mercenaries"
        self.hired_force = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{hired})\b", re.IGNORECASE)
        self.office = _office_patterns(raw, particles)
        heads = "|".join(sorted(w.capitalize() for w in self.head_types))
        # "the Alliance", "the Front": a name cut to its head, for an actor named before
        self.bare_head = re.compile(rf"\b(?:{the})\s+(?P<head>{heads})\b(?!['’]?\s*[A-Z(])")
        self.office_words = frozenset(w for n in _list(raw, "office_nouns") for w in n.split())
        self._spellings: dict[int, tuple[Catalog, dict[tuple[str, int], list[str]]]] = {}
        name = _name_pattern(self.connectors, particles)
        acronym = r"(?P<acr>[A-Z][A-Za-z0-9&-]{1,9})"
        self.with_acronym = re.compile(rf"(?P<name>{name})\s*\(\s*{acronym}\s*\)")
        phrases = "|".join(
            re.escape(p).replace(r"\ ", r"\s+") for p in _list(raw, "naming_phrases")
        )
        self.with_phrase = re.compile(
            rf"\b(?P<noun>[a-z]+),?\s+(?:{phrases})\s+(?:(?:{the})\s+)?[\"“']?(?P<name>{name})"
            rf"(?:[\"”']?\s*\(\s*{acronym}\s*\))?"
        )
        # "X (ACR), a FARC dissident faction": the apposition says what the name is
        nouns = "|".join(sorted(map(re.escape, self.naming_nouns), key=len, reverse=True))
        self.apposition = re.compile(
            rf",\s+(?:{articles})\s+(?:[\w'’-]+\s+){{0,4}}?(?P<noun>{nouns})\b", re.IGNORECASE
        )
        # "the Northern Valley Alliance": a name with a group's head noun after "the";
        # no "and" inside, so that "the A Army and the B Front" are two names.
        listed = _name_pattern(self.connectors - _words(raw, "list_joiners"), particles)
        self.with_article = re.compile(rf"\b(?:{the})\s+(?P<name>{listed})")

    @classmethod
    def load(cls, path: Path | None = None) -> DefinedRules:
        if path is None:
            text = resources.files("proxygraph.actors").joinpath("data", "defined.yaml")
            raw = yaml.safe_load(text.read_text("utf-8"))
        else:
            raw = yaml.safe_load(path.read_text("utf-8"))
        if not isinstance(raw, dict):
            raise DefinedRulesError("defined.yaml must be a mapping")
        return cls(raw)

    def head_type(self, name: str) -> str | None:
        """The type the head noun of ``name`` gives."""
        return self.head_types.get(self.head(name))

    def head(self, name: str) -> str:
        """The head noun of a name, folded: the last word before "of"/"for" ("Front for
        the Liberation of X" -> "front"), else the last word ("Arakan Army" -> "army")."""
        words = name.split()
        for i, word in enumerate(words[1:], 1):
            if word in self.head_preps:
                words = words[:i]
                break
        return words[-1].lower().strip("'’")

    def spellings(self, catalog: Catalog) -> dict[tuple[str, int], list[str]]:
        """Folded names of the catalog's groups by (head word, number of words), to
        find a name the document misspells; built once per catalog."""
        held = self._spellings.get(id(catalog))
        if held is None or held[0] is not catalog:
            table: dict[tuple[str, int], list[str]] = {}
            for actor in catalog.actors.values():
                if actor.type not in ("state", "person"):
                    for name in (actor.name, *actor.aliases):
                        key = alias_key(name)
                        if key:
                            table.setdefault((self.head(name), len(key)), []).append(" ".join(key))
            held = (catalog, table)
            self._spellings[id(catalog)] = held
        return held[1]


def _alternatives(words: frozenset[str], capitalised: bool = False) -> str:
    """A regex alternation of the words (and their capitalised forms, at a sentence's
    start)."""
    forms = set(words) | ({w.capitalize() for w in words} if capitalised else set())
    return "|".join(sorted(map(re.escape, forms), key=len, reverse=True))


def _list(raw: dict[str, object], key: str) -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise DefinedRulesError(f"defined.yaml: {key} must be a list of words")
    return value


def _words(raw: dict[str, object], key: str) -> frozenset[str]:
    return frozenset(_list(raw, key))


def _head_types(raw: dict[str, object]) -> dict[str, str]:
    table = raw.get("head_types")
    if not isinstance(table, dict):
        raise DefinedRulesError("defined.yaml: head_types must map types to words")
    out: dict[str, str] = {}
    for actor_type in table:
        if actor_type not in ACTOR_TYPES or actor_type in ("state", "person"):
            raise DefinedRulesError(f"defined.yaml: {actor_type!r} is no group type")
        out.update((w.lower(), actor_type) for w in _list(table, actor_type))
    return out


# A person's name: two to four capitalised words, Arabic particles joined by a hyphen
# ("Abu Bakr al-Baghdadi") included.
def _person_pattern(particles: str) -> str:
    word = rf"(?:[A-Z][a-z'’-]+|(?:{particles})-[A-Z][a-z'’-]+)"
    # a particle may also stand alone before a word: "Mohammed bin Salman"
    return rf"(?P<person>{word}(?:\s+(?:(?:{particles})\s+)?{word}){{1,4}})"


@dataclass(frozen=True)
class OfficePatterns:
    """Where a person is introduced by office, read from an actor's mention."""

    after: re.Pattern[str]  # "<actor>'s defence minister, Amadou Sani"
    before: re.Pattern[str]  # "Amadou Sani, the leader of <actor>" (text before the actor)


def _office_patterns(raw: dict[str, object], particles: str) -> OfficePatterns:
    nouns = sorted(_list(raw, "office_nouns"), key=len, reverse=True)
    office = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns)
    most = raw.get("office_modifiers_max")
    if not isinstance(most, int) or most < 0:
        raise DefinedRulesError("defined.yaml: office_modifiers_max must be a count")
    mods = rf"(?:[a-z][\w-]*\s+){{0,{most}}}"
    preps = "|".join(map(re.escape, _list(raw, "office_owner_preps")))
    the = _alternatives(_words(raw, "articles"))
    person = _person_pattern(particles)
    return OfficePatterns(
        re.compile(rf"(?:['’]s)?\s+{mods}(?i:{office})\s*,?\s+{person}\b(?!\s+[A-Z]|\)\s*[A-Z])"),
        re.compile(
            rf"\b{person},\s+(?:(?:{the})\s+)?{mods}(?i:{office})\s+(?:{preps})\s+(?:(?:{the})\s+)?$"
        ),
    )


def _name_pattern(connectors: frozenset[str], particles: str) -> str:
    """Capitalised words (or "al-Islam"), with lower-case connectors between them."""
    # an inner apostrophe ("Ta'ang") belongs to the word, a possessive ("Corps’") does not
    part = r"[\w-]*(?:['’](?!s\b)[\w-]+)*(?:['’]s(?=\s+[A-Z]))?"  # "People's Defence Force"
    word = rf"(?<![\w'’-])(?:[A-Z]{part}|(?:{particles})-[A-Z]{part})"
    joins = "|".join(sorted(map(re.escape, connectors), key=len, reverse=True))
    return rf"{word}(?:\s+(?:(?:{joins})\s+){{0,3}}{word}){{0,{MAX_NAME_WORDS - 1}}}"


def find_defined(
    text: str, rules: DefinedRules, catalog: Catalog, gazetteer: Gazetteer
) -> list[DefinedName]:
    """Every actor ``text`` introduces by an acronym or a naming phrase, first use first;
    one per acronym and per name."""
    found: dict[str, DefinedName] = {}
    for hit in _introductions(text, rules):
        if any(d.start <= hit.start < d.end for d in found.values()):
            continue  # "the National League for Democracy (NLD)" is defined once
        defined = _judge(hit, text, rules, catalog, gazetteer)
        if defined is None:
            continue
        keys = [defined.name, *([defined.acronym] if defined.acronym else [])]
        if not any(k in found for k in keys):
            found.update((k, defined) for k in keys)
    return sorted(set(found.values()), key=lambda d: d.start)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    acronym: str | None
    noun: str | None  # the group noun before a naming phrase, or of an apposition after it
    headed: bool = False  # named after "the": the name ends at its head noun


def _introductions(text: str, rules: DefinedRules) -> Iterator[_Hit]:
    for m in rules.with_acronym.finditer(text):
        described = rules.apposition.match(text, m.end())  # "(EMC), a dissident faction"
        noun = described.group("noun").lower() if described else None
        yield _Hit(m.start("name"), m.end("name"), m.group("acr"), noun)
    for m in rules.with_phrase.finditer(text):
        if m.group("noun") in rules.naming_nouns:
            yield _Hit(m.start("name"), m.end("name"), m.group("acr"), m.group("noun"))
    for m in rules.with_article.finditer(text):
        yield _Hit(m.start("name"), m.end("name"), None, None, headed=True)


def _judge(
    hit: _Hit, text: str, rules: DefinedRules, catalog: Catalog, gazetteer: Gazetteer
) -> DefinedName | None:
    span = _trim(text, hit, rules, gazetteer)
    if span is None:
        return None
    start, end = span
    name = text[start:end]
    inside = gazetteer.find(name)
    acronym = hit.acronym if hit.acronym and _is_acronym(hit.acronym) else None
    state = _state_institution(name, inside, rules, catalog)  # "Ethiopian National Defense
    if state is not None:  # Forces" is Ethiopia's, whatever else "National Defense Forces" is
        return DefinedName(name, state, "state", acronym, start, end)
    if _known(name, inside, acronym, catalog, gazetteer) or _misspelt(name, rules, catalog):
        return None  # the catalog knows the name: its own entry wins
    if hit.headed and _only_institution_words(name, rules):
        return None  # "the Special Forces": whose, the document says elsewhere
    actor_type = rules.head_type(name) or _noun_type(hit.noun, rules)
    if actor_type is None or (hit.headed and rules.head(name) in rules.weak_heads):
        return None  # "the International Crisis Group": a weak head needs an introduction
    return DefinedName(name, name, actor_type, acronym, start, end)


def _only_institution_words(name: str, rules: DefinedRules) -> bool:
    words = [w for w in name.lower().split() if w not in rules.connectors]
    return all(w in rules.state_words for w in words)


def _noun_type(noun: str | None, rules: DefinedRules) -> str | None:
    """The type a group noun that names the actor gives ("a faction", "a party")."""
    if noun is None:
        return None
    return rules.head_types.get(noun) or rules.head_types.get(noun.rstrip("s"), "armed_group")


def _trim(
    text: str, hit: _Hit, rules: DefinedRules, gazetteer: Gazetteer
) -> tuple[int, int] | None:
    """The name proper inside a run of capitalised words: the words whose initials spell
    the acronym ("Russia and the Arakan Army (AA)" -> "Arakan Army"), else the run without
    sentence-opening words; None for a list of names ("Russia and Iran (RI)")."""
    words = list(re.finditer(r"\S+", text[hit.start : hit.end]))
    while words and (_not_name(words[0].group(), rules) or MODIFIER.match(words[0].group())):
        words.pop(0)  # "the Iran-backed Kessa Front": a modifier is no part of the name
    while hit.acronym is None and words and _not_name(words[-1].group(), rules):
        words.pop()  # "a coalition known as the Dawn Pact in March": no month in the name
    if hit.headed:
        words = _to_head(words, rules)
    if not words:
        return None
    if hit.acronym:
        for i in range(len(words)):
            if _initials(words[i:], rules) == _letters(hit.acronym):
                return hit.start + words[i].start(), hit.end
        if gazetteer.find(hit.acronym):
            return None  # a catalog acronym not spelled out here: the catalog reads it
    start, end = hit.start + words[0].start(), hit.start + words[-1].end()
    run = text[start:end]
    if any(run[m.end :].startswith((" and ", ", ")) for m in gazetteer.find(run)):
        return None
    return start, end


def _to_head(words: list[re.Match[str]], rules: DefinedRules) -> list[re.Match[str]]:
    """The words up to the last head noun, if there are two or more ("the Kessa Hills
    Army Chief" -> "Kessa Hills Army"); none otherwise ("the Army" alone names nothing new)."""
    heads = [i for i, w in enumerate(words) if w.group().lower() in rules.head_types]
    return words[: heads[-1] + 1] if heads and heads[-1] >= 1 else []


def _not_name(word: str, rules: DefinedRules) -> bool:
    return word in rules.not_name_words or word in rules.edge_banned


def _known(
    name: str, inside: list[Match], acronym: str | None, catalog: Catalog, gazetteer: Gazetteer
) -> bool:
    """The catalog's actor: the whole name is one of its names, or the acronym is one of
    its acronyms and the name spells one of its names, misspelt or with its state before
    it ("Iran's Revolutionary Guards Corps (IRGC)")."""
    if any(m.start == 0 and m.end == len(name) for m in inside):
        return True
    if len(inside) >= 2 and _is_group(inside[-1], catalog) and inside[-1].end == len(name):
        return True  # "Wagner-Islamic Jihad", "French-aligned Islamic Jihad": two known names
    if acronym is None:
        return False
    owners = {n for m in gazetteer.find(acronym) for n in (m.candidates or (m.actor,))}
    key = alias_key(name)
    for owner in filter(None, map(catalog.get, owners)):
        if any(_same_words(key, alias_key(n)) for n in (owner.name, *owner.aliases)):
            return True
    return False


def _same_words(key: tuple[str, ...], known: tuple[str, ...]) -> bool:
    """Word for word the same name, misspelt, read from the head back, with at most one
    word more in front ("Iran's Revolution Guards Corps" for "Revolutionary Guard Corps";
    not "People's Defence Force" for "Popular Defence Force")."""
    if len(known) < 2 or not 0 <= len(key) - len(known) <= 1:
        return False
    pairs = zip(reversed(key), reversed(known), strict=False)
    return all(fuzz.ratio(a, b) >= WORD_SPELLING for a, b in pairs)


def _is_group(match: Match, catalog: Catalog) -> bool:
    actor = catalog.get(match.actor)
    return actor is not None and actor.type not in ("state", "person")


def _misspelt(name: str, rules: DefinedRules, catalog: Catalog) -> bool:
    """A catalog group's name spelt a little differently, word for word ("Islamic
    Revolution Guards Corps"); a name with another word ("Kessa National Liberation Army"
    beside "Karen National Liberation Army") or a word more is another actor."""
    key = alias_key(name)
    names = rules.spellings(catalog).get((rules.head(name), len(key)), [])
    return any(
        all(fuzz.ratio(a, b) >= WORD_SPELLING for a, b in zip(key, known.split(), strict=True))
        for known in names
    )


def _initials(words: list[re.Match[str]], rules: DefinedRules) -> list[str]:
    if words[0].group() in rules.edge_banned:
        return []
    return [w.group()[0].upper() for w in words if w.group() not in rules.connectors]


def _letters(acronym: str) -> list[str]:
    return [c for c in acronym if c.isupper()]


def _is_acronym(surface: str) -> bool:
    return sum(c.isupper() for c in surface) >= 2


def _state_institution(
    name: str, inside: list[Match], rules: DefinedRules, catalog: Catalog
) -> str | None:
    """The state whose own army or government the name is: one state named in it, every
    other word a word of state institutions ("Somali National Army", "Armed Forces of the
    Philippines")."""
    states = [m for m in inside if m.kind in NAME_KINDS and _is_state(m.actor, catalog)]
    if len(states) != 1:
        return None
    state = states[0]
    rest = (name[: state.start] + " " + name[state.end :]).lower().split()
    words = [w for w in rest if w not in rules.connectors]
    return state.actor if words and all(w in rules.state_words for w in words) else None


def _is_state(name: str, catalog: Catalog) -> bool:
    actor = catalog.get(name)
    return actor is not None and actor.type == "state"


def defined_spans(text: str, defined: list[DefinedName]) -> list[DefinedSpan]:
    """Every place in ``text`` that names a defined actor, by full name or acronym."""
    spans: list[DefinedSpan] = []
    for entry in defined:
        forms = [entry.name, *([entry.acronym] if entry.acronym else [])]
        for form in forms:
            pattern = rf"(?<![\w-]){re.escape(form)}(?![\w-])"
            spans.extend(
                DefinedSpan(m.start(), m.end(), m.group(), entry)
                for m in re.finditer(pattern, text)
            )
    spans.sort(key=lambda s: (s.start, -s.end))
    kept: list[DefinedSpan] = []
    for span in spans:  # a full name holds no second mention of its own words
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


@dataclass(frozen=True)
class IntroducedPerson:
    """A person the document introduces by office: ``text[start:end]`` is their name."""

    name: str
    owner: int  # the index, in the mentions given, of the actor they act for
    start: int
    end: int


def find_people(
    text: str, owners: list[tuple[int, int]], rules: DefinedRules
) -> list[IntroducedPerson]:
    """People introduced by their office beside the actor mentions ``owners`` (start, end):
    "AA spokesperson Kyaw Min", "Kyaw Min, the leader of the Kessa Front"."""
    found: list[IntroducedPerson] = []
    for i, (start, end) in enumerate(owners):
        after = rules.office.after.match(text, end)
        if after:
            found.extend(_person(text, *after.span("person"), i, rules))
        shift = max(0, start - LOOK_BEFORE)
        before = rules.office.before.search(text[shift:start])
        if before:
            found.extend(
                _person(
                    text, before.start("person") + shift, before.end("person") + shift, i, rules
                )
            )
    return found


def _person(
    text: str, start: int, end: int, owner: int, rules: DefinedRules
) -> list[IntroducedPerson]:
    """The name without a title or an opening word before it ("Colonel", "For"); none
    when one word is left."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and (
        words[0].group().lower() in rules.office_words or words[0].group() in rules.not_name_words
    ):
        words.pop(0)
    if len(words) < 2 or any(w.group() in rules.not_name_words for w in words):
        return []  # "Hamas leader Said Tuesday": a day is no part of a name
    first = start + words[0].start()
    return [IntroducedPerson(text[first:end], owner, first, end)]


def person_spans(text: str, person: IntroducedPerson) -> list[tuple[int, int]]:
    """Where the person is named: the full name anywhere, and from the introduction on,
    the family name alone when it is long enough not to be a word of another name."""
    full = [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(person.name)}(?![\w-])", text)]
    last = person.name.split()[-1]
    alone: list[tuple[int, int]] = []
    if len(last) >= MIN_SURNAME and len(person.name.split()) > 1:
        pattern = rf"(?<![\w-]){re.escape(last)}(?![\w-])(?!\s+[A-Z])"
        alone = [
            (m.start() + person.end, m.end() + person.end)
            for m in re.finditer(pattern, text[person.end :])
        ]
    inside = [a for a in alone if any(s <= a[0] < e for s, e in full)]
    return sorted(set(full) | (set(alone) - set(inside)))


def bare_heads(text: str, rules: DefinedRules) -> list[tuple[int, int, str]]:
    """(start, end, head) of every "the Alliance", "the Front" in ``text``."""
    return [
        (m.start("head"), m.end("head"), m.group("head").lower())
        for m in rules.bare_head.finditer(text)
    ]


__all__ = [
    "bare_heads",
    "IntroducedPerson",
    "find_people",
    "person_spans",
    "DefinedName",
    "DefinedRules",
    "DefinedSpan",
    "defined_spans",
    "find_defined",
]
