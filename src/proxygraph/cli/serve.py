"""Commands: serve (see docs/web.md)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Annotated

import typer

from proxygraph.cli import checks
from proxygraph.cli._render import handles_errors, warn
from proxygraph.cli.app import app
from proxygraph.errors import Code, ProxygraphError

DB_DEFAULT = "proxygraph.duckdb"


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
    from proxygraph.web.guard import allowed_hosts, is_loopback

    checks.database_exists(db)  # never serve an empty graph from a mistyped --db
    sock = listen(host, port)  # bound before it is announced
    if not is_loopback(host):
        warn(
            f"binding to {host}: anyone who can reach this address can read the database"
            " and add articles; there is no authentication"
        )
    served = create_app(db, hosts=allowed_hosts(host))  # only this Host: no DNS rebinding
    config = uvicorn.Config(served, log_level="warning")
    typer.echo(f"proxygraph: serving {db} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.Server(config).run(sockets=[sock])


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port), or E034 saying why not (in use, no such address)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        sock = socket.socket(family, kind, proto)
    except OSError as err:
        raise ProxygraphError(Code.E034, address=f"{host}:{port}", reason=_why(err)) from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as err:
        sock.close()
        raise ProxygraphError(Code.E034, address=f"{host}:{port}", reason=_why(err)) from None
    sock.set_inheritable(True)
    return sock


def _why(err: OSError) -> str:
    return err.strerror or str(err) or type(err).__name__
