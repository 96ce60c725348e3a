"""Command: review. An analyst confirms, rejects or corrects claims; lists and exports them.

Judgements live in the store apart from the extracted claims (``proxygraph.store.judgements``)
and apply wherever claims are read: graph, stance, reports, exports, the web app.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from proxygraph.cli._render import err, handles_errors, out, table
from proxygraph.cli.app import app
from proxygraph.errors import Code, ProxygraphError
from proxygraph.models import Claim
from proxygraph.store import Store
from proxygraph.store.judgements import STATUSES, Judgement, Key, parse_sets, quote_md5

DB_DEFAULT = "proxygraph.duckdb"
Db = Annotated[
    str,
    typer.Option("--db", help="Database file or postgresql:// URL.", envvar="PROXYGRAPH_DB"),
]
SCORER = "../shared/eval/score.py"


@app.command("review")
@handles_errors
def review_cmd(
    claim_id: Annotated[
        str | None,
        typer.Argument(help="The claim's id (`claims --jsonl`, the web app, `review --list`)."),
    ] = None,
    confirm: Annotated[bool, typer.Option("--confirm", help="The claim is right.")] = False,
    reject: Annotated[
        bool, typer.Option("--reject", help="The claim is wrong: it leaves every view.")
    ] = False,
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Correct a field: relation, subject, object, negated, certainty or time"
            " (FIELD=VALUE; repeat; time= clears the time).",
        ),
    ] = None,
    undo: Annotated[
        bool, typer.Option("--undo", help="Forget the judgement: the claim as extracted.")
    ] = False,
    note: Annotated[str | None, typer.Option(help="Why (kept with the judgement).")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the judgements.")] = False,
    status: Annotated[
        str | None, typer.Option(help="With --list: only confirmed, corrected or rejected.")
    ] = None,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export",
            help="Write the judged claims (not the rejected) as gold JSON Lines in the shared"
            " claim schema, and an actor table beside it (NAME.actors.json).",
        ),
    ] = None,
    system: Annotated[
        Path | None,
        typer.Option(help="With --export: also the judged claims as the extractor read them."),
    ] = None,
    db: Db = DB_DEFAULT,
    as_json: Annotated[bool, typer.Option("--json", help="With --list: JSON.")] = False,
) -> None:
    """Confirm, reject or correct a claim; list or export the judgements.

    A judgement is kept apart from the extracted claims and found again when the articles are
    extracted anew (another catalog or engine): it is keyed by the document, the sentence and
    the claim as extracted (docs/judgement.md, "Review"). Rejected claims leave the graph,
    stance, reports and exports (`claims --include-rejected` shows them); confirmed and
    corrected ones weigh as verified.

    Example: proxygraph review 3f2a9c0d1e2b4a5f --reject --note "about Syria, not Iran"

    Example: proxygraph review 3f2a9c0d1e2b4a5f --set relation=FUNDS --set object=Hamas

    Example: proxygraph review --list --status rejected

    Example: proxygraph review --export gold.jsonl --system machine.jsonl
    """
    actions = [name for name, on in (("confirm", confirm), ("reject", reject)) if on]
    actions += ["correct"] if sets else []
    actions += ["undo"] if undo else []
    modes = [m for m, on in (("list", list_), ("export", export), ("claim", claim_id)) if on]
    if len(modes) != 1:
        raise ProxygraphError(Code.E063, reason="give a CLAIM_ID, --list or --export (one)")
    if claim_id is not None:
        _judge(db, claim_id, actions, sets or [], note)
    elif list_:
        _list(db, status, as_json)
    else:
        _export(db, export, system)  # type: ignore[arg-type]  (checked: the export mode)


def _judge(db: str, claim_id: str, actions: list[str], sets: list[str], note: str | None) -> None:
    if actions == ["confirm", "correct"]:
        actions = ["correct"]
    if len(actions) != 1:
        reason = "give one of --confirm, --reject, --set FIELD=VALUE or --undo with a CLAIM_ID"
        raise ProxygraphError(Code.E063, reason=reason)
    changes = parse_sets(sets)
    with Store.open(db, timeout=10.0) as store:
        if actions == ["undo"]:
            claim = store.unjudge(claim_id)
        else:
            claim = store.judge(claim_id, actions[0], changes, note)
    review = claim.extras.get("review")
    state = review["status"] if review else "as extracted"
    out().print(f"{state}: {_said(claim)}", soft_wrap=True)
    out().print(f"  id now: {claim.id}")
    for name, was in (review or {}).get("was", {}).items():
        out().print(f"  {name}: {was} -> {getattr(claim, name)}")


def _list(db: str, status: str | None, as_json: bool) -> None:
    if status is not None and status not in STATUSES:
        raise ProxygraphError(Code.E062, field="--status", value=status, reason=", ".join(STATUSES))
    with Store.open(db, read_only=True, timeout=10.0) as store:
        rows = [(j, c) for j, c in store.judgements() if status in (None, j.status)]
    if as_json:
        typer.echo(json.dumps([_row_json(j, c) for j, c in rows], ensure_ascii=False, indent=2))
        return
    out().print(
        table(
            f"{len(rows)} judgements",
            ("status", "claim id", "claim", "changed", "doc", "note"),
            (
                (
                    j.status,
                    c.id if c else "(unmatched)",
                    _said(c or j.claim()),
                    "; ".join(f"{k}: {j.original.get(k)} -> {v}" for k, v in j.changes.items()),
                    j.key.doc,
                    j.note,
                )
                for j, c in rows
            ),
        )
    )


def _row_json(j: Judgement, claim: Claim | None) -> dict[str, Any]:
    return {
        "status": j.status,
        "matched": claim is not None,
        "claim": (claim or j.claim()).to_json(),
        "changes": j.changes,
        "note": j.note,
        "judged_at": j.judged_at.isoformat(timespec="seconds"),
    }


def _export(db: str, gold: Path, system: Path | None) -> None:
    with Store.open(db, read_only=True, timeout=10.0) as store:
        judged = store.judgements()
        docs = sorted({j.key.doc for j, _ in judged})
        keys = {j.key for j, _ in judged}
        extracted = [
            c for doc in docs for c in store.claims(doc=doc, judged=False) if _key(c) in keys
        ]
        catalog = store.catalog
    kept = [(c or j.claim()) for j, c in judged if j.status != "rejected"]
    _write_jsonl(gold, kept)
    if system is not None:
        _write_jsonl(system, extracted)
    names = {n for c in kept + extracted for n in (c.subject, c.object)}
    actors = gold.with_name(gold.name.split(".")[0] + ".actors.json")
    actors.write_text(json.dumps(_actor_table(names, catalog), ensure_ascii=False, indent=1))
    counts = {s: sum(j.status == s for j, _ in judged) for s in STATUSES}
    err().print(
        f"wrote {len(kept)} judged claims ({counts['confirmed']} confirmed,"
        f" {counts['corrected']} corrected; {counts['rejected']} rejected left out) from"
        f" {len(docs)} documents to {gold}, actors to {actors}"
        + (f", {len(extracted)} claims as extracted to {system}" if system else "")
    )
    err().print(
        f"score: python {SCORER} {gold} {system or 'CLAIMS.jsonl'} --actors {actors}"
        f" --docs {','.join(docs)}"
    )


def _key(claim: Claim) -> Key:
    return Key(
        claim.doc,
        quote_md5(claim.quote),
        claim.subject,
        claim.relation,
        claim.object,
        claim.negated,
    )


def _actor_table(names: set[str], catalog: Any) -> dict[str, list[str]]:
    """Canonical name -> aliases, the scorer's actor table, from the catalog alone."""
    table_: dict[str, list[str]] = {}
    for name in sorted(names):
        entry = catalog.get(name)
        table_[name] = sorted(set(entry.aliases + entry.acronyms)) if entry else []
    return table_


def _write_jsonl(path: Path, claims: list[Claim]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for claim in claims:
            handle.write(json.dumps(claim.to_json(), ensure_ascii=False) + "\n")


def _said(claim: Claim) -> str:
    rel = ("NOT " if claim.negated else "") + claim.relation
    return f"{claim.subject} {rel} {claim.object} ({claim.certainty}, {claim.doc})"
