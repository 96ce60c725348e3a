from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from proxygraph.errors import Code, ProxygraphError
from proxygraph.models import Claim, Document
from proxygraph.store import Store, claim_year, group_relations
from support import TEXT, make_extraction


@pytest.fixture
def store(db_path: Path):
    with Store.open(db_path) as opened:
        opened.add(make_extraction("d1"))
        opened.add(make_extraction("d2", published="2020"))
        yield opened


def test_store_roundtrips_documents_and_claims(store: Store) -> None:
    doc = store.document("d1")
    original = make_extraction("d1")
    assert doc == original.doc
    assert store.has("d1", original.doc.content_hash)
    assert not store.has("d1", "other-hash")
    claims = store.claims(doc="d1")
    assert sorted(c.to_json()["relation"] for c in claims) == sorted(
        c.relation for c in original.claims
    )
    arms = store.claims(relation="ARMS", doc="d1")[0]
    assert arms.to_json() == original.claims[0].to_json()
    assert doc.text[arms.start : arms.end] == arms.quote


def test_store_add_replaces_older_version(store: Store) -> None:
    changed = make_extraction("d1", text=TEXT + " Iran funds Hezbollah.")
    changed.claims = changed.claims[:1]
    store.add(changed)
    assert store.has("d1", changed.doc.content_hash)
    assert len(store.documents()) == 2
    assert len(store.claims(doc="d1")) == 1
    assert store.counts().mentions == 8


def test_store_add_is_one_transaction(store: Store) -> None:
    broken = make_extraction("d1", text=TEXT + " changed")
    broken.claims.append(Claim("d1", "A", "NOT_A_RELATION", "B", "x", 0, 1))
    with pytest.raises(ValueError):
        store.add(broken)
    assert store.has("d1", make_extraction("d1").doc.content_hash)  # old version intact
    assert len(store.claims(doc="d1")) == 3


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"subject": "Russia"}, 4),
        ({"subject": "the Kremlin"}, 4),
        ({"subject": "moscow", "relation": "arms"}, 2),
        ({"object": "Hizballah"}, 0),
        ({"subject": "Hizballah"}, 2),
        ({"family": "material"}, 4),
        ({"certainty": "reported"}, 2),
        ({"source": "officials"}, 2),
        ({"negated": True}, 2),
        ({"doc": "d2"}, 3),
        ({"year_from": 2019}, 2),
        ({"year_to": 2017}, 2),
        ({"year_from": 2018, "year_to": 2018}, 2),
        ({"object": "newgroup brigade"}, 2),
        ({"actor": "Iran"}, 2),
        ({"limit": 2}, 2),
        ({"limit": 5, "offset": 4}, 2),
    ],
)
def test_store_claims_filters(store: Store, filters: dict, expected: int) -> None:
    assert len(store.claims(**filters)) == expected


def test_store_claim_year_prefers_claim_time() -> None:
    doc = Document("d", "x", published="2019-05-01")
    assert claim_year(Claim("d", "A", "ARMS", "B", "x", 0, 1, time="2007/2021"), doc) == 2007
    assert claim_year(Claim("d", "A", "ARMS", "B", "x", 0, 1), doc) == 2019
    assert claim_year(Claim("d", "A", "ARMS", "B", "x", 0, 1), None) is None


def test_store_actors_counts(store: Store) -> None:
    rows = {r.name: r for r in store.actors()}
    russia = rows["Russia"]
    assert (russia.mentions, russia.claims, russia.documents) == (4, 4, 2)
    assert russia.type == "state" and not russia.provisional
    assert rows["Newgroup Brigade"].provisional
    assert [r.name for r in store.actors(provisional=True)] == ["Newgroup Brigade"]
    assert store.actor("the Kremlin") == russia
    assert store.aliases_seen("Russia") == [("Moscow", 2), ("Russia", 2)]


def test_store_all_aliases_seen_equals_one_by_one(store: Store) -> None:
    every = store.all_aliases_seen()
    assert every["russia"] == [("Moscow", 2), ("Russia", 2)]
    for row in store.actors():
        assert every.get(row.name.lower(), []) == store.aliases_seen(row.name)


def test_store_group_relations(store: Store) -> None:
    groups = group_relations(store.claims(actor="Russia"), "Russia")
    arms = next(g for g in groups if g.relation == "ARMS")
    assert (arms.counterpart, arms.direction, arms.count) == ("Taliban", "out", 2)
    assert arms.certainty == {"reported": 2}
    assert arms.years == ["2017"] and arms.sources == ["U.S. officials"]
    assert arms.documents == ["d1", "d2"]
    assert len(arms.evidence()) == 1  # the same sentence in two documents is shown once
    designates = next(g for g in groups if g.relation == "DESIGNATES_TERRORIST")
    assert designates.negated


def test_store_reopens_read_only(store: Store, db_path: Path) -> None:
    store.close()
    with Store.open(db_path, read_only=True) as reader:
        assert len(reader.documents()) == 2
        with pytest.raises(Exception):  # noqa: B017  (DuckDB's own read-only error)
            reader.add(make_extraction("d3"))


def test_store_read_only_missing_file_is_e009(tmp_path: Path) -> None:
    with pytest.raises(ProxygraphError) as err:
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    assert err.value.code is Code.E009


def test_store_rejects_newer_schema(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(ProxygraphError, match="schema version 99"):
        Store.open(db_path)


HOLD_LOCK = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.close()
"""


def hold_lock(db_path: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db_path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_store_second_writer_fails_with_e010_after_waiting(db_path: Path) -> None:
    Store.open(db_path).close()
    holder = hold_lock(db_path, 10)
    said: list[str] = []
    try:
        began = time.monotonic()
        with pytest.raises(ProxygraphError) as err:
            Store.open(db_path, timeout=0.6, on_wait=said.append)
        assert err.value.code is Code.E010
        assert 0.4 < time.monotonic() - began < 3
        assert len(said) == 1 and "PID" in said[0]
    finally:
        holder.kill()
        holder.wait()


def test_store_waits_for_lock_then_opens(db_path: Path) -> None:
    Store.open(db_path).close()
    holder = hold_lock(db_path, 0.5)
    try:
        with Store.open(db_path, read_only=True, timeout=10) as reader:
            assert reader.documents() == []
    finally:
        holder.wait()


def test_store_kept_spans_are_json(store: Store) -> None:
    kept = store.conn.execute("SELECT kept FROM documents WHERE id = 'd1'").fetchone()[0]
    assert json.loads(kept) == [[0, len(TEXT)]]


def test_store_empty_file_says_no_data_yet(db_path: Path) -> None:
    import duckdb

    duckdb.connect(str(db_path)).close()  # what a build killed before its first commit leaves
    with pytest.raises(ProxygraphError, match="no data yet"):
        Store.open(db_path, read_only=True)
    with Store.open(db_path) as store:  # a writer creates the schema and carries on
        assert store.documents() == []
