"""The judgement layer's weights, read from ``graph/data/weights.yaml`` and validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from proxygraph.ontology import CERTAINTIES, relations

SECTIONS = (
    "certainty",
    "counter",
    "intensity",
    "stance",
    "sources",
    "stories",
    "contradictions",
    "paths",
)
# Sections a user's weights file may leave out: the packaged values apply.
OPTIONAL = ("review",)


@dataclass(frozen=True)
class Weights:
    certainty: dict[str, float]
    counter: dict[str, float]
    intensity: dict[str, float]
    stance: dict[str, float]
    sources: dict[str, list[str]]
    stories: dict[str, float]
    contradictions: dict[str, Any]
    paths: dict[str, float]
    review: dict[str, float]
    transitions: dict[str, Any] = field(default_factory=dict)

    def support(self, certainty: str) -> float:
        return self.certainty.get(certainty, 0.0)

    def reviewed(self, verified: bool) -> float:
        """The factor for a claim an analyst confirmed or corrected, or for one unreviewed."""
        return self.review["verified" if verified else "unreviewed"]

    def against(self, certainty: str, negated: bool) -> float:
        """What a denying or negating claim takes away from its relation."""
        if certainty == "denied":
            return self.counter["denied"]
        return self.counter["negated"] * self.support(certainty) if negated else 0.0


def load_weights(path: Path | str | None = None) -> Weights:
    """The packaged weights, or a user's file with the same sections."""
    if path is None:
        return _packaged()
    return _parse(yaml.safe_load(Path(path).read_text("utf-8")), str(path))


@cache
def _packaged() -> Weights:
    text = resources.files("proxygraph.graph").joinpath("data/weights.yaml").read_text("utf-8")
    return _parse(yaml.safe_load(text), "graph/data/weights.yaml")


def _parse(raw: Any, origin: str) -> Weights:
    if not isinstance(raw, dict) or set(SECTIONS) - set(raw):
        raise ValueError(f"{origin}: needs sections {', '.join(SECTIONS)}")
    optional = {s: dict(raw[s]) if s in raw else getattr(_packaged(), s) for s in OPTIONAL}
    weights = Weights(
        **{s: dict(raw[s]) for s in SECTIONS}, **optional, transitions=_transitions(raw, origin)
    )
    _check(weights, origin)
    return weights


def _transitions(raw: dict, origin: str) -> dict[str, Any]:
    """The optional ``transitions`` section (the packaged one when a user's file has none)."""
    section = raw.get("transitions")
    if section is None:
        return dict(_packaged().transitions) if origin != "graph/data/weights.yaml" else {}
    states = section.get("states", {})
    unknown = set(states) - set(relations())
    bad = [k for k, v in states.items() if not (isinstance(v, list) and len(v) == 2)]
    default = section.get("default")
    if unknown or bad or not (isinstance(default, list) and len(default) == 2):
        raise ValueError(
            f"{origin}: transitions needs states {{RELATION: [on, off]}} of known relations "
            f"and default [on, off] (unknown {sorted(unknown)}, malformed {sorted(bad)})"
        )
    return dict(section)


def _check(weights: Weights, origin: str) -> None:
    if set(weights.review) != {"unreviewed", "verified"} or min(weights.review.values()) <= 0:
        raise ValueError(f"{origin}: review needs positive unreviewed and verified factors")
    if set(weights.certainty) != set(CERTAINTIES):
        raise ValueError(f"{origin}: certainty needs exactly {CERTAINTIES}")
    for name, value in weights.intensity.items():
        rel = relations().get(name)
        if rel is None or rel.valence == 0 or (value > 0) != (rel.valence > 0):
            raise ValueError(f"{origin}: intensity {name}={value} disagrees with the ontology")
    missing = {n for n, r in relations().items() if r.valence and n not in weights.intensity}
    if missing:
        raise ValueError(f"{origin}: intensity missing for {sorted(missing)}")
    for key in ("cooperative", "hostile"):
        unknown = set(weights.contradictions[key]) - set(relations())
        if unknown:
            raise ValueError(f"{origin}: contradictions.{key} has unknown {sorted(unknown)}")
