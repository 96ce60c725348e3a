"""Property tests over every reader: no crash, no hang, one Skipped per bad input naming the
file (and line for JSON Lines), and every kept span valid. Long runs: ``pytest -m slow``."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proxygraph.ingest import Skipped, kept_spans, read_paths, read_text
from proxygraph.models import Document
from proxygraph.settings import Settings

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
# A generous bound on one small input: a hang shows up as a failure, not a stuck run.
SECONDS_PER_INPUT = 10.0

EXTENSIONS = [".txt", ".md", ".html", ".htm", ".jsonl", ".jsonl.gz"]

# Text that stresses decoders and line rules: RTL, combining marks, zero-width, controls.
TRICKY = st.sampled_from(
    [
        "\u200f",
        "\u202e",
        "\u0301",
        "\u200b",
        "\ufeff",
        "\u2028",
        "\x85",
        "\r",
        "\r\n",
        "\t",
        "שלום",
        "مرحبا",
        "Привет",
        "• ",
        "Subscribe",
        "(left)",
        "By Jane",
        "2017-04-25",
        "\x00",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=40), TRICKY), max_size=30).map("".join)
JUNK = st.binary(max_size=3000)


def encodings(text: str) -> st.SearchStrategy[bytes]:
    forms = [
        text.encode("utf-8", "surrogatepass"),
        text.encode("utf-16", "surrogatepass"),
        text.encode("utf-16-le", "surrogatepass"),
        b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass"),
    ]
    with contextlib.suppress(UnicodeEncodeError):
        forms.append(text.encode("cp1251"))
    return st.sampled_from(forms)


ENCODED = TEXT.flatmap(encodings)
LONE_SURROGATES = st.lists(
    st.sampled_from([b"\xed\xa0\x80", b"\xed\xbf\xbf", b"ok ", b"\n"]), max_size=20
).map(b"".join)
HTML = st.one_of(
    st.integers(1, 3000).map(lambda n: "<div>" * n + "Deep text here." + "</div>" * n),
    st.integers(1, 3000).map(lambda n: "<p><b><i>" * n + "unclosed tags"),
    TEXT.map(lambda t: f"<html><body><article><p>{t}</p></article></body></html>"),
    st.just("<html><head><title>only a title</title></head></html>"),
    st.just("<!-- comment --><<<>>></p></div>"),
).map(lambda s: s.encode("utf-8", "surrogatepass"))
JSONL = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {"text": TEXT},
            optional={
                "id": st.one_of(st.text(max_size=10), st.integers(), st.booleans(), st.none()),
                "title": st.one_of(st.text(max_size=20), st.integers()),
                "published": st.one_of(st.text(max_size=12), st.integers(), st.just("2017-02-30")),
                "url": st.one_of(st.text(max_size=20), st.just("http://[::1")),
                "language": st.one_of(st.text(max_size=6), st.none()),
            },
        ).map(lambda d: json.dumps(d)),
        st.text(max_size=50),
        st.just('{"text": "truncated'),
        st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
    ),
    max_size=8,
).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass"))


def check_results(results: list[Document | Skipped], name: str) -> None:
    """The invariants every reader keeps."""
    for r in results:
        if isinstance(r, Skipped):
            assert name in r.message and "\n" not in r.message and r.message[:1] == "E"
            if r.message.startswith("E005"):
                assert r.line is not None and f":{r.line}:" in r.message
            continue
        assert isinstance(r, Document) and r.id and r.text.strip()
        assert r.content_hash  # the text encodes as UTF-8: no lone surrogates left
        check_spans(r.text, r.kept or ())


def check_spans(text: str, spans: tuple[tuple[int, int], ...]) -> None:
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text), (start, end, len(text))
        piece = text[start:end]
        assert piece == piece.strip() and piece
        last = end


def read_file(data: bytes, ext: str, write: Callable[[Path, bytes], None] | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{ext}"
        (write or Path.write_bytes)(path, data)
        began = time.monotonic()
        results = list(read_paths([path], Settings()))
        assert time.monotonic() - began < SECONDS_PER_INPUT
        check_results(results, path.name)
        if not ext.startswith(".jsonl"):
            assert len(results) == 1  # one Document or one Skipped per file


def write_gz(path: Path, data: bytes) -> None:
    path.write_bytes(gzip.compress(data))


def fuzz_bytes(data: bytes, ext: str) -> None:
    read_file(data, ext, write_gz if ext.endswith(".gz") else None)


# --- default run (fast) --------------------------------------------------------------


@FAST
@given(data=st.one_of(JUNK, ENCODED, LONE_SURROGATES), ext=st.sampled_from(EXTENSIONS))
def test_ingest_fuzz_any_bytes_any_reader(data: bytes, ext: str) -> None:
    fuzz_bytes(data, ext)


@FAST
@given(text=TEXT)
def test_ingest_fuzz_utf8_text_read_exactly(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.txt"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        (result,) = read_paths([path])
        check_results([result], "t.txt")
        plain = not any(c == "\r" or "\ud800" <= c <= "\udfff" for c in text)
        if isinstance(result, Document) and plain and not text.startswith("\ufeff"):
            assert result.text == text


@FAST
@given(data=HTML)
def test_ingest_fuzz_html(data: bytes) -> None:
    read_file(data, ".html")


@FAST
@given(data=JSONL, gz=st.booleans())
def test_ingest_fuzz_jsonl(data: bytes, gz: bool) -> None:
    read_file(data, ".jsonl.gz" if gz else ".jsonl", write_gz if gz else None)


@FAST
@given(text=TEXT)
def test_ingest_fuzz_kept_spans_and_read_text(text: str) -> None:
    check_spans(text, kept_spans(text))
    if text.strip():
        check_results([read_text(text, "d")], "d")


def test_ingest_fuzz_very_long_lines_do_not_hang() -> None:
    line = ("word " * 60_000).strip()
    for data, ext in [
        (line.encode(), ".txt"),
        ((line + "\n").encode() * 3, ".md"),
        (json.dumps({"text": line}).encode(), ".jsonl"),
        (f"<p>{line}</p>".encode(), ".html"),
        (b"x" * 300_000, ".txt"),
    ]:
        read_file(data, ext)


def test_ingest_fuzz_truncated_gzip_and_empty_files() -> None:
    whole = gzip.compress(b'{"text": "a full record of text"}\n' * 200)
    for cut in (0, 5, 20, len(whole) // 2):
        read_file(whole[:cut], ".jsonl.gz")
    for ext in EXTENSIONS:
        read_file(b"", ext)


def test_ingest_fuzz_broken_symlinks_and_unreadable_files() -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        for ext in EXTENSIONS:
            (base / f"broken{ext}").symlink_to(base / "nowhere")
        mem = Path("/proc/self/mem")  # stat says file, read fails (works even as root)
        if mem.exists():
            (base / "mem.txt").symlink_to(mem)
        results = list(read_paths([base]))
        assert all(isinstance(r, Skipped) for r in results)
        assert len(results) == len(EXTENSIONS) + mem.exists()
        check_results(results, "")
        for r in results:
            assert Path(r.path).name in r.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_ingest_fuzz_chmod_000() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for ext in EXTENSIONS:
            path = Path(folder) / f"locked{ext}"
            path.write_bytes(b"text")
            path.chmod(0)
        results = list(read_paths([folder]))
        assert len(results) == len(EXTENSIONS) and all(isinstance(r, Skipped) for r in results)


# --- long runs: pytest -m slow -------------------------------------------------------


@pytest.mark.slow
@SLOW
@given(data=st.one_of(JUNK, ENCODED, LONE_SURROGATES, HTML, JSONL), ext=st.sampled_from(EXTENSIONS))
def test_ingest_fuzz_soak_any_bytes(data: bytes, ext: str) -> None:
    fuzz_bytes(data, ext)


@pytest.mark.slow
@SLOW
@given(text=TEXT)
def test_ingest_fuzz_soak_kept_spans(text: str) -> None:
    check_spans(text, kept_spans(text))
