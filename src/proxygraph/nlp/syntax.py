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

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
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

    @classmethod
    def load(cls, name: str) -> Scheme:
        path = resources.files("proxygraph.nlp").joinpath(f"data/schemes/{name}.yaml")
        try:
            raw: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ProxygraphError(Code.E050, path=f"scheme {name}", reason=str(exc)) from exc
        unknown = sorted(set(raw["roles"].values()) - ROLES)
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
        )


class SyntaxView:
    """Roles, markers and heads of one parsed sentence, whatever the parser's scheme.

    Token ``i`` keeps its words (``lower``, ``lemma``, ``pos``, ``tag``); ``head[i]``,
    ``role[i]`` and ``marker[i]`` are the normalised arc (the root is its own head).
    """

    def __init__(self, doc: Doc, scheme: Scheme) -> None:
        self.doc = doc
        self.n = len(doc)
        self.lower = [t.lower_ for t in doc]
        self.lemma = [t.lemma_.lower() for t in doc]
        self.pos = [t.pos_ for t in doc]
        self.tag = [t.tag_ for t in doc]
        marks = scheme.passive_participle
        self.participle = [
            t.tag_ in marks or bool(marks & set(str(t.morph).split("|"))) for t in doc
        ]
        self.head = [t.head.i for t in doc]
        self.role = [scheme.roles.get(t.dep_, "other") for t in doc]
        self.marker: list[str | None] = [None] * self.n
        if scheme.case_labels:
            self._rehead_prepositions(doc, scheme)
        if scheme.marked_roles:
            self._read_case_words(doc, scheme)
        self.kids: list[list[int]] = [[] for _ in range(self.n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.kids[h].append(i)

    # -- building --------------------------------------------------------------------

    def _rehead_prepositions(self, doc: Doc, scheme: Scheme) -> None:
        """ClearNLP: "armed by Iran" (armed -prep-> by -pobj-> Iran) becomes armed -obl:by->
        Iran; nested prepositions make one marker ("according to", "along with")."""
        for tok in doc:
            if tok.dep_ not in scheme.case_object_labels or tok.head.dep_ not in scheme.case_labels:
                continue
            prep, words = tok.head, [tok.head.lower_]
            while prep.head.dep_ in scheme.case_labels and prep.head is not prep:
                prep = prep.head
                words.insert(0, prep.lower_)
            host = prep.head
            for word in (tok.head, *tok.head.ancestors):  # every preposition of the chain
                if word.dep_ not in scheme.case_labels:
                    break
                self.head[word.i], self.role[word.i] = tok.i, "case"
            self.head[tok.i] = host.i
            nominal = host.pos_ in NOMINAL_HEADS
            self.role[tok.i] = "nmod" if nominal else "obl"
            self.marker[tok.i] = "by" if prep.dep_ == "agent" else " ".join(words)

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
            self.marker[tok.i] = " ".join(words) or scheme.implied_markers.get(tok.dep_)

    # -- reading ---------------------------------------------------------------------

    def children(self, i: int, role: str | None = None) -> list[int]:
        kids = self.kids[i]
        return kids if role is None else [k for k in kids if self.role[k] == role]

    def conjuncts(self, i: int) -> list[int]:
        """Every member of the coordination ``i`` belongs to, ``i`` included, in order."""
        first = i
        while self.role[first] == "conj" and self.head[first] != first:
            first = self.head[first]
        group, todo = [first], [first]
        while todo:
            for k in self.children(todo.pop(), "conj"):
                group.append(k)
                todo.append(k)
        return sorted(group)

    def subtree(self, i: int) -> list[int]:
        out, todo = [], [i]
        while todo:
            k = todo.pop()
            out.append(k)
            todo.extend(self.kids[k])
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
        return self.role[i] == "acl" and self.participle[i]

    def is_question(self) -> bool:
        return any(self.lower[k] == "?" for k in range(self.n))

    def text(self, i: int) -> str:
        return self.doc[i].text
