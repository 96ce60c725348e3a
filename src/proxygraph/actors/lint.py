"""Consistency checks over the whole catalog, run by the test suite and by hand.

Each check returns human-readable problems; an empty list means the catalog is sound.
"""

from __future__ import annotations

from collections import defaultdict

from proxygraph.actors.catalog import ACTOR_TYPES, Actor, Catalog
from proxygraph.actors.gazetteer import Gazetteer, _names, alias_key


def lint(catalog: Catalog) -> list[str]:
    """Every problem the checks below find."""
    problems: list[str] = []
    checks = (
        shared_names,
        shared_aliases,
        dangling_links,
        bad_designations,
        empty_names,
        bad_types,
    )
    for check in checks:
        problems.extend(check(catalog))
    return problems


def shared_names(catalog: Catalog) -> list[str]:
    """Two actors whose canonical names fold to one ("al-Qaeda" and "Al Qaeda"): one
    actor entered twice, or two that need telling apart ("... (Bolivia)")."""
    by_key: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in catalog.actors:
        by_key[alias_key(name)].append(name)
    return [f"canonical name shared by {sorted(v)}" for v in by_key.values() if len(v) > 1]


def shared_aliases(catalog: Catalog) -> list[str]:
    """A folded alias owned by two actors, unless both mark it ambiguous."""
    owners: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)
    for actor in catalog.actors.values():
        for alias, _kind, exact in _names(actor):
            key = (exact,) if exact else alias_key(alias)
            owners[key].setdefault(actor.name, alias)
    problems = []
    for key, by_actor in owners.items():
        if len(by_actor) < 2:
            continue
        unmarked = [n for n, alias in by_actor.items() if not _marked(catalog.actors[n], alias)]
        if unmarked:
            problems.append(f"alias {' '.join(key)!r} shared by {sorted(by_actor)}")
    return problems


def _marked(actor: Actor, alias: str) -> bool:
    return alias_key(alias) in {alias_key(a) for a in actor.ambiguous}


def dangling_links(catalog: Catalog) -> list[str]:
    problems = []
    for actor in catalog.actors.values():
        links = [actor.parent, actor.predecessor, *actor.affiliations]
        links += [link.actor for link in actor.links]
        links += [role.actor for role in actor.roles]
        for link in links:
            if link is not None and link not in catalog.actors:
                problems.append(f"{actor.name}: link to unknown actor {link!r}")
        if actor.type == "person" and not actor.roles:
            problems.append(f"{actor.name}: person without a role")
    return problems


def bad_designations(catalog: Catalog) -> list[str]:
    problems = []
    for actor in catalog.actors.values():
        for d in actor.designations:
            if d.by not in catalog.actors:
                problems.append(f"{actor.name}: designation by unknown body {d.by!r}")
    return problems


def empty_names(catalog: Catalog) -> list[str]:
    problems = []
    for actor in catalog.actors.values():
        for alias, _, _ in _names(actor):
            if not alias.strip() or not alias_key(alias):
                problems.append(f"{actor.name}: empty alias {alias!r}")
    return problems


def bad_types(catalog: Catalog) -> list[str]:
    actors = catalog.actors.values()
    return [f"{a.name}: type {a.type!r}" for a in actors if a.type not in ACTOR_TYPES]


def unreachable_names(catalog: Catalog) -> list[str]:
    """Aliases the gazetteer cannot find in a sentence of their own (a debugging aid)."""
    gazetteer = Gazetteer(catalog)
    problems = []
    for actor in catalog.actors.values():
        for alias, _, _ in _names(actor):
            found = gazetteer.find(f"Yesterday {alias} said so.")
            if not any(m.actor == actor.name or actor.name in m.candidates for m in found):
                problems.append(f"{actor.name}: {alias!r} is never found")
    return problems
