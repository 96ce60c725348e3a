"""Scale: streaming inputs (Parquet, compressed JSONL shards, big folders), local workers and
the Dask engine (a LocalCluster of 2 worker processes), including a worker killed mid-run.

Extraction is compared across processes with PYTHONHASHSEED pinned for every process
involved: extraction still has a hash-seed dependence of its own (a claim's certainty on one
sample sentence, reported to its owner), which is not what these tests are about.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from proxygraph.ingest import Skipped
from proxygraph.models import Document
from proxygraph.pipeline import BatchWriter, build, load_catalog
from proxygraph.scale.dask_engine import partition_key, read_partition, write_partition
from proxygraph.scale.inputs import read_inputs
from proxygraph.settings import Settings
from proxygraph.store import Store, rows_of
from support import make_corpus

CLI = "from proxygraph.cli import app; app()"
SEED = "0"
TEXT = (
    "Iran supplied weapons to Hezbollah in 2019, officials said.\n\n"
    "Russia denied arming the Taliban."
)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PROXYGRAPH_NO_PROGRESS": "1", "PYTHONHASHSEED": SEED}
    return subprocess.run(
        [sys.executable, "-c", CLI, *args], capture_output=True, text=True, env=env, timeout=900
    )


def claim_rows(db: Path | str) -> Counter[str]:
    with Store.open(db, read_only=True, timeout=10) as store:
        return Counter(json.dumps(c.to_json(), sort_keys=True) for c in store.claims())


def single_process(corpus: Path, db: Path) -> Counter[str]:
    done = run_cli("build", str(corpus), "--db", str(db), "--workers", "1")
    assert done.returncode == 0, done.stderr
    return claim_rows(db)


# -- inputs -----------------------------------------------------------------------------


def test_scale_parquet_rows_become_documents(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": ["a1", None, "a3"],
            "text": [TEXT, TEXT + " Again.", ""],
            "title": ["First", None, None],
            "url": ["https://www.example.org/2019/05/02/x", None, None],
            "published": ["2019-05-02", None, None],
            "language": ["en", "fr", None],
        }
    )
    pq.write_table(table, tmp_path / "shard-000.parquet")
    items = list(read_inputs([tmp_path], Settings()))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.id for d in docs] == ["a1", "shard-000-2"]
    assert (docs[0].title, docs[0].published, docs[0].publisher) == (
        "First",
        "2019-05-02",
        "example.org",
    )
    assert docs[1].language == "fr"
    (bad,) = [i for i in items if isinstance(i, Skipped)]
    assert "shard-000.parquet:3" in bad.message or "row 3" in bad.message


def test_scale_parquet_without_text_column_is_skipped(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "wrong.parquet")
    (item,) = list(read_inputs([tmp_path / "wrong.parquet"]))
    assert isinstance(item, Skipped) and "text column" in item.message


def test_scale_compressed_jsonl_shards_and_folder_order(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    lines = "".join(json.dumps({"id": f"g{i}", "text": TEXT}) + "\n" for i in range(3))
    (tmp_path / "b").mkdir()
    with gzip.open(tmp_path / "b" / "part-1.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(lines)
    data = lines.replace('"g', '"z').encode()
    (tmp_path / "b" / "part-2.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    (tmp_path / "README.md").write_text("about this folder", "utf-8")
    ids = [i.id for i in read_inputs([tmp_path]) if isinstance(i, Document)]
    assert ids == ["a", "g0", "g1", "g2", "z0", "z1", "z2"]


def test_scale_known_hashes_are_looked_up_by_id(db_path: Path) -> None:
    catalog = load_catalog(None)
    from support import make_extraction

    with Store.open(db_path, catalog=catalog) as store:
        store.write([rows_of(make_extraction(f"d{i}"), catalog) for i in range(600)])
        found = store.known(["d3", "d599", "missing", "d3"])
    assert set(found) == {"d3", "d599"}
    assert found["d3"] == make_extraction("d3").doc.content_hash


# -- local workers ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("scale") / "corpus", 24)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Counter[str]:
    return single_process(corpus, tmp_path_factory.mktemp("ref") / "single.duckdb")


def test_scale_two_local_workers_equal_one(
    corpus: Path, reference: Counter[str], tmp_path: Path
) -> None:
    db = tmp_path / "two.duckdb"
    done = run_cli("build", str(corpus), "--db", str(db), "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert "24 added" in done.stderr
    assert claim_rows(db) == reference


# -- Dask -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    saved = os.environ.get("PYTHONHASHSEED")
    os.environ["PYTHONHASHSEED"] = SEED  # inherited by the worker processes
    try:
        local = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        )
    finally:
        if saved is None:
            os.environ.pop("PYTHONHASHSEED")
        else:
            os.environ["PYTHONHASHSEED"] = saved
    with local:
        yield local


def test_scale_dask_equals_single_process_on_shared_corpus(
    cluster,
    corpus_dir: Path,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    expected = single_process(corpus_dir, tmp_path / "single.duckdb")
    report = build(
        [corpus_dir],
        db=tmp_path / "dask.duckdb",
        progress=False,
        engine="dask",
        scheduler=cluster.scheduler_address,
    )
    assert report.added > 10 and report.claims == sum(expected.values())
    assert claim_rows(tmp_path / "dask.duckdb") == expected
    assert not (tmp_path / "dask.duckdb.parts").exists()  # partitions merged and removed


def test_scale_dask_worker_killed_mid_run_gives_same_claims(
    cluster,
    corpus: Path,
    reference: Counter[str],
    tmp_path: Path,  # noqa: ANN001
) -> None:
    from distributed import Client

    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        with Client(cluster.scheduler_address) as client:
            pids = client.run(os.getpid)
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                busy = [
                    w
                    for w, keys in client.processing().items()
                    if any("proxygraph-extract" in str(k) for k in keys)
                ]
                if busy:
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(pids[busy[0]])
                    return
                time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    report = build(
        [corpus],
        db=tmp_path / "dask.duckdb",
        progress=False,
        engine="dask",
        scheduler=cluster.scheduler_address,
    )
    killer.join()
    assert killed, "no worker was busy: the kill did not land mid-run"
    assert (report.added, report.skipped) == (24, [])
    assert claim_rows(tmp_path / "dask.duckdb") == reference
    with Client(cluster.scheduler_address) as client:
        client.wait_for_workers(2, timeout=120)  # the nanny restarted the killed worker
        assert killed[0] not in client.run(os.getpid).values()


def test_scale_partition_delivered_twice_is_written_once(tmp_path: Path, db_path: Path) -> None:
    from support import make_extraction

    catalog = load_catalog(None)
    extractions = [make_extraction(f"d{i}") for i in range(3)]
    key = partition_key([e.doc for e in extractions])
    write_partition(tmp_path, key, [rows_of(e, catalog) for e in extractions])
    write_partition(tmp_path, key, [rows_of(e, catalog) for e in extractions])  # a retry
    Store.open(db_path).close()
    writer = BatchWriter(db_path, catalog, 10.0, print)
    for _ in range(2):
        for rows in read_partition(tmp_path, key).values():
            writer.add(rows)
        writer.flush()
    assert writer.written == 3
    with Store.open(db_path, read_only=True) as store:
        assert store.counts().documents == 3
        assert store.counts().claims == 3 * len(extractions[0].claims)


def test_scale_cli_dask_engine_starts_a_local_cluster(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 6)
    db = tmp_path / "cli.duckdb"
    done = run_cli("build", str(corpus), "--db", str(db), "--engine", "dask", "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert "6 added" in done.stderr
    assert claim_rows(db) == single_process(corpus, tmp_path / "single.duckdb")


def _write_shard(path: Path, first: int, count: int) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for i in range(first, first + count):
            out.write(json.dumps({"id": f"s{i}", "text": f"{TEXT} Item {i}."}) + "\n")


def test_scale_shard_read_whole_is_not_read_again_until_it_changes(tmp_path: Path) -> None:
    feed, db = tmp_path / "feed", tmp_path / "shards.duckdb"
    feed.mkdir()
    _write_shard(feed / "day-1.jsonl.gz", 0, 6)
    _write_shard(feed / "day-2.jsonl.gz", 6, 4)
    first = build([feed], db=db, workers=1, progress=False)
    assert (first.added, first.unchanged) == (10, 0)

    messages: list[str] = []
    again = build([feed], db=db, workers=1, progress=False, on_message=messages.append)
    assert (again.added, again.unchanged) == (0, 10)
    assert any("2 shard(s) unchanged" in m for m in messages)

    _write_shard(feed / "day-2.jsonl.gz", 6, 5)  # rewritten with one more record
    changed = build([feed], db=db, workers=1, progress=False)
    assert (changed.added, changed.unchanged) == (1, 10)  # day-1 skipped, day-2 re-read
    with Store.open(db, read_only=True) as store:
        assert len(store.documents()) == 11
