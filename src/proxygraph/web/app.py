"""The FastAPI application: JSON API, HTML pages, static files, error handling."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from proxygraph.actors import Catalog
from proxygraph.errors import Code, ProxygraphError
from proxygraph.settings import Settings
from proxygraph.store import Store
from proxygraph.web import api, pages, review
from proxygraph.web.data import Database, Loading, Unavailable
from proxygraph.web.guard import DEFAULT_HOSTS, RequestGuard
from proxygraph.web.limits import SecurityHeaders, UploadLimit

STATIC = Path(__file__).resolve().parent / "static"


def create_app(
    db: str | Path,
    catalog: Catalog | None = None,
    settings: Settings | None = None,
    hosts: Iterable[str] = DEFAULT_HOSTS,
) -> FastAPI:
    """The web app over the database at ``db`` (created empty if it does not exist),
    answering only to the Host names ``hosts`` (``web.guard.allowed_hosts``)."""
    db = Path(db)
    if not db.exists() or _older_schema(db):
        Store.open(db, catalog=catalog).close()  # created, or migrated (the server reads only)
    app = FastAPI(
        title="proxygraph",
        description="Evidence-backed claims about states, armed groups and their relations.",
        version="0.1.0",
        docs_url=None,  # /docs and /redoc are pages.py's, from packaged assets (no CDN)
        redoc_url=None,
    )
    app.state.db = Database(db, catalog, warm=api.warm, later=api.warm_later)
    app.state.db.load()  # in the background: the server answers while it reads
    app.state.settings = settings or Settings()
    app.include_router(api.router)
    app.include_router(review.router)
    app.include_router(pages.router)
    app.include_router(review.page_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    add_error_handlers(app)
    app.add_middleware(UploadLimit)
    app.add_middleware(RequestGuard, hosts=hosts)  # before the body is read
    app.add_middleware(SecurityHeaders)
    return app


def _older_schema(db: Path) -> bool:
    """A store written by an older proxygraph, which a writable open brings up to date."""
    try:
        Store.open(db, read_only=True, timeout=1.0).close()
    except ProxygraphError as exc:
        return exc.code is Code.E001 and "this proxygraph reads" in str(exc)
    return False


def add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Unavailable)
    async def unavailable(_: Request, exc: Unavailable) -> JSONResponse:
        return JSONResponse(
            {"detail": f"database busy or missing: {exc}"},
            status_code=503,
            headers={"Retry-After": "1"},
        )

    @app.exception_handler(Loading)
    async def loading(_: Request, exc: Loading) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "2"})

    @app.exception_handler(ProxygraphError)
    async def proxygraph_error(_: Request, exc: ProxygraphError) -> JSONResponse:
        status = 503 if exc.code is Code.E010 else 400
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404 and _wants_html(request):
            return pages.templates.TemplateResponse(
                request, "error.html", {"status": 404, "detail": exc.detail}, status_code=404
            )
        return JSONResponse(
            {"detail": exc.detail},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return (
        not path.startswith("/api")
        and not path.endswith(".json")
        and "text/html" in request.headers.get("accept", "")
    )
