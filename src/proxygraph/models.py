"""The objects that flow through the pipeline: documents in, mentions and claims out.

Offsets are always character offsets into ``Document.text``, so evidence stays verbatim.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from proxygraph.ontology import relation


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date "2017-04-25", or "2017-06", or "2017"
    url: str | None = None
    publisher: str | None = None
    language: str = "en"
    path: str | None = None  # where it was read from
    kept: tuple[tuple[int, int], ...] | None = None  # prose spans of text; None = all of it

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:32]

    @property
    def year(self) -> int | None:
        return int(self.published[:4]) if self.published and self.published[:4].isdigit() else None


@dataclass(frozen=True)
class Mention:
    """An actor named in a document: ``text[start:end]`` is the surface form."""

    doc: str
    actor: str
    surface: str
    start: int
    end: int
    actor_type: str = "unknown"
    provisional: bool = False
    person: str | None = None  # the person named, when the mention is rolled up to ``actor``


@dataclass
class Claim:
    """One directed relation stated in one sentence of one document (see SCHEMA.md)."""

    doc: str
    subject: str
    relation: str
    object: str
    quote: str
    start: int  # sentence offsets into the document text
    end: int
    negated: bool = False
    certainty: str = "asserted"
    source: str | None = None
    time: str | None = None
    trigger: str | None = None  # the word that carries the relation
    subject_type: str = "unknown"
    object_type: str = "unknown"
    construction: str | None = None  # the rule that produced it ("verb_transfer", ...)
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return relation(self.relation).family

    @property
    def confidence(self) -> float:
        """How sure the reader that made it is (1.0; the window reader's 0.5), from extras."""
        value = self.extras.get("confidence", 1.0)
        return float(value) if isinstance(value, int | float) else 1.0

    @property
    def valence(self) -> int:
        return relation(self.relation).valence

    @property
    def key(self) -> tuple[str, str, str, str, bool]:
        """Identity within a document; symmetric relations have an ordered pair."""
        s, o = self.subject, self.object
        if relation(self.relation).symmetric:
            s, o = sorted((s, o))
        return (self.doc, s, self.relation, o, self.negated)

    @property
    def id(self) -> str:
        raw = "|".join(map(str, (*self.key, self.start, self.certainty)))
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        """The shared schema's fields first, then proxygraph's own."""
        row = asdict(self)
        extras = row.pop("extras")
        return {**row, **extras}

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> Claim:
        known = {f for f in cls.__dataclass_fields__ if f != "extras"}
        extras = {k: v for k, v in row.items() if k not in known}
        return cls(**{k: v for k, v in row.items() if k in known}, extras=extras)


@dataclass
class Extraction:
    """What extraction yields for one document: the mentions and claims, and warnings."""

    doc: Document
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # why the document was skipped, if its extraction failed
