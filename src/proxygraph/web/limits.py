"""Request hygiene: the upload size limit (enforced before the body is read) and headers."""

from __future__ import annotations

import base64
import hashlib

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# An article is a few dozen kilobytes; 2 MB leaves room for a saved web page.
MAX_UPLOAD_BYTES = 2_000_000
UPLOAD_PATH = "/api/documents"

# Cytoscape adds this one-line <style> element to the page when it starts. It is allowed by
# its hash, so the policy needs no 'unsafe-inline' and the console stays free of violations.
CYTOSCAPE_STYLE = ".__________cytoscape_container { position: relative; }"
CYTOSCAPE_STYLE_HASH = base64.b64encode(hashlib.sha256(CYTOSCAPE_STYLE.encode()).digest()).decode()

# No inline script anywhere, so a payload that slips into the page still cannot run.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; "
        + f"style-src 'self' 'sha256-{CYTOSCAPE_STYLE_HASH}'; ".encode()
        + b"img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
CSP = SECURITY_HEADERS[0][0]

# The API reference pages (/docs, /redoc) run only the packaged Swagger UI and ReDoc
# bundles, which set style attributes and <style> elements as they render; scripts stay
# 'self' only. ReDoc's search runs in a worker it starts from a blob: URL.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class BodyTooLarge(HTTPException):
    """Raised while streaming; an HTTPException so that form parsing passes it on as 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"upload larger than the limit of {limit} bytes")


class UploadLimit:
    """Refuses an upload whose declared or actual size passes the limit, with 413.

    A declared Content-Length over the limit is refused before one byte of the body is
    read; a body sent without one (chunked) is counted as it streams and cut off.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_UPLOAD_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return await too_large(send, self.limit)
        seen, started = 0, False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not started:
                await too_large(send, self.limit)


async def too_large(send: Send, limit: int) -> None:
    body = f'{{"detail":"upload larger than the limit of {limit} bytes"}}'.encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"connection", b"close"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                # A route that sets its own policy (the API reference pages) keeps it.
                own = any(k.lower() == CSP for k, _ in headers)
                message["headers"] = headers + [
                    h for h in SECURITY_HEADERS if not own or h[0] != CSP
                ]
            await send(message)

        await self.app(scope, receive, with_headers)
