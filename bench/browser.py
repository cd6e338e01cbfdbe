"""Page timings, transferred bytes and server memory, in headless Chromium (Playwright, sync).

Times are read inside the page: an init script watches the DOM and stamps performance.now()
(milliseconds since the navigation started) when the first plotly chart has drawn paths in its
svg, when a dataframe's canvas exists, when the h1 title and when the "Confirmed ≤ 12 months" headline
are laid out. Bytes come from the DevTools protocol: encodedDataLength of every HTTP response
(what crossed the wire, 0 for the browser cache) and the payload of every websocket frame the
server sent (Streamlit sends elements, figures included, over its websocket).
"""

from __future__ import annotations

import statistics
import time

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# The tests' no-network flags, plus a resolver that knows no host but 127.0.0.1: requests are
# not routed through Playwright, because routing turns Chromium's HTTP cache off and the warm
# (reload) figures would then be cold ones.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1400, "height": 1000}
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")
TIMEOUT_MS = 120_000

MARKS_JS = r"""
(() => {
  const marks = {};
  window.__bench = marks;
  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const chartDrawn = () => {
    const plot = document.querySelector('.js-plotly-plot .main-svg');
    if (!plot) return false;
    for (const p of document.querySelectorAll('.js-plotly-plot .geolayer path')) {
      const d = p.getAttribute('d'); if (d && d.length > 100) return true;  // topology drawn
    }
    return !!document.querySelector('.js-plotly-plot .cartesianlayer .plot path, .js-plotly-plot .barlayer path');
  };
  const check = () => {
    const now = performance.now();
    if (marks.chart == null && chartDrawn()) marks.chart = now;
    if (marks.dataframe == null && document.querySelector('[data-testid="stDataFrame"] canvas')) marks.dataframe = now;
    if (marks.title == null) { const h = document.querySelector('h1'); if (h && h.textContent.trim() && shown(h)) marks.title = now; }
    if (marks.headline == null) {
      for (const el of document.querySelectorAll('[data-testid="stMetricLabel"]')) {
        if (el.textContent.includes('Confirmed ≤ 12 months') && shown(el)) { marks.headline = now; break; }
      }
    }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true, attributes: true,
                                                 attributeFilter: ['d', 'style', 'class']});
})();
"""


class Meter:
    """One browser context with the marks script and byte counters."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport=VIEWPORT, service_workers="block")
        self.context.add_init_script(MARKS_JS)
        self.outside: list[str] = []
        self.page = self.context.new_page()
        self.page.on("request", self._request)
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Network.enable")
        self.http = self.ws = self.requests = 0
        self.last_event = time.monotonic()
        self.cdp.on("Network.loadingFinished", self._http)
        self.cdp.on("Network.webSocketFrameReceived", self._frame)
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.doc_ts = None
        self.frames: list[tuple[float, int]] = []

    def _request(self, request):
        if not request.url.startswith(LOCAL):  # the resolver refuses it; report it anyway
            self.outside.append(request.url)

    def _http(self, event):
        self.http += int(event.get("encodedDataLength", 0))
        self.requests += 1
        self.last_event = time.monotonic()

    def _sent(self, event):
        if event.get("type") == "Document":  # the navigation: frame times count from here
            self.doc_ts = event["timestamp"]

    def _frame(self, event):
        resp = event.get("response", {})
        data = resp.get("payloadData", "")
        # Binary frames (opcode 2) arrive base64-encoded: count the decoded size.
        size = len(data) * 3 // 4 if resp.get("opcode") == 2 else len(data.encode())
        self.ws += size
        if self.doc_ts is not None:
            self.frames.append(((event["timestamp"] - self.doc_ts) * 1000, size))
        self.last_event = time.monotonic()

    def reset(self):
        self.http = self.ws = self.requests = 0
        self.frames, self.doc_ts = [], None

    def frame_times(self) -> dict:
        """When the server's first, largest (the figure, on chart pages) and last frames came."""
        if not self.frames:
            return {}
        biggest = max(self.frames, key=lambda f: f[1])
        return {
            "ws_first_ms": self.frames[0][0],
            "ws_biggest_ms": biggest[0],
            "ws_biggest_bytes": biggest[1],
            "ws_last_ms": self.frames[-1][0],
        }

    def wait_quiet(self, quiet: float = 1.0, cap: float = 20.0):
        """Until no byte has arrived for `quiet` seconds: the page has everything it wants."""
        end = time.monotonic() + cap
        while time.monotonic() < end and time.monotonic() - self.last_event < quiet:
            self.page.wait_for_timeout(100)

    def load(self, url: str, mark: str, reload: bool = False) -> dict:
        self.reset()
        if reload:
            self.page.reload(wait_until="commit")
        else:
            self.page.goto(url, wait_until="commit")
        self.page.wait_for_function(
            f"() => window.__bench && window.__bench.{mark} != null", timeout=TIMEOUT_MS
        )
        marks = self.page.evaluate("({...window.__bench})")
        self.wait_quiet()
        errors = self.page.locator('[data-testid="stException"]').count()
        return {
            "ms": marks[mark],
            "marks": marks,
            "http_bytes": self.http,
            "ws_bytes": self.ws,
            "requests": self.requests,
            "exceptions": errors,
            **self.frame_times(),
        }

    def close(self):
        self.context.close()


def launch(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def page_timings(targets: list[tuple[str, str, str]], reps: int = 3, log=print) -> dict:
    """targets: (label, url, mark). Cold = new context; warm = reload in that context.
    Rounds interleave the targets so that drift on a busy machine hits all of them alike."""
    out: dict[str, dict] = {label: {"cold": [], "warm": []} for label, _, _ in targets}
    with sync_playwright() as p:
        browser = launch(p)
        try:
            for label, url, mark in targets:  # warm-up: server caches, first imports
                m = Meter(browser)
                try:
                    m.load(url, mark)
                except Exception as err:  # reported below, in the rounds
                    log(f"  warm-up of {label} failed: {type(err).__name__}")
                finally:
                    m.close()
            for rep in range(reps):
                for label, url, mark in targets:
                    m = Meter(browser)
                    try:
                        out[label]["cold"].append(m.load(url, mark))
                        out[label]["warm"].append(m.load(url, mark, reload=True))
                        out[label].setdefault("outside", []).extend(m.outside)
                        log(
                            f"  round {rep + 1}: {label} cold {out[label]['cold'][-1]['ms']:.0f} ms, "
                            f"warm {out[label]['warm'][-1]['ms']:.0f} ms"
                        )
                    except Exception as err:  # one failed load must not lose the others
                        out[label].setdefault("errors", []).append(f"{type(err).__name__}: {str(err)[:200]}")
                        log(f"  round {rep + 1}: {label} failed: {type(err).__name__}")
                    finally:
                        m.close()
        finally:
            browser.close()
    return out


def median_of(runs: list[dict], key: str = "ms") -> float:
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else float("nan")


def memory_growth(
    server, url: str, sessions: int = 50, batch: int = 10, settle: float = 0, log=print
) -> dict:
    """Server RSS before and after `sessions` browser contexts open the page, `batch` at a
    time (all loading at once), each closed once its map has drawn."""
    with sync_playwright() as p:
        browser = launch(p)
        try:
            warm = Meter(browser)  # the first session loads the tables: not per-session growth
            warm.load(url, "chart")
            warm.close()
            time.sleep(1)
            before = server.rss_mb()
            peak = before
            for start in range(0, sessions, batch):
                meters = [Meter(browser) for _ in range(min(batch, sessions - start))]
                for m in meters:
                    m.page.goto(url, wait_until="commit")
                for m in meters:
                    m.page.wait_for_function(
                        "() => window.__bench && window.__bench.chart != null", timeout=TIMEOUT_MS
                    )
                peak = max(peak, server.rss_mb())
                for m in meters:
                    m.close()
                log(f"  {start + len(meters)} sessions: RSS {server.rss_mb():.0f} MB")
            time.sleep(2)
            after = server.rss_mb()
            settled = None
            if settle:
                time.sleep(settle)  # past server.disconnectedSessionTTL: closed sessions dropped
                settled = server.rss_mb()
        finally:
            browser.close()
    return {
        "before": before,
        "peak": peak,
        "after": after,
        "settled": settled,
        "settle_s": settle,
        "sessions": sessions,
        "batch": batch,
    }
