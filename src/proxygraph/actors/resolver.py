"""Deciding what a gazetteer match stands for in its context.

A match is only a candidate: "Moscow" is the Russian government in "Moscow denies" and a
city in "attacks in Moscow"; "Russian" is the state in "Russian weapons" and not in
"Russian Muslims"; a person stands for the actor they served in the article's year.
The rules read a few words around the match, so they need no parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proxygraph.actors.catalog import Catalog
from proxygraph.actors.gazetteer import Match

# Words that, right after a demonym, make it a people or an origin, not a state acting.
PEOPLE_AFTER_DEMONYM = re.compile(
    r"^[\s-]*(?:muslims?|people|citizens?|nationals?|speakers?|speaking|language|"
    r"jews?|christians?|orthodox|tourists?|civilians?|students?|women|men|children|"
    r"population|emigr\w*|diaspora|journalists?|scholars?|analysts?|experts?|writers?|"
    r"-type|type|-made|made|-style|style|origin|descent|border|soil|territory|coast|"
    r"cities|city|provinces?|regions?|villages?|towns?)\b",
    re.IGNORECASE,
)
# A capital after these words is a place ("in Moscow", "Moscow's subway").
PLACE_BEFORE_METONYM = re.compile(
    r"(?:\b(?:in|at|near|outside|around|into|across|over|from|to|towards|visit(?:ed|s)?|"
    r"arrived in|streets of|centre of|center of)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
PLACE_AFTER_METONYM = re.compile(
    r"^(?:['’]s)?\s+(?:subway|metro|airport|streets?|suburbs?|residents?|region|"
    r"province|city|hotel|concert|mall|time)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Resolved:
    actor: str  # the organisation or state the mention stands for
    person: str | None = None  # the person named, when rolled up
    kind: str = "name"


def resolve_match(
    match: Match, text: str, catalog: Catalog, year: int | None = None
) -> Resolved | None:
    """The actor ``match`` denotes in ``text``, or None where it is no actor here."""
    actor = catalog.get(match.actor)
    if actor is None:
        return None
    before, after = text[max(0, match.start - 40) : match.start], text[match.end : match.end + 30]
    if match.kind == "demonym" and PEOPLE_AFTER_DEMONYM.match(after):
        return None
    if match.kind == "metonym" and is_place(before, after):
        return None
    if actor.type == "person":
        role = actor.role_at(year)
        if role is None:
            return None
        return Resolved(actor=role.actor, person=actor.name, kind=match.kind)
    if actor.valid_to and year and year > actor.valid_to and actor.type == "state":
        return None
    return Resolved(actor=actor.name, kind=match.kind)


def is_place(before: str, after: str) -> bool:
    return bool(PLACE_BEFORE_METONYM.search(before) or PLACE_AFTER_METONYM.match(after))
