"""One build per database at a time: an advisory lock on ``<db>.lock``.

DuckDB's own lock only covers the moments a build writes; between batches a second build
could slip in and both would extract the same documents. The kernel drops an flock when
its process dies, so a killed build never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path

from proxygraph.errors import Code, ProxygraphError

POLL = 0.1


class BuildLock:
    def __init__(
        self,
        db: str | Path,
        timeout: float = 30.0,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.db = Path(db)
        self.path = Path(f"{db}.lock")
        self.timeout = timeout
        self.on_wait = on_wait
        self.fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise ProxygraphError(Code.E010, path=self.db) from None
                if self.on_wait and not told:
                    self.on_wait(
                        f"{self.db} is being built by process {self._holder(fd)};"
                        f" waiting up to {self.timeout:.0f} s"
                    )
                    told = True
                time.sleep(POLL)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> BuildLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    @staticmethod
    def _holder(fd: int) -> str:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 32).decode(errors="replace").strip() or "?"
