"""A parser-neutral view of one parsed sentence.

Parsers label dependencies in their own schemes: spaCy's English models in ClearNLP
("prep" + "pobj", "nsubjpass", "dobj"), the French and Russian ones in Universal
Dependencies ("obl" with a "case" word, "nsubj:pass", "obj"). Constructions speak of
roles: subj, subj:pass, obj, iobj, obl and nmod with their marker ("by", "to", "on"),
poss, amod, compound, appos, conj, relcl, acl, xcomp... The view maps a parse to those
roles with a scheme table (``data/schemes/<name>.yaml``), re-heading a preposition's
object onto what the preposition attaches to, so that "armed by Iran" reads the same
in every scheme: Iran is an ``obl`` of "armed" with the marker "by".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc

from proxygraph.errors import Code, ProxygraphError

ROLES = frozenset(
    [
        "root",
        "subj",
        "subj:pass",
        "expl",
        "obj",
        "iobj",
        "xobj",
        "attr",
        "acomp",
        "obl",
        "nmod",
        "poss",
        "amod",
        "compound",
        "npadvmod",
        "flat",
        "fixed",
        "conj",
        "cc",
        "appos",
        "relcl",
        "acl",
        "xcomp",
        "ccomp",
        "advcl",
        "neg",
        "aux",
        "aux:pass",
        "cop",
        "det",
        "case",
        "mark",
        "prt",
        "advmod",
        "nummod",
        "punct",
        "parataxis",
        "other",
    ]
)
NOMINAL_HEADS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", "SYM"})
# Roles of a clause whose verb, a bare participle, may be a misread reduced relative.
BARE_CLAUSE_ROLES = frozenset({"root", "conj", "ccomp", "advcl", "parataxis", "relcl"})


@dataclass(frozen=True)
class Scheme:
    """How one parser's labels map onto the view's roles."""

    name: str
    roles: dict[str, str]
    case_labels: frozenset[str]  # ClearNLP: prepositions heading their object
    case_object_labels: frozenset[str]
    marked_roles: frozenset[str]  # UD: roles that take a marker from their case words
    implied_markers: dict[str, str]
    passive_participle: frozenset[str]  # fine tags or morph features of one
    agent_labels: frozenset[str]  # labels of a passive's agent (or of its preposition)
    # Russian: a bare oblique's case is its marker ("поставлял хуситам", dative)
    case_markers: dict[str, str] = field(default_factory=dict)
    # labels whose dependent is read in another role when it has no case word
    caseless_roles: dict[str, str] = field(default_factory=dict)
    # verb forms the tagger takes for nouns ("livre", "arme"), and the verb's lemma
    verb_homographs: dict[str, str] = field(default_factory=dict)
    # the case words of a misread verb's first modifier that make it the object ("des")
    partitive_words: frozenset[str] = frozenset()

    @classmethod
    def load(cls, name: str) -> Scheme:
        raw = _scheme_file(name)
        if base := raw.pop("extends", None):  # one parser's scheme on another's labels
            raw = {**_scheme_file(base), **raw}
        unknown = sorted(
            (set(raw["roles"].values()) | set((raw.get("caseless_roles") or {}).values())) - ROLES
        )
        if unknown:
            reason = f"unknown roles {unknown}"
            raise ProxygraphError(Code.E050, path=f"scheme {name}", reason=reason)
        return cls(
            name=raw["name"],
            roles=dict(raw["roles"]),
            case_labels=frozenset(raw.get("case_labels", ())),
            case_object_labels=frozenset(raw.get("case_object_labels", ())),
            marked_roles=frozenset(raw.get("marked_roles", ())),
            implied_markers=dict(raw.get("implied_markers", {})),
            passive_participle=frozenset(raw.get("passive_participle", ())),
            agent_labels=frozenset(raw.get("agent_labels", ())),
            case_markers=dict(raw.get("case_markers") or {}),
            caseless_roles=dict(raw.get("caseless_roles") or {}),
            verb_homographs=dict(raw.get("verb_homographs") or {}),
            partitive_words=frozenset(raw.get("partitive_words") or ()),
        )


def _has_any(morph: frozenset[str], feature_sets: list[frozenset[str]]) -> bool:
    return any(wanted <= morph for wanted in feature_sets)


def _scheme_file(name: str) -> dict[str, Any]:
    path = resources.files("proxygraph.nlp").joinpath(f"data/schemes/{name}.yaml")
    try:
        raw: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ProxygraphError(Code.E050, path=f"scheme {name}", reason=str(exc)) from exc
    if not isinstance(raw, dict) or "name" not in raw:
        raise ProxygraphError(Code.E050, path=f"scheme {name}", reason="no name")
    return raw


class SyntaxView:
    """Roles, markers and heads of one parsed sentence, whatever the parser's scheme.

    Token ``i`` keeps its words (``lower``, ``lemma``, ``pos``, ``tag``); ``head[i]``,
    ``role[i]`` and ``marker[i]`` are the normalised arc (the root is its own head).
    """

    def __init__(
        self, doc: Doc, scheme: Scheme, phrases: Mapping[tuple[str, ...], str] | None = None
    ) -> None:
        """``phrases``: prepositions of several words ("on behalf of"), as word tuples
        without articles, and the one marker each stands for (a language's lexicon)."""
        self.doc = doc
        self.n = n = len(doc)
        # Read from the arrays, not token by token: the view is built for every parsed
        # sentence, on the hot path.
        text = doc.vocab.strings.__getitem__  # a string from its hash
        array = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, HEAD])
        lowers, lemmas, poses, tags, deps = array[:, :5].T.tolist()  # string hashes
        self.lower = list(map(text, lowers))
        self.lemma = [word.lower() for word in map(text, lemmas)]
        self.pos = list(map(text, poses))
        self.tag = list(map(text, tags))
        self.dep = list(map(text, deps))
        offsets = array[:, 5].astype("int64").tolist()  # heads, relative to each token
        self.head = [i + d for i, d in enumerate(offsets)]
        self.participle = self._participles(doc, scheme)
        self.role = [scheme.roles.get(d, "other") for d in self.dep]
        self.marker: list[str | None] = [None] * n
        # the agents of passives, as the parser labels them ("by X")
        self.agentive = [d in scheme.agent_labels for d in self.dep]
        if scheme.case_labels:
            self._rehead_prepositions(scheme)
        if scheme.marked_roles:
            self._read_case_words(doc, scheme)
        if phrases:
            self._join_phrasal_prepositions(phrases)
        self._lift_subjects_off_auxiliaries()
        self.kids: list[list[int]] = []
        self._index_kids()
        if scheme.verb_homographs:
            self._read_misread_verbs(scheme.verb_homographs, scheme.partitive_words)
        self._read_bare_participles_as_passive()
        self._read_stray_relative_objects()
        self._read_stray_names_as_appositions()

    def _participles(self, doc: Doc, scheme: Scheme) -> list[bool]:
        marks = scheme.passive_participle
        # a mark with "=" is a set of morphological features that must all be present
        features = [frozenset(m.split("|")) for m in marks if "=" in m]
        if not features:  # fine tags only (ClearNLP's VBN): no morphology to read
            return [t in marks for t in self.tag]
        return [
            t in marks or _has_any(frozenset(str(w.morph).split("|")), features)
            for t, w in zip(self.tag, doc, strict=True)
        ]

    # -- building --------------------------------------------------------------------

    def _lift_subjects_off_auxiliaries(self) -> None:
        """ "Russia has neither armed nor funded X" parsed with Russia the subject of
        "has": an auxiliary has no subject of its own, so it is its verb's."""
        for i in range(self.n):
            aux = self.head[i]
            if self.role[i].startswith("subj") and self.role[aux] == "aux" and aux != i:
                self.head[i] = self.head[aux]

    def _rehead_prepositions(self, scheme: Scheme) -> None:
        """ClearNLP: "armed by Iran" (armed -prep-> by -pobj-> Iran) becomes armed -obl:by->
        Iran; nested prepositions make one marker ("according to", "along with")."""
        cases, dep, head = scheme.case_labels, self.dep, list(self.head)  # the parse as read
        for i in range(self.n):
            if dep[i] not in scheme.case_object_labels or dep[head[i]] not in cases:
                continue
            chain = [head[i]]  # the prepositions, innermost first
            while dep[head[chain[-1]]] in cases and head[chain[-1]] != chain[-1]:
                chain.append(head[chain[-1]])
            for prep in chain:
                self.head[prep], self.role[prep] = i, "case"
            outer = chain[-1]
            host = head[outer]
            self.head[i] = host
            self.role[i] = "nmod" if self.pos[host] in NOMINAL_HEADS else "obl"
            self.agentive[i] = dep[outer] in scheme.agent_labels
            words = " ".join(self.lower[k] for k in reversed(chain))
            self.marker[i] = "by" if dep[outer] == "agent" else words

    def _read_case_words(self, doc: Doc, scheme: Scheme) -> None:
        """UD: the marker of an oblique is its case word(s), with their fixed parts."""
        for tok in doc:
            if self.role[tok.i] not in scheme.marked_roles:
                continue
            words = [
                " ".join([c.lower_, *(f.lower_ for f in c.children if f.dep_ == "fixed")])
                for c in tok.children
                if c.dep_ == "case"
            ]
            if not words and tok.dep_ in scheme.caseless_roles:
                # a label that needs a preposition, given without one: "a financé le
                # Hezbollah" parsed with the object as a passive's agent
                self.role[tok.i] = scheme.caseless_roles[tok.dep_]
                self.agentive[tok.i] = False
                continue
            self.marker[tok.i] = (
                " ".join(words)
                or scheme.implied_markers.get(tok.dep_)
                or _case_marker(tok.morph.get("Case"), scheme.case_markers)
            )

    def _join_phrasal_prepositions(self, phrases: Mapping[tuple[str, ...], str]) -> None:
        """ "fought side by side with X", "acted on behalf of X": the parse hangs X on a
        noun of the preposition ("side", "behalf"); X becomes an oblique of what the
        whole preposition attaches to, with the phrase's one marker ("alongside")."""
        longest = max(len(p) for p in phrases)
        # each token's case words before it, gathered once: the loop below moves only
        # obliques, never a case word, so they stay as gathered
        cases_of: dict[int, list[int]] = {}
        for k, (h, r) in enumerate(zip(self.head, self.role, strict=True)):
            if r == "case" and h > k:
                cases_of.setdefault(h, []).append(k)
        for i in range(self.n):
            if self.role[i] not in ("obl", "nmod") or not self.marker[i]:
                continue
            cases = cases_of.get(i)
            if not cases:
                continue
            span = self._phrase_before(cases[0], tuple(self.marker[i].split()), phrases, longest)
            if span is None:
                continue
            start, marker = span
            inside = set(range(start, i))
            hosts = [self.head[k] for k in inside if self.head[k] not in inside | {i, *cases}]
            if not hosts:  # "such as X": the phrase hangs on its own case word; X stays put
                self.marker[i] = marker
                continue
            if len(set(hosts)) != 1 or hosts[0] == i:
                continue
            host = hosts[0]
            self.head[i], self.marker[i] = host, marker
            self.role[i] = "nmod" if self.pos[host] in NOMINAL_HEADS else "obl"

    def _phrase_before(
        self,
        case: int,
        tail: tuple[str, ...],
        phrases: Mapping[tuple[str, ...], str],
        longest: int,
    ) -> tuple[int, str] | None:
        """The longest listed phrase ending with ``tail`` (the case words at ``case``),
        articles aside: where it starts, and its marker."""
        words: list[str] = []
        found = None
        k = case - 1
        while k >= 0 and len(words) + len(tail) < longest:
            if self.role[k] == "det" and self.lower[k] in ("the", "a", "an"):
                k -= 1
                continue
            if self.lower[k] in (",", ";", ":"):
                break
            words.insert(0, self.lower[k])
            key = (*words, *tail)
            if key in phrases:
                found = (k, phrases[key])
            k -= 1
        return found

    def _index_kids(self) -> None:
        """Each word's dependents, from the heads (again after a reading moves one)."""
        self.kids = [[] for _ in range(self.n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.kids[h].append(i)

    def _read_misread_verbs(self, homographs: Mapping[str, str], partitive: frozenset[str]) -> None:
        """ "La Russie livre des armes au Mali": a small tagger reads a verb that is also
        a noun ("livre", "arme", "forme") as the noun. Such a word heading a clause, with a
        subject of its own and no copula, is the verb: it takes the verb's lemma, and its
        nominal modifiers are the verb's obliques ("au Mali"), the first one opened by a
        partitive article its object ("des armes")."""
        for i in range(self.n):
            lemma = homographs.get(self.lower[i])
            if lemma is None or self.pos[i] in ("VERB", "AUX") or self.role[i] != "root":
                continue
            roles = {self.role[k] for k in self.kids[i]}
            if "subj" not in roles or "cop" in roles:
                continue
            self.pos[i], self.lemma[i] = "VERB", lemma
            has_object = "obj" in roles
            for k in self.kids[i]:
                if self.role[k] != "nmod":
                    continue
                if not has_object and k > i and self.marker[k] in partitive:
                    self.role[k], self.marker[k], has_object = "obj", None, True
                else:
                    self.role[k] = "obl"

    def _read_bare_participles_as_passive(self) -> None:
        """ "A and B, two militias trained and funded by X": long sentences lead the parser
        to read the reduced relative as a clause, with "militias" the subject of "trained".
        A clause whose verb is a bare participle (no auxiliary, no copula) is no active
        clause: its subject is what the participle was done to, and a subject that follows
        a comma after a noun phrase is that phrase's apposition."""
        moved = False
        for i in range(self.n):
            if not self.participle[i] or self.role[i] not in BARE_CLAUSE_ROLES:
                continue
            kids = self.kids[i]
            if any(self.role[k] in ("aux", "aux:pass", "cop", "obj") for k in kids):
                continue  # (taggers also call a simple past with its object a participle)
            if not any(self.agentive[a] for c in self.conjuncts(i) for a in self.kids[c]):
                continue  # no "by" phrase: as likely a simple past the tagger misread
            for k in kids:
                if self.role[k] != "subj":
                    continue
                self.role[k] = "subj:pass"
                host = self._apposed_to(k)
                if host is not None and k < i:
                    self.head[k], self.role[k] = host, "appos"
                    self.head[i], self.role[i] = k, "acl"
                    moved = True
        if moved:
            self._index_kids()

    def _read_stray_relative_objects(self) -> None:
        """ "the Houthis, which Washington designated a terrorist group": with a second
        object in the clause the parser leaves the relative pronoun unlabelled; the pronoun
        opening a relative clause that already has its subject is the clause's object."""
        for i in range(self.n):
            clause = self.head[i]
            if (
                self.role[i] != "other"
                or self.pos[i] != "PRON"
                or self.role[clause] != "relcl"
                or i > clause
                or min(self.subtree(clause)) != i
                or not any(self.role[k] == "subj" for k in self.kids[clause])
            ):
                continue
            self.role[i] = "obj"

    def _read_stray_names_as_appositions(self) -> None:
        """ "blamed the armed wing of Hamas, the Qassam Brigades, for the raid": a name set
        off by a comma after a noun phrase, which the parser hung on the verb as a bare
        adverbial noun, is that phrase's apposition."""
        moved = False
        for k in range(self.n):
            verb = self.head[k]
            if self.role[k] != "npadvmod" or self.pos[k] != "PROPN" or verb > k:
                continue
            host = self._phrase_head_before(k)
            if host is None or host == verb or self.pos[verb] not in ("VERB", "AUX"):
                continue
            self.head[k], self.role[k] = host, "appos"
            moved = True
        if moved:
            self._index_kids()

    def _phrase_head_before(self, noun: int) -> int | None:
        """The head of the whole noun phrase that ends at the comma before ``noun``'s
        phrase ("the armed wing of Hamas, ...": wing), if a noun phrase ends there."""
        k = self._apposed_to(noun)
        if k is None:
            return None
        end = min(self.subtree(noun)) - 2  # the word before the comma
        while (
            self.head[k] != k
            and self.pos[self.head[k]] in NOMINAL_HEADS
            and max(self.subtree(self.head[k])) == end
        ):
            k = self.head[k]
        return k

    def _apposed_to(self, noun: int) -> int | None:
        """The noun phrase a comma separates ``noun``'s phrase from, if one ends there
        (its first conjunct: "A and B, two militias")."""
        start = min(self.subtree(noun))
        before = start - 1
        if before < 1 or self.lower[before] != "," or self.pos[before - 1] not in NOMINAL_HEADS:
            return None
        k = before - 1
        while self.role[k] in ("compound", "amod", "flat") and self.head[k] > k:
            k = self.head[k]
        if k >= start:
            return None
        return self.conjuncts(k)[0]

    # -- reading ---------------------------------------------------------------------

    def children(self, i: int, role: str | None = None) -> list[int]:
        kids = self.kids[i]
        return kids if role is None else [k for k in kids if self.role[k] == role]

    def conjuncts(self, i: int) -> list[int]:
        """Every member of the coordination ``i`` belongs to, ``i`` included, in order."""
        first = i
        for _ in range(self.n):  # bounded: a parse adapted from natasha may loop
            if self.role[first] != "conj" or self.head[first] == first:
                break
            first = self.head[first]
        group, todo = [first], [first]
        while todo:
            for k in self.children(todo.pop(), "conj"):
                if k in group:
                    continue  # a cycle of conjuncts
                group.append(k)
                todo.append(k)
        return sorted(group)

    def subtree(self, i: int) -> list[int]:
        out, todo = {i}, [i]
        while todo:
            for k in self.kids[todo.pop()]:
                if k not in out:  # a parse adapted from natasha may loop
                    out.add(k)
                    todo.append(k)
        return sorted(out)

    def ancestors(self, i: int) -> list[int]:
        out = []
        while self.head[i] != i and len(out) < self.n:
            i = self.head[i]
            out.append(i)
        return out

    def is_passive(self, i: int) -> bool:
        """A passive verb: a passive subject or auxiliary, or a bare participle modifying
        a noun ("weapons supplied by Iran")."""
        kids = self.kids[i]
        if any(self.role[k] in ("subj:pass", "aux:pass") for k in kids):
            return True
        if self.role[i] == "conj" and self.head[i] != i:
            # "trained, armed and funded by X": a bare participle (the tagger may call
            # it an adjective) coordinated with a passive verb shares its voice
            own = any(self.role[k] in ("subj", "aux", "obj") for k in kids)
            return not own and self.is_passive(self.head[i])
        if self.role[i] == "advcl" and not any(
            self.role[k] in ("subj", "aux", "obj") for k in kids
        ):  # "Armed and financed by Iran, the Houthis ...": a fronted bare participle
            return self.participle[i] or any(
                self.agentive[k] for c in self.conjuncts(i) for k in self.kids[c]
            )
        return self.role[i] == "acl" and self.participle[i]

    def is_question(self) -> bool:
        return any(self.lower[k] == "?" for k in range(self.n))

    def text(self, i: int) -> str:
        return self.doc[i].text


def _case_marker(cases: list[str], markers: dict[str, str]) -> str | None:
    """A bare oblique's marker from its morphological case, where the scheme names one:
    in Russian the dative is the recipient without any preposition."""
    found = [markers[c] for c in cases if c in markers]
    return found[0] if found else None
