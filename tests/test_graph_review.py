"""Reviewed claims in the judgement layer: a confirmed or corrected claim weighs as verified."""

from __future__ import annotations

from pathlib import Path

from proxygraph.graph import claim_set, dyads, load_weights
from proxygraph.store import Store


def _arms_dyad(store: Store):
    cs = claim_set(store.claims(), store.documents())
    return next(d for d in dyads(cs, "Russia") if d.relation == "ARMS"), cs


def test_graph_review_verified_claims_weigh_more(filled_db: Path) -> None:
    factor = load_weights().review["verified"]
    assert factor > 1.0
    with Store.open(filled_db) as store:
        before, _ = _arms_dyad(store)
        for claim in store.claims(relation="ARMS", doc="d1"):
            store.judge(claim.id, "confirm")
        after, _ = _arms_dyad(store)
    # d1's claim is now verified: its independent group weighs `factor` times as much
    assert after.support.value > before.support.value
    assert after.evidence[0].review == "confirmed" and after.evidence[0].doc == "d1"


def test_graph_review_rejected_claims_leave_the_dyads(filled_db: Path) -> None:
    with Store.open(filled_db) as store:
        for claim in store.claims(relation="ARMS"):
            store.judge(claim.id, "reject")
        cs = claim_set(store.claims(), store.documents())
    assert all(d.relation != "ARMS" for d in dyads(cs, "Russia"))
