"""Checks every command makes before any work: outputs that can be written, inputs and
databases that exist, values that are one of the allowed ones. Each failure is one coded
error (exit status 2), raised before a file is created or a minute of work is spent."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from proxygraph.errors import Code, ProxygraphError
from proxygraph.store import is_url


def output_file(path: str | Path) -> None:
    """``path`` can be created or replaced: its folder exists and takes a new file."""
    if str(path) == "-":
        return
    target = Path(path)
    if target.is_dir():
        raise ProxygraphError(Code.E033, path=target, reason="it is a folder")
    _folder_takes_files(target.parent if str(target.parent) else Path("."), target)


def output_folder(path: str | Path) -> None:
    """``path`` is a folder that exists, or can be made in a folder that exists."""
    target = Path(path)
    if target.is_dir():
        _folder_takes_files(target, target)
    elif target.exists():
        raise ProxygraphError(Code.E033, path=target, reason="it is a file, not a folder")
    else:
        _folder_takes_files(target.parent if str(target.parent) else Path("."), target)


def _folder_takes_files(folder: Path, target: Path) -> None:
    if not folder.is_dir():
        reason = "no such folder" if not folder.exists() else f"{folder} is not a folder"
        raise ProxygraphError(Code.E033, path=target, reason=reason)
    # Permissions do not tell (root, read-only mounts, /proc): try a file and remove it.
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".proxygraph-probe-"):
            pass
    except OSError as err:
        raise ProxygraphError(Code.E033, path=target, reason=err.strerror or str(err)) from None


def database_exists(db: str | Path) -> None:
    """A reading command never creates a database: a mistyped --db is an error (E009)."""
    if not is_url(db) and not Path(db).is_file():
        raise ProxygraphError(Code.E009, path=db)


def database_can_be_made(db: str | Path) -> None:
    """A build's database (and its lock file beside it) can be created where asked."""
    if is_url(db) or Path(db).is_file():
        return
    output_file(db)


def inputs_exist(paths: Iterable[str]) -> None:
    """Every path given exists (or is "-"): a typo stops the run before it starts."""
    for given in paths:
        if given != "-" and not os.path.lexists(given):
            raise ProxygraphError(Code.E009, path=given)


def file_exists(path: str | Path | None) -> None:
    if path is not None and not Path(path).is_file():
        raise ProxygraphError(Code.E009, path=path)


def choice(what: str, value: str | None, allowed: Iterable[str]) -> str | None:
    """``value`` when it is one of ``allowed`` (or None); else E040 listing them."""
    allowed = tuple(allowed)
    if value is None or value in allowed:
        return value
    raise ProxygraphError(Code.E040, what=what, value=value, choices=", ".join(allowed))


@contextmanager
def whole_or_nothing(path: str | Path) -> Iterator[None]:
    """Writing ``path`` (a file or a folder): should it fail (a full disk, a quota), what
    was half written is removed, and the failure is E033, not a traceback."""
    target = Path(path)
    existed = str(path) == "-" or target.exists()
    try:
        yield
    except OSError as err:
        if not existed:
            _remove(target)
        raise ProxygraphError(Code.E033, path=path, reason=err.strerror or str(err)) from None


def _remove(target: Path) -> None:
    try:
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
    except OSError:
        pass  # nothing more can be done; the error itself is reported
