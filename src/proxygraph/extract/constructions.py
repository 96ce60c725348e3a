"""Constructions of news language as data: ``data/constructions/<language>/*.yaml``.

A construction names a trigger (a word of a lexicon class, in a part of speech and a
syntactic role), the relation it yields, and where its two parties stand relative to the
trigger, as *paths* over the roles of the syntax view (``proxygraph.nlp.syntax``). A path
is a list of steps separated by ``/``, each applied to every node reached so far:

=================  ==========================================================================
``subj``, ``obj``  the verb's subject or object, shared through coordination and control
``agent``          who acts on a passive verb ("by" phrase)
``ROLE``           dependents in that role (``poss``, ``amod``, ``compound``, ``appos``...)
``ROLE:m``         obliques and nominal modifiers with the marker m (``obl:by``,
                   ``nmod:on``); ``ROLE:@list`` takes markers from a lexicon word list
``^ROLE``          up to the head, when the node stands in that role (``^`` for any)
``[unnamed]``      keep nodes whose own modifiers name no actor ("an attack", not "an
                   Iranian attack" or "Iran's attack")
``[lemma@list]``   keep nodes whose lemma is in a lexicon word list
``[lemma=a|b]``    keep nodes with one of those lemmas (``[pos=NOUN|PROPN]`` likewise)
``[no=ROLE:m]``    keep nodes without a child in that role (with that marker, if given)
``hyphen``         the actor fused to the trigger by a hyphen ("Iran-backed")
``after_hyphen``   the actor after a prefix and its hyphen ("pro-Iranian")
``self``           the trigger itself (an actor that is its own trigger)
``next``           the phrase that starts right after the node (for parses that lost it)
``left``, ``right`` actors listed right before or after the node, by word order alone
=================  ==========================================================================

A construction may ``require`` paths of which one must reach some node: a condition on
the sentence rather than a party ("признал X *террористической* организацией").

A construction's relation is fixed (``relation``), taken from the trigger's lexicon entry
(``trigger.lexicon``), or from the noun a path leads to (``relation_from``: "relied on X
for *weapons*"). An ``exclusive`` construction is the more specific reading of its
trigger: its claims replace the others made on the same word ("expelled the ambassador"
is hostility, not an attack). A patient reached through a marker from a word list must fit
the relation's family (``family_preps``) unless ``family_markers: false``.

Every construction carries example sentences with the claims they must (and must not)
give; ``tests/test_constructions.py`` runs them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from proxygraph.errors import Code, ProxygraphError
from proxygraph.nlp.syntax import ROLES
from proxygraph.ontology import relations

LEXICON_CLASSES = ("verbs", "act_nouns", "participles", "agent_holders")
ARGUMENTS = ("subj", "obj", "agent", "hyphen", "after_hyphen", "self", "next", "left", "right")
STEP = re.compile(
    r"""^(?:
      (?P<arg>subj|obj|agent|after_hyphen|hyphen|self|next|left|right)
    | (?P<up>\^)(?P<uprole>[a-z]+(?::pass)?)?(?::(?P<upmark>@?[\w |'-]+))?
    | (?P<role>[a-z]+(?::pass)?)(?::(?P<mark>@?[\w |'-]+))?
    | \[(?P<attr>lemma|pos|lower)(?P<op>[=@])(?P<values>[^\]]+)\]
    | \[no=(?P<lacks>[a-z]+(?::pass)?)(?::(?P<lackmark>@?[\w |'-]+))?\]
    | \[(?P<unnamed>unnamed)\]
    )$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Step:
    kind: str  # arg, up, down, filter, lacks (nodes without a child of a role), unnamed
    name: str = ""  # the argument, role or attribute
    values: frozenset[str] = frozenset()  # markers or attribute values
    wordlist: str | None = None  # a lexicon list of markers or values


@dataclass(frozen=True)
class Trigger:
    pos: frozenset[str]
    lexicon: str | None = None  # a lexicon class whose entry gives the relation
    words: str | None = None  # or a lexicon word list of lemmas
    roles: frozenset[str] = frozenset()  # the trigger's own role, when it matters
    not_roles: frozenset[str] = frozenset()
    voice: str = "any"  # active, passive, any
    # or an actor's own name, of one of these types ("the IRGC's *Quds Force*")
    actor_types: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Example:
    text: str
    claims: tuple[tuple[str, ...], ...]  # (subject, relation, object[, "neg"])
    absent: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Construction:
    name: str
    language: str
    trigger: Trigger
    relations: tuple[str, ...]  # empty: from the trigger's lexicon entry
    agent: tuple[tuple[Step, ...], ...]
    patient: tuple[tuple[Step, ...], ...]
    # paths to the noun whose entry gives the relation (the first that reaches one)
    relation_from: tuple[tuple[Step, ...], ...] = ()
    exclusive: bool = False  # its claims replace every other claim on the same trigger
    # ... or only those between the same two parties ("exclusive: parties")
    exclusive_parties: bool = False
    family_markers: bool = True  # a patient's marker from a word list must fit the family
    both_ways: bool = False  # "the X-Y war": each attacks the other
    pairwise: bool = False  # agents and patients from one coordinated slot
    seats: bool = False  # a capital named as a place is its state ("recalled from Ankara")
    # two agents of one act act together (lexicon ``joint_agents``); not where the act is
    # only laid at their door ("blamed X and Y for the attack")
    joint_agents: bool = True
    # the relation its negated reading states instead: "X says Y is *not* a terrorist
    # group" is no listing, negated, but a contest of the listing, affirmed
    negated_relation: str | None = None
    # the construction names the end of its relation: "took X off its terror list" is a
    # delisting, a negated listing, though no word of the clause negates
    undoes: bool = False
    # paths of which one must reach a node for the construction to apply ("признал X
    # *террористической* организацией": the naming verb lists only with a word of terror)
    require: tuple[tuple[Step, ...], ...] = ()
    # the actor types a patient must have, when the construction restricts them
    patient_types: frozenset[str] = frozenset()
    description: str = ""
    examples: tuple[Example, ...] = field(default=(), compare=False)


def load_constructions(language: str) -> tuple[Construction, ...]:
    """Every construction of a language, validated (a broken file is error E050)."""
    folder = resources.files("proxygraph.extract").joinpath(f"data/constructions/{language}")
    if not folder.is_dir():
        return ()
    out: list[Construction] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            out += _read_file(entry.read_text("utf-8"), f"{language}/{entry.name}", language)
    names = [c.name for c in out]
    if len(set(names)) != len(names):
        dupes = sorted({n for n in names if names.count(n) > 1})
        raise ProxygraphError(Code.E050, path=f"constructions/{language}", reason=f"dupes {dupes}")
    return tuple(out)


def _read_file(text: str, where: str, language: str) -> list[Construction]:
    try:
        raw = yaml.safe_load(text) or {}
        return [_construction(item, language) for item in raw.get("constructions", ())]
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise ProxygraphError(Code.E050, path=f"constructions/{where}", reason=str(exc)) from exc


def _construction(raw: dict[str, Any], language: str) -> Construction:
    name = raw["name"]
    rels = raw.get("relation", ())
    rels = (rels,) if isinstance(rels, str) else tuple(rels)
    unknown = [r for r in rels if r not in relations()]
    if unknown:
        raise ValueError(f"{name}: unknown relation {unknown}")
    trigger = _trigger(raw["trigger"], name)
    relation_from = tuple(parse_path(p, name) for p in _listed(raw.get("relation_from")))
    negated_relation = raw.get("negated_relation")
    if negated_relation is not None and negated_relation not in relations():
        raise ValueError(f"{name}: unknown negated_relation {negated_relation!r}")
    if not rels and trigger.lexicon is None and not relation_from:
        raise ValueError(f"{name}: no relation and no lexicon class to take one from")
    return Construction(
        name=f"{language}.{name}",
        language=language,
        trigger=trigger,
        relations=rels,
        agent=tuple(parse_path(p, name) for p in _listed(raw["agent"])),
        patient=tuple(parse_path(p, name) for p in _listed(raw.get("patient", ()))),
        relation_from=relation_from,
        exclusive=bool(raw.get("exclusive", False)),
        exclusive_parties=raw.get("exclusive") == "parties",
        family_markers=bool(raw.get("family_markers", True)),
        both_ways=bool(raw.get("both_ways", False)),
        pairwise=bool(raw.get("pairwise", False)),
        seats=bool(raw.get("seats", False)),
        joint_agents=bool(raw.get("joint_agents", True)),
        negated_relation=negated_relation,
        undoes=bool(raw.get("undoes", False)),
        require=tuple(parse_path(p, name) for p in _listed(raw.get("require", ()))),
        patient_types=frozenset(_listed(raw.get("patient_types"))),
        description=raw.get("description", ""),
        examples=tuple(_example(e) for e in raw.get("examples", ())),
    )


def _trigger(raw: dict[str, Any], name: str) -> Trigger:
    lexicon = raw.get("lexicon")
    if lexicon is not None and lexicon not in LEXICON_CLASSES:
        raise ValueError(f"{name}: lexicon class {lexicon!r} is not one of {LEXICON_CLASSES}")
    actor_types = frozenset(_listed(raw.get("actor")))
    if lexicon is None and "words" not in raw and not actor_types:
        raise ValueError(f"{name}: a trigger needs `lexicon`, `words` or `actor`")
    roles = frozenset(_listed(raw.get("role", ())))
    not_roles = frozenset(_listed(raw.get("not_role", ())))
    if (roles | not_roles) - ROLES:
        raise ValueError(f"{name}: unknown trigger roles {sorted((roles | not_roles) - ROLES)}")
    voice = raw.get("voice", "any")
    if voice not in ("active", "passive", "any"):
        raise ValueError(f"{name}: voice must be active, passive or any")
    return Trigger(
        pos=frozenset(_listed(raw["pos"])),
        lexicon=lexicon,
        words=raw.get("words"),
        roles=roles,
        not_roles=not_roles,
        voice=voice,
        actor_types=actor_types,
    )


def parse_path(text: str, name: str = "") -> tuple[Step, ...]:
    return tuple(_step(part.strip(), name) for part in text.split("/") if part.strip())


def _step(text: str, name: str) -> Step:
    m = STEP.match(text)
    if m is None:
        raise ValueError(f"{name}: cannot read path step {text!r}")
    if m["arg"]:
        return Step("arg", m["arg"])
    if m["up"]:
        role = m["uprole"] or ""
        _check_role(role, name)
        return Step("up", role, *_marks(m["upmark"]))
    if m["role"]:
        _check_role(m["role"], name)
        return Step("down", m["role"], *_marks(m["mark"]))
    if m["unnamed"]:
        return Step("unnamed")
    if m["lacks"]:
        _check_role(m["lacks"], name)
        return Step("lacks", m["lacks"], *_marks(m["lackmark"]))
    if m["op"] == "@":
        return Step("filter", m["attr"], wordlist=m["values"].strip())
    return Step("filter", m["attr"], frozenset(v.strip() for v in m["values"].split("|")))


def _check_role(role: str, name: str) -> None:
    if role and role not in ROLES:
        raise ValueError(f"{name}: unknown role {role!r}")


def _marks(text: str | None) -> tuple[frozenset[str], str | None]:
    if not text:
        return frozenset(), None
    if text.startswith("@"):
        return frozenset(), text[1:]
    return frozenset(m.strip() for m in text.split("|")), None


def _example(raw: dict[str, Any]) -> Example:
    return Example(
        text=raw["text"],
        claims=tuple(tuple(c) for c in raw.get("claims", ())),
        absent=tuple(tuple(c) for c in raw.get("absent", ())),
    )


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
