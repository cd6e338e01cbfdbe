"""scripts/serve-replicas.sh with one replica on DuckDB, through Debian's nginx, in headless
Chromium: the map page draws, Streamlit's hashed JavaScript comes gzip-compressed with a year's
cache lifetime while index.html is revalidated, the websocket carries the session, the sticky
cookie is set, the replica names itself, and SIGTERM to the script leaves no process behind."""

from __future__ import annotations

import gzip
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT, free_port
from tests.replicas import SCRIPT, alive, children, command, start

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000
YEAR = "max-age=31536000"

# nginx comes with scripts/system_packages.sh (which scripts/test.sh runs): a machine without it
# fails these tests, it does not skip them.


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("proxy")
    server = start(tmp, 1)
    yield {"proc": server.proc, "url": server.url, "tmp": tmp, "out": server.log}
    server.stop()


def get(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=20) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def test_more_than_one_replica_on_duckdb_is_refused(tmp_path):
    env = os.environ | {"SAHEL_DB": str(tmp_path / "store.duckdb"), "SAHEL_VAR": str(tmp_path / "var")}
    done = subprocess.run(
        ["bash", str(SCRIPT), "2", str(free_port())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "postgresql://" in done.stderr and "DuckDB lets one process write" in done.stderr
    assert not (tmp_path / "var" / "replicas").exists()  # refused before starting anything


def test_the_map_page_draws_through_the_proxy(proxy, page):
    pg = page.page
    sockets: list[dict] = []

    def on_socket(ws):
        seen = {"url": ws.url, "received": 0}
        sockets.append(seen)
        ws.on("framereceived", lambda _payload: seen.update(received=seen["received"] + 1))

    pg.on("websocket", on_socket)
    pg.goto(proxy["url"] + "/?date=2024-01")
    # The headline is plain text above the map, then the map itself with its markers.
    pg.get_by_text("Confirmed ≤ 12 months").first.wait_for(timeout=TIMEOUT)
    assert pg.get_by_text("January 2024").first.is_visible()
    pg.wait_for_selector(".scattergeo path.point", state="attached", timeout=TIMEOUT)
    assert pg.locator("path.choroplethlocation").count() == 14
    # Everything the page drew came over the proxied websocket.
    streams = [s for s in sockets if s["url"].startswith(proxy["url"].replace("http", "ws", 1))]
    assert streams and streams[0]["url"].endswith("/_stcore/stream"), sockets
    assert streams[0]["received"] > 0
    cookie = next(c for c in page.context.cookies() if c["name"] == "sahel_replica")
    assert re.fullmatch(r"[0-9a-f]{32}", cookie["value"]) and cookie["httpOnly"]
    # A session keeps its cookie: later answers set no new one.
    status, headers, _ = get_with_cookie(proxy["url"] + "/", f"sahel_replica={cookie['value']}")
    assert status == 200 and "set-cookie" not in headers


def get_with_cookie(url: str, cookie: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=20) as r:
        return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()


def test_static_javascript_is_gzipped_and_cached_for_a_year(proxy):
    url = proxy["url"]
    status, headers, body = get(url + "/")
    assert status == 200
    # index.html: compressed, revalidated on every visit (it names the bundles of this Streamlit).
    assert headers.get("content-encoding") == "gzip"
    assert YEAR not in headers.get("cache-control", "") and "immutable" not in headers.get(
        "cache-control", ""
    )
    assert headers["x-sahel-replica"] == "replica-1"
    assert headers["x-content-type-options"] == "nosniff"  # the replica's own headers pass through
    assert re.fullmatch(r"sahel_replica=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Lax", headers["set-cookie"])
    html = gzip.decompress(body).decode()
    scripts = re.findall(r'src="\.?/?(static/js/[^"]+\.js)"', html)
    assert scripts, html[:2000]
    status, headers, body = get(f"{url}/{scripts[0]}")
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert headers["cache-control"] == f"public, {YEAR}, immutable"
    assert len(gzip.decompress(body)) > 2.5 * len(body)
    # Not gzip for a client that does not ask for it; the same year either way.
    status, headers, plain = get(f"{url}/{scripts[0]}", gzip_ok=False)
    assert "content-encoding" not in headers and plain == gzip.decompress(body)
    assert headers["x-cache-status"] == "HIT"  # from nginx's own copy, still kept a year
    assert headers["cache-control"] == f"public, {YEAR}, immutable"
    # Neither Streamlit's endpoints nor the app's own files (not content-hashed) get the year.
    for path in ("/_stcore/health", "/_stcore/host-config", "/app/static/africa_50m.json", "/timeline"):
        status, headers, _ = get(url + path)
        assert status == 200, path
        assert YEAR not in headers.get("cache-control", ""), (path, headers.get("cache-control"))
    status, headers, _ = get(url + "/app/static/africa_50m.json")
    assert headers.get("content-encoding") == "gzip"


def test_a_missing_bundle_is_never_cached(proxy):
    """Only the bundle itself is kept a year: an error answer cached as immutable would break
    every later visit of that browser."""
    status, headers, _ = get(proxy["url"] + "/static/js/nothere.ABCDEFGH.js")
    assert status == 200 and headers["content-type"].startswith("text/html")  # Streamlit's page
    assert headers["cache-control"] == "no-store"


def test_logs_and_secret_live_under_var(proxy):
    var = proxy["tmp"] / "var"
    secret = var / "cookie_secret"
    assert secret.stat().st_mode & 0o777 == 0o600 and len(secret.read_text().strip()) >= 32
    logs = var / "replicas"
    assert (logs / "replica-1.log").exists()
    assert '"GET / HTTP/1.1" 200' in (logs / "nginx-access.log").read_text()
    pid_lines = (logs / "pids").read_text().split("\n")
    assert any(line.startswith("replica-1 ") for line in pid_lines)
    assert any(line.startswith("nginx ") for line in pid_lines)


def test_sigterm_stops_nginx_and_every_replica(proxy):
    """Last in this module: it stops the fixture's server."""
    proc = proxy["proc"]
    tree = children(proc.pid)
    commands = [command(p) for p in tree]
    assert any("dashboard.serve" in c for c in commands), commands
    assert sum("nginx" in c for c in commands) >= 2, commands  # the master and a worker
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    assert proc.returncode == 0, proxy["out"].read_text()[-2000:]
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(alive(p) for p in tree):
        time.sleep(0.1)
    left = [(p, command(p)) for p in tree if alive(p)]
    assert left == [], left
    assert "stopped" in proxy["out"].read_text()
    with pytest.raises(OSError):
        urllib.request.urlopen(proxy["url"] + "/_stcore/health", timeout=3)


@pytest.fixture(scope="module")
def two_replicas(tmp_path_factory, pg_server):
    """serve-replicas.sh 2 on the session's throwaway PostgreSQL cluster (tests/pgserver.py)."""
    tmp = tmp_path_factory.mktemp("two")
    server = start(tmp, 2, {"SAHEL_DB": pg_server.database()})
    try:
        yield {"proc": server.proc, "url": server.url, "tmp": tmp, "out": server.log}
    finally:
        server.stop()


def replica_for(url: str, cookie: str) -> str:
    return get_with_cookie(url + "/", f"sahel_replica={cookie}")[1]["x-sahel-replica"]


def test_two_replicas_keep_each_session_on_one(two_replicas, browser):
    """Each cookie keeps its replica, the cookies spread over both, and a browser's page and
    websocket reach the replica its cookie names."""
    from tests.conftest import Page

    url = two_replicas["url"]
    cookies = [f"{i:032x}" for i in range(0, 2**128, 2**124)][:16]
    seen = {c: {replica_for(url, c) for _ in range(3)} for c in cookies}
    assert all(len(names) == 1 for names in seen.values()), seen
    assert {n for names in seen.values() for n in names} == {"replica-1", "replica-2"}, seen
    access = two_replicas["tmp"] / "var" / "replicas" / "nginx-access.log"
    for _ in range(2):  # two browsers: each its own cookie, its websocket on that cookie's replica
        p = Page(browser)
        try:
            p.page.goto(url + "/?date=2024-01")
            p.page.get_by_text("Confirmed ≤ 12 months").first.wait_for(timeout=TIMEOUT)
            p.page.wait_for_selector(".scattergeo path.point", state="attached", timeout=TIMEOUT)
            cookie = next(c for c in p.context.cookies() if c["name"] == "sahel_replica")["value"]
            expected = replica_for(url, cookie)
            assert p.outside == []
        finally:
            p.close()
        deadline = time.monotonic() + 10  # nginx logs a websocket once it has closed
        while time.monotonic() < deadline and "/_stcore/stream" not in access.read_text():
            time.sleep(0.1)
        streams = [line for line in access.read_text().splitlines() if "/_stcore/stream" in line]
        assert streams and f"replica={expected}" in streams[-1], (expected, streams)
        access.write_text("")  # nginx appends: the next browser's lines alone
