"""Claims from one parsed sentence: every trigger word yields claims between the actors
the parse ties to it (documents.py decides which sentences are parsed).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.parts_of_speech import AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from proxygraph.actors import Catalog
from proxygraph.extract import anaphora, mood
from proxygraph.extract.certainty import SentenceScan, judge
from proxygraph.extract.engine import ConstructionMatcher, Match
from proxygraph.extract.lexicon import Lexicon
from proxygraph.extract.mentions import NOT_A_PARTY, ActorRef, place_person
from proxygraph.extract.roles import Roles
from proxygraph.extract.timex import TimeWords, claim_time, sentence_year
from proxygraph.models import Claim, Document, Mention
from proxygraph.nlp.pipeline import text_length
from proxygraph.nlp.syntax import Scheme, SyntaxView
from proxygraph.nlp.tagging import NOUNS_AND_VERBS, PROPER_NOUNS, tokens_with_pos
from proxygraph.ontology import relation
from proxygraph.settings import Settings

NER_LABELS = {"ORG": "provisional", "PERSON": "person"}
# Claims of the hand-written readings are named "en.legacy.<reading>"; an exclusive
# construction's name carries a mark until its rivals on the same word are dropped.
LEGACY = "en.legacy"
EXCLUSIVE = "!"
EXCLUSIVE_PARTIES = "!~"  # exclusive only between its own two parties
# The nearest-actor fallback: how far it looks (words), and the relations whose direction
# a word order cannot tell. What stops it is `clause_breaks` in the lexicon.
FALLBACK_WINDOW = 8
FALLBACK_EXCLUDED = {"MEMBER_OF", "CONTROLS", "DESIGNATES_TERRORIST"}
# Kinds of actor a person introduced by an office in it is a member of; a state's agency
# ("military intelligence spokesman X") stands for the state, whose official X is.
MEMBERSHIP = {"armed_group", "political", "pmc", "other", "provisional"}


def refs_between(refs: list[ActorRef], start: int, end: int) -> list[ActorRef]:
    i = bisect_left(refs, start, key=lambda r: r.start)
    out = []
    while i < len(refs) and refs[i].start < end:
        out.append(refs[i])
        i += 1
    return out


@dataclass(frozen=True)
class ReaderKit:
    """What reading a sentence needs, built once per extractor (extract/extractor.py)."""

    catalog: Catalog
    settings: Settings
    lexicon: Lexicon
    matcher: ConstructionMatcher
    scheme: Scheme
    hashes: TriggerHashes
    demonyms: dict[str, str]  # "Lebanese" -> Lebanon, from the catalog in use
    times: TimeWords | None = None  # the language's date words (data/<lang>/time.yaml)


class SentenceReader:
    """Claims of one parsed sentence."""

    def __init__(
        self,
        doc: Document,
        parsed: Doc,
        offset: int,
        refs: list[ActorRef],
        kit: ReaderKit,
    ) -> None:
        self.doc, self.parsed, self.offset, self.kit = doc, parsed, offset, kit
        self.lex, self.settings, self.catalog = kit.lexicon, kit.settings, kit.catalog
        self.matcher = kit.matcher
        self._view: SyntaxView | None = None
        self.earlier: list[Claim] = []  # the document's claims so far, for "such support"
        self.new_mentions: list[Mention] = []
        self.fused: dict[int, list[ActorRef]] = {}  # other actors of one token ("U.S.-Taliban")
        self.text = doc.text[offset : offset + text_length(parsed)]  # what was parsed
        self.year = sentence_year(self.text)
        self.sent: Span = parsed[:]
        self.tokens = self._align(refs_between(refs, offset, offset + len(self.text)))
        for i, members in anaphora.resolve_pairs(
            parsed, offset, self.tokens, refs, self.lex, doc.text
        ).items():
            self.tokens[i] = members[-1]  # "both groups": one token, two actors
            self.fused.setdefault(i, []).extend(members[:-1])
        self.tokens.update(  # a set resolved above is not read again as one actor
            anaphora.resolve(parsed, offset, self.tokens, refs, self.lex, doc.text, kit.demonyms)
        )
        for i, members in anaphora.resolve_coordinated(parsed, self.tokens, self.lex).items():
            start = offset + parsed[i].idx
            end = start + len(parsed[i].text)
            found = [r.as_anaphor(start, end, parsed[i].text) for r in members]
            self.tokens[i] = found[-1]  # "X and Y said they struck": both
            self.fused[i] = found[:-1]
        self.roles = Roles(self.tokens, self.lex)

    def _align(self, refs: list[ActorRef]) -> dict[int, ActorRef]:
        tokens: dict[int, ActorRef] = {}
        for ref in refs:
            if ref.actor_type == "person" and self.year:
                ref = place_person(ref, self.catalog, self.year)
            span = self.parsed.char_span(
                ref.start - self.offset, ref.end - self.offset, alignment_mode="expand"
            )
            if span is not None:
                for i in range(span.start, span.end):  # (no Token built per word)
                    if i in tokens and tokens[i].actor != ref.actor:  # "U.S.-Taliban"
                        self.fused.setdefault(i, []).append(tokens[i])
                    tokens[i] = ref
        for ent in self.parsed.ents:  # set where needs_entities() asked for them
            if ent.label_ in NER_LABELS and not any(t.i in tokens for t in ent):
                ref = self._entity_ref(ent, tokens)
                if ref is not None:
                    for tok in ent:
                        tokens[tok.i] = ref
        return tokens

    def _entity_ref(self, ent: Span, tokens: dict[int, ActorRef]) -> ActorRef | None:
        """An uncatalogued name: a state's institution or official stands for the state
        ("Russia's Supreme Court", "Russian Defence Minister Sergei Shoigu"); a person
        otherwise stays a person; an organisation is provisional if it looks armed."""
        owner = self._title_owner(ent, tokens)
        kind = NER_LABELS[ent.label_]
        if owner is not None:
            start, end = ent.start_char + self.offset, ent.end_char + self.offset
            person = ent.text if kind == "person" else None
            return replace(
                owner,
                start=start,
                end=end,
                surface=ent.text,
                kind="entity",
                person=person or owner.person,
            )
        ref = _entity_ref(ent, self.offset, kind)
        if ref is None or ref.is_person:
            return ref
        head = ent.root.lower_
        if not self.settings.keep_provisional or head not in self.lex.words("provisional_heads"):
            return None
        self.new_mentions.append(
            Mention(self.doc.id, ref.actor, ref.surface, ref.start, ref.end, "provisional", True)
        )
        return ref

    def _title_owner(self, ent: Span, tokens: dict[int, ActorRef]) -> ActorRef | None:
        """The actor named in the title words just before an entity, if any."""
        titles = self.lex.words("group_nouns") | set(self.lex.holder_nouns)
        i = ent.start - 1
        while i >= 0 and i >= ent.start - 6:
            tok = self.parsed[i]
            if i in tokens and not tokens[i].is_person:
                return tokens[i]
            if tok.text in ("'s", "’s", "-", "of") or tok.lemma_.lower() in titles or tok.is_title:
                i -= 1
                continue
            break
        for child in ent.root.children:
            if child.dep_ in ("poss", "compound", "amod") and child.i in tokens:
                return tokens[child.i]
        return None

    @cached_property
    def scan(self) -> SentenceScan:
        """What judging reads sentence-wide, for all the sentence's claims."""
        return SentenceScan(self.sent, self.lex)

    @cached_property
    def _time(self) -> str | None:
        """The claims' time: the sentence's own, else the publication's (one per sentence)."""
        return claim_time(self.text, self.doc.published, self.kit.times)

    @cached_property
    def _listing_context(self) -> bool:
        return _mentions_listing(self.parsed)

    @cached_property
    def _has_on_phrase(self) -> bool:
        """Whether any "on" preposition is there for ``_side_triples`` to look under."""
        strings = self.parsed.vocab.strings
        on, prep = strings.add("on"), strings.add("prep")
        return any(d == prep and w == on for w, d in self.parsed.to_array([LOWER, DEP]).tolist())

    @property
    def view(self) -> SyntaxView:
        """The parser-neutral view, built when first needed."""
        if self._view is None:
            self._view = SyntaxView(self.parsed, self.kit.scheme, self.lex.phrasal_preps)
        return self._view

    def claims(self) -> list[Claim]:
        named = [*self.tokens.values(), *(r for refs in self.fused.values() for r in refs)]
        if len({r.person or r.actor for r in named}) < 2:
            return []  # a claim needs two parties (a person counts as one of their own)
        seen: set[tuple] = set()
        out: list[Claim] = []
        triples = list(self._triples())
        triples += [(*t, f"{LEGACY}.catalog_role") for t in self._known_members()]
        used = {t[0].i for t in triples}
        matched = self._construction_triples()  # first: a claim both make is the construction's
        triples = _without_overridden(matched + triples)
        used |= {t[0].i for t in matched}
        if self.settings.nearest_fallback:
            triples += [(*t, f"{LEGACY}.nearest") for t in self._nearest_triples(used)]
        read: set[tuple] = set()
        for trigger, rel, agent, patient, construction in triples:
            reading = (
                trigger.i,
                rel,
                agent.actor,
                agent.person,
                agent.kind,
                patient.actor,
                patient.kind,
            )
            if reading in read:  # another construction's same reading: judged once
                continue
            read.add(reading)
            name = construction.removesuffix(EXCLUSIVE_PARTIES).removesuffix(EXCLUSIVE)
            negated_relation = self.matcher.negated_relations.get(name)
            undoes = name in self.matcher.undoing
            claim = self._claim(trigger, rel, agent, patient, negated_relation, undoes)
            if claim is None or self._one_government(claim):
                continue
            claim.construction = name
            claim.extras["basis"] = _basis(construction)
            self._own_speech_act(claim)
            derived = [*self._before_it_ended(claim, trigger), *self._accusation(claim)]
            for found in [claim, *derived]:
                if found.key not in seen:
                    seen.add(found.key)
                    out.append(found)
        return _without_contradicted(out, self.lex.contradicted_by)

    def _construction_triples(self) -> list[tuple[Token, str, ActorRef, ActorRef, str]]:
        """What the constructions (data) read in the sentence."""
        view = self.view
        return [
            (
                self.parsed[m.trigger],
                m.relation,
                m.agent,
                m.patient,
                m.construction + _exclusive_mark(m),
            )
            for m in self.matcher.matches(view, self.tokens, self.fused)
        ]

    def _speaks_for(self, speaker: Token, agent: ActorRef) -> bool:
        """Whether the one who says it is the actor it is said about (a self-denial)."""
        return any(
            t.i in self.tokens and self.tokens[t.i].actor == agent.actor for t in speaker.subtree
        )

    def _one_government(self, claim: Claim) -> bool:
        """A group in power and the state it rules are one side from its taking power on
        (catalog ``governs``, ``governs_since``): in 2024 "Kabul" and "the Taliban" name the
        same government. A relation dated before (or starting before) is kept."""
        start = (claim.time or self.doc.published or "").split("/")[0]
        for ruler, state in ((claim.subject, claim.object), (claim.object, claim.subject)):
            entry = self.catalog.get(ruler)
            if entry is not None and entry.governs == state and entry.governs_since:
                return bool(start) and start >= entry.governs_since
        return False

    def _at_home(self, agent: ActorRef, patient: ActorRef) -> bool:
        """Whether the patient is a group of the agent state's own country (catalog)."""
        entry = self.catalog.get(patient.actor)
        return entry is not None and entry.country is not None and entry.country == agent.actor

    def _own_speech_act(self, claim: Claim) -> None:
        """ "Kenya says al-Shabaab is responsible": an accusation its own subject reports
        is made by saying it (``speech_act_relations``), so it is asserted."""
        if claim.certainty != "reported" or claim.relation not in self.lex.words(
            "speech_act_relations"
        ):
            return
        speaker = self._source_actor(claim.source)
        if speaker is not None and speaker.actor == claim.subject:
            claim.certainty = "asserted"

    def _performs(self, speaker: Token | None, agent: ActorRef) -> bool:
        """ "The ministry announced that it had designated X": an actor announcing its own
        act performs it; the announcement is no second-hand report (``performative_verbs``)."""
        return (
            speaker is not None
            and speaker.head.lemma_.lower() in self.lex.words("performative_verbs")
            and self._speaks_for(speaker, agent)
        )

    def _accusation(self, claim: Claim) -> list[Claim]:
        """ "Afghan officials say Iran is arming the Taliban": a source that reports an
        actor's wrongdoing (``accusable_relations``) accuses that actor."""
        if (
            claim.negated
            or claim.certainty not in ("reported", "alleged")
            or claim.relation not in self.lex.words("accusable_relations")
        ):
            return []
        speakers = self._source_actors(claim.source)
        accuser = speakers[-1] if speakers else None  # nearest the head: "X's Y regime" is Y
        if accuser is None or {s.actor for s in speakers} & {claim.subject, claim.object}:
            return []  # "Russia and Iran said they would arm X": nobody accuses himself
        if accuser.actor_type == "person":
            return []  # a person no side is known for accuses as nobody's voice
        construction = claim.construction.split(".", 1)[0] + ".accusation_by_report"
        return [
            replace(
                claim,
                subject=accuser.actor,
                relation="ACCUSES",
                object=claim.subject,
                certainty="asserted",
                source=None,
                subject_type=accuser.actor_type,
                object_type=claim.subject_type,
                construction=construction,
                extras={**claim.extras, "basis": "parse"},
            )
        ]

    def _source_actor(self, source: str | None) -> ActorRef | None:
        """The actor a source phrase names ("U.S. officials", "Gen. Nicholson"), if any:
        the last, nearest the phrase's head ("Afghanistan's Taliban regime" is the Taliban)."""
        named = self._source_actors(source)
        return named[-1] if named else None

    def _source_actors(self, source: str | None) -> list[ActorRef]:
        """Every actor a source phrase names ("Russia and Iran"), in order."""
        at = self.text.find(source) if source else -1
        if at < 0 or source is None:
            return []
        before = self.text[:at].lower().split()[-2:]
        if any(word in self.lex.words("source_preps") for word in before):
            return []  # "according to X" cites X as the source of the news, no more
        start, end = self.offset + at, self.offset + at + len(source)
        return [
            self.tokens[i]
            for i in sorted(self.tokens)
            if start <= self.tokens[i].start < end and self.tokens[i].kind not in NOT_A_PARTY
        ]

    def _earlier_relation(self, subject: str, obj: str) -> str | None:
        """The material relation an earlier sentence claimed between the same two actors."""
        for claim in reversed(self.earlier):
            if (claim.subject, claim.object) == (subject, obj) and claim.family == "material":
                return claim.relation
        return None

    def _before_it_ended(self, claim: Claim, trigger: Token) -> list[Claim]:
        """ "ended its attacks on X": the attacks were made, then stopped; both are claims.
        A span the sentence gives ("a listing in place since 2003") is the time of what
        ended; the end itself is dated by the rest of the sentence or the publication."""
        halting = self.lex.words("cessation_verbs") | self.lex.words("halting_nouns")
        ceased = any(t.lemma_.lower() in halting for t in (trigger.head, trigger.head.head))
        delisted = claim.relation == "DESIGNATES_TERRORIST" and trigger.lemma_.lower() in (
            self.lex.words("delisting_verbs")
        )
        if not claim.negated or not (ceased or delisted):
            return []
        if trigger.lemma_.lower() in self.lex.words("tie_nouns"):
            return []  # "suspended ties with X" is a break in relations, not news of talks
        span = claim.time if claim.time and "/" in claim.time else None
        if span:
            claim.time = span.split("/", 1)[1] or claim.time
        if delisted and not span:
            return []  # a listing ended, with no word of when it began: the end alone
        held = Claim(**{**claim.__dict__, "negated": False, "extras": dict(claim.extras)})
        held.time = span or held.time
        return [held]

    def _nearest_triples(self, used: set[int]) -> list[tuple[Token, str, ActorRef, ActorRef]]:
        """Triggers the parse tied to one actor or none: fill the missing side with the
        nearest actor in the same clause (the parser misreads long news sentences).
        Nouns need one side from the parse; verbs may take both from word order."""
        out = []
        for tok in tokens_with_pos(self.parsed, NOUNS_AND_VERBS):
            rels = [] if tok.i in used else self._trigger_relations(tok)
            if not rels:
                continue
            agents, patients = self._parsed_sides(tok)
            if tok.pos_ == "NOUN" and not (agents or patients):
                continue
            passive = tok.tag_ == "VBN" and any(
                t.lower_ == "by" for t in self.parsed[tok.i + 1 : tok.i + 3]
            )
            before, after = self._nearest(tok, -1), self._nearest(tok, +1)
            if passive:
                before, after = after, before  # "X was armed by Y"
            agents = agents or ([before] if before else [])
            patients = patients or ([after] if after else [])
            out += [
                (tok, rel, a, p)
                for rel in rels
                for a in agents
                for p in patients
                if a is not p and self._fits_family(p, rel)
            ]
            if "ATTACKS" in rels and patients and len(agents) >= 2:  # "US and British forces hit"
                out += [
                    (tok, "FIGHTS_ALONGSIDE", a, b) for a in agents for b in agents if a is not b
                ]
        return out

    def _parsed_sides(self, tok: Token) -> tuple[list[ActorRef], list[ActorRef]]:
        if tok.pos_ == "VERB":
            return self.roles.verb_agents(tok), self.roles.verb_patients(tok)
        return self._noun_parties(tok)

    def _could_be_party(self, i: int) -> bool:
        """Not a place, not an "anti-" target, not a nationality of people or things, not
        a modifier of a thing ("ISIS-controlled areas"), not after a stray preposition."""
        ref, word = self.tokens[i], self.parsed[i]
        if ref.kind in NOT_A_PARTY:
            return False
        while (
            word.head.i in self.tokens and self.tokens[word.head.i] is ref and word.head is not word
        ):
            word = word.head  # judge the name by its last word ("United States")
        while word.dep_ == "conj" and word.head is not word:
            word = word.head  # "in Chechnya and Syria": Syria sits behind "in" too
        head = word.head
        if (
            word.dep_ in ("compound", "amod", "npadvmod", "nmod", "poss")
            and head.i not in self.tokens
            and (head.lemma_.lower() not in self.lex.words("group_nouns"))
        ):
            return False
        if word.dep_ == "pobj" and head.lower_ not in self.lex.words("patient_preps") | {"by"}:
            return False
        if ref.kind == "demonym":
            return word.head.lemma_.lower() in self.lex.words("group_nouns") and (
                word.head.lemma_.lower() not in self.lex.words("nonstate_people")
            )
        return True

    def _trigger_relations(self, tok: Token) -> list[str]:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "acl"):
            return [r for r in self.lex.verbs.get(lemma, ()) if r not in FALLBACK_EXCLUDED]
        if tok.pos_ == "NOUN" and tok.dep_ != "compound":
            return [r for r in self.lex.act_nouns.get(lemma, ()) if r not in FALLBACK_EXCLUDED]
        return []

    def _fits_family(self, patient: ActorRef, rel: str) -> bool:
        """A patient found by word order must sit behind a preposition that fits the
        relation: help goes "to" someone, not "against" them."""
        index = next((i for i, r in self.tokens.items() if r is patient), None)
        word = self.parsed[index] if index is not None else None
        if word is None or word.dep_ != "pobj":
            return True
        return word.head.lower_ in self.lex.family_preps[relation(rel).family] | {"by"}

    def _nearest(self, tok: Token, step: int) -> ActorRef | None:
        """The closest actor within a few words, not across a clause break, and for a
        verb not outside the words that depend on it."""
        i = tok.i + step
        phrase = tok if tok.pos_ == "VERB" else tok.head  # a noun looks within its phrase
        low, high = phrase.left_edge.i, phrase.right_edge.i
        while low <= i <= high and 0 <= i < len(self.parsed) and abs(i - tok.i) <= FALLBACK_WINDOW:
            word = self.parsed[i]
            if word.lower_ in self.lex.words("clause_breaks") or (
                word.pos_ == "VERB" and word.dep_ not in ("amod", "compound") and word is not phrase
            ):
                return None  # a noun may look past its own verb to that verb's subject
            if word.lower_ in ("and", "or") and i > 0 and self.parsed[i - 1].text == ",":
                return None  # ", and Ukrainian forces ...": another clause
            if i in self.tokens and self._could_be_party(i):
                return self.tokens[i]
            i += step
        return None

    # -- finding (trigger, relation, agent, patient) ------------------------------------

    def _triples(self) -> Iterator[tuple[Token, str, ActorRef, ActorRef, str]]:
        """The hand-written readings, each named after the method that made it."""
        for tok in self._trigger_candidates():
            lemma = tok.lemma_.lower()
            found: list[tuple[str, Iterator[tuple[Token, str, ActorRef, ActorRef]]]] = []
            if tok.pos_ in ("VERB", "AUX"):
                found += [
                    ("helped", self._helped_triples(tok)),
                    ("provided", self._provided_triples(tok, lemma)),
                    ("verb", self._verb_triples(tok, lemma)),
                    ("cover", self._cover_triples(tok, lemma)),
                    ("capture", self._capture_triples(tok, lemma)),
                ]
            if tok.i in self.tokens and self.tokens[tok.i].kind == "anti":
                found.append(("anti", self._anti_triples(tok)))
            if tok.pos_ in ("NOUN", "PROPN"):
                found.append(("noun", self._noun_triples(tok, lemma)))
            for name, triples in found:
                for triple in triples:
                    yield (*triple, f"{LEGACY}.{name}")

    def _trigger_candidates(self) -> Iterator[Token]:
        """Tokens that can carry a claim, picked from the arrays without visiting the rest:
        a trigger lemma, a participle ("-backed"), an "anti-" actor, or any verb when the
        sentence has "alongside" or "on the side of"; and of those only the ones a reading
        of ``_triples`` looks at (a Token built for a word no reading takes costs time)."""
        rows = self.parsed.to_array([LEMMA, LOWER, POS, DEP]).tolist()
        cues = self.kit.hashes
        strings = self.parsed.vocab.strings
        sided = any(row[1] in cues.sides for row in rows)  # any verb may fight "alongside"
        for i, (lemma, lower, pos, dep) in enumerate(rows):
            if (
                lemma in cues.lemmas
                or lower in cues.words
                or i in self.tokens
                or sided
                or "-" in strings[lower]
            ) and self._read_by_triples(i, lemma, pos, dep):
                yield self.parsed[i]

    def _read_by_triples(self, i: int, lemma: int, pos: int, dep: int) -> bool:
        """Whether any reading of ``_triples`` can take token ``i`` (from its hashes): a
        verb's; an "anti-" actor's; a noun's, unless a compound or no trigger's lemma (the
        tests ``_noun_triples`` opens with)."""
        cues = self.kit.hashes
        if pos in cues.verb_pos or (i in self.tokens and self.tokens[i].kind == "anti"):
            return True
        if pos not in cues.noun_pos or dep == cues.compound:
            return False
        strings = self.parsed.vocab.strings
        return strings[strings[lemma].lower()] in cues.lemmas

    def _verb_triples(
        self, verb: Token, lemma: str
    ) -> Iterator[tuple[Token, str, ActorRef, ActorRef]]:
        rels = list(self.lex.verbs.get(lemma, ()))
        particles = (c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod", "prep"))
        phrasal = [self.lex.phrasal_verbs.get(f"{lemma} {p}") for p in particles]
        rels = [r for r in phrasal if r] or rels  # "pushed back", "propped up"
        delisting = lemma in self.lex.words("delisting_verbs") and self._listing_context
        if delisting or _terror_frame(verb, lemma, self.lex):
            rels = ["DESIGNATES_TERRORIST"]
        elif "DESIGNATES_TERRORIST" in rels and not self._listing_context:
            rels.remove("DESIGNATES_TERRORIST")
        preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
        preps |= {self.view.marker[k] or "" for k in self.view.kids[verb.i]}  # "side by side with"
        side_by_side = (
            bool(preps & self.lex.words("alongside_preps"))
            or (lemma == "join" and "with" in preps)
            # "fought for the Tripoli government": on its side
            or (lemma in self.lex.words("reciprocal_verbs") and "for" in preps)
        )
        if side_by_side:
            rels = ["FIGHTS_ALONGSIDE"]
        yield from self._side_triples(verb)
        if any(
            c.dep_ == "dobj" and c.lemma_.lower() in self.lex.words("idiom_objects")
            for c in verb.children
        ):
            return  # "paid little attention to"
        if not rels:
            return
        agents = self.roles.verb_agents(verb) + self._helpers(verb)
        # a party after a preposition must fit the relation's family ("lobbied for X at
        # the UN": the UN is where, not whom): only where every relation read shares one
        families = {relation(r).family for r in rels}
        family = families.pop() if len(families) == 1 else None
        patients = self.roles.verb_patients(verb, family) or self._small_clause_subjects(verb)
        accused = [r for c in verb.children if c.dep_ == "dobj" for r in self.roles.referents(c)]
        if ("ACCUSES" in rels or "SANCTIONS" in rels) and accused:
            patients = accused  # "accused the UAE of supplying the RSF": the UAE only
        if "ACCUSES" in rels and not patients:  # "condemned Iran's attack": Iran
            patients = [  # but "blamed an Iran-backed militia" blames the militia
                r
                for c in verb.children
                if c.dep_ == "dobj" and c.lemma_.lower() in self.lex.act_nouns
                for r in self.roles.noun_agents(c)
            ]
        if "ACCUSES" in rels and not patients:  # "blamed the crisis on the failure of US diplomacy"
            patients = [
                self.tokens[t.i]
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "on"
                for t in c.subtree
                if t.i in self.tokens
            ][:1]
        if rels == ["DESIGNATES_TERRORIST"] and not agents:
            agents = self._listing_state(verb)
        if rels == ["FIGHTS_ALONGSIDE"]:
            partners = self.lex.words("alongside_preps") | {"with", "for"}
            patients = self.roles.after(verb, partners)
        if not patients and self._brokered(verb):
            return  # "Qatar and Egypt mediated": go-betweens, not each other's party
        for rel in rels:
            yield from _pairs(verb, rel, agents, patients)
        if "ATTACKS" in rels and patients and len(agents) >= 2 and not _intended(verb, self.lex):
            yield from _pairs(verb, "FIGHTS_ALONGSIDE", agents, [])  # "the US and Britain struck"
        if lemma in self.lex.words("reciprocal_verbs") and not patients and len(agents) >= 2:
            if self._jointly(verb):  # "A and B fought side by side": together, not each other
                yield from _pairs(verb, "FIGHTS_ALONGSIDE", agents, [])
                return
            for a in agents:  # "the Taliban and ISIS have clashed"
                yield from _pairs(verb, "ATTACKS", [a], [b for b in agents if b is not a])

    def _jointly(self, verb: Token) -> bool:
        """Whether an adverbial of the verb says its subjects act together (``joint_adverbs``:
        "together", "side by side")."""
        words = " ".join(
            t.lower_
            for c in verb.children
            if c.dep_ in ("advmod", "npadvmod", "prep")
            for t in c.subtree
        )
        return any(f" {p} " in f" {words} " for p in self.lex.words("joint_adverbs"))

    def _known_members(self) -> Iterator[tuple[Token, str, ActorRef, ActorRef]]:
        """A person named beside the group they are known to serve ("Hekmatyar and his
        Hizb-i-Islami"): membership from the catalog, or from the office the document
        introduced them by ("TNLA spokesperson X"), evidenced by the sentence."""
        refs = [(i, r) for i, r in sorted(self.tokens.items()) if r.kind not in NOT_A_PARTY]
        groups: dict[str, tuple[int, ActorRef]] = {}
        for i, r in refs:  # the first mention of each group, in text order
            if not r.is_person and r.actor_type != "state":
                groups.setdefault(r.actor, (i, r))
        seen: set[str] = set()
        for i, ref in refs:
            if not ref.is_person or ref.person in seen:
                continue
            seen.add(ref.person or "")
            entry = self.catalog.get(ref.person or "")
            for role in entry.roles if entry else ():
                if role.actor in groups:
                    yield self.parsed[i], "MEMBER_OF", ref, groups[role.actor][1]
            if ref.kind == "defined" and ref.actor in groups and ref.actor_type in MEMBERSHIP:
                # "TNLA spokesperson X": the office the document introduced them by says it
                yield self.parsed[i], "MEMBER_OF", ref, groups[ref.actor][1]

    def _provided_triples(
        self, verb: Token, lemma: str
    ) -> Iterator[tuple[Token, str, ActorRef, ActorRef]]:
        """ "providing Pyongyang with oil and food": support, unless what is provided names a
        relation of its own (weapons, money, training), which the noun triggers handle."""
        if lemma not in self.lex.words("light_verbs") or lemma in self.lex.verbs:
            return  # "supplied X with tanks" is the verb's own relation
        given = [
            o
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for o in c.children
            if o.dep_ == "pobj"
        ]
        given += [c for g in given for c in g.conjuncts]
        if not given or any(g.lemma_.lower() in self.lex.act_nouns for g in given):
            return
        receivers = [r for c in verb.children if c.dep_ == "dobj" for r in self.roles.referents(c)]
        yield from _pairs(verb, "SUPPORTS", self.roles.verb_agents(verb), receivers)

    def _helped_triples(self, verb: Token) -> Iterator[tuple[Token, str, ActorRef, ActorRef]]:
        """ "drove the government from Sanaa with help from Iran": Iran supports them."""
        helpers = self._helpers(verb)
        if helpers:
            yield from _pairs(verb, "SUPPORTS", helpers, self.roles.verb_agents(verb))

    def _helpers(self, verb: Token) -> list[ActorRef]:
        """ "Russia, with Iran's assistance, is equipping the Taliban": Iran too."""
        return [
            r
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for o in c.children
            if o.dep_ == "pobj" and o.lemma_.lower() in self.lex.words("help_nouns")
            for r in self.roles.noun_agents(o)
        ]

    def _capture_triples(
        self, verb: Token, lemma: str
    ) -> Iterator[tuple[Token, str, ActorRef, ActorRef]]:
        """ "the Taliban took Kabul": taking a capital is an attack on its state."""
        if lemma not in self.lex.words("capture_verbs"):
            return
        capitals = [
            replace(self.tokens[c.i], kind="metonym")
            for c in verb.children
            if c.dep_ == "dobj"
            and c.i in self.tokens
            and self.tokens[c.i].kind in ("place", "metonym")
        ]
        yield from _pairs(verb, "ATTACKS", self.roles.verb_agents(verb), capitals)

    def _cover_triples(
        self, verb: Token, lemma: str
    ) -> Iterator[tuple[Token, str, ActorRef, ActorRef]]:
        """ "blocks resolutions against X": diplomatic cover for X."""
        if lemma not in self.lex.words("cover_verbs"):
            return
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            if obj.lemma_.lower() not in self.lex.words("cover_objects"):
                continue
            targets = [
                self._as_party(self.tokens[t.i])
                for t in obj.subtree
                if t.i in self.tokens
                and (
                    self.tokens[t.i].kind == "anti"
                    or (t.dep_ == "pobj" and t.head.lower_ in ("against", "on", "targeting"))
                )
            ]
            yield from _pairs(verb, "DIPLOMATIC_COVER", self.roles.verb_agents(verb), targets)

    def _anti_triples(self, tok: Token) -> Iterator[tuple[Token, str, ActorRef, ActorRef]]:
        """ "the American-led anti-ISIS coalition": whoever leads or owns it opposes ISIS."""
        head = tok.head
        while head.dep_ in ("compound", "amod", "punct") and head.head is not head:
            head = head.head
        owners = self.roles.noun_agents(head)
        for child in head.children:
            if child.lower_.rsplit("-", 1)[-1] in self.lex.participles:
                owners += self._hyphen_agents(child)
        yield from _pairs(tok, "HOSTILE_TO", owners, [self._as_party(self.tokens[tok.i])])

    @staticmethod
    def _as_party(ref: ActorRef) -> ActorRef:
        return replace(ref, kind="name") if ref.kind == "anti" else ref

    def _side_triples(self, verb: Token) -> Iterator[tuple[Token, str, ActorRef, ActorRef]]:
        """ "entered the war on the side of Assad's forces": fighting alongside them."""
        if not self._has_on_phrase:
            return  # (walking every verb's subtree to find none is costly)
        for prep in (c for c in verb.subtree if c.dep_ == "prep" and c.lower_ == "on"):
            for side in (
                o for o in prep.children if o.lemma_.lower() in self.lex.words("side_nouns")
            ):
                allies = [
                    r
                    for p in side.children
                    if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children
                    if o.dep_ == "pobj"
                    for r in self.roles.referents(o)
                ]
                yield from _pairs(side, "FIGHTS_ALONGSIDE", self.roles.verb_agents(verb), allies)

    def _small_clause_subjects(self, verb: Token) -> list[ActorRef]:
        """ "considers the Taliban a terrorist group": the Taliban."""
        return [
            r
            for c in verb.children
            if c.dep_ in ("ccomp", "xcomp", "oprd")
            for s in c.children
            if s.dep_ == "nsubj"
            for r in self.roles.referents(s)
        ]

    def _listing_state(self, verb: Token) -> list[ActorRef]:
        """ "designated as a terrorist outfit in Russia": the state that lists."""
        return [r for r in self.roles.after(verb, {"in"}, within=True) if r.actor_type == "state"]

    def _brokered(self, tok: Token) -> bool:
        """Whether ``tok`` is a verb of going between two sides (``mediation_verbs``), or
        the noun it brokers ("talks mediated by Qatar and Turkey"): its agents are
        go-betweens, never each other's party."""
        mediation = self.lex.words("mediation_verbs")
        return tok.lemma_.lower() in mediation or tok.head.lemma_.lower() in mediation

    def _noun_triples(
        self, noun: Token, lemma: str
    ) -> Iterator[tuple[Token, str, ActorRef, ActorRef]]:
        if noun.dep_ == "compound":
            return  # "arms embargo", "peace talks envoy": the head noun decides
        if self.parsed.vocab.strings[lemma] not in self.kit.hashes.lemmas:
            return  # no act noun, head of one's phrase, tie or holder noun: nothing to read
        for rel in self._act_relations(noun, lemma):
            agents, patients = self._noun_parties(noun, relation(rel).family)
            if relation(rel).family == "conflict" and self._wielded(noun, lemma):
                # "Hezbollah fired Iranian missiles": the firer strikes, not the make
                makes = {self.tokens[c.i].actor for c in noun.children if c.i in self.tokens}
                agents = [a for a in agents if a.actor not in makes]
            if rel == "FIGHTS_ALONGSIDE" and lemma not in (
                "cooperation",
                "coordination",
                "collaboration",
            ):
                # "a combined operation against X": partners fight side by side, and attack X
                yield from _pairs(noun, rel, agents, [])
                targets = self.roles.noun_patients(noun, "conflict")
                yield from _pairs(noun, "ATTACKS", agents, targets)
                yield from _pairs(noun, rel, agents, [p for p in patients if p not in targets])
                continue
            if not patients and self._brokered(noun):
                continue  # "a truce brokered by Egypt and Qatar": they are not its sides
            yield from _pairs(noun, rel, agents, patients)
            targets = self.roles.after(noun, {"against"}) if rel == "SUPPORTS" else []
            if targets:  # "Putin's help against ISIS": hostile to ISIS (with no target,
                # _pairs would pair the helpers with each other: "X and Y sent advisers")
                yield from _pairs(noun, "HOSTILE_TO", agents, targets)
            if (
                relation(rel).family == "conflict"
                and not agents
                and len(patients) >= 2
                and any(c.lower_ == "between" for c in noun.children)
            ):  # "the war between the army and the RSF": both sides attack
                for a in patients:
                    for b in patients:
                        if a is not b:
                            yield noun, rel, a, b
            verb = _governing_verb(noun)
            if verb is not None and verb.lemma_.lower() in self.lex.words("mutual_verbs"):
                yield from _pairs(noun, rel, patients, agents)  # "exchange intelligence with"
        inflected = noun.lower_ != lemma  # "arms" are weapons, "the arm of X" its branch
        if lemma in self.lex.holder_nouns and not (
            inflected and lemma in self.lex.words("holders_uninflected_only")
        ):
            rel, role = self.lex.holder_nouns[lemma]
            holders, others = self.roles.holder(noun), self.roles.counterpart(noun)
            if not holders:
                holders, others = self._described_holder(noun, others)
            if holders and not others and noun.dep_ == "pobj" and noun.head.lower_ == "as":
                others = self.roles.verb_agents(noun.head.head)  # "regards Moscow as an enemy"
            if role == "patient_holder":
                holders, others = others, holders
            yield from _pairs(noun, rel, holders, others)

    def _wielded(self, noun: Token, lemma: str) -> bool:
        """A weapon that is the object of a verb with an actor as its subject: that
        subject uses it, whatever make its modifier names."""
        return (
            lemma in self.lex.words("weapon_subjects")
            and noun.dep_ == "dobj"
            and bool(self.roles.verb_agents(noun.head))
        )

    def _described_holder(
        self, noun: Token, others: list[ActorRef]
    ) -> tuple[list[ActorRef], list[ActorRef]]:
        """ "Russia's Iranian ally": the nationality names the ally, the owner the other side."""
        adjectives = [
            self.tokens[c.i]
            for c in noun.children
            if c.dep_ == "amod" and c.i in self.tokens and self.tokens[c.i].kind == "demonym"
        ]
        owners = [
            self.tokens[c.i] for c in noun.children if c.dep_ == "poss" and c.i in self.tokens
        ]
        if adjectives and owners:
            return adjectives, owners
        return [], others

    def _act_relations(self, noun: Token, lemma: str) -> list[str]:
        rels = list(self.lex.act_nouns.get(lemma, ()))
        for child in noun.children:
            if child.dep_ in ("compound", "amod"):
                rels += self.lex.act_nouns.get(f"{child.lemma_.lower()} {lemma}", ())
        if lemma in self.lex.words("tie_nouns") and any(
            c.lower_ in self.lex.words("warm_ties") for c in noun.children
        ):
            rels = ["ALLIED_WITH" if r == "ENGAGES" else r for r in rels] or ["ALLIED_WITH"]
        phrase = [
            r
            for c in noun.children
            if c.dep_ in ("compound", "amod")
            for r in self.lex.act_nouns.get(f"{c.lemma_.lower()} {lemma}", ())
        ]
        if phrase:
            return list(dict.fromkeys(phrase))  # "air support" is more than "support"
        if "FIGHTS_ALONGSIDE" in rels and lemma not in (
            "cooperation",
            "coordination",
            "collaboration",
        ):
            if not _has_cue(noun, self.lex.symmetric_cues):
                rels.remove("FIGHTS_ALONGSIDE")
            elif "ATTACKS" in rels:
                rels.remove("ATTACKS")
        if "DESIGNATES_TERRORIST" in rels and not self._listing_context:
            rels.remove("DESIGNATES_TERRORIST")
        if lemma in self.lex.words("over_nouns") and not any(
            c.dep_ == "prep" and c.lower_ in ("over", "against") for c in noun.children
        ):
            return []
        verb = _governing_verb(noun)
        if (
            "ARMS" in rels
            and verb is not None
            and verb.lemma_.lower() in self.lex.words("firing_verbs")
        ):
            rels = ["ATTACKS"]  # "launched missiles at Israel"
        return list(dict.fromkeys(rels))

    def _noun_parties(
        self, noun: Token, family: str | None = None
    ) -> tuple[list[ActorRef], list[ActorRef]]:
        agents, patients = self.roles.noun_agents(noun), self.roles.noun_patients(noun, family)
        agents = agents or self._blamed_for(noun)
        if not patients and family == "conflict" and _is_attack_noun(noun, self.lex):
            patients = self._attacked_capital(noun)
        verb = _governing_verb(noun)
        if verb is None:
            return agents or self._claimed_by(noun), patients
        lemma = verb.lemma_.lower()
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ in ("in", "during")
            and (relation_family_of(self.lex, noun) == "conflict")
        ):  # "relies on the SDF in the fight against IS": Washington fights
            return agents or self.roles.verb_agents(verb), patients
        if lemma in self.lex.words("accuse_verbs") and noun.dep_ == "pobj":
            accused = [
                r for c in verb.children if c.dep_ == "dobj" for r in self.roles.referents(c)
            ]
            return agents or accused, patients  # "accused X of attacks on Y": X attacks
        if lemma in self.lex.words("receive_verbs") and noun.dep_ in ("dobj", "conj"):
            recipients = self.roles.verb_agents(verb)
            givers = self.roles.after(verb, {"from"})
            return agents or givers, patients or recipients
        if lemma in self.lex.words("light_verbs") or lemma in self.lex.verbs:
            agents = agents or self.roles.verb_agents(verb)
            # "sent drones to X": X, not what was sent; "supplied X with drones": X
            carried = noun.dep_ in ("dobj", "conj")
            found = self.roles.verb_objects(verb, family, direct=not carried)
            found = found or self.roles.purpose_objects(verb)
            patients = patients or [r for r in found if r not in agents]
        return agents, patients

    def _attacked_capital(self, noun: Token) -> list[ActorRef]:
        """ "the attack on a concert hall outside Moscow": an attack in a capital strikes
        the state whose capital it is (unless the text names another target)."""
        if any(c.dep_ == "prep" and c.lower_ in ("against", "on", "at") for c in noun.children):
            return []
        return [
            replace(self.tokens[t.i], kind="metonym")
            for t in noun.subtree
            if t.i in self.tokens and self.tokens[t.i].kind == "place" and t.dep_ == "pobj"
        ][:1]

    def _blamed_for(self, noun: Token) -> list[ActorRef]:
        """ "the attack, for which Moscow blames ISIS-K": ISIS-K made the attack."""
        for clause in (c for c in noun.children if c.dep_ == "relcl"):
            if clause.lemma_.lower() in self.lex.words("accuse_verbs"):
                return [
                    r for c in clause.children if c.dep_ == "dobj" for r in self.roles.referents(c)
                ]
        return []

    def _claimed_by(self, noun: Token) -> list[ActorRef]:
        """ "X was behind the attack", "X claimed responsibility for the attack": X did it."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.dep_ not in ("prep", "acomp"):
            return []
        owner = prep.head
        if prep.lower_ == "behind" and owner.lemma_ == "be":
            return self.roles.verb_agents(owner)
        if prep.lower_ == "for" and owner.lemma_.lower() in self.lex.words("responsibility_nouns"):
            verb = owner.head if owner.dep_ == "dobj" else None
            return self.roles.verb_agents(verb) if verb is not None else []
        return []

    def _participle_triples(self, tok: Token) -> Iterator[tuple[Token, str, ActorRef, ActorRef]]:
        word = tok.lower_.rsplit("-", 1)[-1]
        rel = self.lex.participles.get(word)
        if rel is None or tok.dep_ not in ("amod", "compound", "acl", "nmod", "npadvmod"):
            return
        agents = self._hyphen_agents(tok)
        if not agents:
            return
        head = tok.head
        if head.lemma_.lower() in self.lex.act_nouns:
            _, patients = self._noun_parties(head)
        else:
            patients = self.roles.referents(head)
        yield from _pairs(tok, rel, agents, patients)

    def _hyphen_agents(self, tok: Token) -> list[ActorRef]:
        """ "Iran-backed" (one token or three): the actor before the hyphen."""
        if tok.i in self.tokens and "-" in tok.text:
            return [self.tokens[tok.i]]
        if tok.i >= 2 and self.parsed[tok.i - 1].text == "-" and tok.i - 2 in self.tokens:
            return [self.tokens[tok.i - 2]]
        return self.roles.phrase_actors(tok)

    def _leads_its_body(self, trigger: Token, agent: ActorRef, patient: ActorRef) -> bool:
        """A state leading an international organisation or alliance ("the U.S.-led NATO",
        "the Russian-led CSTO") is its leading member, not its master."""
        word = trigger.lower_.rsplit("-", 1)[-1]
        leading = self.lex.words("leading_participles") | self.lex.words("leading_verbs")
        return (
            agent.actor_type == "state"
            and patient.actor_type == "igo"
            and (word in leading or trigger.lemma_.lower() in leading)
        )

    # -- building the claim ------------------------------------------------------------

    def _claim(
        self,
        trigger: Token,
        rel: str,
        agent: ActorRef,
        patient: ActorRef,
        negated_relation: str | None = None,
        undoes: bool = False,
    ) -> Claim | None:
        if agent.kind in NOT_A_PARTY or (
            patient.kind in NOT_A_PARTY and relation(rel).family != "diplomatic"
        ):
            return None  # a capital as a place can only be where talks or ties go
        if patient.kind == "anti":
            return None
        led = self.lex.words("group_leading_relation")
        if (
            led
            and rel == "MEMBER_OF"
            and not agent.is_person
            and agent.actor_type != "state"
            and patient.actor_type not in ("igo", "state", "person")
            and trigger.lemma_.lower() in self.lex.words("leading_verbs")
        ):
            rel = min(led)  # "the SDF is led by the PKK": a group that leads one controls it
        if rel in led and self._leads_its_body(trigger, agent, patient):
            # "the Russian-led CSTO": a state leads the body it belongs to
            rel = min(self.lex.words("body_leading_relation"))
        subject = agent.person if rel == "MEMBER_OF" and agent.is_person else agent.actor
        if rel == "MEMBER_OF" and (patient.actor_type in ("state", "person")):
            return None  # a person's superior stands for the group they both serve
        if (
            rel == "MEMBER_OF"
            and not agent.is_person
            and agent.actor_type == "state"
            and (patient.actor_type != "igo")
        ):
            return None  # states join alliances and organisations, not armed groups
        if rel != "MEMBER_OF" and (agent.actor_type == "person" or patient.actor_type == "person"):
            return None
        if subject == patient.actor or (agent.actor == patient.actor and subject == agent.actor):
            return None
        if rel in self.lex.words("foreign_only_relations") and self._at_home(agent, patient):
            return None  # "Hezbollah's office in Beirut": a group at home is not sheltered
        if not mood.asserts(self.view, trigger.i, self.lex):
            return None  # a question or a hypothetical states no relation
        stance = judge(trigger, self.sent, self.lex, self.scan)
        negated, certainty = stance.negated, stance.certainty
        if negated and mood.focus_not_negation(self.view, trigger.i, self.lex):
            negated = False  # "not only did X fund Y, ..."
        if not negated:
            negated = mood.negated_by_frame(self.view, trigger.i, self.lex)
        if negated and negated_relation:
            rel, negated = negated_relation, False  # "X says Y is not a terrorist group"
        if certainty == "asserted" and (
            mood.in_question(self.view, trigger.i, self.lex)
            or mood.weak_evidence(self.view, trigger.i, self.lex)
        ):
            certainty = "alleged"  # "it is unclear whether X armed Y", "little evidence that"
        source = stance.source
        if negated and stance.speaker is not None and self._speaks_for(stance.speaker, agent):
            negated, certainty = False, "denied"  # "Eritrea says it has never sent weapons"
        elif certainty == "reported" and self._performs(stance.speaker, agent):
            certainty, source = "asserted", None  # "X announced it had designated Y"
        if rel == "ATTACKS" and not negated and _intended(trigger, self.lex):
            rel = "HOSTILE_TO"  # "vowed to wipe out Hamas"
        if rel == "SUPPORTS" and any(
            c.lower_ in self.lex.words("back_pointers") and c.dep_ in ("det", "amod", "predet")
            for c in trigger.children
        ):
            rel = self._earlier_relation(subject, patient.actor) or rel  # "any such support"
        if undoes or (
            rel == "DESIGNATES_TERRORIST"
            and trigger.lemma_.lower() in self.lex.words("delisting_verbs")
        ):
            negated = not negated  # "delisted X", "took X off its list": the listing ended
        sentence = self.text
        return Claim(
            doc=self.doc.id,
            subject=subject,
            relation=rel,
            object=patient.actor,
            quote=sentence,
            start=self.offset,
            end=self.offset + len(sentence),
            negated=negated,
            certainty=certainty,
            source=source,
            time=self._time,
            trigger=trigger.text,
            subject_type="person" if rel == "MEMBER_OF" and agent.is_person else agent.actor_type,
            object_type=patient.actor_type,
        )


def _without_overridden(
    triples: list[tuple[Token, str, ActorRef, ActorRef, str]],
) -> list[tuple[Token, str, ActorRef, ActorRef, str]]:
    """An exclusive construction's reading replaces every other one of its trigger; one
    exclusive for its parties, every other one between the same two parties ("ties to
    Israel and Hamas": ties held with the group are alignment, with the state contact)."""

    owned = {t[0].i for t in triples if t[4].endswith(EXCLUSIVE)}
    pairs = {_parties(t) for t in triples if t[4].endswith(EXCLUSIVE_PARTIES)}
    return [
        t
        for t in triples
        if t[4].endswith((EXCLUSIVE, EXCLUSIVE_PARTIES))
        or (t[0].i not in owned and _parties(t) not in pairs)
    ]


def _without_contradicted(claims: list[Claim], contradicted_by: dict[str, str]) -> list[Claim]:
    """A claim whose sentence also claims the relation that contradicts it between the same
    two sides (lexicon ``contradicted_by``) is dropped."""
    held = {
        (c.relation, frozenset((c.subject, c.object)))
        for c in claims
        if not c.negated and c.relation in contradicted_by.values()
    }
    return [
        c
        for c in claims
        if c.negated
        or (contradicted_by.get(c.relation), frozenset((c.subject, c.object))) not in held
    ]


def _exclusive_mark(m: Match) -> str:
    if not m.exclusive:
        return ""
    return EXCLUSIVE_PARTIES if m.parties_only else EXCLUSIVE


def _parties(t: tuple[Token, str, ActorRef, ActorRef, str]) -> tuple[int, frozenset[str]]:
    return t[0].i, frozenset((t[2].actor, t[3].actor))


def _basis(construction: str) -> str:
    if construction.endswith(".nearest"):
        return "nearest actors"
    if construction.endswith(".catalog_role"):
        return "catalog role"
    return "parse"


def _pairs(
    trigger: Token, rel: str, agents: list[ActorRef], patients: list[ActorRef]
) -> Iterator[tuple[Token, str, ActorRef, ActorRef]]:
    if not patients and relation(rel).symmetric and len(agents) >= 2:
        for i, a in enumerate(agents):
            for b in agents[i + 1 :]:
                yield trigger, rel, a, b
        return
    for agent in agents:
        for patient in patients:
            if agent is not patient:
                yield trigger, rel, agent, patient


@dataclass(frozen=True)
class TriggerHashes:
    lemmas: frozenset[int]  # lemmas that can carry a relation
    words: frozenset[int]  # participles ("backed", "supplied")
    sides: frozenset[int]  # "alongside", "beside", "side"
    # the coarse tags and the label the readings of ``SentenceReader._triples`` test
    verb_pos: frozenset[int] = frozenset({VERB, AUX})
    noun_pos: frozenset[int] = frozenset({NOUN, PROPN})
    compound: int = 0

    @classmethod
    def build(cls, lex: Lexicon, vocab: Vocab) -> TriggerHashes:
        """The lexicon as string-store hashes, to pick trigger tokens from arrays."""
        add = vocab.strings.add
        # words after which any verb may carry a claim: "fought alongside", "with help from"
        sides = lex.words("alongside_preps") | lex.words("side_nouns") | lex.words("help_nouns")
        return cls(
            frozenset(add(w) for w in lex.trigger_lemmas() | lex.words("light_verbs")),
            frozenset(add(w) for w in lex.participles),
            frozenset(add(w) for w in sides),
            compound=add("compound"),
        )


def needs_entities(parsed: Doc, named: Collection[int], lex: Lexicon) -> bool:
    """Whether the sentence has a name the catalog lacks in a place where it could be a
    party: beside a title ("member Fathi Hammad") or ending like a group ("... Brigade").
    The named-entity model is the costliest part of the pipeline; most sentences skip it."""
    titles = lex.words("group_nouns") | set(lex.holder_nouns)
    for tok in tokens_with_pos(parsed, PROPER_NOUNS):
        if tok.i in named or tok.text in lex.words("calendar_words"):
            continue
        if tok.lower_ in lex.words("provisional_heads"):
            return True
        near = (
            [tok.head, *tok.head.children] if tok.dep_ == "compound" else [tok.head, *tok.children]
        )
        if any(t.lemma_.lower() in titles and t.pos_ == "NOUN" for t in near):
            return True
    return False


def _is_attack_noun(noun: Token, lex: Lexicon) -> bool:
    return "ATTACKS" in lex.act_nouns.get(noun.lemma_.lower(), ())


def relation_family_of(lex: Lexicon, noun: Token) -> str | None:
    rels = lex.act_nouns.get(noun.lemma_.lower(), ())
    return relation(rels[0]).family if rels else None


def _intended(trigger: Token, lex: Lexicon) -> bool:
    """An attack that is only vowed, planned or threatened ("vowed to destroy X", "will
    destroy X", "said it would destroy X"); not a past one told as such ("would later")."""
    modals = lex.words("intent_modals")
    # "would rally and attack X": a conjunct shares its head's modal
    verb = trigger.head if trigger.dep_ == "conj" and trigger.tag_ == "VB" else trigger
    if any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children):
        told = verb.dep_ == "ccomp" or not any(c.dep_ == "advmod" for c in verb.children)
        if told and trigger.tag_ != "VBN":  # "would have attacked": a past counterfactual
            return True
    if _owned_event(trigger, lex):
        return False  # "helped Hamas plan its surprise attack": the attack it made
    tok = trigger
    for _ in range(3):
        # "called on them to rally and attack X": a conjunct shares its infinitive's frame
        shared = tok.dep_ == "conj" and tok.head.dep_ in ("xcomp", "ccomp")
        if (
            tok.dep_ not in ("xcomp", "acl", "pcomp", "pobj", "prep", "ccomp", "dobj")
            and not shared
        ):
            return False
        tok = tok.head
        if tok.lemma_.lower() in lex.words("intent_words"):
            return True
    return False


def _owned_event(noun: Token, lex: Lexicon) -> bool:
    """An act noun owned by its author ("its surprise attack", "Hamas's assault") is an act
    that took place, unless a modifier makes it one still to come ("its next attack")."""
    if noun.pos_ != "NOUN" or not any(c.dep_ == "poss" for c in noun.children):
        return False
    prospective = lex.words("prospective_modifiers")
    return not any(c.lower_ in prospective for c in noun.children)


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of, through conjunctions and "with"-phrases."""
    tok = noun
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
        return tok.head if tok.head.pos_ in ("VERB", "AUX") else None
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        return tok.head.head if tok.head.lower_ in ("with", "in", "of") else None
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        return _governing_verb(tok.head.head)  # "opened a line of communication"
    return None


def _has_cue(tok: Token, cues: frozenset[str]) -> bool:
    near = list(tok.children) + list(tok.head.children) + [tok.head]
    return any(t.lemma_.lower() in cues for t in near)


def _mentions_listing(doc: Doc) -> bool:
    """Designation words need a terrorist-list context ("banned", "terrorist list")."""
    sentence = doc.text.lower()
    return any(
        cue in sentence
        for cue in (
            "terror",
            "extremis",
            " fto",
            "banned",
            "blacklist",
            "proscri",
            "list of banned",
            "sanctions list",
        )
    )


def _terror_frame(verb: Token, lemma: str, lex: Lexicon) -> bool:
    """ "considers X a terrorist group", "categorising Hamas as terrorists"."""
    if lemma not in lex.words("frame_verbs"):
        return False
    return any(t.lemma_.lower().startswith(("terror", "extremis")) for t in verb.subtree)


def _entity_ref(ent: Span, offset: int, kind: str) -> ActorRef | None:
    text = ent.text.strip()
    for prefix in ("the ", "The "):
        text = text.removeprefix(prefix)
    if len(text) < 3 or not text[0].isupper():
        return None
    if kind != "person" and len(text.split()) < 2 and not text.isupper():
        return None  # a lone capitalised word ("State") is no organisation's name
    if kind == "person":
        if len(text.split()) < 2:
            return None
        return ActorRef(
            text,
            "person",
            ent.start_char + offset,
            ent.end_char + offset,
            ent.text,
            "entity",
            person=text,
        )
    return ActorRef(
        text, "provisional", ent.start_char + offset, ent.end_char + offset, ent.text, "entity"
    )
