"""Negation, certainty and source of claims, and mood (questions, slogans), on sentences
written for the tests: one mechanism per case."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from proxygraph.extract import extract_document, mood
from proxygraph.extract.lexicon import load_lexicon
from proxygraph.models import Document
from proxygraph.nlp.syntax import Scheme, SyntaxView


def stances(text: str) -> dict[tuple[str, str, str], tuple[bool, str, str | None]]:
    doc = Document(id="t", text=text, published="2021-03-01")
    return {
        (c.subject, c.relation, c.object): (c.negated, c.certainty, c.source)
        for c in extract_document(doc).claims
    }


@pytest.mark.parametrize(
    ("text", "key", "negated", "certainty"),
    [
        # little evidence leaves the claim alleged, not denied
        (
            "There is little evidence that Minsk funds the Wagner Group.",
            ("Belarus", "FUNDS", "Wagner Group"),
            False,
            "alleged",
        ),
        # a verb that can end an accord makes one when the accord is its object
        ("Ankara struck a deal with Hamas.", ("Turkey", "ENGAGES", "Hamas"), False, "asserted"),
        ("Rabat cut its ties with Tehran.", ("Morocco", "ENGAGES", "Iran"), True, "asserted"),
        # a reporting verb frames a clause, not the act it names as its object
        ("Iran declared war on the Houthis.", ("Iran", "HOSTILE_TO", "Houthis"), False, "asserted"),
        (
            "Hezbollah announced the suspension of its attacks on Israel.",
            ("Hezbollah", "ATTACKS", "Israel"),
            False,
            "asserted",
        ),
        # attribution closing the sentence, coordinated with it by the parser
        (
            "Iran is arming the Houthis, a senior official told Reuters on Monday.",
            ("Iran", "ARMS", "Houthis"),
            False,
            "reported",
        ),
        # "is said to": hearsay with nobody saying it hedges
        (
            "Qatar is said to have funded Hamas for years.",
            ("Qatar", "FUNDS", "Hamas"),
            False,
            "alleged",
        ),
        # blaming someone for an act alleges it
        (
            "Egypt blamed Turkey for arming the Muslim Brotherhood.",
            ("Turkey", "ARMS", "Muslim Brotherhood"),
            False,
            "alleged",
        ),
        # an intent noun denied by its determiner
        (
            "Kenya said it had no plans to negotiate with al-Shabaab.",
            ("Kenya", "ENGAGES", "al-Shabaab"),
            True,
            "asserted",
        ),
        # a hedge on the verb whose purpose clause carries the claim
        (
            "Iran has reportedly sent advisers to help the Houthis.",
            ("Iran", "SUPPORTS", "Houthis"),
            False,
            "alleged",
        ),
        # "no longer" on the light verb negates the act its object noun names
        (
            "Iran no longer supplies weapons to the Houthis.",
            ("Iran", "ARMS", "Houthis"),
            True,
            "asserted",
        ),
        # a hedge in a conjunct sharing its subject ("denied ... and accused Y of ...")
        (
            "The Taliban denied harboring al-Qaeda and accused Pakistan of arming ISIS.",
            ("Pakistan", "ARMS", "Islamic State"),
            False,
            "alleged",
        ),
        # a negated noun of evidence as the subject of the verb that frames the claim
        (
            "No evidence has surfaced that Pakistan trained the Houthis.",
            ("Pakistan", "TRAINS", "Houthis"),
            True,
            "alleged",
        ),
        # found no sign: negated, and reported by whoever found it
        (
            "Inspectors found no sign that Syria had funded Hamas.",
            ("Syria", "FUNDS", "Hamas"),
            True,
            "reported",
        ),
        # "neither ... nor" on the subject of a light verb whose object is the trigger
        (
            "Neither Egypt nor Jordan delivered weapons to Hamas.",
            ("Jordan", "ARMS", "Hamas"),
            True,
            "asserted",
        ),
        # a correlative negator on a prepositional party of a light verb
        (
            "Egypt sent money to neither Hamas nor Hezbollah.",
            ("Egypt", "FUNDS", "Hezbollah"),
            True,
            "asserted",
        ),
        # a negated verb's disjoined conjunct is negated too
        (
            "Jordan did not arm or train Hamas.",
            ("Jordan", "TRAINS", "Hamas"),
            True,
            "asserted",
        ),
        # a negated conjunction leaves the second conjunct asserted
        (
            "Jordan did not arm Hamas and trained Hezbollah.",
            ("Jordan", "TRAINS", "Hezbollah"),
            False,
            "asserted",
        ),
        # a negator heading a verb of showing: "nothing to suggest that"
        (
            "Auditors found nothing to indicate that Syria had funded Hamas.",
            ("Syria", "FUNDS", "Hamas"),
            True,
            "alleged",
        ),
        # a negating verb undoing the act of its "at" phrase
        (
            "Egypt balked at arming Hamas.",
            ("Egypt", "ARMS", "Hamas"),
            True,
            "asserted",
        ),
        # an inverted negator hung on the auxiliary
        (
            "Never has Jordan negotiated with Hamas.",
            ("Jordan", "ENGAGES", "Hamas"),
            True,
            "asserted",
        ),
        # an object pronoun in a reported clause points past its own subject to the speaker
        (
            "Hamas said Jordan had supplied it with rockets.",
            ("Jordan", "ARMS", "Hamas"),
            False,
            "reported",
        ),
        # an act still awaited has not happened
        (
            "Egypt has yet to designate Hamas a terrorist organisation.",
            ("Egypt", "DESIGNATES_TERRORIST", "Hamas"),
            True,
            "asserted",
        ),
        (
            "Iran is yet to send weapons to the Houthis.",
            ("Iran", "ARMS", "Houthis"),
            True,
            "asserted",
        ),
        # a clause called untrue
        (
            "It is not true that Jordan trained the Houthis.",
            ("Jordan", "TRAINS", "Houthis"),
            True,
            "asserted",
        ),
        # a perfect misread as "have" with a modified object keeps its modal and negation
        (
            "Belarus might not have armed Hamas.",
            ("Belarus", "ARMS", "Hamas"),
            True,
            "alleged",
        ),
        # a negated phrase of time or manner negates the clause
        (
            "At no point did Oman arm the Houthis.",
            ("Oman", "ARMS", "Houthis"),
            True,
            "asserted",
        ),
        (
            "Jordan in no way supports Hamas.",
            ("Jordan", "SUPPORTS", "Hamas"),
            True,
            "asserted",
        ),
        # denying a delay or a secret affirms the act
        (
            "Eritrea wasted no time in arming al-Shabaab.",
            ("Eritrea", "ARMS", "al-Shabaab"),
            False,
            "asserted",
        ),
        (
            "Algeria has never hidden its support for the Polisario Front.",
            ("Algeria", "SUPPORTS", "Polisario Front"),
            False,
            "asserted",
        ),
        # refusing under pressure negates the act asked for
        (
            "Kuwait resisted pressure to designate Hezbollah a terrorist organisation.",
            ("Kuwait", "DESIGNATES_TERRORIST", "Hezbollah"),
            True,
            "asserted",
        ),
        # "no longer" by its form (its lemma is "long")
        (
            "Libya no longer supports the Muslim Brotherhood.",
            ("Libya", "SUPPORTS", "Muslim Brotherhood"),
            True,
            "asserted",
        ),
        # taking responsibility is the group's own claim
        (
            "The Houthis took responsibility for the missile attack on Israel.",
            ("Houthis", "ATTACKS", "Israel"),
            False,
            "alleged",
        ),
        # thanking someone for an act reports it
        (
            "Hamas leader Ismail Haniyeh thanked Iran for arming the movement.",
            ("Iran", "ARMS", "Hamas"),
            False,
            "reported",
        ),
        # an "if" clause completing a word of not knowing is a question, not a condition
        (
            "It is not known if Turkey trained the Houthis.",
            ("Turkey", "TRAINS", "Houthis"),
            False,
            "alleged",
        ),
    ],
)
def test_certainty_of_claim(text: str, key: tuple, negated: bool, certainty: str) -> None:
    found = stances(text)
    assert key in found, found
    assert found[key][:2] == (negated, certainty)


def test_certainty_description_in_reported_sentence_is_the_writers() -> None:
    """ "militias trained by Iran" describes; the speaker reports only the strike."""
    found = stances(
        "The army said its jets hit bases used by Kataib Hezbollah, a militia trained by Iran."
    )
    assert found[("Iran", "TRAINS", "Kataib Hezbollah")][1] == "asserted"


def test_certainty_closing_attribution_names_its_source() -> None:
    found = stances("Qatar is funding Hamas, a senior diplomat told Reuters on Friday.")
    assert found[("Qatar", "FUNDS", "Hamas")][1:] == ("reported", "a senior diplomat")
    # parsed as a relative clause on the object; a real one opens with its pronoun
    found = stances("Eritrea has armed al-Shabaab, a UN monitoring group found.")
    assert found[("Eritrea", "ARMS", "al-Shabaab")][1:] == ("reported", "a UN monitoring group")
    found = stances("Eritrea has armed al-Shabaab, which a UN monitoring group found alarming.")
    assert found[("Eritrea", "ARMS", "al-Shabaab")][1] == "asserted"


@pytest.mark.parametrize(
    "text",
    [
        "Were Egypt to arm the Houthis, the conflict would spread.",
        "Egypt would arm the Houthis if the ceasefire collapsed.",
        "In the event that Egypt arms the Houthis, Riyadh will respond.",
        "Observers fear that Egypt could start arming the Houthis if the truce fails.",
        "In the event that Egypt decides to shelter Houthi leaders, Riyadh will respond.",
    ],
)
def test_mood_hypothetical_states_no_relation(text: str) -> None:
    assert stances(text) == {}


@pytest.mark.parametrize(
    "text",
    [
        'Protesters carried placards reading "Iran arms Hezbollah" through the square.',
        'Crowds chanted "Russia backs the Taliban" outside the embassy.',
    ],
)
def test_mood_slogan_states_no_relation(text: str) -> None:
    assert stances(text) == {}


def test_mood_quoted_statement_is_still_a_claim() -> None:
    found = stances('"Iran is arming Hezbollah," the minister said.')
    assert found[("Iran", "ARMS", "Hezbollah")][1] == "reported"


def test_certainty_description_quoted_from_a_source_is_theirs() -> None:
    """Inside a quotation the source's words, descriptions included, are reported."""
    found = stances(
        'The sanctions target a financier of the "Houthi network funded by Iran," the '
        "Treasury said on Friday."
    )
    assert found[("Iran", "FUNDS", "Houthis")][1:] == ("reported", "the Treasury")


def test_certainty_actor_announcing_its_own_act_performs_it() -> None:
    found = stances("Canada announced that it had designated Hezbollah a terrorist group.")
    assert found[("Canada", "DESIGNATES_TERRORIST", "Hezbollah")][1:] == ("asserted", None)
    other = stances("Britain announced that Iran had armed the Houthis.")
    assert other[("Iran", "ARMS", "Houthis")][1] == "reported"


def test_certainty_passive_hedge_names_no_suspect_as_source() -> None:
    """In "X is suspected of arming Y" X is the suspect, not the one suspecting."""
    found = stances("Sudan is suspected of arming the Houthis.")
    assert found[("Sudan", "ARMS", "Houthis")][1:] == ("alleged", None)


def test_certainty_description_under_according_to_is_the_writers() -> None:
    found = stances(
        "Kataib Hezbollah, a militia funded by Iran, attacked the base, according to the Pentagon."
    )
    assert found[("Iran", "FUNDS", "Kataib Hezbollah")][1:] == ("asserted", None)


def test_mood_open_question_over_a_verb_misread_as_modifier() -> None:
    """ "It is unclear whether Egypt armed Islamic Jihad" parsed as one noun phrase with
    "armed" a modifier and "whether" marking the noun: still an open question."""
    words = ["It", "is", "unclear", "whether", "Egypt", "armed", "Islamic", "Jihad", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 1, 1, 7, 7, 7, 7, 1, 1],
        deps=["nsubj", "ROOT", "acomp", "mark", "compound", "amod", "compound", "ccomp", "punct"],
        pos=["PRON", "AUX", "ADJ", "SCONJ", "PROPN", "ADJ", "PROPN", "PROPN", "PUNCT"],
        lemmas=["it", "be", "unclear", "whether", "Egypt", "armed", "Islamic", "Jihad", "."],
    )
    view = SyntaxView(doc, Scheme.load("clearnlp"))
    assert mood.in_question(view, 5, load_lexicon())


def test_certainty_background_clause_is_the_writers() -> None:
    """ "..., as they fight Y, an official said": the fighting is the writer's scene."""
    found = stances(
        "Iran is supplying the Houthis as they fight Saudi Arabia, a US official said on Monday."
    )
    assert found[("Houthis", "ATTACKS", "Saudi Arabia")][1] == "asserted"
    assert found[("Iran", "ARMS", "Houthis")][1] == "reported"


def test_certainty_participle_shares_its_clauses_speaker() -> None:
    """ "X protested, accusing Y of ...": X accuses, so the act is alleged by X."""
    found = stances(
        "Morocco lodged a protest with Algeria, accusing the country of sheltering the "
        "Polisario Front."
    )
    assert found[("Algeria", "SHELTERS", "Polisario Front")][1:] == ("alleged", "Morocco")


def test_certainty_act_coordinated_with_a_reporting_verb_is_not_reported() -> None:
    """ "X and Y confirmed their plan and later held talks": the talks are a second act."""
    found = stances("Egypt and Qatar confirmed their plan on Monday and later held talks.")
    assert found[("Egypt", "ENGAGES", "Qatar")][1] == "asserted"


def test_certainty_infinitive_shares_the_speaker_of_its_clause() -> None:
    """ "He went on to say that Y": he says it."""
    found = stances("The minister went on to say that Iranian advisers had trained Houthi forces.")
    assert found[("Iran", "TRAINS", "Houthis")][1:] == ("reported", "The minister")


def test_certainty_a_denial_frames_the_purpose_of_what_it_denies() -> None:
    found = stances("Chad has denied sending troops to fight alongside the Sudanese army.")
    assert found[("Chad", "FIGHTS_ALONGSIDE", "Sudan")][1] == "denied"


def test_certainty_a_rejected_charge_was_made() -> None:
    """ "Y rejected X's accusations" denies what X says, not that X said it."""
    found = stances("Pakistan rejected India's allegations on Monday.")
    assert found[("India", "ACCUSES", "Pakistan")][1] == "asserted"


def test_certainty_hedge_in_a_conjunct_names_the_shared_subject_and_its_head_accuses() -> None:
    """The source of "...and accused Y of arming Z" is the first conjunct's subject; the
    accuser a source phrase names is the actor nearest its head ("Afghanistan's Taliban
    regime" is the Taliban, not Afghanistan)."""
    found = stances(
        "Afghanistan's Taliban regime denied harboring al-Qaeda and accused Pakistan of"
        " arming the Islamic State."
    )
    assert found[("Pakistan", "ARMS", "Islamic State")] == (
        False,
        "alleged",
        "Afghanistan's Taliban regime",
    )
    assert ("Afghanistan", "ACCUSES", "Pakistan") not in found
    assert ("Taliban", "ACCUSES", "Pakistan") in found


def test_certainty_a_person_of_no_known_side_reports_but_accuses_nobody() -> None:
    """A source that reports arming accuses the armer in its side's name; a person the
    catalog ties to no side is a source, not a party: no "person ACCUSES" claim."""
    found = stances(
        "Abdi Farah, Somalia's information minister, said that Eritrea had armed the Houthis."
    )
    assert found[("Eritrea", "ARMS", "Houthis")] == (False, "reported", "Abdi Farah")
    assert not any(rel == "ACCUSES" for _, rel, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "The Houthis announced an end to their attacks on Saudi Arabia.",
        "The Houthis declared a halt to their drone strikes on Saudi Arabia.",
    ],
)
def test_negation_a_noun_of_halting_ends_the_act_it_governs(text: str) -> None:
    doc = Document(id="t", text=text, published="2021-03-01")
    found = {
        c.negated
        for c in extract_document(doc).claims
        if (c.subject, c.relation, c.object) == ("Houthis", "ATTACKS", "Saudi Arabia")
    }
    assert found == {True, False}  # the attacks were made, then stopped (as with verbs)


def test_source_coordinated_names_are_one_source_and_accuse_nobody_of_their_own_act() -> None:
    doc = Document(id="t", text="Egypt and Jordan said they would arm the Syrian National Army.")
    result = extract_document(doc).claims
    assert {c.source for c in result if c.relation == "ARMS"} == {"Egypt and Jordan"}
    assert not [c for c in result if c.relation == "ACCUSES"]


@pytest.mark.parametrize(
    "text",
    [
        "Al-Shabaab urged its followers to rise up and attack Ethiopian troops.",
        "Al-Shabaab said it would regroup and attack Ethiopian troops.",
    ],
)
def test_an_attack_called_for_or_to_come_is_hostility_not_an_attack(text: str) -> None:
    found = {
        (c.subject, c.relation, c.object)
        for c in extract_document(Document(id="t", text=text)).claims
    }
    assert ("al-Shabaab", "HOSTILE_TO", "Ethiopia") in found
    assert ("al-Shabaab", "ATTACKS", "Ethiopia") not in found


def test_negation_neither_nor_reaches_both_verbs_with_a_perfect() -> None:
    found = stances("Belarus has neither armed nor funded the Wagner Group, officials said.")
    assert found[("Belarus", "ARMS", "Wagner Group")][0] is True
    assert found[("Belarus", "FUNDS", "Wagner Group")][0] is True
