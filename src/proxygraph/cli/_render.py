"""Shared output helpers for the command modules: rich tables, error handling, exit codes."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape as rich_escape
from rich.table import Table

from proxygraph.errors import ProxygraphError

EXIT_ERROR = 2
EXIT_SKIPPED = 3  # the run finished but some input was skipped
EXIT_INTERRUPTED = 130

F = TypeVar("F", bound=Callable[..., Any])


def out() -> Console:
    return Console(highlight=False, soft_wrap=False)


def err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def warn(message: str) -> None:
    err().print(f"[yellow]{escape(message)}[/yellow]")


def fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    err().print(f"[red]{escape(message)}[/red]")
    return typer.Exit(code)


def handles_errors(func: F) -> F:
    """A ProxygraphError becomes its coded one-line message and exit status 2, no traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ProxygraphError as exc:
            raise fail(str(exc)) from None
        except KeyboardInterrupt:  # Ctrl-C in a command that has nothing to save
            raise fail("interrupted", EXIT_INTERRUPTED) from None
        except RuntimeError as exc:  # DuckDB's own form of a Ctrl-C during a query
            from proxygraph.store import is_interruption

            if is_interruption(exc):
                raise fail("interrupted", EXIT_INTERRUPTED) from None
            raise

    return wrapper  # type: ignore[return-value]  (same signature, wrapped)


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    t = Table(title=title, show_lines=False, header_style="bold")
    for name in columns:
        numeric = name in {"mentions", "claims", "documents", "n", "start"}
        t.add_column(name, justify="right" if numeric else "left", overflow="fold")
    for row in rows:
        t.add_row(*("" if v is None else escape(str(v)) for v in row))
    return t


def escape(text: str) -> str:
    """Article text may contain [brackets] that rich would read as markup."""
    return rich_escape(text)


def stdout_is_closed() -> None:
    """After a broken pipe, point stdout at /dev/null so Python's exit flush stays quiet."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
