"""STIX export time against the number of claims (synthetic store, nothing read from disk).

.venv/bin/python bench/bench_stix.py                    # 1,000 / 2,500 / 5,000 / 10,000
.venv/bin/python bench/bench_stix.py --claims 232 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

from proxygraph.export import snapshot, write_stix
from proxygraph.models import Claim, Document
from proxygraph.ontology import CERTAINTIES, relations
from proxygraph.store import ActorRow

ACTORS = 200  # names; a real store of 10,000 claims has a few hundred actors
DOCS_PER_CLAIM = 4  # about four claims per article, as in the sample corpus


def synthetic(n: int):
    """``n`` claims over ``ACTORS`` actors and ``n / DOCS_PER_CLAIM`` documents."""
    names = [f"Actor {i}" for i in range(ACTORS)]
    rels = sorted(relations())
    docs = [
        Document(
            id=f"d{i}",
            text="x",
            title=f"Story {i}",
            published="2020-01-02",
            url=f"https://news{i % 30}.example/{i}",
            publisher=f"News {i % 30}",
        )
        for i in range(max(1, n // DOCS_PER_CLAIM))
    ]
    claims = [
        Claim(
            doc=docs[i % len(docs)].id,
            subject=names[i % ACTORS],
            relation=rels[i % len(rels)],
            object=names[(i * 7 + 1) % ACTORS],
            quote=f"Sentence {i} of the story.",
            start=i,
            end=i + 20,
            negated=i % 11 == 0,
            certainty=CERTAINTIES[i % len(CERTAINTIES)],
            source="officials" if i % 3 else None,
            time=str(2000 + i % 20),
        )
        for i in range(n)
    ]
    actors = [
        ActorRow(a, "state" if i % 2 else "armed_group", False, 1, 1, 1)
        for i, a in enumerate(names)
    ]
    return snapshot(claims, docs, actors)


def seconds(n: int, profile: bool = False) -> float:
    snap = synthetic(n)
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        if profile:
            prof = cProfile.Profile()
            prof.runcall(write_stix, snap, Path(tmp) / "x.json")
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        else:
            write_stix(snap, Path(tmp) / "x.json")
        return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, nargs="*", default=[1000, 2500, 5000, 10000])
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    for n in args.claims:
        took = seconds(n, args.profile)
        print(f"{n:>7,} claims  {took:6.2f} s  {n / took:8,.0f} claims/s", flush=True)


if __name__ == "__main__":
    main()
