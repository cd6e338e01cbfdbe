"""Security headers on every response of the running server (python -m dashboard.serve), the
metrics endpoint closed, and a Chromium that draws every page under that policy without a
single Content-Security-Policy violation and refuses to frame the app on another origin."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000

EXPECTED = {
    "x-frame-options": "SAMEORIGIN",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
PATHS = [
    "/",
    "/present",
    "/_stcore/health",
    "/_stcore/host-config",
    "/app/static/favicon.png",
    "/app/static/africa_50m.json",
    "/_stcore/metrics",
    "/no-such-page/x.js",
]


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def csp(headers: dict[str, str]) -> dict[str, list[str]]:
    out = {}
    for part in headers["content-security-policy"].split(";"):
        name, *values = part.split()
        out[name] = values
    return out


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(server, path):
    status, headers, _ = fetch(server + path)
    assert status in (200, 404)
    for name, value in EXPECTED.items():
        assert headers.get(name) == value, (path, name, headers.get(name))
    assert "permissions-policy" in headers and "camera=()" in headers["permissions-policy"]
    assert "strict-transport-security" not in headers  # plain http: no HSTS
    policy = csp(headers)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    # Scripts: this origin and hashes only; no inline script by default, no eval of JavaScript
    # (WebAssembly compilation only), no other host.
    assert policy["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert all(v.startswith("'sha256-") for v in policy["script-src"][2:])
    assert "'unsafe-inline'" not in policy["script-src"]
    assert set(policy["img-src"]) == {"'self'", "data:", "blob:"}
    assert set(policy["style-src"]) == {"'self'", "'unsafe-inline'"}
    for values in policy.values():
        assert not any(v.startswith(("http", "ws", "*")) or v == "'unsafe-eval'" for v in values)


def test_the_pages_and_static_files_are_still_served(server):
    status, headers, body = fetch(server + "/")
    assert status == 200 and b"<html" in body
    status, _, body = fetch(server + "/_stcore/health")
    assert status == 200 and body == b"ok"
    status, headers, body = fetch(server + "/app/static/favicon.png")
    assert status == 200 and body.startswith(b"\x89PNG")


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/_stcore/metrics/"])
def test_metrics_are_not_public(server, path):
    status, headers, body = fetch(server + path)
    assert status == 404
    assert b"session_events" not in body and b"# TYPE" not in body
    assert headers.get("x-content-type-options") == "nosniff"


RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  `${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.mark.parametrize(
    "path,ready",
    [
        ("/", ".scattergeo path.point"),
        ("/timeline", ".js-plotly-plot .main-svg"),
        ("/indicators", ".js-plotly-plot .main-svg"),
        ("/present", ".js-plotly-plot .main-svg"),
        ("/sources", '[data-testid="stDataFrame"]'),
    ],
)
def test_every_page_draws_without_a_policy_violation(server, page, path, ready):
    pg = page.page
    page.context.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    pg.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    pg.goto(server + path)
    pg.wait_for_selector(ready, timeout=TIMEOUT, state="attached")
    pg.wait_for_timeout(1500)  # late fonts, workers and images
    violations = pg.evaluate("window.__csp")
    assert violations == [], violations
    assert not [c for c in console if "Content Security Policy" in c or "Content-Security-Policy" in c]


def test_another_origin_cannot_frame_the_app(server, page):
    """A page on another origin (here an opaque about:blank document) embeds the app: Chromium
    refuses to render the frame (frame-ancestors 'self', X-Frame-Options SAMEORIGIN)."""
    pg = page.page
    console: list[str] = []
    pg.on("console", lambda m: console.append(m.text))
    pg.set_content(f'<iframe id="f" src="{server}/" width="800" height="600"></iframe>')
    pg.wait_for_timeout(4000)
    frame = next(f for f in pg.frames if f is not pg.main_frame)
    assert not frame.url.startswith(server), frame.url
    assert any(
        "frame-ancestors" in c or "X-Frame-Options" in c or "Refused to display" in c for c in console
    ), console


def _asgi(scope_extra: dict) -> tuple[int, dict[str, str]]:
    """One request through the launcher's middleware around a bare ASGI app, in process."""
    import asyncio
    import concurrent.futures

    from dashboard.ui.serve import SecurityHeaders

    async def inner(scope, receive, send):
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/plain"), (b"x-frame-options", b"ALLOWALL")],
            }
        )
        await send({"type": "http.response.body", "body": b"inner"})

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "path": "/",
        "raw_path": b"/",
        "query_string": b"",
        "headers": [],
        "root_path": "",
    } | scope_extra
    # In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, SecurityHeaders(inner)(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], {k.decode().lower(): v.decode() for k, v in start["headers"]}


def test_hsts_only_over_https_and_the_policy_replaces_what_the_app_sent():
    status, headers = _asgi({"scheme": "https"})
    assert status == 200 and headers["strict-transport-security"] == "max-age=31536000"
    assert headers["x-frame-options"] == "SAMEORIGIN"  # not the inner app's ALLOWALL
    _, plain = _asgi({"scheme": "http"})
    assert "strict-transport-security" not in plain


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/base/_stcore/metrics", "//_stcore/metrics/"])
def test_metrics_are_refused_under_any_base_path(path):
    status, headers = _asgi({"path": path, "raw_path": path.encode()})
    assert status == 404 and headers["x-content-type-options"] == "nosniff"


def test_uploads_are_refused_for_sessions_no_reviewer_signed_in():
    from dashboard import auth

    path = "/_stcore/upload_file/anon-session/file-1"
    status, _ = _asgi({"method": "PUT", "path": path, "raw_path": path.encode()})
    assert status == 403
    auth.UPLOADS.allow("reviewer-session")
    try:
        ok = "/_stcore/upload_file/reviewer-session/file-1"
        status, _ = _asgi({"method": "PUT", "path": ok, "raw_path": ok.encode()})
        assert status == 200  # passed on to Streamlit
        assert _asgi({"method": "GET", "path": path, "raw_path": path.encode()})[0] == 200
    finally:
        auth.UPLOADS.revoke("reviewer-session")
    assert not auth.UPLOADS.allows("reviewer-session")
