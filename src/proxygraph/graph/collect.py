"""Garbage collection during batch work over a loaded store (the summary, the stance of
every pair, a report).

Judging every pair of a 20,000-claim store makes about a million small objects (dyads,
weights, evidence), nearly all of them freed by reference counting as soon as they are
used. At Python's default thresholds the cyclic collector ran a young collection every 700
allocations and walked the whole heap again every 100 of those: a third of
``proxygraph summary``'s CPU time (5.1 s -> 3.8 s measured on bench_web.py's store).
Cycles are still collected, only less often.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

# Allocations between two young collections (default 700): a batch allocates millions.
YOUNG = 100_000
# Young collections between two middle ones, and middle ones between two full ones
# (defaults 10 and 10): a full collection walks every object the store loaded.
MIDDLE = 50
FULL = 100

F = TypeVar("F", bound=Callable[..., Any])


class _Depth:
    """How many batches run now, so that the last one to end restores the thresholds
    (two threads' batches may overlap in the web server)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.saved: tuple[int, int, int] = gc.get_threshold()


_DEPTH = _Depth()  # process state, as the collector's own thresholds are


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds for the block; the defaults come back after it."""
    with _DEPTH.lock:
        if _DEPTH.running == 0:
            _DEPTH.saved = gc.get_threshold()
            gc.set_threshold(YOUNG, MIDDLE, FULL)
        _DEPTH.running += 1
    try:
        yield
    finally:
        with _DEPTH.lock:
            _DEPTH.running -= 1
            if _DEPTH.running == 0:
                gc.set_threshold(*_DEPTH.saved)


def with_fewer_collections(func: F) -> F:
    """``func`` run under ``fewer_collections`` (a CLI command over a whole store)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with fewer_collections():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]  (same signature, wrapped)
