"""Scale benchmark: words/s with 1 and 2 local workers and a 2-worker Dask LocalCluster, the
largest worker's peak RSS, speed-up, and the time to add 1,000 articles to a large store.

The corpus is synthetic, made at run time by recombining paragraphs of ../shared/corpus
(nothing of it is written into the project), as gzip JSON Lines shards in a temp folder.

    .venv/bin/python bench/bench_scale.py --articles 100000          # the full run: hours
    .venv/bin/python bench/bench_scale.py --articles 5000 --sample 600
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
                text = "\n\n".join(rng.sample(paras, rng.randint(4, 8)))
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
    parser.add_argument("--sample", type=int, default=2000, help="articles per throughput run")
    parser.add_argument("--add", type=int, default=1000, help="articles added to the big store")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scale.json")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: temp, removed)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="proxygraph-scale-"))
    paras = paragraphs()
    result: dict = {
        "cores": len(os.sched_getaffinity(0)),
        "articles": args.articles,
        "sample": args.sample,
        "add": args.add,
        "runs": {},
    }
    try:
        sample_words = make_corpus(work / "sample", 10**8, args.sample, paras)
        result["sample_words"] = sample_words
        configs = {
            "local, 1 worker": ["--workers", "1"],
            "local, 2 workers": ["--workers", "2"],
            "dask LocalCluster, 2 workers": ["--engine", "dask", "--workers", "2"],
        }
        for name, options in configs.items():
            run = run_build(
                work / "sample", work / f"sample-{len(result['runs'])}.duckdb", *options
            )
            run["words_per_second"] = round(sample_words / run["seconds"])
            result["runs"][name] = run
            print(name, run, flush=True)
        one = result["runs"]["local, 1 worker"]["seconds"]
        result["speedup"] = {k: round(one / v["seconds"], 2) for k, v in result["runs"].items()}
        make_corpus(work / "big", 0, args.articles, paras)
        big = work / "big.duckdb"
        result["big_store_build"] = run_build(work / "big", big, "--workers", "2")
        print("big store", result["big_store_build"], flush=True)
        make_corpus(work / "new", args.articles, args.add, paras)
        shutil.copy(big, work / "big-copy.duckdb")
        # The new shard alone (a daily feed) and the whole folder again (every article re-read
        # and looked up by id, only the new ones extracted), and the same articles into an
        # empty store: the incremental cost against the cost of extracting them.
        result["add_new_shard_to_big_store"] = run_build(work / "new", big, "--workers", "2")
        shutil.move(work / "new" / f"shard-{args.articles:08d}.jsonl.gz", work / "big")
        result["add_by_rescanning_whole_folder"] = run_build(
            work / "big", work / "big-copy.duckdb", "--workers", "2"
        )
        result["same_articles_into_empty_store"] = run_build(
            work / "big" / f"shard-{args.articles:08d}.jsonl.gz",
            work / "new.duckdb",
            "--workers",
            "2",
        )
        for key in (
            "add_new_shard_to_big_store",
            "add_by_rescanning_whole_folder",
            "same_articles_into_empty_store",
        ):
            print(key, result[key], flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
