"""A STIX 2.1 bundle, written as plain JSON and checked against ``stix2`` in the tests.

- actors: ``identity`` (states, agencies, IGOs, parties, people) or ``threat-actor``
  (armed groups, PMCs), per ``data/mapping.yaml``;
- each claim: one ``relationship``, ``confidence`` from certainty, ``start_time``/
  ``stop_time`` from the claim's time, ``created_by_ref`` the publisher of its document.
  Its type is the relation in lower case with hyphens (``arms``) only when the text says
  the relation holds; a negated claim is ``x-proxygraph-not-arms``, a denied one
  ``x-proxygraph-denied-arms``, so that a consumer that ignores custom properties can
  never read "Russia did not arm X" as ``arms`` (see docs/exports.md);
- each claim's quote: a ``note`` on the relationship, authored by the attributed source;
- everything STIX has no property for is kept in ``x_proxygraph_*`` custom properties.

The objects are plain dicts: building them with ``stix2`` costs about half a millisecond an
object and its bundle serialiser sorts properties by searching the whole bundle for each
object (quadratic: 232 claims took 49 s). ``tests/test_export.py`` parses and validates
the output with ``stix2`` and ``stix2validator``.

Ids are derived from names and claim ids, so exporting twice gives the same ids.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from proxygraph.export.snapshot import Snapshot, mapping
from proxygraph.export.timespan import parse_time
from proxygraph.graph.evidence import publisher
from proxygraph.models import Claim, Document
from proxygraph.store import ActorRow

NAMESPACE = uuid.UUID("6f0c2b8e-4d0a-4c41-9a59-70726f787967")  # fixed: stable ids per name
SCHEMA_URL = "https://github.com/proxygraph/proxygraph/blob/main/docs/exports.md"
SPEC = "2.1"
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
# Prefix of the relationship types of claims that the text says do not hold.
NOT_PREFIX = "x-proxygraph-not-"
DENIED_PREFIX = "x-proxygraph-denied-"


@lru_cache(maxsize=65536)  # actor and source ids are asked for once per claim
def stix_id(kind: str, key: str) -> str:
    """A deterministic id of version-4 shape (STIX 2.1 asks SDO ids to be UUIDv4)."""
    raw = uuid.uuid5(NAMESPACE, f"{kind}:{key}")
    return f"{kind}--{uuid.UUID(bytes=raw.bytes, version=4)}"


EXTENSION = stix_id("extension-definition", "x_proxygraph")
TOOL = stix_id("identity", "proxygraph")
# Every object declares the extension that defines its top-level x_proxygraph_* properties.
EXTENDED = {EXTENSION: {"extension_type": "toplevel-property-extension"}}


def stamp(when: datetime) -> str:
    """STIX timestamp: UTC, "Z", fractions only when there are any."""
    when = when.astimezone(UTC)
    text = when.strftime("%Y-%m-%dT%H:%M:%S")
    return f"{text}.{when.microsecond:06d}Z" if when.microsecond else f"{text}Z"


def relationship_type(claim: Claim) -> str:
    """``arms`` when the text says the relation holds; an ``x-`` type when it says not."""
    base = claim.relation.lower().replace("_", "-")
    if claim.certainty == "denied":
        base = f"not-{base}" if claim.negated else base
        return DENIED_PREFIX + base
    return NOT_PREFIX + base if claim.negated else base


def build_bundle(snap: Snapshot, now: datetime | None = None) -> dict[str, Any]:
    """The bundle as a JSON-ready dict; one pass over actors and claims."""
    made = stamp(now or datetime.now(UTC))
    objects: dict[str, dict[str, Any]] = {}
    for obj in extension_objects(made):
        objects[obj["id"]] = obj
    types = {a.name: a.type for a in snap.actors}
    for actor in _all_actors(snap):
        objects[actor_ref(actor.name, actor.type)] = actor_object(actor, made)
    for key, claim in snap.keyed_claims():
        doc = snap.document(claim.doc)
        author = source_identity(doc, claim.doc, made)
        objects.setdefault(author["id"], author)
        rel = relationship(key, claim, types, doc, author["id"], made)
        objects[rel["id"]] = rel
        note = evidence_note(key, claim, doc, rel["id"], author["id"], made)
        objects[note["id"]] = note
    return {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": list(objects.values())}


def _object(kind: str, key_or_id: str, made: str, **props: Any) -> dict[str, Any]:
    """The common properties in the order ``stix2`` writes them, then ``props``."""
    oid = key_or_id if key_or_id.startswith(f"{kind}--") else stix_id(kind, key_or_id)
    head = {"type": kind, "spec_version": SPEC, "id": oid}
    if "created_by_ref" in props:
        head["created_by_ref"] = props.pop("created_by_ref")
    return {**head, "created": made, "modified": made, **_drop_none(props)}


def extension_objects(made: str) -> list[dict[str, Any]]:
    """proxygraph's identity and the extension definition for the x_proxygraph_* properties."""
    tool = _object("identity", TOOL, made, name="proxygraph", identity_class="system")
    definition = _object(
        "extension-definition",
        EXTENSION,
        made,
        created_by_ref=TOOL,
        name="proxygraph claim properties",
        description="Fields of proxygraph claims and actors that STIX has no property for; "
        "see docs/exports.md.",
        schema=SCHEMA_URL,
        version="1.0.0",
        extension_types=["toplevel-property-extension"],
        extension_properties=sorted(EXTENSION_PROPERTIES),
    )
    return [tool, definition]


def write_stix(snap: Snapshot, path: Path | str) -> Path:
    Path(path).write_text(bundle_text(build_bundle(snap)), encoding="utf-8")
    return Path(path)


def bundle_text(bundle: dict[str, Any]) -> str:
    """The bundle with one object a line: readable, and json's C encoder (an ``indent``
    falls back to the pure-Python one, four times slower)."""
    objects = ",\n".join(json.dumps(o, ensure_ascii=False) for o in bundle["objects"])
    head = json.dumps({k: v for k, v in bundle.items() if k != "objects"})
    return f'{head[:-1]}, "objects": [\n{objects}\n]}}\n'


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


def actor_object(actor: ActorRow, made: str) -> dict[str, Any]:
    spec = actor_spec(actor.type)
    extra = {k: spec[k] for k in ("identity_class", "sectors") if k in spec}
    return _object(
        spec["object"],
        actor_ref(actor.name, actor.type),
        made,
        name=actor.name,
        **extra,
        extensions=EXTENDED,
        x_proxygraph_actor_type=actor.type,
        x_proxygraph_provisional=actor.provisional,
        x_proxygraph_mentions=actor.mentions,
        x_proxygraph_claims=actor.claims,
        x_proxygraph_documents=actor.documents,
    )


def source_identity(doc: Document | None, doc_id: str, made: str) -> dict[str, Any]:
    """Who published the document a claim comes from (the STIX object's creator)."""
    name = (publisher(doc) if doc else None) or f"author of {doc_id}"
    known = bool(doc and (doc.publisher or doc.url))
    return _object(
        "identity",
        f"source:{name}",
        made,
        name=name,
        identity_class="organization" if known else "unknown",
        extensions=EXTENDED,
        x_proxygraph_role="source",
    )


def relationship(
    key: str,
    claim: Claim,
    types: dict[str, str],
    doc: Document | None,
    author: str,
    made: str,
) -> dict[str, Any]:
    span = parse_time(claim.time)
    start, stop = span.start_time(), span.stop_time()
    if start and stop and stop <= start:  # a malformed span: keep it in x_proxygraph_time only
        start = stop = None
    return _object(
        "relationship",
        key,
        made,
        created_by_ref=author,
        relationship_type=relationship_type(claim),
        description=summary(claim),
        source_ref=actor_ref(claim.subject, types.get(claim.subject, "unknown")),
        target_ref=actor_ref(claim.object, types.get(claim.object, "unknown")),
        start_time=stamp(start) if start else None,
        stop_time=stamp(stop) if stop else None,
        confidence=mapping()["stix_confidence"][claim.certainty],
        external_references=document_reference(doc, claim.doc),
        extensions=EXTENDED,
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
    """One line that says plainly whether the relation holds ("Russia NOT ARMS Taliban")."""
    verb = f"NOT {claim.relation}" if claim.negated else claim.relation
    said = f", {claim.certainty}" + (f" by {claim.source}" if claim.source else "")
    when = f", {claim.time}" if claim.time else ""
    head = "DENIED: " if claim.certainty == "denied" else ""
    return f"{head}{claim.subject} {verb} {claim.object}{said}{when}"


def document_reference(doc: Document | None, doc_id: str) -> list[dict[str, str]]:
    ref = {"source_name": "proxygraph-document", "external_id": doc_id}
    if doc and doc.url:
        ref["url"] = doc.url
    if doc and (doc.title or doc.published):
        ref["description"] = "; ".join(x for x in (doc.title, doc.published) if x)
    return [ref]


def evidence_note(
    key: str, claim: Claim, doc: Document | None, rel: str, author: str, made: str
) -> dict[str, Any]:
    voice = claim.source or (publisher(doc) if doc else None) or f"author of {claim.doc}"
    return _object(
        "note",
        key,
        made,
        created_by_ref=author,
        abstract=summary(claim),
        content=claim.quote,
        authors=[voice],
        object_refs=[rel],
        external_references=document_reference(doc, claim.doc),
        extensions=EXTENDED,
        x_proxygraph_claim_id=claim.id,
    )
