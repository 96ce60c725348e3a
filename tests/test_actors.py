"""Catalog lint, gazetteer folding, user overrides and provisional actors."""

from __future__ import annotations

from pathlib import Path

import pytest

from proxygraph.actors import Catalog, Gazetteer
from proxygraph.actors.lint import lint, unreachable_names
from proxygraph.actors.provisional import ProvisionalMention, merge_provisional
from proxygraph.errors import ProxygraphError


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


@pytest.fixture(scope="module")
def gazetteer(catalog: Catalog) -> Gazetteer:
    return Gazetteer(catalog)


def _found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.actor) for m in gazetteer.find(text)]


def test_actors_catalog_lint_is_clean(catalog: Catalog) -> None:
    problems = lint(catalog)
    assert not problems, "\n".join(problems)


def test_actors_catalog_every_name_is_findable(catalog: Catalog) -> None:
    problems = unreachable_names(catalog)
    assert not problems, "\n".join(problems[:50])


def test_actors_catalog_counts(catalog: Catalog) -> None:
    kinds = [a.type for a in catalog.actors.values()]
    assert kinds.count("state") >= 195
    assert len(kinds) - kinds.count("state") - kinds.count("person") >= 300
    assert kinds.count("person") >= 500


def test_actors_catalog_lint_catches_a_shared_alias(catalog: Catalog, tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("- {name: Hezbollah Fan Club, type: other, aliases: [Hizballah]}\n")
    assert any("hizballah" in p for p in lint(Catalog.load(extra)))


def test_actors_catalog_lint_catches_a_dangling_parent(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("- {name: Lost Brigade, type: armed_group, parent: Nobody Known}\n")
    assert any("Nobody Known" in p for p in lint(Catalog.load(extra)))


@pytest.mark.parametrize(
    ("text", "surface", "actor"),
    [
        ("Hizballah fired", "Hizballah", "Hezbollah"),
        ("HIZB-I-ISLAMI LEADER", "HIZB-I-ISLAMI", "Hizb-i-Islami"),
        ("the Soleymani era", "Soleymani", "Qassem Soleimani"),
        ("talks with el-Qaeda", "el-Qaeda", "al-Qaeda"),
        ("Bashar Assad spoke", "Bashar Assad", "Bashar al-Assad"),
        ("Kata'ib Hizballah", "Kata'ib Hizballah", "Kataib Hezbollah"),
        ("переговоры с Россией", "Россией", "Russia"),
        ("делегация Ирана", "Ирана", "Iran"),
        ("US-backed forces", "US", "United States"),
    ],
)
def test_actors_gazetteer_folds_spellings(
    gazetteer: Gazetteer, text: str, surface: str, actor: str
) -> None:
    assert (surface, actor) in _found(gazetteer, text)


@pytest.mark.parametrize(
    "text",
    ["it is what it is", "let us go", "the alliance of convenience", "Latin America", "Homs"],
)
def test_actors_gazetteer_ignores_words_and_stop_phrases(gazetteer: Gazetteer, text: str) -> None:
    assert _found(gazetteer, text) == []


def test_actors_gazetteer_offsets_point_into_text(gazetteer: Gazetteer) -> None:
    text = "Yesterday Putin's government and the Islamic Revolutionary Guard Corps met."
    for match in gazetteer.find(text):
        assert text[match.start : match.end] == match.surface


def test_actors_overrides_add_alias_merge_and_reject(tmp_path: Path) -> None:
    extra = tmp_path / "catalog.yaml"
    extra.write_text(
        "- {name: Hezbollah, type: armed_group, aliases: [Party of Allah]}\n"
        "- {name: Sons of the Valley, type: armed_group, country: Syria}\n"
        "- {merge: [Valley Sons, Sons of the Valley], into: Free Syrian Army}\n"
        "- {reject: [Local Council]}\n"
    )
    catalog = Catalog.load(extra)
    found = _found(Gazetteer(catalog), "Party of Allah and Valley Sons met")
    assert found == [("Party of Allah", "Hezbollah"), ("Valley Sons", "Free Syrian Army")]
    assert "Sons of the Valley" not in catalog
    assert catalog.rejected == ("Local Council",)
    assert "Party of Allah" not in Catalog.load().actors["Hezbollah"].aliases


def test_actors_overrides_reject_a_bad_file(tmp_path: Path) -> None:
    extra = tmp_path / "catalog.yaml"
    extra.write_text("- {merge: [X], into: No Such Actor}\n")
    with pytest.raises(ProxygraphError):
        Catalog.load(extra)


def test_actors_provisional_merges_spellings_and_suggests(catalog: Catalog) -> None:
    mentions = [
        ProvisionalMention("Liwa al-Baqir", "d1", frozenset({"Iran"})),
        ProvisionalMention("Liwa al Baqir", "d2", frozenset({"Iran"})),
        ProvisionalMention("the Liwa al-Baqir", "d3"),
        ProvisionalMention("Baqir Brigade", "d4", frozenset({"Iran", "Syria"})),
        ProvisionalMention("Tribal Army of the East", "d5"),
        ProvisionalMention("Hayat Tahrir al Shams", "d6"),
    ]
    groups = merge_provisional(mentions, catalog)
    baqir = groups[0]
    assert baqir.name == "Liwa al-Baqir" and baqir.documents == {"d1", "d2", "d3"}
    assert {g.name for g in groups} >= {"Baqir Brigade", "Tribal Army of the East"}
    suggested = {g.name: g.suggestion for g in groups}
    assert suggested["Hayat Tahrir al Shams"] == "Hayat Tahrir al-Sham"
    assert baqir.to_actor().provisional


def test_actors_provisional_skips_rejected_names(tmp_path: Path) -> None:
    extra = tmp_path / "catalog.yaml"
    extra.write_text("- {reject: Local Council}\n")
    groups = merge_provisional([ProvisionalMention("the Local Council", "d1")], Catalog.load(extra))
    assert groups == []
