"""Commands: report (briefings as Markdown, HTML or PDF) and export (files for other tools).

Both read the store once, read-only, and call one library function: ``proxygraph.report``
or ``proxygraph.export``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from proxygraph.cli import checks
from proxygraph.cli._render import err, handles_errors
from proxygraph.cli.app import app
from proxygraph.errors import Code, ProxygraphError
from proxygraph.export import FORMATS as EXPORT_FORMATS
from proxygraph.export import export, snapshot
from proxygraph.graph import claim_set
from proxygraph.graph.collect import with_fewer_collections
from proxygraph.store import Store

DB_DEFAULT = "proxygraph.duckdb"
Db = Annotated[
    str,
    typer.Option("--db", help="Database file or postgresql:// URL.", envvar="PROXYGRAPH_DB"),
]
FORMAT_HELP = "One of: " + ", ".join(EXPORT_FORMATS)
Output = Annotated[Path, typer.Option("--output", "-o", help="File (or folder) to write.")]


@app.command("report")
@handles_errors
@with_fewer_collections
def report_cmd(
    actor: Annotated[str | None, typer.Argument(help="Actor to brief on (any alias).")] = None,
    output: Output = Path("report.html"),
    corpus: Annotated[bool, typer.Option("--corpus", help="Brief on the whole corpus.")] = False,
    db: Db = DB_DEFAULT,
    top: Annotated[int, typer.Option(help="Pairs and actors listed in a corpus report.")] = 10,
    charts: Annotated[bool, typer.Option(help="Draw charts (matplotlib).")] = True,
) -> None:
    """Write a briefing built only from stored evidence, as .md, .html or .pdf (by -o's suffix).

    An actor briefing sorts its counterparts into allies, adversaries and mixed, then gives
    each counterpart what is claimed, by whom, since when, how sure, and what is denied or
    contradicted, with numbered citations and charts (friend/foe heat map, timeline,
    relation types). --corpus gives the most connected actors, blocs, the strongest
    alliances and hostilities, and the contradictions. Markdown charts are written as PNG
    files beside the report.

    Example: proxygraph report Russia -o russia.html --db demo.duckdb

    Example: proxygraph report --corpus -o corpus.pdf --db demo.duckdb
    """
    # Here, not at the top: the report loads matplotlib, which no other command needs.
    from proxygraph.report import actor_report, corpus_report, format_of, write_report

    if (actor is None) == (not corpus):
        raise ProxygraphError(Code.E041)
    try:
        format_of(output)
    except ValueError:
        raise ProxygraphError(
            Code.E040, what="report file type", value=output.name, choices=".md, .html or .pdf"
        ) from None
    checks.database_exists(db)
    checks.output_file(output)
    with Store.open(db, read_only=True, timeout=10.0) as store:
        name = store.resolve(actor) if actor else None
        cs = claim_set(store.claims(), store.documents())
    if name is not None and all(name not in (c.subject, c.object) for c in cs.claims):
        raise ProxygraphError(Code.E012, name=actor)
    briefing = corpus_report(cs, top, charts) if corpus else actor_report(cs, name, charts)
    with checks.whole_or_nothing(output):
        write_report(briefing, output, db=Path(db).name if "://" not in db else "database")
    err().print(f"wrote {output}")


@app.command("export")
@handles_errors
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)],
    output: Output,
    db: Db = DB_DEFAULT,
    include_rejected: Annotated[
        bool,
        typer.Option("--include-rejected", help="Also claims an analyst rejected (`review`)."),
    ] = False,
) -> None:
    """Export the store for other tools; docs/exports.md lists every field's mapping.

    Judgements apply: corrected values, a `review` field on judged claims, no rejected claims
    unless --include-rejected.

    jsonl: the shared claim schema, one claim a line (-o - for stdout). csv: claims, actors,
    dyads and documents tables in a folder. graphml, gexf: the graph for Gephi, one edge per
    (subject, relation, object) with its weights and best quote. neo4j: CSV files and
    load.cypher in a folder. stix: a STIX 2.1 bundle. ftm: FollowTheMoney entities (JSON
    Lines) for Aleph.

    Example: proxygraph export --format stix -o claims.stix.json --db demo.duckdb

    Example: proxygraph export -f csv -o tables/ --db demo.duckdb
    """
    checks.choice("format", fmt, EXPORT_FORMATS)
    checks.database_exists(db)
    if EXPORT_FORMATS[fmt][1]:  # a folder of files
        checks.output_folder(output)
    else:
        checks.output_file(output)
    with Store.open(db, read_only=True, timeout=10.0) as store:
        claims = store.claims(include_rejected=include_rejected)
        snap = snapshot(claims, store.documents(), store.actors())
    with checks.whole_or_nothing(output):
        export(snap, fmt, output)
    if str(output) != "-":
        err().print(f"wrote {fmt} export of {len(snap.claims)} claims to {output}")
