"""An analyst's judgements of claims: confirm, reject or correct, stored apart from the claims.

A judgement is keyed by what survives a re-extraction: the document, the sentence (the md5
of its verbatim quote) and the claim as the extractor read it (subject, relation, object,
negated). Claim ids hash the sentence's offset and the certainty too, so they may change
when the engine or the catalog changes; the key does not, as long as the document's text,
the sentence boundaries and the actors' canonical names stay the same (docs/judgement.md).

The store applies judgements when it reads claims (``Store.claims``, one SQL join), so the
graph, stance, reports, exports and the web app all see the same judged claims.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from proxygraph.errors import Code, ProxygraphError
from proxygraph.models import Claim
from proxygraph.ontology import CERTAINTIES, relation, relations

STATUSES = ("confirmed", "corrected", "rejected")
ACTIONS = ("confirm", "reject", "correct")
# What a correction may change, in the order it is shown.
SETTABLE = ("subject", "relation", "object", "negated", "certainty", "time")
# The shared schema's time: a year or date, or a span of two ("2015", "2016-03", "2007/2021").
TIME = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
TRUE = {"true", "yes", "1", "y"}
FALSE = {"false", "no", "0", "n"}
NOTE_CHARS = 2000
# The canonical name of a known actor (catalog or store) for any alias, else None.
Resolver = Callable[[str], "str | None"]


def quote_md5(quote: str) -> str:
    """The sentence part of the key: the same hex digest as SQL ``md5(quote)``."""
    return hashlib.md5(quote.encode("utf-8")).hexdigest()  # noqa: S324  (a key, not security)


@dataclass(frozen=True)
class Key:
    """What identifies a claim across re-extractions (the judgements table's primary key)."""

    doc: str
    quote_md5: str
    subject: str
    relation: str
    object: str
    negated: bool

    def params(self) -> list[Any]:
        return [self.doc, self.quote_md5, self.subject, self.relation, self.object, self.negated]


@dataclass(frozen=True)
class Judgement:
    key: Key
    status: str
    changes: dict[str, Any]  # field -> corrected value; time "" = no time
    note: str | None
    claim_id: str  # the claim's id when judged
    quote: str
    start: int
    end: int
    original: dict[str, Any]  # the claim as extracted, when judged (shared schema)
    judged_at: datetime
    derived: dict[str, Any] = field(default_factory=dict)  # family, valence, year, types

    def claim(self) -> Claim:
        """The judged claim rebuilt from the judgement alone (for one whose sentence or
        actors a re-extraction no longer yields: it stays in the gold export)."""
        base = Claim.from_json(dict(self.original))
        fields = {k: (v or None) if k == "time" else v for k, v in self.changes.items()}
        return replace(base, **fields, extras={**base.extras, "review": self.review()})

    def review(self) -> dict[str, Any]:
        was = {k: self.original.get(k) for k in self.changes}
        return review_field(self.status, self.note, self.claim_id, self.judged_at, was)


def review_field(
    status: str, note: str | None, claim_id: str, judged_at: Any, was: dict[str, Any]
) -> dict[str, Any]:
    """The ``review`` field a judged claim carries (in ``Claim.extras``, so in every export)."""
    at = judged_at.isoformat(timespec="seconds") if isinstance(judged_at, datetime) else judged_at
    return {"status": status, "note": note, "claim_id": claim_id, "judged_at": at, "was": was}


def review_of(claim: Claim) -> dict[str, Any] | None:
    return claim.extras.get("review")


def status_of(claim: Claim) -> str | None:
    review = review_of(claim)
    return review["status"] if review else None


def verified(claim: Claim) -> bool:
    """Confirmed or corrected by an analyst."""
    return status_of(claim) in ("confirmed", "corrected")


# -- rows ----------------------------------------------------------------------------


def judged_claim(claim: Claim, tail: tuple[Any, ...]) -> tuple[Claim, Key]:
    """A claim read through ``SELECT_JUDGED``: ``tail`` is the judgement and the claim as
    extracted (``REVIEW_COLUMNS``); a judged claim gets its ``review`` field."""
    status, note, claim_id, at, md5, x_subject, x_relation, x_object, x_negated = tail[:9]
    x_certainty, x_time = tail[9:11]
    key = Key(claim.doc, md5, x_subject, x_relation, x_object, bool(x_negated))
    if status is None:
        return claim, key
    extracted = {
        "subject": x_subject,
        "relation": x_relation,
        "object": x_object,
        "negated": bool(x_negated),
        "certainty": x_certainty,
        "time": x_time,
    }
    was = {k: v for k, v in extracted.items() if getattr(claim, k) != v}
    claim.extras = {**claim.extras, "review": review_field(status, note, claim_id, at, was)}
    return claim, key


def judgement_row(j: Judgement) -> list[Any]:
    c, d = j.changes, j.derived
    return [
        *j.key.params(),
        j.status,
        c.get("subject"),
        c.get("relation"),
        c.get("object"),
        c.get("negated"),
        c.get("certainty"),
        c.get("time"),
        d.get("family"),
        d.get("valence"),
        d.get("year"),
        d.get("subject_type"),
        d.get("object_type"),
        j.note,
        j.claim_id,
        j.quote,
        j.start,
        j.end,
        json.dumps(j.original, ensure_ascii=False, sort_keys=True),
        j.judged_at,
    ]


def judgement_of(row: tuple[Any, ...]) -> Judgement:
    key = Key(row[0], row[1], row[2], row[3], row[4], bool(row[5]))
    changes = {
        name: value for name, value in zip(SETTABLE, row[7:13], strict=True) if value is not None
    }
    if "negated" in changes:
        changes["negated"] = bool(changes["negated"])
    derived_names = ("family", "valence", "year", "subject_type", "object_type")
    derived = {k: v for k, v in zip(derived_names, row[13:18], strict=True) if v is not None}
    return Judgement(
        key=key,
        status=row[6],
        changes=changes,
        note=row[18],
        claim_id=row[19],
        quote=row[20],
        start=row[21],
        end=row[22],
        original=json.loads(row[23]),
        judged_at=row[24],
        derived=derived,
    )


# -- validation ------------------------------------------------------------------------


def parse_sets(pairs: list[str]) -> dict[str, str]:
    """``["relation=ARMS", "object=Hamas"]`` -> a dict; a malformed pair is a coded error."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise ProxygraphError(Code.E062, field="--set", value=pair, reason="use FIELD=VALUE")
        out[name.strip().lower()] = value.strip()
    return out


def check_changes(raw: dict[str, Any], resolve_actor: Resolver) -> dict[str, Any]:
    """Validated, normalised corrections. ``resolve_actor(name)`` returns the canonical name
    of a known actor or None. Errors: E061 (no such field), E062 (bad value), E012."""
    changes: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in SETTABLE:
            raise ProxygraphError(Code.E061, field=name, known=", ".join(SETTABLE))
        changes[name] = _checked(name, value, resolve_actor)
    return changes


def _checked(name: str, value: Any, resolve_actor: Resolver) -> Any:
    if name == "relation":
        upper = str(value).strip().upper()
        if upper not in relations():
            reason = "known relations: " + ", ".join(relations())
            raise ProxygraphError(Code.E062, field=name, value=value, reason=reason)
        return upper
    if name == "certainty":
        lower = str(value).strip().lower()
        if lower not in CERTAINTIES:
            reason = "one of " + ", ".join(CERTAINTIES)
            raise ProxygraphError(Code.E062, field=name, value=value, reason=reason)
        return lower
    if name == "negated":
        return _boolean(value)
    if name == "time":
        text = "" if value is None else str(value).strip()
        if text and not TIME.match(text):
            reason = "a year or date like 2015, 2016-03, 2016-03-01 or 2007/2021; empty for none"
            raise ProxygraphError(Code.E062, field=name, value=value, reason=reason)
        return text
    text = str(value).strip()
    resolved = resolve_actor(text) if text else None
    if resolved is None:
        raise ProxygraphError(Code.E012, name=text)
    return resolved


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE | FALSE:
        return text in TRUE
    raise ProxygraphError(Code.E062, field="negated", value=value, reason="true or false")


def check_note(note: str | None) -> str | None:
    if note is None or not note.strip():
        return None
    if len(note) > NOTE_CHARS:
        reason = f"at most {NOTE_CHARS} characters"
        raise ProxygraphError(Code.E062, field="note", value=note[:40] + "…", reason=reason)
    return note.strip()


def decide(
    action: str, extracted: dict[str, Any], before: dict[str, Any], new: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """The status and corrections after ``action``: earlier corrections are kept, a value
    set back to what the extractor read is no correction, and a confirm or correct that
    changes nothing is a confirmation."""
    if action not in ACTIONS:
        raise ProxygraphError(Code.E062, field="action", value=action, reason=", ".join(ACTIONS))
    changes = {**before, **new}
    changes = {k: v for k, v in changes.items() if _differs(k, v, extracted.get(k))}
    if action == "reject":
        return "rejected", changes
    return ("corrected" if changes else "confirmed"), changes


def _differs(name: str, value: Any, extracted: Any) -> bool:
    if name == "time":
        return (value or None) != (extracted or None)
    return value != extracted


def check_pair(claim_subject: str, claim_object: str, changes: dict[str, Any]) -> None:
    subject = changes.get("subject", claim_subject)
    obj = changes.get("object", claim_object)
    if subject == obj:
        reason = "subject and object would be the same actor"
        raise ProxygraphError(Code.E062, field="object", value=obj, reason=reason)


def derived_fields(
    changes: dict[str, Any], year: int | None, actor_type: Callable[[str], str]
) -> dict[str, Any]:
    """What the store keeps beside the corrections so that filters and the graph see them."""
    out: dict[str, Any] = {}
    if "relation" in changes:
        rel = relation(changes["relation"])
        out.update(family=rel.family, valence=rel.valence)
    if "time" in changes:
        out["year"] = year
    for side in ("subject", "object"):
        if side in changes:
            out[f"{side}_type"] = actor_type(changes[side])
    return out


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
