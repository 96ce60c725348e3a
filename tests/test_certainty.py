"""Negation, certainty and source of claims, and mood (questions, slogans), on sentences
written for the tests: one mechanism per case."""

from __future__ import annotations

import pytest

from proxygraph.extract import extract_document
from proxygraph.models import Document


def stances(text: str) -> dict[tuple[str, str, str], tuple[bool, str, str | None]]:
    doc = Document(id="t", text=text, published="2021-03-01")
    return {
        (c.subject, c.relation, c.object): (c.negated, c.certainty, c.source)
        for c in extract_document(doc).claims
    }


@pytest.mark.parametrize(
    ("text", "key", "negated", "certainty"),
    [
        # a reporting verb frames a clause, not the act it names as its object
        ("Iran declared war on the Houthis.", ("Iran", "ATTACKS", "Houthis"), False, "asserted"),
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
