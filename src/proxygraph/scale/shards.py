"""Shards a finished build read whole are not read again while they stay the same.

Re-reading a folder of JSON Lines or Parquet shards decodes and hashes every old article
only to find it stored. The store keeps, for every shard a build read from end to end
without a skip, its size, modification time and number of documents (in ``meta``, key
``read_shards``); the next build leaves a shard alone while its size and time are
unchanged, and counts its documents as unchanged. Single-article files are not tracked:
reading one costs little. A changed catalog (every document is extracted again) or an
interrupted build or a build with skips records nothing new, so nothing is ever missed.
"""

from __future__ import annotations

import json
from pathlib import Path

from proxygraph.models import Document
from proxygraph.store import Store

LEDGER_KEY = "read_shards"
SHARD_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".parquet")


def is_shard(path: Path) -> bool:
    return path.name.lower().endswith(SHARD_SUFFIXES)


class ShardLedger:
    def __init__(self, known: dict[str, list[int]], trust: bool) -> None:
        self.known = known  # path -> [size, mtime_ns, documents]
        self.trust = trust  # False when every document must be read again
        self.reading: dict[str, list[int]] = {}
        self.keys: dict[str, str] = {}  # a document's path as given -> the ledger's key
        self.skipped_shards = 0
        self.skipped_documents = 0

    @classmethod
    def load(cls, store: Store, trust: bool = True) -> ShardLedger:
        stored = store.get_meta(LEDGER_KEY)
        return cls(json.loads(stored) if stored else {}, trust)

    def skip(self, path: Path) -> bool:
        """Whether to leave ``path`` unread; a shard that is read is noted."""
        if not is_shard(path):
            return False
        try:
            stat = path.stat()
        except OSError:
            return False  # the reader reports it
        key, mark = str(path.resolve()), [stat.st_size, stat.st_mtime_ns]
        entry = self.known.get(key)
        if self.trust and entry is not None and entry[:2] == mark:
            self.skipped_shards += 1
            self.skipped_documents += entry[2]
            return True
        self.reading[key] = [*mark, 0]
        return False

    def count(self, doc: Document) -> None:
        """One more document read from its shard."""
        if doc.path is None:
            return
        if doc.path not in self.keys:
            self.keys[doc.path] = str(Path(doc.path).resolve())
        entry = self.reading.get(self.keys[doc.path])
        if entry is not None:
            entry[2] += 1

    def save(self, store: Store) -> None:
        if self.reading:
            store.set_meta(LEDGER_KEY, json.dumps({**self.known, **self.reading}, sort_keys=True))
