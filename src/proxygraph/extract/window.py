"""The window reader: claims from actors and relation words near each other in one clause.

For languages whose parse the engine does not read yet, and for those with no parser at
all. Each sentence is a spaCy Doc (parsed or only tokenized); a relation word of the
language's lexicon (matched on lemmas, or on word beginnings for entries ending in "*",
after the language's proclitics) pairs the actors of its clause: the agent is the nearest
actor before it (the nominative one where the parser gives case), the patient the nearest
after it; a sentence that opens with its verb takes both from after it. A bracket
describes the name before it ("X (banned in Russia)"). Every claim is marked
``window:<lang>`` with a lower confidence than a parsed claim.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from proxygraph.actors import Catalog
from proxygraph.extract.lexicon import Lexicon
from proxygraph.extract.mentions import NOT_A_PARTY, ActorRef, place_person
from proxygraph.extract.timex import TimeWords, claim_time, sentence_year
from proxygraph.models import Claim, Document
from proxygraph.ontology import relation

CONFIDENCE = 0.5  # a parsed claim is 1.0: the window reader guesses who did what to whom
MAX_GAP = 12  # tokens between a relation word and an actor it pairs
NEGATION_REACH = 3  # tokens between a negator and the word it negates
VERB_POS = {"VERB", "AUX"}
NOUN_POS = {"NOUN", "PROPN", "ADJ", "X", "NUM"}
STATE_LIKE = {"state", "igo"}


@dataclass(frozen=True)
class Trigger:
    index: int  # the token
    relation: str
    role: str  # "verb", "act", "agent_holder", "patient_holder", "mutual_holder"


@dataclass(frozen=True)
class Placed:
    ref: ActorRef
    first: int  # token span
    last: int
    clause: int


class WindowReader:
    """Claims of one sentence, read from word order and the language's lexicon."""

    def __init__(
        self,
        doc: Document,
        lex: Lexicon,
        language: str,
        catalog: Catalog,
        parsed: bool,
        times: TimeWords | None = None,
    ) -> None:
        self.doc, self.lex, self.language, self.catalog = doc, lex, language, catalog
        self.parsed, self.times = parsed, times
        self.proclitics = sorted(lex.sets.get("proclitics", ()), key=len, reverse=True)
        self.exact, self.prefixes = _entries(lex)

    def claims(
        self,
        sent: Doc,
        start: int,
        refs: list[ActorRef],
        following: str = "",
        read: frozenset[int] = frozenset(),
    ) -> list[Claim]:
        """The sentence's claims; ``read``: trigger tokens the constructions have read, that
        the window reader leaves to them."""
        text = self.doc.text[start : start + _span_length(self.doc.text, start, sent)]
        offsets = _token_offsets(text, sent)
        clauses = self._clauses(sent)
        placed = self._place(refs, offsets, start, clauses, text)
        if len({p.ref.actor for p in placed}) < 2:
            return []
        out: list[Claim] = []
        seen: set[tuple[str, str, str, bool]] = set()
        for trigger in self._triggers(sent):
            if trigger.index in read:
                continue
            pair = self._pair(trigger, sent, placed, clauses)
            if pair is None:
                continue
            claim = self._claim(trigger, sent, pair, text, start, clauses, following)
            if claim is not None and (key := _key(claim)) not in seen:
                seen.add(key)
                out.append(claim)
        return out

    # -- where things are ---------------------------------------------------------------

    def _clauses(self, sent: Doc) -> list[int]:
        """A clause number per token. A bracketed stretch is a clause of its own, marked
        by a negative number so that it can reach the name it describes; after it the
        clause it interrupted goes on."""
        breaks = self.lex.sets.get("clause_breaks", frozenset())
        out, clause, fresh, outer = [], 0, 0, None
        for tok in sent:
            if tok.text in ("(", "[") and outer is None:
                outer, fresh = clause, fresh + 1
                clause = -fresh
            elif tok.text in (")", "]") and outer is not None:
                clause, outer = outer, None
            elif tok.text in breaks or tok.lower_ in breaks:
                fresh += 1
                clause = -fresh if outer is not None else fresh
            out.append(clause)
        return out

    def _place(
        self,
        refs: list[ActorRef],
        offsets: list[tuple[int, int]],
        start: int,
        clauses: list[int],
        text: str,
    ) -> list[Placed]:
        end = start + len(text)
        out = []
        for ref in refs:
            if ref.start < start or ref.end > end or ref.kind in NOT_A_PARTY:
                continue
            toks = [
                i
                for i, (s, e) in enumerate(offsets)
                if s < ref.end - start and e > ref.start - start
            ]
            if not toks:
                continue
            if ref.is_person:
                ref = place_person(ref, self.catalog, sentence_year(text) or self.doc.year)
            out.append(Placed(ref, toks[0], toks[-1], clauses[toks[0]]))
        return [p for p in out if not self._describes_neighbour(p, out, offsets)]

    def _describes_neighbour(
        self, placed: Placed, others: list[Placed], offsets: list[tuple[int, int]]
    ) -> bool:
        """A nationality adjective beside another name describes it ("the Yemeni
        Houthis"): it is no party of its own."""
        if placed.ref.kind != "demonym":
            return False
        return any(
            o is not placed
            and o.ref.actor != placed.ref.actor
            and (o.first == placed.last + 1 or o.last == placed.first - 1)
            for o in others
        )

    # -- relation words -----------------------------------------------------------------

    def _triggers(self, sent: Doc) -> Iterator[Trigger]:
        for tok in sent:
            for rel, role in self._lookup(tok, sent):
                if role != "agent_holder":  # "representatives of X" are X: no member claim
                    yield Trigger(tok.i, rel, role)

    def _lookup(self, tok: Token, sent: Doc) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for form in self._forms(tok):
            pair = f"{sent[tok.i - 1].lemma_.lower()} {form}" if tok.i else ""
            for key in (pair, form):
                found += [h for h in self.exact.get(key, ()) if self._fits(tok, h[1])]
            for prefix, hits in self.prefixes:
                if form.startswith(prefix):
                    found += [h for h in hits if self._fits(tok, h[1])]
            if found:
                break
        return list(dict.fromkeys(found))

    def _forms(self, tok: Token) -> list[str]:
        """The lemma, then the word without each proclitic the language writes onto it."""
        lemma = (tok.lemma_ or tok.text).lower()
        forms = [lemma]
        for clitic in self.proclitics:
            if lemma.startswith(clitic) and len(lemma) - len(clitic) >= 3:
                forms.append(lemma[len(clitic) :])
        return forms

    def _fits(self, tok: Token, role: str) -> bool:
        """Where a parser tagged the word, a verb entry needs a verb and a noun entry a
        noun: "groupes armés" is not "armer"."""
        if not self.parsed or not tok.pos_:
            return True
        return tok.pos_ in VERB_POS if role == "verb" else tok.pos_ in NOUN_POS | VERB_POS

    # -- who did what to whom -----------------------------------------------------------

    def _pair(
        self, trigger: Trigger, sent: Doc, placed: list[Placed], clauses: list[int]
    ) -> tuple[ActorRef, ActorRef] | None:
        near = self._reachable(trigger.index, placed, clauses)
        if trigger.relation == "DESIGNATES_TERRORIST":
            if trigger.role == "act" and not self._designation_verb(trigger.index, sent, clauses):
                return None  # "a terrorist attack" lists no one
            return _designation(sorted(near, key=lambda p: abs(p.first - trigger.index)))
        near = [p for p in near if not self._is_speaker(p, sent, trigger.index)]
        if self.parsed:  # "les milices armées par l'Iran ont attaqué X": Iran attacks no one
            near = [p for p in near if not _in_other_clause(sent[p.first], trigger.index)]
        if relation(trigger.relation).family != "diplomatic":  # talks go to a place
            near = [p for p in near if not self._is_place(p, sent)]
        before = sorted((p for p in near if p.last < trigger.index), key=lambda p: -p.last)
        after = sorted((p for p in near if p.first > trigger.index), key=lambda p: p.first)
        if self._between(trigger.index, sent) and len(after) >= 2:
            return after[0].ref, after[1].ref  # "talks between X and Y"
        if trigger.role == "act" and (
            owner := self._owner(trigger.index, near, sent)
            or self._genitive_owner(trigger.index, near, sent)
        ):
            rest = self._others(owner, after + before, sent)
            return (owner.ref, rest[0].ref) if rest else None  # "Iranian drones", "frappes russes"
        if trigger.role == "act" and not after:
            return None  # a noun's patient follows it ("attacks on X", "поставки России")
        if (by := self._passive_agent(sent[trigger.index], near)) is not None:
            rest = self._others(by, before + after, sent)
            if self.parsed and sent[trigger.index].dep_ == "acl":
                rest = [p for p in rest if _in_modified_phrase(p, sent[trigger.index])]
            return (by.ref, rest[0].ref) if rest else None  # "Haftar, backed by Moscow"
        subject, passive = self._parsed_subject(sent[trigger.index], near)
        if subject is not None and passive:  # the passive's subject is done to, never doer
            before = [p for p in before if p.ref.actor != subject.ref.actor]
            after = [p for p in after if p.ref.actor != subject.ref.actor]
        agent = subject if subject and not passive else self._agent(before, after, sent)
        if agent is None and relation(trigger.relation).symmetric and len(after) >= 2:
            agent = after[0]  # "cooperation between X and Y"
        if agent is None:
            return None
        rest = [p for p in after + before if p.ref.actor != agent.ref.actor]
        if not rest:
            return None
        patient = rest[0]
        recipients = [p for p in rest if _case(sent, p) == "Dat"]
        if recipients and relation(trigger.relation).family == "material":
            patient = recipients[0]  # "поставляла оружие движению «Талибан»": to whom
        if subject is not None and passive and agent.ref.actor != subject.ref.actor:
            patient = subject  # "the drones were sent to X": X received, the agent is other
        if trigger.role == "patient_holder":  # "X, Y's proxy": Y controls X
            agent, patient = patient, agent
        if self._conjoined(agent, patient, sent) and not relation(trigger.relation).symmetric:
            return None  # "X and Y struck ...": partners in one list, not agent and patient
        return agent.ref, patient.ref

    def _others(self, agent: Placed, near: list[Placed], sent: Doc) -> list[Placed]:
        """The names that may be the agent's patient: not the agent, nor its partners in
        one list ("éliminés par les FACA et les instructeurs russes")."""
        return [
            p
            for p in near
            if p.ref.actor != agent.ref.actor and not self._conjoined(agent, p, sent)
        ]

    def _conjoined(self, one: Placed, other: Placed, sent: Doc) -> bool:
        """Whether the parse coordinates the two names ("X и Y", "X et Y")."""
        if not self.parsed:
            return False
        first, second = sorted((one, other), key=lambda p: p.first)
        gap = sent[first.last + 1 : second.first]
        if any(t.pos_ == "CCONJ" for t in gap) and all(t.pos_ in LIST_GAP for t in gap):
            return True  # "des instructeurs russes et des FACA", however it was parsed
        a, b = _phrase_head(sent[one.first]), _phrase_head(sent[other.first])
        if a.i == b.i:
            return False
        return (
            (a.dep_ == "conj" and a.head.i == b.i)
            or (b.dep_ == "conj" and b.head.i == a.i)
            or (a.dep_ == b.dep_ == "conj" and a.head.i == b.head.i)  # "X, Y et Z"
        )

    def _reachable(self, index: int, placed: list[Placed], clauses: list[int]) -> list[Placed]:
        """Actors of the trigger's clause within reach; a bracket also reaches the name
        just before it."""
        clause = clauses[index]
        out = [
            p
            for p in placed
            if p.clause == clause and min(abs(p.first - index), abs(p.last - index)) <= MAX_GAP
        ]
        if clause < 0:
            opened = clauses.index(clause)
            described = [p for p in placed if p.last < opened and opened - p.last <= 3]
            out += described[-1:]
        return out

    def _is_place(self, placed: Placed, sent: Doc) -> bool:
        """In Syria, à Moscou, aus dem Libanon: where something happens, not a party."""
        if placed.ref.actor_type != "state" or _case(sent, placed) not in (None, "Loc"):
            return False  # groups are no places; "в Сирию" (Acc) is where things go
        preps = self.lex.sets.get("place_preps", frozenset())
        if placed.ref.kind == "metonym":  # a capital: "à Doha" as well as "en Libye"
            preps = preps | self.lex.sets.get("place_markers", frozenset())
        articles = self.lex.sets.get("articles", frozenset())
        i = placed.first - 1
        if i >= 0 and sent[i].lower_ in articles:
            i -= 1
        return i >= 0 and sent[i].lower_ in preps

    def _genitive_owner(self, index: int, near: list[Placed], sent: Doc) -> Placed | None:
        """Where the sentence is parsed: a bare genitive under an act noun, or a name after
        one of the language's owner prepositions, owns the act ("война России против
        Украины": Russia's war; "l'aide de la Russie")."""
        if not self.parsed:
            return None
        owners = self.lex.sets.get("owner_preps", frozenset())
        for p in near:
            tok = sent[p.first]
            for _ in range(2):  # "du président Ibrahima Traoré": the name stands in its title
                if tok.head.i == index or tok.dep_ not in ("flat", "flat:name", "appos", "nmod"):
                    break
                tok = tok.head
            if tok.head.i != index or tok.dep_ != "nmod":
                continue
            markers = [c.lower_ for c in tok.children if c.dep_ == "case"]
            genitive = "Gen" in tok.morph.get("Case")
            if (not markers and genitive) or (markers and markers[0] in owners):
                return p
        return None

    def _is_speaker(self, placed: Placed, sent: Doc, index: int) -> bool:
        """The subject of a reporting verb is the claim's source, not a party to it
        ("..., a précisé Africa Corps"), unless the relation word is its own."""
        before = placed.first - 1
        if before >= 0 and sent[before].lower_ in self.lex.sets.get("articles", frozenset()):
            before -= 1
        if (
            before >= 0
            and before != index
            and self._listed(self._forms(sent[before]), "reporting_verbs")
        ):
            return True  # "a précisé Africa Corps", "وقال الكرملين": the speaker after the verb
        if not self.parsed:
            return False
        reporting = self.lex.sets.get("reporting_verbs", frozenset())
        tok = sent[placed.first]
        for _ in range(len(sent)):  # bounded: a parse adapted from natasha may loop
            if (
                tok.dep_ not in ("flat", "flat:name", "appos", "nmod", "amod")
                or tok.head.i == tok.i
            ):
                break
            tok = tok.head
        verb = tok.head
        return (
            tok.dep_.startswith("nsubj")
            and verb.lemma_.lower() in reporting
            and not (tok.left_edge.i <= index <= tok.right_edge.i)
        )

    def _between(self, index: int, sent: Doc) -> bool:
        words = self.lex.sets.get("between_words", frozenset())
        return any(t.lower_ in words for t in sent[index + 1 : index + 5])

    def _owner(self, index: int, near: list[Placed], sent: Doc) -> Placed | None:
        """An actor named by an adjective right beside an act noun does the act."""
        for p in near:
            if min(abs(p.first - index), abs(p.last - index)) <= 1 and (
                p.ref.kind == "demonym" or (self.parsed and sent[p.first].pos_ == "ADJ")
            ):
                return p
        return None

    def _passive_agent(self, tok: Token, near: list[Placed]) -> Placed | None:
        """A passive verb or participle's agent in the instrumental ("поддерживаемому
        Москвой"), where the parser gives case and voice."""
        if not self.parsed:
            return None
        for child in tok.children:  # "éliminés par les FACA": UD's obl:agent
            if child.dep_ == "obl:agent":
                inside = [p for p in near if child.left_edge.i <= p.first <= child.right_edge.i]
                if inside:
                    return inside[0]
        passive = any(c.dep_ == "aux:pass" for c in tok.children)
        if passive and (marked := self._marked_agent(tok, near)) is not None:
            return marked  # "est soutenu depuis longtemps par le Qatar", misparsed
        if "Pass" not in tok.morph.get("Voice"):
            return None
        by = [p for p in near if _case(tok.doc, p) == "Ins" and abs(p.first - tok.i) <= 3]
        return by[0] if by else None

    def _marked_agent(self, verb: Token, near: list[Placed]) -> Placed | None:
        """The first name after a passive verb that its agent's preposition opens, within
        reach, wherever the parse hung it."""
        markers = self.lex.sets.get("agent_markers", frozenset())
        articles = self.lex.sets.get("articles", frozenset())
        for p in sorted(near, key=lambda p: p.first):
            if p.first <= verb.i or p.first - verb.i > MAX_GAP:
                continue
            k = p.first - 1
            while k > verb.i and verb.doc[k].lower_ in articles:
                k -= 1
            if k > verb.i and verb.doc[k].lower_ in markers:
                return p
        return None

    def _parsed_subject(self, tok: Token, near: list[Placed]) -> tuple[Placed | None, bool]:
        """Where the sentence is parsed: the actor inside the subject of the trigger's verb
        (climbing from a noun or an infinitive to the verb that governs it), and whether
        that subject is passive."""
        if not self.parsed:
            return None, False
        reporting = self.lex.sets.get("reporting_verbs", frozenset())
        if tok.pos_ != "VERB" and tok.dep_ not in ("obj", "nsubj:pass", "xcomp", "ROOT"):
            return None, False  # "before the war of X", a noun in an adverbial: its own
        for step in range(4):
            for child in tok.children:
                if child.dep_.startswith("nsubj"):
                    lo, hi = child.left_edge.i, child.right_edge.i
                    inside = [
                        p for p in near if lo <= p.first <= hi and not _in_clause_of(p, child)
                    ]
                    if inside:  # a governing verb's passive subject is the agent of the
                        # verb it controls ("X sont accusés de livrer des armes à Y")
                        return inside[0], child.dep_ == "nsubj:pass" and step == 0
            if tok.head is tok or tok.head.lemma_.lower() in reporting:
                break  # "X said that ...": the speaker is the source, not the agent
            tok = tok.head
        return None, False

    def _agent(self, before: list[Placed], after: list[Placed], sent: Doc) -> Placed | None:
        """The nearest actor before the word (a nominative one first, where case is known);
        a clause that opens with its verb names its agent after it."""
        nominative = [p for p in before if _case(sent, p) == "Nom"]
        if nominative:
            return nominative[0]
        for p in before:  # "предложение России ... движению": the owner of the act
            if _case(sent, p) not in ("Dat", "Loc", "Ins", "Acc"):
                return p
        if before:
            return before[0]
        verb_first = "verb_subject_object" in self.lex.sets.get("word_order", frozenset())
        return after[0] if verb_first and len(after) >= 2 else None

    # -- the claim ----------------------------------------------------------------------

    def _claim(
        self,
        trigger: Trigger,
        sent: Doc,
        pair: tuple[ActorRef, ActorRef],
        text: str,
        start: int,
        clauses: list[int],
        following: str,
    ) -> Claim | None:
        agent, patient = pair
        rel = trigger.relation
        if agent.actor == patient.actor or "person" in (agent.actor_type, patient.actor_type):
            return None
        if rel == "MEMBER_OF" and patient.actor_type in ("state", "person"):
            return None
        negated = self._negated(trigger.index, sent, clauses)
        if rel == "DESIGNATES_TERRORIST" and self._in_clause(
            trigger.index, sent, clauses, "delisting_verbs"
        ):
            negated = not negated
        own = self._own_words(trigger.index, sent)
        certainty, source = self._certainty(sent, text, following, own)
        if negated and certainty in ("reported", "denied"):
            negated, certainty = False, "denied"  # "Russia never armed them, Moscow said"
        return Claim(
            doc=self.doc.id,
            subject=agent.actor,
            relation=rel,
            object=patient.actor,
            quote=text,
            start=start,
            end=start + len(text),
            negated=negated,
            certainty=certainty,
            source=source,
            time=claim_time(text, self.doc.published, self.times),
            trigger=sent[trigger.index].text,
            subject_type=agent.actor_type,
            object_type=patient.actor_type,
            construction=f"window:{self.language}",
            extras={"confidence": CONFIDENCE},
        )

    def _designation_verb(self, index: int, sent: Doc, clauses: list[int]) -> bool:
        verbs = self.lex.sets.get("frame_verbs", frozenset()) | {
            w for w, rels in self.lex.verbs.items() if "DESIGNATES_TERRORIST" in rels
        }
        return any(
            abs(clauses[t.i]) == abs(clauses[index]) and any(f in verbs for f in self._forms(t))
            for t in sent
        )

    def _negated(self, index: int, sent: Doc, clauses: list[int]) -> bool:
        negators = self.lex.sets.get("negators", frozenset())
        lo, hi = max(0, index - NEGATION_REACH), min(len(sent), index + NEGATION_REACH + 1)
        return any(
            sent[i].lower_ in negators and clauses[i] == clauses[index] for i in range(lo, hi)
        )

    def _in_clause(self, index: int, sent: Doc, clauses: list[int], key: str) -> bool:
        words = self.lex.sets.get(key, frozenset())
        return any(
            clauses[t.i] == clauses[index] and (t.lemma_ or t.lower_).lower() in words for t in sent
        )

    def _own_words(self, index: int, sent: Doc | None = None) -> frozenset[int]:
        """The words that state the relation itself, which are no cue of certainty: the
        word, and a verb of naming that governs it ("признано *террористическим*": the
        listing is stated, not reported)."""
        if sent is None or not self.parsed:
            return frozenset({index})
        head = sent[index].head
        naming = self._listed(self._forms(head), "frame_verbs")
        return frozenset({index, head.i}) if naming else frozenset({index})

    def _certainty(
        self, sent: Doc, text: str, following: str, own: frozenset[int] = frozenset()
    ) -> tuple[str, str | None]:
        """Denied, alleged or reported by a cue anywhere in the sentence (or a "said so"
        sentence right after it) but the words of the relation itself ("признала X
        террористической": the verb that lists reports nothing); else asserted."""
        lemmas = [self._forms(t) for t in sent if t.i not in own]
        if any(self._listed(f, "denial_verbs") for f in lemmas):
            return "denied", None
        back = self.lex.sets.get("report_back_phrases", frozenset())
        if following and any(following.lower().startswith(b) for b in back):
            return "reported", None  # "... . Об этом заявила Захарова."
        if any(self._listed(f, "hedge_words") or self._listed(f, "hedge_verbs") for f in lemmas):
            return "alleged", None
        lowered = text.lower()
        phrases = self.lex.sets.get("source_phrases", frozenset())
        if any(
            self._listed(f, "reporting_verbs") or self._listed(f, "source_preps") for f in lemmas
        ):
            return "reported", None
        if any(p in lowered for p in phrases) or text.lstrip()[:1] in '«“"„':
            return "reported", None
        return "asserted", None

    def _listed(self, forms: list[str], key: str) -> bool:
        words = self.lex.sets.get(key, frozenset())
        return any(
            f in words or any(w.endswith("*") and f.startswith(w[:-1]) for w in words)
            for f in forms
        )


def _entries(
    lex: Lexicon,
) -> tuple[dict[str, list[tuple[str, str]]], list[tuple[str, list[tuple[str, str]]]]]:
    """Lexicon words as look-ups: exact lemmas (and two-word phrases), and "prefix*"."""
    words: list[tuple[str, str, str]] = []
    for lemma, rels in lex.verbs.items():
        words += [(lemma, rel, "verb") for rel in rels]
    for lemma, rels in lex.act_nouns.items():
        words += [(lemma, rel, "act") for rel in rels]
    for lemma, (rel, role) in lex.holder_nouns.items():
        words.append((lemma, rel, role.removesuffix("_holder") + "_holder"))
    exact: dict[str, list[tuple[str, str]]] = {}
    prefixes: dict[str, list[tuple[str, str]]] = {}
    for word, rel, role in words:
        word = word.lower()
        table, key = (prefixes, word[:-1]) if word.endswith("*") else (exact, word)
        table.setdefault(key, []).append((rel, role))
    return exact, sorted(prefixes.items())


def _designation(near: list[Placed]) -> tuple[ActorRef, ActorRef] | None:
    """Who lists whom goes by kind, not by order: a state or an international body lists
    a group ("X (banned in Russia)", "Russia banned X")."""
    listers = [p for p in near if p.ref.actor_type in STATE_LIKE]
    listed = [p for p in near if p.ref.actor_type not in STATE_LIKE | {"person"}]
    if not listers or not listed:
        return None
    return listers[0].ref, listed[0].ref


# Arcs inside one noun phrase: a name's words, or the nationality word or genitive owner
# of the noun that heads it ("des instructeurs russes", "l'armée du Mali").
PHRASE_INNER = frozenset({"amod", "flat", "flat:name", "compound", "nmod", "fixed"})
# What may stand between two names of one list: a conjunction, articles, prepositions.
LIST_GAP = frozenset({"CCONJ", "DET", "ADP"})


def _phrase_head(tok: Token) -> Token:
    """The noun heading the phrase a name stands in ("russes" -> "instructeurs")."""
    for _ in range(len(tok.doc)):  # bounded, as above
        if tok.dep_ not in PHRASE_INNER or tok.head.i == tok.i:
            break
        if tok.head.pos_ not in ("NOUN", "PROPN"):
            break
        tok = tok.head
    return tok


def _in_other_clause(tok: Token, trigger: int) -> bool:
    """Whether a name stands in a clause modifying a noun, one that does not hold the
    relation word: that clause's parties are its own."""
    for _ in range(len(tok.doc)):  # bounded: a parse adapted from another tool may loop
        if tok.head.i == tok.i:
            return False
        if tok.dep_.startswith("acl") and not tok.left_edge.i <= trigger <= tok.right_edge.i:
            return True
        tok = tok.head
    return False


def _in_clause_of(placed: Placed, noun: Token) -> bool:
    """Whether a name stands in a clause that modifies the noun ("les milices armées par
    l'Iran": Iran is not the militias)."""
    return any(
        c.dep_.startswith("acl") and c.left_edge.i <= placed.first <= c.right_edge.i
        for c in noun.children
    )


def _in_modified_phrase(placed: Placed, participle: Token) -> bool:
    """Whether a name stands in the noun phrase a participle modifies, before it: "les
    milices houthies armées par l'Iran" are the Houthis; "les milices armées par l'Iran
    ont attaqué les forces américaines" name no one armed."""
    return participle.head.left_edge.i <= placed.first < participle.i


def _case(sent: Doc, placed: Placed) -> str | None:
    """The case of a name, or of the noun it stands beside ("движению «Талибан»")."""
    tok = sent[placed.first]
    if tok.dep_ in ("appos", "flat", "flat:name") and tok.head is not tok:
        tok = tok.head
    cases = tok.morph.get("Case")
    return cases[0] if cases else None


def _span_length(text: str, start: int, sent: Doc) -> int:
    """Characters of the document the sentence covers (its Doc may have squeezed spaces)."""
    if not len(sent):
        return 0
    cursor = start
    for tok in sent:
        found = text.find(tok.text, cursor)
        if found < 0:
            break
        cursor = found + len(tok.text)
    return cursor - start


def _token_offsets(text: str, sent: Doc) -> list[tuple[int, int]]:
    """(start, end) of every token inside ``text``, found in order."""
    out, cursor = [], 0
    for tok in sent:
        found = text.find(tok.text, cursor)
        if found < 0:
            found = cursor
        out.append((found, found + len(tok.text)))
        cursor = found + len(tok.text)
    return out


def _key(claim: Claim) -> tuple[str, str, str, bool]:
    s, o = claim.subject, claim.object
    if relation(claim.relation).symmetric:
        s, o = sorted((s, o))
    return (s, claim.relation, o, claim.negated)
