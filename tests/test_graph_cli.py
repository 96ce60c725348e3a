"""The judgement commands in-process, on a store filled with hand-built extractions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proxygraph.cli import app
from proxygraph.extract import Extraction
from proxygraph.models import Claim, Document
from proxygraph.store import Store

COMMANDS = ("stance", "timeline", "contradictions", "path", "summary", "stories")
ARTICLES = {
    "a": (
        "Paper A",
        "2017-03-01",
        [
            ("Russia armed Hezbollah last year.", "Russia", "ARMS", "Hezbollah", {}),
            ("Russian jets bombed ISIS positions.", "Russia", "ATTACKS", "Islamic State", {}),
        ],
    ),
    "b": (
        "Paper B",
        "2018-04-01",
        [
            ("Iran armed the Houthis.", "Iran", "ARMS", "Houthis", {}),
            ("Russia and Iran are close allies.", "Russia", "ALLIED_WITH", "Iran", {}),
        ],
    ),
    "c": (
        "Paper C",
        "2018-05-01",
        [
            (
                "U.S. officials say Russia arms the Taliban.",
                "Russia",
                "ARMS",
                "Taliban",
                {"certainty": "reported", "source": "U.S. officials"},
            ),
            (
                "Moscow denies arming the Taliban.",
                "Russia",
                "ARMS",
                "Taliban",
                {"certainty": "denied", "source": "Russian ministry"},
            ),
        ],
    ),
}


def extraction(doc_id: str, publisher: str, published: str, rows: list) -> Extraction:
    text = " ".join(r[0] for r in rows)
    doc = Document(id=doc_id, text=text, publisher=publisher, published=published)
    claims = []
    for quote, s, rel, o, extra in rows:
        start = text.index(quote)
        claims.append(Claim(doc_id, s, rel, o, quote, start, start + len(quote), **extra))
    return Extraction(doc, claims=claims)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("judge") / "judge.duckdb"
    with Store.open(path) as store:
        for doc_id, (publisher, published, rows) in ARTICLES.items():
            store.add(extraction(doc_id, publisher, published, rows))
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def as_json(*args: str):
    return json.loads(run(*args, "--json"))


def test_graph_cli_stance_json_sorts_counterparts(db):
    groups = as_json("stance", "Hizballah", "--db", str(db))  # any alias resolves
    assert [p["a"] + p["b"] for p in groups["allies"]] == ["HezbollahRussia"]
    groups = as_json("stance", "Russia", "--db", str(db))
    allies = {p["a"] if p["b"] == "Russia" else p["b"] for p in groups["allies"]}
    assert allies == {"Hezbollah", "Iran", "Taliban"}
    taliban = next(p for p in groups["allies"] if "Taliban" in (p["a"], p["b"]))
    assert taliban["mass"] == pytest.approx(0.3) and taliban["confidence"] == "low"  # 0.8 - 0.5
    assert [p["a"] for p in groups["adversaries"]] == ["Islamic State"]
    assert groups["allies"][0]["cooperative"][0]["quote"] == "Russia armed Hezbollah last year."


def test_graph_cli_stance_table(db):
    output = run("stance", "the Kremlin", "--db", str(db))
    assert "Russia: allies" in output and "Russia: adversaries" in output
    assert "[asserted]" in output and "Paper A" in output


def test_graph_cli_timeline(db):
    entries = as_json("timeline", "Russia", "Taliban", "--db", str(db))
    assert [(e["year"], e["certainty"], e["source"]) for e in entries] == [
        (2018, "reported", "U.S. officials"),
        (2018, "denied", "Russian ministry"),
    ]
    assert "Moscow denies" in run("timeline", "Russia", "Taliban", "--db", str(db))


def test_graph_cli_contradictions(db):
    found = as_json("contradictions", "Taliban", "--db", str(db))
    assert [(c["kind"], c["claim"]) for c in found] == [("denied", "Russia ARMS Taliban")]
    assert found[0]["sources_for"] == ["U.S. officials"]
    assert "against, from Russian ministry" in run("contradictions", "--db", str(db))


def test_graph_cli_path(db):
    found = as_json("path", "Russia", "Houthis", "--db", str(db))
    assert found[0]["actors"] == ["Russia", "Iran", "Houthis"]
    assert [h["relations"] for h in found[0]["hops"]] == [["ALLIED_WITH"], ["ARMS"]]
    assert "Russia -> Iran -> Houthis" in run("path", "Russia", "Houthis", "--db", str(db))


def test_graph_cli_summary_and_stories(db):
    summary = as_json("summary", "--db", str(db))
    assert (summary["documents"], summary["stories"], summary["claims"]) == (3, 3, 6)
    assert summary["connected"][0]["actor"] == "Russia"
    assert as_json("stories", "--db", str(db)) == []
    assert len(as_json("stories", "--all", "--db", str(db))) == 3
    assert "3 documents in 3 stories" in run("summary", "--db", str(db))


def test_graph_cli_unknown_actor_is_an_error(db):
    result = CliRunner().invoke(app, ["stance", "Nobody At All", "--db", str(db)])
    assert result.exit_code == 2 and "E012" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_graph_cli_help_has_example(command):
    output = run(command, "--help")
    assert "Example" in output and "--json" in output and "--db" in output
