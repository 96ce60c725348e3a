"""Definite descriptions pointing back to an actor, and organs of government standing for
their state, on sentences written for the tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from proxygraph.extract import extract_document
from proxygraph.extract.anaphora import _common_noun, _definite
from proxygraph.extract.lexicon import load_lexicon
from proxygraph.models import Document

VOCAB = spacy.blank("en").vocab  # word shapes (lowercase forms) for hand-built parses


def claims(text: str) -> set[tuple[str, str, str]]:
    doc = Document(id="t", text=text, published="2022-06-01")
    return {(c.subject, c.relation, c.object) for c in extract_document(doc).claims}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lowercase word the tagger took for a proper noun ("the jihadist group")
        (
            "Al-Shabaab overran a base near the border. Eritrea has armed the jihadist group "
            "since 2008.",
            ("Eritrea", "ARMS", "al-Shabaab"),
        ),
        # "the group's bases" (lemmatised "basis") are the group's
        (
            "Officials blamed the Houthis for the attack. Britain later struck the group's bases.",
            ("United Kingdom", "ATTACKS", "Houthis"),
        ),
        # a state by the kind of state it is
        (
            "Oman hosted the talks. The sultanate has sheltered Houthi officials.",
            ("Oman", "SHELTERS", "Houthis"),
        ),
    ],
)
def test_anaphora_definite_description(text: str, expected: tuple) -> None:
    assert expected in claims(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The regime in Tehran has armed the Houthis for years.", ("Iran", "ARMS", "Houthis")),
        (
            "The authorities in Kabul have sheltered al-Qaeda leaders.",
            ("Afghanistan", "SHELTERS", "al-Qaeda"),
        ),
        ("The Egyptian presidency condemned Hamas.", ("Egypt", "ACCUSES", "Hamas")),
    ],
)
def test_anaphora_organ_of_government_is_its_state(text: str, expected: tuple) -> None:
    assert expected in claims(text)


def test_anaphora_capital_after_in_stays_a_place() -> None:
    """Only a government noun makes "in Damascus" the state; fighters in it are a place's."""
    assert ("Hezbollah", "ATTACKS", "Islamic State") in claims(
        "Hezbollah fighters in Damascus attacked ISIS."
    )
    assert not {c for c in claims("Hezbollah fighters in Damascus attacked ISIS.") if "Syria" in c}


def test_anaphora_determiner_hung_on_the_adjective_still_makes_it_definite() -> None:
    """ "the mercenary outfit" parsed with "the" under "mercenary": still definite."""
    words = ["Chad", "fought", "the", "mercenary", "outfit"]
    doc = Doc(
        VOCAB,
        words=words,
        heads=[1, 1, 3, 4, 1],
        deps=["nsubj", "ROOT", "det", "amod", "dobj"],
        pos=["PROPN", "VERB", "DET", "ADJ", "NOUN"],
    )
    english = load_lexicon()
    assert _definite(doc[4], english)
    bare = Doc(VOCAB, words=["mercenary", "outfit"], heads=[1, 1], deps=["amod", "ROOT"])
    assert not _definite(bare[1], english)


def test_anaphora_lowercase_proper_noun_is_a_common_noun() -> None:
    doc = Doc(
        VOCAB, words=["the", "jihadist", "group", "Hamas"], pos=["DET", "PROPN", "PROPN", "PROPN"]
    )
    assert _common_noun(doc[2]) and not _common_noun(doc[3])


def test_a_description_naming_another_actor_in_a_hyphened_modifier_points_elsewhere() -> None:
    """ "the Russia-aligned government" is aligned with Russia, so it is not Russia."""
    found = claims("Russia sent advisers. The Russia-aligned government expelled French troops.")
    assert not any(s == "Russia" and o == "France" for s, _, o in found)


def test_a_description_with_a_backer_still_points_back_to_the_group() -> None:
    found = claims("The Houthis fired missiles. The Iran-backed militia later seized a tanker.")
    assert ("Iran", "SUPPORTS", "Houthis") in found


def test_anaphora_whose_points_to_the_noun_its_clause_modifies() -> None:
    """ "X, whose advisers trained Y": the advisers are X's."""
    assert ("Iran", "TRAINS", "Houthis") in claims(
        "Iran, whose advisers trained the Houthis, rejected the report."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hamas and Islamic Jihad claimed the attack. Qatar has funded both groups.",
            {("Qatar", "FUNDS", "Hamas"), ("Qatar", "FUNDS", "Palestinian Islamic Jihad")},
        ),
        (
            "Turkey and Qatar hosted the talks. The two countries have sheltered Hamas leaders.",
            {("Turkey", "SHELTERS", "Hamas"), ("Qatar", "SHELTERS", "Hamas")},
        ),
    ],
)
def test_anaphora_pair_description_stands_for_both(text: str, expected: set) -> None:
    assert expected <= claims(text)


def test_anaphora_counted_description_stands_for_as_many_actors_and_skips_places() -> None:
    found = claims(
        "Egypt, Jordan and Qatar met in Riyadh. The three states later armed the Syrian "
        "National Army."
    )
    backers = {s for s, r, o in found if r == "ARMS" and o == "Syrian National Army"}
    assert backers == {"Egypt", "Jordan", "Qatar"}  # not Saudi Arabia, named as a place


def test_anaphora_indefinite_count_points_back_to_nothing() -> None:
    found = claims("Egypt and Jordan met. Two militias attacked the Syrian National Army.")
    assert not {s for s, r, o in found if r == "ATTACKS"} & {"Egypt", "Jordan"}


def test_anaphora_object_description_points_past_its_clauses_subject() -> None:
    """ "Morocco protested to Algeria, accusing the country of ...": Algeria, the object."""
    found = claims(
        "Morocco lodged a protest with Algeria, accusing the country of sheltering the "
        "Polisario Front."
    )
    assert ("Algeria", "SHELTERS", "Polisario Front") in found
    assert ("Morocco", "SHELTERS", "Polisario Front") not in found


def test_anaphora_plural_pronoun_stands_for_every_actor_of_a_coordinated_subject() -> None:
    found = claims("Egypt and Jordan said they had armed the Syrian National Army.")
    armed = {s for s, r, o in found if r == "ARMS" and o == "Syrian National Army"}
    assert armed == {"Egypt", "Jordan"}
    # an object pronoun is someone else than its own clause's subject
    found = claims("Egypt and Jordan condemned Hamas and accused them of arming militants.")
    assert ("Egypt", "ACCUSES", "Jordan") not in found and ("Egypt", "ACCUSES", "Hamas") in found


def test_anaphora_counted_description_alone_in_its_sentence_is_read() -> None:
    found = claims("Chad, Niger and Sudan met in Khartoum. All three juntas now fight Boko Haram.")
    attackers = {s for s, r, o in found if r == "ATTACKS" and o == "Boko Haram"}
    assert attackers == {"Chad", "Niger", "Sudan"}


@pytest.mark.parametrize(
    ("text", "owner", "not_owner"),
    [
        # a possessive in a phrase of reason belongs to the actor the clause acts on
        (
            "Canada imposed sanctions on Eritrea over its support for al-Shabaab.",
            ("Eritrea", "SUPPORTS", "al-Shabaab"),
            ("Canada", "SUPPORTS", "al-Shabaab"),
        ),
        # ... and in a phrase of purpose, to the recipient
        (
            "Belarus delivered rockets to Russia for use in its war against Ukraine.",
            ("Russia", "ATTACKS", "Ukraine"),
            ("Belarus", "ATTACKS", "Ukraine"),
        ),
    ],
)
def test_anaphora_possessive_of_a_reason_phrase_belongs_to_the_actor_acted_on(
    text: str, owner: tuple[str, str, str], not_owner: tuple[str, str, str]
) -> None:
    found = claims(text)
    assert owner in found
    assert not_owner not in found


def test_anaphora_counted_description_prefers_a_list_of_its_size() -> None:
    found = claims(
        "Chad, Niger and Mali expelled the French ambassador. "
        "The three countries later formed a mutual defence pact."
    )
    assert ("Chad", "ALLIED_WITH", "Niger") in found or ("Niger", "ALLIED_WITH", "Chad") in found
    assert not any(r == "ALLIED_WITH" and "France" in (s, o) for s, r, o in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list joined by "and": every member
        (
            "Qatar hosted Hamas and Islamic Jihad for years. The groups later attacked Israel.",
            {("Hamas", "ATTACKS", "Israel"), ("Palestinian Islamic Jihad", "ATTACKS", "Israel")},
        ),
        # a sentence that names nobody but the set is read too
        (
            "Iran armed Hezbollah and the Houthis. The groups later staged joint raids.",
            {("Hezbollah", "FIGHTS_ALONGSIDE", "Houthis")},
        ),
        # a counted set with an article is read as a set, not as its last member
        (
            "Iran armed Hezbollah and the Houthis last year. The two groups struck Israel.",
            {("Hezbollah", "ATTACKS", "Israel"), ("Houthis", "ATTACKS", "Israel")},
        ),
        # a member described in apposition: the groups of the sentence that named them
        (
            "Washington listed Kataib Hezbollah and a smaller ally, Harakat al-Nujaba, as "
            "terrorists. Officials said the groups have ties to the Houthis.",
            {
                ("Kataib Hezbollah", "ALLIED_WITH", "Houthis"),
                ("Harakat Hezbollah al-Nujaba", "ALLIED_WITH", "Houthis"),
            },
        ),
    ],
)
def test_anaphora_uncounted_plural_stands_for_the_groups_named_together(
    text: str, expected: set
) -> None:
    assert expected <= claims(text)


def test_anaphora_other_plural_is_not_those_named() -> None:
    found = claims(
        "Iran armed Hezbollah and Hamas. Tehran also controls the other militias in Syria."
    )
    assert ("Iran", "CONTROLS", "Hamas") not in found
    assert ("Iran", "CONTROLS", "Hezbollah") not in found


def test_anaphora_insurgents_are_never_a_hired_company_or_a_state() -> None:
    found = claims(
        "The Wagner Group arrived in Mali in 2021. "
        "The Wagner Group began helping the junta fight the insurgents."
    )
    assert not any(o == "Wagner Group" and r == "ATTACKS" for s, r, o in found)


def test_anaphora_a_side_named_by_its_relation_is_the_side_its_adjective_names() -> None:
    found = claims("Turkey's Qatari ally has stepped up its support to Hamas.")
    assert ("Qatar", "SUPPORTS", "Hamas") in found
    assert ("Turkey", "SUPPORTS", "Hamas") not in found
    acting = claims("Iran's Syrian ally fired rockets at Israel.")
    assert ("Syria", "ATTACKS", "Israel") in acting
    proxy = claims("Iran's Lebanese proxy fired rockets at Israel.")
    assert ("Lebanon", "ATTACKS", "Israel") not in proxy  # a proxy's country is not the proxy


def test_anaphora_object_of_a_describing_participle_is_not_its_doer() -> None:
    """ "a UN report accusing it of ...": the report accuses, so "it" is the subject."""
    found = claims("Sudan rejected a UN report accusing it of arming the Janjaweed militia.")
    assert not any(s == "United Nations" and r == "ARMS" for s, r, _ in found)
    assert ("United Nations", "ACCUSES", "Sudan") in found


def test_anaphora_subject_of_a_charge_clause_is_the_one_acted_on() -> None:
    """ "cut aid to X on the grounds that it sheltered Y": X shelters Y, not the giver."""
    found = claims(
        "Washington suspended military aid to Pakistan on the grounds that it had sheltered "
        "the Taliban."
    )
    assert ("Pakistan", "SHELTERS", "Taliban") in found
    assert ("United States", "SHELTERS", "Taliban") not in found
