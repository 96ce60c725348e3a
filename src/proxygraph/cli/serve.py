"""Commands: serve (see docs/web.md)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from proxygraph.cli._render import handles_errors, warn
from proxygraph.cli.app import app

DB_DEFAULT = "proxygraph.duckdb"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command("serve")
@handles_errors
def serve_cmd(
    db: Annotated[Path, typer.Option("--db", help="Database file.", envvar="PROXYGRAPH_DB")] = Path(
        DB_DEFAULT
    ),
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    host: Annotated[
        str, typer.Option(help="Address to bind; anything but loopback exposes your data.")
    ] = "127.0.0.1",
) -> None:
    """Serve the web app and JSON API over a database (graph, actors, documents, evidence).

    Binds to 127.0.0.1 unless told otherwise; the server keeps answering while a
    `proxygraph build` writes to the same database. API docs at /docs.

    Example: proxygraph serve --db demo.duckdb --port 8000
    """
    import uvicorn

    from proxygraph.web import create_app
    from proxygraph.web.guard import allowed_hosts

    if not is_loopback(host):
        warn(
            f"binding to {host}: anyone who can reach this address can read the database"
            " and add articles; there is no authentication"
        )
    typer.echo(f"proxygraph: serving {db} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    served = create_app(db, hosts=allowed_hosts(host))  # only this Host: no DNS rebinding
    uvicorn.run(served, host=host, port=port, log_level="warning")
