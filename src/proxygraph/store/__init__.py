"""The claim store: DuckDB by default, PostgreSQL for a ``postgresql://`` URL.

See ``store.py`` for the concurrency approach: short write batches, read-only readers.
"""

from proxygraph.store.connect import connect, ctrl_c_stays_ctrl_c, is_interruption, is_lock_error
from proxygraph.store.postgres import is_url
from proxygraph.store.store import ActorRow, Counts, DocumentRows, Store, claim_year, rows_of
from proxygraph.store.summary import RelationGroup, group_relations

__all__ = [
    "ActorRow",
    "Counts",
    "DocumentRows",
    "RelationGroup",
    "Store",
    "claim_year",
    "connect",
    "ctrl_c_stays_ctrl_c",
    "group_relations",
    "is_interruption",
    "is_lock_error",
    "is_url",
    "rows_of",
]
