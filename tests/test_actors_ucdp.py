"""The catalog generated from the UCDP Actor Dataset: the import script on a small CSV,
its merge with the hand-made catalog, ambiguous names resolved by context, look-up from
the catalog alone, the canonical-name lint and the person column of mentions."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from proxygraph.actors import Catalog, Gazetteer, resolve_match
from proxygraph.actors.build_ucdp import build, read_rows, write
from proxygraph.actors.catalog import GENERATED_FILES, handmade_and_generated
from proxygraph.actors.lint import lint, shared_names
from proxygraph.actors.lookup import ActorIndex

SHARED_CSV = Path(__file__).parents[2] / "shared" / "data" / "ucdp" / "ucdp-actor-221.csv"
COLUMNS = [
    *("ActorId", "NameData", "NameOrig", "NameOrigFull", "NameOrigFullEng", "NameChange"),
    *("NewName", "NewNameFullMotherTongue", "NewNameFullEng", "Org", "Splinter", "NamePrev"),
    *("ActorIdPrev", "SplitTemp", "NameSplitTemp", "ActorIdSplitTemp", "Alliance"),
    *("NameAlliance", "ActorIdAlliance", "JoinGroup", "GroupName", "ActorIdGroup"),
    *("Location", "GWNOLoc", "Region", "Version"),
]


def _row(
    actor_id: int, short: str, native: str, english: str, org: int, location: str, **extra: Any
) -> dict[str, str]:
    row = {c: "" for c in COLUMNS}
    row.update(
        ActorId=str(actor_id), NameData=short, NameOrig=short, NameOrigFull=native,
        NameOrigFullEng=english, Org=str(org), Location=location, Version="99.1",
        NameChange="0", Splinter="0", SplitTemp="0", Alliance="0", JoinGroup="0",
    )  # fmt: skip
    row.update({k: str(v) for k, v in extra.items()})
    return row


# A hand-made slice in UCDP's own layout: invented groups beside well-known ones.
ELN = ("ELN", "Ejército de Liberación Nacional", "National Liberation Army")
JNIM = ("Jamaat Nusrat al-Islam wal-Muslimin", "Group for the Support of Islam and Muslims")
ROWS = [
    _row(9001, "Government of Colombia", "n/a", "Government of Colombia", 4, "Colombia"),
    _row(9002, *ELN, 1, "Colombia, Venezuela"),
    _row(9003, *ELN, 1, "Bolivia"),
    _row(9004, "JNIM", *JNIM, 1, "Mali, Burkina Faso"),
    _row(9005, "QRF", "n/a", "Quorvian Revolutionary Front", 1, "Peru", NameChange="1",
         NewName="QPA", NewNameFullEng="Quorvian People's Army"),
    _row(9006, "QRF-Z", "n/a", "Quorvian Revolutionary Front - Zeta faction", 1, "Peru",
         Splinter="1", NamePrev="QRF", ActorIdPrev="9005"),
    _row(9007, "Zorbu", "Zorbu", "Zorbu", 3, "Peru"),
    _row(9008, "Contras", "Contrarevolucionarios", "Counterrevolutionaries of Quorvia", 1, "Peru"),
    _row(9009, "Government of Atlantis", "n/a", "Government of Atlantis", 4, "Atlantis"),
    _row(9010, "Qaidat Zorb", "Qaidat Zorb", "The Base", 1, "Peru"),
]  # fmt: skip


def _with(handmade: Catalog, path: Path) -> Catalog:
    """The hand-made catalog and a generated file, as the packaged loader merges them."""
    catalog = Catalog(dict(handmade.actors), handmade.stopnames)
    catalog.add_entries(yaml.safe_load(path.read_text("utf-8")), str(path))
    return catalog


@pytest.fixture(scope="module")
def handmade() -> Catalog:
    return handmade_and_generated(generated=False)


@pytest.fixture(scope="module")
def built(handmade: Catalog) -> tuple[dict[str, dict[str, Any]], list[str]]:
    entries, report = build(ROWS, handmade)
    return {e["name"]: e for e in entries}, report


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def test_actors_ucdp_government_maps_onto_its_state(built) -> None:
    entries, report = built
    assert entries["Colombia"]["type"] == "state" and 9001 in entries["Colombia"]["ucdp"]
    assert not any(name.startswith("Government of") for name in entries)
    assert any("Atlantis" in line for line in report)  # unmapped: reported, not imported


def test_actors_ucdp_known_group_merges_into_the_handmade_entry(built, handmade) -> None:
    entries, _ = built
    jnim = entries["Jama'at Nusrat al-Islam wal-Muslimin"]
    assert jnim["ucdp"] == [9004] and "country" not in jnim  # the hand-made country stands
    assert "Burkina Faso" in jnim["active_in"]
    assert not [e for e in entries.values() if e.get("native", "").startswith("Jamaat Nusrat")]


def test_actors_ucdp_shared_acronym_is_ambiguous_on_each(built) -> None:
    entries, _ = built
    bolivia = entries["National Liberation Army (Bolivia)"]
    assert bolivia["country"] == "Bolivia" and "ELN" in bolivia["ambiguous"]
    assert "National Liberation Army" in bolivia["ambiguous"]
    colombia = entries["National Liberation Army (ELN)"]  # the hand-made one
    assert "ELN" in colombia["ambiguous"] and 9002 in colombia["ucdp"]


def test_actors_ucdp_rename_splinter_and_word_names(built) -> None:
    entries, _ = built
    army = entries["Quorvian People's Army"]
    assert "Quorvian Revolutionary Front" in army["aliases"]
    assert {"QRF", "QPA"} <= set(army["acronyms"])
    faction = next(e for e in entries.values() if 9006 in e["ucdp"])
    assert {"kind": "splinter_of", "actor": "Quorvian People's Army"} in faction["links"]
    assert "Zorbu" in entries["Zorbu"]["lookup"]  # an identity group: look-up only
    contras = entries["Counterrevolutionaries of Quorvia"]
    assert "Contras" in contras["lookup"] and "Contras" not in contras.get("aliases", [])
    base = entries["The Base"]  # a one-word translation is an ordinary word; the original not
    assert base["lookup"] == ["The Base"] and base["aliases"] == ["Qaidat Zorb"]


def test_actors_ucdp_generated_slice_loads_lint_clean(built, handmade, tmp_path: Path) -> None:
    path = tmp_path / "organisations_ucdp.yaml"
    write(list(built[0].values()), path, "99.1")
    assert "CC BY 4.0" in path.read_text("utf-8")
    merged = _with(handmade, path)
    assert not lint(merged), lint(merged)
    gazetteer = Gazetteer(merged)
    assert not gazetteer.find("Zorbu herders met the Contras.")
    found = [(m.surface, m.candidates) for m in gazetteer.find("The QPA and the ELN met.")]
    assert found[0] == ("QPA", ("Quorvian People's Army",))
    assert len(found[1][1]) >= 2


def test_actors_ucdp_reads_the_csv_layout(tmp_path: Path) -> None:
    path = tmp_path / "slice.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(ROWS[:3])
    assert [r["NameData"] for r in read_rows(path)] == ["Government of Colombia", "ELN", "ELN"]


@pytest.mark.skipif(not SHARED_CSV.is_file(), reason="the UCDP CSV is not beside the repo")
def test_actors_ucdp_real_slice_is_lint_clean(handmade, tmp_path: Path) -> None:
    rows = read_rows(SHARED_CSV)[:150]
    entries, _ = build(rows, handmade)
    path = tmp_path / "organisations_ucdp.yaml"
    write(entries, path, "22.1")
    assert not lint(_with(handmade, path))


def test_actors_ucdp_generated_file_is_packaged(catalog: Catalog) -> None:
    assert GENERATED_FILES == ("organisations_ucdp.yaml",)
    ucdp = [a for a in catalog.actors.values() if a.ucdp]
    assert len(ucdp) >= 1500
    assert catalog.get("Myanmar National Democratic Alliance Army").country == "Myanmar"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The ELN attacked a pipeline in Arauca, Colombia.", "National Liberation Army (ELN)"),
        ("In 1967 the ELN fought near Teoponte in Bolivia.", "National Liberation Army (Bolivia)"),
        # no cue: the one of them that states list as terrorist (Colombia's, an FTO)
        ("The ELN issued a statement.", "National Liberation Army (ELN)"),
        ("Ansar al-Sharia fighters seized Benghazi, Libya.", "Ansar al-Sharia in Libya"),
        ("Ansar al-Sharia rallied in Tunis as Tunisia watched.", "Ansar al-Sharia in Tunisia"),
        ("Ansar al-Sharia issued a statement.", None),
    ],
)
def test_actors_ucdp_ambiguous_name_resolved_by_context(
    catalog: Catalog, text: str, actor: str | None
) -> None:
    match = next(m for m in Gazetteer(catalog).find(text) if len(m.candidates) > 1)
    resolved = resolve_match(match, text, catalog, 2020)
    assert (resolved.actor if resolved else None) == actor


def test_actors_ucdp_ambiguous_name_resolved_by_co_mentioned_actor(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "- {name: Vortan Brigade, type: armed_group, aliases: [VBX]}\n"
        "- {name: Vortan Front (North), type: armed_group, acronyms: [VFN], ambiguous: [VFN],"
        " links: [{kind: splinter_of, actor: Vortan Brigade}]}\n"
        "- {name: Vortan Front (South), type: armed_group, acronyms: [VFN], ambiguous: [VFN]}\n"
        "- {name: Old Vortan Front, type: armed_group, acronyms: [OVF], ambiguous: [OVF],"
        " valid_to: 1990}\n"
        "- {name: New Vortan Front, type: armed_group, acronyms: [OVF], ambiguous: [OVF]}\n"
    )
    catalog = Catalog.load(extra)
    gazetteer = Gazetteer(catalog)
    text = "The VFN and the Vortan Brigade clashed."
    assert resolve_match(gazetteer.find(text)[0], text, catalog, 2020).actor == (
        "Vortan Front (North)"
    )
    text = "The OVF clashed with the army."
    assert resolve_match(gazetteer.find(text)[0], text, catalog, 2020).actor == ("New Vortan Front")


def test_actors_lint_fails_on_a_shared_canonical_name(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("- {name: Al Qaeda, type: armed_group}\n")
    problems = shared_names(Catalog.load(extra))
    assert problems and "al-Qaeda" in problems[0] and "Al Qaeda" in problems[0]
    assert not shared_names(Catalog.load())


@pytest.mark.parametrize(
    ("typed", "actor"),
    [
        ("eln", "National Liberation Army (ELN)"),
        ("National Liberation Army", "National Liberation Army (ELN)"),
        ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("Group for Support of Islam and Muslims", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("Fulani", "Fulani"),
        ("MNDAA", "Myanmar National Democratic Alliance Army"),
        ("Hizballah", "Hezbollah"),
    ],
)
def test_actors_lookup_by_any_name(catalog: Catalog, typed: str, actor: str) -> None:
    found = ActorIndex(catalog).find(typed)
    assert found is not None and found.actor.name == actor


def test_actors_lookup_lists_the_actors_sharing_a_name(catalog: Catalog) -> None:
    found = ActorIndex(catalog).find("ELN")
    assert found is not None and "National Liberation Army (Bolivia)" in found.others


def test_actors_cli_actor_needs_no_database(tmp_path: Path, monkeypatch) -> None:
    from proxygraph.cli import app

    monkeypatch.chdir(tmp_path)  # no proxygraph.duckdb here
    monkeypatch.delenv("PROXYGRAPH_DB", raising=False)
    result = CliRunner().invoke(app, ["actor", "ELN"])
    assert result.exit_code == 0, result.output
    assert "National Liberation Army (ELN)" in result.output and "UCDP" in result.output
    assert not list(tmp_path.iterdir())  # no database was created
    unknown = CliRunner().invoke(app, ["actor", "Nobody Whatsoever"])
    assert unknown.exit_code == 2 and "E012" in unknown.output


def test_actors_person_mention_counts_for_its_actor(catalog: Catalog) -> None:
    from proxygraph.extract.documents import extract_document
    from proxygraph.models import Document
    from proxygraph.store.store import _mention_row

    text = "Putin met Erdogan in Ankara."
    doc = Document(id="p1", text=text, title="t", published="2020-01-01", kept=((0, len(text)),))
    mentions = extract_document(doc, catalog).mentions
    putin = next(m for m in mentions if m.surface == "Putin")
    assert (putin.actor, putin.person) == ("Russia", "Vladimir Putin")
    assert _mention_row(putin)[:3] == ("p1", "Russia", "Vladimir Putin")


def test_actors_ucdp_committed_file_matches_the_csv(handmade, tmp_path: Path) -> None:
    """The packaged file is what the script makes of the shared CSV (no hand edits)."""
    if not SHARED_CSV.is_file():
        pytest.skip("the UCDP CSV is not beside the repo")
    entries, _ = build(read_rows(SHARED_CSV), handmade)
    fresh = tmp_path / "organisations_ucdp.yaml"
    write(entries, fresh, "22.1")
    packaged = Path(__file__).parents[1] / "src/proxygraph/actors/data/organisations_ucdp.yaml"
    assert fresh.read_text("utf-8") == packaged.read_text("utf-8")


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Troops back the Somali National Army (SNA) against al-Shabaab. The SNA advanced.",
            "Somalia",
        ),
        (
            "The Syrian National Army (SNA) shelled Kobani. The SNA denied it.",
            "Syrian National Army",
        ),
        ("The Sahel Nomad Alliance (SNA) raided a town. The SNA denied it.", None),
    ],
)
def test_actors_acronym_spelled_out_in_the_document_wins(
    catalog: Catalog, text: str, actor: str | None
) -> None:
    """A document's own "Long Name (ACR)" decides what ACR stands for in it; a spelled-out
    name the catalog lacks leaves the acronym unresolved rather than another actor's."""
    last = [m for m in Gazetteer(catalog).find(text) if m.surface == "SNA"][-1]
    resolved = resolve_match(last, text, catalog, 2020)
    assert (resolved.actor if resolved else None) == actor


def test_actors_provisional_part_of_a_known_name_is_suggested(catalog: Catalog) -> None:
    from proxygraph.actors.provisional import ProvisionalMention, merge_provisional

    groups = merge_provisional(
        [
            ProvisionalMention("Group for Support of Islam", "d1"),
            ProvisionalMention("Support Group", "d2"),  # too short to tell
        ],
        catalog,
    )
    suggested = {g.name: g.suggestion for g in groups}
    assert suggested == {
        "Group for Support of Islam": "Jama'at Nusrat al-Islam wal-Muslimin",
        "Support Group": None,
    }


def test_actors_shared_name_without_cue_is_the_actor_of_that_name(catalog: Catalog) -> None:
    """ "Muslim Brotherhood" alone is the Muslim Brotherhood, not "Muslim Brotherhood
    (Syria)"; a Syrian context still picks the Syrian one."""
    for text, actor in (
        ("The Muslim Brotherhood called for protests.", "Muslim Brotherhood"),
        (
            "In Hama, Syria, the Muslim Brotherhood rose against Damascus.",
            "Muslim Brotherhood (Syria)",
        ),
    ):
        match = next(m for m in Gazetteer(catalog).find(text) if m.surface == "Muslim Brotherhood")
        assert resolve_match(match, text, catalog, 1982).actor == actor
