"""Web security: escaping of untrusted text, path traversal, upload limits, loopback bind,
and answering while a build holds the database."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from proxygraph.web import create_app
from proxygraph.web.guard import is_loopback
from proxygraph.web.limits import MAX_UPLOAD_BYTES, UploadLimit
from test_web_helpers import XSS_ACTOR, XSS_DOC, XSS_SENTENCE, XSS_TITLE, copy_db, sample_db

OUR_SCRIPTS = {
    "/static/search.js",
    "/static/graph.js",
    "/static/add.js",
    "/static/review.js",
    "/vendor/cytoscape.min.js",
}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(sample_db()))


class ActiveContent(HTMLParser):
    """Collects whatever in a page could run: scripts, handlers, javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src") not in OUR_SCRIPTS:
            self.found.append(f"script {values}")
        ours = tag == "svg" and values.get("id") == "timeline-chart"
        if tag in ("img", "svg", "iframe", "object", "embed") and not ours:
            self.found.append(f"tag <{tag}> from data")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"handler {name}")
            if (
                name in ("href", "src", "action")
                and value
                and value.strip().lower().startswith(("javascript:", "data:"))
            ):
                self.found.append(f"{name}={value}")


def active_content(html: str) -> list[str]:
    parser = ActiveContent()
    parser.feed(html)
    return parser.found


XSS_PAGES = [
    f"/document/{XSS_DOC}",
    f"/actor/{quote(XSS_ACTOR)}",
    "/actors",
    "/documents",
    "/",
    "/actor/Russia",
]


@pytest.mark.parametrize("page", XSS_PAGES)
def test_web_security_payloads_render_as_text(client: TestClient, page: str) -> None:
    r = client.get(page)
    assert r.status_code == 200
    assert active_content(r.text) == []


def test_web_security_document_shows_payloads_escaped(client: TestClient) -> None:
    html = client.get(f"/document/{XSS_DOC}").text
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;Title" in html
    assert "&lt;img src=x onerror=" in html
    assert 'href="javascript:' not in html and "javascript:window.__xss=4" in html  # as text


def test_web_security_csp_forbids_inline_script(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert client.get("/api/limits").headers["x-content-type-options"] == "nosniff"


def test_web_security_json_keeps_payloads_verbatim(client: TestClient) -> None:
    doc = client.get(f"/api/documents/{XSS_DOC}").json()
    assert doc["document"]["title"] == XSS_TITLE and doc["claims"][0]["quote"] == XSS_SENTENCE


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2fpyproject.toml",
        "/static/..%2fdata.py",
        "/static/%2e%2e%2fapp.py",
        "/vendor/..%2f..%2fpackage.json",
        "/vendor/cytoscape%2fpackage.json",
        "/vendor/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/document/..%2f..%2f..%2fetc%2fpasswd",
        "/api/documents/..%2f..%2fetc%2fpasswd",
        "/actor/..%2f..%2fetc%2fpasswd",
        "/static//etc/passwd",
        "/static/%00",
        "/vendor/cytoscape.min.js%00.txt",
    ],
)
def test_web_security_no_path_traversal(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (400, 404, 422), (path, r.status_code)
    for leak in ("root:", "[project]", "import ", '"dependencies"'):
        assert leak not in r.text


def test_web_security_static_and_vendor_serve_their_own_files(client: TestClient) -> None:
    assert client.get("/static/graph.js").status_code == 200
    vendor = Path(__file__).resolve().parents[1] / "node_modules/cytoscape/dist/cytoscape.min.js"
    if vendor.exists():
        assert client.get("/vendor/cytoscape.min.js").status_code == 200


# -- uploads -------------------------------------------------------------------------


def test_web_security_upload_declared_too_large_refused_unread() -> None:
    """A Content-Length over the limit is answered 413 without reading the body."""
    sent: list[dict] = []

    async def app(scope, receive, send):  # never reached
        raise AssertionError("the app was called")

    async def receive():
        raise AssertionError("the body was read")

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/documents",
        "headers": [(b"content-length", str(MAX_UPLOAD_BYTES + 1).encode())],
    }
    # A thread of its own: a session-wide browser fixture may hold this thread's event loop.
    worker = threading.Thread(target=asyncio.run, args=(UploadLimit(app)(scope, receive, send),))
    worker.start()
    worker.join()
    assert sent[0]["status"] == 413


def test_web_security_upload_streamed_too_large_is_413(client: TestClient) -> None:
    def chunks():
        for _ in range(MAX_UPLOAD_BYTES // 65536 + 2):
            yield b"a" * 65536

    r = client.post(
        "/api/documents",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert r.status_code == 413


def test_web_security_upload_too_large_form_is_413(client: TestClient) -> None:
    r = client.post("/api/documents", data={"text": "Russia armed the Taliban. " * 100_000})
    assert r.status_code == 413 and str(MAX_UPLOAD_BYTES) in r.json()["detail"]


@pytest.mark.parametrize(
    ("files", "data", "status"),
    [
        ({"file": ("evil.exe", b"MZ\x00\x00", "application/octet-stream")}, {}, 415),
        ({"file": ("bin.txt", b"\x00\x01\x02" * 300, "text/plain")}, {}, 400),
        ({"file": ("empty.txt", b"", "text/plain")}, {"text": ""}, 400),
        (None, {"text": "   "}, 400),
        (None, {}, 400),
    ],
)
def test_web_security_upload_bad_input_is_4xx(client: TestClient, files, data, status) -> None:
    r = client.post("/api/documents", files=files, data=data)
    assert r.status_code == status, r.text


def test_web_add_article_pasted_goes_through_the_pipeline(tmp_path: Path) -> None:
    client = TestClient(create_app(copy_db(tmp_path / "w.duckdb")))
    text = (
        "Kremlin pledges support\n\nMOSCOW, 3 March 2024 — Russia has armed the Houthis in "
        "Yemen with anti-ship missiles, U.S. officials said on Monday.\n"
    )
    r = client.post("/api/documents", data={"text": text, "title": "<b>Pasted</b>"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert {"Russia", "Houthis"} <= set(body["actors"]) and body["claims"] >= 1
    doc = client.get(f"/api/documents/{body['id']}").json()
    assert doc["document"]["title"] == "<b>Pasted</b>"
    graph = client.get("/api/graph", params={"focus": "Houthis"}).json()
    assert any(e["source"] == "Houthis" or e["target"] == "Houthis" for e in graph["edges"])


def test_web_add_article_file_upload(tmp_path: Path) -> None:
    client = TestClient(create_app(copy_db(tmp_path / "w.duckdb")))
    html = (
        b"<html><head><title>Iran and Hezbollah</title></head><body><article><p>"
        b"Iran funds Hezbollah with hundreds of millions of dollars a year, the U.S. "
        b"Treasury said in 2018.</p></article></body></html>"
    )
    r = client.post("/api/documents", files={"file": ("story.html", html, "text/html")})
    assert r.status_code == 201, r.text
    assert {"Iran", "Hezbollah"} <= set(r.json()["actors"])


# -- binding and concurrency ---------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "loop"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.5", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_web_serve_loopback_detection(host: str, loop: bool) -> None:
    assert is_loopback(host) is loop


def test_web_serve_defaults_to_loopback() -> None:
    import inspect

    from proxygraph.cli.serve import serve_cmd

    assert inspect.signature(serve_cmd).parameters["host"].default == "127.0.0.1"


HOLD_WRITE_LOCK = """
import sys, time
from proxygraph.store import Store
with Store.open(sys.argv[1]) as store:
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_web_answers_while_a_writer_holds_the_database(tmp_path: Path) -> None:
    db = copy_db(tmp_path / "w.duckdb")
    client = TestClient(create_app(db))
    before = client.get("/api/summary").json()["claims"]
    writer = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITE_LOCK, str(db), "4"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "locked"
        db.touch()  # the file changed: the server must try to reload, and cannot
        began = time.monotonic()
        for url in ("/api/graph", "/api/claims", "/api/summary", "/", "/actor/Russia"):
            r = client.get(url)
            assert r.status_code == 200, (url, r.text)
        assert time.monotonic() - began < 3.0  # answered from the snapshot, not after the lock
        assert client.get("/api/summary").json()["claims"] == before
    finally:
        writer.wait(20)
    assert client.get("/api/summary").json()["claims"] == before


def test_web_first_load_while_locked_is_503(tmp_path: Path) -> None:
    db = copy_db(tmp_path / "w.duckdb")
    writer = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITE_LOCK, str(db), "8"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "locked"
        r = TestClient(create_app(db)).get("/api/claims")
        assert r.status_code == 503 and r.headers["retry-after"] == "1"
    finally:
        writer.wait(20)


def test_web_security_docs_pages_run_only_packaged_scripts(client: TestClient) -> None:
    from proxygraph.web.pages import node_modules

    if not (node_modules() / "redoc").is_dir():
        pytest.skip("node_modules/redoc is missing (run `make web-deps`)")
    for path in ("/docs", "/redoc"):
        response = client.get(path)
        policies = response.headers.get_list("content-security-policy")
        assert response.status_code == 200 and len(policies) == 1
        script = next(d for d in policies[0].split(";") if d.strip().startswith("script-src"))
        assert script.strip() == "script-src 'self'"
        assert "cdn" not in response.text and "https://" not in response.text
    assert "cdn.redoc.ly" not in client.get("/vendor/redoc.standalone.js").text
    assert client.get("/vendor/swagger-ui.css").headers["content-type"].startswith("text/css")
    assert client.get("/favicon.ico").headers["content-type"].startswith("image/svg+xml")
