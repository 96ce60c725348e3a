"""Time as change: transitions year by year, and contradictions only within one period."""

from __future__ import annotations

from proxygraph.graph import contradictions
from proxygraph.graph.timeline import transitions
from test_graph import claim, doc, judged


def test_graph_transitions_listed_then_delisted() -> None:
    docs = [doc("d1", "Wire A", "2001-05-01"), doc("d2", "Wire B", "2021-02-01")]
    claims = [
        claim("d1", "Atlantis", "DESIGNATES_TERRORIST", "Red Brigade", time="2001"),
        claim("d2", "Atlantis", "DESIGNATES_TERRORIST", "Red Brigade", negated=True, time="2021"),
    ]
    found = transitions(judged(claims, docs), "Atlantis", "Red Brigade")
    listing = [t for t in found if t.aspect == "DESIGNATES_TERRORIST"]
    assert [(t.from_year, t.before, t.year, t.after) for t in listing] == [
        (2001, "listed", 2021, "delisted")
    ]
    assert listing[0].evidence_before[0].doc == "d1"
    assert listing[0].evidence_after[0].doc == "d2"
    assert "listed (2001) -> delisted (2021)" in listing[0].statement


def test_graph_transitions_allied_then_hostile_per_pair_and_year() -> None:
    docs = [doc(f"d{i}", f"Wire {i}", f"{2010 + i}-01-01") for i in range(4)]
    claims = [
        claim("d0", "Ruritania", "ARMS", "Freedonia", time="2010"),
        claim("d1", "Ruritania", "FUNDS", "Freedonia", time="2011"),
        claim("d2", "Ruritania", "ATTACKS", "Freedonia", time="2012"),
        claim("d3", "Freedonia", "HOSTILE_TO", "Ruritania", time="2013"),
    ]
    found = [t for t in transitions(judged(claims, docs), "Ruritania") if t.aspect == "stance"]
    assert [(t.a, t.b, t.from_year, t.before, t.year, t.after) for t in found] == [
        ("Freedonia", "Ruritania", 2011, "allied", 2012, "hostile")
    ]


def test_graph_transitions_ignore_denials_and_undated_claims() -> None:
    docs = [
        doc("d1", "Wire A", "2015-01-01"),
        doc("d2", "Wire B"),
        doc("d3", "Wire C", "2016-01-01"),
    ]
    claims = [
        claim("d1", "Ruritania", "ARMS", "Freedonia", time="2015"),
        claim("d2", "Ruritania", "ARMS", "Freedonia", negated=True),  # no year: says nothing
        claim("d3", "Ruritania", "ARMS", "Freedonia", certainty="denied", time="2016"),
    ]
    assert [t for t in transitions(judged(claims, docs)) if t.aspect == "ARMS"] == []


def test_graph_contradictions_only_within_one_period() -> None:
    docs = [
        doc("d1", "Wire A", "2001-05-01"),
        doc("d2", "Wire B", "2021-02-01"),
        doc("d3", "Wire C", "2021-03-01"),
    ]
    listed_then_delisted = [
        claim("d1", "Atlantis", "DESIGNATES_TERRORIST", "Red Brigade", time="2001"),
        claim("d2", "Atlantis", "DESIGNATES_TERRORIST", "Red Brigade", negated=True, time="2021"),
    ]
    assert contradictions(judged(listed_then_delisted, docs[:2])) == []
    # A third source says it still holds in 2021: now two sources disagree about 2021.
    disputed = [
        *listed_then_delisted,
        claim("d3", "Atlantis", "DESIGNATES_TERRORIST", "Red Brigade", time="2021"),
    ]
    found = contradictions(judged(disputed, docs))
    assert [(c.kind, c.claim) for c in found] == [
        ("negated", "Atlantis DESIGNATES_TERRORIST Red Brigade")
    ]
    assert {e.doc for e in found[0].for_} == {"d3"}  # 2001's listing is not part of it
    assert {e.doc for e in found[0].against} == {"d2"}


def test_graph_contradictions_a_denial_disputes_whenever_it_is_made() -> None:
    docs = [doc("d1", "Wire A", "2016-05-01"), doc("d2", "Wire B", "2018-02-01")]
    claims = [
        claim("d1", "Ruritania", "ARMS", "Freedonia", certainty="reported", time="2016"),
        claim("d2", "Ruritania", "ARMS", "Freedonia", certainty="denied", time="2018"),
    ]
    assert [c.kind for c in contradictions(judged(claims, docs))] == ["denied"]


def test_graph_transitions_cli_timeline_changes(tmp_path) -> None:
    import json
    import sys
    from pathlib import Path

    from typer.testing import CliRunner

    from proxygraph.cli import app

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from bench_web import synth_store

    db = tmp_path / "synth.duckdb"
    synth_store(db, 400, 8, seed=3)
    runner = CliRunner()
    args = ["timeline", "Actor 000", "Actor 001", "--db", str(db), "--changes", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    moves = json.loads(result.output)
    assert moves and all(m["from_year"] < m["year"] and m["before"] != m["after"] for m in moves)
    assert {(m["a"], m["b"]) for m in moves} <= {
        ("Actor 000", "Actor 001"),
        ("Actor 001", "Actor 000"),
    }
    table = runner.invoke(app, ["timeline", "Actor 000", "--db", str(db)])
    assert table.exit_code == 0 and "changes" in table.output and "->" in table.output
