"""The JSON API and HTML pages, in-process, on the sample corpus (docs/web.md)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from proxygraph.store import Store
from proxygraph.web import create_app
from proxygraph.web.queries import ClaimFilter, filter_claims
from test_web_helpers import XSS_ACTOR, sample_db


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(sample_db()))


@pytest.fixture(scope="module")
def snap(client: TestClient):
    return client.app.state.db.snapshot()


# -- actors --------------------------------------------------------------------------


def test_web_actors_lists_most_claimed_first(client: TestClient) -> None:
    body = client.get("/api/actors", params={"limit": 5}).json()
    claims = [a["claims"] for a in body["items"]]
    assert body["total"] > 5 and len(claims) == 5 and claims == sorted(claims, reverse=True)


def test_web_actors_search_matches_aliases(client: TestClient) -> None:
    found = client.get("/api/actors/search", params={"q": "hizballah"}).json()
    assert found[0]["name"] == "Hezbollah"
    found = client.get("/api/actors/search", params={"q": "the Kremlin"}).json()
    assert found[0]["name"] == "Russia"


def test_web_actor_detail_has_relations_stance_and_catalog_facts(client: TestClient) -> None:
    body = client.get("/api/actors/Hizballah").json()  # any alias opens the page
    assert body["actor"]["name"] == "Hezbollah"
    assert body["relations"] and body["designations"] and "Hizballah" in body["aliases"]
    assert set(body["stance"]) == {"actor", "allies", "adversaries", "mixed"}
    assert all(y["year"] > 1900 for y in body["years"])


def test_web_actor_unknown_is_404(client: TestClient) -> None:
    r = client.get("/api/actors/Nobody%20At%20All")
    assert r.status_code == 404 and "E012" in r.json()["detail"]


# -- claims --------------------------------------------------------------------------

FILTERS = [
    {"subject": "Moscow"},
    {"object": "Taliban"},
    {"relation": "arms"},
    {"family": "conflict"},
    {"certainty": "reported"},
    {"source": "officials"},
    {"negated": True},
    {"year_from": 2017, "year_to": 2020},
    {"doc": "s01_russia_taliban_contacts"},
    {"actor": "Russia", "family": "diplomatic"},
]


@pytest.mark.parametrize("flt", FILTERS)
def test_web_claim_filters_equal_the_store(snap, flt: dict) -> None:
    with Store.open(sample_db(), read_only=True) as store:
        expected = [c.id for c in store.claims(**flt)]
    assert [c.id for c in filter_claims(snap, ClaimFilter(**flt))] == expected


def test_web_claims_paginate(client: TestClient) -> None:
    whole = client.get("/api/claims", params={"limit": 500}).json()
    page = client.get("/api/claims", params={"limit": 5, "offset": 5}).json()
    assert page["total"] == whole["total"] > 10
    assert [c["id"] for c in page["items"]] == [c["id"] for c in whole["items"][5:10]]


def test_web_claims_filter_by_alias_and_years(client: TestClient) -> None:
    body = client.get("/api/claims", params={"subject": "the Kremlin", "year_from": 2015}).json()
    assert body["total"] > 0
    assert all(c["subject"] == "Russia" and c["year"] >= 2015 for c in body["items"])


@pytest.mark.parametrize(
    "params",
    [
        {"relation": "LOVES"},
        {"family": "friendship"},
        {"certainty": "sure"},
        {"year_from": "abc"},
        {"year_from": 2020, "year_to": 2010},
        {"limit": 0},
        {"limit": 10_000},
        {"offset": -1},
        {"negated": "maybe"},
        {"subject": ""},
        {"subject": "x" * 500},
    ],
)
def test_web_claims_bad_input_is_422(client: TestClient, params: dict) -> None:
    r = client.get("/api/claims", params=params)
    assert r.status_code == 422, r.text
    assert r.json()["detail"]


# -- judgement -----------------------------------------------------------------------


def test_web_dyads_stance_timeline_paths_contradictions_summary(client: TestClient) -> None:
    assert client.get("/api/dyads", params={"actor": "Russia", "limit": 3}).json()[0]["net"] >= 0
    stance = client.get("/api/stance/Russia").json()
    assert stance["actor"] == "Russia" and (stance["allies"] or stance["adversaries"])
    entries = client.get("/api/timeline", params={"a": "Russia", "b": "Taliban"}).json()
    assert entries["entries"] and all(
        {e["subject"], e["object"]} == {"Russia", "Taliban"} for e in entries["entries"]
    )
    paths = client.get("/api/paths", params={"a": "Iran", "b": "Houthis"}).json()
    assert paths["paths"] and paths["paths"][0]["actors"][0] == "Iran"
    assert isinstance(client.get("/api/contradictions").json(), list)
    summary = client.get("/api/summary").json()
    assert summary["documents"] >= 13 and summary["claims"] > 0


@pytest.mark.parametrize(
    "url",
    [
        "/api/stance/Nobody",
        "/api/timeline?a=Russia&b=Nobody",
        "/api/paths?a=Nobody&b=Iran",
        "/api/dyads?actor=Nobody",
        "/api/contradictions?actor=Nobody",
    ],
)
def test_web_judgement_unknown_actor_is_404(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/api/timeline?a=Russia", "/api/paths", "/api/edge?a=Russia"])
def test_web_missing_parameters_are_422(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 422


# -- graph ---------------------------------------------------------------------------


def test_web_graph_nodes_and_edges_are_consistent(client: TestClient) -> None:
    body = client.get("/api/graph").json()
    names = {n["id"] for n in body["nodes"]}
    assert body["edges"] and all(
        e["source"] in names and e["target"] in names for e in body["edges"]
    )
    assert {e["valence"] for e in body["edges"]} <= {"cooperation", "conflict", "structure"}
    degree = {n["id"]: n["degree"] for n in body["nodes"]}
    assert degree["Russia"] == max(degree.values())


def test_web_graph_filters_by_relation_certainty_and_stories(client: TestClient) -> None:
    arms = client.get("/api/graph", params={"relation": "ARMS"}).json()
    assert arms["edges"] and all(set(e["relations"]) == {"ARMS"} for e in arms["edges"])
    denied = client.get("/api/graph", params={"certainty": "denied"}).json()
    assert all(e["certainty"] == "denied" for e in denied["edges"])
    many = client.get("/api/graph", params={"min_stories": 2}).json()
    assert all(e["stories"] >= 2 for e in many["edges"])
    assert len(many["edges"]) < len(client.get("/api/graph").json()["edges"])


def test_web_graph_focus_keeps_the_neighbourhood(client: TestClient) -> None:
    body = client.get("/api/graph", params={"focus": "Houthis"}).json()
    assert all("Houthis" in (e["source"], e["target"]) for e in body["edges"])
    wider = client.get("/api/graph", params={"focus": "Houthis", "depth": 2}).json()
    assert len(wider["nodes"]) > len(body["nodes"])


def test_web_graph_caps_nodes(client: TestClient) -> None:
    body = client.get("/api/graph", params={"max_nodes": 5}).json()
    assert body["truncated"] and len(body["nodes"]) <= 5


@pytest.mark.parametrize(
    "params",
    [
        {"relation": "NOPE"},
        {"certainty": "maybe"},
        {"min_stories": 0},
        {"depth": 9},
        {"year_from": 2024, "year_to": 2000},
        {"focus": "Nobody"},
    ],
)
def test_web_graph_bad_input_is_4xx(client: TestClient, params: dict) -> None:
    assert client.get("/api/graph", params=params).status_code in (404, 422)


def test_web_edge_lists_claims_with_their_paragraph(client: TestClient) -> None:
    edge = next(
        e
        for e in client.get("/api/graph").json()["edges"]
        if {e["source"], e["target"]} == {"Russia", "Taliban"}
    )
    params = {"a": edge["source"], "b": edge["target"], "valence": edge["valence"]}
    body = client.get("/api/edge", params={**params, "directed": edge["directed"]}).json()
    assert len(body["claims"]) == edge["claims"]
    for claim in body["claims"]:
        ctx = claim["context"]
        assert ctx["paragraph"][ctx["start"] : ctx["end"]] == claim["quote"]
    # Without ``directed``: every claim of that valence between the two, either way.
    pair = [
        e
        for e in client.get("/api/graph").json()["edges"]
        if {e["source"], e["target"]} == {"Russia", "Taliban"} and e["valence"] == edge["valence"]
    ]
    both = client.get("/api/edge", params=params).json()["claims"]
    assert len(both) == sum(e["claims"] for e in pair)


def test_web_graph_directed_relations_are_directed_edges(client: TestClient) -> None:
    edges = client.get("/api/graph", params={"relation": "ARMS"}).json()["edges"]
    assert edges and all(e["directed"] for e in edges)
    armed = client.get("/api/claims", params={"relation": "ARMS", "limit": 500}).json()["items"]
    for e in edges:
        got = [c for c in armed if (c["subject"], c["object"]) == (e["source"], e["target"])]
        assert len(got) == e["claims"]
    engages = client.get("/api/graph", params={"relation": "ENGAGES"}).json()["edges"]
    assert engages and not any(e["directed"] for e in engages)
    assert all(e["source"] < e["target"] for e in engages)


def test_web_graph_positions_are_deterministic(client: TestClient, tmp_path) -> None:
    whole = {n["id"]: (n["x"], n["y"]) for n in client.get("/api/graph").json()["nodes"]}
    assert len(set(whole.values())) == len(whole)  # no two actors on one spot
    some = client.get("/api/graph", params={"relation": "ARMS"}).json()["nodes"]
    assert some and all((n["x"], n["y"]) == whole[n["id"]] for n in some)


# -- documents and pages -------------------------------------------------------------


def test_web_document_segments_rebuild_the_text(client: TestClient) -> None:
    body = client.get("/api/documents/s03_iran_hezbollah").json()
    rebuilt = "\n".join("".join(s["text"] for s in p) for p in body["paragraphs"])
    assert rebuilt.split() == body["text"].split()
    marked = {
        body["claims"][i]["quote"] for p in body["paragraphs"] for s in p for i in s["claims"]
    }
    assert marked == {c["quote"] for c in body["claims"]}


def test_web_document_unknown_is_404(client: TestClient) -> None:
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/document/nope", headers={"accept": "text/html"}).status_code == 404


@pytest.mark.parametrize(
    "page",
    [
        "/actor/Russia",
        "/document/s01_russia_taliban_contacts",
        "/actors",
        "/documents",
        "/add",
    ],
)
def test_web_every_page_has_a_json_twin(client: TestClient, page: str) -> None:
    html = client.get(page)
    twin = client.get(page + ".json")
    assert html.status_code == twin.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert twin.headers["content-type"] == "application/json"


def test_web_graph_page_twin_matches_api(client: TestClient) -> None:
    assert client.get("/").status_code == 200
    assert (
        client.get("/graph.json?relation=ARMS").json()
        == client.get("/api/graph?relation=ARMS").json()
    )


def test_web_actor_page_shows_aliases_and_designations(client: TestClient) -> None:
    html = client.get("/actor/Houthis").text
    assert "Ansar Allah" in html and "Designations" in html and "timeline-chart" in html


def test_web_openapi_lists_every_api_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for route in (
        "/api/actors",
        "/api/actors/search",
        "/api/claims",
        "/api/graph",
        "/api/edge",
        "/api/dyads",
        "/api/timeline",
        "/api/paths",
        "/api/contradictions",
        "/api/summary",
        "/api/documents",
        "/api/limits",
    ):
        assert route in paths, route


def test_web_provisional_actor_with_markup_resolves(client: TestClient) -> None:
    found = client.get("/api/actors/search", params={"q": "Brigade"}).json()
    assert XSS_ACTOR in {f["name"] for f in found}
