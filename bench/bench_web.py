"""Load test of the web API: graph, claims and actor pages under concurrent local clients.

    .venv/bin/python bench/bench_web.py [--claims 20000] [--clients 20] [--requests 100]
        [--db /tmp/bench-20k.duckdb]   # reuse the store between runs (built when missing)

Builds a store of ``--claims`` synthetic claims through the Store API (documents whose
sentences state relations among a few hundred actors, skewed so that some are hubs), starts
``proxygraph serve`` on a free loopback port, and has ``--clients`` threads, each with its
own keep-alive connection, send ``--requests`` requests per endpoint with varied filters.
Prints p50/p95/p99 per endpoint, for all requests and for the first request of each
distinct query (which computes instead of reading the per-snapshot cache); the first
``/api/summary`` after the server starts (cold); and the wall time of the CLI's
``proxygraph summary`` on the same store. Loopback only; the request count is bounded.
"""

from __future__ import annotations

import argparse
import http.client
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from proxygraph.extract import Extraction
from proxygraph.models import Claim, Document, Mention
from proxygraph.ontology import CERTAINTIES, relations
from proxygraph.store import Store

TYPES = ("state", "armed_group", "agency", "person")
CLAIMS_PER_DOC = 10


def synth_store(db: Path, n_claims: int, n_actors: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    actors = [(f"Actor {i:03d}", TYPES[i % len(TYPES)]) for i in range(n_actors)]
    weights = [1 / (i + 1) ** 0.8 for i in range(n_actors)]  # a few hubs, a long tail
    rels = list(relations())
    with Store.open(db) as store:
        for d in range(n_claims // CLAIMS_PER_DOC):
            store.add(synth_document(rng, d, actors, weights, rels))


def synth_document(rng, d, actors, weights, rels) -> Extraction:
    year = rng.randint(2000, 2024)
    sentences, picks = [], []
    for _ in range(CLAIMS_PER_DOC):
        (a, ta), (b, tb) = rng.choices(actors, weights, k=2)
        if a == b:
            b, tb = actors[(actors.index((a, ta)) + 1) % len(actors)]
        rel = rng.choice(rels)
        when = year - rng.randint(0, 3)
        sentences.append(f"{a} {rel.lower().replace('_', ' ')} {b} in {when}, officials said.")
        picks.append((a, ta, rel, b, tb, when))
    text = f"Report {d}\n" + "\n".join(sentences) + "\n"
    doc = Document(
        id=f"bench-{d:05d}",
        text=text,
        title=f"Report {d}",
        published=f"{year}-01-15",
        publisher=f"Outlet {d % 40}",
    )
    claims, mentions = [], []
    for sentence, (a, ta, rel, b, tb, when) in zip(sentences, picks, strict=True):
        start = text.index(sentence)
        certainty = rng.choices(CERTAINTIES, (6, 3, 2, 1))[0]
        claims.append(
            Claim(
                doc.id,
                a,
                rel,
                b,
                sentence,
                start,
                start + len(sentence),
                negated=rng.random() < 0.05,
                certainty=certainty,
                source=rng.choice([None, "officials", "the ministry"]),
                time=str(when),
                subject_type=ta,
                object_type=tb,
            )
        )
        mentions.append(Mention(doc.id, a, a, start, start + len(a), ta))
    return Extraction(doc, mentions, claims, [])


def graph_query(rng: random.Random) -> str:
    q: list[tuple[str, str]] = []
    if rng.random() < 0.5:
        q.append(("relation", rng.choice(list(relations()))))
    if rng.random() < 0.3:
        q.append(("min_stories", str(rng.randint(2, 3))))
    if rng.random() < 0.3:
        start = rng.randint(2000, 2020)
        q += [("year_from", str(start)), ("year_to", str(start + 4))]
    return "/api/graph?" + urlencode(q)


def claims_query(rng: random.Random) -> str:
    q: dict[str, str] = {"limit": "50", "offset": str(50 * rng.randint(0, 5))}
    pick = rng.random()
    if pick < 0.4:
        q["actor"] = f"Actor {rng.randint(0, 40):03d}"
    elif pick < 0.7:
        q["relation"] = rng.choice(list(relations()))
    if rng.random() < 0.3:
        q["certainty"] = rng.choice(CERTAINTIES)
    return "/api/claims?" + urlencode(q)


def actor_query(rng: random.Random, n_actors: int) -> str:
    return "/actor/" + f"Actor {rng.randint(0, n_actors - 1):03d}".replace(" ", "%20")


KINDS = ("graph", "claims", "actor")


@dataclass
class Timings:
    all: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    cold: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    seen: set[str] = field(default_factory=set)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def client(port: int, n: int, seed: int, t: Timings, n_actors: int) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for i in range(len(KINDS) * n):
        kind = KINDS[i % len(KINDS)]
        url = (
            graph_query(rng)
            if kind == "graph"
            else claims_query(rng)
            if kind == "claims"
            else actor_query(rng, n_actors)
        )
        began = time.perf_counter()
        conn.request("GET", url)
        response = conn.getresponse()
        response.read()
        ms = (time.perf_counter() - began) * 1000
        with t.lock:
            t.all[kind].append(ms)
            if url not in t.seen:
                t.seen.add(url)
                t.cold[kind].append(ms)
            t.errors += response.status != 200
    conn.close()


def pct(values: list[float], p: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[p - 1]
        if len(values) > 1
        else (values[0] if values else float("nan"))
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int) -> tuple[float, float, int]:
    """Seconds until the port answers, until the first 200, and the 503s seen meanwhile
    (the snapshot loads in the background; until then the server says 503 Retry-After)."""
    began = time.perf_counter()
    answered, refusals = None, 0
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request("GET", "/api/graph")
            response = conn.getresponse()
            response.read()
            answered = answered or time.perf_counter() - began
            if response.status == 200:
                return answered, time.perf_counter() - began, refusals
            refusals += 1
            time.sleep(float(response.getheader("retry-after", "1")))
        except OSError:
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=100, help="per client and endpoint")
    parser.add_argument("--db", type=Path, help="reuse this store (built here if missing)")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="pg-bench-web-")) / "bench.duckdb"
    began = time.perf_counter()
    if not db.exists():
        synth_store(db, args.claims, args.actors)
    with Store.open(db, read_only=True) as store:
        counts = store.counts()
    print(
        f"store: {counts.claims} claims, {counts.documents} documents, {counts.actors} actors"
        f" (built in {time.perf_counter() - began:.1f} s)"
    )
    port = free_port()
    proxygraph = Path(sys.executable).parent / "proxygraph"
    server = subprocess.Popen(
        [str(proxygraph), "serve", "--db", str(db), "--port", str(port)], stderr=subprocess.DEVNULL
    )
    try:
        answered, ready, refusals = wait_ready(port)
        print(
            f"first answer after {answered:.1f} s; data loaded (first 200) after {ready:.1f} s"
            f" ({refusals} answers 503 Retry-After meanwhile)"
        )
        began = time.perf_counter()
        status = get(port, "/api/summary")
        print(
            f"/api/summary, first request as soon as the graph answers: "
            f"{time.perf_counter() - began:.2f} s (status {status})"
        )
        timings = Timings()
        threads = [
            threading.Thread(target=client, args=(port, args.requests, i, timings, args.actors))
            for i in range(args.clients)
        ]
        began = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(10)
    report(timings, args, wall)
    began = time.perf_counter()
    subprocess.run(
        [str(proxygraph), "summary", "--db", str(db)], check=True, stdout=subprocess.DEVNULL
    )
    print(f"proxygraph summary (CLI, whole process): {time.perf_counter() - began:.1f} s")


def get(port: int, url: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    conn.request("GET", url)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def report(t: Timings, args: argparse.Namespace, wall: float) -> None:
    total = sum(len(v) for v in t.all.values())
    print(
        f"{args.clients} concurrent clients, {total} requests in {wall:.1f} s "
        f"({total / wall:.0f} req/s), {t.errors} errors"
    )
    print(
        f"{'endpoint':<10}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'cold n':>8}{'cold p50':>10}{'cold p95':>10}"
    )
    for kind in KINDS:
        a, c = t.all[kind], t.cold[kind]
        print(
            f"{kind:<10}{len(a):>9}{pct(a, 50):>9.1f}{pct(a, 95):>9.1f}{pct(a, 99):>9.1f}"
            f"{len(c):>8}{pct(c, 50):>10.1f}{pct(c, 95):>10.1f}"
        )


if __name__ == "__main__":
    main()
