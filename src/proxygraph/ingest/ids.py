"""One id per document: no document ever silently replaces another.

A document's id is its file's stem ("x" for ``a/x.txt``), a JSON Lines or Parquet record's
``id`` (else ``<stem>-<line>``), or ``stdin``. Ids like these collide: ``a/x.txt`` and
``b/x.txt``, ``story1/index.html`` and ``story2/index.html``, ``x.txt`` beside ``x.html``,
two records with one id, a record whose id is a file's stem, two builds from standard input.

The first document to claim an id keeps it, so ordinary corpora (unique stems) keep their
plain ids. A later one with other text gets a suffix, tried in this order:

- ``~`` and a hash of its resolved file path: stable while the file stays where it is, also
  when its text is edited, so a rebuild updates it in place;
- ``~`` and a hash of its text: for records of one file, and standard input, which has no
  path that names it.

Each such renaming is reported (E030). A stored document with the same id is *this*
document's older version only when it came from the same file; from another file (or from
standard input) it is someone else's and keeps its id. The same text under the same id
(one file given twice, a repeated record) is one document, counted once (E031).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from proxygraph.errors import Code, message
from proxygraph.models import Document

STDIN = "-"
SUFFIX_CHARS = 8
# (content hash, path) of the stored documents among some ids.
Lookup = Callable[[list[str]], dict[str, tuple[str, str | None]]]


@dataclass(frozen=True)
class Assigned:
    """A document under its unique id, with the stored content hash of that id (if any)."""

    doc: Document
    stored_hash: str | None


class DocumentIds:
    """Gives each document of a run a unique id, in the run and in the store."""

    def __init__(self, notify: Callable[[str], None]) -> None:
        self.notify = notify
        # id -> (content hash, path) of every document of this run; short hashes keep a
        # run of millions of documents in tens of MB.
        self.seen: dict[str, tuple[str, str | None]] = {}
        self.renamed = 0
        self.duplicates = 0
        self._resolved: dict[str, str] = {}

    def assign(self, docs: Iterable[Document], lookup: Lookup | None = None) -> list[Assigned]:
        """``docs`` under unique ids; repeats of a document already in this run are left out.
        ``lookup`` finds stored documents (none: a run without a database)."""
        docs = list(docs)
        wanted = [c for doc in docs for c in self._candidates(doc)]
        stored = lookup(list(dict.fromkeys(wanted))) if lookup and wanted else {}
        out = []
        for doc in docs:
            placed = self._place(doc, stored)
            if placed is not None:
                out.append(placed)
        return out

    def _candidates(self, doc: Document) -> list[str]:
        base, found = doc.id, [doc.id]
        if doc.path and doc.path != STDIN:
            found.append(f"{base}~{_short(self._resolve(doc.path))}")
        found.append(f"{base}~{doc.content_hash[:SUFFIX_CHARS]}")
        return found

    def _place(self, doc: Document, stored: dict[str, tuple[str, str | None]]) -> Assigned | None:
        mine = doc.content_hash[:16]
        for candidate in self._candidates(doc):
            held = self.seen.get(candidate)
            if held is not None:
                if held[0] == mine:  # the same document again
                    self.duplicates += 1
                    self.notify(
                        message(Code.E031, path=_shown(doc), id=doc.id, other=_where(held[1]))
                    )
                    return None
                continue
            old = stored.get(candidate)
            if old is None or old[0][:16] == mine or self._same_file(doc.path, old[1]):
                return self._take(doc, candidate, old[0] if old else None)
        # Every candidate taken (improbable): count up until one is free.
        n = 2
        while f"{doc.id}~{mine[:SUFFIX_CHARS]}-{n}" in self.seen:
            n += 1
        return self._take(doc, f"{doc.id}~{mine[:SUFFIX_CHARS]}-{n}", None)

    def _take(self, doc: Document, new_id: str, stored_hash: str | None) -> Assigned:
        self.seen[new_id] = (doc.content_hash[:16], doc.path)
        if new_id != doc.id:
            self.renamed += 1
            self.notify(message(Code.E030, path=_shown(doc), id=doc.id, new=new_id))
            doc = replace(doc, id=new_id)
        return Assigned(doc, stored_hash)

    def _same_file(self, path: str | None, other: str | None) -> bool:
        if not path or not other or STDIN in (path, other):
            return False
        return path == other or self._resolve(path) == self._resolve(other)

    def _resolve(self, path: str) -> str:
        if path not in self._resolved:
            if len(self._resolved) > 4096:  # paths of one folder at a time; bounded
                self._resolved.clear()
            try:
                self._resolved[path] = os.fsdecode(Path(path).resolve())
            except (OSError, RuntimeError, ValueError):
                self._resolved[path] = path
        return self._resolved[path]


def _short(text: str) -> str:
    data = text.encode("utf-8", "surrogateescape")
    return hashlib.sha256(data).hexdigest()[:SUFFIX_CHARS]


def _shown(doc: Document) -> str:
    return doc.path or doc.id


def _where(path: str | None) -> str:
    return "standard input" if path == STDIN else (path or "an earlier document")
