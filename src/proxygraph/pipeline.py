"""The orchestrator: files -> documents -> extractions -> store (``build``) or claims (``extract``).

``build`` streams: documents are read in chunks, each chunk's stored hashes are looked up by
id (an index look-up, so adding 1,000 articles to a large store costs about as much as
extracting those 1,000), new or changed documents are extracted on every core (``workers``)
or on a Dask cluster (``engine="dask"``, see ``proxygraph.scale``), and written in short
batches of whole documents, one transaction a batch. Nothing holds the whole corpus.

It is crash-safe: a run killed at any point keeps every batch already written and re-running
finishes the rest. The database is held only while a batch is written, so readers get in
between; a lock (a file beside a DuckDB database, an advisory lock on PostgreSQL) keeps two
builds from working on one database at the same time.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

import duckdb

from proxygraph.actors import Catalog
from proxygraph.errors import Code, ProxygraphError
from proxygraph.models import Claim, Document
from proxygraph.scale.shards import ShardLedger
from proxygraph.scale.work import Done, default_workers, extract_chunk, extract_rows
from proxygraph.settings import Settings
from proxygraph.store import DocumentRows, Store, ctrl_c_stays_ctrl_c, is_url
from proxygraph.store.lockfile import BuildLock
from proxygraph.store.postgres import AdvisoryLock, shown

log = logging.getLogger("proxygraph")
Notify = Callable[[str], None]

# How often extracted documents are written: the first batch after a second, so that a
# build shows progress at once; then ever less often, up to every 5 s, because opening and
# checkpointing the file costs the same for 30 documents as for 300. A killed run loses
# at most the last interval, and readers wait at most one batch's write.
FIRST_BATCH_SECONDS = 1.0
MAX_BATCH_SECONDS = 5.0
BATCH_DOCUMENTS = 256
# Skip messages a build keeps (and shows); the rest are counted only, so that millions of
# bad records cost a counter, not millions of strings.
KEPT_SKIPS = 100
# Documents read before their stored hashes are looked up in one query.
LOOKUP_BATCH = 256
# Documents extracted together: their sentences share the model's batches.
CHUNK_DOCUMENTS = 32
# A worker's share: documents a task, tasks in flight (enough to keep it busy, few enough
# to bound memory).
WORKER_CHUNK = 4
CHUNKS_PER_WORKER = 2
ENGINES = ("local", "dask")


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
    skipped_count: int = 0  # every skipped input; ``skipped`` keeps the first KEPT_SKIPS
    renamed: int = 0  # documents stored under a new id: theirs was taken (E030)
    duplicates: int = 0  # documents given twice, counted once (E031)

    @property
    def seen(self) -> int:
        return self.added + self.unchanged + self.skipped_count

    def skip(self, reason: str, notify: Notify) -> None:
        """Count a skipped input; say and keep only the first few reasons."""
        self.skipped_count += 1
        if self.skipped_count <= KEPT_SKIPS:
            self.skipped.append(reason)
            notify(reason)
        elif self.skipped_count == KEPT_SKIPS + 1:
            notify(f"more than {KEPT_SKIPS} inputs skipped: the rest are counted, not listed")

    def summary(self) -> str:
        extra = f", {self.renamed} renamed (id taken)" if self.renamed else ""
        extra += f", {self.duplicates} given twice" if self.duplicates else ""
        return (
            f"{self.added} added, {self.unchanged} unchanged, {self.skipped_count} skipped{extra};"
            f" {self.claims} claims written to {self.db} in {self.seconds:.1f} s"
            + self.unread_summary()
        )

    def unread_summary(self) -> str:
        """Documents in a language no reader covers (E024), counted by language."""
        unread = Counter(
            w.split(": ")[2] for w in self.warnings if w.startswith(f"{Code.E024.name}:")
        )
        if not unread:
            return ""
        by_language = ", ".join(f"{lang} {n}" for lang, n in sorted(unread.items()))
        return f"; {sum(unread.values())} not read for claims ({by_language})"


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
    workers: int | None = None,
    progress: bool = True,
    lock_timeout: float = 30.0,
    on_message: Notify | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> BuildReport:
    """Ingest, extract and store every new or changed document under ``paths``.

    ``workers``: extraction processes (default: every core), or Dask workers for a local
    cluster; ``engine="dask"`` with ``scheduler`` (an address) uses an existing cluster.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    notify = on_message or log.warning
    catalog, settings = load_catalog(catalog), settings or Settings()
    db = db if is_url(db) else Path(db)
    report = BuildReport(db=shown(str(db)))
    began = time.monotonic()
    with build_lock(db, lock_timeout, notify):
        with Store.open(db, catalog=catalog, timeout=lock_timeout, on_wait=notify) as store:
            redo = _catalog_changed(store, catalog, notify)
            shards = ShardLedger.load(store, trust=not redo)
        writer = BatchWriter(db, catalog, lock_timeout, notify, redo=redo)
        with _progress(progress) as bar:
            try:
                docs = fresh_documents(
                    paths,
                    db,
                    settings,
                    report,
                    notify,
                    bar,
                    lock_timeout,
                    redo=redo,
                    shards=shards,
                )
                if engine == "dask":
                    from proxygraph.scale.dask_engine import extract_on_dask

                    results = extract_on_dask(
                        docs,
                        catalog,
                        settings,
                        workers,
                        scheduler,
                        staging=_staging(db),
                        notify=notify,
                    )
                else:
                    results = extract_local(docs, catalog, settings, workers)
                _collect(results, writer, report, notify, bar)
                writer.flush()
            except KeyboardInterrupt:
                writer.flush()
                report.interrupted = True
            except ProxygraphError:  # a worker died: keep what was extracted, then say so
                writer.flush()
                raise
            finally:
                report.unchanged += shards.skipped_documents
                report.seconds = time.monotonic() - began
        if shards.skipped_shards:
            notify(
                f"{shards.skipped_shards} shard(s) unchanged since they were read whole: not read"
            )
        if not report.interrupted:
            try:
                _finish(db, catalog, report, shards, lock_timeout, notify)
            except KeyboardInterrupt:  # while waiting for the file: every document is stored
                report.interrupted = True
    if report.interrupted:
        raise BuildInterrupted(report)
    return report


def _finish(
    db: str | Path,
    catalog: Catalog,
    report: BuildReport,
    shards: ShardLedger,
    lock_timeout: float,
    notify: Notify,
) -> None:
    """Record the catalog the store was built with, and the shards read whole."""
    with Store.open(db, catalog=catalog, timeout=lock_timeout, on_wait=notify) as store:
        store.set_meta(CATALOG_KEY, catalog.fingerprint())
        if not report.skipped:  # a shard with a bad record is read again next time
            shards.save(store)


def _catalog_changed(store: Store, catalog: Catalog, notify: Notify) -> bool:
    """Whether the stored claims were resolved with another catalog (an override file
    added aliases or merges): then every document read again is extracted again."""
    stored = store.get_meta(CATALOG_KEY)
    if stored is None or stored == catalog.fingerprint():
        return False
    notify("the actor catalog changed since the last build: documents are extracted again")
    return True


def build_lock(db: str | Path, timeout: float, notify: Notify) -> BuildLock | AdvisoryLock:
    """One build per database: a lock file beside DuckDB, an advisory lock on PostgreSQL."""
    if is_url(db):
        return AdvisoryLock(str(db), timeout=timeout, on_wait=notify)
    return BuildLock(db, timeout=timeout, on_wait=notify)


def extract(
    paths: Iterable[str | Path],
    catalog: Catalog | str | Path | None = None,
    settings: Settings | None = None,
    on_skip: Notify | None = None,
    on_warning: Notify | None = None,
) -> Iterator[Claim]:
    """Claims from every document under ``paths``, without a database."""
    from proxygraph.ingest import Skipped
    from proxygraph.ingest.ids import DocumentIds
    from proxygraph.scale.inputs import batched, read_inputs

    catalog, settings = load_catalog(catalog), settings or Settings()
    skip = on_skip or log.warning
    ids = DocumentIds(on_warning or log.warning)

    def documents() -> Iterator[Document]:
        for item in read_inputs([str(p) for p in paths], settings):
            if isinstance(item, Skipped):
                skip(item.message)
            else:
                yield from (placed.doc for placed in ids.assign([item]))

    extractor = _extractor(catalog, settings)
    for chunk in batched(documents(), CHUNK_DOCUMENTS):
        for extraction in extract_chunk(chunk, extractor):
            if extraction.error:
                skip(extraction.error)
                continue
            for warning in extraction.warnings:
                (on_warning or log.warning)(warning)
            yield from extraction.claims


CATALOG_KEY = "catalog_fingerprint"


def load_catalog(catalog: Catalog | str | Path | None) -> Catalog:
    return catalog if isinstance(catalog, Catalog) else Catalog.load(catalog)


class BatchWriter:
    """Collects extracted documents and writes them in short sessions on the database, one
    transaction a batch of whole documents. A document whose (id, content hash) is already
    stored is not written again, so a batch delivered twice (a retried Dask partition, a
    duplicate input) is never counted twice."""

    def __init__(
        self, db: str | Path, catalog: Catalog, timeout: float, notify: Notify, redo: bool = False
    ) -> None:
        self.db, self.catalog, self.timeout, self.notify = db, catalog, timeout, notify
        self.redo = redo  # write even a document whose hash is stored (the catalog changed)
        self.pending: list[DocumentRows] = []
        self.since = time.monotonic()
        self.interval = FIRST_BATCH_SECONDS
        self.written = 0

    def add(self, rows: DocumentRows) -> None:
        if not self.pending:
            self.since = time.monotonic()
        self.pending.append(rows)
        due = time.monotonic() - self.since >= self.interval
        if due or len(self.pending) >= BATCH_DOCUMENTS:
            self.flush()
            self.interval = min(self.interval * 2, MAX_BATCH_SECONDS)

    def flush(self) -> None:
        if not self.pending:
            return
        with ctrl_c_stays_ctrl_c():  # a Ctrl-C mid-write: the batch is rolled back and kept
            self._write_pending()

    def _write_pending(self) -> None:
        opened = Store.open(
            self.db, catalog=self.catalog, timeout=self.timeout, on_wait=self.notify
        )
        with opened as store:
            stored = store.known(r.id for r in self.pending)
            new = [r for r in self.pending if self.redo or stored.get(r.id) != r.content_hash]
            try:
                store.write(new)  # one transaction: on failure nothing of the batch is kept
            except (OSError, duckdb.Error) as exc:  # a full disk, a quota
                reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                raise ProxygraphError(Code.E036, path=shown(str(self.db)), reason=reason) from None
        self.written += len({r.id for r in new})
        self.pending.clear()


def fresh_documents(
    paths: Iterable[str | Path],
    db: str | Path,
    settings: Settings,
    report: BuildReport,
    notify: Notify,
    bar: _Bar,
    timeout: float = 30.0,
    redo: bool = False,
    shards: ShardLedger | None = None,
) -> Iterator[Document]:
    """New or changed documents, streamed: stored hashes are looked up a chunk at a time;
    shards read whole by an earlier build and unchanged since are not opened."""
    from proxygraph.ingest import Skipped
    from proxygraph.ingest.ids import DocumentIds
    from proxygraph.scale.inputs import batched, read_inputs

    shards = shards or ShardLedger({}, trust=False)
    ids = DocumentIds(notify)
    items = read_inputs([str(p) for p in paths], settings, skip_file=shards.skip)
    for chunk in batched(items, LOOKUP_BATCH):
        docs = [d for d in chunk if not isinstance(d, Skipped)]
        for item in chunk:
            if isinstance(item, Skipped):
                report.skip(item.message, notify)
        if not docs:  # a run of bad records: no need to open the database
            bar.update(report)
            continue
        with Store.open(db, read_only=True, timeout=timeout, on_wait=notify) as store:
            placed = ids.assign(docs, store.sources)  # unique ids; collisions reported
        report.renamed, report.duplicates = ids.renamed, ids.duplicates
        for doc, stored_hash in ((p.doc, p.stored_hash) for p in placed):
            shards.count(doc)
            if stored_hash == doc.content_hash and not redo:
                report.unchanged += 1
            else:
                yield doc
        bar.update(report)


def _collect(
    results: Iterable[Done | str],
    writer: BatchWriter,
    report: BuildReport,
    notify: Notify,
    bar: _Bar,
) -> None:
    for result in results:
        if isinstance(result, str):
            report.skip(result, notify)
        else:
            report.warnings.extend(result.warnings)
            writer.add(result.rows)
            report.added += 1
            report.claims += result.claims
        bar.update(report)


def extract_local(
    docs: Iterator[Document], catalog: Catalog, settings: Settings, workers: int | None
) -> Iterator[Done | str]:
    """Extractions in input order, on ``workers`` processes (default: every core); a string
    in place of one that failed. A run with less work than fills the pool stays in process."""
    from proxygraph.scale.inputs import batched

    workers = workers or default_workers()
    window = workers * CHUNKS_PER_WORKER
    head = list(islice(docs, window * WORKER_CHUNK))
    if workers <= 1 or len(head) < window * WORKER_CHUNK:
        extractor = _extractor(catalog, settings)
        for chunk in batched(chain(head, docs), CHUNK_DOCUMENTS):
            yield from extract_rows(chunk, extractor)
        return
    # spawn: workers must not inherit the build lock, a database handle or the parent's threads
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(catalog, settings, os.getpid()),
    )
    try:
        pending: deque[Future[list[Done | str]]] = deque()
        for chunk in batched(chain(head, docs), WORKER_CHUNK):
            with _workers_deaf_to_ctrl_c(len(pending) < workers):
                pending.append(pool.submit(_extract_in_worker, chunk))
            if len(pending) >= window:  # bounded, so a huge corpus is never read at once
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BrokenProcessPool:
        _stop_workers(pool)  # the others would wait for work forever, and exit waits for them
        raise ProxygraphError(Code.E035) from None
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _extractor(catalog: Catalog, settings: Settings) -> Any:
    from proxygraph.extract import Extractor

    return Extractor(catalog, settings)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's remaining processes (the executor keeps them in ``_processes``)."""
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    for process in list(getattr(pool, "_processes", {}).values()):
        process.join(timeout=5)


@contextmanager
def _workers_deaf_to_ctrl_c(spawning: bool) -> Iterator[None]:
    """Ctrl-C while a worker starts must not reach it: a worker interrupted in its
    imports prints a traceback. SIGINT is blocked while ``submit`` spawns it (a blocked
    signal stays blocked across fork and exec; the worker then ignores it for good), and
    unblocked after, so that a Ctrl-C pressed meanwhile reaches this process at once."""
    if not spawning or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# A worker process's own extractor, made by its initializer.
_WORKER: dict[str, Any] = {}


def _init_worker(catalog: Catalog, settings: Settings, parent: int) -> None:
    """Ctrl-C is the parent's to handle; a worker whose parent was killed exits."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    from proxygraph.extract import Extractor

    _WORKER["extractor"] = Extractor(catalog, settings)  # once per worker: model and tables


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _extract_in_worker(docs: list[Document]) -> list[Done | str]:
    return extract_rows(docs, _WORKER["extractor"])


def _staging(db: str | Path) -> Path:
    """Where Dask workers write Parquet partitions for a build into ``db``."""
    if is_url(db):
        return Path.cwd() / "proxygraph-parts"
    return Path(f"{db}.parts")


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
                    SpinnerColumn(),
                    TextColumn("{task.description}"),
                    TimeElapsedColumn(),
                    console=console,
                    transient=True,
                )
                self.task = self.progress.add_task("reading", total=None)

    def update(self, report: BuildReport) -> None:
        if self.progress is not None:
            text = (
                f"{report.seen} documents: {report.added} added, {report.unchanged}"
                f" unchanged, {report.skipped_count} skipped, {report.claims} claims"
            )
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


__all__ = ["BuildInterrupted", "BuildReport", "build", "default_workers", "extract", "load_catalog"]
