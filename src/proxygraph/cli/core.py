"""Commands: core (see docs/architecture.md)."""

from proxygraph.cli.app import app  # noqa: F401
