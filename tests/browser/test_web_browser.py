"""The web app in Debian's headless Chromium (Playwright): graph, edge evidence, actor page,
upload, and a hostile document that must render as text."""

from __future__ import annotations

import pytest

from test_web_helpers import XSS_DOC

pytestmark = pytest.mark.browser

GRAPH_READY = "#cy[data-ready='1']"


def edge_ids(page) -> list[str]:
    return page.evaluate("window.proxygraphCy.edges().map(e => e.id())")


def tap_edge(page, a: str, b: str) -> None:
    page.evaluate(
        """([a, b]) => {
            const e = window.proxygraphCy.edges().filter(x =>
                (x.data('source') === a && x.data('target') === b) ||
                (x.data('source') === b && x.data('target') === a))[0];
            e.emit('tap');
        }""",
        [a, b],
    )


def test_web_browser_graph_filter_and_edge_evidence(page, base_url) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector(GRAPH_READY)
    everything = len(edge_ids(page))
    assert everything > 20
    page.evaluate("document.getElementById('cy').dataset.ready = ''")
    page.check("input[name=relation][value=ARMS]")
    page.wait_for_selector(GRAPH_READY)
    relations = page.evaluate(
        "window.proxygraphCy.edges().map(e => Object.keys(e.data('relations')).join())"
    )
    assert relations and set(relations) == {"ARMS"} and len(relations) < everything
    assert "relation=ARMS" in page.url
    tap_edge(page, "Iran", "Houthis")
    page.wait_for_selector("#panel-claims li mark")
    marked = page.locator("#panel-claims li mark").first.text_content()
    paragraph = page.locator("#panel-claims .para").first.text_content()
    assert marked and marked in paragraph and len(paragraph) >= len(marked)
    assert page.locator("#panel-claims a").first.get_attribute("href").startswith("/document/")
    assert page.dialogs == []


def test_web_browser_actor_page(page, base_url) -> None:
    page.goto(base_url + "/actor/Houthis")
    assert page.locator("#actor-name").text_content().startswith("Houthis")
    assert page.locator("#relations tbody tr").count() > 0
    assert page.locator("#timeline-chart rect").count() > 0
    assert "Ansar Allah" in page.content()


def test_web_browser_search_opens_actor_by_alias(page, base_url) -> None:
    page.goto(base_url + "/documents")
    page.fill("#actor-search", "Hizballah")
    page.press("#actor-search", "Enter")
    page.wait_for_url("**/actor/Hezbollah")


def test_web_browser_upload_shows_actors(page, base_url) -> None:
    page.goto(base_url + "/add")
    assert "MB" in page.locator("#upload-limit").text_content()
    page.fill("#title", "Pasted in the browser")
    page.fill(
        "#text",
        "Tehran funds Hamas, Israeli officials said in March 2023.\n"
        "Iran also trains Hamas fighters, according to the report.",
    )
    page.click("#submit")
    page.wait_for_selector("#added-actors li", timeout=60_000)
    names = page.locator("#added-actors li").all_text_contents()
    assert {"Iran", "Hamas"} <= set(names)
    page.goto(base_url + "/?focus=Hamas")
    page.wait_for_selector(GRAPH_READY)
    nodes = page.evaluate("window.proxygraphCy.nodes().map(n => n.id())")
    assert "Iran" in nodes and "Hamas" in nodes


def test_web_browser_hostile_document_renders_as_text(page, base_url) -> None:
    page.goto(f"{base_url}/document/{XSS_DOC}")
    title = page.locator("#doc-title").text_content()
    assert title.startswith("<script>window.__xss=2</script>Title")
    assert "<svg onload" in page.locator("#doc-text").text_content()
    assert page.evaluate("window.__xss") is None
    assert page.locator("#doc-text script, #doc-text svg, #doc-text img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    # The same payloads through the graph's edge panel, which builds nodes in JavaScript.
    page.goto(base_url + "/?focus=Russia")
    page.wait_for_selector(GRAPH_READY)
    tap_edge(page, '<img src=x onerror="window.__xss=1">Brigade', "Russia")
    page.wait_for_selector("#panel-claims li mark")
    assert "<a href=" in page.locator("#panel-claims").text_content()
    assert page.evaluate("window.__xss") is None and page.dialogs == []
