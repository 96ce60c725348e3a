"""Who does what to whom in one parsed sentence.

Given the tokens that stand for actors, find for a trigger word its agents (who acts)
and patients (who is acted on), following the dependency parse: subjects and objects
of verbs, possessors and prepositions of nouns, the holder of a role noun ("X is Iran's
proxy"), coordination, apposition, passives and the subjects that infinitives and
gerunds share with their governing verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from proxygraph.extract.lexicon import Lexicon
from proxygraph.extract.mentions import COLLECTIVE, ActorRef

SUBJECTS = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "dative", "oprd", "obj", "iobj"}
CLIMB_SAME_SUBJECT = {"xcomp", "conj", "advcl", "pcomp", "ccomp_skip"}
# "by arming", "refrained from categorising": the gerund's subject is the verb's.
SUBJECT_CONTROL_PREPS = {"by", "in", "while", "after", "before", "through", "without", "from"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom", "whose"}


class Roles:
    def __init__(self, tokens: dict[int, ActorRef], lexicon: Lexicon) -> None:
        self.tokens = tokens  # token index -> the actor it stands for
        self.lex = lexicon
        self.group_nouns = lexicon.words("group_nouns")

    # -- what a noun phrase refers to -------------------------------------------------

    def referents(self, tok: Token, depth: int = 0) -> list[ActorRef]:
        """The actors a noun phrase headed by ``tok`` stands for (with its conjuncts)."""
        if depth > 6:
            return []
        found = self._own(tok)
        if not found and tok.dep_ == "appos" and depth == 0:
            found = self._own(tok.head)  # "X, an Iraqi militia armed by Iran": X
        if not found and tok.dep_ == "attr" and tok.head.lemma_ == "be" and depth == 0:
            found = [r for c in tok.head.children if c.dep_ == "nsubj" for r in self._own(c)]
            # "X is an Iran-backed militia": X
        for child in tok.children:
            if child.dep_ in ("conj", "appos"):
                found += self.referents(child, depth + 1)
            elif child.dep_ == "prep" and child.lower_ in ("in", "from"):  # "A in X, B in Y"
                found += [
                    r
                    for o in child.children
                    if o.dep_ == "pobj"
                    for c in o.children
                    if c.dep_ == "conj"
                    for r in self.referents(c, depth + 1)
                ]
            elif child.dep_ == "prep" and child.lower_ == "along":  # "X, along with Y"
                found += [
                    r
                    for w in child.children
                    for o in w.children
                    if o.dep_ == "pobj"
                    for r in self.referents(o, depth + 1)
                ]
            elif child.dep_ == "prep" and (
                child.lower_ in ("including", "like")
                or (child.lower_ == "as" and any(c.lower_ == "such" for c in child.children))
            ):  # "groups such as Hezbollah and the Taliban"
                found += [
                    r
                    for o in child.subtree
                    if o.dep_ == "pobj"
                    for r in self.referents(o, depth + 1)
                ]
        return _unique(found)

    def after(
        self, tok: Token, preps: set[str] | frozenset[str], within: bool = False
    ) -> list[ActorRef]:
        """The actors named after one of ``preps`` attached to ``tok`` (anywhere below it
        when ``within``): "support from Iran", "fought alongside Hezbollah"."""
        heads = tok.subtree if within else tok.children
        return [
            r
            for c in heads
            if c.dep_ in ("prep", "dative") and c.lower_ in preps
            for o in c.children
            if o.dep_ == "pobj"
            for r in self.referents(o)
        ]

    def _own(self, tok: Token) -> list[ActorRef]:
        if tok.i in self.tokens:
            ref = self.tokens[tok.i]
            if ref.actor_type == COLLECTIVE:  # "Kurdish militants of the PKK": the PKK's
                members = [r for r in self._members_of(tok) if r.actor_type != COLLECTIVE]
                return members or [ref]
            return [ref]
        if (
            tok.lower_ in ("which", "whom", "that")
            and tok.head.dep_ == "relcl"
            and tok.dep_ in ("dobj", "pobj", "nsubjpass")
        ):
            return self._relative_head(tok.head)  # "the government, which Saudi Arabia supports"
        if tok.lower_ == "whose":  # "the STC, whose fighters were trained by the UAE"
            clause = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
            return self.referents(clause.head) if clause is not None else []
        lemma = tok.lemma_.lower()
        if lemma in self.lex.words("quantity_nouns"):  # "scores of Houthi targets"
            return self.after(tok, {"of"})
        if (
            lemma in self.lex.act_nouns or lemma in self.lex.holder_nouns
        ) and lemma not in self.group_nouns:
            return []  # "Russian weapons" are not Russia; the trigger handles them
        if tok.pos_ not in ("NOUN", "PROPN") or (
            tok.pos_ == "NOUN" and lemma not in self.group_nouns
        ):
            return []  # "an Afghanistan expert" is not Afghanistan
        if _bare_title(tok):
            return []  # "NATO member Turkey": the apposed name acts, not the title's NATO
        # "Taliban fighters", "Russia's government", "members of Hamas", "Houthi targets";
        # the nearest modifier names the group ("Afghanistan's Taliban government").
        for child in sorted(tok.children, key=lambda c: -c.i):
            if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i in self.tokens:
                ref = self.tokens[child.i]
                if ref.kind == "demonym" and (
                    lemma in self.lex.words("nonstate_people") or tok.pos_ != "NOUN"
                ):
                    return []  # "Somali militants" are not Somalia
                return [ref] + [
                    r for c in child.conjuncts for r in self._own(c)
                ]  # "US and British forces"
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in self.lex.words("member_markers"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self.referents(obj)
            if child.dep_ == "prep" and child.lower_ in self.lex.words("seat_markers"):
                return self._seat(child)
        return []

    def _members_of(self, tok: Token) -> list[ActorRef]:
        """The actors of a noun's "of"/"from" phrase ("members of Hamas")."""
        return [
            r
            for child in tok.children
            if child.dep_ == "prep" and child.lower_ in self.lex.words("member_markers")
            for obj in child.children
            if obj.dep_ == "pobj"
            for r in self.referents(obj)
        ]

    def _seat(self, prep: Token) -> list[ActorRef]:
        """ "the regime in Damascus": a capital the resolver read as its government (a
        metonym, not a place) stands for the state the regime is."""
        objs = [o for o in prep.children if o.dep_ == "pobj"]
        return [r for o in objs for r in self.referents(o) if r.kind == "metonym"]

    def phrase_actors(self, tok: Token) -> list[ActorRef]:
        """Actors inside a noun phrase's own modifiers (not its clauses)."""
        found = []
        for child in tok.children:
            if (
                child.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod")
                and child.i in self.tokens
            ):
                found.append(self.tokens[child.i])
        return found

    # -- verbs -------------------------------------------------------------------------

    def verb_agents(self, verb: Token, depth: int = 0) -> list[ActorRef]:
        if depth > 4:
            return []
        if self.is_passive(verb):
            return self._by_agents(verb)
        for child in self._with_auxiliaries(verb):
            if child.dep_ in SUBJECTS:
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return self._relative_head(verb)
                return self.referents(child) or self._weapon_owner(child)
        return self._inherited_agents(verb, depth)

    def _weapon_owner(self, subject: Token) -> list[ActorRef]:
        """ "Turkish drones struck", "Moscow's contact grants legitimacy": whoever owns
        the weapon or the act is the one who acts."""
        lemma = subject.lemma_.lower()
        if lemma in self.lex.act_nouns:
            return self.noun_agents(subject)
        if lemma not in self.lex.words("weapon_subjects"):
            return []
        return [r for r in self.phrase_actors(subject) if r.kind not in ("place", "anti")]

    def _with_auxiliaries(self, verb: Token) -> list[Token]:
        """A verb's children, and its auxiliaries' (quotes around an adverb split them)."""
        children = list(verb.children)
        for aux in [c for c in children if c.dep_ in ("aux", "auxpass")]:
            children += list(aux.children)
        return children

    def _relative_head(self, verb: Token) -> list[ActorRef]:
        """ "Kabulov, an expert who held talks": the relative's noun, or what it describes
        ("the SNA, a coalition of groups that Ankara trained": the SNA)."""
        head = verb.head
        found = self._person_before_place(verb, self.referents(head))
        if not found and head.dep_ == "pobj" and head.head.lower_ == "of":
            head = head.head.head
            found = self.referents(head)
        if not found and head.dep_ == "appos":
            found = self.referents(head.head)
        before = verb.left_edge.i - 1
        if not found and before >= 0 and verb.doc[before].pos_ in ("NOUN", "PROPN"):
            found = self.referents(verb.doc[before])  # "the government it once supported"
        return found

    def _person_before_place(self, clause: Token, found: list[ActorRef]) -> list[ActorRef]:
        """ "leader X in Afghanistan, whom Islamabad accuses": a personal relative hung on
        a country stands for the person named before it (``personal_relatives``)."""
        personal = self.lex.words("personal_relatives")
        if not any(c.lower_ in personal for c in clause.children):
            return found
        if not found or any(r.is_person or r.actor_type != "state" for r in found):
            return found
        place = clause.head
        host = place.head.head if place.head.dep_ == "prep" else place.head
        before = [t for t in host.subtree if t.i < place.i and t.i in self.tokens]
        people = [self.tokens[t.i] for t in before if self.tokens[t.i].is_person]
        return people[-1:] or found

    def _inherited_agents(self, verb: Token, depth: int) -> list[ActorRef]:
        """Subject of a verb with none of its own: the relative's noun or the governing verb's."""
        head = verb.head
        if verb.dep_ == "relcl":
            return self._relative_head(verb)
        if verb.dep_ == "acl" and verb.tag_ == "VBG":  # "groups fighting ISIS"
            return self.referents(head)
        if (
            verb.dep_ == "acl" and verb.tag_ == "VB"
        ):  # "Russia's effort to bolster", "took the decision to remove"
            owners = self.noun_agents(head)
            if owners or head.head.pos_ not in ("VERB", "AUX"):
                return owners
            return self.verb_agents(head.head, depth + 1)
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            governor = head.head
            if governor.pos_ not in ("VERB", "AUX"):
                return []
            controllers = [c for c in governor.children if c.dep_ == "dobj"] or (
                [c for c in governor.children if c.dep_ == "nsubjpass"]
            )  # "X was accused of arming"
            if controllers:  # "accused Moscow of arming", "kept Moscow from engaging"
                return self.referents(controllers[0])
            if head.lower_ in (
                "by",
                "in",
                "while",
                "after",
                "before",
                "through",
                "without",
                "from",
            ):
                return self.verb_agents(governor, depth + 1)  # "by arming X": who arms
            return []
        if verb.dep_ == "xcomp":
            objects = [c for c in head.children if c.dep_ in ("dobj",)]
            if objects and head.lemma_ not in ("want", "try", "seek", "need", "plan"):
                return self.referents(objects[0])  # object control: "helped X fight"
        if verb.dep_ == "advcl" and verb.tag_ == "VB" and head.pos_ == "VERB":
            # "recruited fighters from the SNA to fight for Azerbaijan": the fighters fight
            people = self.group_nouns | self.lex.words("quantity_nouns")
            recruits = [
                r
                for c in head.children
                if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() in people
                for r in self.referents(c)
            ]
            if recruits:
                return recruits
        if verb.dep_ in ("xcomp", "advcl") and self.is_passive(head) and not self._by_agents(head):
            # "fighters were deployed to support Haftar": the ones deployed support him
            sent = [c for c in head.children if c.dep_ in PASSIVE_SUBJECTS]
            found = [r for c in sent for r in self.referents(c) or self._weapon_owner(c)]
            if found:
                return found
        if verb.dep_ == "conj" and self.is_passive(head):
            # "X is funded by Iran and has claimed attacks": the active conjunct's subject
            # is the passive's subject, not its "by" phrase
            return [
                r for c in head.children if c.dep_ in PASSIVE_SUBJECTS for r in self.referents(c)
            ]
        if verb.dep_ in ("xcomp", "conj", "advcl") and head.pos_ in ("VERB", "AUX"):
            return self.verb_agents(head, depth + 1)
        return []

    def purpose_objects(self, verb: Token) -> list[ActorRef]:
        """ "sent drones to defend the government": who the purpose clause helps."""
        helping = self.lex.verbs
        return [
            r
            for clause in verb.children
            if clause.dep_ in ("xcomp", "advcl")
            and clause.tag_ == "VB"
            and "SUPPORTS" in helping.get(clause.lemma_.lower(), ())
            for r in self.verb_objects(clause)
        ]

    def _by_agents(self, verb: Token) -> list[ActorRef]:
        """The "by"-phrase, shared by conjoined participles ("armed and funded by Iran")."""
        for candidate in (verb, *verb.conjuncts):
            for child in candidate.children:
                if child.dep_ == "agent":
                    return [
                        r
                        for obj in child.children
                        if obj.dep_ == "pobj"
                        for r in self.referents(obj)
                    ]
        return []

    def is_passive(self, verb: Token) -> bool:
        if any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass", "agent") for c in verb.children):
            return True
        return (
            verb.tag_ == "VBN"
            and verb.dep_ in ("acl", "amod", "conj")
            and not any(c.dep_ in SUBJECTS for c in verb.children)
            and not any(c.dep_ == "aux" for c in verb.children)  # "and has claimed": perfect
        )

    def verb_patients(self, verb: Token, family: str | None = None) -> list[ActorRef]:
        if (
            verb.dep_ == "relcl"
            and not [c for c in verb.children if c.dep_ in OBJECTS]
            and any(c.dep_ in SUBJECTS and c.lower_ not in RELATIVE_PRONOUNS for c in verb.children)
        ):
            return self._relative_head(verb)  # "the coalition (that) Turkey sponsors"
        if (
            verb.dep_ == "conj"
            and verb.head.dep_ == "relcl"
            and not [c for c in verb.children if c.dep_ in OBJECTS]
        ):
            return self.verb_patients(verb.head)  # "that Ankara trained, paid and equipped"
        if self.is_passive(verb):
            found = [
                r for c in verb.children if c.dep_ in PASSIVE_SUBJECTS for r in self.referents(c)
            ]
            if not found and verb.dep_ in ("acl", "relcl", "amod"):
                # "the army, led by X, and the RSF": the army only, not its conjuncts
                head = verb.head
                found = (
                    self._own(head) or (self._own(head.head) if head.dep_ == "appos" else [])
                    if verb.dep_ == "acl"
                    else self.referents(head)
                )
            if not found and verb.dep_ == "conj":
                found = self.verb_patients(verb.head) if verb.head.pos_ == "VERB" else []
            return found + self._prep_patients(verb, family)
        return self.verb_objects(verb, family)

    def verb_objects(
        self, verb: Token, family: str | None = None, direct: bool = True
    ) -> list[ActorRef]:
        found = self._own_objects(verb, family, direct)
        has_object = any(c.dep_ in OBJECTS for c in verb.children)
        if not found and not has_object:  # "is supporting and even supplying arms to X"
            for sibling in [*verb.conjuncts]:
                if sibling.pos_ == "VERB":
                    found = self._own_objects(sibling, family, direct)
                    if found:
                        break
        return found

    def _own_objects(self, verb: Token, family: str | None, direct: bool) -> list[ActorRef]:
        found = []
        direct = direct and verb.lemma_.lower() not in self.lex.words("prep_only_verbs")
        for child in verb.children:
            if child.dep_ in OBJECTS and (direct or child.dep_ == "dative"):
                found += self.referents(child)
        return _unique(found + self._prep_patients(verb, family))

    def _prep_patients(self, verb: Token, family: str | None = None) -> list[ActorRef]:
        preps = self.lex.words("patient_preps")
        if family is not None:
            preps = preps & self.lex.family_preps[family]
        found = []
        for child in verb.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in preps:
                found += [
                    r for obj in child.children if obj.dep_ == "pobj" for r in self.referents(obj)
                ]
            if child.dep_ == "prt":  # "prop up X", "fight back against"
                found += self._prep_patients(child, family)
        return found

    # -- nouns -------------------------------------------------------------------------

    def noun_agents(self, noun: Token) -> list[ActorRef]:
        found: list[ActorRef] = []
        for acl in (c for c in noun.children if c.dep_ == "acl"):  # "weapons flowing from Russia"
            found += [
                r
                for p in acl.children
                if p.dep_ == "prep" and p.lower_ in ("from", "by")
                for o in p.children
                if o.dep_ == "pobj"
                for r in self.referents(o)
            ]
        possessed = noun.lemma_.lower() in self.lex.words("poss_is_patient")
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "nmod") and possessed:
                continue  # "the Taliban's legitimacy", "the Hamas office": given to them
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in self.tokens:
                ref = self.tokens[child.i]
                if (
                    ref.kind == "metonym"
                    and child.dep_ == "compound"
                    and _is_attack(noun, self.lex)
                ):
                    continue  # "the Moscow attack" happened in Moscow
                found.append(ref)
            elif child.dep_ == "amod" and child.lower_ in self.lex.participles:
                found += self.phrase_actors(child)
            elif child.dep_ == "prep" and child.lower_ in self.lex.words("agent_preps"):
                found += [
                    r for obj in child.children if obj.dep_ == "pobj" for r in self.referents(obj)
                ]
        return _unique(self._without_posting(noun, found))

    def _without_posting(self, noun: Token, found: list[ActorRef]) -> list[ActorRef]:
        """ "Iran's UN envoy": an envoy owned by a state serves it; the body named beside
        it is where the envoy is posted, not what the envoy belongs to."""
        if noun.lemma_.lower() not in self.lex.words("envoy_people"):
            return found
        owners = [
            self.tokens[c.i] for c in noun.children if c.dep_ == "poss" and c.i in self.tokens
        ]
        if not any(o.actor_type == "state" for o in owners):
            return found
        posted = {
            self.tokens[c.i].actor
            for c in noun.children
            if c.dep_ == "compound" and c.i in self.tokens and self.tokens[c.i].actor_type == "igo"
        }
        return [r for r in found if r.actor not in posted]

    def noun_patients(self, noun: Token, family: str | None = None) -> list[ActorRef]:
        preps = self.lex.words("noun_patient_preps")
        if family is not None:
            preps = preps & self.lex.family_preps[family]
        found = []
        if noun.lemma_.lower() in self.lex.words("poss_is_patient"):
            found += [
                self.tokens[c.i]
                for c in noun.children
                if c.dep_ in ("poss", "compound", "nmod") and c.i in self.tokens
            ]
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                found += [
                    r for obj in child.children if obj.dep_ == "pobj" for r in self.referents(obj)
                ]
            if child.dep_ == "acl":  # "weapons bound for the Houthis", "support given to X"
                found += self._prep_patients(child)
            if (
                child.dep_ in ("relcl", "acl")
                and family == "conflict"
                and ("ATTACKS" in self.lex.verbs.get(child.lemma_.lower(), ()))
            ):  # "the strike that killed Muhandis"
                found += [r for o in child.children if o.dep_ == "dobj" for r in self.referents(o)]
        return _unique(found)

    def holder(self, noun: Token) -> list[ActorRef]:
        """The party a role noun describes: "X is a proxy", "X, a proxy", "seen as a proxy"."""
        head = noun.head
        if noun.dep_ in ("attr", "acomp") and head.lemma_ in ("be", "become", "remain"):
            return [r for c in head.children if c.dep_ in SUBJECTS for r in self.referents(c)]
        if noun.dep_ == "appos":
            return self.referents(head)
        if noun.dep_ == "nsubj" and head.lemma_ in (
            "include",
            "comprise",
        ):  # "X's backers include Y"
            return [
                r for c in head.children if c.dep_ in ("dobj", "attr") for r in self.referents(c)
            ]
        if noun.dep_ == "compound" and head.i in self.tokens:
            return [self.tokens[head.i]]
        if noun.dep_ == "oprd":  # "called X an ally"
            return [
                r
                for c in head.children
                if c.dep_ in ("dobj", "nsubjpass")
                for r in self.referents(c)
            ]
        if noun.dep_ == "pobj" and head.lower_ == "as":  # "seen as Iran's proxy"
            verb = head.head
            subjects = [c for c in verb.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
            if not subjects and verb.dep_ == "conj":  # "had ties to Tehran and is seen as ..."
                subjects = [c for c in verb.head.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
            if self.is_passive(verb) or not [c for c in verb.children if c.dep_ == "dobj"]:
                return [r for c in subjects for r in self.referents(c)]
            return [r for c in verb.children if c.dep_ == "dobj" for r in self.referents(c)]
        for child in noun.children:
            if child.dep_ == "appos":
                return self.referents(child)
        return []

    def counterpart(self, noun: Token) -> list[ActorRef]:
        """The other party of a role noun: "Iran's proxy", "patron of Hezbollah", "Hamas leader"."""
        found = []
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in self.tokens:
                found.append(self.tokens[child.i])
            elif child.dep_ == "prep" and child.lower_ in (
                "of",
                "to",
                "for",
                "in",
                "within",
                "from",
            ):
                found += [
                    r for obj in child.children if obj.dep_ == "pobj" for r in self.referents(obj)
                ]
        return _unique(self._without_posting(noun, found))


def _is_attack(noun: Token, lex: Lexicon) -> bool:
    return "ATTACKS" in lex.act_nouns.get(noun.lemma_.lower(), ())


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for ref in refs:
        key = (ref.actor, ref.person)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def _bare_title(tok: Token) -> bool:
    """A noun before the name apposed to it with no comma between: a title ("NATO member
    Turkey", "Gulf ally Qatar")."""
    for name in (c for c in tok.children if c.dep_ == "appos"):
        start = name.left_edge.i
        if tok.i < start and not any(t.is_punct for t in tok.doc[tok.i + 1 : start]):
            return True
    return False
