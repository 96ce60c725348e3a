"""The actor catalog: states, organisations and people, read from YAML data files.

Every entry is validated on load. A user's own file (``--catalog``) is read after the
packaged ones and may add actors or aliases to existing ones.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from proxygraph.errors import Code, ProxygraphError

# libyaml's safe loader where PyYAML was built with it: the generated catalog file is
# ten times faster to read (0.3 s instead of 2.5 s); same results, pure Python otherwise.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ACTOR_TYPES = ("state", "armed_group", "agency", "pmc", "igo", "political", "person", "other")
DATA_FILES = ("states.yaml", "organisations.yaml", "people.yaml")
DATA_PREFIXES = ("states", "organisations", "people")  # also organisations_*.yaml etc.
STOPNAMES_FILE = "stopnames.yaml"
# Files generated from a dataset (build_ucdp.py): read after the hand-made ones of their
# kind, so that a hand-made entry wins wherever the two disagree.
GENERATED_FILES = ("organisations_ucdp.yaml",)
TUPLE_FIELDS = (
    "aliases",
    "acronyms",
    "demonyms",
    "metonyms",
    "affiliations",
    "ambiguous",
    "places",
    "lookup",
    "active_in",
)
# How UCDP links one non-state actor to another (codebook v22.1: Splinter, SplitTemp,
# Alliance, JoinGroup).
LINK_KINDS = ("splinter_of", "temporary_split_of", "allied_into", "joined")


@dataclass(frozen=True)
class Role:
    """A person acting for an actor from ``start`` to ``end`` (years, inclusive)."""

    actor: str
    start: int | None = None
    end: int | None = None
    title: str | None = None

    def holds(self, year: int | None) -> bool:
        if year is None:
            return self.end is None  # undated text: only current roles
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass(frozen=True)
class Designation:
    by: str  # the listing state or body, itself a catalog actor
    year: int | None = None
    listed: bool = True  # False for a delisting
    list: str | None = None  # the list's name where it matters ("FTO", "UN 1267")


@dataclass(frozen=True)
class Link:
    """A recorded relation between two organisations: ``kind`` of ``actor``."""

    kind: str  # one of LINK_KINDS
    actor: str


@dataclass(frozen=True)
class Actor:
    name: str
    type: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()  # matched in exact case only ("IS", not "is")
    demonyms: tuple[str, ...] = ()  # "Russian": the state only where it acts
    metonyms: tuple[str, ...] = ()  # "Moscow", "the Kremlin": the state only as government
    parent: str | None = None
    affiliations: tuple[str, ...] = ()
    designations: tuple[Designation, ...] = ()
    roles: tuple[Role, ...] = ()
    valid_from: int | None = None
    valid_to: int | None = None
    ambiguous: tuple[str, ...] = ()  # aliases knowingly shared with another actor
    provisional: bool = False
    places: tuple[str, ...] = ()  # cities and regions that point to this state in context
    predecessor: str | None = None  # the state this one continues (Russia: Soviet Union)
    # a group that took power: the state it rules and from when ("2021-08"); from then on
    # the two name one government
    governs: str | None = None
    governs_since: str | None = None
    note: str | None = None
    native: str | None = None  # the name in the actor's own language
    # Names a user may look the actor up by but that never match in running text
    # ("Fulani", "Military faction (forces of ...)", a short name that is an English word).
    lookup: tuple[str, ...] = ()
    active_in: tuple[str, ...] = ()  # further states where the actor fights (context cues)
    links: tuple[Link, ...] = ()
    ucdp: tuple[int, ...] = ()  # UCDP Actor Dataset ids

    def role_at(self, year: int | None) -> Role | None:
        """The role a person held in ``year``; the latest one if the year is unknown."""
        held = [r for r in self.roles if r.holds(year)]
        if held:
            return held[-1]
        return self.roles[-1] if self.roles and year is None else None


@dataclass
class Catalog:
    actors: dict[str, Actor] = field(default_factory=dict)
    # Phrases that contain a name yet name no actor ("Latin America", "Washington Post").
    stopnames: tuple[str, ...] = ()
    # Names a user rejected as actors (override file ``reject:``); never made provisional.
    rejected: tuple[str, ...] = ()

    @classmethod
    def load(cls, extra: Path | str | None = None) -> Catalog:
        """The packaged catalog, plus a user's file of additions when given."""
        catalog = _packaged()
        if extra is None:
            return catalog
        merged = Catalog(dict(catalog.actors), catalog.stopnames)
        merged.apply_overrides(_read_yaml(Path(extra)), str(extra))
        return merged

    def apply_overrides(self, entries: Iterable[dict[str, Any]], origin: str) -> None:
        """A user's file: new actors and aliases, ``merge``/``into`` and ``reject`` entries."""
        for raw in entries:
            if isinstance(raw, dict) and "merge" in raw:
                self.merge(_names_of(raw["merge"]), str(raw.get("into", "")), origin)
            elif isinstance(raw, dict) and "reject" in raw:
                self.rejected += tuple(_names_of(raw["reject"]))
            else:
                self.add_entries([raw], origin)

    def merge(self, names: list[str], into: str, origin: str) -> None:
        """Fold ``names`` (actors or bare spellings) into the actor ``into`` as aliases."""
        target = self.actors.get(into)
        if target is None:
            raise ProxygraphError(Code.E011, path=origin, reason=f"merge into unknown {into!r}")
        aliases: list[str] = []
        for name in names:
            old = self.actors.pop(name, None) if name != into else None
            aliases += [name, *(old.aliases if old else ())]
        extra = Actor(name=into, type=target.type, aliases=tuple(aliases))
        self.actors[into] = _merge(target, extra)

    def add_entries(
        self, entries: Iterable[dict[str, Any]], origin: str, default_type: str | None = None
    ) -> None:
        for raw in entries:
            if default_type and isinstance(raw, dict) and "type" not in raw:
                raw = {**raw, "type": default_type}
            actor = parse_actor(raw, origin)
            old = self.actors.get(actor.name)
            self.actors[actor.name] = _merge(old, actor) if old else actor

    def fingerprint(self) -> str:
        """A digest of every entry: a build re-extracts stored documents when it changes
        (a user's override file adds an alias, a new catalog version lands)."""
        digest = hashlib.sha256()
        for name in sorted(self.actors):
            digest.update(repr(self.actors[name]).encode("utf-8"))
        return digest.hexdigest()[:24]

    def get(self, name: str) -> Actor | None:
        return self.actors.get(name)

    def __contains__(self, name: str) -> bool:
        return name in self.actors

    def __len__(self) -> int:
        return len(self.actors)


def _names_of(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def default_override_path() -> Path | None:
    """The user's catalog file when no ``--catalog`` is given: $PROXYGRAPH_CATALOG, else
    ~/.config/proxygraph/catalog.yaml; None when neither exists."""
    env = os.environ.get("PROXYGRAPH_CATALOG")
    path = Path(env) if env else Path.home() / ".config" / "proxygraph" / "catalog.yaml"
    return path if path.is_file() else None


def parse_actor(raw: dict[str, Any], origin: str) -> Actor:
    """One catalog entry, checked field by field."""
    if not isinstance(raw, dict) or not raw.get("name") or raw.get("type") not in ACTOR_TYPES:
        raise ProxygraphError(Code.E011, path=origin, reason=f"bad entry {raw!r:.120}")
    known = set(Actor.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise ProxygraphError(Code.E011, path=origin, reason=f"{raw['name']}: unknown {unknown}")
    fields: dict[str, Any] = dict(raw)
    for key in TUPLE_FIELDS:
        fields[key] = tuple(str(v) for v in raw.get(key) or ())
    fields["designations"] = tuple(Designation(**d) for d in raw.get("designations") or ())
    fields["roles"] = tuple(Role(**r) for r in raw.get("roles") or ())
    fields["links"] = tuple(_link(d, raw["name"], origin) for d in raw.get("links") or ())
    fields["ucdp"] = tuple(int(v) for v in raw.get("ucdp") or ())
    return Actor(**fields)


def _link(raw: Any, name: str, origin: str) -> Link:
    if not isinstance(raw, dict) or raw.get("kind") not in LINK_KINDS or not raw.get("actor"):
        raise ProxygraphError(Code.E011, path=origin, reason=f"{name}: bad link {raw!r:.80}")
    return Link(kind=str(raw["kind"]), actor=str(raw["actor"]))


UNION_FIELDS = (
    "aliases",
    "acronyms",
    "demonyms",
    "metonyms",
    "ambiguous",
    "lookup",
    "active_in",
    "affiliations",
    "links",
    "ucdp",
)


def _merge(old: Actor, new: Actor) -> Actor:
    """A later entry for a known actor adds names and links and fills fields the earlier
    one left empty; where both set a field, the earlier (hand-made) entry wins."""
    fields = dict(old.__dict__)
    for key, value in new.__dict__.items():
        if key in UNION_FIELDS:
            fields[key] = tuple(dict.fromkeys(getattr(old, key) + value))
        elif fields.get(key) is None and value is not None:
            fields[key] = value
    fields["roles"] = old.roles + new.roles
    return Actor(**fields)


def _read_yaml(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)
    except (OSError, yaml.YAMLError) as exc:
        raise ProxygraphError(Code.E011, path=path, reason=str(exc).splitlines()[0]) from exc
    if isinstance(data, dict):
        data = data.get("actors", [])
    if not isinstance(data, list):
        raise ProxygraphError(Code.E011, path=path, reason="expected a list of actors")
    return data


def _data_files(folder: Any) -> list[str]:
    """States first, then organisations, then people: later files may refer to earlier."""
    names = [f.name for f in folder.iterdir() if f.name.endswith(".yaml")]
    order = {prefix: rank for rank, prefix in enumerate(DATA_PREFIXES)}
    chosen = [n for n in names if n.split("_")[0].removesuffix(".yaml") in order]
    return sorted(
        chosen,
        key=lambda n: (order[n.split("_")[0].removesuffix(".yaml")], n in GENERATED_FILES, n),
    )


@cache
def _packaged() -> Catalog:
    return handmade_and_generated(generated=True)


def handmade_and_generated(generated: bool) -> Catalog:
    """The packaged files; without the generated ones when ``generated`` is False (what
    build_ucdp.py merges the dataset into)."""
    catalog = Catalog()
    folder = resources.files("proxygraph.actors").joinpath("data")
    for name in _data_files(folder):
        if not generated and name in GENERATED_FILES:
            continue
        item = folder.joinpath(name)
        default = "person" if name.startswith("people") else None  # people files omit it
        catalog.add_entries(_read_yaml(Path(str(item))), f"actors/data/{name}", default)
    stop = folder.joinpath(STOPNAMES_FILE)
    if stop.is_file():
        catalog.stopnames = tuple(str(v) for v in _read_yaml(Path(str(stop))))
    return catalog
