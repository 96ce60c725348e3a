"""HTML pages; each has a ``.json`` twin built from the same model.

Every value reaches the page through Jinja2 with autoescape on; URLs become links only
when they are http(s). The scripts in ``static/`` fetch the JSON API and write with
``textContent``, never ``innerHTML``.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from proxygraph.ontology import CERTAINTIES, relations
from proxygraph.web import api
from proxygraph.web import queries as qy
from proxygraph.web.data import Database, Snapshot
from proxygraph.web.limits import DOCS_CSP, MAX_UPLOAD_BYTES
from proxygraph.web.network import GraphFilter
from proxygraph.web.upload import ACCEPTED

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)

# Where ``npm ci`` (make web-deps) puts the front-end libraries: the repository root's
# node_modules. Only these files are ever served from there.
VENDOR_FILES = {
    "cytoscape.min.js": Path("cytoscape/dist/cytoscape.min.js"),
    "swagger-ui-bundle.js": Path("swagger-ui-dist/swagger-ui-bundle.js"),
    "swagger-ui.css": Path("swagger-ui-dist/swagger-ui.css"),
    "redoc.standalone.js": Path("redoc/bundles/redoc.standalone.js"),
}
MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css"}
# ReDoc's sidebar shows a logo from Redocly's CDN: the page would reach outside the app (and
# fail offline, or under the CSP). The URL is pointed at the app's own icon as it is served.
VENDOR_PATCHES = {
    "redoc.standalone.js": [(b"https://cdn.redoc.ly/redoc/logo-mini.svg", b"/static/favicon.svg")]
}


@functools.cache
def _patched(path: Path, name: str) -> bytes:
    data = path.read_bytes()
    for old, new in VENDOR_PATCHES[name]:
        data = data.replace(old, new)
    return data


def safe_url(value: Any) -> str | None:
    """The URL when it is http(s); anything else (javascript:, data:) is never a link."""
    if not isinstance(value, str):
        return None
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in ("http", "https") else None


templates.env.filters["safe_url"] = safe_url
templates.env.globals["max_upload_bytes"] = MAX_UPLOAD_BYTES


def node_modules() -> Path:
    given = os.environ.get("PROXYGRAPH_NODE_MODULES")
    return Path(given) if given else HERE.parents[2] / "node_modules"


def render(
    request: Request, template: str, model: BaseModel | None, as_json: bool, **extra: Any
) -> Response:
    if as_json:
        return JSONResponse(model.model_dump(mode="json", by_alias=True) if model else extra)
    return templates.TemplateResponse(request, template, {"data": model, **extra})


def split_json(name: str) -> tuple[str, bool]:
    return (name[:-5], True) if name.endswith(".json") else (name, False)


Snap = Annotated[Snapshot, Depends(api.snapshot)]
Db = Annotated[Database, Depends(api.database)]


@router.get("/", response_class=HTMLResponse)
@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request, snap: Snap) -> Response:
    years = sorted({y for c in snap.claims if (y := qy.year_of(snap, c)) is not None})
    return render(
        request,
        "graph.html",
        None,
        False,
        relations=list(relations()),
        certainties=CERTAINTIES,
        years=years,
        counts=len(snap.claims),
    )


@router.get("/graph.json")
def graph_json(snap: Snap, flt: Annotated[GraphFilter, Depends(api.graph_filter)]) -> Response:
    return api.graph_response(snap, flt)


@router.get("/actors", response_class=HTMLResponse)
@router.get("/actors.json")
def actors_page(request: Request, snap: Snap) -> Response:
    page = api.list_actors(snap, limit=500)
    return render(request, "actors.html", page, request.url.path.endswith(".json"))


@router.get("/actor/{name:path}", response_class=HTMLResponse)
def actor_page(name: str, request: Request, snap: Snap, db: Db) -> Response:
    name, as_json = split_json(name)
    detail = api.actor_detail(snap, db, api.known_actor(snap, name))
    return render(request, "actor.html", detail, as_json)


@router.get("/documents", response_class=HTMLResponse)
@router.get("/documents.json")
def documents_page(request: Request, snap: Snap) -> Response:
    page = api.documents(snap, limit=500)
    return render(request, "documents.html", page, request.url.path.endswith(".json"))


@router.get("/document/{doc_id:path}", response_class=HTMLResponse)
def document_page(doc_id: str, request: Request, snap: Snap) -> Response:
    if doc_id not in snap.documents:
        doc_id, as_json = split_json(doc_id)
    else:
        as_json = False
    return render(request, "document.html", api.document_detail(snap, doc_id), as_json)


@router.get("/add", response_class=HTMLResponse)
@router.get("/add.json")
def add_page(request: Request) -> Response:
    limits = api.limits()
    return render(
        request,
        "add.html",
        limits,
        request.url.path.endswith(".json"),
        accepted=", ".join(ACCEPTED),
    )


@router.get("/vendor/{name}")
def vendor(name: str) -> Response:
    """Front-end libraries installed by npm; only the files named here are ever served."""
    relative = VENDOR_FILES.get(name)
    path = node_modules() / relative if relative else None
    if path is None or not path.is_file():
        raise HTTPException(404, f"{name} is not installed (run `make web-deps`)")
    if name in VENDOR_PATCHES:
        return Response(
            _patched(path, name),
            media_type=MEDIA_TYPES[relative.suffix],
            headers={"cache-control": "public, max-age=3600"},
        )
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[relative.suffix],
        headers={"cache-control": "public, max-age=3600"},
    )


@router.get("/docs", response_class=HTMLResponse)
def swagger_page(request: Request) -> Response:
    """Swagger UI over /openapi.json, from the npm package (no CDN: works offline)."""
    return _docs_page(request, "swagger.html")


@router.get("/redoc", response_class=HTMLResponse)
def redoc_page(request: Request) -> Response:
    """ReDoc over /openapi.json, from the npm package."""
    return _docs_page(request, "redoc.html")


def _docs_page(request: Request, template: str) -> Response:
    response = templates.TemplateResponse(request, template, {})
    response.headers["content-security-policy"] = DOCS_CSP
    return response


@router.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for it on every page that names no icon (the JSON twins, /openapi.json)."""
    return FileResponse(
        HERE / "static" / "favicon.svg",
        media_type="image/svg+xml",
        headers={"cache-control": "public, max-age=86400"},
    )
