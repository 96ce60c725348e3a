"""One build per database at a time: an advisory lock on ``<db>.lock``.

DuckDB's own lock only covers the moments a build writes; between batches a second build
could slip in and both would extract the same documents. The kernel drops an flock when
its process dies, so a killed build never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
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
        # The resolved path: two spellings of one database (a symlink, "./x" and "x") must
        # meet at one lock file, or two builds would write at once.
        self.path = Path(f"{Path(db).resolve()}.lock")
        self.timeout = timeout
        self.on_wait = on_wait
        self.fd: int | None = None

    def acquire(self) -> None:
        deadline = time.monotonic() + self.timeout
        told = False
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = self._holder(fd)
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise ProxygraphError(
                        Code.E010, path=self.db, holder=f"a proxygraph build (process {holder})"
                    ) from None
                if self.on_wait and not told:
                    self.on_wait(
                        f"{self.db} is being built by process {holder};"
                        f" waiting up to {self.timeout:.0f} s"
                    )
                    told = True
                time.sleep(POLL)
                continue
            if self._still_there(fd):
                break
            os.close(fd)  # the holder removed it as we waited: lock the new one
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self.fd = fd

    def _still_there(self, fd: int) -> bool:
        """Whether the file we locked is still the one at our path (not removed by the
        build that held it, which unlinks it before letting go)."""
        try:
            return os.stat(self.path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            return False

    def release(self) -> None:
        """Remove the lock file, then let go: a waiting build that locks the removed file
        sees that it is gone and tries again, so no build ever finds it left behind."""
        if self.fd is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
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
