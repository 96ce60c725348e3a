"""Whether a sentence asserts its claim at all, read over the syntax view.

Questions ("Will X arm Y?") and hypotheticals ("If X armed Y, ...", "Should X decide to
fund Y, ...") state no relation. Some negations sit outside the verb's own words: in a
frame ("there is no evidence that X armed Y"), on a coordinated subject ("neither X nor
Y has designated Z"), or in an adverb phrase ("X no longer arms Y"). The words are the
language's (lexicon: ``conditional_markers``, ``inverted_auxiliaries``, ``evidence_nouns``,
``negators``, ``continuation_words``); the roles are the view's.
"""

from __future__ import annotations

from proxygraph.extract.lexicon import Lexicon
from proxygraph.nlp.syntax import SyntaxView

QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»", "``", "''"})
CLAUSE_LINKS = ("ccomp", "acl", "relcl", "advcl", "xcomp", "conj", "obl", "nmod", "obj")
# Roles of a clause that is what a word says or asks, not a condition ("unclear whether").
COMPLEMENTS = ("ccomp", "subj", "subj:pass", "xcomp", "acl", "obj")


def asserts(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """False for a direct question, a hypothetical or a slogan that holds the trigger."""
    if "?" in view.lower[-2:]:
        return False
    return not (
        _hypothetical(view, trigger, lex)
        or _in_leading_condition(view, trigger, lex)
        or _slogan(view, trigger, lex)
    )


def _slogan(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """ "Banners reading 'X supports Y'", "crowds chanted 'X out of Y'": words quoted as
    written or chanted, not a statement that the relation holds. The quotation's governor
    (the first word above the trigger outside the quotes) is a verb of chanting, or it or
    a word next to it in the parse is a thing written on (``chant_verbs``,
    ``inscription_nouns``)."""
    span = _quotation(view, trigger)
    if span is None:
        return False
    node = trigger
    for _ in range(view.n):  # bounded: a parse adapted from natasha may loop
        if not span[0] < node < span[1] or view.head[node] == node:
            break
        node = view.head[node]
    if span[0] < node < span[1]:
        return False
    if view.lemma[node] in lex.words("chant_verbs"):
        return True
    near = [node, view.head[node], *view.kids[node]]
    return any(view.lemma[k] in lex.words("inscription_nouns") for k in near)


def _quotation(view: SyntaxView, i: int) -> tuple[int, int] | None:
    """The quotation marks around word ``i`` (positions of the opening and closing
    mark), if it stands inside a pair."""
    marks = [k for k in range(view.n) if view.lower[k] in QUOTE_MARKS]
    for opening, closing in zip(marks[::2], marks[1::2], strict=False):
        if opening < i < closing:
            return opening, closing
    return None


def _in_leading_condition(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """ "If X armed Y, the war would last", "Were X to arm Y, ...": a sentence that opens
    with a condition or an inverted auxiliary, by word order (the parse of such clauses
    is often lost)."""
    openers = lex.words("conditional_markers") | lex.words("inverted_auxiliaries")
    if not view.n or view.lower[0] not in openers:
        return False
    comma = next((k for k in range(view.n) if view.lower[k] == ","), view.n)
    return trigger < comma


def _hypothetical(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    markers, inverted = lex.words("conditional_markers"), lex.words("inverted_auxiliaries")
    for node in [trigger, *view.ancestors(trigger)]:
        kids = view.kids[node]
        if _marked_clause(view, node, markers) and not _open_question(view, node, lex):
            return True  # "If X armed Y, ...": a condition, not an open question
        subjects = [k for k in kids if view.role[k] in ("subj", "subj:pass")]
        if subjects and any(
            view.role[k] in ("aux", "aux:pass") and view.lower[k] in inverted and k < subjects[0]
            for k in kids
        ):
            return True  # "Should Turkey decide to fund X, ..."
        if _counterfactual(view, node, lex):
            return True  # "X would arm Y if the talks failed"
        if view.role[node] in ("relcl", "acl") and view.lemma[view.head[node]] in lex.words(
            "condition_nouns"
        ):
            return True  # "in the event that X arms Y"
        if _condition_phrase(view, node, lex):
            return True  # the same, with "the event" parsed as the clause's own phrase
        if _thwarted(view, node, lex):
            return True  # "X blocked a UN move to blacklist Y": the listing never came
        if view.role[node] not in CLAUSE_LINKS:
            break
    return False


def _thwarted(view: SyntaxView, node: int, lex: Lexicon) -> bool:
    """An act named as the aim of an attempt that was stopped: "blocked a move to list Y",
    "foiled a plot to attack Y" (the infinitive of an ``attempt_nouns`` noun that is the
    object of a ``thwarting_verbs`` verb)."""
    noun = view.head[node]
    return (
        view.role[node] in ("acl", "relcl")
        and view.lemma[noun] in lex.words("attempt_nouns")
        and view.role[noun] in ("obj", "subj:pass")
        and view.lemma[view.head[noun]] in lex.words("thwarting_verbs")
    )


def _condition_phrase(view: SyntaxView, verb: int, lex: Lexicon) -> bool:
    """ "In the event that X decides to arm Y, ...": a noun of condition (``condition_nouns``
    after ``condition_preps``) that the parser hung on the clause it introduces, which keeps
    its own "that" (not "in the case of Hamas, Qatar funded it": no clause is introduced)."""
    kids = view.kids[verb]
    return any(view.role[k] == "mark" for k in kids) and any(
        view.role[k] == "obl"
        and view.lemma[k] in lex.words("condition_nouns")
        and view.marker[k] in lex.words("condition_preps")
        for k in kids
    )


def _counterfactual(view: SyntaxView, verb: int, lex: Lexicon) -> bool:
    """A verb in the conditional mood with a condition beside it: "X would arm Y if ...",
    "X could start funding Y if ..." (the modal on the verb whose complement it is)."""
    kids = view.kids[verb]
    moods = [*kids, *(view.kids[view.head[verb]] if view.role[verb] == "xcomp" else ())]
    return any(
        view.role[k] == "aux" and view.lower[k] in lex.words("counterfactual_auxiliaries")
        for k in moods
    ) and any(
        view.role[k] == "advcl" and _marked_clause(view, k, lex.words("conditional_markers"))
        for k in kids
    )


def in_question(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """ "It is unclear whether X armed Y": an open question, so the claim is alleged."""
    markers = lex.words("conditional_markers")
    for node in [trigger, *view.ancestors(trigger)][:4]:
        if _marked_clause(view, node, markers) and _open_question(view, node, lex):
            return True
        if view.role[node] not in CLAUSE_LINKS and not (node == trigger and _misread(view, node)):
            break
    return False


def _misread(view: SyntaxView, node: int) -> bool:
    """A verb the parser took for a modifier of the clause's noun ("whether Pakistan
    armed Islamic Jihad" read as one noun phrase): the mark sits on that noun."""
    return view.role[node] in ("amod", "compound") and view.pos[node] in ("ADJ", "VERB")


def _open_question(view: SyntaxView, clause: int, lex: Lexicon) -> bool:
    """Whether a clause marked "if"/"whether" is what something asks rather than a
    condition: a complement ("asked whether"), marked by a word that only asks
    ("whether"), or hung on a word of not knowing even where the parse makes it an
    adverbial ("it remains unknown if", "whether X armed Y is disputed")."""
    if view.role[clause] in COMPLEMENTS:
        return True
    if any(
        view.role[k] == "mark" and view.lower[k] in lex.words("question_markers")
        for k in view.kids[clause]
    ):
        return True
    head = view.head[clause]
    words = lex.words("question_words")
    return view.lemma[head] in words or any(
        view.lemma[k] in words and view.role[k] in ("acomp", "attr", "xcomp")
        for k in view.kids[head]
    )


def _marked_clause(view: SyntaxView, node: int, markers: frozenset[str]) -> bool:
    return any(view.role[k] == "mark" and view.lower[k] in markers for k in view.kids[node])


def negated_by_frame(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """Negation carried by the claim's frame, subject or a two-word adverb."""
    if no_evidence(view, trigger, lex):
        return True  # "no evidence that", "no sign that", "no proof has emerged that"
    if _refused_request(view, trigger, lex):
        return True  # "rejected requests to fund X"
    verb = view.head[trigger] if view.role[trigger] in ("obj", "obl") else trigger
    return (
        _negated_subject(view, verb, lex)
        or _negative_adverbial(view, verb, lex)  # "at no point did X arm Y"
        or _no_longer(view, verb, lex)  # "no longer supplies weapons to Y"
        or _no_intent(view, trigger, lex)
        or _pending(view, trigger, lex)
        or _untrue(view, trigger, lex)
    )


def _untrue(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """ "It is not true that X armed Y", "claims that X armed Y are false": the clause
    holding the claim is called untrue (``truth_words`` negated, or ``falsity_words``)."""
    negators = lex.words("negators")
    below = trigger
    for node in view.ancestors(trigger)[:4]:
        called = view.role[below] in ("subj", "ccomp")  # what the predicate is said of
        below = node
        for k in view.kids[node] if called else ():
            if view.role[k] not in ("acomp", "attr"):
                continue
            if view.lemma[k] in lex.words("falsity_words"):
                return True
            if view.lemma[k] in lex.words("truth_words") and any(
                view.lower[j] in negators for j in (*view.kids[node], *view.kids[k])
            ):
                return True
    return False


def _pending(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """ "X has yet to designate Y", "X is yet to send weapons to Y": the act is still
    awaited, so it has not happened (lexicon ``pending_words`` on the verb whose
    infinitive holds the trigger)."""
    node = trigger
    for _ in range(3):
        head = view.head[node]
        if view.role[node] == "xcomp" and any(
            view.lemma[k] in lex.words("pending_words") and view.role[k] == "advmod" and k < node
            for k in view.kids[head]
        ):
            return True
        if view.role[node] not in ("obj", "obl", "xcomp") or head == node:
            return False
        node = head
    return False


def no_evidence(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """ "There is no evidence that X armed Y", "no proof has emerged that X armed Y": a
    negated noun of evidence framing the claim, above it or as the subject of the verb
    the claim's clause hangs on. The writer doubts the claim: it is alleged, not denied."""
    return _evidence_lacking(view, trigger, lex, lex.words("negators"))


def weak_evidence(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """No evidence, or little ("little evidence that X funds Y"): the claim is alleged
    (negated only where there is none)."""
    words = lex.words("negators") | lex.words("scarcity_words")
    return _evidence_lacking(view, trigger, lex, words)


def _evidence_lacking(
    view: SyntaxView, trigger: int, lex: Lexicon, quantifiers: frozenset[str]
) -> bool:
    for node in view.ancestors(trigger)[:6]:
        nouns = [node, *(k for k in view.kids[node] if view.role[k] in ("subj", "subj:pass"))]
        if any(
            view.lemma[n] in lex.words("evidence_nouns")
            and any(view.lower[k] in quantifiers for k in view.kids[n])
            for n in nouns
        ):
            return True
        # "found nothing to suggest that X armed Y": a verb of showing whose head is the
        # negator itself ("little to indicate that ...": scarcity)
        if (
            view.lemma[node] in lex.words("evidence_verbs")
            and view.role[node] in ("relcl", "acl")
            and view.lower[view.head[node]] in quantifiers
        ):
            return True
    return False


def _refused_request(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    for node in view.ancestors(trigger)[:3]:
        if view.lemma[node] in lex.words("request_nouns"):
            head = view.head[node]
            return view.role[node] == "obj" and view.lemma[head] in lex.words("refusal_verbs")
    return False


def focus_not_negation(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """ "Not only did X fund Y, it also ...": the negator focuses, it does not negate."""
    negators, focus = lex.words("negators"), lex.words("focus_words")
    for node in [trigger, *view.ancestors(trigger)][:3]:
        for k in view.kids[node]:
            if view.lower[k] in negators and k + 1 < view.n and view.lower[k + 1] in focus:
                return True
    return False


def _negated_subject(view: SyntaxView, verb: int, lex: Lexicon) -> bool:
    """ "Neither X nor Y has designated Z", "X armed neither Y nor Z": the negator leads
    the subject or the object ("wasted no time in arming Y", "made no secret of its
    support" deny only the delay or the secret: ``affirming_nouns``)."""
    negators, parties = lex.words("negators"), ("subj", "subj:pass", "obj")
    for subject in (k for k in view.kids[verb] if view.role[k] in parties):
        if view.role[subject] == "obj" and view.lemma[subject] in lex.words("affirming_nouns"):
            continue
        first = min(view.subtree(subject))
        if view.lower[first] in negators and view.role[first] in ("cc", "det", "advmod"):
            return True
    # "gave money to neither X nor Y": a correlative negator leading a prepositional party
    return any(
        view.role[k] == "obl"
        and any(
            view.lower[j] in lex.words("correlative_negators") and view.role[j] in ("cc", "det")
            for j in view.kids[k]
        )
        for k in view.kids[verb]
    )


def _negative_adverbial(view: SyntaxView, verb: int, lex: Lexicon) -> bool:
    """ "At no point did X arm Y", "X in no way supports Y", "under no circumstances": a
    phrase of time or manner whose noun a negator determines (``negative_frame_nouns``)."""
    return any(
        view.role[k] == "obl"
        and view.lemma[k] in lex.words("negative_frame_nouns")
        and any(view.lower[j] in lex.words("negators") for j in view.kids[k])
        for k in view.kids[verb]
    )


def _no_intent(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """ "X has no plans to negotiate with Y", "no intention of arming Y": an intent noun
    (``intent_words``) denied by its determiner holds the act it names."""
    noun = view.head[trigger]
    return (
        view.role[trigger] in ("acl", "nmod")
        and view.lemma[noun] in lex.words("intent_words")
        and any(view.lower[k] in lex.words("negators") for k in view.kids[noun])
    )


def _no_longer(view: SyntaxView, verb: int, lex: Lexicon) -> bool:
    """ "X no longer arms Y": a negator on an adverb of continuation (by its form: the
    lemma of "longer" is "long", and "not long after" negates nothing)."""
    return any(
        view.lower[k] in lex.words("continuation_words")
        and any(view.lower[j] in lex.words("negators") for j in view.kids[k])
        for k in view.kids[verb]
    )
