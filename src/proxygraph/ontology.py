"""The relation ontology, loaded from ``data/relations.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

CERTAINTIES = ("asserted", "reported", "alleged", "denied")
FAMILIES = ("material", "diplomatic", "conflict", "structure")


@dataclass(frozen=True)
class Relation:
    name: str
    family: str
    valence: int
    symmetric: bool
    meaning: str


@cache
def relations() -> dict[str, Relation]:
    """All relations of the ontology by name, validated on load."""
    text = resources.files("proxygraph").joinpath("data/relations.yaml").read_text("utf-8")
    table = yaml.safe_load(text)["relations"]
    out = {}
    for name, spec in table.items():
        rel = Relation(name=name, **spec)
        if rel.family not in FAMILIES or rel.valence not in (-1, 0, 1):
            raise ValueError(f"relations.yaml: bad entry for {name}: {spec}")
        out[name] = rel
    return out


def relation(name: str) -> Relation:
    try:
        return relations()[name]
    except KeyError:
        raise ValueError(f"unknown relation {name!r}; known: {', '.join(relations())}") from None
