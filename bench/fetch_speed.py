"""Fetching 1,000 recorded feed items into the review queue, next to a baseline in the same run.

    python -m bench.fetch_speed [--items 1000]

A local server (tests/feedserver.py) serves one RSS feed of N items, each carrying its article
in `content:encoded` (the bundled briefs and the dev set, each item with its own closing line
and a publication date a week after the previous copy of the same brief, so that every item is
new and copies of one brief fall outside the story window). Timed: `fetch` (requests, parsing,
the inbox) and the store taking the inbox (reading, extraction, story grouping, the writes).
The baseline is `ingest_bytes` of the same N articles into another fresh store: what the
upload path costs for the same text. A benchmark prints figures; it never passes or fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import html
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.ingest import ingest_bytes  # noqa: E402
from dashboard.ingest.extract import read_article  # noqa: E402
from dashboard.ingest.feeds import drain, fetch, sources  # noqa: E402
from dashboard.ingest.feeds.http import Client  # noqa: E402
from dashboard.store import Store  # noqa: E402
from tests.feedserver import FeedServer  # noqa: E402

FOLDERS = (ROOT / "data" / "articles", ROOT / "data" / "articles" / "dev")


def briefs() -> list:
    out = []
    for folder in FOLDERS:
        for path in sorted(folder.glob("*")):
            if path.suffix in (".txt", ".md", ".html") and path.name != "README.md":
                out.append(read_article(path.read_bytes(), path.name))
    return [a for a in out if a.published]


def items(n: int) -> list[tuple[str, str, dt.date, str]]:
    """(guid, title, published, html body) for n items."""
    base = briefs()
    out = []
    for i in range(n):
        a = base[i % len(base)]
        day = min(a.published + dt.timedelta(days=7 * (i // len(base))), dt.date.today())
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in a.text.split("\n\n") if p.strip())
        out.append((f"item-{i}", a.title, day, paragraphs + f"<p>Item {i} of the benchmark feed.</p>"))
    return out


def feed(n: int) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>bench</title>'
        "<language>en</language>"
    ]
    for guid, title, day, body in items(n):
        stamp = email.utils.format_datetime(dt.datetime.combine(day, dt.time(8), dt.UTC))
        parts.append(
            f"<item><title>{html.escape(title)}</title><guid>{guid}</guid><pubDate>{stamp}</pubDate>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    args = parser.parse_args(argv)
    n = args.items
    body = feed(n)
    with tempfile.TemporaryDirectory() as tmp, FeedServer() as server:
        tmp = Path(tmp)
        server.extra["/bench.rss"] = body
        toml = tmp / "feeds.toml"
        toml.write_text(
            f'[[source]]\nname = "bench"\nkind = "rss"\nurl = "{server.url}/bench.rss"\n'
            'language = "en"\ngrade = "outlet"\ninterval = 0\n',
            encoding="utf-8",
        )
        chosen = sources.load(toml)
        t0 = time.perf_counter()
        [run] = fetch.run(chosen, tmp / "inbox", client=Client(host_interval=0))
        t1 = time.perf_counter()
        store = Store(tmp / "fetch.duckdb")
        got = drain.drain(store, tmp / "inbox")
        t2 = time.perf_counter()
        groups = int(store.query("SELECT count(DISTINCT story_id) AS n FROM stories")["n"].iloc[0])
        store.close()

        baseline = Store(tmp / "upload.duckdb")
        b0 = time.perf_counter()
        stored = 0
        for guid, title, day, html_body in items(n):
            page = f"<html><head><title>{html.escape(title)}</title></head><body>{html_body}</body></html>"
            result = ingest_bytes(baseline, page.encode(), f"{guid}.html", {"published": day.isoformat()})
            stored += result.status == "stored"
        b1 = time.perf_counter()
        baseline.close()
    fetch_s, store_s, base_s = t1 - t0, t2 - t1, b1 - b0
    print("command: python -m bench.fetch_speed --items", n)
    print(
        f"feed: {len(body) / 1e6:.1f} MB, {run['seen']} items seen, {run['fetched']} fetched into the inbox"
    )
    print(f"fetch (request, parse, inbox): {fetch_s:6.2f} s")
    print(f"store taking the inbox:        {store_s:6.2f} s  ({got.stored} stored, {groups} stories)")
    print(
        f"fetch + store:                 {fetch_s + store_s:6.2f} s  ({n / (fetch_s + store_s):.0f} items/s)"
    )
    print(f"baseline, ingest_bytes:        {base_s:6.2f} s  ({stored} stored)")
    print(f"ratio (fetch + store) / baseline: {(fetch_s + store_s) / base_s:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
