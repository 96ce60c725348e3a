"""Ingest: readers, decoding, clutter spans and metadata, on small inputs and the shared corpus."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
from pathlib import Path

import pytest

from proxygraph.errors import Code, ProxygraphError
from proxygraph.ingest import Skipped, kept_spans, read_paths, read_text
from proxygraph.ingest.dates import find_date, parse_date
from proxygraph.ingest.meta import text_metadata
from proxygraph.models import Document
from proxygraph.settings import Settings

SHARED = Path(__file__).parents[1] / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"
NEWS = SHARED / "corpus" / "news"
GOLD = SHARED / "eval" / "dev" / "gold.jsonl"

PROSE = "The ministry said on Tuesday that the shipment had been stopped at the border crossing.\n"


def read_all(*paths: str | Path, settings: Settings | None = None) -> list[Document | Skipped]:
    return list(read_paths(paths, settings))


def only(results: list[Document | Skipped]) -> Document | Skipped:
    assert len(results) == 1, results
    return results[0]


def kept_text(doc: Document) -> list[str]:
    return [doc.text[s:e] for s, e in doc.kept or ()]


def assert_spans_valid(doc: Document) -> None:
    assert doc.kept is not None
    last = 0
    for start, end in doc.kept:
        assert last <= start < end <= len(doc.text)
        assert doc.text[start:end] == doc.text[start:end].strip()
        last = end


def need(folder: Path) -> Path:
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available")
    return folder


# --- readers -------------------------------------------------------------------------


def test_ingest_reads_txt_exactly(tmp_path: Path) -> None:
    text = "A headline for the piece\n\n" + PROSE + "\n  Indented prose line, kept.  \n"
    (tmp_path / "story.v2.txt").write_text(text, "utf-8")
    doc = only(read_all(tmp_path / "story.v2.txt"))
    assert isinstance(doc, Document)
    assert doc.id == "story.v2"
    assert doc.text == text
    assert doc.title == "A headline for the piece"
    assert kept_text(doc) == [
        "A headline for the piece",
        PROSE.strip(),
        "Indented prose line, kept.",
    ]
    assert_spans_valid(doc)


def test_ingest_normalises_crlf_and_strips_bom(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbfFirst line.\r\nSecond line.\rThird.\r\n")
    doc = only(read_all(tmp_path / "a.md"))
    assert isinstance(doc, Document)
    assert doc.text == "First line.\nSecond line.\nThird.\n"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""), ("utf-8", b"")],
)
def test_ingest_decodes_utf16_with_and_without_bom(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    text = "Moscow and Tehran signed the accord — «договор» was the word used.\n"
    (tmp_path / "u.txt").write_bytes(bom + text.encode(encoding))
    doc = only(read_all(tmp_path / "u.txt"))
    assert isinstance(doc, Document)
    assert doc.text == text


def test_ingest_decodes_cp1251(tmp_path: Path) -> None:
    text = (
        "Министерство иностранных дел России заявило во вторник, что переговоры "
        "с делегацией продолжатся в Москве на следующей неделе.\n"
    ) * 3
    (tmp_path / "ru.txt").write_bytes(text.encode("cp1251"))
    doc = only(read_all(tmp_path / "ru.txt"))
    assert isinstance(doc, Document)
    assert doc.text == text


def test_ingest_decodes_latin1(tmp_path: Path) -> None:
    text = "Le ministère a déclaré que la délégation était arrivée à Téhéran hier soir.\n" * 3
    (tmp_path / "fr.txt").write_bytes(text.encode("latin-1"))
    doc = only(read_all(tmp_path / "fr.txt"))
    assert isinstance(doc, Document)
    assert doc.text == text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", Code.E002),
        (b"  \n\n\t ", Code.E002),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 40, Code.E003),
        (bytes(range(256)) * 8, Code.E003),
    ],
)
def test_ingest_skips_bad_files(tmp_path: Path, data: bytes, code: Code) -> None:
    (tmp_path / "bad.txt").write_bytes(data)
    result = only(read_all(tmp_path / "bad.txt"))
    assert isinstance(result, Skipped)
    assert result.code is code
    assert "bad.txt" in result.message and "\n" not in result.message


def test_ingest_skips_over_limits(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(PROSE * 50, "utf-8")
    bytes_limit = only(read_all(tmp_path / "big.txt", settings=Settings(max_file_bytes=100)))
    chars_limit = only(read_all(tmp_path / "big.txt", settings=Settings(max_doc_chars=100)))
    assert isinstance(bytes_limit, Skipped) and bytes_limit.code is Code.E006
    assert isinstance(chars_limit, Skipped) and chars_limit.code is Code.E007
    assert "big.txt" in chars_limit.message


def test_ingest_reports_missing_broken_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "table.csv").write_text("a,b\n", "utf-8")
    results = read_all(tmp_path / "gone.txt", tmp_path / "missing.txt", tmp_path / "table.csv")
    assert [r.code for r in results if isinstance(r, Skipped)] == [Code.E001, Code.E009, Code.E013]
    assert "broken symbolic link" in results[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_ingest_skips_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(PROSE, "utf-8")
    path.chmod(0)
    result = only(read_all(path))
    assert isinstance(result, Skipped) and result.code is Code.E001


def test_ingest_skips_non_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = only(read_all(fifo))
    assert isinstance(result, Skipped) and "not a regular file" in result.message


def test_ingest_walks_folders_sorted_and_quietly(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(PROSE, "utf-8")
    (tmp_path / "a.txt").write_text(PROSE, "utf-8")
    (tmp_path / "c.md").write_text(PROSE, "utf-8")
    (tmp_path / "notes.csv").write_text("x", "utf-8")
    (tmp_path / "README.md").write_text(PROSE, "utf-8")
    (tmp_path / ".hidden.txt").write_text(PROSE, "utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere")
    results = read_all(tmp_path)
    assert [r.id for r in results if isinstance(r, Document)] == ["a", "z", "c"]
    assert [r.path for r in results if isinstance(r, Skipped)] == [str(tmp_path / "broken.txt")]
    assert results == read_all(tmp_path)


def test_ingest_reads_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    rows = [
        json.dumps(
            {
                "id": "w1",
                "text": PROSE,
                "title": "T",
                "url": "https://amp.example.org/x",
                "published": "2024-05-27T10:00:00Z",
                "language": "fr-FR",
                "author": "A B",
            }
        ),
        "",
        json.dumps({"text": PROSE}),
        '{"text": "cut off',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "no-text"}),
        "[" * 100_000 + "]" * 100_000,
    ]
    (tmp_path / "wire.jsonl").write_text("\n".join(rows) + "\n", "utf-8")
    results = read_all(tmp_path / "wire.jsonl")
    docs = [r for r in results if isinstance(r, Document)]
    skips = [r for r in results if isinstance(r, Skipped)]
    assert [d.id for d in docs] == ["w1", "wire-3"]
    first = docs[0]
    assert (first.title, first.author, first.published) == ("T", "A B", "2024-05-27")
    assert (first.publisher, first.language) == ("example.org", "fr")
    assert [(s.code, s.line) for s in skips] == [(Code.E005, n) for n in (4, 5, 6, 7)]
    assert all(f"wire.jsonl:{s.line}" in s.message for s in skips)


def test_ingest_reads_gzipped_jsonl_and_reports_corruption(tmp_path: Path) -> None:
    data = (json.dumps({"id": "g", "text": PROSE}) + "\n").encode()
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(data))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(data * 50)[:60])
    results = read_all(tmp_path)
    assert isinstance(results[0], Document) and results[0].id == "g"
    assert isinstance(results[-1], Skipped) and "b.jsonl.gz" in results[-1].message


def test_ingest_jsonl_record_limit_is_per_record(tmp_path: Path) -> None:
    big = json.dumps({"text": "word " * 1000})
    small = json.dumps({"text": PROSE})
    (tmp_path / "r.jsonl").write_text(f"{big}\n{small}\n", "utf-8")
    results = read_all(tmp_path / "r.jsonl", settings=Settings(max_file_bytes=500))
    assert isinstance(results[0], Skipped) and results[0].line == 1
    assert isinstance(results[1], Document) and results[1].id == "r-2"


def test_ingest_reads_html_main_text_and_metadata(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{PROSE.strip()} Paragraph {i} adds detail.</p>" for i in range(4))
    html = (
        '<html lang="de-DE"><head><title>Seized shipment - Example News</title>'
        '<meta name="author" content="Jane Roe">'
        '<meta property="article:published_time" content="2024-02-24T08:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
        f"<article><h1>Seized shipment</h1>{paragraphs}</article>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(html, "utf-8")
    doc = only(read_all(tmp_path / "page.html"))
    assert isinstance(doc, Document)
    assert "Paragraph 3 adds detail." in doc.text and "Home" not in doc.text
    # The page says German, its prose is English: the detected language of the prose wins.
    assert (doc.author, doc.published, doc.language) == ("Jane Roe", "2024-02-24", "en")
    assert doc.title and "Seized shipment" in doc.title
    assert_spans_valid(doc)


def test_ingest_html_without_text_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.htm").write_text("<html><body><script>x=1</script></body></html>", "utf-8")
    result = only(read_all(tmp_path / "empty.htm"))
    assert isinstance(result, Skipped) and result.code is Code.E020


def test_ingest_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(PROSE.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    doc = only(read_all("-"))
    assert isinstance(doc, Document) and doc.id == "stdin" and doc.text == PROSE


def test_ingest_read_text_builds_document() -> None:
    doc = read_text(
        "By Jane Roe on 3 March 2021\n\n" + PROSE, "upload-1", url="https://www.x.com/a"
    )
    assert (doc.id, doc.author, doc.published, doc.publisher) == (
        "upload-1",
        "Jane Roe",
        "2021-03-03",
        "x.com",
    )
    assert kept_text(doc) == [PROSE.strip()]
    with pytest.raises(ProxygraphError, match="E007"):
        read_text("x" * 20, "long", settings=Settings(max_doc_chars=10))
    with pytest.raises(TypeError):
        read_text(PROSE, "d", colour="red")


def test_ingest_read_text_replaces_lone_surrogates_keeping_length() -> None:
    doc = read_text("Alpha \ud800 beta.", "s")
    assert len(doc.text) == len("Alpha \ud800 beta.") and doc.content_hash


# --- clutter -------------------------------------------------------------------------


def test_ingest_clutter_drops_generic_page_furniture() -> None:
    lines = [
        "• USD 91.20",
        "  • BRENT 80.1",
        "Read Mode",
        "Share this article",
        "The envoy met the delegation in the capital on Monday, officials said.",
        "The envoy arrives at the airport (left) with aides",
        "A caption shown under the photo",
        "A caption shown under the photo",
        "Jane Photographer / AFP",
        "The talks ended without agreement, according to both sides.",
        "Your browser is outdated and not supported, please update it.",
        "Sign up for our daily newsletter",
    ]
    text = "\n\n".join(lines)
    kept = [text[s:e] for s, e in kept_spans(text)]
    assert kept == [lines[4], lines[6], lines[9]]


def test_ingest_clutter_cuts_comment_tail_only_late() -> None:
    prose = [f"Paragraph {i} says the talks continued for a long while." for i in range(6)]
    early = "\n\n".join(["Related articles", *prose, "2 comments on this story", "Nice one."])
    kept = [early[s:e] for s, e in kept_spans(early)]
    assert kept == prose


def test_ingest_clutter_drops_menu_runs_but_keeps_headline_and_headings() -> None:
    text = "\n".join(
        [
            "Short headline here",
            "",
            "Contents:",
            "Overview",
            "History",
            "Funding",
            "",
            "Overview",
            "",
            PROSE.strip(),
            "",
            "Funding",
            "",
            PROSE.strip(),
        ]
    )
    kept = [text[s:e] for s, e in kept_spans(text)]
    assert kept == ["Short headline here", "Overview", PROSE.strip(), "Funding", PROSE.strip()]


def test_ingest_clutter_keeps_metadata_label_out_of_span() -> None:
    text = "date 2024-05-27 The minister said the list would change.\nThe next line goes on."
    doc = read_text(text, "d")
    assert kept_text(doc) == [
        "The minister said the list would change.",
        "The next line goes on.",
    ]
    assert doc.published == "2024-05-27"


def test_ingest_clutter_joins_hard_wrapped_lines_only() -> None:
    text = "A headline without a stop\nThe talks went on for hours and\nended late, aides said.\n"
    assert [text[s:e] for s, e in kept_spans(text)] == [
        "A headline without a stop",
        "The talks went on for hours and\nended late, aides said.",
    ]


# --- metadata ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("June, 2017", "2017-06"),
        ("April 24, 2017", "2017-04-24"),
        ("2024-02-24", "2024-02-24"),
        ("23.12.2015", "2015-12-23"),
        ("25 April 2017", "2017-04-25"),
        ("5 мая 2022", "2022-05-05"),
        ("31.02.2020", None),
        ("2017-13-01", None),
        ("in 1066", None),
        ("12/05/2020", None),
    ],
)
def test_ingest_dates_parse_conservatively(text: str, iso: str | None) -> None:
    found = find_date(text)
    assert (found.iso if found else None) == iso


def test_ingest_parse_date_fields() -> None:
    assert parse_date("2017-04-25T12:00:00+00:00") == "2017-04-25"
    assert parse_date("2017") == "2017"
    assert parse_date("yesterday") is None and parse_date(True) is None


def test_ingest_metadata_byline_and_headline() -> None:
    meta = text_metadata(
        "A Long Headline About Talks\n\nBy Jane Roe (@jroe) on 25 April 2017\n\n" + PROSE
    )
    assert (meta.title, meta.author, meta.published) == (
        "A Long Headline About Talks",
        "Jane Roe",
        "2017-04-25",
    )
    assert text_metadata(PROSE + "\nIn June 2016 the minister spoke.\n").published is None


# --- shared corpus -------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_docs() -> dict[str, Document]:
    need(SEEDS)
    need(NEWS)
    return {d.id: d for d in read_paths([SEEDS, NEWS]) if isinstance(d, Document)}


def test_ingest_corpus_reads_every_article(corpus_docs: dict[str, Document]) -> None:
    files = sorted(p for p in [*SEEDS.glob("*.txt"), *NEWS.glob("*.txt")])
    assert len(corpus_docs) == len(files)
    for path in files:
        doc = corpus_docs[path.stem]
        assert doc.text == path.read_text("utf-8")
        assert_spans_valid(doc)


def test_ingest_corpus_kept_spans_hold_no_clutter(corpus_docs: dict[str, Document]) -> None:
    clutter = re.compile(
        r"subscribe|free article|paywall|thoughts on|leave a reply|pingback|браузер|"
        r"chrome firefox|anti-spam|share this|read mode|font size|^\W*(USD|OIL)\s?\d",
        re.IGNORECASE | re.MULTILINE,
    )
    for doc in corpus_docs.values():
        for piece in kept_text(doc):
            assert not clutter.search(piece), (doc.id, piece[:80])


def test_ingest_corpus_drops_doubled_captions(corpus_docs: dict[str, Document]) -> None:
    for doc in corpus_docs.values():
        lines = [ln for piece in kept_text(doc) for ln in piece.split("\n") if ln.strip()]
        assert all(a != b for a, b in zip(lines, lines[1:], strict=False)), doc.id


def test_ingest_corpus_keeps_gold_quotes(corpus_docs: dict[str, Document]) -> None:
    """Every gold evidence sentence lies inside one kept span (a leading label aside)."""
    if not GOLD.is_file():
        pytest.skip("gold claims not available")
    checked = 0
    for row in map(json.loads, GOLD.read_text("utf-8").splitlines()):
        doc = corpus_docs.get(row["doc"])
        quote = re.sub(r"^date \d{4}-\d\d-\d\d ", "", row["quote"])  # a label, not prose
        at = doc.text.find(quote) if doc else -1
        if at < 0:
            continue
        end = at + len(quote)
        assert any(s <= at and end <= e for s, e in doc.kept or ()), (row["doc"], quote[:80])
        checked += 1
    assert checked > 100


def test_ingest_corpus_metadata(corpus_docs: dict[str, Document]) -> None:
    seed0 = next(d for k, d in corpus_docs.items() if k.startswith("000_"))
    assert (seed0.author, seed0.published) == ("Kyle Orton", "2017-04-25")
    assert seed0.title == "Russia and Iran Use Terrorism Against Western Interests"
    seed4 = next(d for k, d in corpus_docs.items() if k.startswith("004_"))
    assert seed4.published == "2017-06"
    for doc in corpus_docs.values():
        if doc.path and Path(doc.path).parent.name == "news":
            assert doc.url and doc.publisher and "www." not in doc.publisher
            assert doc.language == "en"
    shafaq = next(d for k, d in corpus_docs.items() if "shafaq" in k)
    assert (shafaq.publisher, shafaq.published) == ("shafaq.com", "2025-04-17")
