"""The installed entry point, as a user runs it (one subprocess smoke test) + build/extract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proxygraph.cli import app
from support import SAMPLE

ENTRY = Path(sys.executable).with_name("proxygraph")
runner = CliRunner()


@pytest.mark.skipif(not ENTRY.exists(), reason="proxygraph is not installed in this venv")
def test_cli_core_installed_entry_point(tmp_path: Path) -> None:
    assert subprocess.run([ENTRY, "--help"], capture_output=True, check=True).returncode == 0
    article = tmp_path / "note.txt"
    article.write_text("Iran supplied missiles to the Houthis in 2019, U.S. officials said.\n")
    done = subprocess.run(
        [ENTRY, "extract", article, "-o", "-"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert any(r["subject"] == "Iran" and r["object"] == "Houthis" for r in rows), rows
    assert all(r["doc"] == "note" for r in rows)


# Loaded by commands that extract, draw or group stories, never by the CLI's start-up: a
# command that only reads a database (summary, review) must not pay for them.
HEAVY = ("spacy", "matplotlib", "datasketch", "followthemoney", "proxygraph.extract.documents")


def test_cli_core_startup_imports_nothing_heavy() -> None:
    """Issue 15: spaCy, matplotlib... took 1.5 s of every command, ``summary`` included."""
    code = "import sys, proxygraph.cli; print(sorted(m for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.strip("[]\n").replace("'", "").split(", "))
    assert "proxygraph.cli.judge" in loaded
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)


def test_cli_core_lazy_package_names_still_work() -> None:
    import proxygraph
    from proxygraph.extract import Extractor
    from proxygraph.pipeline import BuildReport

    assert proxygraph.Store.__name__ == "Store" and proxygraph.BuildReport is BuildReport
    assert callable(proxygraph.extract) and Extractor.__name__ == "Extractor"
    with pytest.raises(AttributeError):
        proxygraph.Nothing  # noqa: B018


def test_cli_core_extract_writes_jsonl_and_flags_skips(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    out = tmp_path / "claims.jsonl"
    result = runner.invoke(
        app,
        [
            "extract",
            str(SAMPLE / "s07_russia_hamas.txt"),
            str(tmp_path / "empty.txt"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 3, result.output
    assert "empty.txt" in result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and {r["doc"] for r in rows} == {"s07_russia_hamas"}


def test_cli_core_extract_broken_pipe_is_clean(tmp_path: Path) -> None:
    code = (
        "import sys; from proxygraph.cli import app; "
        f"sys.argv=['proxygraph','extract',{str(SAMPLE)!r}]; app()"
    )
    shell = f'{sys.executable} -c "{code}" | head -1'
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and len(done.stdout.splitlines()) == 1


def test_cli_core_build_then_show(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    result = runner.invoke(app, ["build", str(SAMPLE), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "added, 0 unchanged, 0 skipped" in result.output
    shown = runner.invoke(app, ["show", "Moscow", "--db", str(db)])
    assert shown.exit_code == 0 and shown.output.startswith("Russia:"), shown.output
    again = runner.invoke(app, ["build", str(SAMPLE), "--db", str(db), "--quiet"])
    assert "0 added" in again.output
