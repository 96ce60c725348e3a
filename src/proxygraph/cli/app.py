"""The Typer application that every command module registers on."""

import typer

app = typer.Typer(
    name="proxygraph",
    help=(
        "Build an evidence-backed graph of states, armed groups and their relations from articles."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
)
