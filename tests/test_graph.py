"""The judgement layer on small hand-built claim sets with known answers."""

from __future__ import annotations

import pytest

from proxygraph.actors import Catalog, Gazetteer
from proxygraph.graph import (
    actor_stance,
    build_graph,
    centrality,
    claim_set,
    communities,
    contradictions,
    dyads,
    group_stories,
    pair_stance,
    paths,
    summarize,
    support,
    timeline,
)
from proxygraph.models import Claim, Document

WIRE = (
    "The ministry said on Tuesday that a convoy of forty trucks had crossed the northern "
    "border overnight carrying rifles, mortar rounds and spare parts for the militia, the "
    "third such delivery this spring according to customs records seen by reporters. "
    "Officials declined to say who paid for the shipment, but two people familiar with the "
    "matter said the cargo was loaded at a depot used by the army of the neighbouring state "
    "and escorted by its border guards until the handover at the river crossing."
)


def judged(claims: list[Claim], docs: list[Document]):
    """A claim set whose stories use an empty catalog: these tests need no actor data."""
    stories = group_stories(docs, claims, actor_finder=Gazetteer(Catalog()))
    return claim_set(claims, docs, stories=stories)


def doc(
    doc_id: str, publisher: str | None = None, published: str | None = None, text: str | None = None
) -> Document:
    return Document(
        id=doc_id, text=text or f"Report {doc_id}.", publisher=publisher, published=published
    )


def claim(
    doc_id: str,
    s: str,
    rel: str,
    o: str,
    certainty: str = "asserted",
    negated: bool = False,
    source: str | None = None,
    time: str | None = None,
) -> Claim:
    quote = f"{s} {rel.lower()} {o} ({doc_id})."
    return Claim(
        doc=doc_id,
        subject=s,
        relation=rel,
        object=o,
        quote=quote,
        start=0,
        end=len(quote),
        negated=negated,
        certainty=certainty,
        source=source,
        time=time,
    )


@pytest.fixture(scope="module")
def world():
    """Ruritania: arms Blue Front, fights Black Order, both with Green League, denies arming
    Red Militia; allied with Iberia, which arms Harbour Rebels."""
    docs = [doc(f"d{i}", publisher=f"Paper {i}", published=f"201{i}-05-01") for i in range(1, 7)]
    claims = [
        claim("d1", "Ruritania", "ARMS", "Blue Front"),
        claim("d2", "Ruritania", "FUNDS", "Blue Front", "reported", source="U.S. officials"),
        claim("d1", "Ruritania", "ATTACKS", "Black Order"),
        claim("d3", "Ruritania", "ATTACKS", "Black Order"),
        claim("d2", "Ruritania", "ENGAGES", "Green League"),
        claim("d3", "Ruritania", "ATTACKS", "Green League", "alleged"),
        claim("d2", "Ruritania", "ENGAGES", "Yellow Party"),
        claim("d4", "Ruritania", "ARMS", "Red Militia", "alleged", source="U.S. officials"),
        claim("d5", "Ruritania", "ARMS", "Red Militia", "denied", source="Ruritanian ministry"),
        claim("d1", "Blue Front", "MEMBER_OF", "Axis"),
        claim("d1", "Ruritania", "ALLIED_WITH", "Iberia"),
        claim("d4", "Iberia", "ALLIED_WITH", "Ruritania"),
        claim("d6", "Iberia", "ARMS", "Harbour Rebels"),
        claim("d3", "Black Order", "ATTACKS", "Harbour Rebels"),
    ]
    return judged(claims, docs)


def test_graph_stance_sorts_counterparts(world):
    groups = actor_stance(world, "Ruritania")
    names = {label: [p.other("Ruritania") for p in pairs] for label, pairs in groups.items()}
    assert names["allies"][0] == "Blue Front"
    assert names["allies"].index("Blue Front") < names["allies"].index("Yellow Party")
    assert set(names["allies"]) == {"Blue Front", "Yellow Party", "Iberia"}
    assert names["adversaries"] == ["Black Order"]
    assert names["mixed"] == ["Green League"]


def test_graph_stance_scores_sign_and_evidence(world):
    blue = pair_stance(world, "Ruritania", "Blue Front")
    black = pair_stance(world, "Ruritania", "Black Order")
    assert blue.score == pytest.approx(1.0 * 1.0 + 0.8 * 0.8)  # ARMS asserted + FUNDS reported
    assert blue.balance == 1.0 and black.balance == -1.0
    assert blue.stories == 2 and blue.sources == 2
    assert [e.relation for e in blue.cooperative] == ["ARMS", "FUNDS"]
    assert black.hostile and not black.cooperative
    assert "allies" in blue.statement and "2 stories" in blue.statement


def test_graph_structure_relations_do_not_move_stance(world):
    axis = pair_stance(world, "Blue Front", "Axis")
    assert axis.score == 0 and axis.mass == 0


def test_graph_denial_cancels_allegation_and_is_a_contradiction(world):
    red = pair_stance(world, "Ruritania", "Red Militia")
    assert red.mass == 0  # alleged (0.5) minus a denial (0.5)
    found = [c for c in contradictions(world, "Ruritania") if c.kind == "denied"]
    assert [c.claim for c in found] == ["Ruritania ARMS Red Militia"]
    assert found[0].sources_for == ["U.S. officials"]
    assert found[0].sources_against == ["Ruritanian ministry"]


def test_graph_opposite_readings_are_contradictions(world):
    docs = [
        doc("a", "Paper A", "2016-01-01"),
        doc("b", "Paper B", "2016-03-01"),
        doc("c", "Paper C", "2021-01-01"),
    ]
    claims = [
        claim("a", "Ruritania", "ATTACKS", "Black Order"),
        claim("b", "Ruritania", "SUPPORTS", "Black Order", "alleged"),
        claim("c", "Ruritania", "ARMS", "Grey Army"),
        claim("a", "Ruritania", "ATTACKS", "Grey Army"),
    ]  # five years apart: a change
    found = contradictions(judged(claims, docs))
    assert [(c.kind, c.b) for c in found] == [("opposite", "Ruritania")]
    assert found[0].a == "Black Order"
    assert found[0].for_[0].relation == "SUPPORTS" and found[0].against[0].relation == "ATTACKS"


def test_graph_wire_copies_weigh_as_one(world):
    """A claim in five copies of one wire story weighs no more than in one copy."""
    copies = [
        doc(f"w{i}", f"Site {i}", "2020-02-02", f"Posted by Site {i}. " + WIRE) for i in range(5)
    ]
    claims = [claim(d.id, "Ruritania", "ARMS", "Red Militia") for d in copies]
    five = judged(claims, copies)
    one = judged(claims[:1], copies[:1])
    assert len(five.stories) == 1
    assert support(five, five.claims).value == support(one, one.claims).value == 1.0
    assert (support(five, five.claims).stories, support(five, five.claims).sources) == (1, 1)


def test_graph_shared_source_counts_once():
    docs = [doc("x", "Paper X"), doc("y", "Paper Y"), doc("z", "Paper Z")]
    claims = [
        claim("x", "Ruritania", "ARMS", "Red Militia", "reported", source="Gen. John Smith"),
        claim("y", "Ruritania", "ARMS", "Red Militia", "reported", source="Smith"),
    ]
    cs = judged(claims, docs)
    weight = support(cs, cs.claims)
    assert (weight.value, weight.stories, weight.sources) == (0.8, 2, 1)
    cs = judged([*claims, claim("z", "Ruritania", "ARMS", "Red Militia")], docs)
    assert support(cs, cs.claims).value == pytest.approx(1.8)  # an independent third voice


def test_graph_anonymous_and_vague_sources_are_not_independent():
    docs = [doc("x", "Paper X"), doc("y", "Paper Y")]
    claims = [
        claim("x", "Ruritania", "ARMS", "Red Militia", "reported", source="he"),
        claim("x", "Ruritania", "ARMS", "Red Militia"),
        claim("y", "Ruritania", "ARMS", "Red Militia", "reported", source="U.S. officials"),
        claim(
            "y",
            "Ruritania",
            "ARMS",
            "Red Militia",
            "reported",
            source="U.S. State Secretary Rex Tillerson",
        ),
    ]
    cs = judged(claims, docs)
    assert cs.source(claims[0]) == cs.source(claims[1]) == "Paper X"
    assert cs.source(claims[2]) != cs.source(claims[3])  # "U.S." alone is no name
    assert support(cs, cs.claims).sources == 3


def test_graph_dyads_count_and_mix(world):
    found = {(d.subject, d.relation, d.object): d for d in dyads(world, "Ruritania")}
    red = found[("Ruritania", "ARMS", "Red Militia")]
    assert red.claims == 2 and red.certainty == {"alleged": 1, "denied": 1}
    assert (red.first_year, red.last_year) == (2014, 2015)
    allied = found[("Iberia", "ALLIED_WITH", "Ruritania")]  # symmetric: one ordered dyad
    assert allied.claims == 2 and allied.support.stories == 2 and allied.net == 2.0


def test_graph_stance_by_year():
    docs = [doc("a", "Paper A", "2015-06-01"), doc("b", "Paper B", "2018-06-01")]
    claims = [
        claim("a", "Ruritania", "ATTACKS", "Grey Army"),
        claim("b", "Ruritania", "ARMS", "Grey Army", time="2017"),
    ]
    stance = pair_stance(judged(claims, docs), "Ruritania", "Grey Army")
    assert stance.by_year == {2015: -1.0, 2017: 1.0}
    assert stance.label == "mixed"


def test_graph_timeline_orders_and_folds_copies():
    copies = [doc(f"w{i}", f"Site {i}", "2020-02-02", WIRE + f" Site {i}.") for i in range(3)]
    docs = [*copies, doc("old", "Paper O", "2011-01-01")]
    claims = [claim(d.id, "Ruritania", "ARMS", "Red Militia") for d in copies]
    claims.append(claim("old", "Red Militia", "ACCUSES", "Ruritania", "reported", source="rebels"))
    entries = timeline(judged(claims, docs), "Red Militia", "Ruritania")
    assert [(e.year, e.relation, e.copies) for e in entries] == [
        (2011, "ACCUSES", 1),
        (2020, "ARMS", 3),
    ]
    assert entries[0].source == "rebels" and entries[1].source == "Site 0"


def test_graph_path_prefers_cooperative_hops(world):
    found = paths(world, "Ruritania", "Harbour Rebels")
    best = found[0]
    assert best.actors == ["Ruritania", "Iberia", "Harbour Rebels"]
    assert [h.relations for h in best.hops] == [["ALLIED_WITH"], ["ARMS"]]
    assert best.cooperative and best.hops[0].certainty == "asserted"
    assert best.hops[0].weight == 2.0 and best.hops[1].evidence
    assert any("Black Order" in p.actors for p in found[1:])  # the hostile route comes later
    assert paths(world, "Ruritania", "Nobody") == []


def test_graph_centrality_and_communities(world):
    graph = build_graph(world)
    top = centrality(graph)[0]
    assert top.actor == "Ruritania" and top.degree == 5  # Red Militia: cancelled by a denial
    groups = communities(graph)
    assert any({"Ruritania", "Blue Front"} <= set(g) for g in groups)
    assert not any({"Ruritania", "Black Order"} <= set(g) for g in groups)


def test_graph_summary(world):
    summary = summarize(world)
    assert (summary.documents, summary.stories, summary.claims) == (6, 6, 14)
    assert summary.relations["ATTACKS"] == 4
    assert summary.connected[0].actor == "Ruritania"
    assert summary.alliances[0].b in ("Ruritania", "Iberia") or summary.alliances[0].a
    assert {p.a for p in summary.hostilities} | {p.b for p in summary.hostilities} >= {
        "Black Order"
    }


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("sampled", [False, True])
def test_graph_betweenness_equals_networkx(seed: int, sampled: bool) -> None:
    """Issue 15: the numpy betweenness gives networkx's numbers (same sampled sources),
    on graphs with isolated parts, leaves and ties of shortest paths."""
    import random

    import networkx as nx

    from proxygraph.graph.network import betweenness

    rng = random.Random(seed)
    g = nx.gnm_random_graph(rng.randint(3, 40), rng.randint(2, 200), seed=seed)
    g = nx.relabel_nodes(g, {i: f"actor {i}" for i in g})
    k = max(2, len(g) // 3) if sampled else None
    expected = nx.betweenness_centrality(g, k=k, seed=0 if k else None)
    found = betweenness(g, k)
    assert found.keys() == expected.keys()
    assert all(found[v] == pytest.approx(expected[v], abs=1e-12) for v in g)
