"""Briefings in Markdown, HTML and PDF from a hand-built store; the PDF rendered to PNG."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from proxygraph.cli import app
from proxygraph.graph import claim_set
from proxygraph.report import actor_report, corpus_report, md_escape, render, write_report
from proxygraph.report.charts import stance_matrix
from proxygraph.store import Store
from test_export_fixtures import publish_db  # noqa: F401

MARKUP_QUOTE = "Russian jets bombed <b>Islamic State</b> positions & depots."


@pytest.fixture(scope="module")
def cs(publish_db):  # noqa: F811
    with Store.open(publish_db, read_only=True) as store:
        return claim_set(store.claims(), store.documents())


@pytest.fixture(scope="module")
def russia(cs):
    return actor_report(cs, "Russia")


def test_report_actor_groups_counterparts_by_stance(russia):
    names = {label: [p.name for p in parts] for label, parts in russia.groups.items()}
    assert names["allies"][:1] == ["Iran"]
    assert names["adversaries"] == ["Islamic State"]
    assert "Taliban" in names["allies"] + names["mixed"] + names["linked"]


def test_report_actor_section_says_what_who_when_how_sure(russia):
    taliban = next(p for p in russia.counterparts if p.name == "Taliban")
    arms = next(r for r in taliban.relations if r.relation == "ARMS")
    assert arms.years == "2016-2018"  # from the 2016 claim to the 2018 denial
    assert "1 reported" in arms.certainty and "1 denied" in arms.certainty
    assert "U.S. officials" in arms.sources and "Russian ministry" in arms.sources
    assert [q.text for q in arms.counter] == ["Moscow denies arming the Taliban."]
    assert [d.kind for d in taliban.disputes] == ["denied"]


def test_report_citations_number_documents_in_reading_order(russia):
    numbers = [c.number for c in russia.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    cited = {
        q.cite for p in russia.counterparts for r in p.relations for q in r.evidence + r.counter
    }
    assert cited == set(numbers)
    by_doc = {c.doc: c for c in russia.citations}
    assert (by_doc["a1"].title, by_doc["a1"].publisher) == ("Arms to the north", "Paper A")
    assert by_doc["a1"].url == "https://a.example/arms"


def test_report_markdown_escapes_and_cites(russia, tmp_path):
    path = write_report(russia, tmp_path / "russia.md", db="x.duckdb")
    text = path.read_text("utf-8")
    assert "# Briefing: Russia" in text and "## Sources" in text
    assert "<b>" not in text
    assert "&lt;b\\>Islamic State&lt;/b\\>" in text
    assert re.search(r"\[\d+\]", text)
    for name in ("heatmap", "timeline", "relations"):
        assert f"(russia.{name}.png)" in text
        assert (tmp_path / f"russia.{name}.png").read_bytes()[:4] == b"\x89PNG"


def test_report_md_escape_neutralises_markdown():
    assert md_escape("a*b_[c](d) <x>") == "a\\*b\\_\\[c\\]\\(d\\) &lt;x\\>"


def test_report_html_escapes_article_text_and_unsafe_urls(russia):
    html = render(russia, "html")
    assert "<b>Islamic State</b>" not in html
    assert "&lt;b&gt;Islamic State&lt;/b&gt; positions &amp; depots." in html
    assert 'href="javascript:' not in html and "javascript:alert(1)" in html
    assert html.count("data:image/png;base64,") == 3


def test_report_pdf_renders_pages(russia, tmp_path):
    pdf = write_report(russia, tmp_path / "russia.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed: `make report-deps`")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True, timeout=120
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    assert all(p.read_bytes()[:4] == b"\x89PNG" and p.stat().st_size > 2000 for p in pages)


def test_report_corpus_lists_blocs_ties_and_contradictions(cs, tmp_path):
    briefing = corpus_report(cs, top=5)
    assert briefing.claims == len(cs.claims)
    assert [c["actor"] for c in briefing.connected][0] == "Russia"
    assert any({p.a, p.b} == {"Iran", "Russia"} for p in briefing.alliances)
    assert any({p.a, p.b} == {"Islamic State", "Russia"} for p in briefing.hostilities)
    assert any(d.claim == "Russia ARMS Taliban" for d in briefing.disputes)
    html = write_report(briefing, tmp_path / "corpus.html").read_text("utf-8")
    assert "Corpus briefing" in html and "Contradictions" in html


def test_report_stance_matrix_is_symmetric_with_gaps(cs):
    actors = ["Russia", "Iran", "Islamic State", "Hezbollah"]
    matrix = stance_matrix(cs, actors)
    assert matrix[0, 1] == matrix[1, 0] > 0 and matrix[0, 2] < 0
    assert np.isnan(matrix[2, 3])


def test_report_cli_writes_html_by_any_alias(publish_db, tmp_path):  # noqa: F811
    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        app, ["report", "Moscow", "-o", str(out), "--db", str(publish_db), "--no-charts"]
    )
    assert result.exit_code == 0, result.output
    assert "Briefing: Russia" in out.read_text("utf-8")


@pytest.mark.parametrize(
    "args, message",
    [
        (["Nowhere Land", "-o", "x.html"], "E012"),
        (["-o", "x.html"], "ACTOR or --corpus"),
        (["Russia", "-o", "x.docx"], ".md, .html or .pdf"),
    ],
)
def test_report_cli_rejects_bad_requests(publish_db, tmp_path, args, message):  # noqa: F811
    args = [a if a != "x.html" and a != "x.docx" else str(tmp_path / a) for a in args]
    result = CliRunner().invoke(app, ["report", *args, "--db", str(publish_db)])
    assert result.exit_code != 0 and message in result.output


def test_report_cli_corpus_markdown(publish_db, tmp_path):  # noqa: F811
    out = tmp_path / "c.md"
    result = CliRunner().invoke(
        app, ["report", "--corpus", "-o", str(out), "--db", str(publish_db)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("# Corpus briefing")


def test_report_cli_help_has_example():
    result = CliRunner().invoke(app, ["report", "--help"], env={"COLUMNS": "200"})
    assert "Example" in result.output


def test_report_sample_docs_are_current():
    """docs/report-sample.html exists and embeds its charts (regenerate: see docs/exports.md)."""
    sample = Path(__file__).parents[1] / "docs" / "report-sample.html"
    html = sample.read_text("utf-8")
    assert "data:image/png;base64," in html and "Sources" in html
