"""Document ids are unique in the store: no document silently replaces another (issue 16).

One table, one row per layout that used to lose documents, for every reader (text, HTML,
JSON Lines, Parquet, standard input). Each row is built twice with real ``build`` into a
real DuckDB file: every distinct text must be stored, every collision reported (E030), a
repeat counted once (E031), and the second build must change nothing (no flip-flopping).
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import proxygraph
from proxygraph.store import Store

# Texts without actors: extraction is quick and the test is about ids only.
A, B, C = (f"Plain words of article {n}, nothing more to say here." for n in "ABC")


def page(text: str) -> str:
    return (
        "<html><head><title>t</title></head><body><article>"
        f"<p>{text}</p><p>{text} Second paragraph.</p></article></body></html>"
    )


def jsonl(*records: tuple[str, str]) -> str:
    return "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in records)


def parquet(path: Path, *records: tuple[str, str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": [r[0] for r in records], "text": [r[1] for r in records]}), path)


@dataclass
class Layout:
    files: dict[str, str | Callable[[Path], None]]
    args: tuple[str, ...]  # paths given to build, relative to the folder ("." for it)
    stored: int  # distinct documents the store must hold
    renamed: int  # E030 reports
    twice: int = 0  # E031 reports


LAYOUTS = {
    "same name, two folders (txt)": Layout(
        {"a/x.txt": A, "b/x.txt": B}, (".",), stored=2, renamed=1
    ),
    "index.html in story folders": Layout(
        {"story1/index.html": page(A), "story2/index.html": page(B), "story3/index.html": page(C)},
        (".",),
        stored=3,
        renamed=2,
    ),
    "x.txt beside x.html": Layout({"x.txt": A, "x.html": page(B)}, (".",), stored=2, renamed=1),
    "duplicate ids in one JSON Lines file": Layout(
        {"r.jsonl": jsonl(("d", A), ("d", B), ("d", C))}, (".",), stored=3, renamed=2
    ),
    "duplicate ids across JSON Lines files": Layout(
        {"r1.jsonl": jsonl(("d", A)), "r2.jsonl": jsonl(("d", B))}, (".",), stored=2, renamed=1
    ),
    "a JSON Lines id equal to a file's stem": Layout(
        {"r.jsonl": jsonl(("x", A)), "x.txt": B}, (".",), stored=2, renamed=1
    ),
    "duplicate ids in one Parquet file": Layout(
        {"p.parquet": lambda p: parquet(p, ("d", A), ("d", B))}, (".",), stored=2, renamed=1
    ),
    "a Parquet id equal to a file's stem": Layout(
        {"p.parquet": lambda p: parquet(p, ("x", A)), "x.txt": B}, (".",), stored=2, renamed=1
    ),
    "one file given twice": Layout({"x.txt": A}, ("x.txt", "x.txt"), stored=1, renamed=0, twice=1),
    "a folder and a file in it": Layout(
        {"x.txt": A, "y.txt": B}, (".", "x.txt"), stored=2, renamed=0, twice=1
    ),
    "the same record twice": Layout(
        {"r.jsonl": jsonl(("d", A), ("d", A))}, (".",), stored=1, renamed=0, twice=1
    ),
}


def lay_out(folder: Path, files: dict[str, str | Callable[[Path], None]]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(path)
        else:
            path.write_text(content, "utf-8")


def stored_texts(db: Path) -> list[str]:
    with Store.open(db, read_only=True) as store:
        return sorted(d.text for d in store.documents())


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_ids_every_document_is_stored_once(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout = LAYOUTS[name]
    folder, db = tmp_path / "in", tmp_path / "db.duckdb"
    folder.mkdir()
    lay_out(folder, layout.files)
    monkeypatch.chdir(folder)
    seen: list[str] = []
    first = proxygraph.build(list(layout.args), db=db, progress=False, on_message=seen.append)
    texts = stored_texts(db)
    assert len(texts) == layout.stored, texts
    assert len(set(texts)) == layout.stored  # distinct texts, none lost to another
    assert first.added == layout.stored and not first.skipped
    assert sum(m.startswith("E030") for m in seen) == layout.renamed == first.renamed, seen
    assert sum(m.startswith("E031") for m in seen) == layout.twice == first.duplicates, seen
    again = proxygraph.build(list(layout.args), db=db, progress=False)
    assert (again.added, again.unchanged) == (0, layout.stored)
    assert stored_texts(db) == texts


def test_ids_unique_stems_keep_their_ids(tmp_path: Path) -> None:
    """Ordinary corpora keep file-stem ids (the eval and incremental builds key on them)."""
    lay_out(tmp_path, {"a/one.txt": A, "b/two.txt": B, "three.html": page(C)})
    seen: list[str] = []
    docs = {c.doc for c in proxygraph.extract([tmp_path], on_warning=seen.append)}
    db = tmp_path / "db.duckdb"
    proxygraph.build([tmp_path], db=db, progress=False, on_message=seen.append)
    with Store.open(db, read_only=True) as store:
        assert sorted(d.id for d in store.documents()) == ["one", "three", "two"]
    assert not [m for m in seen if m.startswith(("E030", "E031"))]
    assert docs <= {"one", "two", "three"}


def test_ids_a_colliding_file_is_updated_in_place_when_edited(tmp_path: Path) -> None:
    """The renamed id hangs on the file's path, so editing it replaces its old version."""
    lay_out(tmp_path, {"a/x.txt": A, "b/x.txt": B})
    db = tmp_path / "db.duckdb"
    proxygraph.build([tmp_path], db=db, progress=False)
    (tmp_path / "b" / "x.txt").write_text(C, "utf-8")
    report = proxygraph.build([tmp_path], db=db, progress=False)
    assert (report.added, report.unchanged) == (1, 1)
    assert stored_texts(db) == sorted([A, C])


def test_ids_a_later_build_of_another_file_keeps_the_first(tmp_path: Path) -> None:
    """A file of another folder built later does not replace the stored one of that name."""
    lay_out(tmp_path, {"a/x.txt": A, "b/x.txt": B})
    db = tmp_path / "db.duckdb"
    proxygraph.build([tmp_path / "a"], db=db, progress=False)
    seen: list[str] = []
    report = proxygraph.build([tmp_path / "b"], db=db, progress=False, on_message=seen.append)
    assert report.added == 1 and report.renamed == 1
    assert stored_texts(db) == sorted([A, B])
    assert any(m.startswith("E030") and "b/x.txt" in m for m in seen)


@pytest.mark.parametrize("second", [B, jsonl(("stdin", B))])
def test_ids_two_builds_from_stdin_keep_both(
    second: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "db.duckdb"
    for text in (A, second):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        proxygraph.build(["-"], db=db, progress=False)
    assert stored_texts(db) == sorted([A, B])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(A.encode())))
    report = proxygraph.build(["-"], db=db, progress=False)
    assert (report.added, report.unchanged) == (0, 1)  # the same text again: already there
