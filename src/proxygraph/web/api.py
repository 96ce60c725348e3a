"""The JSON API under /api: route -> snapshot -> query function -> typed model.

Routes are plain ``def``s, so FastAPI runs them in its thread pool, off the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from proxygraph.graph import contradictions, dyads, paths, summarize, timeline
from proxygraph.ontology import CERTAINTIES, FAMILIES, relations
from proxygraph.web import models as m
from proxygraph.web import queries as qy
from proxygraph.web.data import Database, Snapshot
from proxygraph.web.limits import MAX_UPLOAD_BYTES
from proxygraph.web.network import (
    MAX_EDGES,
    MAX_NODES,
    GraphFilter,
    edge_claims,
    network,
    pair_keys,
)
from proxygraph.web.upload import (
    ACCEPTED,
    Rejected,
    add_article,
    document_from_file,
    document_from_text,
)

router = APIRouter(prefix="/api")

Name = Annotated[str, Query(min_length=1, max_length=200)]
OptName = Annotated[str | None, Query(min_length=1, max_length=200)]
Year = Annotated[int | None, Query(ge=1000, le=2999)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def cached_json(snap: Snapshot, key: object, build: Callable[[], Any]) -> Response:
    """The JSON of ``build()``, serialised once per snapshot and key: a repeated query costs
    a dictionary look-up, not a validation and serialisation of thousands of edges."""
    return Response(
        snap.memo(("json", key), lambda: to_json(build())), media_type="application/json"
    )


def to_json(value: Any) -> bytes:
    if isinstance(value, list):
        return b"[" + b",".join(to_json(v) for v in value) + b"]"
    return value.model_dump_json(by_alias=True).encode("utf-8")


async def database(request: Request) -> Database:
    return request.app.state.db  # async: resolved on the loop, no thread hop


async def served(db: Database, key: object, build: Callable[[Snapshot], Response]) -> Response:
    """A cached answer straight from the event loop; anything else (a reload, a first
    computation) in the thread pool, so the loop never blocks on DuckDB or the graph."""
    snap = db.fresh()
    body = snap.cache.get(("json", key)) if snap is not None else None
    if body is not None:
        return Response(body, media_type="application/json")
    return await run_in_threadpool(lambda: build(db.snapshot()))


def warm(snap: Snapshot) -> None:
    """Answer the front page's query (the unfiltered graph) before the snapshot is served."""
    graph_response(snap, GraphFilter())


def warm_later(snap: Snapshot) -> None:
    """The summary (stance of every pair, centrality, communities), computed once the
    snapshot is served, so that the first ``/api/summary`` finds it ready."""
    summary_response(snap)


def snapshot(db: Annotated[Database, Depends(database)]) -> Snapshot:
    return db.snapshot()


Snap = Annotated[Snapshot, Depends(snapshot)]


def bad(detail: str) -> HTTPException:
    return HTTPException(422, detail)


def check_relation(name: str | None) -> str | None:
    if name is not None and name.upper() not in relations():
        raise bad(f"unknown relation {name!r}; known: {', '.join(relations())}")
    return name.upper() if name else None


def check_choice(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    if value is not None and value not in allowed:
        raise bad(f"unknown {what} {value!r}; known: {', '.join(allowed)}")
    return value


def check_years(year_from: int | None, year_to: int | None) -> None:
    if year_from is not None and year_to is not None and year_from > year_to:
        raise bad("year_from is after year_to")


def known_actor(snap: Snapshot, name: str) -> str:
    resolved = snap.resolve(name)
    if resolved not in snap.actor_rows:
        raise HTTPException(404, f"E012: unknown actor {name!r}")
    return resolved


# -- actors ------------------------------------------------------------------------


@router.get("/actors", response_model=m.ActorPage, summary="Actors, most claimed first")
def list_actors(
    snap: Snap,
    q: Annotated[str, Query(max_length=200)] = "",
    type: Annotated[str | None, Query(max_length=40)] = None,  # noqa: A002
    limit: Limit = 100,
    offset: Offset = 0,
) -> m.ActorPage:
    rows = [
        r for r in snap.actors if (not type or r.type == type) and q.casefold() in r.name.casefold()
    ]
    items = [m.ActorOut(**r.__dict__) for r in rows[offset : offset + limit]]
    return m.ActorPage(total=len(rows), limit=limit, offset=offset, items=items)


@router.get(
    "/actors/search",
    response_model=list[m.ActorMatch],
    summary="Autocomplete: actors whose name or any alias matches",
)
def search_actors(
    snap: Snap,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[m.ActorMatch]:
    return qy.search_actors(snap, q, limit)


@router.get(
    "/actors/{name:path}",
    response_model=m.ActorDetail,
    summary="One actor: relations, stance, timeline, aliases, designations",
)
def actor(name: str, snap: Snap, db: Annotated[Database, Depends(database)]) -> Response:
    resolved = known_actor(snap, name)
    return cached_json(snap, ("actor", resolved), lambda: actor_detail(snap, db, resolved))


def actor_detail(snap: Snapshot, db: Database, name: str) -> m.ActorDetail:
    resolved = known_actor(snap, name)
    # Read with the snapshot: an actor page opens no database connection.
    seen = snap.aliases_seen.get(resolved.lower(), [])
    return snap.memo(("actor", resolved), lambda: qy.actor_detail(snap, resolved, seen))


# -- claims ------------------------------------------------------------------------


@router.get("/claims", response_model=m.ClaimPage, summary="Claims with filters, paginated")
async def claims(
    db: Annotated[Database, Depends(database)],
    subject: OptName = None,
    object: OptName = None,
    actor: OptName = None,  # noqa: A002
    relation: Annotated[str | None, Query(max_length=40)] = None,
    family: Annotated[str | None, Query(max_length=40)] = None,
    certainty: Annotated[str | None, Query(max_length=40)] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    doc: Annotated[str | None, Query(max_length=500)] = None,
    negated: bool | None = None,
    year_from: Year = None,
    year_to: Year = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    check_years(year_from, year_to)
    flt = qy.ClaimFilter(
        subject,
        object,
        check_relation(relation),
        check_choice(family, FAMILIES, "family"),
        check_choice(certainty, CERTAINTIES, "certainty"),
        source,
        doc,
        negated,
        year_from,
        year_to,
        actor,
    )
    key = ("claim-page", flt, limit, offset)

    def page(snap: Snapshot) -> m.ClaimPage:
        found = qy.filter_claims(snap, flt)
        items = [qy.claim_out(snap, c) for c in found[offset : offset + limit]]
        return m.ClaimPage(total=len(found), limit=limit, offset=offset, items=items)

    return await served(db, key, lambda snap: cached_json(snap, key, lambda: page(snap)))


# -- judgement ---------------------------------------------------------------------


@router.get(
    "/dyads",
    response_model=list[m.DyadOut],
    summary="(subject, relation, object) with independent support, strongest first",
)
def get_dyads(snap: Snap, actor: OptName = None, limit: Limit = 100) -> Response:
    name = known_actor(snap, actor) if actor else None
    return cached_json(
        snap,
        ("dyads", name, limit),
        lambda: [
            m.DyadOut.model_validate(d.to_json()) for d in dyads(snap.claim_set, name)[:limit]
        ],
    )


@router.get(
    "/stance/{actor:path}",
    response_model=m.StanceOut,
    summary="An actor's counterparts as allies, adversaries and mixed",
)
def stance(actor: str, snap: Snap) -> Response:
    name = known_actor(snap, actor)
    return cached_json(snap, ("stance", name), lambda: qy.stance_out(snap, name))


@router.get("/timeline", response_model=m.TimelineOut, summary="What was claimed about a pair")
def get_timeline(snap: Snap, a: Name, b: Name) -> m.TimelineOut:
    x, y = known_actor(snap, a), known_actor(snap, b)
    entries = [m.EntryOut.model_validate(e.to_json()) for e in timeline(snap.claim_set, x, y)]
    return m.TimelineOut(a=x, b=y, entries=entries, transitions=qy.transitions_out(snap, x, y))


@router.get(
    "/transitions",
    response_model=list[m.TransitionOut],
    summary="Changes year by year (listed -> delisted, allied -> hostile), per pair",
)
def get_transitions(snap: Snap, actor: OptName = None, b: OptName = None) -> Response:
    x = known_actor(snap, actor) if actor else None
    y = known_actor(snap, b) if b else None
    if y and not x:
        raise bad("give actor with b")
    return cached_json(snap, ("transitions", x, y), lambda: qy.transitions_out(snap, x, y))


@router.get("/paths", response_model=m.PathsOut, summary="Explained paths between two actors")
def get_paths(snap: Snap, a: Name, b: Name) -> m.PathsOut:
    x, y = known_actor(snap, a), known_actor(snap, b)
    found = snap.memo(("paths", x, y), lambda: paths(snap.claim_set, x, y, snap.graph))
    return m.PathsOut(a=x, b=y, paths=[m.PathOut.model_validate(p.to_json()) for p in found])


@router.get(
    "/contradictions",
    response_model=list[m.ContradictionOut],
    summary="Where sources or stories disagree",
)
def get_contradictions(snap: Snap, actor: OptName = None) -> Response:
    name = known_actor(snap, actor) if actor else None
    return cached_json(
        snap,
        ("contradictions", name),
        lambda: [
            m.ContradictionOut.model_validate(c.to_json())
            for c in contradictions(snap.claim_set, name)
        ],
    )


@router.get("/summary", response_model=m.SummaryOut, summary="The corpus at a glance")
def summary(snap: Snap) -> Response:
    return summary_response(snap)


def summary_response(snap: Snapshot) -> Response:
    return cached_json(
        snap,
        "summary",
        lambda: m.SummaryOut.model_validate(summarize(snap.claim_set, graph=snap.graph).to_json()),
    )


# -- graph -------------------------------------------------------------------------


async def graph_filter(
    relation: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006  (FastAPI idiom)
    certainty: Annotated[list[str], Query(max_length=4)] = [],  # noqa: B006
    source: Annotated[str | None, Query(max_length=200)] = None,
    year_from: Year = None,
    year_to: Year = None,
    min_stories: Annotated[int, Query(ge=1, le=1000)] = 1,
    negated: bool = True,
    focus: OptName = None,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    max_nodes: Annotated[int, Query(ge=1, le=1000)] = MAX_NODES,
    max_edges: Annotated[int, Query(ge=1, le=10_000)] = MAX_EDGES,
    rejected: Annotated[
        bool,
        Query(
            description="also draw the edges made only of claims an analyst rejected "
            "(marked `rejected`), and list rejected claims in an edge's evidence"
        ),
    ] = False,
) -> GraphFilter:
    check_years(year_from, year_to)
    rels = tuple(sorted({check_relation(r) for r in relation if r}))
    certs = tuple(sorted({check_choice(c, CERTAINTIES, "certainty") for c in certainty if c}))
    return GraphFilter(
        rels,
        certs,
        source or None,
        year_from,
        year_to,
        min_stories,
        negated,
        focus,
        depth,
        max_nodes,
        max_edges,
        rejected,
    )


Filter = Annotated[GraphFilter, Depends(graph_filter)]


def focused(snap: Snapshot, flt: GraphFilter) -> GraphFilter:
    if not flt.focus:
        return flt
    return GraphFilter(**{**flt.__dict__, "focus": known_actor(snap, flt.focus)})


@router.get("/graph", response_model=m.GraphOut, summary="Nodes and edges for the network view")
async def graph(db: Annotated[Database, Depends(database)], flt: Filter) -> Response:
    return await served(db, ("graph", flt), lambda snap: graph_response(snap, flt))


def graph_response(snap: Snapshot, flt: GraphFilter) -> Response:
    return cached_json(snap, ("graph", flt), lambda: network(snap, focused(snap, flt)))


@router.get(
    "/edge",
    response_model=m.EdgeClaimsOut,
    summary="Every claim behind one edge of the network view, with its paragraph",
)
def edge(
    snap: Snap,
    flt: Filter,
    a: Name,
    b: Name,
    valence: Annotated[str, Query(pattern="^(cooperation|conflict|structure)$")],
    directed: Annotated[
        bool | None,
        Query(
            description="true: a's directed claims about b; false: symmetric ones; "
            "unset: both directions and symmetric"
        ),
    ] = None,
) -> Response:
    x, y = known_actor(snap, a), known_actor(snap, b)
    keys = pair_keys(x, y, valence, directed)

    def build() -> m.EdgeClaimsOut:
        found = edge_claims(snap, flt, *keys)
        return m.EdgeClaimsOut(
            a=x, b=y, valence=valence, claims=[qy.evidence_out(snap, c) for c in found]
        )

    return cached_json(snap, ("edge", tuple(keys), flt), build)


# -- documents ---------------------------------------------------------------------


@router.get("/documents", response_model=m.DocumentPage, summary="Documents, by id")
def documents(snap: Snap, limit: Limit = 100, offset: Offset = 0) -> m.DocumentPage:
    docs = list(snap.documents.values())
    items = [qy.document_out(snap, d) for d in docs[offset : offset + limit]]
    return m.DocumentPage(total=len(docs), limit=limit, offset=offset, items=items)


@router.get(
    "/documents/{doc_id:path}",
    response_model=m.DocumentDetail,
    summary="One document with its claims and the text cut at claim sentences",
)
def document(doc_id: str, snap: Snap) -> Response:
    return cached_json(snap, ("document", doc_id), lambda: document_detail(snap, doc_id))


def document_detail(snap: Snapshot, doc_id: str) -> m.DocumentDetail:
    doc = snap.documents.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return snap.memo(("document", doc_id), lambda: qy.document_detail(snap, doc))


@router.get("/limits", response_model=m.LimitsOut, summary="Upload limits")
def limits() -> m.LimitsOut:
    return m.LimitsOut(max_upload_bytes=MAX_UPLOAD_BYTES, accepted=list(ACCEPTED))


@router.post(
    "/documents",
    response_model=m.AddedOut,
    status_code=201,
    summary=f"Add an article (file or pasted text), at most {MAX_UPLOAD_BYTES} bytes",
    responses={413: {"model": m.ErrorOut}, 415: {"model": m.ErrorOut}, 400: {"model": m.ErrorOut}},
    # The form parser's own default is 1 MB a field: a pasted text may be as long as a file.
    form_limits={"max_part_size": MAX_UPLOAD_BYTES},
)
async def add_document(
    request: Request,
    file: Annotated[UploadFile | None, File()] = None,
    text: Annotated[str | None, Form(max_length=MAX_UPLOAD_BYTES)] = None,
    title: Annotated[str | None, Form(max_length=500)] = None,
    url: Annotated[str | None, Form(max_length=2000)] = None,
    published: Annotated[str | None, Form(max_length=40)] = None,
    publisher: Annotated[str | None, Form(max_length=200)] = None,
) -> m.AddedOut:
    db: Database = request.app.state.db
    settings = request.app.state.settings
    meta = {
        k: v
        for k, v in dict(title=title, url=url, published=published, publisher=publisher).items()
        if v
    }
    data = await file.read() if file is not None and file.filename else None
    if data is None and not text:
        raise HTTPException(400, "give a file or the article text")
    try:
        if data is not None:
            doc = await run_in_threadpool(document_from_file, file.filename, data, settings, meta)
        else:
            doc = await run_in_threadpool(document_from_text, text, settings, meta)
        added = await run_in_threadpool(add_article, db, doc, settings)
    except Rejected as exc:
        raise HTTPException(exc.status, str(exc)) from None
    await run_in_threadpool(db.refresh)  # the next request sees the article
    return added
