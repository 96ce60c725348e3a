"""`proxygraph review`: confirm, reject, correct, list, export; judgements that survive a
re-extraction with another catalog; the gold export read back by the shared scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proxygraph.cli import app
from proxygraph.store import Store
from support import SAMPLE, SHARED

runner = CliRunner()
SCORER = SHARED / "eval" / "score.py"


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def claims(db: Path, *args: str) -> list[dict]:
    result = run("claims", "--db", db, "--jsonl", "--limit", "1000", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def arms_ids(db: Path) -> list[str]:
    return [c["id"] for c in claims(db, "--relation", "ARMS")]


def test_cli_review_reject_leaves_claims_and_exports(filled_db: Path, tmp_path: Path) -> None:
    first, second = arms_ids(filled_db)
    result = run("review", first, "--reject", "--note", "not about arms", "--db", filled_db)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("rejected: Russia ARMS Taliban")
    assert [c["id"] for c in claims(filled_db, "--relation", "ARMS")] == [second]
    shown = claims(filled_db, "--relation", "ARMS", "--include-rejected")
    assert {c["id"]: (c.get("review") or {}).get("status") for c in shown} == {
        first: "rejected",
        second: None,
    }
    out = tmp_path / "all.jsonl"
    assert run("export", "-f", "jsonl", "-o", out, "--db", filled_db).exit_code == 0
    exported = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(exported) == 5 and all(r["relation"] != "ARMS" or r["doc"] == "d2" for r in exported)
    every = tmp_path / "every.jsonl"
    assert run("export", "-f", "jsonl", "-o", every, "--include-rejected", "--db", filled_db)
    rows = [json.loads(line) for line in every.read_text("utf-8").splitlines()]
    assert [r["review"]["status"] for r in rows if "review" in r] == ["rejected"]
    assert len(rows) == 6
    shown = run("show", "Russia", "--db", filled_db)
    assert "1 claim (reported 1)" in shown.output


def test_cli_review_correct_and_list(filled_db: Path) -> None:
    first, second = arms_ids(filled_db)
    result = run(
        "review", first, "--set", "relation=funds", "--set", "object=Hizballah", "--db", filled_db
    )
    assert result.exit_code == 0, result.output
    assert "corrected: Russia FUNDS Hezbollah" in result.output
    assert "relation: ARMS -> FUNDS" in result.output
    assert run("review", second, "--confirm", "--db", filled_db).exit_code == 0
    [funds] = claims(filled_db, "--relation", "FUNDS")
    assert funds["object"] == "Hezbollah" and funds["review"]["was"]["object"] == "Taliban"
    listed = run("review", "--list", "--db", filled_db)
    assert listed.exit_code == 0, listed.output
    assert "2 judgements" in listed.output and "corrected" in listed.output
    every = json.loads(run("review", "--list", "--json", "--db", filled_db).output)
    assert every[0]["changes"] == {"relation": "FUNDS", "object": "Hezbollah"}
    only = json.loads(
        run("review", "--list", "--status", "confirmed", "--json", "--db", filled_db).output
    )
    assert [r["claim"]["relation"] for r in only] == ["ARMS"] and only[0]["matched"]
    undone = run("review", funds["id"], "--undo", "--db", filled_db)
    assert undone.exit_code == 0 and undone.output.startswith("as extracted: Russia ARMS Taliban")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--set", "relation=LOVES"), "E062"),
        (("--set", "certainty=sure"), "E062"),
        (("--set", "colour=red"), "E061"),
        (("--set", "relation"), "E062"),
        (("--set", "object=Nobody Whatsoever"), "E012"),
        (("--confirm", "--reject"), "E063"),
        ((), "E063"),
    ],
)
def test_cli_review_bad_input_is_coded(filled_db: Path, args: tuple, code: str) -> None:
    first = arms_ids(filled_db)[0]
    result = run("review", first, *args, "--db", filled_db)
    assert result.exit_code == 2, result.output
    assert code in result.output and "Traceback" not in result.output
    assert "review" not in claims(filled_db)[0]


def test_cli_review_unknown_claim_and_modes(filled_db: Path) -> None:
    result = run("review", "ffffffffffffffff", "--confirm", "--db", filled_db)
    assert result.exit_code == 2 and "E060" in result.output
    result = run("review", "--list", "--export", "x.jsonl", "--db", filled_db)
    assert result.exit_code == 2 and "E063" in result.output
    result = run("review", "--list", "--status", "maybe", "--db", filled_db)
    assert result.exit_code == 2 and "E062" in result.output


def test_cli_review_export_is_read_back_by_the_shared_scorer(
    filled_db: Path, tmp_path: Path
) -> None:
    if not SCORER.is_file():
        pytest.skip(f"{SCORER} is not available")
    rows = claims(filled_db)
    by = {(c["doc"], c["relation"]): c["id"] for c in rows}
    run("review", by[("d1", "ARMS")], "--confirm", "--db", filled_db)
    run("review", by[("d2", "ARMS")], "--set", "relation=FUNDS", "--db", filled_db)
    run("review", by[("d1", "FIGHTS_ALONGSIDE")], "--confirm", "--db", filled_db)
    run("review", by[("d2", "FIGHTS_ALONGSIDE")], "--reject", "--db", filled_db)
    gold, system = tmp_path / "gold.jsonl", tmp_path / "machine.jsonl"
    result = run("review", "--export", gold, "--system", system, "--db", filled_db)
    assert result.exit_code == 0, result.output
    assert "3 judged claims (2 confirmed, 1 corrected; 1 rejected left out)" in result.output
    actors = tmp_path / "gold.actors.json"
    assert "Hizbullah" in json.loads(actors.read_text("utf-8"))["Hezbollah"]
    gold_rows = [json.loads(line) for line in gold.read_text("utf-8").splitlines()]
    assert {r["relation"] for r in gold_rows} == {"ARMS", "FUNDS", "FIGHTS_ALONGSIDE"}
    assert all(
        {"doc", "subject", "relation", "object", "negated", "certainty", "quote"} <= set(r)
        for r in gold_rows
    )
    scored = subprocess.run(
        [sys.executable, SCORER, gold, system, "--actors", actors, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(scored.stdout)
    # machine: d1 ARMS, d1 FIGHTS, d2 ARMS (corrected to FUNDS), d2 FIGHTS (rejected)
    assert result["strict"] == {"tp": 2, "gold": 3, "system": 4, "p": 0.5, "r": 0.667, "f1": 0.571}
    assert result["family"]["tp"] == 3  # ARMS and FUNDS are both material
    assert result["certainty_agreement"] == 1.0


def test_cli_review_survives_rebuild_with_another_catalog(tmp_path: Path) -> None:
    """Build the sample, judge two claims, build again with an extra catalog file (every
    document is extracted anew): both judgements still apply to the same sentence."""
    db = tmp_path / "sample.duckdb"
    built = run("build", SAMPLE, "--db", db, "-q", "--workers", "1")
    assert built.exit_code in (0, 3), built.output
    arms = [c for c in claims(db, "--relation", "ARMS") if c["certainty"] != "denied"]
    wrong, fix = arms[0], arms[1]
    assert run("review", wrong["id"], "--reject", "--db", db).exit_code == 0
    fixed = run("review", fix["id"], "--set", "certainty=denied", "--note", "n", "--db", db)
    assert fixed.exit_code == 0, fixed.output
    with Store.open(db, read_only=True) as store:
        judged_at = max(j.judged_at for j, _ in store.judgements())
    extra = tmp_path / "extra-actors.yaml"
    extra.write_text(
        "- {name: Liwa al-Baqir, type: armed_group, country: Syria, aliases: [Baqir Brigade]}\n",
        "utf-8",
    )
    rebuilt = run("build", SAMPLE, "--db", db, "--catalog", extra, "--workers", "1")
    assert rebuilt.exit_code in (0, 3), rebuilt.output
    assert "catalog changed" in rebuilt.output
    with Store.open(db, read_only=True) as store:
        rewritten = store.conn.execute("SELECT min(added_at) FROM documents").fetchone()[0]
        pairs = store.judgements()
    assert rewritten > judged_at  # every document (and its claims) was written anew
    assert all(claim is not None for _, claim in pairs)
    now = claims(db, "--include-rejected")
    same = [
        c
        for c in now
        if c["quote"] == wrong["quote"]
        and c["relation"] == "ARMS"
        and c["subject"] == wrong["subject"]
        and c["object"] == wrong["object"]
    ]
    assert any((c.get("review") or {}).get("status") == "rejected" for c in same)
    assert wrong["id"] not in {c["id"] for c in claims(db)}
    [corrected] = [c for c in now if c.get("review", {}).get("claim_id") == fix["id"]]
    assert corrected["certainty"] == "denied" and corrected["review"]["status"] == "corrected"
    assert corrected["quote"] == fix["quote"] and corrected["review"]["note"] == "n"
