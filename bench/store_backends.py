"""The two store backends side by side, in one run: the embedded DuckDB file is the baseline,
PostgreSQL (a throwaway cluster from Debian's packages, tests/pgserver.py, with fsync and
synchronous commit on, as a real one) is measured as ratios against it.

- ingest: the bundled articles, each made unique, stored one transaction each;
- open: a second process's store opening on a store that holds them (seeded already);
- read: what a page asks for most (the events table, the review queue);
- seen elsewhere (PostgreSQL only): from one replica's commit to another replica reading it,
  with the store's own SYNC_SECONDS polling, and the copy of the tables that moved.

    python -m bench.store_backends [--rounds 10] [--repeats 20]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.ingest_speed import corpus, unique
from dashboard import config, ingest
from dashboard.ingest import review
from dashboard.store import Store
from tests.pgserver import PgServer


def _ingest(store: Store, rounds: int) -> tuple[int, float]:
    files = [(p.name, p.read_bytes()) for p in corpus()]
    t0 = time.perf_counter()
    for r in range(rounds):
        for name, raw in files:
            assert ingest.ingest_bytes(store, unique(raw, name, f"b{r}"), name).status == "stored"
    return rounds * len(files), time.perf_counter() - t0


def _median(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(target: str, rounds: int, repeats: int) -> dict:
    store = Store(target, fallback=False)
    n, took = _ingest(store, rounds)
    out = {
        "articles": n,
        "ingest_per_second": n / took,
        "events_ms": 1000 * _median(lambda: store.table("events"), repeats),
        "queue_ms": 1000 * _median(lambda: review.queue(store), repeats),
    }
    store.close()
    out["open_ms"] = 1000 * _median(lambda: Store(target, fallback=False).close(), max(3, repeats // 4))
    return out


def seen_elsewhere(dsn: str, repeats: int) -> dict:
    """Seconds from a commit on one store to the other store's first read that shows it."""
    one, two = Store(dsn, fallback=False), Store(dsn, fallback=False)
    files = [(p.name, p.read_bytes()) for p in corpus()]
    delays, copies = [], []
    for r in range(repeats):
        name, raw = files[r % len(files)]
        before = len(two.query("SELECT article_id FROM articles"))
        assert ingest.ingest_bytes(one, unique(raw, name, f"s{r}"), name).status == "stored"
        t0 = time.perf_counter()
        while len(two.query("SELECT article_id FROM articles")) == before:
            time.sleep(0.01)
        delays.append(time.perf_counter() - t0)
        t1 = time.perf_counter()
        two._fresh(force=True)  # nothing moved since: the check alone
        copies.append(time.perf_counter() - t1)
    one.close(), two.close()
    return {
        "p50_s": statistics.median(delays),
        "max_s": max(delays),
        "idle_check_ms": 1000 * statistics.median(copies),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10, help="passes over the bundled articles")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)
    server = PgServer(durable=True).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            duck = measure(str(Path(tmp) / "bench.duckdb"), args.rounds, args.repeats)
        pg = measure(server.database(), args.rounds, args.repeats)
        seen = seen_elsewhere(server.database(), args.repeats)
    finally:
        server.stop()
    print(
        f"articles ingested per backend: {duck['articles']} (1-2 KB briefs), SYNC_SECONDS={config.SYNC_SECONDS:g}"
    )
    print("| measure | DuckDB file (baseline) | PostgreSQL | PostgreSQL ÷ DuckDB |")
    print("|---|---|---|---|")
    rows = (
        ("ingest, articles/s", "ingest_per_second", "{:.0f}"),
        ("open a stored store, ms", "open_ms", "{:.0f}"),
        ("events table, ms", "events_ms", "{:.1f}"),
        ("review queue, ms", "queue_ms", "{:.1f}"),
    )
    for label, key, form in rows:
        print(f"| {label} | {form.format(duck[key])} | {form.format(pg[key])} | {pg[key] / duck[key]:.2f} |")
    print(
        f"\nA commit on one PostgreSQL replica read on another: p50 {seen['p50_s']:.2f} s, "
        f"max {seen['max_s']:.2f} s over {args.repeats} writes; a check that finds nothing new "
        f"{seen['idle_check_ms']:.1f} ms."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
