"""The analyst's review in the web app: judge a claim (``POST /api/claims/{id}/review``), list
the judgements (``/api/reviews``, the ``/reviews`` page) and the ontology the form offers.

A review is a write, so it takes the same path as an upload: the server's I/O lock (one
DuckDB connection per process at a time), a short writable connection, then a wait until
the snapshot includes the judgement, so the next request sees it. Only same-origin JSON
requests may write: a page on another site cannot post a judgement through the browser.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from proxygraph.errors import Code, ProxygraphError
from proxygraph.ontology import CERTAINTIES, relations
from proxygraph.store import Store
from proxygraph.store.judgements import STATUSES
from proxygraph.web import models as m
from proxygraph.web import pages
from proxygraph.web import queries as qy
from proxygraph.web.api import Snap, database
from proxygraph.web.data import Database

router = APIRouter(prefix="/api")
page_router = APIRouter(include_in_schema=False)
# Seconds a review waits for a build's batch before it is refused with 503.
WRITE_WAIT = 10.0
# Coded errors and the status each becomes.
STATUS = {Code.E060: 404, Code.E012: 422, Code.E061: 422, Code.E062: 422, Code.E010: 503}
ClaimId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[0-9a-f]+$")]


def same_origin(request: Request) -> None:
    """Refuse a write a browser sends on behalf of another site (403), or one that is not
    JSON (415: a cross-site form can only send form encodings, which are never accepted)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        raise HTTPException(403, f"cross-site request refused ({site})")
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.headers.get('host')}":
        raise HTTPException(403, f"request from another origin refused ({origin})")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise HTTPException(415, "send the review as application/json")


@router.post(
    "/claims/{claim_id}/review",
    response_model=m.ReviewedOut,
    summary="Confirm, reject or correct a claim (or undo its judgement)",
    responses={
        403: {"model": m.ErrorOut},
        404: {"model": m.ErrorOut},
        415: {"model": m.ErrorOut},
    },
    dependencies=[Depends(same_origin)],
)
async def review_claim(
    claim_id: ClaimId,
    body: m.ReviewIn,
    db: Annotated[Database, Depends(database)],
) -> m.ReviewedOut:
    changes = body.set.model_dump(exclude_none=True) if body.set else {}
    if body.action == "correct" and not changes:
        raise HTTPException(422, "a correction needs at least one field in `set`")
    if body.action != "correct" and changes:
        raise HTTPException(422, "`set` goes with the action `correct`")
    claim = await run_in_threadpool(_write, db, claim_id, body.action, changes, body.note)
    await run_in_threadpool(db.refresh)  # the next request sees the judgement
    snap = db.snapshot()
    return m.ReviewedOut(claim=qy.claim_out(snap, claim))


def _write(db: Database, claim_id: str, action: str, changes: dict[str, Any], note: str | None):
    try:
        with db.io_lock, Store.open(db.path, catalog=db.catalog, timeout=WRITE_WAIT) as store:
            if action == "undo":
                return store.unjudge(claim_id)
            return store.judge(claim_id, action, changes, note)
    except ProxygraphError as exc:
        raise HTTPException(STATUS.get(exc.code, 400), str(exc)) from None


@router.get("/reviews", response_model=list[m.JudgementOut], summary="The analyst's judgements")
def reviews(
    snap: Snap,
    db: Annotated[Database, Depends(database)],
    status: Annotated[str | None, Query(pattern="^(confirmed|corrected|rejected)$")] = None,
) -> list[m.JudgementOut]:
    rows = db.read(lambda store: store.judgements(), wait=WRITE_WAIT)
    return [
        m.JudgementOut(
            status=j.status,
            matched=claim is not None,
            claim=qy.claim_out(snap, claim or j.claim()),
            changes=j.changes,
            note=j.note,
            judged_at=j.judged_at.isoformat(timespec="seconds"),
        )
        for j, claim in reversed(rows)  # the latest first
        if status in (None, j.status)
    ]


@router.get("/ontology", response_model=m.OntologyOut, summary="Relations and certainties")
def ontology() -> m.OntologyOut:
    return m.OntologyOut(
        relations=[m.RelationOut(**r.__dict__) for r in relations().values()],
        certainties=list(CERTAINTIES),
    )


@page_router.get("/reviews", response_class=HTMLResponse)
@page_router.get("/reviews.json")
def reviews_page(
    request: Request,
    snap: Snap,
    db: Annotated[Database, Depends(database)],
    status: Annotated[str | None, Query(pattern="^(confirmed|corrected|rejected)$")] = None,
) -> Response:
    items = reviews(snap, db, status)
    if request.url.path.endswith(".json"):
        return pages.render(
            request, "reviews.html", None, True, items=[i.model_dump(mode="json") for i in items]
        )
    return pages.templates.TemplateResponse(
        request, "reviews.html", {"items": items, "status": status, "statuses": STATUSES}
    )
