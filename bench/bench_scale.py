"""Scale benchmark: words/s with 1 and 2 local workers and a 2-worker Dask LocalCluster, the
peak RSS of the build process and of its largest worker, the speed-up, and the time to add
1,000 articles to the large store.

The corpus is synthetic, made at run time by recombining paragraphs of ../shared/corpus
(nothing of it is written into the project): wire-length articles of 2 to 5 paragraphs, as
gzip JSON Lines shards in a temp folder. Order of the runs: the large store is built with
2 local workers (the first throughput figure); the same corpus (or ``--sample`` articles
of it) is built with 1 local worker and with Dask; then 1,000 new articles are added three
ways. Results are written after every step, so a run cut short keeps what it measured.

    .venv/bin/python bench/bench_scale.py                      # 100,000 articles: about 1 h
    .venv/bin/python bench/bench_scale.py --articles 5000      # a quick look
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SHARD = 5000
PARAGRAPHS = (2, 5)  # per article: the length of a wire item
CLI = "from proxygraph.cli import app; app()"


def paragraphs() -> list[str]:
    found = []
    for path in sorted(CORPUS.rglob("*.txt")):
        for para in path.read_text("utf-8", errors="replace").split("\n\n"):
            para = " ".join(para.split())
            if len(para.split()) >= 8:
                found.append(para)
    if not found:
        sys.exit(f"no paragraphs under {CORPUS}")
    return found


def make_corpus(folder: Path, first: int, count: int, paras: list[str]) -> int:
    """``count`` articles (ids first..first+count-1) in gzip JSONL shards; returns words."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for start in range(first, first + count, SHARD):
        end = min(start + SHARD, first + count)
        with gzip.open(folder / f"shard-{start:08d}.jsonl.gz", "wt", encoding="utf-8") as out:
            for i in range(start, end):
                rng = random.Random(i)
                text = "\n\n".join(rng.sample(paras, rng.randint(*PARAGRAPHS)))
                words += len(text.split())
                day = f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}"
                out.write(
                    json.dumps(
                        {
                            "id": f"syn-{i:08d}",
                            "title": f"Article {i}",
                            "published": day,
                            "text": text,
                        }
                    )
                    + "\n"
                )
    return words


def run_build(corpus: Path, db: Path, *options: str) -> dict:
    """One `proxygraph build` in its own process; wall time and per-process peak RSS."""
    env = {**os.environ, "PROXYGRAPH_NO_PROGRESS": "1"}
    began = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI, "build", str(corpus), "--db", str(db), "--quiet", *options],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    peaks: dict[int, int] = {}
    watcher = threading.Thread(target=_watch, args=(proc, peaks), daemon=True)
    watcher.start()
    _, stderr = proc.communicate()
    seconds = time.monotonic() - began
    watcher.join()
    if proc.returncode not in (0, 3):
        sys.exit(f"build failed ({proc.returncode}): {stderr[-2000:]}")
    main = peaks.pop(proc.pid, 0)
    workers = sorted(peaks.values(), reverse=True)
    return {
        "seconds": round(seconds, 1),
        "summary": stderr.strip().splitlines()[-1],
        "peak_rss_mb_main": round(main / 2**20),
        "peak_rss_mb_largest_worker": round(workers[0] / 2**20) if workers else None,
        "processes_seen": 1 + len(workers),
    }


def _watch(proc: subprocess.Popen, peaks: dict[int, int]) -> None:
    try:
        root = psutil.Process(proc.pid)
    except psutil.NoSuchProcess:
        return
    while proc.poll() is None:
        try:
            for p in [root, *root.children(recursive=True)]:
                rss = p.memory_info().rss
                if rss > peaks.get(p.pid, 0):
                    peaks[p.pid] = rss
        except psutil.Error:
            pass
        time.sleep(0.25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="size of the big store")
    parser.add_argument(
        "--sample", type=int, help="articles for the 1-worker and Dask runs (default: all)"
    )
    parser.add_argument("--add", type=int, default=1000, help="articles added to the big store")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scale.json")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: temp, removed)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="proxygraph-scale-"))
    sample = min(args.sample or args.articles, args.articles)
    result: dict = {
        "cores": len(os.sched_getaffinity(0)),
        "articles": args.articles,
        "sample": sample,
        "add": args.add,
        "runs": {},
    }
    try:
        measure(work, args, sample, result)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=2))


def measure(work: Path, args: argparse.Namespace, sample: int, result: dict) -> None:
    def save(step: str, value: dict) -> None:
        print(step, value, flush=True)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", "utf-8")

    paras = paragraphs()
    big = work / "big"
    result["words"] = make_corpus(big, 0, args.articles, paras)
    store = work / "big.duckdb"
    run = _throughput(run_build(big, store, "--workers", "2"), result["words"])
    result["runs"]["local, 2 workers"] = run
    save(f"local, 2 workers, {args.articles} articles", run)

    if sample < args.articles:
        (work / "sample").mkdir()
        for shard in sorted(big.glob("shard-*.jsonl.gz"))[: -(-sample // SHARD)]:
            shutil.copy(shard, work / "sample")
        result["sample_words"] = _words(work / "sample")
    configs = {
        "local, 1 worker": ["--workers", "1"],
        "dask LocalCluster, 2 workers": ["--engine", "dask", "--workers", "2"],
    }
    corpus = work / "sample" if sample < args.articles else big
    words = result.get("sample_words", result["words"])
    for name, options in configs.items():
        run = _throughput(
            run_build(corpus, work / f"{len(result['runs'])}.duckdb", *options), words
        )
        result["runs"][name] = run
        save(name, run)
    one = result["runs"]["local, 1 worker"]["words_per_second"]
    result["speedup_over_1_worker"] = {
        k: round(v["words_per_second"] / one, 2) for k, v in result["runs"].items()
    }
    save("speed-up", result["speedup_over_1_worker"])

    # 1,000 more: the new shard alone (a daily feed); the whole folder again (the shards the
    # big build read whole are not opened: scale/shards.py); the same into an empty store.
    make_corpus(work / "new", args.articles, args.add, paras)
    shutil.copy(store, work / "big-copy.duckdb")
    new_shard = work / "new" / f"shard-{args.articles:08d}.jsonl.gz"
    adds = {
        "add_new_shard_to_big_store": (new_shard, store),
        "add_by_rescanning_whole_folder": (big, work / "big-copy.duckdb"),
        "same_articles_into_empty_store": (new_shard, work / "new.duckdb"),
    }
    for key, (source, db) in adds.items():
        if key == "add_by_rescanning_whole_folder":
            shutil.copy(new_shard, big)
        result[key] = run_build(source, db, "--workers", "2")
        save(key, result[key])


def _throughput(run: dict, words: int) -> dict:
    run["words"] = words
    run["words_per_second"] = round(words / run["seconds"])
    return run


def _words(folder: Path) -> int:
    total = 0
    for shard in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(shard, "rt", encoding="utf-8") as lines:
            total += sum(len(json.loads(line)["text"].split()) for line in lines)
    return total


if __name__ == "__main__":
    main()
