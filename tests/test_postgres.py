"""The PostgreSQL backend against a real server: Debian's postgresql (installed by `make test`)
started on loopback in a temporary folder for this module. Same schema, same queries, same
answers as DuckDB; builds kept apart by an advisory lock."""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from proxygraph.errors import Code, ProxygraphError
from proxygraph.pipeline import build
from proxygraph.store import Store
from proxygraph.store.postgres import AdvisoryLock
from support import make_corpus, make_extraction

FILTERS = [
    {},
    {"subject": "the Kremlin"},
    {"subject": "moscow", "relation": "arms"},
    {"object": "newgroup brigade"},
    {"family": "material"},
    {"certainty": "reported"},
    {"source": "officials"},
    {"negated": True},
    {"doc": "d2"},
    {"year_from": 2019},
    {"year_to": 2017},
    {"actor": "Iran"},
    {"limit": 2},
    {"limit": 5, "offset": 4},
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):  # on CI the server must start: `make test` installs it
        pytest.fail(f"PostgreSQL server could not be started on CI: {reason}")
    pytest.skip(f"no PostgreSQL server: {reason} (`make pg-deps` installs Debian's postgresql)")


def _bindir() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[4]) if Path(p).parts[4].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A throwaway cluster: initdb + pg_ctl into a temp folder, as the postgres user when root."""
    pytest.importorskip("psycopg")
    bindir = _bindir()
    if bindir is None:
        _unavailable("initdb not found")
    root = Path(tempfile.mkdtemp(prefix="proxygraph-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(root, "postgres")
    data, port = root / "data", _free_port()
    try:
        subprocess.run(
            [
                *as_user,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off"
        subprocess.run(
            [
                *as_user,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(root / "log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"{exc} {detail.decode(errors='replace')[-300:]}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(server: str) -> Iterator[str]:
    """A fresh database on the server for one test."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


def _fill(db: str | Path) -> None:
    with Store.open(db) as store:
        store.add(make_extraction("d1"))
        store.add(make_extraction("d2", published="2020"))
        store.add(make_extraction("d1"))  # replaced, not doubled


def test_postgres_same_answers_as_duckdb(pg_url: str, db_path: Path) -> None:
    _fill(pg_url)
    _fill(db_path)
    with Store.open(pg_url, read_only=True) as pg, Store.open(db_path, read_only=True) as duck:
        assert pg.counts() == duck.counts()
        assert pg.documents() == duck.documents()
        for filters in FILTERS:
            assert [c.to_json() for c in pg.claims(**filters)] == [
                c.to_json() for c in duck.claims(**filters)
            ], filters
        assert pg.actors() == duck.actors()
        assert all(type(v) is int for v in (pg.actors()[0].mentions, pg.actors()[0].claims))
        assert pg.actor("the Kremlin") == duck.actor("the Kremlin")
        assert pg.aliases_seen("Russia") == duck.aliases_seen("Russia")
        assert pg.known(["d1", "nope"]) == duck.known(["d1", "nope"])
        assert pg.path.startswith("postgresql://") and pg_url.rsplit("/", 1)[1] in pg.path


def test_postgres_judgements_same_as_duckdb(pg_url: str, db_path: Path) -> None:
    """The judged-claims join (md5 of the quote, COALESCE of corrections) in both engines."""
    for db in (pg_url, db_path):
        _fill(db)
        with Store.open(db) as store:
            arms = [c for c in store.claims() if c.relation == "ARMS"]
            store.judge(arms[0].id, "reject", note="no")
            fixed = store.judge(arms[1].id, "correct", {"relation": "FUNDS", "time": ""})
            assert fixed.relation == "FUNDS" and fixed.time is None and fixed.family == "material"
    with Store.open(pg_url, read_only=True) as pg, Store.open(db_path, read_only=True) as duck:
        for filters in [*FILTERS, {"include_rejected": True}, {"relation": "FUNDS"}]:
            assert [_untimed(c) for c in pg.claims(**filters)] == [
                _untimed(c) for c in duck.claims(**filters)
            ], filters
        assert pg.actors() == duck.actors()
        assert [(j.status, c.id if c else None) for j, c in pg.judgements()] == [
            (j.status, c.id if c else None) for j, c in duck.judgements()
        ]


def _untimed(claim) -> dict:  # noqa: ANN001  (a Claim)
    row = claim.to_json()
    if "review" in row:
        row["review"] = {k: v for k, v in row["review"].items() if k != "judged_at"}
    return row


def test_postgres_read_only_session_cannot_write(pg_url: str) -> None:
    _fill(pg_url)
    with Store.open(pg_url, read_only=True) as reader, pytest.raises(Exception, match="read-only"):
        reader.add(make_extraction("d3"))


def test_postgres_add_is_one_transaction(pg_url: str) -> None:
    from proxygraph.models import Claim

    _fill(pg_url)
    from support import TEXT

    broken = make_extraction("d1", text=TEXT + " changed")
    broken.claims.append(Claim("d1", "A", "NOT_A_RELATION", "B", "x", 0, 1))
    with Store.open(pg_url) as store:
        with pytest.raises(ValueError):
            store.add(broken)
        assert store.has("d1", make_extraction("d1").doc.content_hash)
        assert len(store.claims(doc="d1")) == 3


def test_postgres_build_equals_duckdb_build(pg_url: str, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 4)
    duck = build([corpus], db=tmp_path / "x.duckdb", progress=False, workers=1)
    pg = build([corpus], db=pg_url, progress=False, workers=1)
    assert (pg.added, pg.claims) == (duck.added, duck.claims) and pg.claims > 0
    assert build([corpus], db=pg_url, progress=False, workers=1).unchanged == 4
    rows = {}
    for db in (pg_url, tmp_path / "x.duckdb"):
        with Store.open(db, read_only=True) as store:
            rows[str(db)] = sorted(json.dumps(c.to_json(), sort_keys=True) for c in store.claims())
    assert rows[pg_url] == rows[str(tmp_path / "x.duckdb")]


def test_postgres_second_build_waits_then_fails_with_e010(pg_url: str, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 1)
    said: list[str] = []
    # The lock held as a build on another machine holds it, as the server sees it.
    with AdvisoryLock(pg_url), pytest.raises(ProxygraphError) as err:
        build([corpus], db=pg_url, progress=False, lock_timeout=0.5, on_message=said.append)
    assert err.value.code is Code.E010
    assert len(said) == 1 and "is being built by process" in said[0]
    assert build([corpus], db=pg_url, progress=False, workers=1).added == 1


def test_postgres_unreachable_server_is_a_clear_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(ProxygraphError) as err:
        Store.open(f"postgresql://nobody:secret@127.0.0.1:{_free_port()}/x", timeout=0.5)
    assert err.value.code is Code.E001 and "secret" not in str(err.value)
