"""FollowTheMoney entities (JSON Lines, loadable by Aleph) made with ``followthemoney``.

- actors: PublicBody / Organization / Company / Person / LegalEntity per ``data/mapping.yaml``
  (states also get their ``country``);
- documents: ``Article`` (title, author, publisher, publishedAt, sourceUrl, bodyText);
- claims: one interval entity each, ``Membership`` for MEMBER_OF between a member and an
  organisation, ``UnknownLink`` otherwise. ``role`` is the relation ("NOT ARMS" when
  negated, "DENIED ARMS" when denied), ``status`` the certainty, ``startDate``/``endDate``
  the claim's time, ``description`` the quote, ``summary`` the rest of the claim,
  ``proof`` the Article.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from followthemoney import model
from followthemoney.proxy import EntityProxy

from proxygraph.export.snapshot import Snapshot, mapping
from proxygraph.export.timespan import parse_time
from proxygraph.graph.evidence import holds, publisher
from proxygraph.models import Claim, Document

PREFIX = "proxygraph"


def actor_entity(name: str, kind: str) -> EntityProxy:
    table = mapping()["ftm_actor"]
    entity = model.make_entity(table.get(kind, table["unknown"]))
    entity.make_id(PREFIX, "actor", name)
    entity.add("name", name)
    if kind == "state":
        entity.add("country", name)  # followthemoney cleans a country name into its code
    return entity


def article_entity(doc: Document) -> EntityProxy:
    entity = model.make_entity("Article")
    entity.make_id(PREFIX, "document", doc.id)
    entity.add("title", doc.title or doc.id)
    entity.add("fileName", Path(doc.path).name if doc.path else doc.id)
    for prop, value in (
        ("author", doc.author),
        ("publisher", publisher(doc)),
        ("publishedAt", doc.published),
        ("sourceUrl", doc.url),
        ("language", doc.language),
        ("bodyText", doc.text),
        ("contentHash", doc.content_hash),
    ):
        entity.add(prop, value, quiet=True)
    return entity


def claim_entity(
    key: str, claim: Claim, subject: EntityProxy, obj: EntityProxy, doc: Document | None
) -> EntityProxy:
    # only a claim that holds is a Membership; "X is not a member of Y" is an UnknownLink
    membership = claim.relation == "MEMBER_OF" and obj.schema.is_a("Organization") and holds(claim)
    entity = model.make_entity("Membership" if membership else "UnknownLink")
    entity.make_id(PREFIX, "claim", key)
    entity.add("member" if membership else "subject", subject.id)
    entity.add("organization" if membership else "object", obj.id)
    entity.add("role", role(claim))
    entity.add("status", claim.certainty)
    span = parse_time(claim.time)
    entity.add("startDate", span.start, quiet=True)
    entity.add("endDate", span.end, quiet=True)
    entity.add("description", claim.quote)
    entity.add("summary", claim_summary(claim))
    entity.add("recordId", claim.id)
    if doc:
        entity.add("sourceUrl", doc.url, quiet=True)
        entity.add("publisher", publisher(doc), quiet=True)
    return entity


def role(claim: Claim) -> str:
    """ "ARMS" only when the text says it holds: "NOT ARMS", "DENIED ARMS" otherwise."""
    verb = f"NOT {claim.relation}" if claim.negated else claim.relation
    return f"DENIED {verb}" if claim.certainty == "denied" else verb


def claim_summary(claim: Claim) -> str:
    """The claim in one line, with the fields FtM has no property for."""
    verb = f"NOT {claim.relation}" if claim.negated else claim.relation
    extra = {
        "source": claim.source,
        "time": claim.time,
        "doc": claim.doc,
        "start": claim.start,
        "end": claim.end,
        "trigger": claim.trigger,
        **claim.extras,
    }
    return f"{claim.subject} {verb} {claim.object} ({claim.certainty}) " + json.dumps(
        {k: v for k, v in extra.items() if v is not None}, ensure_ascii=False, sort_keys=True
    )


def entities(snap: Snapshot) -> Iterator[EntityProxy]:
    actors = {a.name: actor_entity(a.name, a.type) for a in snap.actors}
    for claim in snap.claims:
        for name in (claim.subject, claim.object):
            actors.setdefault(name, actor_entity(name, _type(snap, claim, name)))
    yield from actors.values()
    articles = {d.id: article_entity(d) for d in snap.documents}
    yield from articles.values()
    for key, claim in snap.keyed_claims():
        doc = snap.document(claim.doc)
        entity = claim_entity(key, claim, actors[claim.subject], actors[claim.object], doc)
        if claim.doc in articles:
            entity.add("proof", articles[claim.doc].id)
        yield entity


def _type(snap: Snapshot, claim: Claim, name: str) -> str:
    stored = snap.actor_type(name)
    if stored != "unknown":
        return stored
    return claim.subject_type if name == claim.subject else claim.object_type


def write_ftm(snap: Snapshot, path: Path | str) -> Path:
    with Path(path).open("w", encoding="utf-8") as f:
        for entity in entities(snap):
            f.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return Path(path)
