"""A full disk (imitated by a file-size limit, RLIMIT_FSIZE: writes past it fail as on a full
disk) ends every writing command with a coded message, no traceback and no half-written
output; the store stays consistent and a rerun with room finishes (issue 16)."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from proxygraph.store import Store
from support import SAMPLE

ENTRY = str(Path(sys.executable).parent / "proxygraph")
# Bytes any one file may reach: an output of the sample is larger; a database must get
# through its creation and first batch before it runs out.
OUTPUT_LIMIT, DATABASE_LIMIT = 6_000, 40_000


def limited(size: int):  # noqa: ANN201  (a preexec function)
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply


def run(
    *args: str, cwd: Path, limit: int | None = OUTPUT_LIMIT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ENTRY, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=limited(limit) if limit else None,
        # no bytecode cache: a module first imported under the limit would leave a cut .pyc
        env={
            "PROXYGRAPH_NO_PROGRESS": "1",
            "PATH": "/usr/bin:/bin",
            "HOME": str(cwd),
            "PYTHONDONTWRITEBYTECODE": "1",
        },
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("full") / "sample.duckdb"
    done = run("build", str(SAMPLE), "--db", str(db), "-q", cwd=db.parent, limit=None)
    assert done.returncode == 0, done.stderr
    return db


@pytest.mark.parametrize(
    "args, output",
    [
        (["extract", str(SAMPLE), "-o", "out.jsonl"], "out.jsonl"),
        (["export", "-f", "jsonl", "-o", "out.jsonl", "--db", "{db}"], "out.jsonl"),
        (["export", "-f", "csv", "-o", "tables", "--db", "{db}"], "tables"),
        (["report", "--corpus", "-o", "r.html", "--db", "{db}"], "r.html"),
    ],
)
def test_full_disk_leaves_no_half_written_output(
    args: list[str], output: str, built: Path, tmp_path: Path
) -> None:
    done = run(*[a.format(db=built) for a in args], cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("E033"), done.stderr
    assert not (tmp_path / output).exists()


def test_full_disk_build_stops_cleanly_and_resumes(tmp_path: Path) -> None:
    from support import make_corpus

    corpus = make_corpus(tmp_path / "in", 30)
    db = tmp_path / "db.duckdb"
    first = run(
        "build", str(corpus), "--db", str(db), "--workers", "1", cwd=tmp_path, limit=DATABASE_LIMIT
    )
    assert first.returncode == 2, first.stderr
    assert "Traceback" not in first.stderr
    assert first.stderr.strip().splitlines()[-1][:4] in ("E036", "E001"), first.stderr
    again = run("build", str(corpus), "--db", str(db), "--workers", "1", cwd=tmp_path, limit=None)
    assert again.returncode == 0, again.stderr
    with Store.open(db, read_only=True) as store:
        assert store.counts().documents == 30
