"""A STIX 2.1 bundle made with the ``stix2`` library.

- actors: ``identity`` (states, agencies, IGOs, parties, people) or ``threat-actor``
  (armed groups, PMCs), per ``data/mapping.yaml``;
- each claim: one ``relationship`` (type from the ontology, lower-case with hyphens),
  ``confidence`` from certainty, ``start_time``/``stop_time`` from the claim's time,
  ``created_by_ref`` the identity of the publisher of its document;
- each claim's quote: a ``note`` on the relationship, authored by the attributed source;
- everything STIX has no property for is kept in ``x_proxygraph_*`` custom properties.

Ids are derived from names and claim ids, so exporting twice gives the same ids.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import stix2

from proxygraph.export.snapshot import Snapshot, mapping
from proxygraph.export.timespan import parse_time
from proxygraph.graph.evidence import publisher
from proxygraph.models import Claim, Document
from proxygraph.store import ActorRow

NAMESPACE = uuid.UUID("6f0c2b8e-4d0a-4c41-9a59-70726f787967")  # fixed: stable ids per name
SCHEMA_URL = "https://github.com/proxygraph/proxygraph/blob/main/docs/exports.md"
EXTENSION_PROPERTIES = {
    "x_proxygraph_actor_type",
    "x_proxygraph_provisional",
    "x_proxygraph_mentions",
    "x_proxygraph_claims",
    "x_proxygraph_documents",
    "x_proxygraph_role",
    "x_proxygraph_claim_id",
    "x_proxygraph_relation",
    "x_proxygraph_family",
    "x_proxygraph_certainty",
    "x_proxygraph_negated",
    "x_proxygraph_source",
    "x_proxygraph_time",
    "x_proxygraph_doc",
    "x_proxygraph_start",
    "x_proxygraph_end",
    "x_proxygraph_trigger",
    "x_proxygraph_subject_type",
    "x_proxygraph_object_type",
    "x_proxygraph_extras",
}


def stix_id(kind: str, key: str) -> str:
    """A deterministic id of version-4 shape (STIX 2.1 asks SDO ids to be UUIDv4)."""
    raw = uuid.uuid5(NAMESPACE, f"{kind}:{key}")
    return f"{kind}--{uuid.UUID(bytes=raw.bytes, version=4)}"


EXTENSION = stix_id("extension-definition", "x_proxygraph")
# Every object declares the extension that defines its top-level x_proxygraph_* properties.
EXTENDED = {EXTENSION: {"extension_type": "toplevel-property-extension"}}


def build_bundle(snap: Snapshot, now: datetime | None = None) -> stix2.Bundle:
    now = now or datetime.now(UTC)
    objects: dict[str, Any] = {}
    for obj in extension_objects(now):
        objects[obj.id] = obj
    for actor in _all_actors(snap):
        objects[actor_ref(actor.name, actor.type)] = actor_object(actor, now)
    for key, claim in snap.keyed_claims():
        doc = snap.document(claim.doc)
        author = source_identity(doc, claim.doc, now)
        objects.setdefault(author.id, author)
        rel = relationship(key, claim, snap, doc, author.id, now)
        objects[rel.id] = rel
        note = evidence_note(key, claim, doc, rel.id, author.id, now)
        objects[note.id] = note
    return stix2.Bundle(objects=list(objects.values()), allow_custom=True)


def extension_objects(now: datetime) -> list[Any]:
    """proxygraph's identity and the extension definition for the x_proxygraph_* properties."""
    tool = stix2.Identity(
        id=stix_id("identity", "proxygraph"),
        name="proxygraph",
        identity_class="system",
        created=now,
        modified=now,
    )
    definition = stix2.ExtensionDefinition(
        id=EXTENSION,
        created_by_ref=tool.id,
        created=now,
        modified=now,
        name="proxygraph claim properties",
        version="1.0.0",
        schema=SCHEMA_URL,
        extension_types=["toplevel-property-extension"],
        extension_properties=sorted(EXTENSION_PROPERTIES),
        description="Fields of proxygraph claims and actors that STIX has no property for; "
        "see docs/exports.md.",
    )
    return [tool, definition]


def write_stix(snap: Snapshot, path: Path | str) -> Path:
    bundle = build_bundle(snap)
    Path(path).write_text(bundle.serialize(pretty=True, ensure_ascii=False), encoding="utf-8")
    return Path(path)


def _all_actors(snap: Snapshot) -> list[ActorRow]:
    """The actor table, plus any actor seen only in a claim."""
    known = {a.name for a in snap.actors}
    extra = sorted({n for c in snap.claims for n in (c.subject, c.object)} - known)
    return snap.actors + [ActorRow(n, "unknown", True, 0, 0, 0) for n in extra]


def actor_spec(kind: str) -> dict[str, Any]:
    table = mapping()["stix_actor"]
    return table.get(kind, table["unknown"])


def actor_ref(name: str, kind: str) -> str:
    return stix_id(actor_spec(kind)["object"], name)


def actor_object(actor: ActorRow, now: datetime) -> Any:
    spec = actor_spec(actor.type)
    common = dict(
        id=actor_ref(actor.name, actor.type),
        name=actor.name,
        created=now,
        modified=now,
        allow_custom=True,
        extensions=EXTENDED,
        x_proxygraph_actor_type=actor.type,
        x_proxygraph_provisional=actor.provisional,
        x_proxygraph_mentions=actor.mentions,
        x_proxygraph_claims=actor.claims,
        x_proxygraph_documents=actor.documents,
    )
    if spec["object"] == "threat-actor":
        return stix2.ThreatActor(**common)
    extra = {k: spec[k] for k in ("identity_class", "sectors") if k in spec}
    return stix2.Identity(**common, **extra)


def source_identity(doc: Document | None, doc_id: str, now: datetime) -> stix2.Identity:
    """Who published the document a claim comes from (the STIX object's creator)."""
    name = (publisher(doc) if doc else None) or f"author of {doc_id}"
    known = bool(doc and (doc.publisher or doc.url))
    return stix2.Identity(
        id=stix_id("identity", f"source:{name}"),
        name=name,
        created=now,
        modified=now,
        identity_class="organization" if known else "unknown",
        allow_custom=True,
        extensions=EXTENDED,
        x_proxygraph_role="source",
    )


def relationship(
    key: str, claim: Claim, snap: Snapshot, doc: Document | None, author: str, now: datetime
) -> stix2.Relationship:
    span = parse_time(claim.time)
    start, stop = span.start_time(), span.stop_time()
    times = {k: v for k, v in (("start_time", start), ("stop_time", stop)) if v}
    if start and stop and stop <= start:  # a malformed span: keep it in x_proxygraph_time only
        times = {}
    return stix2.Relationship(
        id=stix_id("relationship", key),
        relationship_type=claim.relation.lower().replace("_", "-"),
        source_ref=actor_ref(claim.subject, snap.actor_type(claim.subject)),
        target_ref=actor_ref(claim.object, snap.actor_type(claim.object)),
        description=summary(claim),
        confidence=mapping()["stix_confidence"][claim.certainty],
        created_by_ref=author,
        created=now,
        modified=now,
        external_references=document_reference(doc, claim.doc),
        allow_custom=True,
        extensions=EXTENDED,
        **times,
        **custom_properties(claim),
    )


def custom_properties(claim: Claim) -> dict[str, Any]:
    """The claim's fields that STIX has no property for."""
    return _drop_none(
        {
            "x_proxygraph_claim_id": claim.id,
            "x_proxygraph_relation": claim.relation,
            "x_proxygraph_family": claim.family,
            "x_proxygraph_certainty": claim.certainty,
            "x_proxygraph_negated": claim.negated,
            "x_proxygraph_source": claim.source,
            "x_proxygraph_time": claim.time,
            "x_proxygraph_doc": claim.doc,
            "x_proxygraph_start": claim.start,
            "x_proxygraph_end": claim.end,
            "x_proxygraph_trigger": claim.trigger,
            "x_proxygraph_subject_type": claim.subject_type,
            "x_proxygraph_object_type": claim.object_type,
            "x_proxygraph_extras": json.dumps(claim.extras, ensure_ascii=False, sort_keys=True),
        }
    )


def _drop_none(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None}


def summary(claim: Claim) -> str:
    verb = f"NOT {claim.relation}" if claim.negated else claim.relation
    said = f", {claim.certainty}" + (f" by {claim.source}" if claim.source else "")
    when = f", {claim.time}" if claim.time else ""
    return f"{claim.subject} {verb} {claim.object}{said}{when}"


def document_reference(doc: Document | None, doc_id: str) -> list[dict[str, str]]:
    ref = {"source_name": "proxygraph-document", "external_id": doc_id}
    if doc and doc.url:
        ref["url"] = doc.url
    if doc and (doc.title or doc.published):
        ref["description"] = "; ".join(x for x in (doc.title, doc.published) if x)
    return [ref]


def evidence_note(
    key: str, claim: Claim, doc: Document | None, rel: str, author: str, now: datetime
) -> stix2.Note:
    voice = claim.source or (publisher(doc) if doc else None) or f"author of {claim.doc}"
    return stix2.Note(
        id=stix_id("note", key),
        abstract=summary(claim),
        content=claim.quote,
        authors=[voice],
        object_refs=[rel],
        created_by_ref=author,
        created=now,
        modified=now,
        external_references=document_reference(doc, claim.doc),
        allow_custom=True,
        extensions=EXTENDED,
        x_proxygraph_claim_id=claim.id,
    )
