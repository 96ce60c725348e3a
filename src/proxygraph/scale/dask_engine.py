"""``proxygraph build --engine dask``: extraction mapped over partitions on a Dask cluster.

The client streams new or changed documents (``pipeline.fresh_documents``), cuts them into
partitions and submits one task a partition, keeping only a few partitions per worker in
flight (bounded memory). A worker loads the spaCy model once (``ExtractorPlugin``, applied
again to a worker the nanny restarts), extracts every document of its partition and writes
the rows as Parquet files under the staging folder, named by the partition's content key
(sorted document ids + content hashes) and replaced atomically, so a retried partition
rewrites the same files. The client then reads each finished partition and hands its
documents to the build's writer, which skips any (id, content hash) already stored: a
partition retried after a worker died, or delivered twice, is never counted twice.

On a real cluster the staging folder must be visible to the workers and the client alike
(a shared filesystem); see docs/scale.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from proxygraph.actors import Catalog
from proxygraph.models import Document
from proxygraph.settings import Settings
from proxygraph.store import DocumentRows
from proxygraph.store import queries as q

PARTITION_DOCUMENTS = 32
# Partitions in flight per worker: one running, one queued, one being merged.
IN_FLIGHT_PER_WORKER = 3
TABLES = ("documents", "actors", "mentions", "claims")
PLUGIN = "proxygraph-extractor"

_STATE: dict[str, Any] = {}


class ExtractorPlugin(WorkerPlugin):
    """Loads the catalog, settings and the spaCy model once per worker process."""

    name = PLUGIN
    idempotent = True

    def __init__(self, catalog: Catalog, settings: Settings) -> None:
        self.catalog, self.settings = catalog, settings

    def setup(self, worker: Any = None) -> None:
        from proxygraph.extract import Extractor

        _STATE["extractor"] = Extractor(self.catalog, self.settings)

    def teardown(self, worker: Any = None) -> None:
        _STATE.clear()


def extract_on_dask(
    docs: Iterator[Document],
    catalog: Catalog,
    settings: Settings,
    workers: int | None,
    scheduler: str | None,
    staging: Path,
    notify: Any = None,
    partition_size: int = PARTITION_DOCUMENTS,
) -> Iterator[Any]:
    """``pipeline.Done`` (or a skip message) for every document, partition by partition."""
    from distributed import Client, LocalCluster

    from proxygraph.scale.inputs import batched
    from proxygraph.scale.work import default_workers

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        client.register_plugin(_worker_plugin(catalog, settings))
        staging.mkdir(parents=True, exist_ok=True)
        limit = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
        yield from _map_partitions(client, batched(docs, partition_size), staging, limit)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        _remove_if_empty(staging)


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # absent, or holds a failed partition's files
        folder.rmdir()


def _map_partitions(
    client: Any, parts: Iterator[list[Document]], staging: Path, limit: int
) -> Iterator[Any]:
    from distributed import as_completed

    done = as_completed()
    ids: dict[str, list[str]] = {}
    for part in parts:
        key = partition_key(part)
        future = client.submit(
            extract_partition,
            part,
            str(staging),
            key,
            key=f"proxygraph-extract-{key}",
            retries=2,
            pure=False,
        )
        ids[future.key] = [d.id for d in part]
        done.add(future)
        while done.count() >= limit:
            yield from _merge(next(done), staging, ids)
    for future in done:
        yield from _merge(future, staging, ids)


def _merge(future: Any, staging: Path, ids: dict[str, list[str]]) -> Iterator[Any]:
    """The documents of one finished partition, read back from its Parquet files."""
    from proxygraph.scale.work import Done

    doc_ids = ids.pop(future.key)
    try:
        outcome = future.result()
    except Exception as exc:  # the partition failed for good (e.g. it killed every worker)
        reason = f"extraction on Dask failed ({type(exc).__name__}: {exc})"
        yield from (f"{doc_id}: {reason}, skipped" for doc_id in doc_ids)
        return
    rows = read_partition(staging, outcome["key"])
    for doc_id in doc_ids:
        if doc_id in outcome["failed"]:
            yield outcome["failed"][doc_id]
        elif doc_id in rows:
            yield Done(rows[doc_id], len(rows[doc_id].claims), outcome["warnings"].get(doc_id, []))
    remove_partition(staging, outcome["key"])


def partition_key(part: list[Document]) -> str:
    """Names a partition by its content: the same documents give the same files."""
    digest = hashlib.sha256()
    for doc in part:
        digest.update(f"{doc.id}\0{doc.content_hash}\n".encode())
    return digest.hexdigest()[:24]


def extract_partition(part: list[Document], staging: str, key: str) -> dict[str, Any]:
    """On a worker: extract every document and write the rows as Parquet; a small summary
    (failures and warnings by document id) goes back to the client."""
    from proxygraph.scale.work import Done, extract_rows

    if not _STATE:  # a worker started without the plugin (should not happen)
        _worker_plugin(Catalog.load(), Settings()).setup()
    failed: dict[str, str] = {}
    warnings: dict[str, list[str]] = {}
    rows: list[DocumentRows] = []
    results = extract_rows(part, _STATE["extractor"])
    for doc, result in zip(part, results, strict=True):
        if isinstance(result, Done):
            rows.append(result.rows)
            if result.warnings:
                warnings[doc.id] = result.warnings
        else:
            failed[doc.id] = result
    write_partition(Path(staging), key, rows)
    return {"key": key, "failed": failed, "warnings": warnings}


def _worker_plugin(catalog: Catalog, settings: Settings) -> ExtractorPlugin:
    return ExtractorPlugin(catalog, settings)


# -- Parquet partitions ---------------------------------------------------------------


# Parquet types of the store's columns; every other column is text.
INT_COLUMNS = frozenset({"valence", "year", "start_char", "end_char"})
BOOL_COLUMNS = frozenset({"negated", "provisional"})


def _schemas() -> dict[str, Any]:
    """The partition tables: the store's own columns (documents without ``added_at``,
    which the merge sets; actors with the document that named them)."""
    import pyarrow as pa

    def schema(columns: list[str]) -> Any:
        return pa.schema(
            (
                n,
                pa.bool_()
                if n in BOOL_COLUMNS
                else pa.int64()
                if n in INT_COLUMNS
                else pa.string(),
            )
            for n in columns
        )

    return {
        "documents": schema([n for n in _names(q.DOCUMENT_COLUMNS) if n != "added_at"]),
        "actors": schema(["doc_id", "name", "type", "provisional"]),
        "mentions": schema(_names(q.MENTION_COLUMNS)),
        "claims": schema(_names(q.CLAIM_COLUMNS)),
    }


def _names(columns: str) -> list[str]:
    return [n.strip() for n in columns.split(",")]


def _table_rows(rows: list[DocumentRows]) -> dict[str, list[tuple[Any, ...]]]:
    return {
        "documents": [r.document for r in rows],
        "actors": [(r.id, *a) for r in rows for a in r.actors],
        "mentions": [m for r in rows for m in r.mentions],
        "claims": [c for r in rows for c in r.claims],
    }


def write_partition(staging: Path, key: str, rows: list[DocumentRows]) -> None:
    """One Parquet file per table, each written aside and renamed into place (atomic)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    staging.mkdir(parents=True, exist_ok=True)
    schemas = _schemas()
    for table, values in _table_rows(rows).items():
        schema = schemas[table]
        columns = list(zip(*values, strict=True)) if values else [[] for _ in schema.names]
        data = pa.Table.from_arrays(
            [pa.array(list(c), type=f.type) for c, f in zip(columns, schema, strict=True)],
            schema=schema,
        )
        final = staging / f"{key}.{table}.parquet"
        aside = staging / f".{key}.{table}.{uuid.uuid4().hex}.tmp"
        pq.write_table(data, aside)
        os.replace(aside, final)


def read_partition(staging: Path, key: str) -> dict[str, DocumentRows]:
    """The rows of one partition by document id."""
    import pyarrow.parquet as pq

    tables = {t: pq.read_table(staging / f"{key}.{t}.parquet") for t in TABLES}
    docs: dict[str, DocumentRows] = {}
    for row in _tuples(tables["documents"]):
        docs[row[0]] = DocumentRows(row, [], [], [])
    for row in _tuples(tables["actors"]):
        docs[row[0]].actors.append(row[1:])
    for row in _tuples(tables["mentions"]):
        docs[row[0]].mentions.append(row)
    for row in _tuples(tables["claims"]):
        docs[row[1]].claims.append(row)
    return docs


def remove_partition(staging: Path, key: str) -> None:
    for table in TABLES:
        (staging / f"{key}.{table}.parquet").unlink(missing_ok=True)


def _tuples(table: Any) -> Iterator[tuple[Any, ...]]:
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    return zip(*columns, strict=True) if columns else iter(())
