"""The command line's promise, for every command (issue 16): a bad output path, a missing
database, a bad enumerated value or a missing input ends with exit status 2 and one coded
line on stderr, before any work; no traceback, and no file is created.

Each row runs the command line in process (typer's runner, stderr kept apart) in an empty
working folder; afterwards that folder must still be empty (no database, no lock
file, no half-written output) and so must every other place an output was asked for.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proxygraph.cli import app

ENTRY = str(Path(sys.executable).parent / "proxygraph")
CODED = re.compile(r"^E\d{3}: ")
MISSING_DB = "missing.duckdb"
BAD_DIR = "/nonexistent-dir"

# Every command that reads a database, with the arguments it needs besides --db.
READERS = {
    "actors": [],
    "actor": ["Russia"],
    "show": ["Russia"],
    "claims": [],
    "stance": ["Russia"],
    "timeline": ["Russia", "Iran"],
    "contradictions": [],
    "path": ["Russia", "Iran"],
    "summary": [],
    "stories": [],
    "report": ["Russia", "-o", "r.html"],
    "export": ["-f", "jsonl", "-o", "x.jsonl"],
    "serve": ["--port", "1"],
}

CASES: dict[str, list[str]] = {
    # a bad output path
    "extract -o in a missing folder": ["extract", "{sample}", "-o", f"{BAD_DIR}/x.jsonl"],
    "extract -o in /proc": ["extract", "{sample}", "-o", "/proc/nope.jsonl"],
    "export -o in a missing folder": [
        "export", "-f", "stix", "-o", f"{BAD_DIR}/x.json", "--db", "{db}",
    ],
    "export csv -o under a file": ["export", "-f", "csv", "-o", "{db}/tables", "--db", "{db}"],
    "report -o in a missing folder": [
        "report", "Russia", "-o", f"{BAD_DIR}/r.html", "--db", "{db}",
    ],
    "build --db in a missing folder": ["build", "{sample}", "--db", f"{BAD_DIR}/x.duckdb"],
    # a missing database, for every reading command
    **{
        f"{name} without a database": [name, *args, "--db", MISSING_DB]
        for name, args in READERS.items()
    },
    # a bad enumerated value
    "claims --relation ARM": ["claims", "--relation", "ARM", "--db", "{db}"],
    "claims --certainty sure": ["claims", "--certainty", "sure", "--db", "{db}"],
    "claims --family nope": ["claims", "--family", "nope", "--db", "{db}"],
    "build --engine nope": ["build", "{sample}", "--engine", "nope", "--db", "new.duckdb"],
    "export --format nope": ["export", "-f", "nope", "-o", "x.out", "--db", "{db}"],
    "report -o x.docx": ["report", "Russia", "-o", "x.docx", "--db", "{db}"],
    # a missing input
    "build a missing path": ["build", "no-such-folder", "--db", "new.duckdb"],
    "build a missing path beside a good one": [
        "build", "{sample}", "no-such.txt", "--db", "new.duckdb",
    ],
    "extract a missing path": ["extract", "no-such-folder", "-o", "out.jsonl"],
    "build a missing catalog": ["build", "{sample}", "--catalog", "no.yaml", "--db", "n.duckdb"],
}  # fmt: skip


@pytest.fixture(scope="module")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small real database, built once from the project's sample articles."""
    from support import SAMPLE

    db = tmp_path_factory.mktemp("db") / "sample.duckdb"
    done = subprocess.run(
        [ENTRY, "build", str(SAMPLE), "--db", str(db), "-q", "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return db


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*"))


@pytest.mark.parametrize("name", list(CASES))
def test_cli_contract_bad_input_fails_cleanly(
    name: str, built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from support import SAMPLE

    work = tmp_path / "work"
    work.mkdir()
    args = [a.format(sample=SAMPLE, db=built_db) for a in CASES[name]]
    db_files = files_under(built_db.parent)
    monkeypatch.chdir(work)
    monkeypatch.delenv("PROXYGRAPH_DB", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    done = CliRunner().invoke(app, args)
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    assert done.exit_code == 2, (done.exit_code, done.stderr)
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and CODED.match(lines[0]), done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert files_under(work) == [], "a file was created"
    assert files_under(built_db.parent) == db_files
    assert not Path(BAD_DIR).exists()
