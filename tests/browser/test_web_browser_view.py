"""The graph view's direction and layout, every page at 390 px, the API reference pages and
the browser console, in Debian's headless Chromium (Playwright)."""

from __future__ import annotations

import pytest

from test_web_helpers import XSS_DOC

pytestmark = pytest.mark.browser

GRAPH_READY = "#cy[data-ready='1']"
# Every page, as a user reaches it; the console must stay silent on each.
PAGES = [
    "/",
    "/?relation=ARMS",
    "/actors",
    "/actor/Russia",
    "/actor/Houthis",
    "/documents",
    "/document/s01_russia_taliban_contacts",
    f"/document/{XSS_DOC}",
    "/add",
    "/docs",
    "/redoc",
    "/no-such-page",
]


def listen(page) -> list[str]:
    """Console errors and warnings, failed requests and uncaught exceptions on the page."""
    seen: list[str] = []
    page.on(
        "console",
        lambda m: (
            seen.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
        ),
    )
    page.on("pageerror", lambda e: seen.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: seen.append(f"request failed: {r.url}"))
    return seen


def settle(page, path: str) -> None:
    if path.startswith("/?") or path == "/":
        page.wait_for_selector(GRAPH_READY)
    elif path == "/docs":
        page.wait_for_selector(".opblock", timeout=20_000)
    elif path == "/redoc":
        page.wait_for_selector("[data-section-id]", timeout=30_000)
    page.wait_for_timeout(300)


@pytest.mark.parametrize("path", PAGES)
def test_web_browser_view_no_console_errors(page, base_url, path: str) -> None:
    seen = listen(page)
    page.goto(base_url + path)
    settle(page, path)
    if path == "/no-such-page":  # the 404 itself is the expected answer
        seen = [s for s in seen if "404" not in s]
    assert seen == [], "\n".join(seen)


def test_web_browser_view_arrowheads_on_directed_edges(page, base_url) -> None:
    page.goto(base_url + "/?relation=ARMS")
    page.wait_for_selector(GRAPH_READY)
    arrows = page.evaluate(
        """() => window.proxygraphCy.edges().map(e =>
            [e.data('source'), e.data('target'), e.data('directed'),
             e.style('target-arrow-shape')])"""
    )
    assert arrows and all(d and shape == "triangle" for _, _, d, shape in arrows)
    assert ("Iran", "Houthis", True, "triangle") in [tuple(a) for a in arrows]
    page.goto(base_url + "/?relation=ENGAGES")
    page.wait_for_selector(GRAPH_READY)
    shapes = page.evaluate(
        "window.proxygraphCy.edges().map(e => [e.data('directed'), e.style('target-arrow-shape')])"
    )
    assert shapes and all(not d and s == "none" for d, s in shapes)


def positions(page) -> dict[str, tuple[float, float]]:
    return {
        k: tuple(v)
        for k, v in page.evaluate(
            """() => Object.fromEntries(window.proxygraphCy.nodes().map(n =>
                [n.id(), [n.position('x'), n.position('y')]]))"""
        ).items()
    }


def test_web_browser_view_same_positions_on_two_loads(page, base_url) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector(GRAPH_READY)
    first = positions(page)
    page.reload()
    page.wait_for_selector(GRAPH_READY)
    assert positions(page) == first and len(first) > 10
    # A filter hides actors; the others keep their places.
    page.evaluate("document.getElementById('cy').dataset.ready = ''")
    page.check("input[name=relation][value=ARMS]")
    page.wait_for_selector(GRAPH_READY)
    some = positions(page)
    assert some and len(some) < len(first)
    assert all(first[name] == place for name, place in some.items())


def test_web_browser_view_labels_name_the_largest_actors(page, base_url) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector(GRAPH_READY)
    on_screen = page.evaluate(
        """() => { const cy = window.proxygraphCy, z = cy.zoom();
            return cy.nodes().map(n =>
                [n.data('degree'), parseFloat(n.style('font-size')) * z]); }"""
    )
    named = [degree for degree, px in on_screen if px >= 9]  # min-zoomed-font-size
    unnamed = [degree for degree, px in on_screen if px < 9]
    assert named and min(px for _, px in on_screen if px >= 9) >= 12
    assert not unnamed or min(named) >= max(unnamed)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/actor/Russia",
        "/documents",
        "/document/s01_russia_taliban_contacts",
        "/actors",
        "/add",
        "/docs",
    ],
)
def test_web_browser_view_390_px_no_horizontal_scroll(browser, base_url, path, tmp_path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    try:
        page.goto(base_url + path)
        settle(page, path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path}: page is {width} px wide"
        page.screenshot(path=str(tmp_path / "narrow.png"))
        if path == "/":
            filters = page.locator("#filters")
            assert not filters.is_visible()  # behind the button, the graph has the screen
            page.click("#filters-toggle")
            assert filters.is_visible()
            box = filters.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390
            cy = page.locator("#cy").bounding_box()
            assert cy["width"] >= 380 and cy["height"] >= 500
    finally:
        context.close()


def test_web_browser_view_docs_render_the_operations(page, base_url) -> None:
    page.goto(base_url + "/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_text_contents()
    assert "/api/graph" in paths and "/api/transitions" in paths and len(paths) >= 15
    page.goto(base_url + "/redoc")
    page.wait_for_selector("[data-section-id]", timeout=30_000)
    assert "/api/graph" in page.content()


def test_web_browser_view_panel_keeps_the_graph_beside_it(page, base_url) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector(GRAPH_READY)
    page.evaluate("window.proxygraphCy.getElementById('Russia').emit('tap')")
    page.wait_for_selector("#edge-panel:not([hidden])")
    faded = page.evaluate(
        """() => { const cy = window.proxygraphCy, n = cy.getElementById('Russia');
            return [n.hasClass('faded'), n.neighborhood('node').every(x => !x.hasClass('faded')),
                    cy.nodes('.faded').length > 0]; }"""
    )
    assert faded == [False, True, True]
    cy = page.locator("#cy").bounding_box()
    panel = page.locator("#edge-panel").bounding_box()
    assert cy["x"] + cy["width"] <= panel["x"] + 1  # the graph is not under the panel
