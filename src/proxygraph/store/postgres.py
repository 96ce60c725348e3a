"""PostgreSQL for shared, multi-user deployments: ``--db postgresql://user@host/dbname``.

The store's SQL is written once, for DuckDB (``?`` placeholders); this module adapts it to
psycopg 3 (``%s``) and gives the connection the two methods ``Store`` uses. Builds on one
database are kept apart by a session-level advisory lock instead of a lock file, so two
machines sharing a server cannot build into it at the same time.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Sequence
from typing import Any

from proxygraph.errors import Code, ProxygraphError

SCHEMES = ("postgresql://", "postgres://")
POLL = 0.2
# One advisory lock key for "a build is writing", the same in every process and machine.
BUILD_LOCK_KEY = zlib.crc32(b"proxygraph build") & 0x7FFFFFFF


def is_url(db: object) -> bool:
    return isinstance(db, str) and db.startswith(SCHEMES)


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    head, sep, rest = url.partition("://")
    if "@" not in rest:
        return url
    creds, _, host = rest.rpartition("@")
    return f"{head}{sep}{creds.split(':', 1)[0]}@{host}"


class PgConnection:
    """A psycopg connection that speaks the store's qmark SQL; autocommit, explicit BEGIN."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        if params:
            return self.conn.execute(sql.replace("%", "%%").replace("?", "%s"), list(params))
        return self.conn.execute(sql)

    def close(self) -> None:
        self.conn.close()


def connect_pg(
    url: str,
    read_only: bool = False,
    timeout: float = 30.0,
    on_wait: Callable[[str], None] | None = None,
) -> PgConnection:
    """A connection to the server at ``url``; retries a refused connection until ``timeout``."""
    psycopg = _psycopg(url)
    options = "-c default_transaction_read_only=on" if read_only else None
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            conn = psycopg.connect(
                url, autocommit=True, options=options, connect_timeout=max(1, int(timeout))
            )
            return PgConnection(conn)
        except psycopg.OperationalError as exc:
            if time.monotonic() >= deadline:
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "refused"
                raise ProxygraphError(Code.E001, path=shown(url), reason=reason) from exc
            if on_wait and not told:
                on_wait(f"waiting up to {timeout:.0f} s for the server at {shown(url)}")
                told = True
            time.sleep(POLL)


class AdvisoryLock:
    """One build per PostgreSQL database: ``pg_try_advisory_lock`` held by a session that
    lives as long as the build (the server drops it when that session ends, even on kill)."""

    def __init__(
        self, url: str, timeout: float = 30.0, on_wait: Callable[[str], None] | None = None
    ) -> None:
        self.url, self.timeout, self.on_wait = url, timeout, on_wait
        self.conn: PgConnection | None = None

    def acquire(self) -> None:
        conn = connect_pg(self.url, timeout=self.timeout)
        deadline = time.monotonic() + self.timeout
        told = False
        while not conn.execute("SELECT pg_try_advisory_lock(?)", [BUILD_LOCK_KEY]).fetchone()[0]:
            if time.monotonic() >= deadline:
                conn.close()
                raise ProxygraphError(
                    Code.E010, path=shown(self.url), holder="another proxygraph build"
                )
            if self.on_wait and not told:
                self.on_wait(
                    f"{shown(self.url)} is being built by process {self._holder(conn)};"
                    f" waiting up to {self.timeout:.0f} s"
                )
                told = True
            time.sleep(POLL)
        self.conn = conn

    def release(self) -> None:
        if self.conn is not None:
            self.conn.close()  # ending the session releases the lock
            self.conn = None

    def __enter__(self) -> AdvisoryLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    @staticmethod
    def _holder(conn: PgConnection) -> str:
        row = conn.execute(
            "SELECT a.client_addr, a.pid FROM pg_locks l JOIN pg_stat_activity a"
            " ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.objid = ? AND l.granted",
            [BUILD_LOCK_KEY],
        ).fetchone()
        if not row:
            return "?"
        return f"{row[1]} (server backend{f' for {row[0]}' if row[0] else ''})"


def _psycopg(url: str) -> Any:
    try:
        import psycopg
    except ModuleNotFoundError as exc:
        reason = "the PostgreSQL backend needs the package psycopg (pip install 'psycopg[binary]')"
        raise ProxygraphError(Code.E001, path=shown(url), reason=reason) from exc
    return psycopg
