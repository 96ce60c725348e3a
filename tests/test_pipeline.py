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
    report = proxygraph.build([tmp_path, tmp_path / "missing.txt"], db=db_path,
                              progress=False, on_message=seen.append)
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
