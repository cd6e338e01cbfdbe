"""Ingestion throughput: dashboard.ingest.ingest_bytes into a temporary store.

Each round gives every bundled article a unique closing line, so that none is skipped as a
duplicate (the store dedupes on the text's hash). Reading, extraction and the store write are
also timed on their own, to say which one the time goes to.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from dashboard import config, ingest
from dashboard.ingest.extract import extract, read_article
from dashboard.store import Store

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
SIZE_ARTICLE = "en01_us_niger_agreement_revoked.txt"


def corpus() -> list[Path]:
    return sorted(p for p in ARTICLES.iterdir() if p.suffix in config.UPLOAD_TYPES and p.stem != "README")


def unique(raw: bytes, name: str, tag: str) -> bytes:
    """The same article with one extra sentence, so its text hash is new."""
    line = f"Reference {tag}."
    if name.endswith((".html", ".htm")):
        end = b"</article>" if b"</article>" in raw else b"</body>"
        return raw.replace(end, f"<p>{line}</p>".encode() + end, 1)
    return raw.rstrip() + f"\n\n{line}\n".encode()


def grown(raw: bytes, times: int) -> bytes:
    """A .txt article whose body is repeated `times` times (header kept once)."""
    head, _, body = raw.partition(b"\n\n")
    return head + b"\n\n" + b"\n\n".join([body.strip()] * times) + b"\n"


def throughput(rounds: int = 3) -> dict:
    files = [(p.name, p.read_bytes()) for p in corpus()]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "ingest.duckdb")
        statuses: dict[str, int] = {}
        t0 = time.perf_counter()
        for r in range(rounds):
            for name, raw in files:
                result = ingest.ingest_bytes(store, unique(raw, name, f"{r}"), name)
                statuses[result.status] = statuses.get(result.status, 0) + 1
        took = time.perf_counter() - t0
        store.close()
    n = rounds * len(files)
    return {
        "articles": n,
        "seconds": took,
        "per_second": n / took,
        "statuses": statuses,
        "mean_kb": statistics.mean(len(raw) for _, raw in files) / 1024,
    }


def phases(name: str, raw: bytes, reps: int = 5) -> dict:
    """Median seconds of reading, extracting and the whole ingest of one article."""
    read, ext, whole = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "phase.duckdb")
        for r in range(reps):
            data = unique(raw, name, f"p{r}")
            t0 = time.perf_counter()
            article = read_article(data, name)
            t1 = time.perf_counter()
            extract(article)
            t2 = time.perf_counter()
            result = ingest.ingest_bytes(store, data, name)
            t3 = time.perf_counter()
            assert result.status == "stored", result
            read.append(t1 - t0), ext.append(t2 - t1), whole.append(t3 - t2)
        store.close()
    read_s, extract_s, whole_s = map(statistics.median, (read, ext, whole))
    return {
        "bytes": len(raw),
        "read_s": read_s,
        "extract_s": extract_s,
        "ingest_s": whole_s,
        "store_s": max(whole_s - read_s - extract_s, 0.0),
    }


def by_size(factors=(1, 4, 16, 64)) -> list[dict]:
    raw = (ARTICLES / SIZE_ARTICLE).read_bytes()
    return [{"factor": f, **phases(SIZE_ARTICLE, grown(raw, f))} for f in factors]


if __name__ == "__main__":
    print(throughput())
    for row in by_size():
        print(row)
