"""Who may talk to the server: the Host it was started for, and same-origin writes.

- ``Host`` check (DNS rebinding): a page on ``evil.example`` whose name is re-pointed at
  127.0.0.1 reaches a loopback server as same-origin, but its requests still say
  ``Host: evil.example``; only the names the server was started for are answered (400
  otherwise). A server bound to every interface (``0.0.0.0``, ``::``) also answers IP
  addresses and the machine's own names, since a rebinding page can only send a name.
- Cross-site writes: a POST (or any unsafe method) from a page of another origin, such as
  an auto-submitted form, is refused with 403: ``Sec-Fetch-Site`` must be ``same-origin``
  (or ``none``, typed by the user); without it, ``Origin`` must be this server's. A client
  that sends neither (curl, scripts) is not a browser acting for another site.

``PROXYGRAPH_ALLOW_HOSTS`` (comma-separated names) adds names, e.g. behind a reverse proxy.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARD = frozenset({"0.0.0.0", "::", ""})
# The name Starlette's in-process TestClient sends; used only when create_app is not told
# which host it serves (``proxygraph serve`` always tells it).
TEST_CLIENT = "testserver"
DEFAULT_HOSTS = LOOPBACK_NAMES | {TEST_CLIENT}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
SAME_SITE = frozenset({"same-origin", "none"})
ANY_IP = "*ip*"  # marker in a host set: accept any IP address literal


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def allowed_hosts(bound: str) -> frozenset[str]:
    """The Host names a server bound to ``bound`` answers to (lower case, no port)."""
    host = bound.strip().strip("[]").lower()
    names = {host}
    if is_loopback(host):
        names |= LOOPBACK_NAMES
    if host in WILDCARD:
        names |= LOOPBACK_NAMES | {ANY_IP, socket.gethostname().lower(), socket.getfqdn().lower()}
    extra = os.environ.get("PROXYGRAPH_ALLOW_HOSTS", "")
    names |= {n.strip().lower() for n in extra.split(",") if n.strip()}
    return frozenset(names - {""})


def host_name(value: str) -> str:
    """``example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``::1``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _origin(scheme: str, host: str) -> tuple[str, str, int | None]:
    parts = urlsplit(f"{scheme}://{host}")
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or ""), port


def cross_site(method: str, headers: dict[bytes, bytes], scheme: str) -> str | None:
    """Why an unsafe request comes from another site, or None when it does not."""
    if method in SAFE_METHODS:
        return None
    fetch_site = headers.get(b"sec-fetch-site", b"").decode("latin-1").lower()
    if fetch_site:
        return None if fetch_site in SAME_SITE else f"Sec-Fetch-Site: {fetch_site}"
    origin = headers.get(b"origin", b"").decode("latin-1").strip()
    if not origin:
        return None
    host = headers.get(b"host", b"").decode("latin-1")
    try:
        theirs = _origin(*origin.split("://", 1)) if "://" in origin else None
        ours = _origin(scheme, host)
    except ValueError:
        theirs = None
    if theirs is None or theirs != ours:
        return f"Origin: {origin[:100]}"
    return None


class RequestGuard:
    """Refuses requests for another Host (400) and cross-site writes (403)."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str] = DEFAULT_HOSTS) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts)

    def host_allowed(self, host: str) -> bool:
        name = host_name(host)
        return name in self.hosts or (ANY_IP in self.hosts and _is_ip(name))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        host = headers.get(b"host")
        if host is not None and not self.host_allowed(host.decode("latin-1")):
            detail = (
                "this server does not answer to that Host name; "
                "PROXYGRAPH_ALLOW_HOSTS=name adds one (e.g. behind a reverse proxy)"
            )
            return await refuse(send, 400, detail)
        reason = cross_site(scope.get("method", "GET"), headers, scope.get("scheme", "http"))
        if reason:
            return await refuse(send, 403, f"cross-site request refused ({reason})")
        await self.app(scope, receive, send)


async def refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
