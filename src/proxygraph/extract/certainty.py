"""How sure the text is about a claim, who says so, and whether it says it does not hold."""

from __future__ import annotations

from dataclasses import dataclass

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
# Parts of a noun phrase that a source's name leaves out.
PHRASE_PRUNED = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"}


@dataclass(frozen=True)
class Stance:
    negated: bool
    certainty: str
    source: str | None
    speaker: Token | None = None  # the head of the source phrase, when one was found


def judge(trigger: Token, sent: Span, lex: Lexicon) -> Stance:
    """Negation, certainty and source of the claim carried by ``trigger``."""
    chain = _governors(trigger)
    negated = _is_negated(trigger, chain, lex)
    certainty, source = "asserted", None
    speaker: Token | None = None
    framers = _framers(chain)
    for verb in framers:
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
        if not _has_speaker(verb):
            continue
        if lemma in lex.words("denial_verbs"):
            if any(c.dep_ == "neg" for c in verb.children):  # "would not dispute that"
                certainty, source = "alleged", _subject_text(verb)
                continue
            return Stance(negated, "denied", _subject_text(verb))
        if lemma in lex.words("hedge_verbs") and certainty == "asserted":
            certainty, source = "alleged", _subject_text(verb)
        elif lemma in lex.words("reporting_verbs") and certainty == "asserted":
            certainty, source = "reported", _subject_text(verb)
            speaker = next((c for c in verb.children if c.dep_ in SOURCE_DEPS), None)
    if _hedged(trigger, chain, lex) or sent.text.rstrip().endswith("?"):
        certainty = "alleged"  # "Is Putin arming the Taliban?"
    if certainty == "asserted":
        certainty, source = _sentence_reporter(trigger, sent, lex)
    according = _according_to(sent, lex)
    if according and certainty == "asserted":
        certainty, source = "reported", according
    elif according and source is None:
        source = according
    return Stance(negated, certainty, source, speaker)


def _framers(chain: list[Token]) -> list[Token]:
    """Words above the trigger that can frame it: not its conjoined siblings, and not
    past a background clause ("as they fight", "when ...": the writer's own)."""
    out = []
    for prev, tok in zip(chain, chain[1:], strict=False):
        if prev.dep_ == "advcl":
            break
        if prev.dep_ != "conj":
            out.append(tok)
    return out


def _sentence_reporter(trigger: Token, sent: Span, lex: Lexicon) -> tuple[str, str | None]:
    """A sentence attributed as a whole ("..., TASS reported."; a quotation), except for
    how it describes the speaker ("the group's spokesman X said")."""
    text = sent.text.lstrip()
    if text[:1] in ("“", '"', "«"):
        return "reported", None
    for verb in sent:
        if verb.dep_ not in ("ROOT", "parataxis") or verb.lemma_.lower() not in lex.words(
            "reporting_verbs"
        ):
            continue
        if verb == trigger:
            continue  # "X recalled its envoy": the act itself, not a report of one
        speakers = [c for c in verb.children if c.dep_ in SOURCE_DEPS]
        if not speakers or any(
            trigger.i in range(s.left_edge.i, s.right_edge.i + 1) for s in speakers
        ):
            continue
        return "reported", _phrase(speakers[0])
    return "asserted", None


def _governors(tok: Token) -> list[Token]:
    """The trigger and the words that frame it, up to the sentence root."""
    chain = [tok]
    if tok.dep_ in DESCRIPTIVE:
        return chain
    while tok.dep_ in FRAMED_BY and tok.head is not tok and len(chain) < 12:
        tok = tok.head
        chain.append(tok)
    return chain


def _is_negated(trigger: Token, chain: list[Token], lex: Lexicon) -> bool:
    negators, flips = lex.words("negators"), lex.words("double_negative_verbs")
    negated = False
    for i, tok in enumerate(chain[:4]):
        if i and chain[i - 1].dep_ not in NEGATION_PASSES:
            break
        if i and trigger.pos_ == "NOUN" and not _carries(tok, lex):
            break  # "never concealed its ties": the ties are not denied
        if tok is not trigger and tok.pos_ not in ("VERB", "AUX"):
            continue
        own = any(
            c.dep_ == "neg" or (c.lower_ in negators and c.dep_ in ("det", "advmod", "preconj"))
            for c in tok.children
        )
        if own and tok.lemma_.lower() in flips:
            continue  # "will not hesitate to ally" asserts the alliance
        if own:
            negated = not negated
        if i and tok.lemma_.lower() in lex.words("negating_verbs") and _undone(chain, i):
            negated = not negated
        if tok is not trigger and tok.dep_ in ("ccomp", "advcl"):
            break
    return negated


def _carries(verb: Token, lex: Lexicon) -> bool:
    """Whether a verb's negation reaches the relation its object noun carries: light
    verbs ("did not provide support") and verbs that are triggers or undo one."""
    lemma = verb.lemma_.lower()
    return (
        verb.pos_ not in ("VERB", "AUX")
        or lemma in ("be", "become", "remain")  # "is not a puppet of Moscow"
        or lemma in lex.verbs
        or lemma in lex.words("light_verbs")
        or lemma in lex.words("receive_verbs")
        or lemma in lex.words("negating_verbs")
    )


def _undone(chain: list[Token], i: int) -> bool:
    """Whether a negating verb undoes the trigger: it must be the verb's object or its
    infinitive ("refrained from categorising", "ended the designation"), not an
    adverbial phrase ("after the victory, Moscow broke off ties")."""
    edge = chain[i - 1]
    if edge.dep_ in ("dobj", "xcomp", "nsubjpass"):
        return True
    return (
        edge.dep_ == "prep"
        and edge.lower_ in ("from", "of", "on")
        or (i >= 2 and chain[i - 2].dep_ == "pcomp" and edge.lower_ == "from")
    )


def _hedged(trigger: Token, chain: list[Token], lex: Lexicon) -> bool:
    """A hedge on the trigger or on the verb of its own clause ("may be arming")."""
    hedges = lex.words("hedge_words")
    for tok in chain[:4]:
        if tok.lower_ in hedges or any(c.lower_ in hedges for c in tok.children):
            return True
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("xcomp", "conj", "aux"):
            break  # the clause ends here; hedges above it frame something else
    return False


def _has_speaker(verb: Token) -> bool:
    """ "officials said" reports; "it is worth noting" does not."""
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


def _subject_text(verb: Token) -> str | None:
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
    for child in tok.children:
        if child.dep_ in PHRASE_PRUNED or (child.i > tok.i and depth > 1):
            continue
        words += _phrase_words(child, depth + 1)
    return words
