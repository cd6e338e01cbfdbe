"""`python -m dashboard.serve [--section.option value ...]`: serve app.py with security headers.

The server is Streamlit's own (Starlette under uvicorn), started through Streamlit's public
ASGI entry point `st.App` (`streamlit.starlette.App`), whose `middleware=` argument wraps every
HTTP response, Streamlit's included. Streamlit has no config option for response headers or
for the metrics endpoint (see `streamlit config show`), so the one middleware here:

- adds a Content-Security-Policy (only this origin: Streamlit's scripts and the one inline
  script of its index.html by hash, WebAssembly compilation but no eval, inline styles,
  same-origin websocket, data:/blob: images and workers for plotly), frame-ancestors and
  X-Frame-Options, X-Content-Type-Options, Referrer-Policy, Permissions-Policy,
  Cross-Origin-Opener/Resource-Policy, and HSTS when the request came over https;
- answers 404 to `/_stcore/metrics` (Streamlit's frontend never asks for it).

Flags are Streamlit's config options, as for `streamlit run` (`--server.port 8502` or
`--server.port=8502`, values read as TOML literals); they go to `App.run(config=...)`, which
refuses unknown options. `uvicorn dashboard.ui.serve:app` serves the same app (config from
.streamlit/config.toml and STREAMLIT_* variables).

Playwright: under this policy `page.wait_for_function` needs a function ("() => ..."); a bare
expression string is run with eval() in the page, which the policy refuses.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import sys
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

import streamlit as st
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from streamlit.errors import StreamlitAPIException

from dashboard import auth

APP = Path(__file__).resolve().parents[2] / "app.py"
BLOCKED_SUFFIXES = ("/_stcore/metrics",)
UPLOAD_ROUTE = re.compile(r"/_stcore/upload_file/([^/]+)(?:/|$)")


def _inline_script_hashes() -> list[str]:
    """CSP hashes of the inline <script> blocks of Streamlit's index.html (one, which sets
    window.prerenderReady), read from the installed package so an upgrade cannot skew them."""
    index = Path(st.__file__).resolve().parent / "static" / "index.html"
    try:
        page = index.read_text(encoding="utf-8")
    except OSError:
        return []
    bodies = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, flags=re.S)
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(b.encode('utf-8')).digest()).decode()}'"
        for b in bodies
        if b.strip()
    ]


def content_security_policy() -> str:
    directives = {
        "default-src": ["'self'"],
        # wasm-unsafe-eval: Streamlit's protobuf bundle compiles Long.js's small WebAssembly
        # module for 64-bit arithmetic (it falls back to JS if refused, with a violation report).
        # It allows compiling WebAssembly only, not eval() of JavaScript.
        "script-src": ["'self'", "'wasm-unsafe-eval'", *_inline_script_hashes()],
        # Streamlit (emotion) and plotly write <style> elements and style attributes at run time.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "media-src": ["'self'", "data:", "blob:"],
        # 'self' covers ws:/wss: to this host and port (CSP level 3).
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "frame-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": content_security_policy(),
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
HSTS = "max-age=31536000"


class SecurityHeaders:
    """ASGI middleware: security headers on every HTTP response; 404 for blocked paths."""

    def __init__(
        self,
        app,
        headers: Mapping[str, str] = SECURITY_HEADERS,
        blocked_suffixes: Iterable[str] = BLOCKED_SUFFIXES,
    ):
        self.app = app
        self.headers = dict(headers)
        self.blocked = tuple(blocked_suffixes)

    def _add(self, message, scope) -> None:
        headers = MutableHeaders(scope=message)
        for name, value in self.headers.items():
            headers[name] = value
        if scope.get("scheme") == "https":
            headers["Strict-Transport-Security"] = HSTS

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                self._add(message, scope)
            await send(message)

        path = scope.get("path", "").rstrip("/")
        if path.endswith(self.blocked):
            await PlainTextResponse("Not Found", status_code=404)(scope, receive, send_with_headers)
            return
        upload = UPLOAD_ROUTE.search(path)
        if upload and scope.get("method") in ("PUT", "POST") and not auth.UPLOADS.allows(upload[1]):
            await PlainTextResponse("Uploads are for signed-in reviewers.", status_code=403)(
                scope, receive, send_with_headers
            )
            return
        await self.app(scope, receive, send_with_headers)


def _log_dashboard() -> None:
    """Show the project's own log lines (logger "dashboard", e.g. "dashboard.auth": refused
    reviewer tokens and lockouts) in the server log, timestamped like Streamlit's."""
    logger = logging.getLogger("dashboard")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


_app: st.App | None = None


def make_app() -> st.App:
    """The one st.App of this process: app.py behind the security middleware."""
    global _app
    if _app is None:
        _app = st.App(APP, middleware=[Middleware(SecurityHeaders)])
    return _app


def __getattr__(name: str):
    """`dashboard.ui.serve:app` for uvicorn, built on first use: importing this module (tests do,
    for SecurityHeaders) sets no Streamlit state."""
    if name == "app":
        return make_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _value(text: str):
    """A flag's value as TOML reads it (8502, 0.5, true, ["a", "b"]), else the text itself:
    `--server.address 127.0.0.1` stays a string; quote a string that looks like a number."""
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def parse_flags(argv: list[str]) -> dict:
    """`--section.option value` / `--section.option=value` into App.run's config mapping.

    Streamlit's config is not read here (a first parse before App.run's own would make it log
    a spurious "[server] section changed"); App.run refuses unknown and sensitive options."""
    flags: dict = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("--") or arg == "--" or "." not in arg:
            raise SystemExit(
                f"dashboard.serve: unexpected argument {arg!r} "
                "(only --section.option value flags are accepted)"
            )
        key, eq, value = arg[2:].partition("=")
        if not eq:
            if i + 1 >= len(argv):
                raise SystemExit(f"dashboard.serve: --{key} needs a value")
            i += 1
            value = argv[i]
        flags[key] = _value(value)
        i += 1
    return flags


def main() -> int:
    flags = parse_flags(sys.argv[1:])
    _log_dashboard()
    # App.run anchors the script-level config, sys.path and the script's argv on sys.argv[0]:
    # app.py, exactly as `streamlit run app.py` does.
    sys.argv = [str(APP)]
    try:
        make_app().run(config=flags)
    except StreamlitAPIException as exc:  # an unknown or sensitive option among the flags
        raise SystemExit(f"dashboard.serve: {exc}") from None
    return 0


if __name__ == "__main__":
    sys.exit(main())
