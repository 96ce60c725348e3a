"""Where ``proxygraph summary`` spends its time, in CPU seconds (the machine's load does not
change them much, unlike wall times).

    .venv/bin/python bench/bench_summary.py [--db /tmp/bench-20k.duckdb] [--claims 20000]

Builds the store with ``bench_web.synth_store`` when ``--db`` is missing. Times, in a fresh
process, ``import proxygraph.cli`` (what every command pays before it starts); then, in
this one, under ``fewer_collections`` as the CLI runs them: reading the store, grouping
stories (the claim set), the stance of every pair (``build_graph``), centrality and
communities; finally the whole ``proxygraph summary`` process (wall and CPU), three times.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import synth_store  # noqa: E402

from proxygraph.graph import claim_set  # noqa: E402
from proxygraph.graph.collect import fewer_collections  # noqa: E402
from proxygraph.graph.network import build_graph, centrality, communities  # noqa: E402
from proxygraph.store import Store  # noqa: E402


def timed(label: str, work: Callable[[], Any]) -> Any:
    began = time.process_time()
    result = work()
    print(f"{label:<34}{time.process_time() - began:>7.2f} s CPU")
    return result


def child_cpu(command: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="reuse this store (built here if missing)")
    parser.add_argument("--claims", type=int, default=20_000)
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="pg-bench-summary-")) / "bench.duckdb"
    if not db.exists():
        synth_store(db, args.claims, 300)
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores shared with other work)")
    _, cpu = child_cpu([sys.executable, "-c", "import proxygraph.cli"])
    print(f"{'import proxygraph.cli (new process)':<34}{cpu:>7.2f} s CPU")
    with fewer_collections():
        with Store.open(db, read_only=True) as store:
            claims, docs = timed(
                "read claims and documents", lambda: (store.claims(), store.documents())
            )
        cs = timed("stories (claim_set)", lambda: claim_set(claims, docs))
        graph = timed("stance of every pair (build_graph)", lambda: build_graph(cs))
        timed("centrality (betweenness)", lambda: centrality(graph))
        timed("communities", lambda: communities(graph))
    entry = Path(sys.executable).with_name("proxygraph")
    for _ in range(3):
        wall, cpu = child_cpu([str(entry), "summary", "--db", str(db)])
        print(
            f"proxygraph summary: {wall:.2f} s wall, {cpu:.2f} s CPU, load {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
