"""Extraction time against document length, 10 KB to the 2 MB upload limit (not a test).

Run: .venv/bin/python bench/bench_length.py [sizes in KB ...]
Each document is the project's sample articles repeated to the wanted length, so it is
ordinary prose full of actors and claims; it is extracted once (actor matching, sentence
splitting, parsing, claims), after a warm-up that loads the model. Linear growth shows as a
steady time per MB; quadratic growth as a time per MB that rises with the length.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from proxygraph.actors import Catalog
from proxygraph.extract import extract_document
from proxygraph.ingest import read_text
from proxygraph.settings import Settings

SAMPLE = Path(__file__).resolve().parents[1] / "sample" / "articles"
SIZES_KB = (10, 50, 250, 1000, 2000)
# The document limit is 2,000,000 characters: the largest size stays just under it.
LIMIT = Settings().max_doc_chars


def text_of(chars: int) -> str:
    pieces = [p.read_text("utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    unit = "\n\n".join(pieces) + "\n\n"
    text = unit * (chars // len(unit) + 1)
    return text[: min(chars, LIMIT - 1)]


def main(sizes_kb: tuple[int, ...] = SIZES_KB) -> None:
    catalog, settings = Catalog.load(), Settings(doc_time_budget=3600.0)
    extract_document(read_text(text_of(5_000), "warm-up"), catalog, settings)
    print(f"{'size':>8} {'chars':>10} {'seconds':>8} {'s per MB':>9} {'claims':>7}")
    for kb in sizes_kb:
        doc = read_text(text_of(kb * 1000), f"doc-{kb}kb")
        began = time.perf_counter()
        result = extract_document(doc, catalog, settings)
        took = time.perf_counter() - began
        per_mb = took / (len(doc.text) / 1e6)
        print(f"{kb:>6}KB {len(doc.text):>10,} {took:>8.2f} {per_mb:>9.2f} {len(result.claims):>7}")


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or SIZES_KB)
