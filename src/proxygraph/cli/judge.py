"""Commands: stance, timeline, contradictions, path, summary, stories.

Each loads claims and documents from the store, calls one function of ``proxygraph.graph``
and renders the result as rich tables, or as JSON with ``--json``.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Annotated, Any

import typer
from rich.console import Console

from proxygraph.cli._render import escape, handles_errors, out, table
from proxygraph.cli.app import app
from proxygraph.errors import Code, ProxygraphError
from proxygraph.graph import (
    ClaimSet,
    Evidence,
    actor_stance,
    claim_set,
    contradictions,
    paths,
    summarize,
    timeline,
    transitions,
)
from proxygraph.graph.collect import with_fewer_collections
from proxygraph.store import Store

DB_DEFAULT = "proxygraph.duckdb"
Db = Annotated[
    str,
    typer.Option("--db", help="Database file or postgresql:// URL.", envvar="PROXYGRAPH_DB"),
]
AsJson = Annotated[bool, typer.Option("--json", help="JSON instead of tables.")]
Top = Annotated[int, typer.Option(help="Evidence sentences shown per item.")]
QUOTE_CHARS = 220


def load(db: str, *names: str | None) -> tuple[ClaimSet, list[str | None]]:
    """Claims, documents and stories from the store, and the canonical names asked for."""
    with Store.open(db, read_only=True, timeout=10.0) as store:
        claims, documents = store.claims(), store.documents()
        resolved = [store.resolve(n) if n else None for n in names]
    known = {a for c in claims for a in (c.subject, c.object)}
    for asked, name in zip(names, resolved, strict=True):
        if asked and name not in known:
            raise ProxygraphError(Code.E012, name=asked)
    return claim_set(claims, documents), resolved


@app.command("stance")
@handles_errors
@with_fewer_collections
def stance_cmd(actor: str, db: Db = DB_DEFAULT, top: Top = 2, as_json: AsJson = False):
    """Sort an actor's counterparts into allies, adversaries and mixed, with the evidence.

    The score is Goldstein-like: each relation's intensity times its independent weight
    (each story and each source counted once; asserted > reported > alleged; denials and
    negations only weaken the relation they deny). See docs/judgement.md.

    Example: proxygraph stance Russia --db demo.duckdb
    """
    cs, (name,) = load(db, actor)
    groups = actor_stance(cs, name)
    if as_json:
        return _print_json({k: [p.to_json() for p in v] for k, v in groups.items()})
    console = out()
    for label, pairs in groups.items():
        if not pairs:
            continue
        console.print(
            table(
                f"{name}: {label}",
                (
                    "counterpart",
                    "score",
                    "balance",
                    "weight",
                    "stories",
                    "sources",
                    "confidence",
                    "relations",
                    "years",
                ),
                (_stance_row(p, name) for p in pairs),
            )
        )
        for pair in pairs:
            console.print(f"[bold]{escape(pair.other(name))}[/bold]: {escape(pair.statement)}")
            _print_evidence(console, pair.cooperative[:top] + pair.hostile[:top])


@app.command("timeline")
@handles_errors
@with_fewer_collections
def timeline_cmd(
    a: str,
    b: Annotated[
        str | None, typer.Argument(help="The counterpart; all of A's when left out.")
    ] = None,
    db: Db = DB_DEFAULT,
    changes: Annotated[
        bool, typer.Option("--changes", help="Only the changes from year to year.")
    ] = False,
    as_json: AsJson = False,
):
    """What was claimed between two actors, when and by whom, and what changed year by year
    (listed -> delisted, allied -> hostile); copies of a story shown once.

    The year is the claim's own time when the sentence gives one, else the publication year.
    With one actor, only the changes between it and every counterpart are shown.

    Example: proxygraph timeline Russia Taliban --db demo.duckdb
    """
    cs, (x, y) = load(db, a, b)
    moves = transitions(cs, x, y)
    if y is None or changes:
        if as_json:
            return _print_json([t.to_json() for t in moves])
        if not moves:
            return out().print(f"no changes from year to year for {escape(x)}")
        return out().print(_changes_table(f"{x}{f' - {y}' if y else ''}", moves))
    entries = timeline(cs, x, y)
    if as_json:
        return _print_json([e.to_json() for e in entries])
    rows = (
        (
            e.year or "?",
            f"{e.subject} {_rel(e.relation, e.negated)} {e.object}",
            e.certainty,
            e.source,
            e.story,
            e.copies,
            _cut(e.quote),
        )
        for e in entries
    )
    console = out()
    console.print(
        table(
            f"{x} - {y}: {len(entries)} claims",
            ("year", "claim", "certainty", "source", "story", "copies", "quote"),
            rows,
        )
    )
    if moves:
        console.print(_changes_table(f"{x} - {y}", moves))


def _changes_table(title: str, moves: list[Any]):
    rows = (
        (
            f"{t.from_year} -> {t.year}",
            f"{t.a} {t.aspect} {t.b}" if t.aspect != "stance" else f"{t.a} ~ {t.b}",
            f"{t.before} -> {t.after}",
            _cut(t.evidence_after[0].quote) if t.evidence_after else "",
        )
        for t in moves
    )
    return table(f"{title}: {len(moves)} changes", ("years", "what", "change", "evidence"), rows)


@app.command("contradictions")
@handles_errors
@with_fewer_collections
def contradictions_cmd(
    actor: Annotated[str | None, typer.Argument()] = None,
    db: Db = DB_DEFAULT,
    top: Top = 2,
    as_json: AsJson = False,
):
    """Where sources disagree: a relation stated and denied, or opposite readings of a pair.

    Opposite readings: a pair cooperating in one story and fighting in another, at about
    the same time (readings years apart are a change, not a contradiction).

    Example: proxygraph contradictions Russia --db demo.duckdb
    """
    cs, (name,) = load(db, actor)
    found = contradictions(cs, name, top=top)
    if as_json:
        return _print_json([c.to_json() for c in found])
    console = out()
    console.print(f"{len(found)} contradictions" + (f" involving {name}" if name else ""))
    for c in found:
        console.print(f"\n[bold]{escape(c.claim)}[/bold] ({c.kind})")
        console.print("  for, from " + escape(", ".join(c.sources_for)) + ":")
        _print_evidence(console, c.for_, indent=4)
        console.print("  against, from " + escape(", ".join(c.sources_against)) + ":")
        _print_evidence(console, c.against, indent=4)


@app.command("path")
@handles_errors
@with_fewer_collections
def path_cmd(a: str, b: str, db: Db = DB_DEFAULT, as_json: AsJson = False):
    """How two actors are linked through others, with the evidence and certainty of each hop.

    Well-evidenced cooperative hops are preferred; a hostile hop is used only when nothing
    else links the two.

    Example: proxygraph path Russia Houthis --db demo.duckdb
    """
    cs, (x, y) = load(db, a, b)
    found = paths(cs, x, y)
    if as_json:
        return _print_json([p.to_json() for p in found])
    console = out()
    if not found:
        console.print(f"no path between {escape(x)} and {escape(y)}")
    for i, p in enumerate(found, 1):
        kind = "cooperative" if p.cooperative else "with hostile hops"
        console.print(
            f"\n[bold]{i}. {escape(' -> '.join(p.actors))}[/bold] ({kind}, cost {p.cost:.2f})"
        )
        console.print(
            table(
                None,
                ("hop", "kind", "relations", "certainty", "weight", "evidence"),
                (_hop_row(h) for h in p.hops),
            )
        )


@app.command("summary")
@handles_errors
@with_fewer_collections
def summary_cmd(
    db: Db = DB_DEFAULT,
    top: Annotated[int, typer.Option(help="Rows per list.")] = 5,
    as_json: AsJson = False,
):
    """The corpus at a glance: documents, stories, actors, relations, alliances, hostilities.

    Also the most connected actors (degree, betweenness) and cooperating communities.

    Example: proxygraph summary --db demo.duckdb
    """
    cs, _ = load(db)
    s = summarize(cs, top=top)
    if as_json:
        return _print_json(s.to_json())
    console = out()
    console.print(
        f"{s.documents} documents in {s.stories} stories ({s.copied_stories} told "
        f"more than once), {s.actors} actors, {s.claims} claims"
    )
    console.print(table("claims by relation", ("relation", "claims"), s.relations.items()))
    console.print(
        table(
            "most connected",
            ("actor", "degree", "betweenness"),
            ((c.actor, c.degree, c.betweenness) for c in s.connected),
        )
    )
    for title, pairs in (("strongest alliances", s.alliances), ("hostilities", s.hostilities)):
        console.print(
            table(
                title,
                ("pair", "score", "weight", "confidence"),
                ((f"{p.a} - {p.b}", p.score, p.mass, p.confidence) for p in pairs),
            )
        )
    for i, group in enumerate(s.communities, 1):
        console.print(f"cooperating group {i}: " + escape(", ".join(group)))


@app.command("stories")
@handles_errors
@with_fewer_collections
def stories_cmd(
    db: Db = DB_DEFAULT,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also stories told by a single document.")
    ] = False,
    as_json: AsJson = False,
):
    """Documents grouped into stories: copies, translations and rewrites of one article.

    Copies are found with MinHash over word shingles; translations and rewrites from
    shared names, numbers, actors and claims.

    Example: proxygraph stories --db demo.duckdb
    """
    cs, _ = load(db)
    shown = [s for s in cs.stories if show_all or len(s.docs) > 1]
    if as_json:
        return _print_json(
            [
                {
                    "id": s.id,
                    "kind": s.kind,
                    "docs": s.docs,
                    "links": [link.__dict__ for link in s.links],
                }
                for s in shown
            ]
        )
    rows = (
        (
            s.id,
            s.kind,
            len(s.docs),
            ", ".join(s.docs),
            "; ".join(_signals(link.detail) for link in s.links),
        )
        for s in shown
    )
    out().print(
        table(
            f"{len(shown)} of {len(cs.stories)} stories",
            ("story", "kind", "documents", "members", "signals"),
            rows,
        )
    )


def _stance_row(p: Any, name: str) -> tuple:
    rels = Counter(d.relation for d in p.dyads if d.net > 0)
    years = sorted(p.by_year)
    span = f"{years[0]}-{years[-1]}" if years else ""
    return (
        p.other(name),
        f"{p.score:+.2f}",
        f"{p.balance:+.2f}",
        f"{p.mass:.2f}",
        p.stories,
        p.sources,
        p.confidence,
        ", ".join(rels),
        span,
    )


def _hop_row(h: Any) -> tuple:
    quote = _cut(h.evidence[0].quote) if h.evidence else ""
    return (f"{h.a} - {h.b}", h.kind, ", ".join(h.relations), h.certainty, f"{h.weight:.2f}", quote)


def _print_evidence(console: Console, items: list[Evidence], indent: int = 2) -> None:
    pad = " " * indent
    for e in items:
        what = f"{e.subject} {_rel(e.relation, e.negated)} {e.object}"
        console.print(
            f"{pad}- {escape(f'[{e.certainty}]')} {escape(what)} ({escape(e.source)}, "
            f"{e.doc}{', ' + str(e.year) if e.year else ''}): "
            f"[italic]{escape(_cut(e.quote))}[/italic]"
        )


def _rel(relation: str, negated: bool) -> str:
    return f"NOT {relation}" if negated else relation


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def _signals(detail: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in detail.items())


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
