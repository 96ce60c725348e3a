"""The orchestrator: files -> documents -> extractions -> store (``build``) or claims (``extract``).

``build`` is incremental and crash-safe: a document whose (id, content hash) is stored is
skipped; each new document is written in its own transaction, so a run killed at any point
keeps every document already written and re-running finishes the rest. The database file
is held only while a batch of extracted documents is written, so readers get in between;
a separate lock file keeps two builds from working on one database at the same time.
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from proxygraph.actors import Catalog
from proxygraph.errors import ProxygraphError
from proxygraph.models import Claim, Document
from proxygraph.settings import Settings
from proxygraph.store import Store
from proxygraph.store.lockfile import BuildLock

log = logging.getLogger("proxygraph")
Notify = Callable[[str], None]

# Write at least this often, so a killed run loses little work and readers are not starved.
BATCH_SECONDS = 1.0
BATCH_DOCUMENTS = 32


@dataclass
class BuildReport:
    db: str
    added: int = 0
    unchanged: int = 0
    claims: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return self.added + self.unchanged + len(self.skipped)

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.unchanged} unchanged, {len(self.skipped)} skipped;"
            f" {self.claims} claims written to {self.db} in {self.seconds:.1f} s"
        )


class BuildInterrupted(KeyboardInterrupt):
    """Ctrl-C during ``build``: everything extracted so far was written first."""

    def __init__(self, report: BuildReport) -> None:
        super().__init__(f"interrupted after {report.seen} documents: {report.summary()}")
        self.report = report


def build(
    paths: Iterable[str | Path],
    db: str | Path = "proxygraph.duckdb",
    catalog: Catalog | str | Path | None = None,
    settings: Settings | None = None,
    workers: int = 1,
    progress: bool = True,
    lock_timeout: float = 30.0,
    on_message: Notify | None = None,
) -> BuildReport:
    """Ingest, extract and store every new or changed document under ``paths``."""
    notify = on_message or log.warning
    catalog, settings = load_catalog(catalog), settings or Settings()
    report = BuildReport(db=str(db))
    began = time.monotonic()
    with BuildLock(db, timeout=lock_timeout, on_wait=notify):
        with Store.open(db, catalog=catalog, timeout=lock_timeout, on_wait=notify) as store:
            known = store.hashes()
        writer = BatchWriter(db, catalog, lock_timeout, notify)
        with _progress(progress) as bar:
            try:
                _run(paths, known, catalog, settings, workers, writer, report, notify, bar)
                writer.flush()
            except KeyboardInterrupt:
                writer.flush()
                report.interrupted = True
            finally:
                report.seconds = time.monotonic() - began
    if report.interrupted:
        raise BuildInterrupted(report)
    return report


def extract(
    paths: Iterable[str | Path],
    catalog: Catalog | str | Path | None = None,
    settings: Settings | None = None,
    on_skip: Notify | None = None,
    on_warning: Notify | None = None,
) -> Iterator[Claim]:
    """Claims from every document under ``paths``, without a database."""
    from proxygraph.extract import extract_document
    from proxygraph.ingest import Skipped, read_paths

    catalog, settings = load_catalog(catalog), settings or Settings()
    for item in read_paths([str(p) for p in paths], settings):
        if isinstance(item, Skipped):
            (on_skip or log.warning)(item.message)
            continue
        extraction = _extract_safely(extract_document, item, catalog, settings)
        if isinstance(extraction, str):
            (on_skip or log.warning)(extraction)
            continue
        for warning in extraction.warnings:
            (on_warning or log.warning)(warning)
        yield from extraction.claims


def load_catalog(catalog: Catalog | str | Path | None) -> Catalog:
    return catalog if isinstance(catalog, Catalog) else Catalog.load(catalog)


class BatchWriter:
    """Collects extractions and writes them in short sessions on the database file."""

    def __init__(self, db: str | Path, catalog: Catalog, timeout: float, notify: Notify) -> None:
        self.db, self.catalog, self.timeout, self.notify = db, catalog, timeout, notify
        self.pending: list[Any] = []
        self.since = time.monotonic()

    def add(self, extraction: Any) -> None:
        if not self.pending:
            self.since = time.monotonic()
        self.pending.append(extraction)
        due = time.monotonic() - self.since >= BATCH_SECONDS
        if due or len(self.pending) >= BATCH_DOCUMENTS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        opened = Store.open(self.db, catalog=self.catalog, timeout=self.timeout,
                            on_wait=self.notify)
        with opened as store:
            while self.pending:
                store.add(self.pending[0])  # one transaction per document
                self.pending.pop(0)


def _run(
    paths: Iterable[str | Path],
    known: dict[str, str],
    catalog: Catalog,
    settings: Settings,
    workers: int,
    writer: BatchWriter,
    report: BuildReport,
    notify: Notify,
    bar: _Bar,
) -> None:
    from proxygraph.ingest import Skipped, read_paths

    def fresh() -> Iterator[Document]:
        for item in read_paths([str(p) for p in paths], settings):
            if isinstance(item, Skipped):
                report.skipped.append(item.message)
                notify(item.message)
            elif known.get(item.id) == item.content_hash:
                report.unchanged += 1
            else:
                yield item
            bar.update(report)

    for result in _extract_all(fresh(), catalog, settings, workers):
        if isinstance(result, str):
            report.skipped.append(result)
            notify(result)
        else:
            report.warnings.extend(result.warnings)
            writer.add(result)
            known[result.doc.id] = result.doc.content_hash
            report.added += 1
            report.claims += len(result.claims)
        bar.update(report)


def _extract_all(
    docs: Iterator[Document], catalog: Catalog, settings: Settings, workers: int
) -> Iterator[Any]:
    """Extractions in input order; a string in place of one that failed."""
    from proxygraph.extract import extract_document

    if workers <= 1:
        for doc in docs:
            yield _extract_safely(extract_document, doc, catalog, settings)
        return
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(catalog, settings)) as ex:
        window: deque[Future[Any]] = deque()
        for doc in docs:
            window.append(ex.submit(_extract_in_worker, doc))
            if len(window) >= workers * 4:  # bounded, so a huge corpus is not read at once
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def _extract_safely(func: Callable[..., Any], doc: Document, catalog: Catalog,
                    settings: Settings) -> Any:
    """One document's extraction; a failure skips that document, not the run."""
    try:
        return func(doc, catalog=catalog, settings=settings)
    except ProxygraphError as exc:
        return str(exc)
    except Exception as exc:  # a bug on one odd document must not stop the other thousand
        return f"{doc.id}: extraction failed ({type(exc).__name__}: {exc}), skipped"


_WORKER: dict[str, Any] = {}


def _init_worker(catalog: Catalog, settings: Settings) -> None:
    _WORKER.update(catalog=catalog, settings=settings)


def _extract_in_worker(doc: Document) -> Any:
    from proxygraph.extract import extract_document

    return _extract_safely(extract_document, doc, _WORKER["catalog"], _WORKER["settings"])


class _Bar:
    """A rich progress line on a terminal; nothing otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.progress = None
        if enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            console = Console(stderr=True)
            if console.is_terminal:
                self.progress = Progress(
                    SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                    console=console, transient=True,
                )
                self.task = self.progress.add_task("reading", total=None)

    def update(self, report: BuildReport) -> None:
        if self.progress is not None:
            text = (f"{report.seen} documents: {report.added} added, {report.unchanged}"
                    f" unchanged, {len(report.skipped)} skipped, {report.claims} claims")
            self.progress.update(self.task, description=text)

    def __enter__(self) -> _Bar:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()


def _progress(enabled: bool) -> _Bar:
    return _Bar(enabled and not os.environ.get("PROXYGRAPH_NO_PROGRESS"))


__all__ = ["BuildInterrupted", "BuildReport", "build", "extract", "load_catalog"]
