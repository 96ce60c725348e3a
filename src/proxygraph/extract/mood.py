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

CLAUSE_LINKS = ("ccomp", "acl", "relcl", "advcl", "xcomp", "conj", "obl", "nmod", "obj")
# Roles of a clause that is what a word says or asks, not a condition ("unclear whether").
COMPLEMENTS = ("ccomp", "subj", "subj:pass", "xcomp", "acl", "obj")


def asserts(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """False for a direct question or a hypothetical that holds the trigger."""
    if "?" in view.lower[-2:]:
        return False
    return not (_hypothetical(view, trigger, lex) or _in_leading_condition(view, trigger, lex))


def _in_leading_condition(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """ "If X armed Y, the war would last": a sentence that opens with a condition, by word
    order (the parse of such clauses is often lost)."""
    if not view.n or view.lower[0] not in lex.words("conditional_markers"):
        return False
    comma = next((k for k in range(view.n) if view.lower[k] == ","), view.n)
    return trigger < comma


def _hypothetical(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    markers, inverted = lex.words("conditional_markers"), lex.words("inverted_auxiliaries")
    for node in [trigger, *view.ancestors(trigger)]:
        kids = view.kids[node]
        if _marked_clause(view, node, markers) and view.role[node] not in COMPLEMENTS:
            return True  # "If X armed Y, ...": a condition, not an open question
        subjects = [k for k in kids if view.role[k] in ("subj", "subj:pass")]
        if subjects and any(
            view.role[k] in ("aux", "aux:pass") and view.lower[k] in inverted and k < subjects[0]
            for k in kids
        ):
            return True  # "Should Turkey decide to fund X, ..."
        if view.role[node] not in CLAUSE_LINKS:
            break
    return False


def in_question(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """ "It is unclear whether X armed Y": an open question, so the claim is alleged."""
    markers = lex.words("conditional_markers")
    for node in [trigger, *view.ancestors(trigger)][:4]:
        if _marked_clause(view, node, markers) and view.role[node] in COMPLEMENTS:
            return True
        if view.role[node] not in CLAUSE_LINKS:
            break
    return False


def _marked_clause(view: SyntaxView, node: int, markers: frozenset[str]) -> bool:
    return any(view.role[k] == "mark" and view.lower[k] in markers for k in view.kids[node])


def negated_by_frame(view: SyntaxView, trigger: int, lex: Lexicon) -> bool:
    """Negation carried by the claim's frame, subject or a two-word adverb."""
    negators = lex.words("negators")
    for node in view.ancestors(trigger)[:6]:
        if view.lemma[node] in lex.words("evidence_nouns") and any(
            view.lower[k] in negators for k in view.kids[node]
        ):
            return True  # "no evidence that", "no sign that"
    if _refused_request(view, trigger, lex):
        return True  # "rejected requests to fund X"
    return _negated_subject(view, trigger, negators) or _no_longer(view, trigger, lex)


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


def _negated_subject(view: SyntaxView, verb: int, negators: frozenset[str]) -> bool:
    """ "Neither X nor Y has designated Z", "X armed neither Y nor Z": the negator leads
    the subject or the object."""
    parties = ("subj", "subj:pass", "obj")
    for subject in (k for k in view.kids[verb] if view.role[k] in parties):
        first = min(view.subtree(subject))
        if view.lower[first] in negators and view.role[first] in ("cc", "det", "advmod"):
            return True
    return False


def _no_longer(view: SyntaxView, verb: int, lex: Lexicon) -> bool:
    """ "X no longer arms Y": a negator on an adverb of continuation."""
    return any(
        view.lemma[k] in lex.words("continuation_words")
        and any(view.lower[j] in lex.words("negators") for j in view.kids[k])
        for k in view.kids[verb]
    )
