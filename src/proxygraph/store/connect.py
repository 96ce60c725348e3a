"""Opening the database file: DuckDB allows one writing process, so wait for the lock.

DuckDB locks the file for as long as a read-write connection is open, and readers cannot
open it meanwhile. A writer that finds the file locked retries with backoff for a bounded
time, saying once that it waits, then fails with E010; it never forces its way in.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from proxygraph.errors import Code, ProxygraphError

# Start small so that a reader racing a short batch write gets in quickly.
FIRST_DELAY = 0.02
MAX_DELAY = 0.5


def is_lock_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and ("lock" in text or "conflicting" in text)


def is_interruption(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB's answer to Ctrl-C: it stops the running query, consumes
    the signal and raises its own error (a ``RuntimeError`` "Query interrupted" in 2.x)."""
    if isinstance(exc, duckdb.InterruptException):
        return True
    return isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower()


@contextmanager
def ctrl_c_stays_ctrl_c() -> Iterator[None]:
    """Give back the KeyboardInterrupt that DuckDB turned into its own error, so that the
    caller's Ctrl-C handling (save what was extracted, exit 130) runs, not a database error."""
    try:
        yield
    except (RuntimeError, duckdb.Error) as exc:
        if is_interruption(exc):
            raise KeyboardInterrupt from None
        raise


def connect(
    path: str | Path,
    read_only: bool = False,
    timeout: float = 30.0,
    on_wait: Callable[[str], None] | None = None,
) -> duckdb.DuckDBPyConnection:
    """A connection to ``path``, waiting up to ``timeout`` seconds for another process's lock."""
    path = Path(path)
    if read_only and not path.exists():
        raise ProxygraphError(Code.E009, path=path)
    deadline = time.monotonic() + timeout
    delay, told = FIRST_DELAY, False
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            if not is_lock_error(exc):
                raise ProxygraphError(Code.E001, path=path, reason=_first_line(exc)) from exc
            remaining = deadline - time.monotonic()
            if remaining <= 0:  # name the holder: not always a proxygraph build
                raise ProxygraphError(Code.E010, path=path, holder=_holder(exc)) from exc
            if on_wait and not told:
                on_wait(f"waiting up to {timeout:.0f} s for {path}: held by {_holder(exc)}")
                told = True
            time.sleep(min(delay, remaining))
            delay = min(delay * 2, MAX_DELAY)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _holder(exc: BaseException) -> str:
    """DuckDB names the process holding the lock ("... held in /usr/bin/python (PID 42)")."""
    text = _first_line(exc)
    if "held in" not in text:
        return "another process"
    return "the process " + text[text.find("held in") + len("held in ") :].split(". See")[0]
