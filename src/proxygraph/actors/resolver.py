"""Deciding what a gazetteer match stands for in its context.

A match is only a candidate: "Moscow" is the Russian government in "Moscow denies" and a
city in "attacks in Moscow"; "Russian" is the state in "Russian weapons" and not in
"Russian Muslims"; a person stands for the actor they served in the article's year.
The rules read a few words around the match, so they need no parser. The word lists
live in ``data/context.yaml``.

How a demonym is judged: it is the state acting unless the next word makes it a people
("Russian Muslims", "Russian speakers"), an origin or make ("Russian-made", "Soviet-era"),
a place ("Syrian border") or a non-state group ("Lebanese militants", "Afghan Taliban"),
or an earlier word does ("ethnic Russians"). Shared names ("Ansar al-Sharia", "Assad")
go to the candidate whose country the document names most near the match, or whose
role the person held in the article's year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from rapidfuzz import fuzz

from proxygraph.actors.catalog import Actor, Catalog
from proxygraph.actors.gazetteer import Gazetteer, Match, alias_key

NEAR = 300  # characters either side in which a country cue counts double
BEFORE, AFTER = 60, 40


@cache
def _context() -> dict[str, Any]:
    path = resources.files("proxygraph.actors").joinpath("data", "context.yaml")
    return yaml.safe_load(path.read_text("utf-8"))


def _words(key: str) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _context()[key])


@cache
def _rules() -> dict[str, re.Pattern[str]]:
    return {
        "people_after": re.compile(rf"^(?:[\s-]+)(?:{_words('demonym_not_state_after')})\b", re.I),
        "state_after": re.compile(rf"^(?:[\s-]+)(?:{_words('demonym_state_after')})\b", re.I),
        "people_before": re.compile(rf"\b(?:{_words('demonym_not_state_before')})\s+$", re.I),
        "place_before": re.compile(rf"\b(?:{_words('metonym_place_before')})\s+(?:the\s+)?$", re.I),
        "place_after": re.compile(rf"^(?:['’]s)?[\s-]+(?:{_words('metonym_place_after')})\b", re.I),
        "government_before": re.compile(
            rf"\b(?:{_words('metonym_government_before')})\s+(?:in|of)\s+(?:the\s+)?$", re.I
        ),
        "former": re.compile(rf"\b(?:{_words('former')})\b[^.;]*$", re.I),
        "branch_after": re.compile(
            r"^(?:['’]s)?\s+(?:(?:in|of)\s+(?:the\s+)?(?P<place>[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)"
            rf"|(?P<dem>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\s+(?:{_words('branch_nouns')}))"
        ),
        "branch_before": re.compile(
            rf"(?P<dem>[A-Z][\w-]+)\s+(?:{_words('branch_nouns')})\s+of\s+(?:the\s+)?$"
        ),
    }


@dataclass(frozen=True)
class Resolved:
    actor: str  # the organisation or state the mention stands for (a person when former)
    person: str | None = None  # the person named, when rolled up
    kind: str = "name"


def resolve_match(
    match: Match,
    text: str,
    catalog: Catalog,
    year: int | None = None,
    gazetteer: Gazetteer | None = None,
) -> Resolved | None:
    """The actor ``match`` denotes in ``text``, or None where it is no actor here.
    ``gazetteer``: the catalog's, where the caller has it (else one is built once)."""
    gazetteer = _gazetteer(catalog) if gazetteer is None else gazetteer
    defined = _defined_here(match, text, catalog, gazetteer)
    if defined == "":
        return None  # the document spells the acronym out as something else
    actor = catalog.get(defined or _choose(match, text, catalog, year))
    if actor is None:
        return None
    before = text[max(0, match.start - BEFORE) : match.start]
    after = text[match.end : match.end + AFTER]
    if not _is_actor_here(match, actor, before, after, text, catalog, gazetteer):
        return None
    if actor.type == "person":
        return _person(actor, match, before, year)
    actor = _branch(actor, before, after, catalog)
    return Resolved(actor=_by_date(actor, year, catalog).name, kind=match.kind)


def _is_actor_here(
    match: Match,
    actor: Actor,
    before: str,
    after: str,
    text: str,
    catalog: Catalog,
    gazetteer: Gazetteer,
) -> bool:
    rules = _rules()
    if match.kind == "acronym" and _in_capitals(text, match):
        return False  # "THIS IS WAR": a headline, not the Islamic State
    if match.kind == "demonym":
        people = rules["people_after"].match(after) and not rules["state_after"].match(after)
        if people or rules["people_before"].search(before):
            return False
        if _group_follows(after, catalog, gazetteer):
            return False
    if match.kind == "metonym":
        return bool(rules["government_before"].search(before)) or not is_place(before, after)
    return True


def is_place(before: str, after: str) -> bool:
    rules = _rules()
    return bool(rules["place_before"].search(before) or rules["place_after"].match(after))


def _in_capitals(text: str, match: Match) -> bool:
    """The nearest word on each side is in capitals too (a headline or a shout)."""
    before = re.findall(r"[A-Za-z]{2,}", text[max(0, match.start - 30) : match.start])[-1:]
    after = re.findall(r"[A-Za-z]{2,}", text[match.end : match.end + 30])[:1]
    words = before + after
    return (
        bool(words)
        and all(w.isupper() and len(w) > 1 for w in words)
        and not all(w in _context()["acronym_neighbours"] for w in words)
    )


def _group_follows(after: str, catalog: Catalog, gazetteer: Gazetteer) -> bool:
    """ "Afghan Taliban", "Iranian Quds Force": the demonym qualifies a group, not a state."""
    head = re.match(r"^[\s-]+", after)
    if head is None:
        return False
    found = gazetteer.find(after)
    return bool(found) and found[0].start == head.end() and _is_group(found[0], catalog)


def _is_group(match: Match, catalog: Catalog) -> bool:
    actor = catalog.get(match.actor)
    return actor is not None and actor.type not in ("state", "person") and match.kind != "demonym"


_GAZETTEERS: dict[int, tuple[Catalog, Gazetteer]] = {}


def _gazetteer(catalog: Catalog) -> Gazetteer:
    held = _GAZETTEERS.get(id(catalog))
    if held is None or held[0] is not catalog:
        held = (catalog, Gazetteer(catalog))
        _GAZETTEERS[id(catalog)] = held
    return held[1]


def _person(actor: Actor, match: Match, before: str, year: int | None) -> Resolved:
    """The office held in the article's year; a former official stands for themselves."""
    role = None if _rules()["former"].search(before) else actor.role_at(year)
    if role is None:
        return Resolved(actor=actor.name, person=actor.name, kind=match.kind)
    return Resolved(actor=role.actor, person=actor.name, kind=match.kind)


def _by_date(actor: Actor, year: int | None, catalog: Catalog) -> Actor:
    """Russia before 1992 is the Soviet Union."""
    if year and actor.valid_from and year < actor.valid_from and actor.predecessor:
        return catalog.get(actor.predecessor) or actor
    return actor


MINOR_WORDS = {"of", "the", "for", "and", "al", "in", "de", "du", "la", "des", "el"}
EXPANSION = 100  # characters before "(SNA)" searched for the name it abbreviates


def _defined_here(match: Match, text: str, catalog: Catalog, gazetteer: Gazetteer) -> str | None:
    """What the document itself says an acronym stands for: "Somali National Army (SNA)"
    makes SNA Somalia's army in that document, whatever else the catalog calls SNA.
    The actor the spelled-out name resolves to; "" when it spells out a name the catalog
    does not give the acronym's actors; None when the document does not spell it out."""
    surface = match.surface
    if not _looks_like_acronym(surface):
        return None
    found = re.search(rf"\(\s*{re.escape(surface)}\s*\)", text)
    if found is None:
        return None
    window = text[max(0, found.start() - EXPANSION) : found.start()].rstrip()
    expansion = _spelled_out(window, surface)
    named = [m for m in gazetteer.find(window) if m.end == len(window)]
    if named and named[-1].kind in ("name", "alias") and len(named[-1].candidates) <= 1:
        actor = catalog.get(named[-1].actor)
        if actor and (
            expansion
            and named[-1].start <= len(window) - len(expansion) + 2
            or surface in (*actor.aliases, *actor.acronyms)
        ):
            return actor.name
    if not expansion:
        return None
    candidates = [catalog.get(n) for n in (match.candidates or (match.actor,))]
    if any(a and _spells(a, expansion) for a in candidates):
        return None  # the catalog's own reading ("Revolution Guards" for "Revolutionary Guard")
    return ""


SPELLING = 88  # rapidfuzz ratio at which a spelled-out name is a catalog name misspelt


def _spells(actor: Actor, expansion: str) -> bool:
    folded = " ".join(alias_key(expansion))
    return any(
        fuzz.ratio(folded, " ".join(alias_key(n))) >= SPELLING for n in (actor.name, *actor.aliases)
    )


def _spelled_out(window: str, acronym: str) -> str | None:
    """The words ending ``window`` whose initials are the acronym's letters, if they are
    ("Somali National Army" for SNA, "Forces for the Liberation of Rwanda" not for FDLR)."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    words = list(re.finditer(r"[\w'’-]+", window))
    taken, start = [], None
    for word in reversed(words):
        if word.group().lower() in MINOR_WORDS:
            continue
        taken.append(word.group()[0].upper())
        start = word.start()
        if len(taken) == len(letters):
            break
    if start is None or taken[::-1] != letters:
        return None
    return window[start:]


def _looks_like_acronym(surface: str) -> bool:
    if not surface.isupper():  # most names: one lower-case letter settles it at C speed
        return False
    letters = [c for c in surface if c.isalpha()]
    return 2 <= len(letters) <= 8 and all(c.isupper() for c in letters)


def _choose(match: Match, text: str, catalog: Catalog, year: int | None) -> str:
    """Among actors sharing a name, the one the year, the document's countries and the
    actors named beside it favour; "" (unresolved) when the context cannot decide."""
    names = [n for n in match.candidates if n in catalog.actors] or [match.actor]
    if len(names) == 1:
        return names[0]
    actors = [catalog.actors[n] for n in names]
    if all(a.type == "person" for a in actors):
        return _by_role(actors, year).name
    alive = [a for a in actors if _exists_in(a, year)] or actors
    if len(alive) == 1:
        return alive[0].name
    scored = sorted(
        ((_context_score(a, text, match, catalog), a.name) for a in alive), reverse=True
    )
    if scored[0][0] > 0 and scored[0][0] != scored[1][0]:
        return scored[0][1]
    # No cue, or a tie: the actor whose own name the text uses ("Muslim Brotherhood", not
    # "Muslim Brotherhood (Syria)") is the plain reading; else unresolved, never guessed.
    tied = [name for score, name in scored if score == scored[0][0]]
    plain = [n for n in tied if alias_key(n) == alias_key(match.surface)]
    if len(plain) == 1:
        return plain[0]
    # Else the one group of that name that states list as terrorist (the catalog's
    # designations): "the ELN" in today's news is Colombia's, not a 1960s Bolivian band.
    listed = [n for n in tied if catalog.actors[n].designations]
    return listed[0] if len(listed) == 1 else ""


def _exists_in(actor: Actor, year: int | None) -> bool:
    if year is None:
        return True
    return (actor.valid_from is None or actor.valid_from <= year) and (
        actor.valid_to is None or year <= actor.valid_to
    )


def _context_score(actor: Actor, text: str, match: Match, catalog: Catalog) -> float:
    """Cues for one candidate: its country (then the others it fights in) named in the
    document, and the organisations it is linked to named there too."""
    score = _country_score(actor, text, match, catalog)
    for country in actor.active_in:
        score += 0.5 * _country_score(
            Actor(name="", type="other", country=country), text, match, catalog
        )
    related = {actor.parent, *actor.affiliations, *(link.actor for link in actor.links)}
    for name in related - {None, ""}:
        if name and _names_in(catalog.get(name), text):
            score += 1.0
    return score


def _names_in(actor: Actor | None, text: str) -> bool:
    if actor is None or actor.type == "state":
        return False
    names = [n for n in (actor.name, *actor.aliases, *actor.acronyms) if len(n) > 2]
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in names)


def _by_role(people: list[Actor], year: int | None) -> Actor:
    for person in people:
        if year is not None and any(r.holds(year) for r in person.roles):
            return person
    current = [p for p in people if any(r.end is None for r in p.roles)]
    return (current or people)[0]


def _country_score(actor: Actor, text: str, match: Match, catalog: Catalog) -> float:
    state = actor if actor.type == "state" else catalog.get(actor.country or "")
    if state is None:
        return 0.0
    pattern = _country_cues(state)
    near = text[max(0, match.start - NEAR) : match.end + NEAR]
    return len(pattern.findall(near)) + 0.5 * len(pattern.findall(text))


_CUES: dict[str, re.Pattern[str]] = {}


def _country_cues(state: Actor) -> re.Pattern[str]:
    cached = _CUES.get(state.name)
    if cached is None:
        words = {state.name, *state.aliases, *state.demonyms, *state.metonyms, *state.places}
        alternatives = sorted((re.escape(w) for w in words if len(w) > 2), key=len, reverse=True)
        cached = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")
        _CUES[state.name] = cached
    return cached


def _branch(actor: Actor, before: str, after: str, catalog: Catalog) -> Actor:
    """ "IS in Afghanistan", "al-Qaeda's Yemeni branch": the province, not the parent."""
    branches = _branches(catalog).get(actor.name)
    if not branches:
        return actor
    rules = _rules()
    found = rules["branch_after"].match(after) or rules["branch_before"].search(before)
    if found is None:
        return actor
    place = found.groupdict().get("place") or found.group("dem")
    country = _state_named(place, catalog)
    if country is not None and country == actor.country:
        return actor  # "Hezbollah in Lebanon" is Hezbollah at home, not one of its units
    by_country = [b for b in branches if b.country == country]
    return (by_country or [b for b in branches if _names_region(b, place)] or [actor])[0]


def _names_region(branch: Actor, phrase: str) -> bool:
    """ "West African" names "Islamic State West Africa Province"; "Caucasus" its province."""
    words = [w for w in alias_key(phrase) if len(w) > 3]
    names = {t for n in (branch.name, *branch.aliases) for t in alias_key(n) if len(t) > 3}
    return bool(words) and all(
        any(w.startswith(n) or n.startswith(w) for n in names) for w in words
    )


_BRANCHES: dict[int, tuple[Catalog, dict[str, list[Actor]]]] = {}


def _branches(catalog: Catalog) -> dict[str, list[Actor]]:
    held = _BRANCHES.get(id(catalog))
    if held is None or held[0] is not catalog:
        children: dict[str, list[Actor]] = {}
        for actor in catalog.actors.values():
            if actor.parent and actor.type == "armed_group" and actor.country:
                children.setdefault(actor.parent, []).append(actor)
        held = (catalog, children)
        _BRANCHES[id(catalog)] = held
    return held[1]


def _state_named(phrase: str, catalog: Catalog) -> str | None:
    """The state a country name, demonym or place in ``phrase`` points to."""
    return _state_keys(catalog).get(alias_key(phrase))


_STATE_KEYS: dict[int, tuple[Catalog, dict[tuple[str, ...], str]]] = {}


def _state_keys(catalog: Catalog) -> dict[tuple[str, ...], str]:
    held = _STATE_KEYS.get(id(catalog))
    if held is None or held[0] is not catalog:
        keys: dict[tuple[str, ...], str] = {}
        for state in catalog.actors.values():
            if state.type == "state":
                for name in (state.name, *state.aliases, *state.demonyms, *state.places):
                    keys.setdefault(alias_key(name), state.name)
        held = (catalog, keys)
        _STATE_KEYS[id(catalog)] = held
    return held[1]


__all__ = ["Resolved", "is_place", "resolve_match"]
