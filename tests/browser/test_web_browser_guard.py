"""In Chromium: a page of another site that auto-submits a form to the upload endpoint
stores nothing (the attack of issue 16); the app's own upload keeps working (see
test_web_browser_upload_shows_actors)."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from proxygraph.web.upload import upload_id

ARTICLE = "Russia has armed the Houthis with drones, officials said in a cross-site test."


@pytest.fixture
def attacker(base_url: str) -> Iterator[str]:
    """A page on http://localhost:PORT (another site than 127.0.0.1) that posts a form to
    the app as soon as it loads."""
    page = f"""<!doctype html><html><body>
<form id="f" method="post" action="{base_url}/api/documents">
<input name="text" value="{html.escape(ARTICLE)}"></form>
<script>document.getElementById("f").submit()</script></body></html>""".encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}/"
    server.shutdown()
    thread.join(10)


def test_web_browser_cross_site_form_stores_nothing(page, base_url, attacker) -> None:
    with page.expect_navigation(url=f"{base_url}/api/documents", timeout=30_000):
        page.goto(attacker)
    assert "cross-site request refused" in page.content()
    check = page.request.get(f"{base_url}/api/documents/{upload_id(ARTICLE.encode())}")
    assert check.status == 404
