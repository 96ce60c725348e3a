"""The Typer application that every command module registers on."""

from typing import Any

import typer

from proxygraph._interrupt import guard_shutdown


class _Command(typer.Typer):
    """The app, guarding its own shutdown against Ctrl-C (see ``_interrupt``)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        finally:
            guard_shutdown()


app = _Command(
    name="proxygraph",
    help=(
        "Build an evidence-backed graph of states, armed groups and their relations from articles."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
)
