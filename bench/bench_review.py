"""What judgements cost a reader: ``Store.claims()`` with and without the judgements join.

    .venv/bin/python bench/bench_review.py [--claims 20000] [--judgements 200] [--db FILE]

Builds a synthetic store with ``bench_web.synth_store`` (reused when ``--db`` exists), judges
a random sample of claims (a third each confirmed, rejected, corrected), then times reading
every claim as extracted (``judged=False``, the query a store without judgements runs) and
as judged, three times each.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import synth_store  # noqa: E402

from proxygraph.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--judgements", type=int, default=200)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "review-bench.duckdb"
    if not db.exists():
        synth_store(db, args.claims, 300)
    with Store.open(db) as store:
        store.conn.execute("DELETE FROM judgements")
        sample = random.Random(1).sample(store.claims(), args.judgements)
        start = time.perf_counter()
        for i, claim in enumerate(sample):
            action = ("confirm", "reject", "correct")[i % 3]
            store.judge(claim.id, action, {"certainty": "alleged"} if action == "correct" else {})
        each = (time.perf_counter() - start) * 1000 / len(sample)
        print(f"{len(sample)} judgements: {each:.0f} ms each")
        for _ in range(3):
            for judged in (False, True):
                start = time.perf_counter()
                n = len(store.claims(judged=judged))
                ms = (time.perf_counter() - start) * 1000
                print(f"claims({'judged' if judged else 'as extracted'}): {n} in {ms:.0f} ms")


if __name__ == "__main__":
    main()
