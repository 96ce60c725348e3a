"""The claim store (DuckDB now; the SQL is kept portable for a PostgreSQL backend).

See ``store.py`` for the concurrency approach: short write batches, read-only readers.
"""

from proxygraph.store.connect import connect, is_lock_error
from proxygraph.store.store import ActorRow, Counts, Store, claim_year
from proxygraph.store.summary import RelationGroup, group_relations

__all__ = [
    "ActorRow", "Counts", "RelationGroup", "Store", "claim_year", "connect", "group_relations",
    "is_lock_error",
]
