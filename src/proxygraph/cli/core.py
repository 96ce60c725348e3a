"""Commands: build, extract, actors, actor, show, claims. Each parses and calls the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated

import typer

from proxygraph.cli import checks
from proxygraph.cli._render import (
    EXIT_INTERRUPTED,
    EXIT_SKIPPED,
    err,
    escape,
    fail,
    handles_errors,
    out,
    stdout_is_closed,
    table,
    warn,
)
from proxygraph.cli.app import app
from proxygraph.errors import Code, ProxygraphError
from proxygraph.models import Claim
from proxygraph.ontology import CERTAINTIES, FAMILIES, relations
from proxygraph.pipeline import (
    ENGINES,
    KEPT_SKIPS,
    BuildInterrupted,
    build,
    extract,
    load_catalog,
)
from proxygraph.store import RelationGroup, Store, group_relations

DB_DEFAULT = "proxygraph.duckdb"
# A str, not a Path: a PostgreSQL URL must keep its "//".
Db = Annotated[
    str, typer.Option("--db", help="Database file, or postgresql://...", envvar="PROXYGRAPH_DB")
]
CatalogOpt = Annotated[
    Path | None, typer.Option("--catalog", help="YAML file of extra actors and aliases.")
]
Paths = Annotated[list[str], typer.Argument(help="Files or folders (recursively); - for stdin.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or warnings.")]


@app.command("build")
@handles_errors
def build_cmd(
    paths: Paths,
    db: Db = DB_DEFAULT,
    catalog: CatalogOpt = None,
    quiet: Quiet = False,
    workers: Annotated[
        int | None, typer.Option(help="Extraction processes (or Dask workers); default: all cores.")
    ] = None,
    engine: Annotated[
        str, typer.Option(help="local (processes on this machine) or dask (a Dask cluster).")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address (tcp://host:8786); default: a"
            " local cluster of --workers processes."
        ),
    ] = None,
    lock_timeout: Annotated[
        float, typer.Option(help="Seconds to wait for another build on the same database.")
    ] = 30.0,
) -> None:
    """Read articles, extract their claims and store them; only new or changed files are read.

    A run that is killed or interrupted keeps every document it wrote: run it again to finish.
    Exit status 3 when some input was skipped.

    Example: proxygraph build sample/articles --db demo.duckdb
    """
    checks.choice("engine", engine, ENGINES)
    checks.inputs_exist(paths)
    checks.file_exists(catalog)
    checks.database_can_be_made(db)
    try:
        report = build(
            paths,
            db=db,
            catalog=catalog,
            workers=workers,
            progress=not quiet,
            lock_timeout=lock_timeout,
            on_message=_notifier(quiet),
            engine=engine,
            scheduler=scheduler,
        )
    except BuildInterrupted as stop:
        raise fail(
            f"interrupted after {stop.report.seen} documents: {stop.report.summary()};"
            " run the same command again to continue",
            EXIT_INTERRUPTED,
        ) from None
    err().print(report.summary())
    if report.skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command("extract")
@handles_errors
def extract_cmd(
    paths: Paths,
    output: Annotated[
        str, typer.Option("--output", "-o", help="JSON Lines file; - for stdout.")
    ] = "-",
    catalog: CatalogOpt = None,
    quiet: Quiet = False,
) -> None:
    """Extract claims without a database, one JSON object a line (the shared claim schema).

    Warnings and skipped files go to stderr. Exit status 3 when some input was skipped.

    Example: proxygraph extract articles/ -o claims.jsonl
    """
    checks.inputs_exist(paths)
    checks.file_exists(catalog)
    checks.output_file(output)
    skipped = 0

    def on_skip(message: str) -> None:
        nonlocal skipped
        skipped += 1  # counted, not kept: millions of bad records cost nothing
        if skipped <= KEPT_SKIPS:
            warn(message)
        elif skipped == KEPT_SKIPS + 1:
            warn(f"more than {KEPT_SKIPS} inputs skipped: the rest are counted, not listed")

    claims = extract(paths, catalog=catalog, on_skip=on_skip, on_warning=_notifier(quiet))
    if output == "-":
        _write_stdout(claims)
    else:
        with checks.whole_or_nothing(output), open(output, "w", encoding="utf-8") as handle:
            _write_jsonl(claims, handle)
    if skipped:
        if skipped > KEPT_SKIPS:
            warn(f"{skipped} inputs skipped in all")
        raise typer.Exit(EXIT_SKIPPED)


@app.command("actors")
@handles_errors
def actors_cmd(
    db: Db = DB_DEFAULT,
    provisional: Annotated[
        bool, typer.Option("--provisional", help="Only actors the catalog does not know.")
    ] = False,
) -> None:
    """List the actors in the database with their mention, claim and document counts.

    Example: proxygraph actors --db demo.duckdb --provisional
    """
    if provisional:
        _print_provisional(db)
        return
    with _reader(db) as store:
        rows = store.actors()
    out().print(
        table(
            f"{len(rows)} actors",
            ("actor", "type", "mentions", "claims", "documents"),
            (
                (
                    r.name + (" (provisional)" if r.provisional else ""),
                    r.type,
                    r.mentions,
                    r.claims,
                    r.documents,
                )
                for r in rows
            ),
        )
    )


def _print_provisional(db: str) -> None:
    """Unknown organisations, spellings merged (rapidfuzz and shared context), for review."""
    from proxygraph.actors.provisional import ProvisionalMention, merge_provisional

    with _reader(db) as store:
        found = store.provisional_mentions()
    groups = merge_provisional(
        (ProvisionalMention(surface, doc, context) for surface, doc, context in found),
        load_catalog(None),
    )
    out().print(
        table(
            f"{len(groups)} provisional actors (add, merge or reject them in a --catalog file)",
            ("actor", "spellings", "mentions", "documents", "perhaps"),
            (
                (
                    g.name,
                    "; ".join(g.variants),
                    len(g.mentions),
                    len(g.documents),
                    g.suggestion or "",
                )
                for g in groups
            ),
        )
    )


@app.command("actor")
@handles_errors
def actor_cmd(
    name: str,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Also show this database's counts and the names seen."),
    ] = None,
    catalog: CatalogOpt = None,
) -> None:
    """Show one actor: its catalog entry, and with --db its counts and the names it went by.

    Example: proxygraph actor ELN   (or: proxygraph actor Hizballah --db demo.duckdb)
    """
    from proxygraph.actors.lookup import ActorIndex

    found = ActorIndex(load_catalog(catalog)).find(name)
    entry, canonical, row, seen = (found.actor if found else None), name, None, []
    if entry is not None:
        canonical = entry.name
    if db is not None:
        with _reader(db, catalog) as store:
            canonical = canonical if entry else store.resolve(name)
            row, seen = store.actor(canonical), store.aliases_seen(canonical)
    if entry is None and row is None:
        raise ProxygraphError(Code.E012, name=name)
    console = out()
    kind = entry.type if entry else row.type  # type: ignore[union-attr]
    console.print(
        f"[bold]{escape(canonical)}[/bold] ({kind}"
        + (", provisional" if entry is None else "")
        + ")"
    )
    for label, values in _entry_fields(entry):
        console.print(f"  {label}: {escape(values)}")
    if found and found.others:
        console.print(f"  the name is shared with: {escape(', '.join(found.others))}")
    if row:
        console.print(
            f"  in the database: {row.mentions} mentions, {row.claims} claims,"
            f" {row.documents} documents"
        )
    if seen:
        console.print("  names seen: " + escape(", ".join(f"{s} ({n})" for s, n in seen)))


@app.command("show")
@handles_errors
def show_cmd(
    actor: str,
    db: Db = DB_DEFAULT,
    evidence: Annotated[int, typer.Option(help="Evidence sentences per relation.")] = 2,
    top: Annotated[int, typer.Option(help="Show at most this many relations.")] = 30,
) -> None:
    """An actor's relations, grouped by counterpart and relation, with the best evidence.

    Each group shows its claim count, certainty mix, years, sources and documents.

    Example: proxygraph show Russia --db demo.duckdb
    """
    with _reader(db) as store:
        canonical = store.resolve(actor)
        claims = store.claims(actor=canonical)
        known = store.actor(canonical) or store.catalog.get(canonical)
    if not claims and known is None:
        raise ProxygraphError(Code.E012, name=actor)
    groups = group_relations(claims, canonical)
    console = out()
    docs = len({c.doc for c in claims})
    console.print(
        f"[bold]{escape(canonical)}[/bold]: {len(claims)} claims in {docs} documents,"
        f" {len(groups)} relations"
    )
    for group in groups[:top]:
        _print_group(console, canonical, group, evidence)
    if len(groups) > top:
        console.print(f"... {len(groups) - top} more (use --top)")


@app.command("claims")
@handles_errors
def claims_cmd(
    db: Db = DB_DEFAULT,
    subject: Annotated[str | None, typer.Option(help="Subject actor (any alias).")] = None,
    object_: Annotated[str | None, typer.Option("--object", help="Object actor.")] = None,
    relation: Annotated[str | None, typer.Option(help="Relation, e.g. ARMS.")] = None,
    family: Annotated[str | None, typer.Option(help="material, diplomatic, ...")] = None,
    certainty: Annotated[str | None, typer.Option(help="asserted, reported, ...")] = None,
    source: Annotated[str | None, typer.Option(help="Words in the source.")] = None,
    doc: Annotated[str | None, typer.Option(help="Document id.")] = None,
    negated: Annotated[
        bool | None, typer.Option("--negated/--not-negated", help="Only (not) negated.")
    ] = None,
    year_from: Annotated[int | None, typer.Option(help="From this year.")] = None,
    year_to: Annotated[int | None, typer.Option(help="Up to this year.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many claims.")] = 100,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="JSON Lines instead of a table.")] = False,
    include_rejected: Annotated[
        bool, typer.Option("--include-rejected", help="Also claims an analyst rejected.")
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show the construction and trigger of each claim.")
    ] = False,
) -> None:
    """Claims matching every filter given, as a table or JSON Lines, with their ids.

    Judgements apply (`proxygraph review`): corrected values, a `review` field, no rejected
    claims unless --include-rejected.

    Example: proxygraph claims --subject Russia --relation ARMS --certainty denied --explain
    """
    checks.choice("relation", relation.upper() if relation else None, relations())
    checks.choice("family", family, FAMILIES)
    checks.choice("certainty", certainty, CERTAINTIES)
    with _reader(db) as store:
        found = store.claims(
            subject=subject,
            object=object_,
            relation=relation,
            family=family,
            certainty=certainty,
            source=source,
            doc=doc,
            negated=negated,
            year_from=year_from,
            year_to=year_to,
            limit=limit,
            include_rejected=include_rejected,
        )
    if jsonl:
        _write_stdout(iter(found), with_id=True)
        return
    columns = ("id", "doc", "subject", "relation", "object", "certainty", "source", "time", "quote")
    rows = [
        (
            c.id + _review_mark(c),
            c.doc,
            c.subject,
            ("not " if c.negated else "") + c.relation,
            c.object,
            c.certainty,
            c.source,
            c.time,
            _clip(c.quote, 160),
            *((c.construction, c.trigger) if explain else ()),
        )
        for c in found
    ]
    if explain:  # which rule made each claim, so a wrong one can be traced to it
        columns += ("construction", "trigger")
    out().print(table(f"{len(found)} claims", columns, rows))


# -- helpers -----------------------------------------------------------------


def _notifier(quiet: bool):  # noqa: ANN202  (a message sink)
    return (lambda message: None) if quiet else warn


def _reader(db: str, catalog: Path | None = None) -> Store:
    """A read-only session that waits briefly if a build is writing at this moment."""
    loaded = load_catalog(catalog) if catalog else None
    return Store.open(db, read_only=True, catalog=loaded, timeout=10.0)


def _write_jsonl(claims: Iterator[Claim], handle: IO[str], with_id: bool = False) -> None:
    for claim in claims:
        row = {"id": claim.id, **claim.to_json()} if with_id else claim.to_json()
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _review_mark(claim: Claim) -> str:
    review = claim.extras.get("review")
    return f" ({review['status']})" if review else ""


def _write_stdout(claims: Iterator[Claim], with_id: bool = False) -> None:
    """JSON Lines to stdout; a reader that closes the pipe (``| head``) ends us quietly."""
    try:
        _write_jsonl(claims, sys.stdout, with_id)
        sys.stdout.flush()
    except BrokenPipeError:
        stdout_is_closed()


def _entry_fields(entry) -> Iterator[tuple[str, str]]:  # noqa: ANN001  (an actors.Actor)
    if entry is None:
        return
    for label in ("country", "native", "parent"):
        if getattr(entry, label):
            yield label, getattr(entry, label)
    for label in ("aliases", "acronyms", "demonyms", "metonyms", "affiliations", "lookup"):
        values = getattr(entry, label)
        if values:
            yield ("also looked up as" if label == "lookup" else label), ", ".join(values)
    if entry.active_in:
        yield "also active in", ", ".join(entry.active_in)
    if entry.links:
        yield "links", ", ".join(f"{k.kind.replace('_', ' ')} {k.actor}" for k in entry.links)
    if entry.ucdp:
        yield "UCDP actor id", ", ".join(str(i) for i in entry.ucdp)
    if entry.designations:
        yield (
            "designated by",
            ", ".join(
                f"{d.by}{f' ({d.year})' if d.year else ''}{'' if d.listed else ' delisted'}"
                for d in entry.designations
            ),
        )
    if entry.roles:
        yield (
            "roles",
            ", ".join(
                f"{r.title or 'for'} {r.actor} {r.start or ''}-{r.end or ''}" for r in entry.roles
            ),
        )


ARROWS = {"out": "{rel} ->", "in": "<- {rel}", "both": "{rel} <->"}


def _print_group(console, actor: str, group: RelationGroup, evidence: int) -> None:  # noqa: ANN001
    rel = ("not " if group.negated else "") + group.relation
    mix = ", ".join(f"{k} {v}" for k, v in group.certainty.most_common())
    years = _years(group.years)
    console.print(
        f"\n[bold]{ARROWS[group.direction].format(rel=rel)} {escape(group.counterpart)}[/bold]"
        f"  {group.count} claim{'s' if group.count != 1 else ''} ({mix})"
        + (f", {years}" if years else "")
        + f", {len(group.documents)} doc{'s' if len(group.documents) != 1 else ''}"
    )
    if group.sources:
        console.print("  sources: " + escape("; ".join(group.sources)))
    for claim in group.evidence(evidence):
        console.print(f'  [dim]{escape(claim.doc)}:[/dim] "{escape(_clip(claim.quote, 300))}"')


def _years(years: list[str]) -> str:
    if not years:
        return ""
    return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
