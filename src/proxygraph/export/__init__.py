"""Exports of the claim store for other tools (see docs/exports.md).

snap = load_snapshot("demo.duckdb")
export(snap, "stix", "claims.stix.json")
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from proxygraph.export.graphs import claim_graph, write_gexf, write_graphml
from proxygraph.export.snapshot import Snapshot, load_snapshot, snapshot
from proxygraph.export.stix import build_bundle, write_stix
from proxygraph.export.tables import write_csv, write_jsonl, write_neo4j


def write_ftm(snap: Snapshot, path: Any) -> Any:
    """FollowTheMoney entities for Aleph. followthemoney loads its whole schema model on
    import (a third of a second), so it is imported only when this format is asked for."""
    from proxygraph.export.ftm import write_ftm as write

    return write(snap, path)


# Format name -> (writer, whether PATH is a folder).
FORMATS: dict[str, tuple[Callable[[Snapshot, Any], Any], bool]] = {
    "jsonl": (write_jsonl, False),
    "csv": (write_csv, True),
    "graphml": (write_graphml, False),
    "gexf": (write_gexf, False),
    "neo4j": (write_neo4j, True),
    "stix": (write_stix, False),
    "ftm": (write_ftm, False),
}


def export(snap: Snapshot, fmt: str, path: str | Path) -> Any:
    """Write ``snap`` in format ``fmt`` to ``path`` (a folder for csv and neo4j)."""
    try:
        writer, _ = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}") from None
    return writer(snap, path)


__all__ = [
    "FORMATS",
    "Snapshot",
    "build_bundle",
    "claim_graph",
    "export",
    "load_snapshot",
    "snapshot",
    "write_csv",
    "write_ftm",
    "write_gexf",
    "write_graphml",
    "write_jsonl",
    "write_neo4j",
    "write_stix",
]
