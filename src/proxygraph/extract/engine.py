"""The construction matcher: constructions (data) applied to a syntax view.

For every token that can trigger a construction, the construction's agent and patient
paths are walked over the view, and the nodes reached are read as actors: the token an
actor's name covers, a group noun whose modifier names one ("Taliban fighters",
"members of Hamas"), a relative pronoun standing for the noun its clause modifies, and
every conjunct and apposition of those. What comes out is a list of matches; turning a
match into a claim (negation, certainty, time, checks on the parties) is shared with
every other source of claims (claims.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import combinations

from proxygraph.extract.constructions import Construction, Step
from proxygraph.extract.lexicon import Lexicon
from proxygraph.extract.mentions import COLLECTIVE, ActorRef
from proxygraph.nlp.syntax import SyntaxView
from proxygraph.ontology import relation

MAX_DEPTH = 6  # how far shared arguments and referents are followed
# Roles in which a participle tagged as an adjective still heads a clause.
CLAUSE_ROLES = frozenset({"root", "conj", "advcl", "ccomp", "xcomp", "relcl"})
# Roles in which a verb without a subject shares its head's (coordination and control).
SHARING_ROLES = frozenset({"conj", "xcomp", "advcl"})


@dataclass(frozen=True)
class Match:
    construction: str
    exclusive: bool
    trigger: int
    relation: str
    agent: ActorRef
    patient: ActorRef
    parties_only: bool = False  # an exclusive reading that replaces only its own pair's


class ConstructionMatcher:
    """The constructions of one language, indexed by what can trigger them."""

    def __init__(self, constructions: tuple[Construction, ...], lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.constructions = constructions
        self.negated_relations = {
            c.name: c.negated_relation for c in constructions if c.negated_relation
        }
        self.undoing = frozenset(c.name for c in constructions if c.undoes)
        self._by_class: dict[str, list[Construction]] = {}
        self._by_lemma: dict[str, list[Construction]] = {}
        # constructions whose trigger is an actor's own name ("the IRGC's Quds Force"),
        # each with whether that name is its agent (`self` on the agent side) or patient
        self._by_actor = [
            (c, any(step.name == "self" for path in c.agent for step in path))
            for c in constructions
            if c.trigger.actor_types
        ]
        for c in constructions:
            if c.trigger.actor_types:
                continue
            if c.trigger.lexicon is not None:
                self._by_class.setdefault(c.trigger.lexicon, []).append(c)
            else:
                for lemma in lexicon.words(c.trigger.words or ""):
                    self._by_lemma.setdefault(lemma, []).append(c)
        # Words that can start a lexicon-class trigger, to pass over every other token at
        # once: lemmas of verbs, act nouns (and the heads of their phrases) and holders,
        # participles as written (their last hyphened part).
        self._class_words = (
            set(lexicon.verbs)
            | {phrase.split()[0] for phrase in lexicon.phrasal_verbs}
            | {phrase.split()[-1] for phrase in lexicon.act_nouns}
            | set(lexicon.holder_nouns)
        )
        self._participles = set(lexicon.participles)
        self._triggers = self._by_lemma.keys() | self._class_words
        # the coarse tags every construction of a lexicon class needs its trigger to have
        # (None: one takes any): a word of another tag skips the class before its
        # relations are looked up
        self._class_pos = {
            name: frozenset().union(*(c.trigger.pos for c in cs))
            if all(c.trigger.pos for c in cs)
            else None
            for name, cs in self._by_class.items()
        }

    def trigger_words(self) -> frozenset[str]:
        """Lemmas that trigger a construction by a word list (for the prefilter)."""
        return frozenset(self._by_lemma)

    def matches(
        self,
        view: SyntaxView,
        tokens: dict[int, ActorRef],
        fused: dict[int, list[ActorRef]] | None = None,
        decided: set[int] | None = None,
    ) -> Iterator[Match]:
        """Matches in one sentence; ``tokens`` maps a token to the actor it names, and
        ``fused`` to the other actors of a token that names several ("U.S.-Taliban").
        ``decided`` collects the triggers whose parties the parse settles even where it
        gives no claim (see ``_Reader.settles``)."""
        reader = _Reader(view, tokens, fused or {}, self.lex)
        reader.decided = decided
        lemmas, participles = self._triggers, self._participles
        by_actor = bool(self._by_actor)
        for i, (lemma, lower) in enumerate(zip(view.lemma, view.lower, strict=True)):
            if by_actor and i in tokens:  # (a generator per word costs more than the test)
                yield from self._actor_matches(reader, view, tokens, i)
            if lemma not in lemmas and lower.rsplit("-", 1)[-1] not in participles:
                continue  # most words trigger nothing
            for construction, rels in self._candidates(view, i):
                if _fits(construction, view, i):
                    yield from reader.read(construction, i, rels)

    def _actor_matches(
        self, reader: _Reader, view: SyntaxView, tokens: dict[int, ActorRef], i: int
    ) -> Iterator[Match]:
        ref = tokens.get(i)
        if ref is None or ref.is_person or not self._by_actor:
            return
        # the actor itself, not the conjuncts reading its token brings along
        own = (ref.actor, *(r.actor for r in reader.fused.get(i, ())))
        for c, on_agent in self._by_actor:
            if ref.actor_type in c.trigger.actor_types and _fits(c, view, i):
                yield from (
                    m
                    for m in reader.read(c, i, c.relations)
                    if (m.agent if on_agent else m.patient).actor in own
                )

    def _candidates(
        self, view: SyntaxView, i: int
    ) -> Iterator[tuple[Construction, tuple[str, ...]]]:
        for c in self._by_lemma.get(view.lemma[i], ()):
            yield c, c.relations
        if (
            view.lemma[i] not in self._class_words
            and view.lower[i].rsplit("-", 1)[-1] not in self._participles
        ):
            return
        for lexicon_class, constructions in self._by_class.items():
            tags = self._class_pos[lexicon_class]
            if tags is not None and view.pos[i] not in tags:
                continue  # no construction of the class fits the word (see _fits)
            found = self._lexicon_relations(lexicon_class, view, i)
            if found:
                for c in constructions:
                    yield c, c.relations or found

    def _phrasal(self, view: SyntaxView, i: int) -> tuple[str, ...]:
        """A verb whose particle makes it one of the lexicon's ``phrasal_verbs`` ("drove
        out", "pushed back")."""
        for k in view.children(i, "prt"):
            rel = self.lex.phrasal_verbs.get(f"{view.lemma[i]} {view.lower[k]}")
            if rel:
                return (rel,)
        return ()

    def _lexicon_relations(self, lexicon_class: str, view: SyntaxView, i: int) -> tuple[str, ...]:
        lemma = view.lemma[i]
        if lexicon_class == "verbs":
            adjective = view.pos[i] in ("ADJ", "PROPN") and view.role[i] in CLAUSE_ROLES
            if adjective and lemma not in self.lex.verbs:
                return self._participle(view, i)  # "funded, armed and trained": "armed" as ADJ
            return self.lex.verbs.get(lemma, ()) or self._phrasal(view, i)
        if lexicon_class == "participles":
            return self._participle(view, i)
        if lexicon_class == "agent_holders":  # "the chief financier of X"
            rel, role = self.lex.holder_nouns.get(lemma, ("", ""))
            return (rel,) if role == "agent_holder" else ()
        return act_relations(self.lex, view, i)

    def _participle(self, view: SyntaxView, i: int) -> tuple[str, ...]:
        rel = self.lex.participles.get(view.lower[i].rsplit("-", 1)[-1])
        return (rel,) if rel else ()


def _as_seat(ref: ActorRef) -> ActorRef:
    return replace(ref, kind="seat") if ref.kind == "place" else ref


def _fits(c: Construction, view: SyntaxView, i: int) -> bool:
    t = c.trigger
    if t.pos and view.pos[i] not in t.pos:
        return False
    if (t.roles and view.role[i] not in t.roles) or view.role[i] in t.not_roles:
        return False
    return t.voice == "any" or (t.voice == "passive") == view.is_passive(i)


def act_relations(lex: Lexicon, view: SyntaxView, i: int) -> tuple[str, ...]:
    """The relations an act noun names, read with its modifier first ("lethal aid" arms,
    where "aid" alone supports)."""
    lemma = view.lemma[i]
    phrases = [  # "arms supplies": the modifier as written or as its lemma
        lex.act_nouns.get(f"{word} {lemma}", ())
        for k in view.kids[i]
        if view.role[k] in ("compound", "amod")
        for word in (view.lemma[k], view.lower[k])
    ]
    found = next((p for p in phrases if p), None) or lex.act_nouns.get(lemma, ())
    if any(r in lex.words("cued_noun_relations") for r in found) and not any(
        view.lemma[k] in lex.symmetric_cues for k in [*view.kids[i], view.head[i]]
    ):  # "operations against X" are no joint operations
        found = tuple(r for r in found if r not in lex.words("cued_noun_relations"))
    return found


class _Reader:
    """Walks paths and reads actors in one sentence."""

    def __init__(
        self,
        view: SyntaxView,
        tokens: dict[int, ActorRef],
        fused: dict[int, list[ActorRef]],
        lex: Lexicon,
    ) -> None:
        self.view, self.tokens, self.fused, self.lex = view, tokens, fused, lex
        self.trigger = -1  # the trigger being read
        self.decided: set[int] | None = None  # triggers whose parties the parse settles

    def settles(self, c: Construction, i: int, agents: bool) -> bool:
        """Whether the parse settles who the parties of a trigger are, claim or not: an
        actor as agent and some phrase where the patient stands ("Saudi Arabia leads *a
        coalition*": no actor led). A guess by word order would only undo it. (A trigger
        without an actor as agent settles nothing: measured, the window reader's guesses
        there were as often right as wrong.)"""
        if c.pairwise:
            return agents
        return agents and any(self._walk(path, i) for path in c.patient)

    def read(self, c: Construction, i: int, rels: tuple[str, ...]) -> Iterator[Match]:
        self.trigger = i
        if c.require and not any(self._walk(path, i) for path in c.require):
            return
        if c.relation_from:
            rels = self._relations_from(c, i)
        if not rels:
            return  # no relation to read: the parties need not be walked
        agents = [_as_seat(a) if c.seats else a for a, _ in self._actors(c.agent, i)]
        if c.pairwise:
            pairs = [(a, b, None) for a, b in combinations(agents, 2)]
        else:
            patients = self._actors(c.patient, i) if agents else []
            if c.seats:  # the capital an envoy leaves is its state's seat, not a mere place
                patients = [(_as_seat(p), m) for p, m in patients]
            pairs = [(a, p, m) for a in agents for p, m in patients]
        if self.decided is not None and self.settles(c, i, bool(agents)):
            self.decided.add(i)
        if not pairs:
            return  # most readings find no parties: no relation can give a match
        for rel in rels:
            found = list(self._pairs_read(c, i, rel, pairs))
            yield from found
            if c.joint_agents and not (c.pairwise or c.both_ways):
                yield from self._joint(c, i, rel, found)

    def _pairs_read(
        self, c: Construction, i: int, rel: str, pairs: list[tuple[ActorRef, ActorRef, str | None]]
    ) -> Iterator[Match]:
        for agent, patient, marker in pairs:
            fits = not c.family_markers or self._fits_marker(rel, marker)
            if agent.actor == patient.actor or not fits or self._place(patient, marker):
                continue
            if c.patient_types and (patient.actor_type not in c.patient_types or patient.is_person):
                continue
            if marker in self.lex.words("recipient_markers") and rel in self.lex.words(
                "transfer_relations"
            ):  # "supplied drones to Moscow": a capital receiving goods is its state
                patient = _as_seat(patient)
            yield Match(c.name, c.exclusive, i, rel, agent, patient, c.exclusive_parties)
            if c.both_ways and not relation(rel).symmetric:
                yield Match(c.name, c.exclusive, i, rel, patient, agent, c.exclusive_parties)

    def _joint(self, c: Construction, i: int, rel: str, found: list[Match]) -> Iterator[Match]:
        """Two agents of one act against the same side act together ("the U.S. and
        Britain struck the Houthis": they fight alongside), as the lexicon's
        ``joint_agents`` says for the relation."""
        joint = self.lex.joint_agents.get(rel)
        if joint is None:
            return
        agents: dict[str, ActorRef] = {}
        for m in found:
            agents.setdefault(m.agent.actor, m.agent)
        for a, b in combinations(agents.values(), 2):
            yield Match(c.name, c.exclusive, i, joint, a, b)

    def _relations_from(self, c: Construction, i: int) -> tuple[str, ...]:
        for path in c.relation_from:  # "X обеспечил Y ракетами", the noun hung on Y or not
            nodes = self._walk(path, i)
            nodes += [k for n in nodes for k in self.view.children(n, "conj")]
            found = tuple(r for n in nodes for r in act_relations(self.lex, self.view, n))
            if found:
                return tuple(dict.fromkeys(found))
        return ()

    def _actors(
        self, paths: tuple[tuple[Step, ...], ...], i: int
    ) -> list[tuple[ActorRef, str | None]]:
        """The actors the paths reach, each with the marker of the phrase it stands in."""
        found: list[tuple[ActorRef, str | None]] = []
        seen: set[tuple[str, int]] = set()
        for path in paths:
            for node in self._walk(path, i):
                last = path[-1] if path else None  # a marker the construction names is its own
                chosen = last is not None and last.kind == "down" and not last.values
                marker = self.view.marker[node] if chosen else None
                for ref in self.referents(node):
                    if (ref.actor, ref.start) not in seen:
                        seen.add((ref.actor, ref.start))
                        found.append((ref, marker))
        return found

    def _walk(self, path: tuple[Step, ...], i: int) -> list[int]:
        """The nodes a path reaches from the trigger."""
        nodes = [i]
        for step in path:
            nodes = self._step(step, nodes, i)
            if not nodes:  # every step maps nodes to nodes: none lead nowhere
                break
        return nodes

    def _place(self, ref: ActorRef, marker: str | None) -> bool:
        """A capital after a marker of place is where something happens, not a party
        ("a reçu une délégation *à Doha*"), though the same marker brings a recipient
        ("a livré des armes *au Hezbollah*"): ``place_markers`` of the lexicon."""
        places = self.lex.sets.get("place_markers", frozenset())
        return ref.kind == "metonym" and marker is not None and marker in places

    def _fits_marker(self, rel: str, marker: str | None) -> bool:
        """A party after a preposition must fit the relation's family: help goes "to"
        someone, an attack "against" them (``family_preps`` in the lexicon)."""
        return marker is None or marker in self.lex.family_preps[relation(rel).family]

    # -- steps -----------------------------------------------------------------------

    def _step(self, step: Step, nodes: list[int], trigger: int) -> list[int]:
        v = self.view
        if step.kind == "arg":
            return [k for n in nodes for k in self._argument(step.name, n, trigger)]
        if step.kind == "up":
            return [
                v.head[n]
                for n in nodes
                if v.head[n] != n
                and (not step.name or v.role[n] == step.name)
                and self._marked(step, n)
            ]
        if step.kind == "down":
            return [k for n in nodes for k in v.children(n, step.name) if self._marked(step, k)]
        if step.kind == "unnamed":  # "an attack", not "an Iranian attack"
            return [n for n in nodes if not self._named(n)]
        if step.kind == "lacks":  # "[no=amod]": a modifier shared only where none of its own
            return [  # "[no=nmod:with]": no such phrase with that marker
                n for n in nodes if not any(self._marked(step, k) for k in v.children(n, step.name))
            ]
        return [n for n in nodes if self._keeps(step, n)]

    def _named(self, n: int) -> bool:
        """Whether a noun's own modifiers name an actor: its author ("Iran's attack", "an
        Iranian attack", "the attack by Hamas")."""
        v, by = self.view, self.lex.words("agent_preps")
        return any(
            k in self.tokens
            for k in v.kids[n]
            if v.role[k] in ("amod", "compound", "poss") or v.marker[k] in by
        )

    def _marked(self, step: Step, n: int) -> bool:
        if step.wordlist:
            return (self.view.marker[n] or "") in self.lex.words(step.wordlist)
        return not step.values or self.view.marker[n] in step.values

    def _keeps(self, step: Step, n: int) -> bool:
        attr = {"lemma": self.view.lemma, "pos": self.view.pos, "lower": self.view.lower}
        value = attr[step.name][n]
        if step.wordlist:
            return value in self.lex.words(step.wordlist)
        return value in step.values

    def _argument(self, name: str, n: int, trigger: int) -> list[int]:
        if name == "subj":
            return self.subjects(n)
        if name == "obj":
            return self.objects(n)
        if name == "agent":
            return self.by_agents(n)
        if name == "self":
            return [n]
        if name == "next":
            return self.next_phrase(n)
        if name in ("left", "right"):
            return self.listed(n, -1 if name == "left" else 1)
        if name == "after_hyphen":
            return self.after_hyphen(n)
        return self.hyphen(trigger)

    def after_hyphen(self, n: int) -> list[int]:
        """ "pro-Iranian": the actor right after the prefix and its hyphen."""
        v = self.view
        k = n + 2
        return [k] if k < v.n and v.lower[n + 1] == "-" and k in self.tokens else []

    def listed(self, n: int, step: int) -> list[int]:
        """Actors listed right before (or after) a word, by word order alone: "Syria and
        the U.S. armed al-Qaeda" when the parse lost the verb. The first word met, past a
        determiner, must name an actor."""
        v, out, k = self.view, [], n + step
        skip = ("det",)
        while 0 <= k < v.n:
            if v.role[k] in skip and k not in self.tokens:
                k += step
                continue
            if (v.marker[k] or "").split(" ")[0] in self.lex.words("source_preps"):
                break  # "According to the UN, Eritrea armed X": the source is no party
            if k in self.tokens and self.tokens[k].kind != "demonym":  # "Iraqi armed groups"
                ref = self.tokens[k]
                while 0 <= k + step < v.n and self.tokens.get(k + step) is ref:
                    k += step  # the rest of a multi-word name
                out.append(k)
                k += step
                continue
            if out and v.lower[k] in self.lex.words("list_joiners"):
                k += step
                continue
            break
        return out

    def next_phrase(self, n: int) -> list[int]:
        """The head of the noun phrase that starts right after ``n``."""
        v, k = self.view, n + 1
        if k >= v.n:
            return []
        while v.role[k] in ("compound", "amod", "flat") and v.head[k] > k:
            k = v.head[k]
        return [k]

    # -- arguments shared through coordination and control ----------------------------

    def subjects(self, n: int, depth: int = 0) -> list[int]:
        """The subject of a verb; a verb without one shares its head's when it is a
        conjunct or a controlled clause ("agreed to arm", "funded, armed and trained")."""
        v = self.view
        own = v.children(n, "subj")
        if own or depth > MAX_DEPTH or v.head[n] == n:
            return own
        if v.role[n] == "xcomp" and v.lemma[v.head[n]] in self.lex.words("accuse_verbs"):
            return v.children(v.head[n], "obj")  # "accuse X de soutenir Y": X supports
        # a pro-drop language leaves out the subject a clause shares with the verb that
        # reports it ("Иран признал, что поставлял ...": Iran supplied)
        shared_roles = SHARING_ROLES | self.lex.sets.get("pro_drop_roles", frozenset())
        if v.role[n] in shared_roles:
            shared = self.subjects(v.head[n], depth + 1)
            if not shared and v.role[n] == "conj" and not v.is_passive(n):
                # "X was not only involved in ... but also provided ...": the passive
                # verb's subject is the active conjunct's
                shared = v.children(v.head[n], "subj:pass")
            return shared
        if v.role[n] == "acl" and not v.is_passive(n):
            if v.head[v.head[n]] == n:  # a parse whose clause is its head's head (a cycle)
                return []
            if v.lemma[v.head[n]] in self.lex.words("controlling_nouns"):
                return self._noun_controller(v.head[n], depth)
            # "militias fighting the government"; "X is one of the factions fighting Y": X
            return self._set_member(v.head[n]) or [v.head[n]]
        if v.role[n] == "obl" and v.pos[n] == "VERB":
            return self._controller(n, depth)
        if v.role[n] == "nmod" and v.pos[n] == "VERB":
            return self._charged(n, depth)
        return []

    def _set_member(self, noun: int) -> list[int]:
        """The member a partitive names for its set: "X is one of several factions
        fighting Y", "X, one of five units fighting in Y", "X is the most feared of the
        groups ...": the copula's subject, or the phrase the partitive is apposed to."""
        v = self.view
        if (v.marker[noun] or "") not in self.lex.words("partitive_markers"):
            return []
        whole = v.head[noun]
        if v.role[whole] == "attr":
            return v.children(v.head[whole], "subj")
        if v.role[whole] == "appos":
            return [v.head[whole]]
        return []

    def _noun_controller(self, noun: int, depth: int) -> list[int]:
        """Who does what a noun of deciding or trying is about: "X's decision to revoke",
        "X made the decision to revoke", "X's efforts to undermine Y": the noun's owner, or
        the subject of the verb that takes the noun as its object."""
        v = self.view
        owners = v.children(noun, "poss")
        if owners:
            return owners
        if v.role[noun] == "obj":
            return self.subjects(v.head[noun], depth + 1)
        return []

    def _charged(self, n: int, depth: int) -> list[int]:
        """Who does a gerund a charge names: "allegations against X of arming Y" names
        X; "X denied allegations of arming Y" names the one who denies."""
        v, charge = self.view, self.view.head[n]
        if v.lemma[charge] not in self.lex.words("charge_nouns") or v.marker[n] != "of":
            return []
        against = [k for k in v.children(charge, "nmod") if v.marker[k] == "against"]
        if against:
            return against
        verb = v.head[charge]
        bears = v.lemma[verb] in self.lex.words("charge_bearer_verbs")
        if v.role[charge] == "obj" and bears:
            return self.subjects(verb, depth + 1)
        return []

    def _controller(self, n: int, depth: int) -> list[int]:
        """Who does a gerund after a preposition: "armed X by *sending* ..." is the
        subject's doing; "accused X of *arming* ..." the object's."""
        v, marker, head = self.view, self.view.marker[n] or "", self.view.head[n]
        objects = v.children(head, "obj")
        targets = [  # "imposed sanctions on X for arming Y": the measure's target did it
            k
            for o in objects
            if v.lemma[o] in self.lex.words("punishing_nouns")
            for k in v.children(o, "nmod")
            if (v.marker[k] or "") in self.lex.words("target_markers")
        ]
        if targets:
            return targets
        accusing = v.lemma[head] in self.lex.words("accuse_verbs") | self.lex.words(
            "punishing_verbs"
        )
        if accusing or marker in self.lex.words("object_control_markers"):  # "blamed X for"
            return objects
        if marker in self.lex.words("subject_control_markers"):
            return self.subjects(v.head[n], depth + 1)
        return []

    def objects(self, n: int) -> list[int]:
        """The object of a verb; a verb without one shares the object of the last verb
        it is coordinated with ("has funded, armed and trained the militia")."""
        v = self.view
        own = v.children(n, "obj")
        if own:
            return own
        later = [k for k in v.conjuncts(n) if k > n]
        later += [k for c in v.children(n, "advcl") for k in v.conjuncts(c) if k > n]
        for k in sorted(later, reverse=True):
            objects = v.children(k, "obj")
            if any(self.referents(o) for o in objects):
                return objects
            if objects:  # "armed and provided intelligence *to X*": the recipient is shared
                preps = self.lex.words("patient_preps")
                return [c for c in v.children(k, "obl") if (v.marker[c] or "") in preps]
        return []

    def by_agents(self, n: int) -> list[int]:
        """The "by" phrase of a passive, shared by coordinated participles."""
        v = self.view
        markers = self.lex.words("agent_markers")
        for k in [n, *(k for k in v.conjuncts(n) if k > n)]:
            found = [c for c in v.children(k, "obl") if (v.marker[c] or "") in markers]
            # the parse may hang the phrase on the verb's complement ("designated a
            # terrorist group by X")
            found = found or [
                c
                for o in v.kids[k]
                if v.role[o] in ("obj", "xobj", "attr", "obl")
                for c in v.children(o, "nmod")
                if (v.marker[c] or "") in markers
            ]
            if found:
                return found
        return []

    def hyphen(self, trigger: int) -> list[int]:
        """ "Iran-backed": the actor fused to the word, or before a hyphen token."""
        v = self.view
        if trigger in self.tokens and "-" in v.lower[trigger]:
            return [trigger]
        if trigger >= 2 and v.lower[trigger - 1] == "-" and trigger - 2 in self.tokens:
            return [trigger - 2]
        return [k for k in v.kids[trigger] if k < trigger and k in self.tokens]

    # -- what a node stands for ------------------------------------------------------

    def referents(self, n: int, depth: int = 0) -> list[ActorRef]:
        """The actors a node stands for, with its conjuncts and appositions."""
        v = self.view
        if depth > MAX_DEPTH:
            return []
        found = self._own(n, depth)
        generic = bool(found) and all(r.actor_type == COLLECTIVE for r in found)
        if (not found or generic) and v.role[n] == "appos":  # "A and B, two militias armed by X"
            head = v.head[n]
            named = self._own(head, depth) + [
                r for k in v.children(head, "conj") for r in self.referents(k, depth + 1)
            ]
            found = named or found  # "A and B, two Iraqi militias": A and B, not the militias
        if found and all(r.actor_type == COLLECTIVE for r in found):
            found = self._members_of(n, depth) or found  # "Kurdish militants of the PKK"
        for k in v.kids[n]:
            if v.role[k] in ("conj", "appos"):
                found += self.referents(k, depth + 1)
            elif v.role[k] == "nmod" and (v.marker[k] or "") in self.lex.words("example_markers"):
                found += self.referents(k, depth + 1)  # "groups such as Hamas"
        return _unique(found)

    def _members_of(self, n: int, depth: int) -> list[ActorRef]:
        """The group a collective's "of"/"from" phrase names: its members are that group's."""
        v, markers = self.view, self.lex.words("member_markers")
        return [
            r
            for k in v.kids[n]
            if v.role[k] == "nmod" and (v.marker[k] or "") in markers
            for r in self.referents(k, depth + 1)
            if r.actor_type != COLLECTIVE
        ]

    def _own(self, n: int, depth: int) -> list[ActorRef]:
        v = self.view
        if n in self.tokens:
            return [*self.fused.get(n, ()), self.tokens[n]]
        named = [
            self.tokens[k]
            for k in v.kids[n]
            if k in self.tokens
            and (
                v.role[k] == "flat"
                or (v.role[k] == "nmod" and v.marker[k] is None)
                or (v.role[k] == "appos" and self._title_of(n, k))
            )
        ]
        if named:  # "С. Лавров", "le maréchal Haftar": a name hung on its initial or title
            return named[:1]  # "NATO member Turkey": Turkey, not NATO
        lemma = v.lemma[n]
        if lemma in self.lex.words("relative_pronouns"):
            clause = v.head[n]
            if v.role[clause] == "relcl" and v.head[v.head[clause]] == clause:
                return self._listed_before(n)  # a parse hung the clause on its own object
            return self._antecedent_of(n, depth)  # "X, which Iran arms"
        if lemma in self.lex.words("quantity_nouns"):
            return [r for k in v.children(n, "nmod") for r in self.referents(k, depth + 1)]
        led = self._led_by(n) or self._loyal_to(n) or self._named_side(n)
        if led:
            return led  # "the Saudi-led coalition" acts for Saudi Arabia
        group = lemma in self.lex.words("group_nouns")
        weapon = lemma in self.lex.words("weapon_subjects") and self._strikes(n)
        if v.pos[n] != "NOUN" or not (group or weapon):
            return []
        own = self._group_of(n, lemma, depth)  # "Taliban fighters", "warplanes of X"
        if own or not group or v.role[n] != "attr" or not v.children(n, "relcl"):
            return own
        # "Turkey and Qatar are the countries that host Hamas leaders": the clause says it
        # of what the copula's subject is
        return [r for s in v.children(v.head[n], "subj") for r in self.referents(s, depth + 1)]

    def _title_of(self, n: int, name: int) -> bool:
        """Whether noun ``n`` is a bare title before the name apposed to it, with no comma
        between ("NATO member Turkey", "Gulf ally Qatar")."""
        v = self.view
        start = min(v.subtree(name))
        return n < start and all(v.role[k] != "punct" for k in range(n + 1, start))

    def _listed_before(self, n: int) -> list[ActorRef]:
        """The actors listed right before the comma that opens a relative clause ("A and
        B, which ..."), by word order, where the parse gives no antecedent."""
        if n < 1 or self.view.lower[n - 1] != ",":
            return []
        return [self.tokens[k] for k in self.listed(n - 1, -1)]

    def _strikes(self, n: int) -> bool:
        """Whether a weapon stands where the one who strikes does ("Turkish drones struck",
        "hit by Russian jets"); a weapon given or received ("received Iranian drones") is
        goods, not its maker."""
        v = self.view
        return v.role[n] in ("subj", "root") or v.agentive[n] or v.marker[n] == "by"

    def _antecedent_of(self, pronoun: int, depth: int) -> list[ActorRef]:
        """The noun a relative clause modifies, for its pronoun: the subject or object of
        the clause ("which", "who") or an owner inside it ("whose forces")."""
        v = self.view
        clause = v.head[pronoun]
        if v.role[pronoun] == "poss":
            clause = v.head[clause]  # "whose forces": the clause of the owned noun
        if v.role[clause] == "relcl":
            found = self.referents(v.head[clause], depth + 1)
            return self._person_before_place(v.head[clause], pronoun, found, depth) or found
        return []

    def _person_before_place(
        self, noun: int, pronoun: int, found: list[ActorRef], depth: int
    ) -> list[ActorRef]:
        """ "the presence of leader X in Afghanistan, whom Islamabad accuses": a personal
        relative (``personal_relatives``) hung on a place phrase stands for the person
        named before the place, not for the country."""
        v = self.view
        if v.lemma[pronoun] not in self.lex.words("personal_relatives"):
            return []
        if not found or any(r.is_person or r.actor_type != "state" for r in found):
            return []
        host = v.head[noun]
        before = [k for k in v.kids[host] if k < noun and k != pronoun] + [host]
        for k in sorted(before, reverse=True):
            people = [r for r in self.referents(k, depth + 1) if r.is_person]
            if people:
                return people
        return []

    def _led_by(self, n: int) -> list[ActorRef]:
        """ "the Saudi-led coalition", "a coalition led by X and Y": the leaders."""
        v, leading = self.view, self.lex.words("leading_participles")
        found = [
            self.tokens[a]
            for k in v.kids[n]
            if v.role[k] in ("amod", "compound")
            and v.lower[k].rsplit("-", 1)[-1] in leading
            and k != self.trigger  # "Iran-commanded units" read from "commanded" itself
            for a in self.hyphen(k)
        ]
        for k in v.children(n, "acl"):
            if v.lower[k] in leading and k != self.trigger:  # not when reading "led" itself
                found += [r for a in self.by_agents(k) for r in self.referents(a)]
        head = v.head[n]
        if (
            v.role[n] == "obj"
            and head != self.trigger
            and v.lemma[head] in self.lex.words("leading_verbs")
            and v.lemma[n] in self.lex.words("group_nouns")
        ):  # "X led a coalition that bombed Y": the coalition acts for X
            found += [r for s in v.children(head, "subj") for r in self.referents(s)]
        return found

    def _named_side(self, n: int) -> list[ActorRef]:
        """ "Russia's Iranian ally fired ...": a noun naming a side by its relation to another
        (``side_role_nouns``) stands for the side its adjective names, when another owns it."""
        v = self.view
        if v.lemma[n] not in self.lex.words("side_role_nouns") or n == self.trigger:
            return []
        if not any(k in self.tokens for k in v.children(n, "poss")):
            return []
        return [self.tokens[k] for k in v.children(n, "amod") if k in self.tokens]

    def _loyal_to(self, n: int) -> list[ActorRef]:
        """ "forces loyal to Haftar", "units answerable to the army": the side they serve
        (``loyalty_adjectives`` with their marker ``loyalty_markers``)."""
        v = self.view
        if v.lemma[n] not in self.lex.words("loyal_forces"):
            return []  # "militias loyal to Iran" are its proxies, not Iran
        return [
            r
            for k in v.children(n, "amod")
            if v.lemma[k] in self.lex.words("loyalty_adjectives")
            for o in v.children(k, "obl")
            if (v.marker[o] or "") in self.lex.words("loyalty_markers")
            for r in self.referents(o)
        ]

    def _group_of(self, n: int, lemma: str, depth: int) -> list[ActorRef]:
        """ "Taliban fighters", "Russia's forces", "members of Hamas": the group named."""
        v = self.view
        for k in sorted(v.kids[n], reverse=True):
            if v.role[k] == "poss" and v.lemma[k] in self.lex.words("relative_pronouns"):
                return self._antecedent_of(k, depth)  # "Iran, whose forces trained X"
            if k in self.tokens and (
                v.role[k] in ("compound", "amod", "poss")
                or (v.role[k] == "acl" and self.tokens[k].kind == "demonym")  # tagged a verb
            ):
                ref = self.tokens[k]
                if ref.kind == "demonym" and lemma in self.lex.words("nonstate_people"):
                    return []  # "Somali militants" are not Somalia
                if ref.kind == "pro":
                    return []  # "pro-Iranian militias" are not Iran's own
                return [ref]
        markers, seats = self.lex.words("member_markers"), self.lex.words("seat_markers")
        inside = self.lex.words("member_of_body_markers")
        found = []
        for k in v.children(n, "nmod"):
            refs = self.referents(k, depth + 1)
            if (v.marker[k] or "") in markers:
                found += refs
            elif (v.marker[k] or "") in inside:  # "an adviser in the IRGC"; "in Syria" is a place
                found += [r for r in refs if r.actor_type != "state"]
            elif (v.marker[k] or "") in seats:  # "the regime in Damascus": the state
                found += [r for r in refs if r.kind == "metonym"]
        return found or self._fired_by(n, lemma, depth) or self._held_by(n, depth)

    def _held_by(self, n: int, depth: int) -> list[ActorRef]:
        """ "facilities used by Kataib Hezbollah", "depots belonging to the PMF": the side
        that holds the place stands for it."""
        v, markers = self.view, self.lex.words("holder_markers")
        return [
            r
            for k in v.children(n, "acl")
            if v.lemma[k] in self.lex.words("holding_verbs")
            for o in v.children(k, "obl")
            if (v.marker[o] or "") in markers
            for r in self.referents(o, depth + 1)
        ]

    def _fired_by(self, n: int, lemma: str, depth: int) -> list[ActorRef]:
        """ "Missiles fired by Hezbollah", "drones claimed by the Houthis": the one who
        uses the weapon ("drones supplied by Iran" name the supplier, not the striker)."""
        v = self.view
        if lemma not in self.lex.words("weapon_subjects"):
            return []
        return [
            r
            for k in v.children(n, "acl")
            if v.lemma[k] in self.lex.words("weapon_user_verbs")
            for a in self.by_agents(k)
            for r in self.referents(a, depth + 1)
        ]


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    seen, out = set(), []
    for r in refs:
        if (r.actor, r.start) not in seen:
            seen.add((r.actor, r.start))
            out.append(r)
    return out
