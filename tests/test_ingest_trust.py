"""Inputs that used to crash a whole build or vanish without a word (issue 16).

Each row puts one hostile input beside a good article and runs the real ``proxygraph build``
into a real DuckDB file: the good article must be stored, the hostile input reported with
its code (or stored under a printable id), the run must end with exit status 3 (some
input skipped) or 0, and no traceback may reach the user.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proxygraph.cli import app
from proxygraph.store import Store

GOOD = "Good words of an ordinary article, nothing more."
# Hex digests compress poorly, so that a cut at 90% leaves many whole records before it.
RECORDS = b"".join(
    b'{"text": "Record %d, words %s."}\n' % (i, hashlib.sha256(b"%d" % i).hexdigest().encode())
    for i in range(1000)
)


def zst(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


def corrupt_parquet(path: Path) -> None:
    """Valid footer, pages flipped: pyarrow opens it and fails while reading rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [f"Row {i} of a table, with words enough to fill a page." for i in range(2000)]
    pq.write_table(pa.table({"text": texts}), path, compression="none")
    data = bytearray(path.read_bytes())
    for i in range(200, 20_000, 7):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def deep_html(path: Path) -> None:
    body = "".join(f"<div><p>Paragraph {i} of a long page.</p>" for i in range(50_000))
    path.write_text(f"<html><body>{body}</body></html>", "utf-8")


@dataclass
class Case:
    name: str  # file name of the hostile input
    make: Callable[[Path], None]
    code: str | None  # its code on stderr; None: stored, not skipped
    stored: int = 2  # documents stored in all (the good one included)
    says: str = ""  # words the message must hold


CASES = {
    "lone surrogate in a JSON Lines id": Case(
        "s.jsonl",
        lambda p: p.write_bytes(b'{"id": "a\\udc80", "text": "Words of a record."}\n'),
        None,
    ),
    "file name not UTF-8": Case("x.txt", lambda p: None, None),  # made below, by bytes
    "random bytes named .jsonl.zst": Case(
        "r.jsonl.zst", lambda p: p.write_bytes(os.urandom(4096)), "E004", 1, "Zstandard"
    ),
    "truncated .jsonl.zst": Case(
        "t.jsonl.zst",
        lambda p: p.write_bytes((z := zst(RECORDS))[: len(z) * 9 // 10]),
        "E004",
        1,  # one zstd block (128 KB) cut short: nothing in it can be decoded, but it is said
        "truncated",
    ),
    "truncated .jsonl.gz": Case(
        "t.jsonl.gz",
        lambda p: p.write_bytes((z := gzip.compress(RECORDS))[: len(z) * 9 // 10]),
        "E004",
        0,
        "truncated",
    ),
    "Parquet with corrupt pages": Case("c.parquet", corrupt_parquet, "E004", 1, "corrupt"),
    "a PDF in a folder": Case("paper.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n"), "E013", 1),
    "HTML nested too deep for the parser": Case("deep.html", deep_html, "E032", 1),
}


def run_build(folder: Path, db: Path):
    return CliRunner().invoke(app, ["build", str(folder), "--db", str(db)])


@pytest.mark.parametrize("name", list(CASES))
def test_ingest_hostile_input_beside_a_good_one(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    folder, db = tmp_path / "in", tmp_path / "db.duckdb"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, "utf-8")
    if name == "file name not UTF-8":
        with open(os.fsencode(folder) + b"/caf\xe9.txt", "w", encoding="utf-8") as f:
            f.write("Words of a file whose name is Latin-1.")
    else:
        case.make(folder / case.name)
    result = run_build(folder, db)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    with Store.open(db, read_only=True) as store:
        docs = store.documents()
    assert GOOD in [d.text for d in docs]
    if case.code is None:
        assert result.exit_code == 0, result.output
        assert len(docs) == case.stored
        for doc in docs:  # printable ids and paths
            doc.id.encode("utf-8")
            (doc.path or "").encode("utf-8")
    else:
        assert result.exit_code == 3, result.output
        lines = [ln for ln in result.output.splitlines() if ln.startswith(case.code)]
        assert len(lines) == 1 and case.name in lines[0] and case.says in lines[0], result.output
        if case.stored:
            assert len(docs) == case.stored
        else:  # a truncated stream: the records before the cut are kept
            assert len(docs) > 100


def test_ingest_unreadable_folder_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sub-folder that cannot be listed (permissions; root ignores them, so the operating
    system's refusal is imitated) is reported, the rest is read."""
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.txt").write_text(GOOD, "utf-8")
    (folder / "good.txt").write_text(GOOD + " Another.", "utf-8")
    real = os.scandir

    def scandir(path: object):  # noqa: ANN202
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run_build(folder, tmp_path / "db.duckdb")
    assert result.exit_code == 3, result.output
    assert "E001" in result.output and "locked" in result.output
    assert "Permission denied" in result.output
