"""The server answers only to the Host it was started for (DNS rebinding) and refuses
writes from pages of other origins (cross-site form posts)."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from proxygraph.web import create_app
from proxygraph.web.guard import allowed_hosts, cross_site, host_name
from proxygraph.web.upload import upload_id
from test_web_helpers import copy_db, sample_db

ARTICLE = "Russia has armed the Houthis in Yemen with anti-ship missiles, officials said."


@pytest.fixture(scope="module")
def loopback() -> TestClient:
    """The app as ``proxygraph serve`` makes it for 127.0.0.1:8000."""
    app = create_app(sample_db(), hosts=allowed_hosts("127.0.0.1"))
    return TestClient(app, base_url="http://127.0.0.1:8000")


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8000", "127.0.0.1", "localhost:8000", "LOCALHOST:8000", "[::1]:8000"]
)
def test_web_guard_answers_its_own_host(loopback: TestClient, host: str) -> None:
    assert loopback.get("/api/summary", headers={"host": host}).status_code == 200


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:8000",
        "evil.example",
        "127.0.0.1.evil.example:8000",
        "localhost.evil.example",
        "testserver",  # the in-process name is not answered once the host is known
        "192.168.1.4:8000",
    ],
)
def test_web_guard_refuses_other_hosts(loopback: TestClient, host: str) -> None:
    for path in ("/api/summary", "/", "/api/claims", "/static/graph.js"):
        r = loopback.get(path, headers={"host": host})
        assert r.status_code == 400, (path, host)
        assert "PROXYGRAPH_ALLOW_HOSTS" in r.json()["detail"]
        assert "Russia" not in r.text


def test_web_guard_refuses_other_hosts_for_uploads(tmp_path: Path) -> None:
    app = create_app(copy_db(tmp_path / "w.duckdb"), hosts=allowed_hosts("127.0.0.1"))
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    r = client.post("/api/documents", data={"text": ARTICLE}, headers={"host": "evil.example"})
    assert r.status_code == 400
    assert client.get(f"/api/documents/{upload_id(ARTICLE.encode())}").status_code == 404


@pytest.mark.parametrize(
    ("bound", "host", "ok"),
    [
        ("127.0.0.1", "localhost:1", True),
        ("localhost", "127.0.0.1:1", True),
        ("::1", "[::1]:1", True),
        ("192.168.1.4", "192.168.1.4:8000", True),
        ("192.168.1.4", "localhost:8000", False),
        ("192.168.1.4", "evil.example", False),
        ("0.0.0.0", "192.168.1.4:8000", True),
        ("0.0.0.0", "[fe80::1]:8000", True),
        ("0.0.0.0", "localhost", True),
        ("0.0.0.0", "evil.example:8000", False),
        ("::", "evil.example", False),
    ],
)
def test_web_guard_allowed_hosts(bound: str, host: str, ok: bool) -> None:
    app = create_app(sample_db(), hosts=allowed_hosts(bound))
    r = TestClient(app).get("/api/limits", headers={"host": host})
    assert (r.status_code == 200) is ok, r.text


def test_web_guard_allowed_hosts_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROXYGRAPH_ALLOW_HOSTS", "graph.lan, Proxy.Example")
    assert {"graph.lan", "proxy.example", "127.0.0.1"} <= allowed_hosts("127.0.0.1")


@pytest.mark.parametrize(
    ("value", "name"),
    [("a.example:80", "a.example"), ("[::1]:8000", "::1"), ("::1", "::1"), ("X.org", "x.org")],
)
def test_web_guard_host_name(value: str, name: str) -> None:
    assert host_name(value) == name


# -- cross-site writes ---------------------------------------------------------------

CROSS_SITE = [
    {"origin": "http://evil.example"},
    {"origin": "null"},  # sandboxed frames, data: pages
    {"origin": "http://127.0.0.1:9999"},  # another port is another origin
    {"origin": "https://127.0.0.1:8000"},
    {"origin": "garbage"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site"},  # another port of the same machine
    {"sec-fetch-site": "cross-site", "origin": "http://127.0.0.1:8000"},  # fetch metadata wins
]


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_web_guard_refuses_cross_site_upload(tmp_path: Path, headers: dict) -> None:
    app = create_app(copy_db(tmp_path / "w.duckdb"), hosts=allowed_hosts("127.0.0.1"))
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    r = client.post("/api/documents", data={"text": ARTICLE}, headers=headers)
    assert r.status_code == 403 and "cross-site" in r.json()["detail"]
    assert client.get(f"/api/documents/{upload_id(ARTICLE.encode())}").status_code == 404


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://127.0.0.1:8000", "sec-fetch-site": "same-origin"},
        {"origin": "http://127.0.0.1:8000"},
        {"sec-fetch-site": "same-origin"},
        {},  # curl and scripts send neither
    ],
)
def test_web_guard_accepts_same_origin_upload(tmp_path: Path, headers: dict) -> None:
    app = create_app(copy_db(tmp_path / "w.duckdb"), hosts=allowed_hosts("127.0.0.1"))
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    r = client.post("/api/documents", data={"text": ARTICLE}, headers=headers)
    assert r.status_code == 201, r.text


def test_web_guard_reads_are_not_checked_for_origin() -> None:
    headers = {b"origin": b"http://evil.example", b"sec-fetch-site": b"cross-site"}
    assert cross_site("GET", headers, "http") is None
    assert cross_site("POST", headers, "http") is not None
    assert cross_site("DELETE", {b"origin": b"null"}, "http") is not None


# -- the real server -----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(port: int, method: str, path: str, headers: dict, body: str | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


def test_web_guard_serve_checks_host_and_origin(tmp_path: Path) -> None:
    """``proxygraph serve`` over a socket: its own host answered, a rebinding name and a
    cross-site form post refused."""
    db = copy_db(tmp_path / "w.duckdb")
    port = _free_port()
    entry = Path(sys.executable).with_name("proxygraph")
    cmd = [str(entry), "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _status(port, "GET", "/api/limits", {"Host": f"127.0.0.1:{port}"}) == 200:
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.2)
        assert _status(port, "GET", "/api/summary", {"Host": f"localhost:{port}"}) == 200
        assert _status(port, "GET", "/api/summary", {"Host": f"evil.example:{port}"}) == 400
        form = {
            "Host": f"127.0.0.1:{port}",
            "Origin": "http://evil.example",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        assert _status(port, "POST", "/api/documents", form, "text=Russia+armed+Iran.") == 403
    finally:
        server.terminate()
        server.wait(20)
