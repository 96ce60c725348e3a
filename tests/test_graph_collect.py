"""Garbage collection during batch work (``proxygraph.graph.collect``, issue 15: the
collector walking the heap was a third of ``proxygraph summary``'s time)."""

from __future__ import annotations

import gc
import threading

from proxygraph.graph.collect import YOUNG, fewer_collections, with_fewer_collections


def test_graph_collect_raises_thresholds_and_restores_them() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == YOUNG > before[0]
    assert gc.get_threshold() == before


def test_graph_collect_overlapping_batches_restore_once_all_end() -> None:
    before = gc.get_threshold()
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with fewer_collections():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with fewer_collections():
        thread.start()
        inside.wait(5)
    assert gc.get_threshold()[0] == YOUNG  # the other batch still runs
    release.set()
    thread.join(5)
    assert gc.get_threshold() == before


def test_graph_collect_decorator_keeps_the_function() -> None:
    @with_fewer_collections
    def judged(x: int) -> tuple[int, int]:
        """Doc."""
        return x, gc.get_threshold()[0]

    assert judged(3) == (3, YOUNG) and judged.__doc__ == "Doc."
