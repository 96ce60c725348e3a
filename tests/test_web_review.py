"""Reviewing claims over HTTP: POST /api/claims/{id}/review, /api/reviews, the /reviews page,
and what a judgement changes in the graph, the claims and the document page."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from proxygraph.store import Store
from proxygraph.web import create_app
from test_web_helpers import XSS_DOC, copy_db
from test_web_security import active_content

REVIEW = "/api/claims/{}/review"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(copy_db(tmp_path / "review.duckdb")))


def single_claim_edge(client: TestClient) -> tuple[dict, dict]:
    """An edge of the graph with one claim behind it, and that claim."""
    graph = client.get("/api/graph").json()
    edge = next(e for e in graph["edges"] if e["claims"] == 1)
    params = {"a": edge["source"], "b": edge["target"], "valence": edge["valence"]}
    [claim] = client.get("/api/edge", params=params).json()["claims"]
    return edge, claim


def edge_ids(client: TestClient) -> set[str]:
    return {e["id"] for e in client.get("/api/graph").json()["edges"]}


def test_web_review_reject_removes_the_edge_and_lists_the_claim(client: TestClient) -> None:
    edge, claim = single_claim_edge(client)
    r = client.post(REVIEW.format(claim["id"]), json={"action": "reject", "note": "misread"})
    assert r.status_code == 200, r.text
    assert r.json()["claim"]["review"]["status"] == "rejected"
    assert edge["id"] not in edge_ids(client)
    ids = {c["id"] for c in client.get("/api/claims", params={"limit": 500}).json()["items"]}
    assert claim["id"] not in ids
    doc = client.get(f"/api/documents/{claim['doc']}").json()
    listed = [c for c in doc["claims"] if c["id"] == claim["id"]]
    assert listed and listed[0]["review"]["status"] == "rejected"
    page = client.get(f"/document/{claim['doc']}")
    assert "show rejected (1)" in page.text
    [item] = client.get("/api/reviews").json()
    assert item["status"] == "rejected" and item["matched"] and item["note"] == "misread"
    assert claim["quote"] in html.unescape(client.get("/reviews?status=rejected").text)
    assert client.get("/reviews.json").json()["items"][0]["claim"]["id"] == claim["id"]
    assert client.get("/reviews.json?status=confirmed").json()["items"] == []
    # undo: the edge is back
    r = client.post(REVIEW.format(claim["id"]), json={"action": "undo"})
    assert r.status_code == 200 and r.json()["claim"]["review"] is None
    assert edge["id"] in edge_ids(client)


def test_web_review_correct_changes_relation_and_actor(client: TestClient) -> None:
    _, claim = single_claim_edge(client)
    body = {"action": "correct", "set": {"relation": "FUNDS", "object": "Hizballah"}}
    r = client.post(REVIEW.format(claim["id"]), json=body)
    assert r.status_code == 200, r.text
    judged = r.json()["claim"]
    assert judged["relation"] == "FUNDS" and judged["object"] == "Hezbollah"
    assert judged["review"]["status"] == "corrected"
    assert judged["review"]["was"]["object"] == claim["object"]
    found = client.get("/api/claims", params={"relation": "FUNDS", "object": "Hezbollah"}).json()
    assert judged["id"] in {c["id"] for c in found["items"]}
    # the corrected claim's new id is accepted too
    r = client.post(REVIEW.format(judged["id"]), json={"action": "confirm"})
    assert r.status_code == 200 and r.json()["claim"]["review"]["status"] == "corrected"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"action": "correct", "set": {"relation": "LOVES"}}, 422),
        ({"action": "correct", "set": {"certainty": "sure"}}, 422),
        ({"action": "correct", "set": {"time": "last spring"}}, 422),
        ({"action": "correct", "set": {"colour": "red"}}, 422),
        ({"action": "correct", "set": {"object": "Nobody Whatsoever"}}, 422),
        ({"action": "correct"}, 422),
        ({"action": "reject", "set": {"relation": "ARMS"}}, 422),
        ({"action": "maybe"}, 422),
        ({"action": "confirm", "note": "x" * 2001}, 422),
    ],
)
def test_web_review_bad_body_is_422(client: TestClient, body: dict, status: int) -> None:
    _, claim = single_claim_edge(client)
    r = client.post(REVIEW.format(claim["id"]), json=body)
    assert r.status_code == status, r.text
    assert client.get("/api/reviews").json() == []


def test_web_review_unknown_claim_is_404(client: TestClient) -> None:
    r = client.post(REVIEW.format("ffffffffffffffff"), json={"action": "confirm"})
    assert r.status_code == 404 and "E060" in r.json()["detail"]


def test_web_review_refuses_cross_site_and_non_json(client: TestClient) -> None:
    _, claim = single_claim_edge(client)
    url = REVIEW.format(claim["id"])
    evil = client.post(url, json={"action": "reject"}, headers={"Origin": "https://evil.example"})
    assert evil.status_code == 403
    site = client.post(url, json={"action": "reject"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert site.status_code == 403
    form = client.post(url, data={"action": "reject"})
    assert form.status_code == 415
    same = client.post(url, json={"action": "reject"}, headers={"Origin": "http://testserver"})
    assert same.status_code == 200


def test_web_review_in_the_openapi_schema(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    post = schema["paths"]["/api/claims/{claim_id}/review"]["post"]
    ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/ReviewIn")
    changes = schema["components"]["schemas"]["ClaimChanges"]["properties"]
    assert "ARMS" in changes["relation"]["anyOf"][0]["enum"]
    assert "/api/reviews" in schema["paths"] and "/api/ontology" in schema["paths"]


def test_web_review_hostile_claim_and_note_render_as_text(client: TestClient) -> None:
    [claim] = client.get(f"/api/documents/{XSS_DOC}").json()["claims"]
    note = '<script>window.__xss=9</script><img src=x onerror="window.__xss=10">'
    r = client.post(REVIEW.format(claim["id"]), json={"action": "reject", "note": note})
    assert r.status_code == 200, r.text
    for page in ("/reviews", f"/document/{XSS_DOC}"):
        text = client.get(page).text
        assert active_content(text) == [], page
    assert client.get("/api/reviews").json()[0]["note"] == note  # kept verbatim


def test_web_review_serves_a_store_of_the_previous_schema(tmp_path: Path) -> None:
    db = copy_db(tmp_path / "old.duckdb")
    with Store.open(db) as store:  # as proxygraph left it before judgements existed
        store.conn.execute("DROP TABLE judgements")
        store.conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    client = TestClient(create_app(db))
    assert client.get("/api/claims").status_code == 200
    assert client.get("/api/reviews").json() == []


def test_web_review_rejected_edges_shown_only_with_the_toggle(client: TestClient) -> None:
    edge, claim = single_claim_edge(client)
    before = {n["id"]: (n["x"], n["y"]) for n in client.get("/api/graph").json()["nodes"]}
    client.post(REVIEW.format(claim["id"]), json={"action": "reject"})
    assert edge["id"] not in edge_ids(client)
    shown = client.get("/api/graph", params={"rejected": "true"}).json()
    [back] = [e for e in shown["edges"] if e["id"] == edge["id"]]
    assert back["rejected"] and back["claims"] == 1
    # the standing edges are the same, unmarked; the actors kept their places
    standing = client.get("/api/graph").json()["edges"]
    assert all(not e["rejected"] for e in standing)
    assert {e["id"] for e in shown["edges"] if not e["rejected"]} == {e["id"] for e in standing}
    after = {n["id"]: (n["x"], n["y"]) for n in shown["nodes"]}
    assert all(after[k] == before[k] for k in after.keys() & before.keys())
    params = {"a": edge["source"], "b": edge["target"], "valence": edge["valence"]}
    assert client.get("/api/edge", params=params).json()["claims"] == []
    [listed] = client.get("/api/edge", params={**params, "rejected": "true"}).json()["claims"]
    assert listed["id"] == claim["id"] and listed["review"]["status"] == "rejected"


def test_web_review_rejected_claim_on_a_standing_edge_listed_last(client: TestClient) -> None:
    graph = client.get("/api/graph").json()
    edge = next(e for e in graph["edges"] if e["claims"] >= 2)
    params = {"a": edge["source"], "b": edge["target"], "valence": edge["valence"]}
    claims = client.get("/api/edge", params=params).json()["claims"]
    client.post(REVIEW.format(claims[0]["id"]), json={"action": "reject"})
    shown = client.get("/api/graph", params={"rejected": "true"}).json()
    [kept] = [e for e in shown["edges"] if e["id"] == edge["id"]]
    assert not kept["rejected"] and kept["claims"] == edge["claims"] - 1
    listed = client.get("/api/edge", params={**params, "rejected": "true"}).json()["claims"]
    assert [c["id"] for c in listed] == [c["id"] for c in claims[1:]] + [claims[0]["id"]]
    assert listed[-1]["review"]["status"] == "rejected"
