"""A local HTTP server standing in for the news sites in feed tests: it serves the recorded
feeds and pages of tests/fixtures/feeds/site (with `{host}` replaced by its own address),
answers conditional requests with 304, and has the faults the web has: a 500, a timeout, a
redirect loop and a 20 MB page. It counts the requests it answered, per path."""

from __future__ import annotations

import collections
import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

SITE = Path(__file__).parent / "fixtures" / "feeds" / "site"
HUGE_BYTES = 20 * 1024 * 1024
TYPES = {
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".xml": "application/xml",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
}


class FeedServer:
    def __init__(self, site: Path = SITE, slow_seconds: float = 0.0):
        self.site = Path(site)
        self.slow_seconds = slow_seconds  # every page (not feed) waits this long: for kill tests
        self.hits: collections.Counter = collections.Counter()
        self.extra: dict[str, bytes] = {}  # path -> body served as-is (generated feeds)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                self.do_GET()

            def do_GET(self):
                path = urlsplit(self.path).path
                server.hits[path] += 1
                if path == "/status/500":
                    return self._send(500, b"server error", "text/plain")
                if path == "/timeout":
                    time.sleep(5)
                    return self._send(200, b"late", "text/plain")
                if path == "/loop":
                    self.send_response(302)
                    self.send_header("Location", "/loop")
                    self.end_headers()
                    return None
                if path == "/huge":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()  # no length: the client must count as it reads
                    chunk = b"<p>" + b"x" * 65_000 + b"</p>"
                    try:
                        for _ in range(HUGE_BYTES // len(chunk) + 1):
                            self.wfile.write(chunk)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return None
                body = server.extra.get(path)
                if body is None:
                    file = (server.site / path.lstrip("/")).resolve()
                    if not file.is_file() or server.site.resolve() not in file.parents:
                        return self._send(404, b"not found", "text/plain")
                    body = file.read_bytes().replace(b"{host}", server.host.encode())
                    if path.startswith("/pages/") and server.slow_seconds:
                        time.sleep(server.slow_seconds)
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    server.hits["304:" + path] += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return None
                return self._send(200, body, TYPES.get(Path(path).suffix, "text/plain"), etag)

            def _send(self, status, body, ctype, etag=None):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to answer

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.host = f"127.0.0.1:{self.httpd.server_address[1]}"
        self.url = f"http://{self.host}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
