"""Words that point back to an actor named earlier: "it", "they", "the group", "the regime".

A light, explainable resolver: a pronoun or definite description takes the nearest
earlier actor of a compatible kind, preferring the subject of its own sentence and
then of the sentences before (the centre of attention in news prose).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token

from proxygraph.actors import Catalog
from proxygraph.extract.lexicon import Lexicon
from proxygraph.extract.mentions import GROUP_LIKE, NOT_A_PARTY, ActorRef
from proxygraph.nlp.tagging import tokens_with_pos

# Catalog types a word for insurgents or militants can stand for (lexicon insurgent_nouns).
INSURGENT_TYPES = frozenset({"armed_group", "provisional", "other"})
# Words that can point back: pronouns and nouns with a determiner (see _wanted_kind); a
# lowercase "proper noun" is a common noun the tagger misread ("the jihadist group").
POINTER_POS = frozenset({POS_IDS["PRON"], POS_IDS["NOUN"], POS_IDS["PROPN"]})
POINTER_TAGS = frozenset({"PRP", "PRP$"})
COMMON_NOUNS = frozenset({POS_IDS["NOUN"]})
LONGEST_NAME = 1000  # no actor's name is longer; bounds the bisection's window
LOOKBACK_CHARS = 600  # antecedents further back than a paragraph or so are unreliable


def pointer_pattern(lex: Lexicon) -> re.Pattern[str]:
    """Words that can point back to an actor named earlier ("the group", "it")."""
    words = set().union(*lex.anaphors.values())
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")\b", re.IGNORECASE)


def counted_pattern(lex: Lexicon) -> re.Pattern[str]:
    """A counted or definite plural description, which points back to several actors at
    once ("the three countries", "both groups", "the groups"): enough by itself for a
    sentence to hold a claim."""
    counting = [*lex.set_sizes, *lex.words("plural_determiners")]
    counts = "|".join(sorted(map(re.escape, counting))) or "(?!)"
    nouns = "|".join(sorted(map(re.escape, lex.anaphors.get("pair_nouns", ())))) or "(?!)"
    return re.compile(rf"\b(?:{counts})\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b", re.IGNORECASE)


def resolve(
    parsed: Doc,
    offset: int,
    tokens: dict[int, ActorRef],
    refs: list[ActorRef],
    lex: Lexicon,
    text: str,
    demonyms: dict[str, str],
) -> dict[int, ActorRef]:
    """Token index -> antecedent for every anaphor of the sentence."""
    out: dict[int, ActorRef] = {}
    tokens = dict(tokens)
    # only a listed pronoun or noun can point back (_wanted_kind): the others are skipped
    # before a Token is built for them
    words = lex.words("speaker_pronouns").union(*lex.anaphors.values())
    for tok in tokens_with_pos(parsed, POINTER_POS, tags=POINTER_TAGS, words=words):
        if tok.i in tokens:
            continue
        want = _wanted_kind(tok, tokens, lex)
        if want is None:
            continue
        before = offset + tok.idx
        antecedent = _seat_named(tok, tokens, lex) if want == "state" else None
        if antecedent is None:
            antecedent = _antecedent(
                want, tok, before, parsed, offset, tokens, refs, text, demonyms, lex
            )
        backers = {
            tokens[t.i].actor for t in tok.subtree if t.i < tok.i and t.i in tokens and _hyphened(t)
        }
        if antecedent is not None and antecedent.actor not in backers:
            # "the Iran-backed militia" is the militia named before, never Iran itself
            if want == "state" and antecedent.is_person:
                antecedent = replace(antecedent, person=None)  # his state, not him
            out[tok.i] = antecedent.as_anaphor(before, before + len(tok.text), tok.text)
            tokens[tok.i] = out[tok.i]
    return out


def resolve_pairs(
    parsed: Doc,
    offset: int,
    tokens: dict[int, ActorRef],
    refs: list[ActorRef],
    lex: Lexicon,
    text: str,
) -> dict[int, list[ActorRef]]:
    """Token index -> the actors a counted plural description stands for: "both groups",
    "the two countries", "the three states" (lexicon ``pair_nouns`` with a word of
    ``set_sizes``): the last distinct actors of that kind named before it, as many as the
    word counts, in this sentence or the one before. Places are no candidates ("met in
    Doha. The two countries ...")."""
    out: dict[int, list[ActorRef]] = {}
    nouns = tokens_with_pos(parsed, COMMON_NOUNS, words=lex.anaphors["pair_nouns"])
    for tok in nouns:
        kind, size = _counted_kind(tok, tokens, lex)
        if kind is None:
            continue
        before = offset + tok.idx
        here = [tokens[i] for i in sorted(tokens) if i < tok.i]
        earlier = [r for r in _near(refs, before - LOOKBACK_CHARS, offset) if r.end <= offset]
        candidates = [*earlier, *here]
        joiners = lex.words("list_joiners") | lex.words("definite_determiners")
        if size:
            members = _last_listed(candidates, kind, size, text, joiners)
            members = members or _last_distinct(candidates, kind, size)
        else:
            members = _last_run(candidates, kind, text, joiners)
            if not members and kind == "group":  # states are named in passing too often
                members = _last_sentence_set(candidates, kind, text)
        if members:
            out[tok.i] = [r.as_anaphor(before, before + len(tok.text), tok.text) for r in members]
    return out


def resolve_coordinated(
    parsed: Doc, tokens: dict[int, ActorRef], lex: Lexicon
) -> dict[int, list[ActorRef]]:
    """Token index -> every actor of a coordinated subject a plural pronoun of its clause
    stands for: "The U.S. and Britain said *they* struck the Houthis" (both)."""
    out: dict[int, list[ActorRef]] = {}
    plural = lex.anaphors["pronoun_plural"]
    for tok in tokens_with_pos(parsed, frozenset(), tags=POINTER_TAGS, words=plural):
        named = tokens.get(tok.i)
        if tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
            continue  # "X and Y chastised Z and accused *them*": an object is someone else
        if named is not None and named.kind != "anaphor":
            continue
        ancestors = {a.i for a in tok.ancestors}
        subject = next(
            (
                t
                for t in reversed(parsed[: tok.i])
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.i in ancestors
            ),
            None,
        )
        if subject is None or subject.head.i == tok.head.i:
            continue  # the pronoun's own clause: "X and Y ... their" is handled by its verb
        if not any(t.dep_ == "cc" for t in subject.subtree):
            continue
        actors: dict[str, ActorRef] = {}
        for t in subject.subtree:
            ref = tokens.get(t.i)
            if ref is not None and not ref.is_person and ref.kind not in NOT_A_PARTY:
                actors.setdefault(ref.actor, ref)
        if len(actors) >= 2:
            out[tok.i] = list(actors.values())
    return out


def _counted_kind(tok: Token, tokens: dict[int, ActorRef], lex: Lexicon) -> tuple[str | None, int]:
    if tok.i in tokens or tok.lower_ not in lex.anaphors["pair_nouns"]:
        return None, 0
    counts = [c.lower_ for c in tok.children if c.lower_ in lex.set_sizes]
    if counts:
        whole = any(c.lower_ in lex.words("count_determiners") for c in tok.children)
        if not (_definite(tok, lex) or whole or counts[0] in lex.words("definite_counts")):
            return None, 0  # "one of three allied factions" points back to nothing
        size = lex.set_sizes[counts[0]]
    elif _bare_definite_plural(tok, lex):
        size = 0  # "the groups": as many as were last named together
    else:
        return None, 0
    singular = tok.lemma_.lower()
    if singular in lex.anaphors["state_nouns"]:
        return "state", size
    return ("group" if singular in lex.anaphors["group_nouns"] else None), size


GAP_WORDS = re.compile(r",|[^\s,]+")
# Set sizes beyond which "the groups" is no set named just before (a survey, not a list).
LARGEST_UNCOUNTED_SET = 4
# Dependents that say which ones a plural means: a preposition, a participle, a relative.
DESCRIBING_DEPS = frozenset({"prep", "acl", "relcl"})


def _bare_definite_plural(tok: Token, lex: Lexicon) -> bool:
    """ "the groups", "these militias": a definite plural with nothing that says which
    ones ("the groups operating in Mali", "the factions of X" are described anew; "the
    other militias", lexicon ``set_excluding_words``, are not those named)."""
    if tok.tag_ != "NNS" or not _definite(tok, lex):
        return False
    excluding = lex.words("set_excluding_words")
    return not any(c.dep_ in DESCRIBING_DEPS or c.lower_ in excluding for c in tok.children)


def _last_run(
    candidates: list[ActorRef], kind: str, text: str, joiners: frozenset[str]
) -> list[ActorRef]:
    """The last list of two or more actors of the kind, however long ("Iran armed X and Y.
    The groups ..."): the last fitting actor and those joined to it by list joiners (and
    articles: ``joiners`` holds both)."""
    fitting = [r for r in candidates if _kind_fits(r, kind)]
    if not fitting:
        return []
    run = [fitting[-1]]
    for ref in reversed(fitting[:-1]):
        words = GAP_WORDS.findall(text[ref.end : run[0].start].lower())
        if not words or not all(w in joiners for w in words):
            break
        run.insert(0, ref)
    distinct = {r.actor: r for r in run}
    return list(distinct.values()) if 2 <= len(distinct) <= LARGEST_UNCOUNTED_SET else []


def _last_sentence_set(candidates: list[ActorRef], kind: str, text: str) -> list[ActorRef]:
    """Every distinct actor of the kind in the sentence that named the last of them
    ("designated X and a splinter group, Y. The groups ..."), if two to four."""
    fitting = [r for r in candidates if _kind_fits(r, kind)]
    if not fitting:
        return []
    boundary = max(text.rfind(". ", 0, fitting[-1].start), text.rfind("\n", 0, fitting[-1].start))
    distinct = {r.actor: r for r in fitting if r.start > boundary}
    return list(distinct.values()) if 2 <= len(distinct) <= LARGEST_UNCOUNTED_SET else []


def _last_listed(
    candidates: list[ActorRef], kind: str, size: int, text: str, joiners: frozenset[str]
) -> list[ActorRef]:
    """The last list of exactly ``size`` actors of the kind ("Mali, Niger and Burkina Faso
    expelled France. The three countries ..." are the three listed, not the last three
    named): actors joined only by the lexicon's ``list_joiners`` (and articles)."""

    def joined(a: ActorRef, b: ActorRef) -> bool:
        words = GAP_WORDS.findall(text[a.end : b.start].lower())
        return bool(words) and all(w in joiners for w in words)

    fitting = [r for r in candidates if _kind_fits(r, kind)]
    for end in range(len(fitting), size - 1, -1):
        run = fitting[end - size : end]
        listed = all(joined(a, b) for a, b in itertools.pairwise(run))
        longer = end > size and joined(fitting[end - size - 1], run[0])  # part of a longer list
        if listed and not longer and len({r.actor for r in run}) == size:
            return run
    return []


def _kind_fits(ref: ActorRef, kind: str) -> bool:
    fits = ref.actor_type == "state" if kind == "state" else ref.actor_type in GROUP_LIKE
    return fits and not ref.is_person and ref.kind not in NOT_A_PARTY


def _last_distinct(candidates: list[ActorRef], kind: str, size: int) -> list[ActorRef]:
    """The last ``size`` distinct actors of a kind, in text order."""
    picked: list[ActorRef] = []
    for ref in reversed(candidates):
        if _kind_fits(ref, kind) and all(p.actor != ref.actor for p in picked):
            picked.insert(0, ref)
        if len(picked) == size:
            return picked
    return []


def _wanted_kind(tok: Token, tokens: dict[int, ActorRef], lex: Lexicon) -> str | None:
    word = tok.lower_
    if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
        if word in lex.anaphors["pronoun_org"] and not _is_dummy_it(tok, lex):
            return "org_or_state"
        if word in lex.anaphors["pronoun_plural"]:
            return "group"
        if word in lex.anaphors["pronoun_person"]:
            return "person"
        if word in lex.words("speaker_pronouns"):
            return "speaker"
        return None
    if not _common_noun(tok) or not _definite(tok, lex):
        return None
    if any(c.i in tokens and c.dep_ in ("compound", "poss") for c in tok.children):
        return None  # "the Taliban movement" names its actor
    if any(c.dep_ == "prep" and c.lower_ in lex.words("member_markers") for c in tok.children):
        return None  # "the government of Prime Minister X" says whose it is
    if tok.tag_ == "NNS" and any(
        c.lower_ in lex.words("set_excluding_words") for c in tok.children
    ):
        return None  # "the other militias" are none of those named
    if word in lex.anaphors["group_nouns"] or tok.lemma_.lower() in lex.anaphors["group_nouns"]:
        insurgent = lex.anaphors.get("insurgent_nouns", frozenset())
        return "armed" if tok.lemma_.lower() in insurgent or word in insurgent else "group"
    if word in lex.anaphors["state_nouns"] or tok.lemma_.lower() in lex.anaphors["state_nouns"]:
        return "state" if tok.tag_ != "NNS" else None  # "the juntas" are several states
    return None


def _hyphened(tok: Token) -> bool:
    """A name inside a hyphened modifier ("Russia-aligned", "Iran-backed")."""
    return "-" in tok.text or tok.dep_ == "npadvmod" or tok.nbor(1).text == "-"


def _common_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.text.islower())


def _definite(tok: Token, lex: Lexicon) -> bool:
    """ "the group", "the mercenary outfit": a definite determiner on the noun, or
    opening its phrase where the parser hung it on an adjective."""
    determiners = lex.words("definite_determiners")
    if any(c.lower_ in determiners and c.dep_ == "det" for c in tok.children):
        return True
    first = tok.left_edge
    return first.i < tok.i and first.lower_ in determiners and first.dep_ == "det"


def _is_dummy_it(tok: Token, lex: Lexicon) -> bool:
    """ "It is clear that ...", "it was to Moscow they looked": no antecedent."""
    head = tok.head
    if tok.dep_ == "expl":
        return True
    return (
        tok.lower_ in lex.words("expletive_pronouns")
        and head.lemma_ in lex.words("copulas")
        and any(c.dep_ in ("ccomp", "xcomp", "acomp", "attr") for c in head.children)
        and tok.dep_ == "nsubj"
        and head.i > tok.i
        and any(c.dep_ == "ccomp" for c in head.children)
    )


def _antecedent(
    want: str,
    tok: Token,
    before: int,
    parsed: Doc,
    offset: int,
    tokens: dict[int, ActorRef],
    refs: list[ActorRef],
    text: str,
    demonyms: dict[str, str],
    lex: Lexicon,
) -> ActorRef | None:
    if want == "speaker":
        return _speaker(parsed, tokens)
    if want == "state" and tok.pos_ == "NOUN":
        owner = _described_earlier(tok, before, refs, text)
        if owner is not None:
            return owner
    acted_on = _acted_on_for_reason(tok, tokens, lex, want, demonyms) or _charged_subject(
        tok, tokens, lex, want, demonyms
    )
    if acted_on is not None:
        return acted_on
    if tok.lower_ in lex.words("plural_possessives"):
        people = _owners_of_plural_subject(tok, parsed, tokens, want, demonyms)
        if people:  # "Iran's border guards used their fire": a state's people are plural
            return people[-1]
    for strict in (True, False):  # plural pronouns prefer groups, then accept states
        same = [
            tokens[i]
            for i in sorted(tokens)
            if i < tok.i and _fits(tokens[i], want, tok, demonyms, strict, same_sentence=True)
        ]
        subjects = [
            tokens[i]
            for i in sorted(tokens)
            if i < tok.i
            and _is_subject(parsed[i], tokens, lex)
            and _fits(tokens[i], want, tok, demonyms, strict, same_sentence=True)
        ]
        if (tok.dep_ in ("dobj", "dative", "pobj") and tok.lower_ in ("it", "them")) or (
            tok.dep_ == "dobj" and _common_noun(tok)
        ):
            # "Washington designated X, accusing it", "Sudan sued the UAE, accusing the
            # Gulf state": an object points past its own clause's subject
            subjects = []
            described = _described_doer(tok)
            own = [] if described else _clause_subjects(tok)
            bound = [r for r in same if any(tokens[i] is r for i in own if i in tokens)]
            if described:  # "a UN report accusing it": the report's owner is not "it"
                same = [
                    r for r in same if not any(tokens[i] is r for i in described if i in tokens)
                ]
            elif own and bound:
                # "The TTP said Venezuela had supplied it": only the own clause's subject
                # is out of reach; a speaker above it is not
                same = [r for r in same if r not in bound]
            else:
                same = [
                    r
                    for r in same
                    if not any(
                        parsed[i].dep_ in ("nsubj", "nsubjpass") and tokens[i] is r for i in tokens
                    )
                ]
            if same:
                return same[-1]
        if subjects:
            return subjects[-1]
        # "it" points to a subject or to the last topic, never to a mere mention
        if same and tok.lower_ not in lex.words("expletive_pronouns"):
            return same[-1]
        earlier = [
            r
            for r in _near(refs, before - LOOKBACK_CHARS, offset)
            if before - LOOKBACK_CHARS <= r.end <= offset and _fits(r, want, tok, demonyms, strict)
        ]
        if earlier:
            return _topic(earlier, text)
    return None


def _described_doer(tok: Token) -> set[int]:
    """The words naming the doer of a participle clause that describes a noun, for a
    pronoun that is the clause's object: "a U.N. report *accusing it* of arming X" - the
    report (and the U.N.) accuse, so "it" is someone else, and the sentence's subject
    may well be it ("Eritrea dismissed a U.N. report accusing it ...")."""
    verb = tok.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG":
        return set()
    doer = verb.head
    return {t.i for t in doer.subtree if t.i < verb.i}


def _clause_subjects(tok: Token) -> list[int]:
    """The subjects of the clause an object pronoun stands in: its verb's, or, for a verb
    without its own ("designated X, accusing it"), the subjects of the verb it hangs on, up
    to a reported clause ("said X had armed it": X only)."""
    verb = tok.head if tok.dep_ != "pobj" else tok.head.head
    for _ in range(4):
        found = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if found or verb.dep_ not in ("advcl", "xcomp", "conj", "acl", "pcomp", "prep"):
            return found
        verb = verb.head
    return []


def _acted_on_for_reason(
    tok: Token, tokens: dict[int, ActorRef], lex: Lexicon, want: str, demonyms: dict[str, str]
) -> ActorRef | None:
    """ "Canada sanctioned Iran over its support for X": a possessive in a phrase of reason
    or purpose (lexicon ``reason_markers``) owned by the last actor its clause acts on (an
    object, or a noun of a preposition other than an agent's) before that phrase."""
    if tok.dep_ != "poss":
        return None
    marker = _reason_phrase(tok, lex.words("reason_markers"))
    if marker is None:
        return None
    return _last_acted_on(marker, tok, tokens, lex, want, demonyms)


def _last_acted_on(
    marker: Token,
    tok: Token,
    tokens: dict[int, ActorRef],
    lex: Lexicon,
    want: str,
    demonyms: dict[str, str],
) -> ActorRef | None:
    """The last actor the clause of ``marker`` acts on before it (an object, or a noun of
    a preposition other than an agent's)."""
    agents = lex.words("agent_preps")
    acted_on = [
        tokens[t.i]
        for t in marker.head.subtree
        if t.i < marker.i
        and t.i in tokens
        and (t.dep_ in ("dobj", "dative") or (t.dep_ == "pobj" and t.head.lower_ not in agents))
        and _fits(tokens[t.i], want, tok, demonyms, strict=False, same_sentence=True)
    ]
    return acted_on[-1] if acted_on else None


def _charged_subject(
    tok: Token, tokens: dict[int, ActorRef], lex: Lexicon, want: str, demonyms: dict[str, str]
) -> ActorRef | None:
    """ "Washington halted aid to Pakistan on the grounds that *it* sheltered Y": the
    subject of a clause that completes a noun of a charge (lexicon ``grounds_nouns``) in a
    phrase on a verb is the one that verb acts on."""
    clause = tok.head
    if tok.dep_ != "nsubj" or clause.dep_ not in ("relcl", "acl", "ccomp") or clause.i < tok.i:
        return None
    charge = clause.head
    if charge.lemma_.lower() not in lex.words("grounds_nouns") or charge.dep_ != "pobj":
        return None
    return _last_acted_on(charge.head, tok, tokens, lex, want, demonyms)


def _reason_phrase(tok: Token, markers: frozenset[str]) -> Token | None:
    """The preposition of reason or purpose whose phrase holds ``tok`` ("for use in *its*
    war", "for helping *its* allies"), not one beyond a clause of its own ("for helping Z
    defend *its* land": Z's)."""
    for above in tok.ancestors:
        if above.dep_ == "prep" and above.lower_ in markers:
            return above
        if above.pos_ in ("VERB", "AUX") and above.dep_ != "pcomp":
            return None
    return None


def _owners_of_plural_subject(
    tok: Token, parsed: Doc, tokens: dict[int, ActorRef], want: str, demonyms: dict[str, str]
) -> list[ActorRef]:
    """Actors owning a plural subject before ``tok`` ("Iran's border guards")."""
    return [
        tokens[i]
        for i in sorted(tokens)
        if i < tok.i
        and parsed[i].dep_ in ("poss", "compound")
        and parsed[i].head.dep_ in ("nsubj", "nsubjpass")
        and parsed[i].head.tag_ == "NNS"
        and parsed[i].head.i < tok.i
        and _fits(tokens[i], want, tok, demonyms, False, same_sentence=True)
    ]


def _seat_named(tok: Token, tokens: dict[int, ActorRef], lex: Lexicon) -> ActorRef | None:
    """ "the junta in Niamey": the state whose capital the description names; "the
    government of President X": the state of the official it names."""
    for prep in tok.children:
        word = prep.lower_
        owner = word in lex.words("state_owner_preps")
        if prep.dep_ != "prep" or not (owner or word in lex.words("seat_markers")):
            continue
        for place in prep.children:
            ref = tokens.get(place.i)
            if ref is None or ref.actor_type != "state" or (ref.is_person and not owner):
                continue
            return replace(ref, person=None)
    return None


# "Myanmar's junta", "the Malian military junta", "Niger's new regime": an actor the
# document has called by this noun (one adjective may stand between).
OWNED_DESCRIPTION = r"^(?:['’]s)?\s+(?:[a-z]+\s+)?{noun}\b"


def _described_earlier(tok: Token, before: int, refs: list[ActorRef], text: str) -> ActorRef | None:
    """The actor the document last called by the same noun ("Myanmar's junta ... the
    junta"): "the junta" is that state's junta, whoever was named in between."""
    noun = re.escape(tok.lower_)
    after = re.compile(OWNED_DESCRIPTION.format(noun=noun), re.IGNORECASE)
    inside = re.compile(rf"\b{noun}$", re.IGNORECASE)  # the catalog's "Myanmar's junta"
    for ref in reversed(_near(refs, 0, before)):
        if ref.end > before or ref.is_person or ref.kind in ("place", "anti", "anaphor", "pro"):
            continue
        if after.match(text, ref.end) or inside.search(ref.surface):
            return ref
    return None


def _near(refs: list[ActorRef], start: int, end: int) -> list[ActorRef]:
    """The refs (sorted by start) that begin in [start - a long name, end]: found by
    bisection, so that a pronoun costs the same in a long document as in a short one."""
    first = bisect_left(refs, start - LONGEST_NAME, key=lambda r: r.start)
    last = bisect_right(refs, end, key=lambda r: r.start)
    return refs[first:last]


def _topic(earlier: list[ActorRef], text: str) -> ActorRef:
    """The first fitting actor of the nearest sentence that has one: news sentences put
    their topic first."""
    last = earlier[-1]
    boundary = max(text.rfind(". ", 0, last.start), text.rfind("\n", 0, last.start))
    same_sentence = [r for r in earlier if r.start > boundary]
    return same_sentence[0] if same_sentence else last


def _is_subject(tok: Token, tokens: dict[int, ActorRef], lex: Lexicon) -> bool:
    """A subject, or the owner of one ("the organization's founders"); of a subject that
    names a side by its relation to another ("Russia's Iranian ally": lexicon
    ``side_role_nouns``), the side named by its adjective, not the other."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    head = tok.head
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if _named_side(head, tokens, lex) is not None:
        return tok.dep_ == "amod"
    return tok.dep_ in ("poss", "compound")


def _named_side(noun: Token, tokens: dict[int, ActorRef], lex: Lexicon) -> Token | None:
    """The adjective naming the side a role noun stands for ("Russia's *Iranian* ally")."""
    if noun.lemma_.lower() not in lex.words("side_role_nouns"):
        return None
    return next((c for c in noun.children if c.dep_ == "amod" and c.i in tokens), None)


def _speaker(parsed: Doc, tokens: dict[int, ActorRef]) -> ActorRef | None:
    """ "we"/"our" in a quotation: the group of whoever says it ("a Hezbollah commander said")."""
    for verb in parsed:
        if verb.lemma_ not in ("say", "tell", "add", "state", "declare", "insist"):
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            for t in subject.subtree:
                if t.i in tokens and tokens[t.i].kind not in ("place", "anti"):
                    return tokens[t.i]
    return None


def _fits(
    ref: ActorRef,
    want: str,
    tok: Token,
    demonyms: dict[str, str],
    strict: bool = True,
    same_sentence: bool = False,
) -> bool:
    if ref.kind == "anaphor" and not same_sentence:
        return False
    if want == "person":
        return ref.is_person
    if want == "state" and ref.is_person:
        return ref.actor_type == "state"  # "Petro said ... the government": his state
    if ref.is_person:
        return False
    if want == "state":
        return ref.actor_type == "state"
    if want == "armed" and ref.actor_type not in INSURGENT_TYPES:
        return False  # "the insurgents" are no state, agency or hired company
    if want in ("group", "armed"):
        country = _demonym_country(tok, demonyms)
        if ref.actor_type not in GROUP_LIKE and (_common_noun(tok) or strict):
            return False
        return country is None or ref.country == country
    return True


def _demonym_country(tok: Token, demonyms: dict[str, str]) -> str | None:
    """ "the Lebanese group": a group based in the country the adjective names."""
    for child in tok.children:
        if child.dep_ == "amod" and child.pos_ in ("ADJ", "PROPN") and child.text[:1].isupper():
            return demonyms.get(child.text)
    return None


def demonym_states(catalog: Catalog) -> dict[str, str]:
    """Each state's demonyms ("Lebanese") -> the state, from the catalog in use."""
    return {
        word: actor.name
        for actor in catalog.actors.values()
        if actor.type == "state"
        for word in actor.demonyms
    }
