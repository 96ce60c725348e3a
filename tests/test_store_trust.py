"""Locks and database files a user can trust (issue 16, "also seen")."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import proxygraph
from proxygraph.cli import app
from proxygraph.errors import Code, ProxygraphError
from proxygraph.store import Store
from proxygraph.store.lockfile import BuildLock

TESTS = str(Path(__file__).parent)

TEXT = "Plain words of one article, nothing more to say here."


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, "utf-8")
    return folder


def test_store_build_leaves_no_lock_file(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    proxygraph.build([corpus(tmp_path)], db=db, progress=False)
    assert not Path(f"{db}.lock").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.duckdb", "in"]


def test_store_lock_is_taken_on_the_resolved_path(tmp_path: Path) -> None:
    """A symlink and the file it points to are one database: one lock for both."""
    db = tmp_path / "real.duckdb"
    link = tmp_path / "link.duckdb"
    link.symlink_to(db)
    assert BuildLock(link).path == BuildLock(db).path
    with BuildLock(db), pytest.raises(ProxygraphError) as err:
        BuildLock(link, timeout=0.3).acquire()
    assert err.value.code is Code.E010 and "proxygraph build" in str(err.value)


def test_store_lock_released_lets_a_waiting_build_in(tmp_path: Path) -> None:
    """The lock file is removed on release; a build waiting on it notices and locks anew."""
    db = tmp_path / "db.duckdb"
    first = BuildLock(db)
    first.acquire()
    second = BuildLock(db, timeout=5.0)
    first.release()
    second.acquire()
    assert second.path.exists()
    second.release()
    assert not second.path.exists()


def test_store_refuses_another_applications_database(tmp_path: Path) -> None:
    db = tmp_path / "other.duckdb"
    with duckdb.connect(str(db)) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(ProxygraphError) as err:
        Store.open(db)
    assert "not a proxygraph database" in str(err.value)
    result = CliRunner().invoke(app, ["build", str(corpus(tmp_path)), "--db", str(db)])
    assert result.exit_code == 2 and "E001" in result.stderr
    with duckdb.connect(str(db), read_only=True) as conn:
        tables = [
            r[0] for r in conn.sql("SELECT table_name FROM information_schema.tables").fetchall()
        ]
    assert tables == ["invoices"]  # nothing of ours added


def test_store_an_empty_duckdb_file_becomes_a_store(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    with Store.open(db) as store:
        assert store.counts().documents == 0


def test_store_lock_held_by_a_plain_duckdb_session_names_it(tmp_path: Path) -> None:
    """A DuckDB session of another program holds the file: the error says which process,
    not "another proxygraph process"."""
    db = tmp_path / "db.duckdb"
    Store.open(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(db)!r}); print('ok', flush=True);"
            " sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(ProxygraphError) as err:
            Store.open(db, timeout=0.5)
        assert err.value.code is Code.E010
        assert f"PID {holder.pid}" in str(err.value), str(err.value)
        assert "another proxygraph" not in str(err.value)
    finally:
        holder.communicate("\n", timeout=30)


def test_store_serve_on_a_port_in_use_says_so_first(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    Store.open(db).close()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        began = time.monotonic()
        result = CliRunner().invoke(app, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("E034") and "serving" not in result.stderr
    assert time.monotonic() - began < 30


@pytest.mark.parametrize("delay", [0.3, 1.5, 4.0])
def test_store_ctrl_c_at_any_moment_prints_no_traceback(delay: float, tmp_path: Path) -> None:
    """Ctrl-C while the command imports, while workers start, or while they work: exit
    130 (or 0 if it finished first), one line, never a traceback (also not from a worker)."""
    import signal

    from support import make_corpus

    folder = make_corpus(tmp_path / "in", 24)
    entry = str(Path(sys.executable).parent / "proxygraph")
    args = [entry, "build", str(folder), "--db", str(tmp_path / "db.duckdb"), "--workers", "2"]
    # its own process group, like a terminal's Ctrl-C: the signal reaches the workers too
    run = subprocess.Popen(args, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(delay)
    if run.poll() is None:
        os.killpg(run.pid, signal.SIGINT)
    _, stderr = run.communicate(timeout=300)
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert run.returncode in (0, 130), (run.returncode, stderr)


# Run in its own process: a SIGINT that landed after the write would stop pytest itself.
_WRITE_UNDER_CTRL_C = """
import os, signal, sys, threading
from dataclasses import replace
sys.path.insert(0, sys.argv[2])
from support import make_extraction
from proxygraph.actors import Catalog
from proxygraph.store import Store, rows_of

catalog = Catalog.load(None)
one = rows_of(make_extraction("d0"), catalog)

def copy(i):
    return replace(
        one,
        document=(f"d{i}", f"h{i}", *one.document[2:]),
        mentions=[(f"d{i}", *m[1:]) for m in one.mentions],
        claims=[(f"c{i}-{j}", f"d{i}", *c[2:]) for j, c in enumerate(one.claims)],
    )

done = threading.Event()

def press_ctrl_c():  # until the write gives way: the first press may land between statements
    while not done.wait(0.4):
        os.kill(os.getpid(), signal.SIGINT)

store = Store.open(sys.argv[1], catalog=catalog)
batch = [copy(i) for i in range(150_000)]  # a write of several seconds
threading.Thread(target=press_ctrl_c, daemon=True).start()
try:
    store.write(batch)
    print("finished")
except KeyboardInterrupt:
    print("interrupted")
done.set()
print(store.counts().documents)
store.write([copy(0)])
print(store.counts().documents)
"""


def test_store_ctrl_c_inside_a_write_rolls_it_back_as_a_ctrl_c(tmp_path: Path) -> None:
    """DuckDB answers a Ctrl-C in a running query with its own error and spoils the
    transaction: the store rolls back and raises KeyboardInterrupt, so that ``build`` saves
    what it has and exits 130 instead of failing with a database error (E036)."""
    run = subprocess.run(
        [sys.executable, "-c", _WRITE_UNDER_CTRL_C, str(tmp_path / "db.duckdb"), TESTS],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["interrupted", "0", "1"], (run.stdout, run.stderr)


_CTRL_C_AFTER_THE_WORK = """
import os, signal, sys, time
sys.argv[0] = "proxygraph"  # the guard is for the command line only
from proxygraph._interrupt import guard_shutdown

guard_shutdown()  # what the app does once the command's work is done
for _ in range(int(sys.argv[1])):
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.2)
print("shut down")
"""


@pytest.mark.parametrize(("presses", "status", "said"), [(1, 0, "shut down"), (2, 130, "")])
def test_store_ctrl_c_after_the_work_lets_the_command_finish(
    presses: int, status: int, said: str
) -> None:
    """Once a command's work is done, one Ctrl-C lets the shutdown finish (the worker pool
    cleans up, status 0); a second ends it at once with 130; neither prints a traceback."""
    run = subprocess.run(
        [sys.executable, "-c", _CTRL_C_AFTER_THE_WORK, str(presses)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (run.returncode, run.stdout.strip()) == (status, said), run.stderr
    assert "Traceback" not in run.stderr


def test_store_killed_worker_is_reported_and_the_build_ends(tmp_path: Path) -> None:
    """SIGKILL to one extraction worker: E035, exit 2, no UnpicklingError or traceback from
    the other workers, the build does not hang; a rerun finishes the rest."""
    import signal

    from support import make_corpus

    folder = make_corpus(tmp_path / "in", 300)
    db = tmp_path / "db.duckdb"
    entry = str(Path(sys.executable).parent / "proxygraph")
    args = [entry, "build", str(folder), "--db", str(db), "--workers", "2", "-q"]
    run = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.5)
        found = subprocess.run(
            ["pgrep", "-P", str(run.pid), "-f", "spawn_main"], capture_output=True, text=True
        )
        workers = [int(p) for p in found.stdout.split()]
    assert len(workers) == 2, "the workers did not start"
    time.sleep(3)  # at work
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 2, (run.returncode, stderr)
    assert "E035" in stderr and "Traceback" not in stderr and "Unpickling" not in stderr, stderr
    again = proxygraph.build([folder], db=db, progress=False, workers=1)
    assert again.added + again.unchanged == 300
