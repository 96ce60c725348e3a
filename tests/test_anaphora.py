"""Definite descriptions pointing back to an actor, and organs of government standing for
their state, on sentences written for the tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from proxygraph.extract import extract_document
from proxygraph.extract.anaphora import _common_noun, _definite
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
    assert _definite(doc[4])
    bare = Doc(VOCAB, words=["mercenary", "outfit"], heads=[1, 1], deps=["amod", "ROOT"])
    assert not _definite(bare[1])


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
