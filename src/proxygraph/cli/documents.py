"""``proxygraph documents``: the stored documents with their language and claim counts."""

from __future__ import annotations

import json
from collections import Counter
from typing import Annotated

import typer

from proxygraph.cli._render import handles_errors, out, table
from proxygraph.cli.app import app
from proxygraph.cli.core import DB_DEFAULT, Db, _reader


@app.command("documents")
@handles_errors
def documents_cmd(
    db: Db = DB_DEFAULT,
    language: Annotated[str | None, typer.Option(help="Only this language, e.g. ru.")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="JSON Lines instead of a table.")] = False,
) -> None:
    """Every stored document: id, language, date, title and how many claims it gave.

    Example: proxygraph documents --language ru
    """
    with _reader(db) as store:
        docs = store.documents()
        counts = Counter(c.doc for c in store.claims(limit=None))
    docs = [d for d in docs if language is None or d.language == language]
    if jsonl:
        for d in docs:
            row = {"id": d.id, "language": d.language, "published": d.published}
            row |= {"title": d.title, "claims": counts[d.id]}
            print(json.dumps(row, ensure_ascii=False))
        return
    languages = Counter(d.language for d in docs)
    title = f"{len(docs)} documents (" + ", ".join(f"{k} {v}" for k, v in languages.most_common())
    out().print(
        table(
            title + ")",
            ("id", "language", "published", "title", "claims"),
            ((d.id, d.language, d.published, d.title, counts[d.id]) for d in docs),
        )
    )
