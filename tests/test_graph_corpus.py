"""The judgement layer on the shared corpus's gold claims: what good extraction adds up to.

Gold claims are read from ../shared/eval/dev at test time; nothing in the product names
these actors, so the stance comes from the relations and the weights alone.
"""

from __future__ import annotations

import json

import pytest

from proxygraph.graph import actor_stance, claim_set, contradictions, paths
from proxygraph.models import Claim, Document

GOLD = "eval/dev/gold.jsonl"


@pytest.fixture(scope="module")
def gold_set():
    from support import CORPUS, SHARED

    if not (SHARED / GOLD).is_file():
        pytest.skip("../shared/eval/dev is not available")
    from proxygraph.ingest import read_paths

    folders = [CORPUS / "seeds", CORPUS / "news"]  # the stories of the first dev set
    documents = [d for d in read_paths(folders) if isinstance(d, Document)]
    rows = [json.loads(line) for line in (SHARED / GOLD).read_text("utf-8").splitlines()]
    claims = [Claim(start=0, end=len(r["quote"]), **r) for r in rows]
    return claim_set(claims, documents)


def counterparts(groups, label: str) -> set[str]:
    return {p.other("Russia") for p in groups[label]}


def test_graph_corpus_russia_stance_from_gold_claims(gold_set):
    groups = actor_stance(gold_set, "Russia")
    assert {"Hezbollah", "Houthis", "Hamas", "Taliban"} <= counterparts(groups, "allies")
    assert "ISIS" in counterparts(groups, "adversaries")
    for pair in groups["allies"][:4]:
        assert pair.cooperative and pair.statement.startswith("allies")


def test_graph_corpus_isis_reading_is_contradicted(gold_set):
    """One article has Russia pounding ISIS, another has Russia's strikes sparing it."""
    found = contradictions(gold_set, "ISIS")
    assert any({c.a, c.b} == {"Russia", "ISIS"} for c in found)


def test_graph_corpus_path_russia_houthis(gold_set):
    best = paths(gold_set, "Russia", "Houthis")
    assert best and all(p.hops for p in best)
    assert any(len(p.actors) > 2 for p in best)  # linked through others as well
