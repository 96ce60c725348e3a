"""Judgements in the store: kept apart from the claims, applied when claims are read, and
found again after a document is extracted anew (claim ids changed)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from proxygraph.errors import Code, ProxygraphError
from proxygraph.store import Store
from support import make_extraction


def _arms(store: Store):
    return next(c for c in store.claims() if c.relation == "ARMS")


def test_store_judgements_reject_hides_the_claim_everywhere(filled_db: Path) -> None:
    with Store.open(filled_db) as store:
        before = len(store.claims())
        arms = next(c for c in store.claims(doc="d1") if c.relation == "ARMS")
        judged = store.judge(arms.id, "reject", note="the sentence says nothing of arms")
        assert judged.extras["review"]["status"] == "rejected"
        assert len(store.claims()) == before - 1
        assert all(c.id != arms.id for c in store.claims())
        assert store.claims(relation="ARMS", doc="d1") == []
        shown = store.claims(doc="d1", include_rejected=True)
        rejected = [c for c in shown if c.extras.get("review")]
        assert [c.id for c in rejected] == [arms.id]
        assert rejected[0].extras["review"]["note"] == "the sentence says nothing of arms"
        # the extracted claims themselves are untouched
        assert len(store.claims(judged=False)) == before


def test_store_judgements_correction_is_what_filters_see(filled_db: Path) -> None:
    with Store.open(filled_db) as store:
        arms = next(c for c in store.claims(doc="d1") if c.relation == "ARMS")
        fixed = store.judge(arms.id, "correct", {"relation": "funds", "time": "2016-05"})
        assert (fixed.relation, fixed.family, fixed.time) == ("FUNDS", "material", "2016-05")
        review = fixed.extras["review"]
        assert review["status"] == "corrected"
        assert review["was"] == {"relation": "ARMS", "time": "2017"}
        assert review["claim_id"] == arms.id and fixed.id != arms.id
        assert [c.id for c in store.claims(relation="FUNDS", doc="d1")] == [fixed.id]
        assert store.claims(relation="ARMS", doc="d1") == []
        assert store.claims(doc="d1", year_from=2016, year_to=2016, relation="FUNDS")
        # either id finds it; a later confirm keeps the correction
        assert store.find_claim(arms.id)[0].id == fixed.id
        again = store.judge(fixed.id, "confirm")
        assert again.relation == "FUNDS" and again.extras["review"]["status"] == "corrected"
        # setting a field back to what the extractor read is no correction
        back = store.judge(fixed.id, "correct", {"relation": "ARMS", "time": "2017"})
        assert back.id == arms.id and back.extras["review"]["status"] == "confirmed"


def test_store_judgements_actor_correction_resolves_aliases(filled_db: Path) -> None:
    with Store.open(filled_db) as store:
        arms = next(c for c in store.claims(doc="d1") if c.relation == "ARMS")
        fixed = store.judge(arms.id, "correct", {"object": "Hizballah", "negated": "true"})
        assert fixed.object == "Hezbollah" and fixed.negated
        assert fixed.object_type == "armed_group"
        assert "Hezbollah" in {a.name for a in store.actors()}


def test_store_judgements_survive_a_new_extraction_with_new_ids(filled_db: Path) -> None:
    """The document extracted again: offsets shifted (a new first paragraph) and another
    certainty, so every claim id changed; the judgement still applies to its sentence."""
    with Store.open(filled_db) as store:
        arms = next(c for c in store.claims(doc="d1") if c.relation == "ARMS")
        store.judge(arms.id, "correct", {"relation": "TRAINS"}, note="camps, not arms")
        old = make_extraction("d1")
        shift = "A new opening paragraph.\n"
        claims = [
            replace(
                c,
                start=c.start + len(shift),
                end=c.end + len(shift),
                certainty="alleged" if c.relation == "ARMS" else c.certainty,
            )
            for c in old.claims
        ]
        doc = replace(old.doc, text=shift + old.doc.text, kept=None)
        store.add(replace(old, doc=doc, claims=claims))
        now = next(c for c in store.claims(doc="d1") if c.start == arms.start + len(shift))
        stored_ids = {c.id for c in store.claims(doc="d1", judged=False)}
        assert arms.id not in stored_ids  # the extraction's ids changed
        assert now.relation == "TRAINS" and now.certainty == "alleged"
        assert now.extras["review"]["note"] == "camps, not arms"
        [(judgement, claim)] = store.judgements()
        assert claim is not None and claim.id == now.id


def test_store_judgements_unmatched_after_the_sentence_changes(filled_db: Path) -> None:
    with Store.open(filled_db) as store:
        arms = next(c for c in store.claims(doc="d1") if c.relation == "ARMS")
        store.judge(arms.id, "confirm")
        old = make_extraction("d1")
        claims = [replace(c, quote=c.quote.replace("armed", "arms")) for c in old.claims]
        store.add(replace(old, claims=claims))
        [(judgement, claim)] = store.judgements()
        assert claim is None and judgement.status == "confirmed"
        assert judgement.claim().relation == "ARMS"  # kept for the gold export


def test_store_judgements_undo(filled_db: Path) -> None:
    with Store.open(filled_db) as store:
        arms = next(c for c in store.claims(doc="d1") if c.relation == "ARMS")
        store.judge(arms.id, "reject")
        back = store.unjudge(arms.id)
        assert back.id == arms.id and "review" not in back.extras
        assert not store.has_judgements()


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"relation": "LOVES"}, Code.E062),
        ({"certainty": "sure"}, Code.E062),
        ({"negated": "perhaps"}, Code.E062),
        ({"time": "last spring"}, Code.E062),
        ({"colour": "red"}, Code.E061),
        ({"object": "Nowhere Front"}, Code.E012),
        ({"object": "Russia"}, Code.E062),  # the subject itself
    ],
)
def test_store_judgements_bad_values_are_coded(filled_db: Path, changes, code) -> None:
    with Store.open(filled_db) as store:
        arms = next(c for c in store.claims(doc="d1") if c.relation == "ARMS")
        with pytest.raises(ProxygraphError) as err:
            store.judge(arms.id, "correct", changes)
        assert err.value.code is code
        assert not store.has_judgements()  # nothing half-written


def test_store_judgements_unknown_claim_is_e030(filled_db: Path) -> None:
    with Store.open(filled_db) as store, pytest.raises(ProxygraphError) as err:
        store.judge("0123456789abcdef", "confirm")
    assert err.value.code is Code.E060


def test_store_judgements_rejected_claims_leave_actor_counts(filled_db: Path) -> None:
    with Store.open(filled_db) as store:
        counts = {a.name: a.claims for a in store.actors()}
        for claim in store.claims():
            if claim.relation == "ARMS":
                store.judge(claim.id, "reject")
        after = {a.name: a.claims for a in store.actors()}
    assert after["Taliban"] == counts["Taliban"] - 2


def test_store_judgements_table_added_to_a_version_2_store(filled_db: Path) -> None:
    with Store.open(filled_db) as store:
        store.conn.execute("DROP TABLE judgements")
        store.conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with Store.open(filled_db) as store:
        assert store.get_meta("schema_version") == "3"
        assert not store.has_judgements()
        store.judge(_arms(store).id, "confirm")
        assert store.has_judgements()
