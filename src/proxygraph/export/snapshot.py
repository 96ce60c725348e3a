"""Everything an export writes, read from the store once: claims, documents, actors, dyads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from proxygraph.graph import ClaimSet, Dyad, claim_set, dyads
from proxygraph.models import Claim, Document
from proxygraph.store import ActorRow, Store


@dataclass
class Snapshot:
    claims: list[Claim]
    documents: list[Document]
    actors: list[ActorRow]
    cs: ClaimSet
    _dyads: list[Dyad] | None = field(default=None, repr=False)

    @property
    def dyads(self) -> list[Dyad]:
        if self._dyads is None:
            self._dyads = dyads(self.cs, top=3)
        return self._dyads

    def keyed_claims(self) -> list[tuple[str, Claim]]:
        """Each claim with a unique key: its id, suffixed when a document repeats a claim."""
        seen: dict[str, int] = {}
        out = []
        for claim in self.claims:
            seen[claim.id] = seen.get(claim.id, 0) + 1
            n = seen[claim.id]
            out.append((claim.id if n == 1 else f"{claim.id}-{n}", claim))
        return out

    def document(self, doc_id: str) -> Document | None:
        return self.cs.documents.get(doc_id)

    def actor_type(self, name: str) -> str:
        row = self._actor_rows.get(name)
        return row.type if row else "unknown"

    @cached_property
    def _actor_rows(self) -> dict[str, ActorRow]:
        """Built once: exports ask for a type per claim."""
        return {a.name: a for a in self.actors}


def load_snapshot(db: str | Path) -> Snapshot:
    """Read the whole store (read-only) into memory."""
    with Store.open(db, read_only=True, timeout=10.0) as store:
        claims, documents, actors = store.claims(), store.documents(), store.actors()
    return snapshot(claims, documents, actors)


def snapshot(claims: list[Claim], documents: list[Document], actors: list[ActorRow]) -> Snapshot:
    return Snapshot(claims, documents, actors, claim_set(claims, documents))


@cache
def mapping() -> dict[str, Any]:
    """The vocabulary mapping in ``data/mapping.yaml``."""
    text = resources.files("proxygraph.export").joinpath("data/mapping.yaml").read_text("utf-8")
    return yaml.safe_load(text)
