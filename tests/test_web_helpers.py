"""Databases for the web tests, built once per process: the sample corpus plus a hostile
document whose title, text, actor name, source and URL carry script payloads."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from proxygraph.extract import Extraction
from proxygraph.models import Claim, Document, Mention

SAMPLE = Path(__file__).resolve().parents[1] / "sample" / "articles"

XSS_DOC = "xss-doc"
XSS_ACTOR = '<img src=x onerror="window.__xss=1">Brigade'
XSS_TITLE = '<script>window.__xss=2</script>Title <b onmouseover="window.__xss=3">x</b>'
XSS_URL = "javascript:window.__xss=4"
XSS_SOURCE = "<script>window.__xss=5</script>officials"
XSS_SENTENCE = (
    f'The {XSS_ACTOR} armed Russia, <a href="javascript:window.__xss=6">officials</a> said.'
)
XSS_TEXT = (
    "Opening <script>window.__xss=7</script> paragraph "
    '<svg onload="window.__xss=8"></svg>.\n' + XSS_SENTENCE + "\nClosing line."
)


def xss_extraction() -> Extraction:
    doc = Document(
        id=XSS_DOC,
        text=XSS_TEXT,
        title=XSS_TITLE,
        url=XSS_URL,
        published="2021-05-01",
        publisher="<i>Pub</i>",
    )
    start = XSS_TEXT.index(XSS_SENTENCE)
    end = start + len(XSS_SENTENCE)
    a = XSS_TEXT.index(XSS_ACTOR)
    mentions = [
        Mention(
            XSS_DOC, XSS_ACTOR, XSS_ACTOR, a, a + len(XSS_ACTOR), "armed_group", provisional=True
        )
    ]
    claims = [
        Claim(
            XSS_DOC,
            XSS_ACTOR,
            "ARMS",
            "Russia",
            XSS_SENTENCE,
            start,
            end,
            certainty="reported",
            source=XSS_SOURCE,
            time="2021",
            subject_type="armed_group",
            object_type="state",
        )
    ]
    return Extraction(doc, mentions, claims, [])


@functools.cache
def sample_db() -> Path:
    """The project's sample corpus built by the real pipeline, plus the hostile document."""
    from proxygraph.pipeline import build
    from proxygraph.store import Store

    folder = Path(tempfile.mkdtemp(prefix="pg-web-"))
    atexit.register(shutil.rmtree, folder, True)
    db = folder / "sample.duckdb"
    build([SAMPLE], db=db, progress=False, on_message=lambda _m: None)
    with Store.open(db) as store:
        store.add(xss_extraction())
    return db


def copy_db(target: Path) -> Path:
    """A private copy of the sample database, for tests that write."""
    shutil.copy(sample_db(), target)
    return target
