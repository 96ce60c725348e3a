"""Exports read back by their target libraries; counts and key fields match the store."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import duckdb
import networkx as nx
import pytest
import stix2
from followthemoney import model
from typer.testing import CliRunner

from proxygraph.cli import app
from proxygraph.export import FORMATS, export, load_snapshot
from proxygraph.export.timespan import parse_time
from proxygraph.models import Claim
from proxygraph.ontology import relations
from proxygraph.store import Store
from test_export_fixtures import ARTICLES, claim_count, publish_db  # noqa: F401

CONFIDENCE = {"asserted": 85, "reported": 60, "alleged": 30, "denied": 10}


@pytest.fixture(scope="module")
def snap(publish_db):  # noqa: F811
    return load_snapshot(publish_db)


@pytest.fixture(scope="module")
def stored(publish_db):  # noqa: F811
    with Store.open(publish_db, read_only=True) as store:
        return store.claims(), store.actors()


def test_export_jsonl_round_trips_the_claim_schema(snap, stored, tmp_path):
    path = tmp_path / "claims.jsonl"
    assert export(snap, "jsonl", path) == claim_count()
    back = [Claim.from_json(json.loads(line)) for line in path.read_text("utf-8").splitlines()]
    assert [c.to_json() for c in back] == [c.to_json() for c in stored[0]]
    assert back[0].extras == {"voice": "active"}


def test_export_csv_tables_read_back_with_duckdb(snap, stored, tmp_path):
    export(snap, "csv", tmp_path)
    claims, actors = stored
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT id, subject, relation, object, certainty, negated, quote, source, time "
        f"FROM read_csv_auto('{tmp_path / 'claims.csv'}', all_varchar=true) ORDER BY id"
    ).fetchall()
    expected = sorted(
        (
            c.id,
            c.subject,
            c.relation,
            c.object,
            c.certainty,
            str(c.negated),
            c.quote,
            c.source,
            c.time,
        )
        for c in claims
    )
    assert rows == expected
    names = con.execute(f"SELECT name FROM '{tmp_path / 'actors.csv'}'").fetchall()
    assert {n for (n,) in names} == {a.name for a in actors}
    assert _csv_rows(tmp_path / "documents.csv")[0]["title"] == ARTICLES["a1"][0]


def test_export_csv_dyads_count_every_claim_once(snap, tmp_path):
    export(snap, "csv", tmp_path)
    dyads = _csv_rows(tmp_path / "dyads.csv")
    assert sum(int(d["claims"]) for d in dyads) == claim_count()
    arms = next(d for d in dyads if d["relation"] == "ARMS")
    assert (arms["reported"], arms["denied"], arms["asserted"]) == ("1", "1", "0")
    assert float(arms["against"]) > 0


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_graph_formats_read_back_with_networkx(snap, stored, tmp_path, fmt, read):
    path = tmp_path / f"claims.{fmt}"
    export(snap, fmt, path)
    graph = read(str(path))
    claims, actors = stored
    assert set(graph.nodes) == {a.name for a in actors}
    assert graph.nodes["Russia"]["type"] == "state"
    edges = list(graph.edges(data=True))
    # one edge for the claims that hold, one for those negated or denied
    assert len(edges) == sum(bool(d.evidence) + bool(d.counter_evidence) for d in snap.dyads)
    assert sum(int(d["claims"]) for *_, d in edges) == len(claims)
    arms = next(d for *_, d in edges if d["relation"] == "ARMS")
    assert arms["quote"] == "U.S. officials say Russia armed the Taliban in 2016."
    assert arms["doc_ids"] == "a1" and int(arms["denied"]) == 0 and float(arms["against"]) > 0
    not_arms = next(d for *_, d in edges if d["relation"] == "NOT_ARMS")
    assert not_arms["doc_ids"] == "a2" and int(not_arms["denied"]) == 1


def test_export_neo4j_script_uses_only_written_columns(snap, tmp_path):
    written = export(snap, "neo4j", tmp_path)
    assert {p.name for p in written} == {"claims.csv", "actors.csv", "documents.csv", "load.cypher"}
    script = (tmp_path / "load.cypher").read_text("utf-8")
    headers = {
        name: set(_csv_rows(tmp_path / name)[0])
        for name in ("claims.csv", "actors.csv", "documents.csv")
    }
    for statement in script.split(";\n"):
        files = re.findall(r"file:///(\w+\.csv)", statement)
        for column in re.findall(r"row\.(\w+)", statement):
            assert column in headers[files[0]], (files, column)
    for rel in relations():
        assert f"CREATE (s)-[:{rel} {{" in script


def test_export_stix_bundle_parses_validates_and_matches(snap, stored, tmp_path):
    from stix2validator import validate_file

    path = tmp_path / "bundle.json"
    export(snap, "stix", path)
    assert validate_file(str(path)).is_valid
    bundle = stix2.parse(path.read_text("utf-8"), allow_custom=True)
    by_type = Counter(o.type for o in bundle.objects)
    claims, actors = stored
    assert by_type["relationship"] == by_type["note"] == len(claims)
    assert by_type["threat-actor"] == sum(a.type == "armed_group" for a in actors)
    ids = {o.id for o in bundle.objects}
    rels = [o for o in bundle.objects if o.type == "relationship"]
    assert {r.created_by_ref for r in rels} <= ids
    assert {r.source_ref for r in rels} | {r.target_ref for r in rels} <= ids
    notes = [o for o in bundle.objects if o.type == "note"]
    assert Counter(n.content for n in notes) == Counter(c.quote for c in claims)


def test_export_stix_relationship_carries_certainty_time_and_source(snap, tmp_path):
    path = tmp_path / "bundle.json"
    export(snap, "stix", path)
    objects = json.loads(path.read_text("utf-8"))["objects"]
    rels = [o for o in objects if o["type"] == "relationship"]
    arms = next(
        r
        for r in rels
        if r["relationship_type"] == "arms" and r["x_proxygraph_certainty"] == "reported"
    )
    assert arms["confidence"] == CONFIDENCE["reported"]
    assert arms["start_time"].startswith("2016-01-01") and arms["stop_time"].startswith("2017")
    assert arms["x_proxygraph_source"] == "U.S. officials"
    assert arms["external_references"][0]["url"] == "https://a.example/arms"
    author = next(o for o in objects if o["id"] == arms["created_by_ref"])
    assert author["name"] == "Paper A"
    negated = next(r for r in rels if r["x_proxygraph_relation"] == "DESIGNATES_TERRORIST")
    assert negated["relationship_type"] == "x-proxygraph-not-designates-terrorist"
    assert negated["x_proxygraph_negated"] is True and negated["description"].startswith(
        "Russia NOT DESIGNATES_TERRORIST"
    )


def test_export_stix_ids_are_stable_and_unique(snap, tmp_path):
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    export(snap, "stix", first)
    export(snap, "stix", second)
    ids = [o["id"] for o in json.loads(first.read_text("utf-8"))["objects"]]
    assert len(ids) == len(set(ids))  # the claim repeated in one sentence is kept twice
    assert ids == [o["id"] for o in json.loads(second.read_text("utf-8"))["objects"]]


def test_export_ftm_entities_load_in_followthemoney(snap, stored, tmp_path):
    path = tmp_path / "entities.ftm.json"
    export(snap, "ftm", path)
    proxies = [model.get_proxy(json.loads(line)) for line in path.read_text("utf-8").splitlines()]
    by_id = {p.id: p for p in proxies}
    assert len(by_id) == len(proxies)
    links = [p for p in proxies if p.schema.is_a("Interval")]
    claims, _ = stored
    assert len(links) == len(claims)
    assert Counter(p.first("description") for p in links) == Counter(c.quote for c in claims)
    assert sum(p.schema.name == "Membership" for p in links) == 1
    for link in links:
        assert link.first("proof") in by_id and by_id[link.first("proof")].schema.name == "Article"
    russia = next(p for p in proxies if p.first("name") == "Russia")
    assert russia.schema.name == "PublicBody" and russia.first("country") == "ru"


def test_export_ftm_links_keep_dates_urls_and_negation(snap, tmp_path):
    path = tmp_path / "entities.ftm.json"
    export(snap, "ftm", path)
    proxies = [model.get_proxy(json.loads(line)) for line in path.read_text("utf-8").splitlines()]
    links = {
        p.first("description") + p.first("status"): p for p in proxies if p.schema.is_a("Interval")
    }
    allied = links["Russia and Iran are close allies, from 2007 to 2021.asserted"]
    assert (allied.first("startDate"), allied.first("endDate")) == ("2007", "2021")
    arms = links["U.S. officials say Russia armed the Taliban in 2016.reported"]
    assert arms.first("sourceUrl") == "https://a.example/arms"
    assert arms.first("role") == "ARMS" and '"source": "U.S. officials"' in arms.first("summary")
    negated = links["Russia did not designate the Taliban as terrorists.asserted"]
    assert negated.first("role") == "NOT DESIGNATES_TERRORIST"


@pytest.mark.parametrize(
    "time, start, end",
    [
        ("2015", "2015", "2015"),
        ("2016-03", "2016-03", "2016-03"),
        ("2007/2021", "2007", "2021"),
        ("2007/", "2007", None),
        ("early 1990s", "1990", "1993"),
        ("1980s", "1980", "1989"),
        (None, None, None),
        ("sometime", None, None),
    ],
)
def test_export_timespan_parses_claim_times(time, start, end):
    span = parse_time(time)
    assert (span.start, span.end) == (start, end)


def test_export_timespan_stop_time_is_after_start():
    span = parse_time("2016-12")
    assert span.start_time().isoformat()[:10] == "2016-12-01"
    assert span.stop_time().isoformat()[:10] == "2017-01-01"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_cli_writes_each_format(publish_db, tmp_path, fmt):  # noqa: F811
    target = tmp_path / ("out" if FORMATS[fmt][1] else f"out.{fmt}")
    result = CliRunner().invoke(
        app, ["export", "--format", fmt, "-o", str(target), "--db", str(publish_db)]
    )
    assert result.exit_code == 0, result.output
    assert target.exists() and (target.is_dir() or target.stat().st_size > 0)


def test_export_cli_rejects_unknown_format(publish_db, tmp_path):  # noqa: F811
    result = CliRunner().invoke(
        app, ["export", "-f", "xml", "-o", str(tmp_path / "x"), "--db", str(publish_db)]
    )
    assert result.exit_code != 0 and "unknown format" in result.output


def test_export_cli_help_has_example():
    result = CliRunner().invoke(app, ["export", "--help"], env={"COLUMNS": "200"})
    assert "Example" in result.output


def test_export_sample_corpus_stix_and_ftm(tmp_path):
    """The real pipeline on sample/articles, exported and read back."""
    from proxygraph import build

    db = tmp_path / "sample.duckdb"
    build([str(Path(__file__).parents[1] / "sample" / "articles")], db)
    snap = load_snapshot(db)
    assert snap.claims
    export(snap, "stix", tmp_path / "b.json")
    bundle = stix2.parse((tmp_path / "b.json").read_text("utf-8"), allow_custom=True)
    assert sum(o.type == "relationship" for o in bundle.objects) == len(snap.claims)
    export(snap, "ftm", tmp_path / "e.json")
    lines = (tmp_path / "e.json").read_text("utf-8").splitlines()
    links = [model.get_proxy(json.loads(x)) for x in lines]
    assert sum(p.schema.is_a("Interval") for p in links) == len(snap.claims)
