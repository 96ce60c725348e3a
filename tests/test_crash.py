"""Kill `proxygraph build` with SIGKILL at random moments, interrupt it, run two at once.

After every kill the database must open, hold only whole documents (each document's claims
equal those of an uninterrupted run), and a final re-run must give exactly the claims of an
uninterrupted run. The fast variant runs by default; `make soak` runs the long one.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from proxygraph.errors import ProxygraphError
from proxygraph.store import Store
from proxygraph.store.store import EMPTY_DATABASE
from support import make_corpus

CLI = "from proxygraph.cli import app; app()"


def start_build(corpus: Path, db: Path, *extra: str) -> subprocess.Popen:
    # A pinned hash seed: what is checked here is crash safety, not extraction's own
    # determinism across seeds (tests/test_extract*.py); every build process then agrees.
    env = {**os.environ, "PROXYGRAPH_NO_PROGRESS": "1", "PYTHONHASHSEED": "0"}
    return subprocess.Popen(
        [sys.executable, "-c", CLI, "build", str(corpus), "--db", str(db), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def claim_rows(db: Path) -> Counter[str]:
    with Store.open(db, read_only=True, timeout=10) as store:
        return Counter(json.dumps(c.to_json(), sort_keys=True) for c in store.claims())


def per_document(db: Path) -> dict[str, tuple[Counter[str], int]]:
    """Each stored document's claims and mention count (none if killed before any commit)."""
    try:
        store = Store.open(db, read_only=True, timeout=10)
    except ProxygraphError as exc:
        assert EMPTY_DATABASE in str(exc)  # the only acceptable reason
        return {}
    with store:
        out = {}
        for doc in store.documents():
            claims = Counter(
                json.dumps(c.to_json(), sort_keys=True) for c in store.claims(doc=doc.id)
            )
            mentions = store.conn.execute(
                "SELECT count(*) FROM mentions WHERE doc_id = ?", [doc.id]
            ).fetchone()[0]
            out[doc.id] = (claims, mentions)
        return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("crash") / "corpus", 40)


def uninterrupted(corpus: Path, db: Path) -> Path:
    """The database of one run that nobody disturbs (built after the test's own runs, so
    that both see the same code even in a working tree that others are editing)."""
    proc = start_build(corpus, db)
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    return db


def kill_and_resume(corpus: Path, db: Path, rounds: int, seed: int) -> int:
    """Kill a build ``rounds`` times, check the store after each kill; return kills mid-run.

    A document once stored is never rewritten (its hash is known), so every snapshot taken
    after a kill must survive unchanged into the final database, which in turn must equal an
    uninterrupted run: a half-written document would fail one of the two comparisons.
    """
    rng = random.Random(seed)
    snapshots: list[dict[str, tuple[Counter[str], int]]] = []
    mid_run = 0
    for _ in range(rounds):
        proc = start_build(corpus, db)
        time.sleep(rng.uniform(0.5, 6.0))
        if proc.poll() is None:
            mid_run += 1
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        if db.exists():
            snapshots.append(per_document(db))
    final = start_build(corpus, db)
    _, stderr = final.communicate(timeout=600)
    assert final.returncode == 0, stderr
    done = per_document(db)
    for snapshot in snapshots:
        assert all(done[doc_id] == stored for doc_id, stored in snapshot.items())
    assert claim_rows(db) == claim_rows(uninterrupted(corpus, db.with_name("reference.duckdb")))
    return mid_run


def test_crash_sigkill_then_resume_gives_same_claims(corpus: Path, tmp_path: Path) -> None:
    mid_run = kill_and_resume(corpus, tmp_path / "killed.duckdb", rounds=3, seed=7)
    assert mid_run >= 1  # at least one kill landed while the build was working


@pytest.mark.slow
def test_crash_sigkill_many_rounds(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 300)
    mid_run = kill_and_resume(corpus, tmp_path / "killed.duckdb", rounds=25, seed=11)
    assert mid_run >= 20


def test_crash_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    # enough documents that the first stored batch comes well before the end of the build
    corpus = make_corpus(tmp_path / "corpus", 300)
    db = tmp_path / "interrupted.duckdb"
    proc = start_build(corpus, db)
    _wait_for(lambda: db.exists() and stored_documents(db) > 0, timeout=120)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "interrupted after" in stderr and "run the same command again" in stderr
    assert "Traceback" not in stderr
    stored = per_document(db)
    assert 0 < len(stored) < 300
    resumed = start_build(corpus, db)
    _, stderr = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, stderr
    assert f"{300 - len(stored)} added, {len(stored)} unchanged" in stderr


HOLD_BUILD_LOCK = """
import sys, time
from proxygraph.store.lockfile import BuildLock
with BuildLock(sys.argv[1]):
    print("locked", flush=True)
    sys.stdin.readline()  # held until the test says so
"""


def test_crash_second_build_waits_then_fails_with_e010(corpus: Path, tmp_path: Path) -> None:
    """A build holds the database (the lock a build takes, held for as long as the test needs,
    so the check never races a first build that happens to finish early); a second build waits,
    names the holder, fails with E010, and the database is untouched and builds afterwards."""
    db = tmp_path / "busy.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_BUILD_LOCK, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        began = time.monotonic()
        second = start_build(corpus, db, "--lock-timeout", "1")
        _, stderr = second.communicate(timeout=60)
        assert second.returncode == 2, stderr
        assert f"is being built by process {holder.pid}" in stderr and "E010" in stderr
        assert time.monotonic() - began >= 1.0  # it waited before giving up
        assert not db.exists()  # the second build wrote nothing
    finally:
        holder.communicate("\n", timeout=30)
    after = start_build(corpus, db)
    _, stderr = after.communicate(timeout=600)
    assert after.returncode == 0, stderr
    assert stored_documents(db) == 40


def test_crash_reader_answers_while_build_writes(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "shared.duckdb"
    build = start_build(corpus, db)
    counts, reads = [], 0
    try:
        _wait_for(db.exists)
        while build.poll() is None:
            with Store.open(db, read_only=True, timeout=10) as store:
                counts.append(store.counts().documents)
                store.claims(subject="Russia")
            reads += 1
            time.sleep(0.05)
    finally:
        build.communicate(timeout=600)
    assert build.returncode == 0
    assert reads >= 5 and counts == sorted(counts)  # readers see whole batches, growing
    assert counts[-1] <= 40


def stored_documents(db: Path) -> int:
    with Store.open(db, read_only=True, timeout=10) as store:
        return store.counts().documents


def _wait_for(condition, timeout: float = 30.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
