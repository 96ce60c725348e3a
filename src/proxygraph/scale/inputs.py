"""Inputs at scale: folders of millions of files, sharded JSON Lines, Parquet.

Files of the formats ``proxygraph.ingest`` reads go to it (a folder's files in chunks, so a
folder's SOURCES.tsv is read once per chunk, not per file); ``.parquet`` files are read here,
one record batch at a time. Everything streams: a caller holds one chunk, never the corpus.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from proxygraph.errors import Code
from proxygraph.ingest import Skipped, read_paths
from proxygraph.ingest.build import clean_text, make_document
from proxygraph.ingest.formats import skip
from proxygraph.ingest.readers import (
    FOLDER_NOTES,
    doc_stem,
    file_format,
    is_unread_document,
    unreadable_folder,
)
from proxygraph.models import Document
from proxygraph.settings import Settings

PARQUET = ".parquet"
# Files handed to the ingest readers at once: one folder listing chunk, bounded.
FILE_CHUNK = 512
# Parquet rows decoded at once.
PARQUET_BATCH = 256
PARQUET_META = ("title", "url", "published", "language", "author", "publisher")

Item = Document | Skipped


def read_inputs(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    skip_file: Callable[[Path], bool] | None = None,
) -> Iterator[Item]:
    """Documents (and Skipped) from files, folders, ``-`` and Parquet files, in a stable
    order; files for which ``skip_file`` says so are not opened."""
    settings = settings or Settings()
    wanted = (lambda file: not skip_file(file)) if skip_file else (lambda file: True)
    for given in paths:
        path = Path(given)
        if str(given) == "-" or not path.is_dir():
            if str(given) != "-" and path.is_file() and not wanted(path):
                continue
            if str(given).lower().endswith(PARQUET) and path.is_file():
                yield from read_parquet(path, settings)
            else:
                yield from read_paths([given], settings)
            continue
        for run in _runs(f for f in walk(path) if isinstance(f, Skipped) or wanted(f)):
            if isinstance(run, Skipped):
                yield run
            elif run[0].name.lower().endswith(PARQUET):
                for file in run:
                    yield from read_parquet(file, settings)
            else:
                yield from read_paths(run, settings)


def walk(folder: Path) -> Iterator[Path | Skipped]:
    """Article files under ``folder``, in name order, as ``ingest.readers.walk`` finds them,
    plus Parquet files; only one folder's names are held at a time. A folder that cannot
    be listed and a document of a format not read (a PDF) come as Skipped."""
    try:
        names = sorted((e.name, e.is_dir(follow_symlinks=False)) for e in os.scandir(folder))
    except OSError as err:
        yield unreadable_folder(folder, err)
        return
    for name, is_dir in names:
        if name.startswith("."):
            continue
        if is_dir:
            yield from walk(folder / name)
        elif _wanted(name):
            yield folder / name
        elif is_unread_document(name):
            yield skip(str(folder / name), Code.E013)


def _wanted(name: str) -> bool:
    if name.lower().endswith(PARQUET) and len(name) > len(PARQUET):
        return True
    return bool(file_format(name)) and doc_stem(name).lower() not in FOLDER_NOTES


def _runs(files: Iterator[Path | Skipped]) -> Iterator[list[Path] | Skipped]:
    """Consecutive files of one folder and one kind (Parquet or not), at most FILE_CHUNK;
    a Skipped passes through on its own, in order."""
    run: list[Path] = []
    for file in files:
        if isinstance(file, Skipped):
            if run:
                yield run
                run = []
            yield file
            continue
        if run and (
            file.parent != run[0].parent
            or _is_parquet(file) != _is_parquet(run[0])
            or len(run) >= FILE_CHUNK
        ):
            yield run
            run = []
        run.append(file)
    if run:
        yield run


def _is_parquet(path: Path) -> bool:
    return path.name.lower().endswith(PARQUET)


def read_parquet(path: Path, settings: Settings) -> Iterator[Item]:
    """One Document a row of a Parquet file with a ``text`` column (and optionally id, title,
    url, published, language, author, publisher); a bad row is one Skipped naming its row."""
    shown = str(path)
    try:
        import pyarrow.parquet as pq

        handle = pq.ParquetFile(path)
    except ModuleNotFoundError:
        yield skip(shown, Code.E021, package="pyarrow")
        return
    except Exception as exc:  # pyarrow raises several types for a corrupt file
        yield skip(shown, Code.E004, reason=f"not a readable Parquet file ({type(exc).__name__})")
        return
    columns = [c for c in ("text", "id", *PARQUET_META) if c in handle.schema_arrow.names]
    if "text" not in columns:
        yield skip(shown, Code.E004, reason="a Parquet file without a text column")
        return
    number, stem = 0, doc_stem(path.name.removesuffix(PARQUET)) or path.stem
    batches = handle.iter_batches(batch_size=PARQUET_BATCH, columns=columns)
    while True:
        try:  # a corrupt page behind a valid footer fails here, not when opening
            records = next(batches).to_pylist()
        except StopIteration:
            return
        except Exception as exc:
            reason = f"corrupt Parquet data after row {number} ({type(exc).__name__}: {exc})"
            yield skip(shown, Code.E004, reason=reason.splitlines()[0])
            return
        for record in records:
            number += 1
            yield _parquet_row(record, number, shown, stem, settings)


def _parquet_row(
    record: dict[str, Any], number: int, path: str, stem: str, settings: Settings
) -> Item:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return skip(path, Code.E004, number, reason=f"Parquet row {number} has no text")
    if len(text) > settings.max_doc_chars:
        return skip(path, Code.E007, number, limit=settings.max_doc_chars)
    raw_id = record.get("id")
    doc_id = " ".join(str(raw_id).split()) if raw_id not in (None, "") else f"{stem}-{number}"
    meta: dict[str, Any] = {"path": path}
    for key in PARQUET_META:
        value = record.get(key)
        if value is not None and value != "":
            meta[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return make_document(clean_text(text), doc_id, meta)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
