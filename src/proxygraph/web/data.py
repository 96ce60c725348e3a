"""The server's view of the database: an in-memory snapshot, reloaded when the file changes.

DuckDB admits one writing process, and readers cannot open the file while ``proxygraph
build`` writes a batch (see ``proxygraph.store.store``). The server therefore never keeps a
connection open: when the file's fingerprint (size and mtime of the file and its WAL)
changes, one background thread opens a short read-only connection, reads claims, documents
and actors, closes it, and precomputes stories, columns and the unfiltered graph before the
new snapshot replaces the old one. Until then, and while a build holds the file, requests
are answered from the previous snapshot (at most one batch old) instead of waiting. The
first load starts when the app is created; a request that comes before it has finished
waits at most ``FIRST_WAIT`` seconds, then gets 503 with Retry-After.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
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
from proxygraph.graph.collect import fewer_collections
from proxygraph.models import Claim, Document
from proxygraph.store import ActorRow, Store, claim_year
from proxygraph.store.aliases import AliasResolver
from proxygraph.store.connect import is_lock_error
from proxygraph.store.judgements import status_of
from proxygraph.web.columns import Columns, build_columns
from proxygraph.web.layout import layout

# Seconds a first load waits for a build's batch; later loads fall back to the old snapshot.
LOCK_WAIT = 5.0
# Seconds a request waits for the first load before it is told to come back (503).
FIRST_WAIT = LOCK_WAIT + 2.0
# Distinct query results kept per snapshot (graph and claims pages are cached by their query).
CACHE_ENTRIES = 2048
_MISSING = object()

T = TypeVar("T")


class Unavailable(Exception):
    """The database cannot be read right now (locked by a build, or missing)."""


class Loading(Exception):
    """The first load of the database has not finished yet."""


@dataclass
class Loader:
    """One background load: done when finished, with the error if it failed."""

    done: threading.Event = field(default_factory=threading.Event)
    error: Exception | None = None


@dataclass
class Snapshot:
    version: tuple[int, ...]
    claims: list[Claim]
    documents: dict[str, Document]
    actors: list[ActorRow]
    catalog: Catalog
    rejected: list[Claim] = field(default_factory=list)  # rejected by an analyst: listed only
    aliases_seen: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
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
    def columns(self) -> Columns:
        """The claims as integer columns, for first-time filtered queries."""
        return build_columns(self.claims, self.claim_years, self.claim_set)

    @cached_property
    def all_claims(self) -> list[Claim]:
        """The claims, then the rejected ones (what the graph's "show rejected" draws)."""
        return self.claims + self.rejected if self.rejected else self.claims

    @cached_property
    def all_columns(self) -> Columns:
        """Columns of ``all_claims``, the rejected ones marked; ``columns`` when none are."""
        if not self.rejected:
            return self.columns
        years = [claim_year(c, self.documents.get(c.doc)) for c in self.rejected]
        return build_columns(
            self.all_claims, self.claim_years + years, self.claim_set, len(self.rejected)
        )

    def columns_for(self, rejected: bool) -> tuple[Columns, list[Claim]]:
        """The columns and the claims they index, with or without the rejected claims."""
        return (self.all_columns, self.all_claims) if rejected else (self.columns, self.claims)

    @cached_property
    def positions(self) -> dict[str, tuple[float, float]]:
        """Every actor's place in the deterministic layout (kept whatever the filters).

        Laid out with the rejected claims too: showing them, or rejecting one more, moves
        no actor, and an actor named only in rejected claims has a place as well.
        """
        return layout(self.all_columns)

    @cached_property
    def actor_rows(self) -> dict[str, ActorRow]:
        return {a.name: a for a in self.actors}

    @cached_property
    def claims_by_doc(self) -> dict[str, list[Claim]]:
        return _by_doc(self.claims)

    @cached_property
    def rejected_by_doc(self) -> dict[str, list[Claim]]:
        return _by_doc(self.rejected)

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
                with fewer_collections():  # a first computation allocates by the thousand
                    found = compute()
                with self._lock:
                    self.cache[key] = found
                    while len(self.cache) > CACHE_ENTRIES:
                        old, _ = self.cache.popitem(last=False)  # the oldest entry
                        self._key_locks.pop(old, None)
        return found


class Database:
    """Snapshots of one database file, refreshed when the file changes."""

    def __init__(
        self,
        path: str | Path,
        catalog: Catalog | None = None,
        warm: Callable[[Snapshot], object] | None = None,
        later: Callable[[Snapshot], object] | None = None,
    ) -> None:
        self.path = Path(path)
        self._catalog = catalog
        self._warm = warm  # precomputes common answers on a new snapshot before it is served
        self._later = later  # and slower ones (the summary) just after, still in this thread
        self._snapshot: Snapshot | None = None
        self._loader: Loader | None = None
        self._lock = threading.Lock()
        # DuckDB refuses a read-only and a writing connection to one file in one process at
        # once: every connection this server opens (reads, uploads) takes this lock.
        self.io_lock = threading.Lock()

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
        """The snapshot to answer from; never waits for a reload when there is one.

        A changed file starts a reload in the background and the request is answered from
        the previous snapshot. Only before the first load has finished does a request wait,
        at most ``FIRST_WAIT`` seconds, then: Unavailable (locked or missing) or Loading.
        """
        current = self._snapshot
        if current is not None and current.version == self.fingerprint():
            return current
        loader = self.load()
        if current is not None:
            return current
        loader.done.wait(FIRST_WAIT)
        if self._snapshot is not None:
            return self._snapshot
        if loader.error is not None:
            raise loader.error
        raise Loading(f"loading {self.path.name}; try again in a few seconds")

    def fresh(self) -> Snapshot | None:
        """The current snapshot if the file has not changed since it was read (no I/O but
        two stat calls, so the event loop may call it)."""
        current = self._snapshot
        return current if current is not None and current.version == self.fingerprint() else None

    def load(self) -> Loader:
        """The running load, or a new one in a background thread (one at a time)."""
        with self._lock:
            if self._loader is None or self._loader.done.is_set():
                self._loader = Loader()
                threading.Thread(
                    target=self._run, args=(self._loader,), daemon=True, name="proxygraph-load"
                ).start()
            return self._loader

    def refresh(self, timeout: float = 120.0) -> None:
        """Wait until the snapshot reflects the file as it is now (after an upload)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            current = self._snapshot
            if current is not None and current.version == self.fingerprint():
                return
            loader = self.load()
            loader.done.wait(max(0.0, deadline - time.monotonic()))
            if loader.error is not None and not isinstance(loader.error, Unavailable):
                raise loader.error

    def _run(self, loader: Loader) -> None:
        with fewer_collections():  # loading and judging a store allocate by the million
            self._load_and_judge(loader)

    def _load_and_judge(self, loader: Loader) -> None:
        try:
            version = self.fingerprint()
            gc.unfreeze()
            if self._snapshot is None or self._snapshot.version != version:
                snap = self._load(version, LOCK_WAIT if self._snapshot is None else 0.2)
                if self._warm is not None:
                    self._warm(snap)
                self._snapshot = snap
                # The snapshot is hundreds of thousands of long-lived objects: a full garbage
                # collection would walk them all (~200 ms, stalling every request). Frozen,
                # they are skipped; unfrozen again at the next load so old snapshots go.
                gc.freeze()
        except Exception as exc:  # noqa: BLE001  (handed to the waiting requests)
            loader.error = exc
        finally:
            loader.done.set()
        snap = self._snapshot
        if self._later is not None and snap is not None and loader.error is None:
            # A request asking meanwhile waits on the same memo key, never computes twice; an
            # error here is raised again to the request that asks.
            with contextlib.suppress(Exception):
                self._later(snap)

    def _load(self, version: tuple[int, ...], wait: float) -> Snapshot:
        def read(store: Store) -> Snapshot:
            claims = store.claims(include_rejected=True)
            rejected = [c for c in claims if status_of(c) == "rejected"]
            if rejected:
                claims = [c for c in claims if status_of(c) != "rejected"]
            return Snapshot(
                version,
                claims,
                {d.id: d for d in store.documents()},
                store.actors(),
                self.catalog,
                rejected,
                store.all_aliases_seen(),
            )

        snap = self.read(read, wait)
        # Built here, once, before the snapshot is served, rather than by requests.
        snap.resolver, snap.claim_years, snap.claim_set, snap.columns, snap.positions  # noqa: B018
        return snap

    def read(self, func: Callable[[Store], T], wait: float = LOCK_WAIT) -> T:
        """``func`` on a short read-only connection; Unavailable when locked or missing."""
        if not self.path.exists():
            raise Unavailable(f"database {self.path.name} does not exist yet")
        try:
            with (
                self.io_lock,
                Store.open(self.path, read_only=True, catalog=self.catalog, timeout=wait) as st,
            ):
                return func(st)
        except ProxygraphError as exc:
            if exc.code in (Code.E010, Code.E009) or is_lock_error(exc.__cause__ or exc):
                raise Unavailable(str(exc)) from exc
            raise


def _by_doc(claims: list[Claim]) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = {}
    for claim in claims:
        out.setdefault(claim.doc, []).append(claim)
    return out
