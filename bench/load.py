"""Load test: many real browser sessions read the dashboard while a reviewer ingests articles.

One Chromium, one context per session (Playwright async API). Each viewer opens the pages in
turn (starting at a different one), moves the map's date slider with the keyboard and sets the
timeline's country filter. At the same time one reviewer session uploads the bundled articles
through the Sources page and accepts the first candidate in the queue after each upload. Every
page visit is checked for Streamlit's exception element; console errors and page errors are
collected. After the server stops, its DuckDB file is opened read-only to check that every event
the reviewer saw accepted is stored exactly once.

Two profiles:

- `reader` (the default): sessions arrive one every ramp/sessions seconds (Locust's spawn
  rate), pause a uniform think time before every click, open their first page by URL (a cold
  load: empty HTTP cache, Streamlit's JavaScript parsed) and then move between pages by clicking
  the sidebar's navigation links, as people do. /present hides the sidebar: leaving it is a
  full page load (`goto`), counted as a reload.
- `worst`: every session starts at once, no pause, every visit a full page load (`goto`).

Page loads are reported by kind: cold first visits, in-app navigations (click to the new
page's chart drawn, or /sources's dataframe canvas) and full reloads (warm HTTP cache). How many
sessions were active at once is measured from their timestamps, not assumed.

    python -m bench.load [--profile reader|worst] [--sessions 20] [--visits 5] [--articles 8]
                         [--ramp 20] [--think 2,5] [--replicas N [--postgres]]

Against one `python -m dashboard.ui.serve` by default; with `--replicas N`, against
scripts/serve-replicas.sh N (nginx in front of N replicas, one DuckDB store for N=1; N > 1 needs
PostgreSQL: `--postgres` starts a throwaway cluster with tests/pgserver.py, or set SAHEL_DB to a
postgresql:// address). The CPU the machine spent is split between the load generator
(Playwright's driver and Chromium: the browsers), the server side (every replica, and nginx) and
other work, from /proc over the process trees.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from playwright.async_api import async_playwright

from bench import servers
from bench.browser import CHROMIUM, CHROMIUM_ARGS, LOCAL, MARKS_JS, VIEWPORT
from dashboard import i18n

TOKEN = "bench-load-reviewer-token"
PAGES = (
    ("/", "chart"),
    ("/timeline", "chart"),
    ("/indicators", "chart"),
    ("/sources", "dataframe"),
    ("/present?step=2", "chart"),
)
# The h1 of each page once it has drawn (English, the default language): an in-app navigation
# is over when the new page's title, not the old one's, is on screen. /present has no h1; its
# own stylesheet hides the sidebar instead.
TITLES = {
    "/": i18n.t("map.title"),
    "/timeline": i18n.t("timeline.title"),
    "/indicators": i18n.t("indicators.title"),
    "/sources": i18n.t("src.title"),
    "/present": None,
}
PROFILES = {  # ramp: seconds over which the sessions arrive; think: (min, max) pause before a click
    "reader": {"ramp": 20.0, "think": (2.0, 5.0), "navigate": True},
    "worst": {"ramp": 0.0, "think": (0.0, 0.0), "navigate": False},
}
TIMEOUT_MS = 180_000
ARTICLES = servers.ROOT / "data" / "articles"
# Streamlit's client, opened on /sources, first probes /sources/_stcore/health and host-config,
# then falls back to the server root: a 404 it expects, not a fault of the app.
BENIGN_404 = re.compile(r"/[\w-]+/_stcore/(health|host-config)$")
ACCEPTED = re.compile(r"Accepted: (ingested-[\w-]+) is stored in " + re.escape(i18n.t("what.events")))
# What the reviewer fills in on a card before accepting it (bench: the same words every time).
FILLABLE = {i18n.t("field.summary"), i18n.t("field.reliability")}


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
        self.sessions: list[dict] = []  # each viewer's (t0, t1): how many were active at once
        self.reviewer_span: tuple[float, float] | None = None

    def watch(self, page, who: str):
        page.on("console", lambda m: self._console(who, m))
        # The page's URL tells which page (and query) the session was on when it broke.
        page.on(
            "pageerror",
            lambda e: self.errors.append(
                f"{who} pageerror on {page.url.split('//', 1)[-1].split('/', 1)[-1] or '/'}: {str(e)[:200]}"
            ),
        )
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
        cdp.on(
            "Network.webSocketFrameReceived",
            lambda e: self.received.append((e["timestamp"], len(e["response"].get("payloadData", "")))),
        )

    def reset(self):
        self.sent, self.received = [], []

    def server_ms(self) -> float | None:
        if not self.sent or not self.received:
            return None
        first = self.sent[0]
        after = [r for r in self.received if r[0] >= first]
        return (max(after, key=lambda r: r[1])[0] - first) * 1000 if after else None


# Installed just before a sidebar click: stamps performance.now() at the click (capture phase,
# before Streamlit's handler) and when the NEW page has drawn: the URL path is the target's,
# every chart and dataframe of the old page is gone from the DOM (Streamlit clears the old page
# on a page switch), the new page's h1 is shown (on /present: the sidebar is hidden by its
# stylesheet), no element is marked stale (data-stale="true", a rerun in progress) and a chart
# drawn after the click (or a dataframe canvas) is in the page. `doc` tells a full document load
# (which would start a new window object) from an in-app one.
NAV_JS = r"""
({path, title, mark}) => {
  const old = new Set(document.querySelectorAll('.js-plotly-plot, [data-testid="stDataFrame"]'));
  const w = {t0: null, done: null, doc: window.__bench};
  window.__nav = w;
  document.addEventListener('click', () => { if (w.t0 == null) w.t0 = performance.now(); },
                            {capture: true, once: true});
  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  // A chart of the old page that Streamlit's React tree keeps and redraws in place (same element
  // type at the same position) counts once the new page has redrawn it.
  const touched = new WeakSet();
  const fresh = el => (!old.has(el) || touched.has(el)) && !el.closest('[data-stale="true"]');
  const chartDrawn = () => {
    for (const plot of document.querySelectorAll('.js-plotly-plot')) {
      if (!fresh(plot) || !plot.querySelector('.main-svg')) continue;
      for (const p of plot.querySelectorAll('.geolayer path')) {
        const d = p.getAttribute('d'); if (d && d.length > 100) return true;
      }
      if (plot.querySelector('.cartesianlayer .plot path, .barlayer path')) return true;
    }
    return false;
  };
  const tableDrawn = () => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .some(df => fresh(df) && df.querySelector('canvas'));
  const titled = () => {
    if (title == null) {
      const bar = document.querySelector('[data-testid="stSidebar"]');
      return !bar || getComputedStyle(bar).display === 'none';
    }
    return [...document.querySelectorAll('h1')].some(h => h.textContent.trim().startsWith(title) && shown(h));
  };
  // When each condition first held, for a slow navigation's post-mortem.
  w.seen = {};
  const stamp = (k, ok) => { if (ok && w.seen[k] == null) w.seen[k] = performance.now() - w.t0; return ok; };
  w.check = () => {
    if (w.done != null || w.t0 == null) return;
    const conds = [stamp('path', location.pathname === path),
                   stamp('old_gone', ![...old].some(el => el.isConnected && !touched.has(el))),
                   stamp('none_stale', !document.querySelector('[data-stale="true"]')),
                   stamp('title', titled()),
                   stamp('drawn', mark === 'chart' ? chartDrawn() : tableDrawn())];
    if (conds.every(Boolean)) w.done = performance.now();
  };
  new MutationObserver(records => {
    if (w.t0 != null && w.seen.title != null) {  // the new page is arriving: redraws are its own
      for (const r of records) {
        const el = r.target.closest && r.target.closest('.js-plotly-plot, [data-testid="stDataFrame"]');
        if (el && old.has(el)) touched.add(el);
      }
    }
    w.check();
  }).observe(document, {childList: true, subtree: true, attributes: true,
                        attributeFilter: ['d', 'style', 'class', 'data-stale']});
}
"""


class Session:
    """How one viewer moves through the app: the pause before a click and the page order."""

    def __init__(self, n: int, profile: dict, seed: int):
        self.n = n
        self.profile = profile
        self.rng = random.Random(seed * 1000 + n)

    async def think(self):
        lo, hi = self.profile["think"]
        if hi > 0:
            await asyncio.sleep(self.rng.uniform(lo, hi))


async def viewer(
    browser,
    url: str,
    n: int,
    visits: int,
    log: Log,
    profile: dict | None = None,
    start: float = 0.0,
    seed: int = 0,
):
    profile = profile or PROFILES["worst"]
    session = Session(n, profile, seed)
    await asyncio.sleep(start)  # the ramp: this session arrives `start` seconds after the first
    who = f"viewer{n}"
    context, page = await new_page(browser, log, who)
    frames = Frames()
    await frames.attach(context, page)
    begun = time.perf_counter()
    where = None  # the page the session is on
    try:
        for k in range(visits):
            path, mark = PAGES[(n + k) % len(PAGES)]
            # By URL: the first visit (cold: empty HTTP cache), every visit of the worst profile,
            # and leaving /present (its sidebar is hidden). Otherwise a click in the sidebar.
            by_url = k == 0 or not profile["navigate"] or where is None or where.startswith("/present")
            kind = "cold" if k == 0 else "reload" if by_url else "nav"
            try:
                if k:
                    await session.think()
                t0 = time.perf_counter()
                frames.reset()
                if by_url:
                    await page.goto(url + path, wait_until="commit")
                    await page.wait_for_function(
                        f"() => window.__bench && window.__bench.{mark} != null", timeout=TIMEOUT_MS
                    )
                    ms = await page.evaluate(f"window.__bench.{mark}")
                    full, seen = True, {}
                else:
                    ms, full, seen = await navigate(page, url, path, mark)
                where = path
                log.loads.append(
                    {
                        "who": who,
                        "page": path,
                        "ms": ms,
                        "kind": kind,
                        "cold": k == 0,
                        "server_ms": frames.server_ms(),
                        "full_load": full,
                        "seen": seen,
                        "t0": t0,
                        "t1": time.perf_counter(),
                    }
                )
                if path == "/":
                    await session.think()
                    await move_slider(page, log, who)
                elif path == "/timeline":
                    await session.think()
                    await filter_country(page, log, who)
                await check_exceptions(page, log, who, path)
            except Exception as err:  # a timeout is a failed load: count it, go on
                log.errors.append(
                    f"{who} {path} ({kind}): {type(err).__name__}: {str(err).splitlines()[0][:400]}"
                )
                where = None  # unknown state: the next visit goes by URL
    finally:
        log.sessions.append({"who": who, "t0": begun, "t1": time.perf_counter()})
        await context.close()


async def navigate(page, url: str, path: str, mark: str) -> tuple[float, bool, dict]:
    """Click the sidebar link to `path`; ms from the click to the new page drawn, whether the
    browser loaded a new document (it should not: Streamlit switches pages in the app) and
    when each condition of the new page first held (ms after the click)."""
    target = path.split("?")[0]
    await page.evaluate(NAV_JS, {"path": target, "title": TITLES[target], "mark": mark})
    # Streamlit writes absolute hrefs: http://host:port/ for the default page, .../timeline...
    link = page.locator(
        f'[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"][href="{url}{target}"]'
    )
    await link.first.click()
    try:
        await page.wait_for_function(
            "() => { const w = window.__nav; if (!w) return true; w.check(); return w.done != null; }",
            timeout=TIMEOUT_MS,
        )
    except Exception as err:  # say which condition of the new page never held
        seen = await page.evaluate("(() => window.__nav ? window.__nav.seen : null)()")
        raise TimeoutError(
            f"{str(err).splitlines()[0]} (conditions met, ms after the click: {seen})"
        ) from err
    nav = await page.evaluate(
        "(() => { const w = window.__nav; return w ? {t0: w.t0, done: w.done, "
        "seen: w.seen, same: w.doc === window.__bench} : null; })()"
    )
    if nav is None or not nav["same"]:  # a full load replaced the window: timed by its marks
        await page.wait_for_function(
            f"() => window.__bench && window.__bench.{mark} != null", timeout=TIMEOUT_MS
        )
        return await page.evaluate(f"window.__bench.{mark}"), True, {}
    return nav["done"] - nav["t0"], False, nav["seen"]


async def move_slider(page, log: Log, who: str):
    """Three months back with the keyboard; done when the rerun has written the new date and
    sent every element again."""
    await page.wait_for_url(re.compile(r"date=\d{4}-\d{2}"), timeout=TIMEOUT_MS)
    before = re.search(r"date=([\d-]+)", page.url).group(1)
    t0 = time.perf_counter()
    slider = page.get_by_role("slider").first  # an <input type=range>, so no role attribute
    await slider.focus()
    for _ in range(3):
        await slider.press("ArrowLeft")
    await page.wait_for_url(lambda u: "date=" in u and f"date={before}" not in u, timeout=TIMEOUT_MS)
    await rerun_done(page)
    log.actions.append({"who": who, "action": "map date slider", "ms": (time.perf_counter() - t0) * 1000})


async def rerun_done(page):
    """The page writes its URL during the rerun, before its figure: wait until no element is
    stale any more (Streamlit marks those the running rerun has not sent again yet), then two
    frames for plotly to draw what arrived. Without it a slow rerun outlives the action."""
    await page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=TIMEOUT_MS)
    await page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


async def settle(page):
    """The rerun an action started has drawn everything (nothing stale, no running icon)."""
    await asyncio.sleep(0.3)
    await page.wait_for_function(
        '() => !document.querySelector(\'[data-stale="true"], [data-testid="stStatusWidgetRunningIcon"]\')',
        timeout=TIMEOUT_MS,
    )


async def filter_country(page, log: Log, who: str):
    t0 = time.perf_counter()
    await page.locator('[data-testid="stMultiSelect"]').first.click()
    await page.get_by_role("option", name="Niger").click()
    await page.keyboard.press("Escape")
    await page.wait_for_url(re.compile(r"country=NER"), timeout=TIMEOUT_MS)
    await page.wait_for_selector(".barlayer path", state="attached", timeout=TIMEOUT_MS)
    await rerun_done(page)
    log.actions.append(
        {"who": who, "action": "timeline country filter", "ms": (time.perf_counter() - t0) * 1000}
    )


async def reviewer(
    browser, url: str, files: list[Path], log: Log, profile: dict | None = None, seed: int = 0
):
    who = "reviewer"
    session = Session(-1, profile or PROFILES["worst"], seed)  # reads a candidate before accepting
    context, page = await new_page(browser, log, who)
    begun = time.perf_counter()
    try:
        await page.goto(url + "/sources")
        await page.get_by_label("Reviewer token", exact=True).fill(TOKEN)
        await page.keyboard.press("Enter")
        # The name the review log records: without it the queue offers cards but no decision.
        await page.get_by_role("textbox", name=i18n.t("src.reviewer_name")).fill("Load reviewer")
        await page.keyboard.press("Enter")
        # The article uploader (it takes .txt), not the WFP price file's beside it.
        upload = page.locator('[data-testid="stFileUploaderDropzoneInput"][accept*=".txt"]')
        for path in files:
            try:
                await session.think()
                await settle(page)  # after an extraction the uploader is drawn anew (a new key)
                t0 = time.perf_counter()
                await upload.set_input_files(str(path))
                await page.get_by_role("button", name="Extract candidates").click()
                result = page.get_by_text(re.compile(re.escape(path.name) + r": "))
                await result.first.wait_for(timeout=TIMEOUT_MS)
                log.uploads[path.name] = (await result.first.inner_text())[:120]
                log.actions.append(
                    {"who": who, "action": "upload + extract", "ms": (time.perf_counter() - t0) * 1000}
                )
                await check_exceptions(page, log, who, f"upload {path.name}")
                await session.think()
                t0 = time.perf_counter()
                await accept_first(page, log)
                log.actions.append(
                    {"who": who, "action": "accept (or reject)", "ms": (time.perf_counter() - t0) * 1000}
                )
            except Exception as err:
                log.errors.append(
                    f"{who} {path.name}: {type(err).__name__}: {str(err).splitlines()[0][:200]}"
                )
        # One last look at the page, so that every message of the last action has arrived.
        try:
            await page.goto(url + "/sources")
            await page.wait_for_function(
                "() => window.__bench && window.__bench.dataframe != null", timeout=TIMEOUT_MS
            )
        except Exception as err:  # a page that never drew is a finding: report it with the rest
            log.errors.append(
                f"{who} last look at /sources: {type(err).__name__}: {str(err).splitlines()[0][:200]}"
            )
    finally:
        log.reviewer_span = (begun, time.perf_counter())
        await context.close()


async def accept_first(page, log: Log):
    """Accept the first troop-event card that needs no more than a summary and a source grade
    (what a reviewer writes for every card: filled in here), rejecting the cards before it."""
    forms = page.locator('[data-testid="stForm"]')
    for _ in range(4):
        await settle(page)  # a rerun still drawing the queue would wipe what is typed into a card
        if await forms.count() == 0:
            return
        form = forms.first
        todo = form.get_by_text(re.compile("^" + re.escape(i18n.t("src.to_fill", fields=""))))
        missing = (await todo.first.inner_text()).split(": ", 1)[-1] if await todo.count() else ""
        fields = {f.strip() for f in missing.split(",") if f.strip()}
        event = await form.get_by_text(i18n.t("src.kind_event")).count()
        if event and fields <= FILLABLE:
            if i18n.t("field.summary") in fields:
                await form.get_by_label(i18n.t("field.summary")).fill("Load test: the article as reviewed.")
            if i18n.t("field.reliability") in fields:
                box = form.locator('[data-testid="stSelectbox"]').filter(has_text=i18n.t("field.reliability"))
                await box.first.locator("input").click()
                await page.keyboard.type(i18n.t("grade.outlet"))
                await page.get_by_role("option", name=i18n.t("grade.outlet"), exact=True).click()
            await form.get_by_role("button", name=i18n.t("src.accept")).click()
            outcome = page.get_by_text(re.compile(r"^(Accepted: ingested-|Not accepted)"))
            await outcome.first.wait_for(timeout=TIMEOUT_MS)
            found = ACCEPTED.search(await outcome.first.inner_text())
            if found:
                log.accepted.add(found.group(1))
                return
        # Not for this load test (another table, or fields it cannot answer): out of the queue.
        await form.get_by_role("button", name=i18n.t("src.reject")).click()
        await page.get_by_text(i18n.t("src.rejected")).first.wait_for(timeout=TIMEOUT_MS)


def _connect(db: Path | str):
    """The store after the server stopped: the DuckDB file read-only, or the PostgreSQL database."""
    if str(db).startswith(("postgresql://", "postgres://")):
        import psycopg

        return psycopg.connect(str(db), autocommit=True)
    return duckdb.connect(str(db), read_only=True)


def check_store(db: Path | str, log: Log) -> dict:
    """Read-only, after the server stopped: accepted events stored once, nothing else."""
    con = _connect(db)
    try:
        rows = con.execute("SELECT event_id, count(*) FROM ingested_events GROUP BY 1").fetchall()
        stored = {e: n for e, n in rows}
        cands = dict(con.execute("SELECT status, count(*) FROM candidates GROUP BY 1").fetchall())
        articles = con.execute("SELECT count(*), count(DISTINCT sha256) FROM articles").fetchone()
        linked = con.execute(
            "SELECT count(*) FROM candidates c JOIN ingested_events e "
            "USING (event_id) WHERE c.status = 'accepted'"
        ).fetchone()[0]
    finally:
        con.close()
    twice = sorted(e for e, n in stored.items() if n != 1)
    return {
        "accepted_seen": len(log.accepted),
        "events_stored": len(stored),
        "stored_more_than_once": twice,
        "accepted_but_missing": sorted(log.accepted - set(stored)),
        "stored_but_not_seen": sorted(set(stored) - log.accepted),
        "candidates": cands,
        "articles": articles[0],
        "distinct_articles": articles[1],
        "accepted_candidates_linked": linked,
        "ok": not twice
        and set(stored) == log.accepted
        and linked == len(stored)
        and articles[0] == articles[1],
    }


class TreeCpu:
    """CPU seconds of this process's descendants (Playwright's driver, Chromium and its
    renderers; `exclude` is the server), sampled from /proc every `every` seconds in a thread:
    Chromium's zygote may not reap its renderers into our rusage, so the tree is read live. A
    process's last sample counts; what it used after its last sample (under `every`) is lost."""

    def __init__(self, exclude: int, every: float = 0.5):
        import threading

        self.exclude, self.every = exclude, every
        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.tick = os.sysconf("SC_CLK_TCK")

    def _sample(self):
        parent, cpu = {}, {}
        for d in Path("/proc").iterdir():
            if not d.name.isdigit():
                continue
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parent[int(d.name)] = int(fields[1])
            cpu[int(d.name)] = (int(fields[11]) + int(fields[12])) / self.tick
        me = os.getpid()
        for pid in cpu:
            q, hops = pid, 0
            while q not in (0, 1, me, self.exclude) and hops < 64:
                q, hops = parent.get(q, 0), hops + 1
            if q == me and pid != me:
                self.seen[pid] = max(self.seen.get(pid, 0.0), cpu[pid])

    def _loop(self):
        while not self.stop.wait(self.every):
            self._sample()

    def __enter__(self):
        self._sample()
        self.base = dict(self.seen)  # descendants that already existed (none, normally)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    def seconds(self) -> float:
        return sum(v - self.base.get(pid, 0.0) for pid, v in self.seen.items())


def cpu_used() -> float:
    """User + system CPU seconds of this process and of its children that have been waited for."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def overlap(spans: list[tuple[float, float]], everyone: int) -> dict:
    """Most spans open at one instant, and for how long all `everyone` of them were open."""
    edges = sorted([(t0, 1) for t0, _ in spans] + [(t1, -1) for _, t1 in spans])
    most = open_ = 0
    full = 0.0
    since = None
    for t, d in edges:
        open_ += d
        most = max(most, open_)
        if open_ >= everyone and since is None:
            since = t
        elif open_ < everyone and since is not None:
            full += t - since
            since = None
    return {"max": most, "all_open_s": full}


def stats(rows: list[dict]) -> dict:
    vals = [x["ms"] for x in rows]
    srv = [x["server_ms"] for x in rows if x.get("server_ms") is not None]
    # The browser's share: whatever of the load was not the server's (rerun request → figure).
    rest = [x["ms"] - x["server_ms"] for x in rows if x.get("server_ms") is not None]
    return {
        "n": len(vals),
        "p50_ms": pct(vals, 0.5),
        "p95_ms": pct(vals, 0.95),
        "max_ms": max(vals, default=float("nan")),
        "server_p50_ms": pct(srv, 0.5),
        "server_p95_ms": pct(srv, 0.95),
        "rest_p50_ms": pct(rest, 0.5),
        "rest_p95_ms": pct(rest, 0.95),
    }


def start_server(tmp: Path, replicas: int, postgres: str | None):
    """The server under test: one dashboard process (replicas=0), or serve-replicas.sh N."""
    env = {"SAHEL_REVIEWER_TOKEN": TOKEN}
    if replicas == 0:
        return servers.dashboard(tmp, env | ({"SAHEL_DB": postgres} if postgres else {}))
    if postgres:
        env["SAHEL_DB"] = postgres
    return servers.replicas(tmp, replicas, env)


def server_log(server, tmp: Path) -> str:
    return server.log_text() if hasattr(server, "log_text") else (tmp / "server.log").read_text()


def cpu_parts(server) -> dict[str, float]:
    """CPU seconds so far by part of the server side: each replica and nginx (one part, the
    dashboard process, without the proxy)."""
    if hasattr(server, "split"):
        return {name: cpu for name, (cpu, _) in server.split().items()}
    return {"dashboard": server.cpu_seconds()}


async def run_async(
    url: str,
    sessions: int,
    visits: int,
    files: list[Path],
    log: Log,
    profile: dict | None = None,
    seed: int = 0,
):
    profile = profile or PROFILES["worst"]
    step = profile["ramp"] / sessions if sessions else 0.0
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await asyncio.gather(
                reviewer(browser, url, files, log, profile, seed),
                *(viewer(browser, url, n, visits, log, profile, n * step, seed) for n in range(sessions)),
            )
        finally:
            await browser.close()


def run(
    sessions: int = 20,
    visits: int = 5,
    articles: int = 8,
    log_fn=print,
    profile: str = "reader",
    ramp: float | None = None,
    think: tuple[float, float] | None = None,
    seed: int = 0,
    replicas: int = 0,
    postgres: str | None = None,
) -> dict:
    """`profile` sets the ramp (seconds over which the sessions arrive) and the think time
    (uniform pause before each click, min and max seconds); `ramp` and `think` override them.
    `replicas`: 0 for one dashboard process, N for N replicas behind nginx (serve-replicas.sh);
    `postgres`: the store's postgresql:// address (default: a DuckDB file in a temporary folder)."""
    prof = dict(PROFILES[profile])
    if ramp is not None:
        prof["ramp"] = ramp
    if think is not None:
        prof["think"] = tuple(think)
    files = sorted(
        p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md", ".html") and p.stem != "README"
    )[:articles]
    load_start = os.getloadavg()
    ru0 = cpu_used()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        server = start_server(tmp, replicas, postgres)
        log = Log()
        rss_before = server.rss_mb()
        cpu0, (busy0, total0) = server.cpu_seconds(), servers.machine_cpu()
        parts0 = cpu_parts(server)
        t0 = time.perf_counter()
        tree = TreeCpu(exclude=server.proc.pid)
        self0 = resource.getrusage(resource.RUSAGE_SELF)
        try:
            with tree:
                asyncio.run(run_async(server.url, sessions, visits, files, log, prof, seed))
        finally:
            self1 = resource.getrusage(resource.RUSAGE_SELF)
            wall = time.perf_counter() - t0
            rss_after = server.rss_mb()
            parts1 = cpu_parts(server)
            server_cpu = server.cpu_seconds() - cpu0
            server_cpu_total = server.cpu_seconds()  # from its start: it is in ru1's children
            busy1, total1 = servers.machine_cpu()
            load_end = os.getloadavg()
            server.stop()
            ru1 = cpu_used()
        store = check_store(postgres or tmp / "store.duckdb", log)
        server_errors = [
            line for line in server_log(server, tmp).splitlines() if "Traceback" in line or "Error" in line
        ][:20]
    generator = tree.seconds() + (self1.ru_utime + self1.ru_stime - self0.ru_utime - self0.ru_stime)
    ms = [x["ms"] for x in log.loads]
    cold = [x["ms"] for x in log.loads if x["cold"]]
    warm = [x["ms"] for x in log.loads if not x["cold"]]
    server_ms = [x["server_ms"] for x in log.loads if x.get("server_ms") is not None]
    per_page = {
        path: statistics.median([x["ms"] for x in log.loads if x["page"] == path])
        for path, _ in PAGES
        if any(x["page"] == path for x in log.loads)
    }
    by_kind = {
        kind: stats([x for x in log.loads if x["kind"] == kind])
        for kind in ("cold", "nav", "reload")
        if any(x["kind"] == kind for x in log.loads)
    }
    actions = {}
    for a in {x["action"] for x in log.actions}:
        vals = [x["ms"] for x in log.actions if x["action"] == a]
        actions[a] = {"n": len(vals), "p50_ms": pct(vals, 0.5), "p95_ms": pct(vals, 0.95)}
    viewer_actions = [x["ms"] for x in log.actions if x["who"] != "reviewer"]
    concurrency = {
        "sessions": overlap([(x["t0"], x["t1"]) for x in log.sessions], sessions),
        "loads_in_flight": overlap([(x["t0"], x["t1"]) for x in log.loads], sessions),
        "reviewer_s": (log.reviewer_span[1] - log.reviewer_span[0]) if log.reviewer_span else None,
        # Viewer seconds during which the reviewer was at work: ingestion under the readers.
        "viewer_s_during_ingest": sum(
            max(0.0, min(x["t1"], log.reviewer_span[1]) - max(x["t0"], log.reviewer_span[0]))
            for x in log.sessions
        )
        if log.reviewer_span
        else None,
    }
    result = {
        "target": f"serve-replicas.sh {replicas} (nginx)" if replicas else "one dashboard process",
        "replicas": replicas,
        "store_backend": "postgresql" if postgres else "duckdb",
        "profile": profile,
        "ramp_s": prof["ramp"],
        "think_s": list(prof["think"]),
        "navigate_in_app": prof["navigate"],
        "seed": seed,
        "sessions": sessions,
        "visits_each": visits,
        "wall_s": wall,
        "loads": len(ms),
        "expected_loads": sessions * visits,
        "p50_ms": pct(ms, 0.5),
        "p95_ms": pct(ms, 0.95),
        "max_ms": max(ms, default=float("nan")),
        "cold_p50_ms": pct(cold, 0.5),
        "cold_p95_ms": pct(cold, 0.95),
        "warm_p50_ms": pct(warm, 0.5),
        "warm_p95_ms": pct(warm, 0.95),
        "server_p50_ms": pct(server_ms, 0.5),
        "server_p95_ms": pct(server_ms, 0.95),
        "by_kind": by_kind,
        "full_loads_on_click": sum(1 for x in log.loads if x["kind"] == "nav" and x["full_load"]),
        "viewer_actions": {
            "n": len(viewer_actions),
            "p50_ms": pct(viewer_actions, 0.5),
            "p95_ms": pct(viewer_actions, 0.95),
        },
        "concurrency": concurrency,
        "median_by_page_ms": per_page,
        "actions": actions,
        "slowest_loads": [
            {k: x[k] for k in ("who", "page", "kind", "ms", "server_ms", "seen")}
            for x in sorted(log.loads, key=lambda x: -x["ms"])[:10]
        ],
        "errors": log.errors,
        "benign_404": log.benign,
        "outside_requests": log.outside,
        "server_log_errors": server_errors,
        "uploads": log.uploads,
        "store": store,
        "rss_before_mb": rss_before,
        "rss_after_mb": rss_after,
        "server_cpu_s": server_cpu,
        # The server side by part: each replica, nginx (and the launcher script, ~0).
        "server_cpu_parts_s": {k: v - parts0.get(k, 0.0) for k, v in parts1.items()},
        "machine_busy_s": busy1 - busy0,
        "machine_cpu_s": total1 - total0,
        # The load generator: Playwright's driver, Chromium and this process, sampled from /proc.
        # What the machine spent beyond it and the server was others' work.
        "generator_cpu_s": generator,
        "generator_reaped_cpu_s": ru1 - ru0 - server_cpu_total,  # a cross-check, may miss renderers
        "other_cpu_s": (busy1 - busy0) - server_cpu - generator,
        "loadavg_start": load_start,
        "loadavg_end": load_end,
    }
    kinds = ", ".join(
        f"{k} p50 {v['p50_ms']:.0f} / p95 {v['p95_ms']:.0f} ms (n {v['n']})" for k, v in by_kind.items()
    )
    log_fn(
        f"  load ({profile}, {result['target']}): {len(ms)} page loads, p50 {result['p50_ms']:.0f} ms, "
        f"p95 {result['p95_ms']:.0f} ms [{kinds}], at most {concurrency['sessions']['max']} sessions at once, "
        f"{len(log.errors)} errors, {len(log.accepted)} accepted, store ok: {store['ok']}"
    )
    busy = result["machine_busy_s"]
    parts = ", ".join(f"{k} {v:.0f}" for k, v in result["server_cpu_parts_s"].items())
    log_fn(
        f"  CPU over {wall:.0f} s: machine busy {busy:.0f} of {result['machine_cpu_s']:.0f} CPU-s; "
        f"browsers (Playwright + Chromium) {generator:.0f} ({generator / busy:.0%}), "
        f"server side {server_cpu:.0f} ({server_cpu / busy:.0%}: {parts}), "
        f"other {result['other_cpu_s']:.0f}"
    )
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="load test against a local server")
    ap.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        default="reader",
        help="reader: ramp-up, think time, sidebar navigation (default); "
        "worst: all at once, no pause, every visit a full page load",
    )
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--visits", type=int, default=5, help="page visits per viewer session")
    ap.add_argument("--articles", type=int, default=8, help="articles the reviewer uploads")
    ap.add_argument(
        "--ramp",
        type=float,
        default=None,
        help="seconds over which the sessions arrive, one every ramp/sessions s "
        "(profile default: reader 20, worst 0)",
    )
    ap.add_argument(
        "--think",
        default=None,
        help="MIN,MAX seconds of uniform pause before each click (reader 2,5; worst 0,0)",
    )
    ap.add_argument("--seed", type=int, default=0, help="seed of the think times")
    ap.add_argument(
        "--replicas",
        type=int,
        default=0,
        help="0: one dashboard process (default); N: scripts/serve-replicas.sh N, nginx in front",
    )
    ap.add_argument(
        "--postgres",
        action="store_true",
        help="the store in a throwaway PostgreSQL cluster (tests/pgserver.py); needed for --replicas > 1 "
        "unless SAHEL_DB is a postgresql:// address",
    )
    args = ap.parse_args(argv)
    if args.replicas < 0:
        ap.error("--replicas wants 0 or more")
    think = None
    if args.think is not None:
        lo, _, hi = args.think.partition(",")
        think = (float(lo), float(hi or lo))
        if think[0] < 0 or think[1] < think[0]:
            ap.error("--think wants MIN,MAX with 0 <= MIN <= MAX")
    env_db = os.environ.get("SAHEL_DB", "")
    postgres = env_db if env_db.startswith(("postgresql://", "postgres://")) else None
    if args.replicas > 1 and not (postgres or args.postgres):
        ap.error("--replicas > 1 needs the PostgreSQL store: add --postgres (or SAHEL_DB=postgresql://...)")
    cluster = None
    if args.postgres and not postgres:
        from tests.pgserver import PgServer

        cluster = PgServer().start()
        postgres = cluster.database()
    try:
        result = run(
            args.sessions,
            args.visits,
            args.articles,
            profile=args.profile,
            ramp=args.ramp,
            think=think,
            seed=args.seed,
            replicas=args.replicas,
            postgres=postgres,
            log_fn=lambda m: print(m, file=sys.stderr),
        )
    finally:
        if cluster is not None:
            cluster.stop()
    # The summary lines to stderr: stdout is the JSON alone.
    print(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
