"""build() and extract() end to end on the project's sample articles (real ingest + extraction)."""

from __future__ import annotations

from pathlib import Path

import pytest

import proxygraph
from proxygraph.store import Store
from support import SAMPLE, make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"), 6)


def test_pipeline_build_is_incremental(corpus: Path, db_path: Path) -> None:
    first = proxygraph.build([corpus], db=db_path, progress=False)
    assert (first.added, first.unchanged, first.skipped) == (6, 0, [])
    assert first.claims > 0
    again = proxygraph.build([corpus], db=db_path, progress=False)
    assert (again.added, again.unchanged, again.claims) == (0, 6, 0)
    changed = sorted(corpus.glob("*.txt"))[0]
    with Store.open(db_path, read_only=True) as store:
        before = len(store.claims(doc=changed.stem))
    changed.write_text(changed.read_text("utf-8") + "Iran funds Hezbollah.\n", "utf-8")
    third = proxygraph.build([corpus], db=db_path, progress=False)
    assert (third.added, third.unchanged) == (1, 5)
    with Store.open(db_path, read_only=True) as store:
        assert len(store.documents()) == 6
        assert store.counts().claims == first.claims - before + third.claims


def test_pipeline_build_reports_skipped(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", "utf-8")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    seen: list[str] = []
    report = proxygraph.build(
        [tmp_path, tmp_path / "missing.txt"], db=db_path, progress=False, on_message=seen.append
    )
    assert report.added == 0 and len(report.skipped) == 3
    assert any("empty.txt" in m for m in report.skipped)
    assert any("missing.txt" in m for m in report.skipped)
    assert seen == report.skipped


def test_pipeline_extract_matches_build(db_path: Path) -> None:
    streamed = sorted(c.id for c in proxygraph.extract([SAMPLE]))
    proxygraph.build([SAMPLE], db=db_path, progress=False)
    with Store.open(db_path, read_only=True) as store:
        stored = sorted(c.id for c in store.claims())
    assert streamed and streamed == stored


def test_pipeline_catalog_override_is_applied_to_stored_claims(tmp_path: Path) -> None:
    """A user's catalog file that names a new group makes the next build re-read stored
    documents, so their claims now include it."""
    from proxygraph import Store, build

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Iran has armed the NVLF fighters since 2019.\n", "utf-8")
    db = tmp_path / "o.duckdb"
    build([folder], db=db, progress=False, workers=1)
    with Store.open(db, read_only=True) as store:
        assert not store.claims(relation="ARMS")
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "- {name: Northern Valley Liberation Front, type: armed_group, aliases: [NVLF]}\n",
        "utf-8",
    )
    report = build([folder], db=db, catalog=extra, progress=False, workers=1)
    assert report.unchanged == 0
    with Store.open(db, read_only=True) as store:
        objects = {c.object for c in store.claims(relation="ARMS")}
    assert "Northern Valley Liberation Front" in objects
