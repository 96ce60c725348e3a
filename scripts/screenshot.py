"""The README's screenshots: the real app on the sample corpus, in Debian's headless Chromium.

    .venv/bin/python scripts/screenshot.py [--db demo.duckdb] [--out docs/img/graph.png]
                                           [--review-out docs/img/review.png]

Builds the sample database when it is missing, starts ``proxygraph serve`` on a free
loopback port, waits for the graph layout, opens one edge's evidence and saves a PNG. Then
the review flow, on a copy of the database (the judgements are not written into --db): the
only claim of another edge rejected and "show rejected" ticked, so that edge is drawn grey
and dashed; then the same edge as above, its first claim confirmed and the correction form
of the second one open.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# A closed network: no first-run, update, sync or QUIC traffic from the browser.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "demo.duckdb"))
    parser.add_argument("--out", default=str(ROOT / "docs/img/graph.png"))
    parser.add_argument("--edge", default="Iran|Houthis", help="edge to open: A|B (A to B first)")
    parser.add_argument("--review-out", default=str(ROOT / "docs/img/review.png"))
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    if not Path(args.db).exists():
        subprocess.run(
            [
                bin_dir / "proxygraph",
                "build",
                str(ROOT / "sample/articles"),
                "--db",
                args.db,
                "--quiet",
            ],
            check=False,
        )
    port = free_port()
    server = subprocess.Popen(
        [bin_dir / "proxygraph", "serve", "--db", args.db, "--port", str(port)]
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/api/limits")
        shoot(f"http://127.0.0.1:{port}/", args.out, args.edge.split("|"))
    finally:
        server.terminate()
        server.wait(10)
    print(f"wrote {args.out}")
    if args.review_out:
        review_shot(bin_dir, Path(args.db), args.review_out, args.edge.split("|"))
        print(f"wrote {args.review_out}")


def review_shot(bin_dir: Path, db: Path, out: str, edge: list[str]) -> None:
    """The review controls in the edge panel, on a throwaway copy of the database."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / db.name
        shutil.copy(db, copy)
        port = free_port()
        server = subprocess.Popen(
            [bin_dir / "proxygraph", "serve", "--db", str(copy), "--port", str(port)]
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/api/limits")
            shoot(f"http://127.0.0.1:{port}/", out, edge, review=True)
        finally:
            server.terminate()
            server.wait(10)


OPEN_EDGE = """([a, b]) => {
    const cy = window.proxygraphCy;
    const e = cy.edges().filter(x => x.data('source') === a && x.data('target') === b)[0]
        || cy.edges().filter(x => [x.data('source'), x.data('target')].sort()
            .join('|') === [a, b].sort().join('|'))[0];
    if (e) { cy.edges().unselect(); e.select(); e.emit('tap'); }
}"""
# The best-connected edge with one claim and no other edge beside it, away from the edge
# shown: rejecting its claim leaves the edge to the "show rejected" toggle.
OTHER_EDGE = """([a, b]) => {
    const cy = window.proxygraphCy;
    const e = cy.edges().filter(x => x.data('claims') === 1 && x.parallelEdges().length === 1 &&
        ![a, b].includes(x.data('source')) && ![a, b].includes(x.data('target')))
        .sort((x, y) => y.source().degree() + y.target().degree()
            - x.source().degree() - x.target().degree())[0];
    e.emit('tap');
    return e.id();
}"""


def shoot(url: str, out: str, edge: list[str], review: bool = False) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 900})
        page.goto(url)
        page.wait_for_selector("#cy[data-ready='1']", timeout=30_000)
        if review:
            show_rejected(page, edge)
        page.evaluate(OPEN_EDGE, edge)
        page.wait_for_timeout(800)
        if review:
            page.wait_for_selector("#panel-claims .review .review-confirm")
            page.fill("#panel-claims .review-note-input >> nth=0", "checked against the source")
            page.click("#panel-claims .review-confirm >> nth=0")
            page.wait_for_selector("#panel-claims .review-status.confirmed")
            page.click("#panel-claims .review-correct >> nth=1")
            page.wait_for_selector("#panel-claims .review-form select")
            page.wait_for_timeout(300)
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=out)
        browser.close()


def show_rejected(page, edge: list[str]) -> None:
    """Reject the one claim of another edge, then tick "show rejected": it comes back grey."""
    rejected = page.evaluate(OTHER_EDGE, edge)
    page.wait_for_selector("#panel-claims .review .review-reject")
    page.fill("#panel-claims .review-note-input >> nth=0", "not what the sentence says")
    page.click("#panel-claims .review-reject >> nth=0")
    page.wait_for_selector("#panel-claims .review-status.rejected")
    page.check("#rejected")
    page.wait_for_function("(id) => !window.proxygraphCy.getElementById(id).empty()", arg=rejected)
    page.wait_for_timeout(300)


if __name__ == "__main__":
    main()
