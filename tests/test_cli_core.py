"""The core commands, in-process; the database is built by hand (see conftest.filled_db)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from proxygraph.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def all_commands() -> list[str]:
    group = get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


def test_cli_core_commands_are_registered() -> None:
    assert {"build", "extract", "actors", "actor", "show", "claims"} <= set(all_commands())


@pytest.mark.parametrize("command", all_commands())
def test_cli_core_every_command_has_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`proxygraph {command} --help` lacks an Example"


def test_cli_core_actors_table(filled_db: Path) -> None:
    result = run("actors", "--db", filled_db)
    assert result.exit_code == 0, result.output
    assert "Russia" in result.output and "Newgroup Brigade" in result.output
    only_new = run("actors", "--db", filled_db, "--provisional")
    assert "Newgroup Brigade" in only_new.output and "Russia" not in only_new.output


def test_cli_core_actor_by_alias(filled_db: Path) -> None:
    result = run("actor", "the Kremlin", "--db", filled_db)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Russia (state)")
    assert "Moscow (2)" in result.output and "4 claims" in result.output


def test_cli_core_unknown_actor_is_e012(filled_db: Path) -> None:
    result = run("actor", "Nobody Whatsoever", "--db", filled_db)
    assert result.exit_code == 2
    assert "E012" in result.output and "Traceback" not in result.output


def test_cli_core_show_groups_relations(filled_db: Path) -> None:
    result = run("show", "Russia", "--db", filled_db)
    assert result.exit_code == 0, result.output
    assert "ARMS -> Taliban" in result.output
    assert "2 claims (reported 2), 2017, 2 docs" in result.output
    assert "U.S. officials" in result.output
    assert "not DESIGNATES_TERRORIST -> Newgroup Brigade" in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), 6),
        (("--subject", "Moscow"), 4),
        (("--relation", "ARMS", "--certainty", "reported"), 2),
        (("--negated",), 2),
        (("--not-negated", "--year-from", "2019"), 1),
        (("--object", "Hizballah"), 0),
        (("--limit", "1"), 1),
    ],
)
def test_cli_core_claims_jsonl_filters(filled_db: Path, args: tuple, expected: int) -> None:
    result = run("claims", "--db", filled_db, "--jsonl", *args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == expected
    assert all({"doc", "subject", "relation", "object", "quote"} <= set(r) for r in rows)


def test_cli_core_claims_table(filled_db: Path) -> None:
    result = run("claims", "--db", filled_db, "--subject", "Russia", "--relation", "ARMS")
    assert result.exit_code == 0, result.output
    assert "2 claims" in result.output and "Taliban" in result.output


def test_cli_core_missing_database_is_e009(tmp_path: Path) -> None:
    result = run("claims", "--db", tmp_path / "none.duckdb")
    assert result.exit_code == 2
    assert "E009" in result.output and "Traceback" not in result.output


def test_cli_core_actors_provisional_merges_spellings(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Iran has armed the Northern Valley Liberation Front, officials said.\n"
    )
    (folder / "b.txt").write_text(
        "Russia met the Northern Valley Liberation Front in Moscow last year.\n"
    )
    db = str(tmp_path / "p.duckdb")
    assert runner.invoke(app, ["build", str(folder), "--db", db, "--quiet"]).exit_code == 0
    result = runner.invoke(app, ["actors", "--provisional", "--db", db])
    assert result.exit_code == 0
    assert "Northern" in result.output and "1 provisional actors" in result.output
