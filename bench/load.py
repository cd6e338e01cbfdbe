"""Load test: many real browser sessions read the dashboard while a reviewer ingests articles.

One Chromium, one context per session (Playwright async API). Each viewer opens the pages in
turn (starting at a different one), moves the map's date slider with the keyboard and sets the
timeline's country filter. At the same time one reviewer session uploads the bundled articles
through the Sources page and accepts the first candidate in the queue after each upload. Every
page visit is checked for Streamlit's exception element; console errors and page errors are
collected. After the server stops, its DuckDB file is opened read-only to check that every event
the reviewer saw accepted is stored exactly once.

    python -m bench.load [--sessions 20] [--visits 5] [--articles 8]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import tempfile
import time
from pathlib import Path

import duckdb
from playwright.async_api import async_playwright

from bench import servers
from bench.browser import CHROMIUM, CHROMIUM_ARGS, LOCAL, MARKS_JS, VIEWPORT

TOKEN = "bench-load-reviewer-token"
PAGES = (("/", "chart"), ("/timeline", "chart"), ("/indicators", "chart"),
         ("/sources", "dataframe"), ("/present?step=2", "chart"))
TIMEOUT_MS = 180_000
ARTICLES = servers.ROOT / "data" / "articles"
# Streamlit's client, opened on /sources, first probes /sources/_stcore/health and host-config,
# then falls back to the server root: a 404 it expects, not a fault of the app.
BENIGN_404 = re.compile(r"/[\w-]+/_stcore/(health|host-config)$")
ACCEPTED = re.compile(r"Accepted: (ingested-[\w-]+) is on the map")


class Log:
    def __init__(self):
        self.loads: list[dict] = []
        self.actions: list[dict] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.accepted: set[str] = set()
        self.uploads: dict[str, str] = {}
        self.benign = 0
        self.timings: list[dict] = []

    def watch(self, page, who: str):
        page.on("console", lambda m: self._console(who, m))
        page.on("pageerror", lambda e: self.errors.append(f"{who} pageerror: {str(e)[:200]}"))
        page.on("request", lambda r: None if r.url.startswith(LOCAL) else self.outside.append(r.url))
        page.on("response", lambda r: self._response(who, r))

    def _response(self, who: str, response):
        if response.status < 400:
            return
        if BENIGN_404.search(response.url) and response.status == 404:
            self.benign += 1
        else:
            self.errors.append(f"{who} HTTP {response.status}: {response.url[:160]}")

    def _console(self, who: str, message):
        if message.type != "error":
            return
        if BENIGN_404.search(message.location.get("url", "")):
            return  # the 404 above, echoed by the console
        self.errors.append(f"{who} console: {message.text[:200]}")


async def new_page(browser, log: Log, who: str):
    context = await browser.new_context(viewport=VIEWPORT, service_workers="block")
    # Under load a click can wait minutes for the page to settle: that is a slow page, which
    # the timings report, not a failed one (Playwright's default gives up after 30 s).
    context.set_default_timeout(TIMEOUT_MS)
    await context.add_init_script(MARKS_JS)
    page = await context.new_page()
    log.watch(page, who)
    return context, page


async def check_exceptions(page, log: Log, who: str, where: str):
    n = await page.locator('[data-testid="stException"]').count()
    if n:
        text = await page.locator('[data-testid="stException"]').first.inner_text()
        log.errors.append(f"{who} {where}: stException: {text[:300]}")


class Frames:
    """Websocket frames of one page, from the DevTools protocol: the server's share of a load
    is the time from the client's first message (its rerun request) to the largest frame the
    server sent back (the figure on chart pages), whatever the browser spent before or after."""

    def __init__(self):
        self.sent: list[float] = []
        self.received: list[tuple[float, int]] = []

    async def attach(self, context, page):
        cdp = await context.new_cdp_session(page)
        await cdp.send("Network.enable")
        cdp.on("Network.webSocketFrameSent", lambda e: self.sent.append(e["timestamp"]))
        cdp.on("Network.webSocketFrameReceived", lambda e: self.received.append(
            (e["timestamp"], len(e["response"].get("payloadData", "")))))

    def reset(self):
        self.sent, self.received = [], []

    def server_ms(self) -> float | None:
        if not self.sent or not self.received:
            return None
        first = self.sent[0]
        after = [r for r in self.received if r[0] >= first]
        return (max(after, key=lambda r: r[1])[0] - first) * 1000 if after else None


async def viewer(browser, url: str, n: int, visits: int, log: Log):
    who = f"viewer{n}"
    context, page = await new_page(browser, log, who)
    frames = Frames()
    await frames.attach(context, page)
    try:
        for k in range(visits):
            path, mark = PAGES[(n + k) % len(PAGES)]
            try:
                frames.reset()
                await page.goto(url + path, wait_until="commit")
                await page.wait_for_function(f"window.__bench && window.__bench.{mark} != null",
                                             timeout=TIMEOUT_MS)
                ms = await page.evaluate(f"window.__bench.{mark}")
                # The first visit of a session is cold (empty HTTP cache), the others warm.
                log.loads.append({"who": who, "page": path, "ms": ms, "cold": k == 0,
                                  "server_ms": frames.server_ms()})
                if path == "/":
                    await move_slider(page, log, who)
                elif path == "/timeline":
                    await filter_country(page, log, who)
                await check_exceptions(page, log, who, path)
            except Exception as err:  # a timeout is a failed load: count it, go on
                log.errors.append(f"{who} {path}: {type(err).__name__}: {str(err).splitlines()[0][:200]}")
    finally:
        await context.close()


async def move_slider(page, log: Log, who: str):
    """Three months back with the keyboard; done when the rerun has written the new date."""
    await page.wait_for_url(re.compile(r"date=\d{4}-\d{2}"), timeout=TIMEOUT_MS)
    before = re.search(r"date=([\d-]+)", page.url).group(1)
    t0 = time.perf_counter()
    slider = page.get_by_role("slider").first  # an <input type=range>, so no role attribute
    await slider.focus()
    for _ in range(3):
        await slider.press("ArrowLeft")
    await page.wait_for_url(lambda u: "date=" in u and f"date={before}" not in u, timeout=TIMEOUT_MS)
    log.actions.append({"who": who, "action": "map date slider", "ms": (time.perf_counter() - t0) * 1000})


async def filter_country(page, log: Log, who: str):
    t0 = time.perf_counter()
    await page.locator('[data-testid="stMultiSelect"]').first.click()
    await page.get_by_role("option", name="Niger").click()
    await page.keyboard.press("Escape")
    await page.wait_for_url(re.compile(r"country=NER"), timeout=TIMEOUT_MS)
    await page.wait_for_selector(".barlayer path", state="attached", timeout=TIMEOUT_MS)
    log.actions.append({"who": who, "action": "timeline country filter", "ms": (time.perf_counter() - t0) * 1000})


async def reviewer(browser, url: str, files: list[Path], log: Log):
    who = "reviewer"
    context, page = await new_page(browser, log, who)
    try:
        await page.goto(url + "/sources")
        await page.get_by_label("Reviewer token", exact=True).fill(TOKEN)
        await page.keyboard.press("Enter")
        upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
        for path in files:
            try:
                t0 = time.perf_counter()
                await upload.set_input_files(str(path))
                await page.get_by_role("button", name="Extract candidates").click()
                result = page.get_by_text(re.compile(re.escape(path.name) + r": "))
                await result.first.wait_for(timeout=TIMEOUT_MS)
                log.uploads[path.name] = (await result.first.inner_text())[:120]
                log.actions.append({"who": who, "action": "upload + extract", "ms": (time.perf_counter() - t0) * 1000})
                await check_exceptions(page, log, who, f"upload {path.name}")
                t0 = time.perf_counter()
                await accept_first(page, log)
                log.actions.append({"who": who, "action": "accept (or reject)", "ms": (time.perf_counter() - t0) * 1000})
            except Exception as err:
                log.errors.append(f"{who} {path.name}: {type(err).__name__}: {str(err).splitlines()[0][:200]}")
        # One last look at the page, so that every message of the last action has arrived.
        await page.goto(url + "/sources")
        await page.wait_for_function("window.__bench && window.__bench.dataframe != null", timeout=TIMEOUT_MS)
    finally:
        await context.close()


async def accept_first(page, log: Log):
    forms = page.locator('[data-testid="stForm"]')
    if await forms.count() == 0:
        return
    form = forms.first
    await form.get_by_role("button", name="Accept").click()
    outcome = page.get_by_text(re.compile(r"^(Accepted: ingested-|Not accepted: )"))
    await outcome.first.wait_for(timeout=TIMEOUT_MS)
    text = await outcome.first.inner_text()
    found = ACCEPTED.search(text)
    if found:
        log.accepted.add(found.group(1))
    elif await forms.count():  # an invalid candidate: clear it from the queue
        await forms.first.get_by_role("button", name="Reject").click()
        await page.get_by_text("Rejected.").first.wait_for(timeout=TIMEOUT_MS)


def check_store(db: Path, log: Log) -> dict:
    """Read-only, after the server stopped: accepted events stored once, nothing else."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT event_id, count(*) FROM ingested_events GROUP BY 1").fetchall()
        stored = {e: n for e, n in rows}
        cands = dict(con.execute("SELECT status, count(*) FROM candidates GROUP BY 1").fetchall())
        articles = con.execute("SELECT count(*), count(DISTINCT sha256) FROM articles").fetchone()
        linked = con.execute("SELECT count(*) FROM candidates c JOIN ingested_events e "
                             "USING (event_id) WHERE c.status = 'accepted'").fetchone()[0]
    finally:
        con.close()
    twice = sorted(e for e, n in stored.items() if n != 1)
    return {"accepted_seen": len(log.accepted), "events_stored": len(stored),
            "stored_more_than_once": twice, "accepted_but_missing": sorted(log.accepted - set(stored)),
            "stored_but_not_seen": sorted(set(stored) - log.accepted),
            "candidates": cands, "articles": articles[0], "distinct_articles": articles[1],
            "accepted_candidates_linked": linked,
            "ok": not twice and set(stored) == log.accepted and linked == len(stored)
            and articles[0] == articles[1]}


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


async def run_async(url: str, sessions: int, visits: int, files: list[Path], log: Log):
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await asyncio.gather(reviewer(browser, url, files, log),
                                 *(viewer(browser, url, n, visits, log) for n in range(sessions)))
        finally:
            await browser.close()


def run(sessions: int = 20, visits: int = 5, articles: int = 8, log_fn=print) -> dict:
    files = sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md", ".html")
                   and p.stem != "README")[:articles]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        server = servers.dashboard(tmp, {"SAHEL_REVIEWER_TOKEN": TOKEN})
        log = Log()
        rss_before = server.rss_mb()
        cpu0, (busy0, total0) = server.cpu_seconds(), servers.machine_cpu()
        t0 = time.perf_counter()
        try:
            asyncio.run(run_async(server.url, sessions, visits, files, log))
        finally:
            wall = time.perf_counter() - t0
            rss_after = server.rss_mb()
            server_cpu = server.cpu_seconds() - cpu0
            busy1, total1 = servers.machine_cpu()
            server.stop()
        store = check_store(tmp / "store.duckdb", log)
        server_errors = [line for line in (tmp / "server.log").read_text().splitlines()
                         if "Traceback" in line or "Error" in line][:20]
    ms = [x["ms"] for x in log.loads]
    cold = [x["ms"] for x in log.loads if x["cold"]]
    warm = [x["ms"] for x in log.loads if not x["cold"]]
    server_ms = [x["server_ms"] for x in log.loads if x.get("server_ms") is not None]
    per_page = {path: statistics.median([x["ms"] for x in log.loads if x["page"] == path])
                for path, _ in PAGES if any(x["page"] == path for x in log.loads)}
    actions = {}
    for a in {x["action"] for x in log.actions}:
        vals = [x["ms"] for x in log.actions if x["action"] == a]
        actions[a] = {"n": len(vals), "p50_ms": pct(vals, 0.5), "p95_ms": pct(vals, 0.95)}
    result = {"sessions": sessions, "visits_each": visits, "wall_s": wall,
              "loads": len(ms), "expected_loads": sessions * visits,
              "p50_ms": pct(ms, 0.5), "p95_ms": pct(ms, 0.95), "max_ms": max(ms, default=float("nan")),
              "cold_p50_ms": pct(cold, 0.5), "cold_p95_ms": pct(cold, 0.95),
              "warm_p50_ms": pct(warm, 0.5), "warm_p95_ms": pct(warm, 0.95),
              "server_p50_ms": pct(server_ms, 0.5), "server_p95_ms": pct(server_ms, 0.95),
              "median_by_page_ms": per_page, "actions": actions,
              "errors": log.errors, "benign_404": log.benign, "outside_requests": log.outside, "server_log_errors": server_errors,
              "uploads": log.uploads, "store": store, "rss_before_mb": rss_before,
              "rss_after_mb": rss_after, "server_cpu_s": server_cpu,
              "machine_busy_s": busy1 - busy0, "machine_cpu_s": total1 - total0}
    log_fn(f"  load: {len(ms)} page loads, p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, "
           f"{len(log.errors)} errors, {len(log.accepted)} accepted, store ok: {store['ok']}")
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="load test against a local server")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--visits", type=int, default=5, help="page visits per viewer session")
    ap.add_argument("--articles", type=int, default=8, help="articles the reviewer uploads")
    args = ap.parse_args(argv)
    print(json.dumps(run(args.sessions, args.visits, args.articles), indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
