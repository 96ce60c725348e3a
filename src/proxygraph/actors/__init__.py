"""Actors: the catalog of states, organisations and people, and finding them in text."""

from proxygraph.actors.catalog import Actor, Catalog, Designation, Role
from proxygraph.actors.gazetteer import Gazetteer, Match

__all__ = ["Actor", "Catalog", "Designation", "Gazetteer", "Match", "Role"]
