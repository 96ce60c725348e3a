"""How sure the text is about a claim, who says so, and whether it says it does not hold."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Span, Token

from proxygraph.extract.lexicon import Lexicon

# Dependencies through which a clause hangs under the verb that frames it.
FRAMED_BY = {
    "ccomp",
    "xcomp",
    "advcl",
    "conj",
    "pcomp",
    "acl",
    "relcl",
    "dobj",
    "pobj",
    "prep",
    "parataxis",
    "nsubj",
    "nsubjpass",
    "attr",
    "oprd",
    "dative",
}
# A description inside a noun phrase ("Tajikistan, Moscow's ally") is the writer's own.
DESCRIPTIVE = {"appos", "amod", "compound", "poss", "npadvmod", "nmod"}
# Negation reaches down from a verb only to its objects and infinitives
# ("did not provide support", "did not want to arm"), not into other clauses.
NEGATION_PASSES = {"xcomp", "dobj", "pobj", "prep", "attr", "oprd", "dative", "pcomp", "acomp"}
SOURCE_DEPS = ("nsubj", "nsubjpass")
# Links that make what hangs below a clause: a reporting verb frames a clause ("said Iran
# armed X", "said support for X grew"), not a noun it merely names ("declared war on X",
# "announced sanctions on X": the act itself, the writer's to state).
CLAUSAL = {"ccomp", "xcomp", "advcl", "pcomp", "acl", "relcl", "parataxis", "conj", "csubj"}
# A clause describing a noun ("militias trained by Iran", "X, which Iran arms") is the
# writer's background, not what the sentence's speaker says.
DESCRIBING = {"relcl", "acl"}
OPENING_QUOTES = ("“", '"', "«", "‘")
CLOSING_QUOTES = frozenset({"”", '"', "»", "’", "''"})
QUOTE_MARKS = frozenset({"“", "”", '"', "«", "»", "``", "''"})
# Parts of a noun phrase that a source's name leaves out.
PHRASE_PRUNED = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"}
# ... but names in coordination are one source ("Russia and Iran", "U.S. and Afghan officials")
NOMINAL = frozenset({"NOUN", "PROPN"})
COORDINATED = NOMINAL | {"ADJ"}


class SentenceScan:
    """What judging reads from the whole sentence, whatever the trigger: read once for all
    the sentence's claims (a Token built per word and claim was most of judging's time)."""

    def __init__(self, sent: Span, lex: Lexicon) -> None:
        self.sent = sent
        self.lex = lex
        self.text = sent.text
        # from the arrays: a Token is built only for a reporting verb
        doc, first = sent.doc, sent.start
        strings = doc.vocab.strings
        rows = doc.to_array([LEMMA, ORTH])[first : sent.end].tolist()
        reporting = lex.words("reporting_verbs")
        self.reporting = [
            doc[first + k]
            for k, (lemma, _) in enumerate(rows)
            if strings[lemma].lower() in reporting
        ]
        self.marks = [first + k for k, (_, orth) in enumerate(rows) if strings[orth] in QUOTE_MARKS]
        self._according: tuple[str | None] | None = None

    @cached_property
    def tokens(self) -> list[Token]:
        return list(self.sent)

    @property
    def according(self) -> str | None:
        if self._according is None:
            self._according = (_according_to(self.sent, self.lex),)
        return self._according[0]


@dataclass(frozen=True)
class Stance:
    negated: bool
    certainty: str
    source: str | None
    speaker: Token | None = None  # the head of the source phrase, when one was found


def judge(trigger: Token, sent: Span, lex: Lexicon, scan: SentenceScan | None = None) -> Stance:
    """Negation, certainty and source of the claim carried by ``trigger``; ``scan``, the
    sentence's, when several claims of one sentence are judged."""
    scan = scan or SentenceScan(sent, lex)
    chain = _governors(trigger, lex)
    negated = _is_negated(trigger, chain, lex)
    certainty, source = "asserted", None
    speaker: Token | None = None
    for verb, clausal in _framers(chain):
        lemma = verb.lemma_.lower()
        if lemma in lex.words("raising_verbs") and not any(
            c.dep_ in ("xcomp", "ccomp") for c in verb.children
        ):
            continue  # "support appeared after the coup" hedges nothing
        if lemma in lex.words("hedge_verbs") and certainty == "asserted" and verb.pos_ == "ADJ":
            certainty, source = "alleged", None  # "concerned (that) Russia is supplying"
            continue
        charge = verb.pos_ == "NOUN" and lemma in lex.words("charge_nouns")
        if charge and certainty == "asserted":
            certainty = "alleged"  # "faces accusations of funding X": charged, not shown
            continue
        if lemma in lex.words("responsibility_nouns") and certainty == "asserted":
            certainty = "alleged"  # "X took responsibility for the strike": X's own claim
            continue
        if lemma in lex.words("hedge_verbs") and certainty == "asserted" and verb.pos_ == "VERB":
            # a hedge needs no speaker of its own: "denied harbouring X and accused Y of
            # arming Z" (a conjunct sharing its subject), "it is suspected that ..."
            certainty, source = "alleged", _holder(verb)
            continue
        if not _has_speaker(verb):
            continue
        if lemma in lex.words("denial_verbs"):
            if trigger.head.i == verb.i and trigger.lemma_.lower() in lex.words("charge_nouns"):
                continue  # "Y rejected X's accusations": what is denied is the charge's content
            if any(c.dep_ == "neg" for c in verb.children):  # "would not dispute that"
                certainty, source = "alleged", _subject_text(verb)
                continue
            return Stance(negated, "denied", _subject_text(verb))
        if lemma in lex.words("hedge_verbs") and certainty == "asserted":
            certainty, source = "alleged", _holder(verb)
        elif lemma in lex.words("reporting_verbs") and certainty == "asserted" and clausal:
            if _hearsay(verb):
                certainty, source = "alleged", None  # "X is said to have armed Y"
                continue
            certainty, source = "reported", _subject_text(verb)
            speaker = next((c for c in verb.children if c.dep_ in SOURCE_DEPS), None)
    if _hedged(trigger, chain, lex) or scan.text.rstrip().endswith("?"):
        certainty = "alleged"  # "Is Putin arming the Taliban?"
    describes = _describes(trigger, chain, lex)
    if certainty == "asserted":
        certainty, source = _sentence_reporter(trigger, scan, lex, describes)
    according = scan.according
    if according and certainty == "asserted" and not describes:
        certainty, source = "reported", according
    elif according and source is None and certainty != "asserted":
        source = according
    return Stance(negated, certainty, source, speaker)


def _purpose(clause: Token) -> bool:
    """An infinitive of purpose ("denied sending troops *to fight* alongside X"): part of
    the act it completes, so what frames that act frames it too."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)


def _framers(chain: list[Token]) -> list[tuple[Token, bool]]:
    """Words above the trigger that can frame it, each with whether a clause lies between
    (see CLAUSAL): not its conjoined siblings, and not past a background clause ("as
    they fight", "when ...": the writer's own)."""
    out = []
    clausal = chain[0].pos_ in ("VERB", "AUX")
    for prev, tok in zip(chain, chain[1:], strict=False):
        if prev.dep_ == "advcl" and not _purpose(prev):
            break
        clausal = clausal or prev.dep_ in CLAUSAL
        if prev.dep_ != "conj":
            out.append((tok, clausal))
    return out


def _hearsay(verb: Token) -> bool:
    """ "X is said to have armed Y": a passive reporting verb raising the claim's own
    party, with nobody saying it, hedges rather than attributes."""
    return (
        any(c.dep_ == "nsubjpass" for c in verb.children)
        and any(c.dep_ == "xcomp" for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
    )


def _describing(tok: Token, lex: Lexicon) -> bool:
    """A relative clause or a reduced one ("militias armed by Iran": no subject of its
    own) on a noun; a clause with its own subject that hangs on a noun is a misparse, and
    one on a noun of content ("reports of Iran arming X") is what the noun says."""
    head = tok.head
    if tok.dep_ not in DESCRIBING or head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    if head.lemma_.lower() in lex.words("content_nouns"):
        return False
    return tok.dep_ == "relcl" or not any(c.dep_ in SOURCE_DEPS for c in tok.children)


def _describes(trigger: Token, chain: list[Token], lex: Lexicon) -> bool:
    """Whether the trigger only describes a noun ("Iran-backed", "militias armed by
    Iran", "Taliban leader X") or sets the scene in an adverbial clause: the writer's
    words even inside someone's statement."""
    if trigger.dep_ in DESCRIPTIVE:
        return trigger.sent.root.pos_ in ("VERB", "AUX")  # verbless: its verb misread
    markers = lex.words("background_markers")
    if any(
        tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in markers for c in tok.children)
        for tok in chain[:-1]
    ):
        return True  # "X arms Y as they fight Z, officials said": the fighting is background
    return len(chain) > 1 and _describing(chain[-2], lex)


def _sentence_reporter(
    trigger: Token, scan: SentenceScan, lex: Lexicon, describes: bool
) -> tuple[str, str | None]:
    """A sentence attributed as a whole ("..., TASS reported."; a quotation), except for
    how it describes the speaker ("the group's spokesman X said") and, outside a
    quotation, the writer's descriptions ("militias armed by Iran")."""
    quoted = _quoted(trigger, scan)
    if describes and not quoted:
        return "asserted", None
    for verb in scan.reporting:
        if not _reports_sentence(verb, trigger, lex):
            continue
        if verb == trigger:
            continue  # "X recalled its envoy": the act itself, not a report of one
        speakers = _speakers(verb)
        if not speakers or any(
            trigger.i in range(s.left_edge.i, s.right_edge.i + 1) for s in speakers
        ):
            continue
        return "reported", _phrase(speakers[0])
    return ("reported" if quoted else "asserted"), None


def _speakers(verb: Token) -> list[Token]:
    """Who a reporting verb gives as speaking: its subject, or the noun a closing
    attribution was misread as modifying ("X arms Y, a diplomat told Reuters" parsed
    with "told" as a clause on "diplomat"); a past form only, not a participle."""
    subjects = [c for c in verb.children if c.dep_ in SOURCE_DEPS]
    if not subjects and verb.dep_ == "acl" and verb.tag_ == "VBD":
        return [verb.head]
    return subjects


def _reports_sentence(verb: Token, trigger: Token, lex: Lexicon) -> bool:
    """The sentence's own verb, or an attribution closing it after a comma that parsers
    often coordinate with the clause it reports, or misread as a noun's modifier ("X arms
    Y, an official told Reuters", "X armed Y, a UN panel found": the comma right before
    the speaker tells it from a relative clause, which opens with its pronoun)."""
    if verb.dep_ in ("ROOT", "parataxis"):
        return _frames_clause(verb, trigger)
    speakers = _speakers(verb)
    return (
        verb.dep_ in ("conj", "acl", "relcl")
        and bool(speakers)
        and speakers[0].lower_ not in lex.words("relative_pronouns")
        and trigger.i < speakers[0].left_edge.i
        and verb.doc[speakers[0].left_edge.i - 1].text == ","
        and not any(c.dep_ in ("ccomp", "xcomp", "cc") for c in verb.children)
    )


def _frames_clause(verb: Token, trigger: Token) -> bool:
    """Whether a reporting verb reaches the trigger through a clause, not as the noun it
    names ("announced the suspension of its attacks": the announcement is the act), nor
    as a second act coordinated with it ("X confirmed its plan and discussed Y")."""
    tok = trigger
    clausal = trigger.pos_ in ("VERB", "AUX")
    for _ in range(len(trigger.doc)):  # bounded: a parse adapted from natasha may loop
        if tok.i == verb.i or tok.head.i == tok.i:
            break
        clausal = clausal or tok.dep_ in CLAUSAL
        if tok.head.i == verb.i and tok.dep_ == "conj":
            return False
        tok = tok.head
    return tok.i != verb.i or clausal


def _quoted(trigger: Token, scan: SentenceScan) -> bool:
    """The trigger inside a quotation: one opening the sentence, or one inside a sentence
    that a reporting verb attributes ("the Treasury added" of a quoted phrase)."""
    sent = scan.tokens
    if scan.text.lstrip()[:1] in OPENING_QUOTES:
        first = next(t for t in sent if not t.is_space)
        closing = next(
            (t.i for t in sent if t.i > first.i and t.text in CLOSING_QUOTES), scan.sent.end
        )
        if trigger.i < closing:
            return True
    marks = scan.marks
    inside = any(a < trigger.i < b for a, b in zip(marks[::2], marks[1::2], strict=False))
    return inside and any(not (marks[0] < t.i < marks[-1]) for t in scan.reporting)


def _governors(tok: Token, lex: Lexicon) -> list[Token]:
    """The trigger and the words that frame it, up to the sentence root."""
    chain = [tok]
    have = _perfect_of(tok, lex)
    if have is not None:  # "X might have armed Y" read as "have" with an "armed" object
        chain.append(have)
        tok = have
    elif tok.dep_ in DESCRIPTIVE:
        return chain
    while tok.dep_ in FRAMED_BY and tok.head is not tok and len(chain) < 12:
        describing = _describing(tok, lex)
        tok = tok.head
        chain.append(tok)
        if describing:
            break  # "militias armed by Iran": what frames the noun does not frame this
    return chain


def _perfect_of(tok: Token, lex: Lexicon) -> Token | None:
    """The "have" of a perfect the parser misread as a participle modifying the object of
    "have" ("X has long sheltered Y leaders"), if the token is that participle."""
    noun = tok.head
    if tok.dep_ != "amod" or tok.tag_ != "VBN" and tok.pos_ != "ADJ" or noun.dep_ != "dobj":
        return None
    have = noun.head
    return have if have.lemma_.lower() in lex.words("perfect_auxiliaries") else None


def _is_negated(trigger: Token, chain: list[Token], lex: Lexicon) -> bool:
    negators, flips = lex.words("negators"), lex.words("double_negative_verbs")
    negated = False
    for i, tok in enumerate(chain[:4]):
        perfect = i == 1 and _perfect_of(trigger, lex) == tok
        if i and chain[i - 1].dep_ not in NEGATION_PASSES and not perfect:
            break
        if i and trigger.pos_ == "NOUN" and not _carries(tok, lex):
            break  # "never concealed its ties": the ties are not denied
        if tok is not trigger and tok.pos_ not in ("VERB", "AUX"):
            if _halts(tok, chain[i - 1], lex):
                negated = not negated  # "announced an end to its attacks"
            continue
        # "Never has X negotiated with Y": an inverted negator the parser hangs on the
        # auxiliary counts as the verb's own
        helpers = [g for c in tok.children if c.dep_ in ("aux", "auxpass") for g in c.children]
        own = any(
            c.dep_ == "neg" or (c.lower_ in negators and c.dep_ in ("det", "advmod", "preconj"))
            for c in [*tok.children, *helpers]
        ) or _negated_conjunct(tok, negators, lex)
        if own and tok is not trigger and tok.lemma_.lower() in flips:
            continue  # "will not hesitate to ally", "never hid its support" assert it
        if own:
            negated = not negated
        if i and tok.lemma_.lower() in lex.words("negating_verbs") and _undone(chain, i, lex):
            negated = not negated
        if tok is not trigger and tok.dep_ in ("ccomp", "advcl"):
            break
    return negated


def _negated_conjunct(tok: Token, negators: frozenset[str], lex: Lexicon) -> bool:
    """ "neither armed nor *funded* X": the second verb's negation hangs on the first; so
    does a negated verb's in a disjunction ("did not arm or *train* X": lexicon
    ``negated_disjunctions``), not in a conjunction ("did not arm Y and trained Z")."""
    if tok.dep_ != "conj":
        return False
    kids = list(tok.head.children)
    if any(c.lower_ in negators and c.dep_ in ("cc", "preconj") for c in kids):
        return True
    disjoined = any(c.dep_ == "cc" and c.lower_ in lex.words("negated_disjunctions") for c in kids)
    return disjoined and any(
        c.dep_ == "neg" or (c.lower_ in negators and c.dep_ == "advmod") for c in kids
    )


def _halts(noun: Token, edge: Token, lex: Lexicon) -> bool:
    """Whether a noun of halting governs the act through its preposition ("a halt to its
    rocket fire", "the suspension of its operations", "a freeze on arms sales")."""
    return (
        noun.pos_ == "NOUN"
        and noun.lemma_.lower() in lex.words("halting_nouns")
        and edge.dep_ == "prep"
        and edge.lower_ in lex.words("halting_preps")
    )


def _carries(verb: Token, lex: Lexicon) -> bool:
    """Whether a verb's negation reaches the relation its object noun carries: light
    verbs ("did not provide support") and verbs that are triggers or undo one."""
    lemma = verb.lemma_.lower()
    return (
        verb.pos_ not in ("VERB", "AUX")
        or lemma in lex.words("copulas")  # "is not a puppet of Moscow"
        or lemma in lex.verbs
        or lemma in lex.words("light_verbs")
        or lemma in lex.words("receive_verbs")
        or lemma in lex.words("negating_verbs")
    )


def _undone(chain: list[Token], i: int, lex: Lexicon) -> bool:
    """Whether a negating verb undoes the trigger: it must be the verb's object or its
    infinitive ("refrained from categorising", "ended the designation"), not an
    adverbial phrase ("after the victory, Moscow broke off ties"), nor an accord the verb
    makes ("struck a deal", "cut a deal": ``making_verbs`` with ``made_objects``)."""
    edge = chain[i - 1]
    if edge.dep_ == "dobj" and _makes(chain[i], edge, lex):
        return False
    if edge.dep_ in ("dobj", "xcomp", "nsubjpass"):
        return True
    return (
        edge.dep_ == "prep"
        and edge.lower_ in lex.words("undoing_preps")
        or (i >= 2 and chain[i - 2].dep_ == "pcomp" and edge.lower_ == "from")
    )


def _makes(verb: Token, obj: Token, lex: Lexicon) -> bool:
    return verb.lemma_.lower() in lex.words("making_verbs") and (
        obj.lemma_.lower() in lex.words("made_objects")
    )


def _hedged(trigger: Token, chain: list[Token], lex: Lexicon) -> bool:
    """A hedge on the trigger or on the verb of its own clause ("may be arming")."""
    hedges = lex.words("hedge_words")
    for tok in chain[:4]:
        if tok.lower_ in hedges or any(c.lower_ in hedges for c in tok.children):
            return True
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("xcomp", "conj", "aux"):
            if tok.dep_ == "advcl" and _purpose(tok):
                continue  # "reportedly sent advisers to help X": the purpose is the act's
            break  # the clause ends here; hedges above it frame something else
    return False


def _controller(verb: Token) -> Token:
    """The verb whose subject a participle or infinitive without one shares: "Morocco
    protested, accusing Algeria of ..." (Morocco accuses), "the minister went on to say
    ..." (not a conjunct's: its subject may be another party's)."""
    for _ in range(3):
        shares = verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VB"))
        if not shares or any(c.dep_ in SOURCE_DEPS for c in verb.children):
            break
        verb = verb.head  # "went on to say": the subject of "went"
    return verb


def _has_speaker(verb: Token) -> bool:
    """ "officials said" reports; "it is worth noting" does not."""
    verb = _controller(verb)
    for child in verb.children:
        if child.dep_ in ("nsubj", "agent", "nsubjpass") and child.lower_ not in (
            "it",
            "this",
            "we",
            "i",
            "one",
        ):
            return True
    return verb.dep_ == "parataxis"


def _according_to(sent: Span, lex: Lexicon) -> str | None:
    preps = lex.words("source_preps")
    for tok in sent:
        if tok.lower_ in preps:
            obj = next((t for t in tok.subtree if t.dep_ == "pobj"), None)
            if obj is not None:
                return _phrase(obj)
    return None


def _holder(verb: Token) -> str | None:
    """Who holds a hedged view: the subject, but in the passive ("X is suspected of
    arming Y", "X is thought to arm Y") the "by" phrase if any; X is the one suspected."""
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        own = _subject_text(verb)
        if own is None and verb.dep_ == "conj":  # "denied X and accused Y of ...": shared
            return _subject_text(verb.head)
        return own
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    return _phrase(obj) if obj is not None else None


def _subject_text(verb: Token) -> str | None:
    verb = _controller(verb)
    for child in verb.children:
        if child.dep_ in SOURCE_DEPS:
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return _phrase(verb.head)  # "Gen. X, who told senators": Gen. X
            return _phrase(child)
    return None


def _phrase(tok: Token) -> str:
    """A short noun phrase: the head, its modifiers, and an "of"-phrase, without relative
    clauses, appositions or anything after a comma ("Gen. X, who told ..." -> "Gen. X")."""
    words = sorted(_phrase_words(tok), key=lambda t: t.i)
    return " ".join(t.text for t in words).replace(" 's", "'s").replace(" ’s", "’s")[:120]


def _phrase_words(tok: Token, depth: int = 0) -> list[Token]:
    words = [tok]
    # "Russia and Iran said", "U.S. and Afghan officials said": names in coordination are
    # one source; a coordinated clause is not part of it
    joined = (
        tok.pos_ in NOMINAL
        and depth <= 1
        and any(c.dep_ == "conj" and c.pos_ in COORDINATED for c in tok.children)
    )
    for child in tok.children:
        coordinated = joined and (
            child.dep_ == "cc" or (child.dep_ == "conj" and child.pos_ in COORDINATED)
        )
        if (child.dep_ in PHRASE_PRUNED and not coordinated) or (child.i > tok.i and depth > 1):
            continue
        words += _phrase_words(child, depth + 1)
    return words
