"""A live server on a free loopback port and Debian's headless Chromium, for browser tests.

Skips (with the reason) when chromium or the playwright package is missing; never
downloads a browser.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
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
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (make web-deps installs Debian's chromium)")
    if not (NODE_MODULES / "cytoscape").is_dir():
        pytest.skip("node_modules/cytoscape is missing (run `make web-deps`)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def serve(db: Path) -> Iterator[str]:
    import uvicorn

    from proxygraph.web import create_app

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def base_url(browser, tmp_path_factory) -> Iterator[str]:
    from test_web_helpers import copy_db

    yield from serve(copy_db(tmp_path_factory.mktemp("web") / "browser.duckdb"))


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


@pytest.fixture
def private_base_url(browser, tmp_path) -> Iterator[str]:
    """A server over a private copy of the sample database, for tests that write to it."""
    from test_web_helpers import copy_db

    yield from serve(copy_db(tmp_path / "private.duckdb"))
