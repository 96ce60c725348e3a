"""Russian speed: words per second through extraction and through natasha alone.

Builds Russian articles by shuffling the paragraphs of the shared corpus's Russian
articles (nothing is written to disk) and times, in this process:

- ``extract``: ``extract_documents`` on them (gazetteer, sentence choice, natasha's
  morphology, lemmas and syntax as spaCy Docs, the window reader), detection excluded;
- ``natasha``: every sentence through ``RussianParser`` (no sentence skipped);
- ``detect``: the language detection ``make_document`` runs on each article.

    python bench/bench_russian.py                # 200 articles
    python bench/bench_russian.py --articles 50  # a quick look
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"


def russian_articles(n: int, seed: int = 7) -> list[str]:
    paragraphs = [
        p.strip()
        for path in sorted(SHARED.rglob("*-ru.txt"))
        for p in path.read_text("utf-8").split("\n")
        if len(p.split()) >= 8
    ]
    rng = random.Random(seed)
    return ["\n\n".join(rng.sample(paragraphs, min(len(paragraphs), 6))) for _ in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()

    from proxygraph.extract import extract_documents
    from proxygraph.ingest.language import detect_language
    from proxygraph.models import Document
    from proxygraph.nlp.languages import Languages

    texts = russian_articles(args.articles)
    words = sum(len(t.split()) for t in texts)
    docs = [Document(id=f"ru-{i}", text=t, language="ru") for i, t in enumerate(texts)]
    list(extract_documents(docs[:2]))  # load the models before timing

    start = time.perf_counter()
    claims = sum(len(x.claims) for x in extract_documents(docs))
    extract_s = time.perf_counter() - start

    languages = Languages()
    sentences = [t[s:e] for t in texts for s, e in languages.sentences("ru", t)]
    list(languages.parse("ru", sentences[:8]))
    start = time.perf_counter()
    for _ in languages.parse("ru", sentences):
        pass
    natasha_s = time.perf_counter() - start

    detect_language(texts[0])
    start = time.perf_counter()
    for t in texts:
        detect_language(t)
    detect_s = time.perf_counter() - start

    print(f"{len(texts)} Russian articles, {words:,} words, {claims} claims")
    print(f"extract  {words / extract_s:10,.0f} words/s  ({extract_s:.1f} s)")
    print(f"natasha  {words / natasha_s:10,.0f} words/s  ({natasha_s:.1f} s, every sentence)")
    print(f"detect   {1000 * detect_s / len(texts):10.1f} ms per article")


if __name__ == "__main__":
    main()
