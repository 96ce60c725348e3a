"""Actors a document defines itself ("the Kessa Hills Army (KHA)") and descriptions that
point back to an actor the document named ("Ruritania's junta ... the junta")."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from proxygraph.actors import Catalog, Gazetteer
from proxygraph.actors.defined import (
    DefinedRules,
    DefinedRulesError,
    defined_spans,
    find_defined,
)
from proxygraph.extract import extract_document
from proxygraph.extract.mentions import find_mentions
from proxygraph.models import Document


@cache
def _tools() -> tuple[Catalog, Gazetteer, DefinedRules]:
    catalog = Catalog.load()
    return catalog, Gazetteer(catalog), DefinedRules.load()


def _defined(text: str) -> list[tuple[str, str, str | None, str]]:
    catalog, gazetteer, rules = _tools()
    return [
        (d.name, d.actor, d.acronym, d.actor_type)
        for d in find_defined(text, rules, catalog, gazetteer)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fighters of the Kessa Hills Army (KHA) took two towns on Sunday.",
            [("Kessa Hills Army", "Kessa Hills Army", "KHA", "armed_group")],
        ),
        (  # the words whose initials spell the acronym, not the whole capitalised run
            "Talks between Chad and the Lomar Patriotic Front (LPF) stalled.",
            [("Lomar Patriotic Front", "Lomar Patriotic Front", "LPF", "armed_group")],
        ),
        (  # initials that do not spell it: the run, connectors included
            "The Union for Renewal and Justice (UFDJ) held a congress.",
            [
                (
                    "Union for Renewal and Justice",
                    "Union for Renewal and Justice",
                    "UFDJ",
                    "political",
                )
            ],
        ),
        (  # a naming phrase after a group noun, typed from the noun
            "They formed a coalition known as the Dawn Pact in March.",
            [("Dawn Pact", "Dawn Pact", None, "armed_group")],
        ),
        (  # a name with a group's head noun after "the", cut at its head
            "Troops clashed with the Upper Kessa Alliance Commander's guards.",
            [("Upper Kessa Alliance", "Upper Kessa Alliance", None, "armed_group")],
        ),
        (  # nor is a modifier
            "Fighters from the Iran-backed Kessa Hills Army crossed the river.",
            [("Kessa Hills Army", "Kessa Hills Army", None, "armed_group")],
        ),
        (  # a possessive is no part of the name
            "The Kessa Hills Army’s fighters withdrew.",
            [("Kessa Hills Army", "Kessa Hills Army", None, "armed_group")],
        ),
        (  # wherever the state's name stands in it
            "Soldiers of the Armed Forces of the Philippines (AFP) landed.",
            [("Armed Forces of the Philippines", "Philippines", "AFP", "state")],
        ),
        (  # over a catalog group named by the same words ("National Defence Forces")
            "Officers of the Ethiopian National Defense Forces crossed the river.",
            [("Ethiopian National Defense Forces", "Ethiopia", None, "state")],
        ),
        (  # an apposition types a name whose head says nothing
            "Members of Frente Comuneros del Sur (FCS), a dissident faction, were attacked.",
            [("Frente Comuneros del Sur", "Frente Comuneros del Sur", "FCS", "armed_group")],
        ),
        (  # security forces are the state's too
            "The Chadian Security Forces retook the town.",
            [("Chadian Security Forces", "Chad", None, "state")],
        ),
        (  # a possessive inside a name is part of it; a catalog acronym ("PDF") the
            # document spells out as another name is that name here
            "The People's Defence Force (PDF) ambushed a convoy.",
            [("People's Defence Force", "People's Defence Force", "PDF", "armed_group")],
        ),
        (  # a state's own army is the state
            "The Malian National Army (MNA) withdrew from the base.",
            [("Malian National Army", "Mali", "MNA", "state")],
        ),
    ],
)
def test_actors_defined_introductions(text: str, expected: list) -> None:
    assert _defined(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Broadcasts of Radio Free Asia (RFA) reached the region.",  # no group head noun
        "The Houthi movement (Ansar Allah) fired drones.",  # lower case: no defined name
        "Iran's Islamic Revolutionary Guards Corps (IRGC) sent advisers.",  # the catalog's
        "Officials of Russia and Iran (RI) met.",  # a list of names, not one
        "Analysts at the International Crisis Group said so.",  # a weak head after "the"
        "The Islamic Revolution Guards Corps sent advisers.",  # the catalog's, misspelt
        "The Wagner-Islamic Jihad feud grew.",  # two known names, not a new one
        "Commandos of the Special Forces landed.",  # some state's, not a new actor
        # a catalog acronym after words that do not spell it: the catalog's own reading
        "Fighters of Jama'at Nusrat al-Islam wal-Muslimin (JNIM) attacked.",
    ],
)
def test_actors_defined_leaves_alone(text: str) -> None:
    assert _defined(text) == []


def test_actors_defined_later_mentions_by_acronym_and_name() -> None:
    catalog, gazetteer, rules = _tools()
    text = (
        "The Kessa Hills Army (KHA) seized a town. Residents said KHA fighters left, "
        "but the Kessa Hills Army returned. KHAN radio was silent."
    )
    spans = defined_spans(text, find_defined(text, rules, catalog, gazetteer))
    assert [s.surface for s in spans] == ["Kessa Hills Army", "KHA", "KHA", "Kessa Hills Army"]


def test_actors_defined_win_over_a_shorter_catalog_name_inside() -> None:
    """ "National Liberation Army" is in the catalog; the document's longer name is not."""
    catalog, gazetteer, rules = _tools()
    text = "The Kessa National Liberation Army (KNLA) attacked a convoy near the border."
    doc = Document(id="t", text=text)
    refs = find_mentions(doc, catalog, gazetteer, rules)
    assert [(r.actor, r.kind) for r in refs][:2] == [
        ("Kessa National Liberation Army", "defined"),
        ("Kessa National Liberation Army", "defined"),
    ]


def test_actors_defined_claims_and_provisional_mentions() -> None:
    text = (
        "The Kessa Hills Army (KHA) is a rebel force in the north of Ruritania. "
        "On Monday Iran sent weapons to the KHA, officials said."
    )
    result = extract_document(Document(id="t", text=text, published="2024-03-01"))
    assert ("Kessa Hills Army", True) in {(m.actor, m.provisional) for m in result.mentions}
    assert ("Iran", "ARMS", "Kessa Hills Army") in {
        (c.subject, c.relation, c.object) for c in result.claims
    }


def test_actors_defined_rules_are_validated(tmp_path: Path) -> None:
    bad = tmp_path / "defined.yaml"
    bad.write_text("head_types: {state: [army]}\n", encoding="utf-8")
    with pytest.raises(DefinedRulesError):
        DefinedRules.load(bad)


def test_actors_junta_is_the_state_the_document_called_so() -> None:
    """ "the junta" is the state the document called a junta, not the state named last."""
    text = (
        "Myanmar's junta rejected the offer. China said it would mediate. "
        "The Kessa Hills Army (KHA) has been attacking the junta since the coup."
    )
    found = {
        (c.subject, c.relation, c.object)
        for c in extract_document(Document(id="t", text=text, published="2024-03-01")).claims
    }
    assert ("Kessa Hills Army", "ATTACKS", "Myanmar") in found
    assert ("Kessa Hills Army", "ATTACKS", "China") not in found


def _people(text: str) -> list[tuple[str, str, str | None]]:
    catalog, gazetteer, rules = _tools()
    refs = find_mentions(Document(id="t", text=text), catalog, gazetteer, rules)
    return [(r.surface, r.actor, r.person) for r in refs if r.kind == "defined" and r.person]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # after the actor, the office, a comma
            "Niger's defence minister, Amadou Sanogo, said the base would close. "
            "Sanogo later met the envoy.",
            [
                ("Amadou Sanogo", "Niger", "Amadou Sanogo"),
                ("Sanogo", "Niger", "Amadou Sanogo"),
            ],
        ),
        (  # before the actor: "Name, the leader of X"
            "Kyaw Min Htet, the leader of the Kessa Hills Army (KHA), spoke on Friday.",
            [("Kyaw Min Htet", "Kessa Hills Army", "Kyaw Min Htet")],
        ),
        (  # a particle standing alone inside a name; the family name after it later
            "Jordanian Crown Prince Hussein bin Abdullah spoke in Amman. "
            "Bin Abdullah later met the envoy.",
            [
                ("Hussein bin Abdullah", "Jordan", "Hussein bin Abdullah"),
                ("Abdullah", "Jordan", "Hussein bin Abdullah"),
            ],
        ),
        (  # a title is no part of the name
            "Chad's army spokesman Colonel Idriss Mahamat denied it.",
            [("Idriss Mahamat", "Chad", "Idriss Mahamat")],
        ),
        (  # a name cut by an editor's bracket is no name
            "They do not recognise (IS leader Abu Omar) Al-Kessawi as caliph.",
            [],
        ),
        (  # a day is no part of a name
            "Hamas leader Said Tuesday was not available.",
            [],
        ),
        (  # an office but no name after it
            "Mali's defence minister said the talks were over.",
            [],
        ),
    ],
)
def test_actors_people_introduced_by_office(text: str, expected: list) -> None:
    assert _people(text) == expected


def test_actors_person_introduced_by_office_is_a_member_in_claims() -> None:
    text = (
        "The Kessa Hills Army (KHA) took the town. KHA spokesperson Aung Tun Lin said "
        "the group would hold it. Aung Tun Lin accused Iran of arming the army."
    )
    claims = {
        (c.subject, c.relation, c.object)
        for c in extract_document(Document(id="t", text=text, published="2024-03-01")).claims
    }
    assert ("Kessa Hills Army", "ACCUSES", "Iran") in claims
    assert ("Aung Tun Lin", "MEMBER_OF", "Kessa Hills Army") in claims


def test_actors_person_introduced_by_a_state_agency_is_no_member() -> None:
    """ "Ukrainian military intelligence spokesman X" is Ukraine's official, not a member
    of the agency as of a group."""
    text = (
        "Ukrainian military intelligence spokesman Petro Kessenko said Kyiv had armed the "
        "Kessa Hills Army (KHA)."
    )
    claims = {
        (c.subject, c.relation)
        for c in extract_document(Document(id="t", text=text, published="2024-03-01")).claims
    }
    assert ("Petro Kessenko", "MEMBER_OF") not in claims


def _actor_at(text: str, needle: str) -> str | None:
    catalog, gazetteer, rules = _tools()
    refs = find_mentions(Document(id="t", text=text), catalog, gazetteer, rules)
    start = text.rindex(needle)
    return next((r.actor for r in refs if r.start <= start < r.end), None)


def test_actors_bare_head_is_the_one_actor_named_with_it() -> None:
    text = "The Kessa Valley Alliance (KVA) took the pass. Later the Alliance withdrew."
    assert _actor_at(text, "Alliance withdrew") == "Kessa Valley Alliance"


def test_actors_bare_head_with_two_candidates_keeps_the_catalog_reading() -> None:
    text = (
        "The Kessa Valley Alliance (KVA) and the Upper Lomar Alliance (ULA) met. "
        "Later the Alliance withdrew."
    )
    assert _actor_at(text, "Alliance withdrew") == "NATO"


# Sentences with no actor, to put the state's own name out of an anaphor's reach.
FILLER = "The roads were closed for days and the markets stayed empty. " * 11


def test_actors_government_after_an_introduced_official_is_the_state() -> None:
    """ "the government" after a president introduced by office is his state, and "it"
    in the same sentence is that state, not an organisation named in between."""
    text = (
        "Chad's president, Idriss Kessa, met rebel envoys on Monday. "
        + FILLER
        + "The meeting was praised by the United Nations. Kessa promised calm. "
        "The government said on Tuesday that it would "
        "impose sanctions on the Kessa Hills Army (KHA)."
    )
    claims = {
        (c.subject, c.relation, c.object)
        for c in extract_document(Document(id="t", text=text, published="2024-03-01")).claims
    }
    assert ("Chad", "SANCTIONS", "Kessa Hills Army") in claims
    assert not any(c[0] == "United Nations" for c in claims)


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        (
            "France withdrew its last troops on Friday. Weeks later, the junta in Niamey "
            "welcomed Russian instructors.",
            ("Niger", "ENGAGES", "Russia"),
            ("France", "ENGAGES", "Russia"),
        ),
        (  # "the government of <an official>": the official's state
            "Colombia closed the border. The government of Venezuelan President Ramon "
            "Kessa has armed the Kessa Hills Army (KHA), officials said.",
            ("Venezuela", "ARMS", "Kessa Hills Army"),
            ("Colombia", "ARMS", "Kessa Hills Army"),
        ),
        (
            "The United States condemned the attack. The regime in Damascus accused "
            "Israel of striking an airport.",
            ("Syria", "ACCUSES", "Israel"),
            ("United States", "ACCUSES", "Israel"),
        ),
    ],
)
def test_actors_state_noun_with_its_seat_is_that_state(
    text: str, expected: tuple, wrong: tuple
) -> None:
    """ "the junta in Niamey": the state of the capital, not the state named last."""
    claims = {
        (c.subject, c.relation, c.object)
        for c in extract_document(Document(id="t", text=text, published="2024-03-01")).claims
    }
    assert expected in claims
    assert wrong not in claims


def test_actors_envoy_for_a_state_is_not_that_states_person() -> None:
    text = "Hans Kessler, the special envoy for Yemen, met the parties."
    assert _people(text) == []
