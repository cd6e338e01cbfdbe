"""A polite HTTP client for feeds and article pages: conditional requests (ETag,
If-Modified-Since), a timeout, a wait between two requests to one host, a size cap read as it
streams in (a 20 MB page is cut off, not held in memory), and a bounded number of redirects.

Every failure is a FetchError whose `reason` is short and stable enough for the fetch log:
"HTTP 500", "timeout", "redirect loop", "too big", "connection: ...".
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from dashboard import config
from dashboard.errors import DashboardError

USER_AGENT = "SahelPresenceMonitor/1.0 (humanitarian news monitor; polite, conditional requests)"


class FetchError(DashboardError):
    """One request that gave nothing usable; `reason` is what the fetch log shows."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class Answer:
    url: str  # after redirects
    status: int  # 200, or 304 when the resource has not changed
    body: bytes
    etag: str | None = None
    modified: str | None = None
    content_type: str = ""


class Client:
    """One per fetch run: a session (kept-alive connections) and the last request per host."""

    def __init__(
        self,
        timeout: float = config.FETCH_TIMEOUT,
        host_interval: float = config.FETCH_HOST_INTERVAL,
        max_bytes: int = config.FETCH_MAX_BYTES,
    ):
        self.timeout, self.host_interval, self.max_bytes = timeout, host_interval, max_bytes
        self.session = requests.Session()
        self.session.max_redirects = config.FETCH_MAX_REDIRECTS
        self.session.headers["User-Agent"] = USER_AGENT
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        with self._lock:
            wait = self._last.get(host, -1e9) + self.host_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last[host] = time.monotonic()

    def get(
        self,
        url: str,
        etag: str | None = None,
        modified: str | None = None,
        json_body: dict | None = None,
    ) -> Answer:
        """GET (or POST `json_body`) `url`; FetchError for anything but a 200 or a 304."""
        self._wait_turn(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        try:
            method = self.session.post if json_body is not None else self.session.get
            with method(url, headers=headers, json=json_body, timeout=self.timeout, stream=True) as r:
                if r.status_code == 304:
                    return Answer(r.url, 304, b"", etag, modified)
                if r.status_code != 200:
                    raise FetchError(url, f"HTTP {r.status_code}")
                declared = r.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(url, "too big")
                body = bytearray()
                deadline = time.monotonic() + 3 * self.timeout  # a trickle must end too
                for chunk in r.iter_content(64 * 1024):
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(url, "too big")
                    if time.monotonic() > deadline:
                        raise FetchError(url, "timeout")
                return Answer(
                    r.url,
                    200,
                    bytes(body),
                    r.headers.get("ETag"),
                    r.headers.get("Last-Modified"),
                    r.headers.get("Content-Type", ""),
                )
        except requests.TooManyRedirects:
            raise FetchError(url, "redirect loop") from None
        except requests.Timeout:
            raise FetchError(url, "timeout") from None
        except requests.RequestException as err:
            raise FetchError(url, f"connection: {type(err).__name__}") from None

    def close(self) -> None:
        self.session.close()
