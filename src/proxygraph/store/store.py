"""The claim store: documents, actors, mentions and claims in one DuckDB file or one
PostgreSQL database (``Store.open("postgresql://...")``; see ``postgres.py``).

A document is written with all its mentions and claims in one transaction (``add``), or a
batch of whole documents in one (``write``), replacing older versions of the same ids, so a
crash never leaves half a document.

Concurrency: DuckDB admits one process at a time for writing, and readers cannot open the
file while a writer holds it. ``proxygraph build`` therefore keeps the file open only while
it writes a batch of already-extracted documents (well under a second), and readers such
as the web server open a short read-only connection per request (``Store.open(db,
read_only=True, timeout=...)``) that waits, with backoff, for the batch to finish.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from proxygraph.actors import Catalog
from proxygraph.errors import Code, ProxygraphError
from proxygraph.models import Claim, Document, Mention
from proxygraph.store import judgements as jd
from proxygraph.store import queries as q
from proxygraph.store.aliases import AliasResolver
from proxygraph.store.connect import connect, is_interruption
from proxygraph.store.postgres import connect_pg, is_url, shown

YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
EMPTY_DATABASE = "no data yet (a build stopped before writing anything; run build again)"
FOREIGN_DATABASE = "not a proxygraph database (it holds other tables); choose another --db"
# Rows per multi-row INSERT; bounded so statements stay small.
CHUNK = 200
# Ids per IN (...) list.
ID_CHUNK = 500


@dataclass
class DocumentRows:
    """One document as table rows, ready to write: what an extraction worker ships (also as
    Parquet) and what a merge writes. ``document`` lacks ``added_at``, set when written."""

    document: tuple[Any, ...]
    actors: list[tuple[Any, ...]]
    mentions: list[tuple[Any, ...]]
    claims: list[tuple[Any, ...]]

    @property
    def id(self) -> str:
        return self.document[0]

    @property
    def content_hash(self) -> str:
        return self.document[1]


def rows_of(extraction: Any, catalog: Catalog) -> DocumentRows:
    """The rows of one extraction (doc, mentions, claims)."""
    doc: Document = extraction.doc
    return DocumentRows(
        _document_row(doc),
        _actor_rows(extraction.mentions, extraction.claims, catalog),
        [_mention_row(m) for m in extraction.mentions],
        [_claim_row(c, doc) for c in extraction.claims],
    )


@dataclass(frozen=True)
class ActorRow:
    name: str
    type: str
    provisional: bool
    mentions: int
    claims: int
    documents: int


@dataclass(frozen=True)
class Counts:
    documents: int
    claims: int
    mentions: int
    actors: int


class Store:
    def __init__(self, conn: Any, path: str, read_only: bool, catalog: Catalog | None) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only
        self._catalog = catalog
        self._aliases: AliasResolver | None = None

    @classmethod
    def open(
        cls,
        path: str | Path = "proxygraph.duckdb",
        read_only: bool = False,
        catalog: Catalog | None = None,
        timeout: float = 30.0,
        on_wait: Callable[[str], None] | None = None,
    ) -> Store:
        """Open (creating when writable) the store at ``path``, a DuckDB file or a
        ``postgresql://`` URL; waits ``timeout`` s for a lock or a server."""
        if is_url(path):
            conn = connect_pg(str(path), read_only=read_only, timeout=timeout, on_wait=on_wait)
            store = cls(conn, shown(str(path)), read_only, catalog)
        else:
            conn = connect(path, read_only=read_only, timeout=timeout, on_wait=on_wait)
            store = cls(conn, str(path), read_only, catalog)
        try:
            store._check_schema()
        except BaseException:
            conn.close()
            raise
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------

    def _check_schema(self) -> None:
        has_meta = self.conn.execute(q.HAS_META).fetchone()[0]
        if not has_meta:
            if self.read_only:
                raise ProxygraphError(Code.E001, path=self.path, reason=self._why_no_schema())
            if self.conn.execute(q.COUNT_TABLES).fetchone()[0]:
                # Another application's database: adding our tables to it would be a mess
                # nobody asked for. Only an empty file becomes a proxygraph store.
                raise ProxygraphError(Code.E001, path=self.path, reason=FOREIGN_DATABASE)
            self._create_schema()
            return
        row = self.conn.execute(q.GET_VERSION).fetchone()
        version = int(row[0]) if row else 0
        if version in q.MIGRATIONS and not self.read_only:
            self._migrate(version)
            version = q.SCHEMA_VERSION
        if version != q.SCHEMA_VERSION:
            reason = f"schema version {version}, this proxygraph reads {q.SCHEMA_VERSION}"
            raise ProxygraphError(Code.E001, path=self.path, reason=reason)

    def _migrate(self, version: int) -> None:
        """Bring an older store up to date in one transaction (nothing stored is lost)."""
        with self._transaction():
            while version < q.SCHEMA_VERSION:
                for statement in q.MIGRATIONS[version]:
                    self.conn.execute(statement)
                version += 1
            self.conn.execute(q.UPDATE_VERSION, [str(version)])

    def _why_no_schema(self) -> str:
        """A build killed before its first commit leaves an empty file: say so."""
        if self.conn.execute(q.COUNT_TABLES).fetchone()[0] == 0:
            return EMPTY_DATABASE
        return "not a proxygraph database"

    def _create_schema(self) -> None:
        with self._transaction():
            for statement in q.schema_statements():
                self.conn.execute(statement)
            self.conn.execute(q.SET_VERSION, [str(q.SCHEMA_VERSION)])

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute(q.GET_META, [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction():
            self.conn.execute(q.DELETE_META, [key])
            self.conn.execute(q.INSERT_META, [key, value])

    # -- writing -----------------------------------------------------------------

    def has(self, doc_id: str, content_hash: str) -> bool:
        return bool(self.conn.execute(q.HAS_DOCUMENT, [doc_id, content_hash]).fetchone()[0])

    def hashes(self) -> dict[str, str]:
        """Every stored document id with its content hash (small stores; see ``known``)."""
        return dict(self.conn.execute(q.HASHES).fetchall())

    def known(self, ids: Iterable[str]) -> dict[str, str]:
        """The stored content hash of each of ``ids`` that is stored: index look-ups only."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, str] = {}
        for i in range(0, len(wanted), ID_CHUNK):
            chunk = wanted[i : i + ID_CHUNK]
            found.update(
                self.conn.execute(q.HASHES_OF.format(marks=q.marks(len(chunk))), chunk).fetchall()
            )
        return found

    def sources(self, ids: Iterable[str]) -> dict[str, tuple[str, str | None]]:
        """(content hash, path read from) of each of ``ids`` that is stored."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, tuple[str, str | None]] = {}
        for i in range(0, len(wanted), ID_CHUNK):
            chunk = wanted[i : i + ID_CHUNK]
            sql = q.SOURCES_OF.format(marks=q.marks(len(chunk)))
            found.update((r[0], (r[1], r[2])) for r in self.conn.execute(sql, chunk).fetchall())
        return found

    def add(self, extraction: Any) -> None:
        """Write one extraction (doc, mentions, claims), replacing the document's older version."""
        self.write([rows_of(extraction, self.catalog)])

    def write(self, batch: Sequence[DocumentRows]) -> None:
        """Write whole documents in one transaction, replacing older versions of their ids."""
        latest = {rows.id: rows for rows in batch}  # a repeated id: its last version wins
        if not latest:
            return
        added = datetime.now(UTC).replace(tzinfo=None)
        actors = {row[0]: row for rows in latest.values() for row in rows.actors}
        with self._transaction():
            ids = list(latest)
            for i in range(0, len(ids), ID_CHUNK):
                chunk = ids[i : i + ID_CHUNK]
                for statement in (q.DELETE_CLAIMS, q.DELETE_MENTIONS, q.DELETE_DOCUMENT):
                    self.conn.execute(statement.format(marks=q.marks(len(chunk))), chunk)
            self._insert(q.INSERT_DOCUMENTS, [(*r.document, added) for r in latest.values()])
            self._insert(q.UPSERT_ACTORS, sorted(actors.values()))
            self._insert(q.INSERT_MENTIONS, [m for r in latest.values() for m in r.mentions])
            self._insert(q.INSERT_CLAIMS, [c for r in latest.values() for c in r.claims])

    def _insert(self, template: str, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if isinstance(self.conn, duckdb.DuckDBPyConnection):
            self._insert_columns(template, rows)
            return
        for i in range(0, len(rows), CHUNK):
            chunk = rows[i : i + CHUNK]
            sql = template.format(rows=q.values_rows(len(chunk), len(chunk[0])))
            self.conn.execute(sql, [v for row in chunk for v in row])

    def _insert_columns(self, template: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """DuckDB takes a batch as one Arrow table: columnar, no SQL text to parse, and
        several times faster than a multi-row VALUES statement."""
        table = pa.table(
            {f"c{i}": pa.array(column) for i, column in enumerate(zip(*rows, strict=True))}
        )
        self.conn.register("incoming_rows", table)
        # No ``finally``: in an aborted transaction even the unregister fails, and its error
        # would hide the first one (a Ctrl-C among them); the next register replaces the view.
        self.conn.execute(template.replace("VALUES {rows}", "SELECT * FROM incoming_rows"))
        self.conn.unregister("incoming_rows")

    # -- reading -----------------------------------------------------------------

    def documents(self) -> list[Document]:
        return [_document(r) for r in self.conn.execute(q.SELECT_DOCUMENTS).fetchall()]

    def document(self, doc_id: str) -> Document | None:
        row = self.conn.execute(q.SELECT_DOCUMENT, [doc_id]).fetchone()
        return _document(row) if row else None

    def claims(
        self,
        subject: str | None = None,
        object: str | None = None,  # noqa: A002  (the schema's field name)
        relation: str | None = None,
        family: str | None = None,
        certainty: str | None = None,
        source: str | None = None,
        doc: str | None = None,
        negated: bool | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        actor: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        include_rejected: bool = False,
        judged: bool = True,
    ) -> list[Claim]:
        """Claims matching every given filter; actor names may be any catalog alias.

        Judgements apply here, for every reader: rejected claims are left out unless
        ``include_rejected``, corrections replace what the extractor read (filters see the
        corrected values) and judged claims carry a ``review`` field. ``judged=False``: the
        claims as extracted."""
        filters = {
            "subject": self.resolve(subject) if subject else None,
            "object": self.resolve(object) if object else None,
            "relation": relation.upper() if relation else None,
            "family": family,
            "certainty": certainty,
            "source": f"%{source}%" if source else None,
            "doc": doc,
            "negated": negated,
            "year_from": year_from,
            "year_to": year_to,
            "actor": self.resolve(actor) if actor else None,
        }
        if judged and self.has_judgements():
            extra = [] if include_rejected else [q.NOT_REJECTED]
            rows = self._judged_rows(filters, extra, [], limit, offset)
            return [claim for claim, _ in rows]
        where, params = _where(filters)
        sql = q.SELECT_CLAIMS + where + q.CLAIMS_ORDER + _page(params, limit, offset)
        return [_claim(r) for r in self.conn.execute(sql, params).fetchall()]

    # -- judgements ----------------------------------------------------------------

    def has_judgements(self) -> bool:
        return bool(self.conn.execute(q.HAS_JUDGEMENTS).fetchone()[0])

    def _judged_rows(
        self,
        filters: dict[str, Any],
        extra: list[str],
        extra_params: list[Any],
        limit: int | None = None,
        offset: int = 0,
    ) -> list[tuple[Claim, jd.Key]]:
        where, params = _where(filters, extra, extra_params)
        sql = q.SELECT_JUDGED + where + q.CLAIMS_ORDER + _page(params, limit, offset)
        n = len(q.CLAIM_COLUMNS.split(","))
        rows = self.conn.execute(sql, params).fetchall()
        return [jd.judged_claim(_claim(r[:n]), tuple(r[n:])) for r in rows]

    def find_claim(self, claim_id: str) -> tuple[Claim, jd.Key]:
        """A claim (rejected ones included) by its id as extracted, as judged from, or as
        shown now (a corrected claim's id hashes its corrected fields); else E060."""
        claim_id = claim_id.strip()
        found = self._judged_rows({}, [q.BY_STORED_ID], [claim_id, claim_id])
        if not found:
            found = [r for r in self._judged_rows({}, [q.REVIEWED], []) if r[0].id == claim_id]
        if not found:
            raise ProxygraphError(Code.E060, claim_id=claim_id)
        return found[0]

    def judge(
        self,
        claim_id: str,
        action: str,
        changes: dict[str, Any] | None = None,
        note: str | None = None,
    ) -> Claim:
        """Confirm, reject or correct one claim (``changes``: field -> value, validated);
        returns the claim as judged. A second judgement of a claim replaces the first,
        keeping its corrections unless they are set again."""
        claim, key = self.find_claim(claim_id)
        new = jd.check_changes(dict(changes or {}), self._known_actor)
        before = self._judgement(key)
        extracted = _extracted(claim, key)
        status, merged = jd.decide(action, extracted, before.changes if before else {}, new)
        jd.check_pair(key.subject, key.object, merged)
        judgement = jd.Judgement(
            key=key,
            status=status,
            changes=merged,
            note=jd.check_note(note) if note is not None else (before.note if before else None),
            claim_id=before.claim_id if before else claim.id,
            quote=claim.quote,
            start=claim.start,
            end=claim.end,
            original=before.original if before else _original(claim, extracted),
            judged_at=jd.now(),
            derived=jd.derived_fields(merged, self._year(claim, merged), self._actor_type),
        )
        with self._transaction():
            self.conn.execute(q.DELETE_JUDGEMENT, key.params())
            self.conn.execute(q.INSERT_JUDGEMENT, jd.judgement_row(judgement))
            self._add_actors([merged[s] for s in ("subject", "object") if s in merged])
        return self._by_key(key)

    def unjudge(self, claim_id: str) -> Claim:
        """Drop the judgement of a claim: it is read as extracted again."""
        _, key = self.find_claim(claim_id)
        with self._transaction():
            self.conn.execute(q.DELETE_JUDGEMENT, key.params())
        return self._by_key(key)

    def _by_key(self, key: jd.Key) -> Claim:
        return next(c for c, k in self._judged_rows({"doc": key.doc}, [], []) if k == key)

    def judgements(self) -> list[tuple[jd.Judgement, Claim | None]]:
        """Every judgement with the claim it applies to now (None when a re-extraction no
        longer yields that sentence and reading), oldest first."""
        rows = [jd.judgement_of(r) for r in self.conn.execute(q.SELECT_JUDGEMENTS).fetchall()]
        matched = {key: claim for claim, key in self._judged_rows({}, [q.REVIEWED], [])}
        return [(j, matched.get(j.key)) for j in rows]

    def _judgement(self, key: jd.Key) -> jd.Judgement | None:
        row = self.conn.execute(q.SELECT_JUDGEMENT, key.params()).fetchone()
        return jd.judgement_of(row) if row else None

    def _known_actor(self, name: str) -> str | None:
        canonical = self.resolve(name)
        if self.catalog.get(canonical) is not None:
            return canonical
        stored = self.conn.execute(q.ACTOR_TYPE, [canonical]).fetchone()
        return canonical if stored else None

    def _actor_type(self, name: str) -> str:
        entry = self.catalog.get(name)
        if entry is not None:
            return entry.type
        row = self.conn.execute(q.ACTOR_TYPE, [name]).fetchone()
        return row[0] if row else "unknown"

    def _add_actors(self, names: list[str]) -> None:
        """A corrected claim may name a catalog actor no document named before."""
        for name in names:
            if self.conn.execute(q.ACTOR_TYPE, [name]).fetchone() is None:
                self._insert(q.UPSERT_ACTORS, [(name, self._actor_type(name), False)])

    def _year(self, claim: Claim, changes: dict[str, Any]) -> int | None:
        if "time" not in changes:
            return None
        probe = Claim(**{**claim.__dict__, "time": changes["time"] or None})
        return claim_year(probe, self.document(claim.doc))

    def actors(self, provisional: bool | None = None) -> list[ActorRow]:
        """Actors with their mention, claim and document counts, most claimed first
        (claims as judged: a rejected claim does not count)."""
        claims = q.JUDGED_NOT_REJECTED if self.has_judgements() else "claims"
        rows = [ActorRow(*r) for r in self.conn.execute(q.ACTORS.format(claims=claims)).fetchall()]
        if provisional is None:
            return rows
        return [r for r in rows if r.provisional == provisional]

    def provisional_mentions(self) -> list[tuple[str, str, frozenset[str]]]:
        """(name, document, catalog actors of that document) for every mention of an
        actor the catalog lacks, for `proxygraph actors --provisional` to merge."""
        context: dict[str, set[str]] = {}
        for doc_id, actor in self.conn.execute(q.CATALOG_ACTORS_BY_DOC).fetchall():
            context.setdefault(doc_id, set()).add(actor)
        return [
            (surface, doc_id, frozenset(context.get(doc_id, ())))
            for surface, doc_id in self.conn.execute(q.PROVISIONAL_MENTIONS).fetchall()
        ]

    def actor(self, name: str) -> ActorRow | None:
        canonical = self.resolve(name).casefold()
        return next((r for r in self.actors() if r.name.casefold() == canonical), None)

    def aliases_seen(self, name: str) -> list[tuple[str, int]]:
        """The surface forms that named ``name`` in the documents, most frequent first."""
        actor = self.resolve(name)
        return [tuple(r) for r in self.conn.execute(q.ALIASES_SEEN, [actor, actor]).fetchall()]

    def all_aliases_seen(self) -> dict[str, list[tuple[str, int]]]:
        """``aliases_seen`` of every actor, keyed by the casefolded (lower) name."""
        out: dict[str, list[tuple[str, int]]] = {}
        for who, surface, n in self.conn.execute(q.ALIASES_SEEN_ALL).fetchall():
            out.setdefault(who, []).append((surface, n))
        return out

    def counts(self) -> Counts:
        return Counts(*self.conn.execute(q.COUNTS).fetchone())

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = Catalog.load()
        return self._catalog

    def resolve(self, name: str) -> str:
        """The canonical actor name for any alias; unknown names come back as given."""
        if self._aliases is None:
            stored = [r[0] for r in self.conn.execute(q.ACTOR_NAMES).fetchall()]
            self._aliases = AliasResolver(self.catalog, stored)
        return self._aliases.resolve(name)


class _Transaction:
    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, exc: BaseException | None, *rest: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        if exc is not None and is_interruption(exc):
            raise KeyboardInterrupt from None  # rolled back; the caller's Ctrl-C handling runs


def _where(
    filters: dict[str, Any], extra: Sequence[str] = (), extra_params: Sequence[Any] = ()
) -> tuple[str, list[Any]]:
    clauses, params = [], []
    for name, value in filters.items():
        if value is None:
            continue
        fragment = q.CLAIM_FILTERS[name]
        clauses.append(fragment)
        params += [value] * fragment.count("?")
    clauses += extra
    params += extra_params
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _page(params: list[Any], limit: int | None, offset: int) -> str:
    """LIMIT/OFFSET, with their values appended to ``params``."""
    if limit is not None:
        params += [int(limit), int(offset)]
        return " LIMIT ? OFFSET ?"
    if offset:
        params.append(int(offset))
        return " OFFSET ?"
    return ""


def _extracted(claim: Claim, key: jd.Key) -> dict[str, Any]:
    """The settable fields as the extractor read them (the claim minus its corrections)."""
    was = (jd.review_of(claim) or {}).get("was", {})
    now = {name: getattr(claim, name) for name in jd.SETTABLE}
    return {
        **now,
        **was,
        "subject": key.subject,
        "relation": key.relation,
        "object": key.object,
        "negated": key.negated,
    }


def _original(claim: Claim, extracted: dict[str, Any]) -> dict[str, Any]:
    row = {**claim.to_json(), **extracted}
    row.pop("review", None)
    return row


def claim_year(claim: Claim, doc: Document | None) -> int | None:
    """The first year in the claim's time, else the document's year."""
    found = YEAR.search(claim.time or "")
    if found:
        return int(found.group(1))
    return doc.year if doc else None


def _document_row(doc: Document) -> tuple[Any, ...]:
    kept = json.dumps([list(span) for span in doc.kept]) if doc.kept is not None else None
    return (
        doc.id,
        doc.content_hash,
        doc.title,
        doc.author,
        doc.published,
        doc.url,
        doc.publisher,
        doc.language,
        doc.path,
        doc.text,
        kept,
    )


def _document(row: Sequence[Any]) -> Document:
    (
        doc_id,
        _hash,
        title,
        author,
        published,
        url,
        publisher,
        language,
        path,
        text,
        kept,
        _added,
    ) = row
    spans = tuple(tuple(s) for s in json.loads(kept)) if kept else None
    return Document(
        id=doc_id,
        text=text,
        title=title,
        author=author,
        published=published,
        url=url,
        publisher=publisher,
        language=language or "en",
        path=path,
        kept=spans,
    )


def _actor_rows(
    mentions: Iterable[Mention], claims: Iterable[Claim], catalog: Catalog
) -> list[tuple[Any, ...]]:
    """One row per actor: the catalog's type when catalogued, else the first known type."""
    seen: dict[str, str] = {}
    for name, kind in _sightings(mentions, claims):
        if seen.get(name, "unknown") == "unknown":
            seen[name] = kind or "unknown"
    rows = []
    for name, kind in sorted(seen.items()):
        entry = catalog.get(name)
        rows.append((name, entry.type, False) if entry else (name, kind, True))
    return rows


def _sightings(mentions: Iterable[Mention], claims: Iterable[Claim]) -> Iterable[tuple[str, str]]:
    for m in mentions:
        yield m.actor, m.actor_type
    for c in claims:
        yield c.subject, c.subject_type
        yield c.object, c.object_type


def _mention_row(m: Mention) -> tuple[Any, ...]:
    return (m.doc, m.actor, m.person, m.surface, m.start, m.end)


def _claim_row(c: Claim, doc: Document) -> tuple[Any, ...]:
    return (
        c.id,
        c.doc,
        c.subject,
        c.relation,
        c.object,
        c.family,
        c.valence,
        c.negated,
        c.certainty,
        c.source,
        c.time,
        claim_year(c, doc),
        c.quote,
        c.start,
        c.end,
        c.trigger,
        c.subject_type,
        c.object_type,
        json.dumps(c.extras, ensure_ascii=False, sort_keys=True),
        c.construction,
    )


def _claim(row: Sequence[Any]) -> Claim:
    (
        _id,
        doc,
        subject,
        relation,
        obj,
        _family,
        _valence,
        negated,
        certainty,
        source,
        time,
        _year,
        quote,
        start,
        end,
        trigger,
        subject_type,
        object_type,
        extras,
        construction,
    ) = row
    return Claim(
        doc=doc,
        subject=subject,
        relation=relation,
        object=obj,
        quote=quote,
        start=start,
        end=end,
        negated=bool(negated),
        certainty=certainty,
        source=source,
        time=time,
        trigger=trigger,
        subject_type=subject_type or "unknown",
        object_type=object_type or "unknown",
        extras=json.loads(extras) if extras else {},
        construction=construction,
    )
