"""The server's view of the database: an in-memory snapshot, reloaded when the file changes.

DuckDB admits one writing process, and readers cannot open the file while ``proxygraph
build`` writes a batch (see ``proxygraph.store.store``). The server therefore never keeps a
connection open: when the file's fingerprint (size and mtime of the file and its WAL)
changes, one thread opens a short read-only connection, reads claims, documents and actors,
and closes it. While a build holds the file, requests are answered from the previous
snapshot (at most one batch old) instead of waiting; only a server that has never read the
file waits, up to ``LOCK_WAIT`` seconds, then answers 503.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

from proxygraph.actors import Catalog
from proxygraph.errors import Code, ProxygraphError
from proxygraph.graph import ClaimSet, build_graph, claim_set
from proxygraph.models import Claim, Document
from proxygraph.store import ActorRow, Store, claim_year
from proxygraph.store.aliases import AliasResolver
from proxygraph.store.connect import is_lock_error

# Seconds a first load waits for a build's batch; later loads fall back to the old snapshot.
LOCK_WAIT = 5.0
# Distinct query results kept per snapshot (graph and claims pages are cached by their query).
CACHE_ENTRIES = 2048
_MISSING = object()

T = TypeVar("T")


class Unavailable(Exception):
    """The database cannot be read right now (locked by a build, or missing)."""


@dataclass
class Snapshot:
    version: tuple[int, ...]
    claims: list[Claim]
    documents: dict[str, Document]
    actors: list[ActorRow]
    catalog: Catalog
    cache: OrderedDict[Any, Any] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _key_locks: dict[Any, threading.Lock] = field(default_factory=dict, repr=False)

    @cached_property
    def claim_set(self) -> ClaimSet:
        return claim_set(self.claims, list(self.documents.values()))

    @cached_property
    def graph(self) -> nx.Graph:
        return build_graph(self.claim_set)

    @cached_property
    def resolver(self) -> AliasResolver:
        return AliasResolver(self.catalog, [a.name for a in self.actors])

    @cached_property
    def claim_years(self) -> list[int | None]:
        """Each claim's year as the store files it (``claim_year``), aligned with ``claims``."""
        return [claim_year(c, self.documents.get(c.doc)) for c in self.claims]

    @cached_property
    def index(self) -> dict[tuple[str, str], list[int]]:
        """Positions of the claims by ("actor", folded name) and ("relation", name)."""
        out: dict[tuple[str, str], list[int]] = {}
        for i, c in enumerate(self.claims):
            for key in {("actor", c.subject.casefold()), ("actor", c.object.casefold()),
                        ("relation", c.relation)}:
                out.setdefault(key, []).append(i)
        return out

    def candidates(self, keys: list[tuple[str, str]]) -> list[int]:
        """Claim positions that can match every key: the shortest index list, or all."""
        if not keys:
            return list(range(len(self.claims)))
        return min((self.index.get(k, []) for k in keys), key=len)

    @cached_property
    def actor_rows(self) -> dict[str, ActorRow]:
        return {a.name: a for a in self.actors}

    @cached_property
    def claims_by_doc(self) -> dict[str, list[Claim]]:
        out: dict[str, list[Claim]] = {}
        for claim in self.claims:
            out.setdefault(claim.doc, []).append(claim)
        return out

    def resolve(self, name: str) -> str:
        """The stored actor name for any alias (the store's resolver, on the snapshot)."""
        return self.resolver.resolve(name)

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """``compute()`` once per snapshot and key; the cache is dropped with the snapshot.

        One lock per key: a slow graph computation does not hold up a quick claims page.
        """
        found = self.cache.get(key, _MISSING)
        if found is not _MISSING:
            return found
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            found = self.cache.get(key, _MISSING)
            if found is _MISSING:
                found = compute()
                with self._lock:
                    self.cache[key] = found
                    while len(self.cache) > CACHE_ENTRIES:
                        old, _ = self.cache.popitem(last=False)  # the oldest entry
                        self._key_locks.pop(old, None)
        return found


class Database:
    """Snapshots of one database file, refreshed when the file changes."""

    def __init__(self, path: str | Path, catalog: Catalog | None = None) -> None:
        self.path = Path(path)
        self._catalog = catalog
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = Catalog.load()
        return self._catalog

    def fingerprint(self) -> tuple[int, ...]:
        parts: list[int] = []
        for path in (self.path, Path(f"{self.path}.wal")):
            try:
                st = path.stat()
                parts += [st.st_size, st.st_mtime_ns]
            except FileNotFoundError:
                parts += [-1, -1]
        return tuple(parts)

    def snapshot(self) -> Snapshot:
        version = self.fingerprint()
        current = self._snapshot
        if current is not None and current.version == version:
            return current
        if current is not None and not self._lock.acquire(blocking=False):
            return current  # another thread is reloading: answer from the last snapshot
        if current is None:
            self._lock.acquire()
        try:
            current = self._snapshot
            if current is not None and current.version == self.fingerprint():
                return current
            try:
                self._snapshot = self._load(version, LOCK_WAIT if current is None else 0.2)
            except Unavailable:
                if current is None:
                    raise
                return current  # a build holds the file: answer from the last snapshot
            return self._snapshot
        finally:
            self._lock.release()

    def fresh(self) -> Snapshot | None:
        """The current snapshot if the file has not changed since it was read (no I/O but
        two stat calls, so the event loop may call it)."""
        current = self._snapshot
        return current if current is not None and current.version == self.fingerprint() else None

    def invalidate(self) -> None:
        self._snapshot = None

    def _load(self, version: tuple[int, ...], wait: float) -> Snapshot:
        def read(store: Store) -> Snapshot:
            return Snapshot(version, store.claims(), {d.id: d for d in store.documents()},
                            store.actors(), self.catalog)

        snap = self.read(read, wait)
        # Built here, once, rather than by the first requests racing for them.
        snap.resolver, snap.claim_years, snap.index, snap.claim_set  # noqa: B018
        return snap

    def read(self, func: Callable[[Store], T], wait: float = LOCK_WAIT) -> T:
        """``func`` on a short read-only connection; Unavailable when locked or missing."""
        if not self.path.exists():
            raise Unavailable(f"database {self.path.name} does not exist yet")
        try:
            with Store.open(self.path, read_only=True, catalog=self.catalog, timeout=wait) as st:
                return func(st)
        except ProxygraphError as exc:
            if exc.code in (Code.E010, Code.E009) or is_lock_error(exc.__cause__ or exc):
                raise Unavailable(str(exc)) from exc
            raise
