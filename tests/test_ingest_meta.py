"""Title and author only from places that hold them (issue 16): HTML metadata, a byline at
the top; page clutter is never read as either, and a field stays empty rather than guess."""

from __future__ import annotations

import pytest

from proxygraph.ingest.formats import read_html
from proxygraph.ingest.meta import text_metadata
from proxygraph.settings import Settings

HEADLINE = "Seized Shipment Off The Coast"
PROSE = (
    "The ministry said on Tuesday that the shipment was seized off the coast after a long"
    " search, and that its crew had been questioned by the authorities for several days.\n"
)


@pytest.mark.parametrize(
    "head, title, author",
    [
        ("Vladimir Putin\n\n", None, None),  # a quoted president is not the author
        ("Full Screen\n\n", None, None),  # a button label is not an author
        ("date 2024-12\n\n", None, None),  # a label with a date is not a headline
        ("13 Nov 2025, Thu\n\n", None, None),
        ("Fri May 14 2021, 03:32 PM\n\n", None, None),
        (HEADLINE + "\n\nBy Jane Roe 10:45 GMT\n\n", HEADLINE, "Jane Roe"),
        (HEADLINE + "\n\nBy Jane Roe | 10:45 AM\n\n", HEADLINE, "Jane Roe"),
        ("date 2024-12\n" + HEADLINE + "\n\n", HEADLINE, None),
        ("Vladimir Putin\n" + HEADLINE + "\n\n", None, None),  # unexplained: no guess
    ],
)  # fmt: skip
def test_ingest_meta_text_title_and_author(
    head: str, title: str | None, author: str | None
) -> None:
    meta = text_metadata(head + PROSE)
    assert (meta.title, meta.author) == (title, author)


def page(head: str, body: str) -> bytes:
    return (
        f"<html><head>{head}</head><body>{body}<article><p>{PROSE}</p><p>{PROSE}</p>"
        "</article></body></html>".encode()
    )


@pytest.mark.parametrize(
    "head, body, title, author",
    [
        ("", "<h2>Search RFE/RL</h2>", None, None),
        ("<title>Seized shipment - Example News</title><meta name='author' content='Jane Roe'>",
         "<h2>Search RFE/RL</h2>", "Seized shipment", "Jane Roe"),
        ("<meta property='og:title' content='Seized shipment'>",
         "<p>Take our quiz: how well do you know the coast?</p>", "Seized shipment", None),
        ("", "<p>Vladimir Putin</p>", None, None),
        ("", "<div class='byline'>By Jane Roe</div>", None, "Jane Roe"),
    ],
)  # fmt: skip
def test_ingest_meta_html_title_and_author(
    head: str, body: str, title: str | None, author: str | None
) -> None:
    doc = read_html(page(head, body), "p.html", "p", {}, Settings())
    assert (doc.title, doc.author) == (title, author)
