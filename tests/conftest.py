"""Shared fixtures. The e2e ones start a real server and a real headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_PREFIXES = (
    "http://localhost",
    "http://127.0.0.1",
    "ws://localhost",
    "ws://127.0.0.1",
    "data:",
    "blob:",
    "about:",
)


# The store tests run on both backends (issue 16): an embedded DuckDB file, and a real
# PostgreSQL cluster started for the session from Debian's packages (tests/pgserver.py).
BACKENDS = ("duckdb", "postgresql")


@pytest.fixture(scope="session")
def pg_server():
    from tests.pgserver import PgServer

    server = PgServer().start()
    yield server
    server.stop()


def _store_target(request, folder: Path) -> str:
    if request.param == "duckdb":
        return str(folder / "store.duckdb")
    return request.getfixturevalue("pg_server").database()


@pytest.fixture(params=BACKENDS)
def store_target(request, tmp_path) -> str:
    """Where a new, empty store goes: a DuckDB file or a new PostgreSQL database."""
    return _store_target(request, tmp_path)


@pytest.fixture(scope="module", params=BACKENDS)
def module_store_target(request, tmp_path_factory) -> str:
    return _store_target(request, tmp_path_factory.mktemp("store"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LAUNCHERS = {
    "serve": [sys.executable, "-m", "dashboard.serve"],
    "streamlit": [sys.executable, "-m", "streamlit", "run", "app.py"],
}


def start_server(
    tmp: Path, env_extra: dict | None = None, launcher: str = "serve"
) -> tuple[subprocess.Popen, str]:
    """The dashboard on a free port: through the project's launcher, or plain `streamlit run`."""
    port = free_port()
    env = os.environ | {"SAHEL_DB": str(tmp / "store.duckdb")} | (env_extra or {})
    log = open(tmp / "server.log", "w")
    proc = subprocess.Popen(
        LAUNCHERS[launcher]
        + ["--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"server did not start: {(tmp / 'server.log').read_text()[-2000:]}")


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    proc, url = start_server(tmp_path_factory.mktemp("server"))
    yield url
    proc.terminate()
    proc.wait(timeout=20)


REVIEWER_TOKEN = "e2e-reviewer-token-123"


@pytest.fixture(scope="module")
def review_server(tmp_path_factory):
    """A server of its own per test module, with a reviewer credential and an empty store."""
    proc, url = start_server(tmp_path_factory.mktemp("review"), {"SAHEL_REVIEWER_TOKEN": REVIEWER_TOKEN})
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """A Playwright page that refuses, and records, every request leaving localhost."""

    def __init__(self, browser, viewport=(1400, 1000)):
        self.context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]},
            accept_downloads=True,
            service_workers="block",
        )
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route):
        url = route.request.url
        if url.startswith(LOCAL_PREFIXES):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def close(self):
        self.context.close()


def wait_until(pg, expression: str, timeout: float = 45_000, every: float = 100):
    """Wait until `expression` (JavaScript) is true in the page. Playwright's wait_for_function
    evaluates a string inside the page, which the server's Content-Security-Policy rightly
    forbids (no 'unsafe-eval'); evaluate() goes through the browser's debugging protocol."""
    waited = 0.0
    while not pg.evaluate(f"() => Boolean({expression})"):
        if waited >= timeout:
            raise TimeoutError(f"still false after {timeout / 1000:.0f} s: {expression}")
        pg.wait_for_timeout(every)
        waited += every


def scroll_to_heading(pg, text: str, timeout: float = 45_000):
    """Scroll the heading that reads `text` into view, found and scrolled in one step inside
    the page: a Streamlit rerun may replace the element between a locator's lookup and its
    scroll."""
    import json

    wait_until(
        pg,
        "(h => h && (h.scrollIntoView(), true))(Array.from(document.querySelectorAll('h1,h2,h3,h4'))"
        f".find(e => e.innerText.trim() === {json.dumps(text)}))",
        timeout,
    )


_APP = "document.querySelector('[data-testid=\"stApp\"]')"


@contextmanager
def settled_rerun(pg, timeout: float = 45_000):
    """Wait, after the block, until the script run it started has ended, as a person waits for
    the page to settle: a file dropped while a run replaces the uploader is lost (seen under
    load, with two test workers). Streamlit marks its root with the run's state."""
    pg.evaluate(
        f"""() => {{ const app = {_APP}; window.__sahelRan = false;
        if (window.__sahelRuns) window.__sahelRuns.disconnect();
        window.__sahelRuns = new MutationObserver(() => {{
            if (app.dataset.testScriptState !== 'notRunning') window.__sahelRan = true; }});
        window.__sahelRuns.observe(app, {{attributes: true, attributeFilter: ['data-test-script-state']}}); }}"""
    )
    yield
    wait_until(pg, f"window.__sahelRan && {_APP}.dataset.testScriptState === 'notRunning'", timeout)


def sign_in_reviewer(pg, url: str, token: str = REVIEWER_TOKEN, name: str | None = "E2E reviewer"):
    """Open the Sources page as a reviewer: the token, then the name the review log records
    (`name=None` for a token that is expected to fail); each time, the page has settled."""
    pg.goto(url + "/sources")
    token_box = pg.get_by_label("Reviewer token", exact=True)
    token_box.fill(token)
    with settled_rerun(pg):
        token_box.press("Enter")
    if name is not None:
        name_box = pg.get_by_role("textbox", name="Your name (for the review log)")
        name_box.fill(name)
        with settled_rerun(pg):
            name_box.press("Enter")


def choose(scope, label: str, option: str, timeout: float = 45_000):
    """Pick `option` in the select box labelled `label` inside `scope`, as a person would."""
    box = scope.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    # A person scrolls the box into the middle first: at the viewport's edge its list would
    # open out of sight.
    box.evaluate("e => e.scrollIntoView({block: 'center'})")
    box.click()
    scope.page.get_by_role("option", name=option, exact=True).click(timeout=timeout)


def export_events_csv(pg, folder: Path, timeout: float):
    """Open the export panel, click the events CSV button as a person would, and read the
    downloaded file back (with its HXL row)."""
    from dashboard.views import export_reader

    pg.get_by_text("Export what is in view").click()
    with pg.expect_download(timeout=timeout) as dl:
        pg.get_by_role("button", name="Events: CSV (HXL)").click()
    path = folder / "events.csv"
    dl.value.save_as(path)
    return export_reader.read_csv(path)


@pytest.fixture
def page(browser, request):
    p = Page(browser)
    yield p
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        p.page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    finally:
        p.close()
    assert p.outside == [], f"requests left localhost: {p.outside}"


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups into the test ids
def pytest_collection_modifyitems(config, items):
    """Groups for the two workers of scripts/test.sh (--dist loadgroup): the browser tests are
    one group, run one after another on one worker, so that no two servers and Chromiums
    compete for the two cores (races hidden on an idle machine showed up under that load);
    every other module is a group of its own, so its module fixtures start once."""
    for item in items:
        group = "browser" if item.get_closest_marker("e2e") else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


def pytest_sessionfinish(session, exitstatus):
    session.config.sahel_exitstatus = int(exitstatus)


def pytest_unconfigure(config):
    """End the process right after pytest's own summary.

    DuckDB's bindings print a reference-leak report while the interpreter shuts down, below
    pytest's closing line; exiting here keeps that line last for whoever reads the log.
    """
    if hasattr(config, "sahel_exitstatus") and not hasattr(config, "workerinput"):
        # (an xdist worker ends as xdist says: its last report must reach the controller)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(config.sahel_exitstatus)
