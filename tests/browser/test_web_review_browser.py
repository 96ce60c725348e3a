"""Reviewing a claim in Debian's headless Chromium: reject it in the graph's edge panel,
reload, the edge is gone and the claim is listed as rejected (reviews and document pages)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

GRAPH_READY = "#cy[data-ready='1']"
ONE_CLAIM_EDGE = """() => {
    const e = window.proxygraphCy.edges().filter(x => x.data('claims') === 1)[0];
    e.emit('tap');
    return {id: e.id(), source: e.data('source'), target: e.data('target')};
}"""
NOTE = "the sentence says nothing of the kind"
# Console errors the graph page had before review controls existed (Cytoscape's inline
# styles under the CSP, no favicon): issue 15 item 4, fixed on another branch.
KNOWN = ("Applying inline style violates", "status of 404 (Not Found)")


def known_graph_page_error(error: str) -> bool:
    url, _, message = error.partition(" ")
    return urlsplit(url).path == "/" and any(k in message for k in KNOWN)


def test_web_browser_review_reject_in_the_edge_panel(page, private_base_url) -> None:
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url} {m.text}"))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(private_base_url + "/")
    page.wait_for_selector(GRAPH_READY)
    edge = page.evaluate(ONE_CLAIM_EDGE)
    page.wait_for_selector("#panel-claims .review .review-reject")
    quote = page.locator("#panel-claims .para mark").first.text_content()
    assert page.locator("#panel-claims .review-status").first.text_content() == "not reviewed"
    page.fill("#panel-claims .review-note-input", NOTE)
    page.click("#panel-claims .review-reject")
    page.wait_for_selector("#panel-claims .review-status.rejected")
    page.reload()
    page.wait_for_selector(GRAPH_READY)
    ids = page.evaluate("window.proxygraphCy.edges().map(e => e.id())")
    assert ids and edge["id"] not in ids
    page.goto(private_base_url + "/reviews")
    item = page.locator("#review-list li.rejected")
    assert item.count() == 1
    text = item.first.text_content()
    assert quote in text and NOTE in text and edge["source"] in text and edge["target"] in text
    # the document page lists it too, behind the "show rejected" toggle
    item.first.locator(".meta a").first.click()
    page.wait_for_selector("#doc-claims")
    rejected = page.locator("#doc-claims li.rejected")
    assert rejected.count() == 1 and not rejected.first.is_visible()
    page.check("#show-rejected")
    assert rejected.first.is_visible()
    assert rejected.first.locator(".review-status.rejected").count() == 1
    # undo from the document page: the claim holds again and the page says so
    with page.expect_navigation():  # a judgement on the page reloads it
        rejected.first.locator(".review-undo").click()
    page.wait_for_selector("#doc-claims li.claim-item")
    assert page.locator("#doc-claims li.rejected").count() == 0
    assert [e for e in errors if not known_graph_page_error(e)] == [] and page.dialogs == []


REJECTED_EDGE = """(id) => {
    const e = window.proxygraphCy.getElementById(id);
    if (e.empty()) return null;
    e.emit('tap');
    return {rejected: e.data('rejected'), line: e.style('line-style'),
            colour: e.style('line-color')};
}"""


def test_web_browser_show_rejected_toggle(page, private_base_url) -> None:
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url} {m.text}"))
    page.goto(private_base_url + "/")
    page.wait_for_selector(GRAPH_READY)
    assert not page.is_checked("#rejected")  # off by default
    edge = page.evaluate(ONE_CLAIM_EDGE)
    page.click("#panel-claims .review-reject")
    page.wait_for_selector("#panel-claims .review-status.rejected")
    page.reload()
    page.wait_for_selector(GRAPH_READY)
    assert page.evaluate(REJECTED_EDGE, edge["id"]) is None
    with page.expect_response(lambda r: "/api/graph?" in r.url and "rejected=true" in r.url):
        page.check("#rejected")
    drawn = "(id) => !window.proxygraphCy.getElementById(id).empty()"
    page.wait_for_function(drawn, arg=edge["id"])
    shown = page.evaluate(REJECTED_EDGE, edge["id"])
    assert shown["rejected"] and shown["line"] == "dashed"
    assert shown["colour"] == "rgb(169,174,184)"  # grey, whatever the valence
    page.wait_for_selector("#panel-claims li.rejected .review-status.rejected")
    assert page.locator("#panel-meta").text_content().startswith("rejected by an analyst")
    assert "rejected=true" in page.url  # the view's address keeps the toggle
    page.reload()
    page.wait_for_selector(GRAPH_READY)
    assert page.is_checked("#rejected") and page.evaluate(REJECTED_EDGE, edge["id"])
    assert [e for e in errors if not known_graph_page_error(e)] == []
