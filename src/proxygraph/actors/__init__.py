"""Actors: the catalog of states, organisations and people, and finding them in text."""

from proxygraph.actors.catalog import Actor, Catalog, Designation, Role
from proxygraph.actors.gazetteer import Gazetteer, Match
from proxygraph.actors.resolver import Resolved, resolve_match

__all__ = [
    "Actor",
    "Catalog",
    "Designation",
    "Gazetteer",
    "Match",
    "Resolved",
    "Role",
    "resolve_match",
]
