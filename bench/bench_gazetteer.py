"""Gazetteer and resolver throughput on the shared corpus (not a test).

Run: .venv/bin/python bench/bench_gazetteer.py [repeats]
The corpus is small, so it is read `repeats` times over; every sentence-sized chunk is
searched as the extraction stage does, and every match is resolved.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from proxygraph.actors import Catalog, Gazetteer, resolve_match

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def corpus_lines() -> list[str]:
    lines = []
    for path in sorted(CORPUS.rglob("*.txt")):
        lines += [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    return lines


def main(repeats: int = 20) -> None:
    start = time.perf_counter()
    catalog = Catalog.load()
    gazetteer = Gazetteer(catalog)
    built = time.perf_counter() - start
    lines = corpus_lines()
    size = sum(len(line.encode("utf-8")) for line in lines) * repeats
    matches = resolved = 0
    t0 = time.perf_counter()
    for _ in range(repeats):
        for line in lines:
            found = gazetteer.find(line)
            matches += len(found)
    find_time = time.perf_counter() - t0
    t0 = time.perf_counter()
    for line in lines:
        for match in gazetteer.find(line):
            resolved += resolve_match(match, line, catalog, 2020) is not None
    resolve_time = time.perf_counter() - t0
    print(f"catalog {len(catalog)} actors, gazetteer built in {built:.2f}s")
    print(
        f"find: {size / 1e6:.1f} MB in {find_time:.2f}s = {size / 1e6 / find_time:.2f} MB/s, "
        f"{matches / find_time:,.0f} matches/s"
    )
    per = resolve_time / max(1, matches // repeats) * 1e6
    print(f"find+resolve one pass: {resolve_time:.2f}s ({per:.0f} µs per match, {resolved} kept)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
