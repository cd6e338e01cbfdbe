"""The reviewer credential: ingest and review are offered only to whoever presents it.

Three layers, none of which imports Streamlit (the caller passes the client's key):

- `configured_token` reads the credential; `token_problem` says why a configured one is refused
  (too short to resist guessing): a refused credential means read-only, with that message shown.
- `is_reviewer` is the bare constant-time comparison (the command line and older callers).
- `check` is what a page that takes typed guesses calls: the same comparison behind a per-client
  attempt limiter. After a wrong guess the client waits 1 s, 2 s, 4 s ... (capped) before its
  next guess is compared at all; `max_failures` wrong guesses within `window` seconds lock the
  client out for `lockout` seconds. Every wrong guess and every lockout is logged on the
  "dashboard.auth" logger, never with the guessed or the configured text.

The limiter lives in process memory (one server process, see README), is guarded by one lock
(each Streamlit session runs its script in its own thread) and takes its clock as an argument,
so tests can drive time by hand.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import ipaddress
import logging
import secrets as _secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from dashboard import config

log = logging.getLogger("dashboard.auth")

LOCAL_CLIENT = "local"  # Streamlit reports no IP address for connections from localhost
# The placeholder of .streamlit/secrets.toml.example: long enough, but public.
PLACEHOLDER_PREFIX = "change-me"


def configured_token(secrets=None) -> str | None:
    """SAHEL_REVIEWER_TOKEN, else the Streamlit secret `reviewer_token`; None when neither is set.

    The token is returned even when `token_problem` refuses it, so that the page can say why
    review is off; `check` never accepts such a token."""
    token = config.reviewer_token()
    if not token and secrets is not None:
        try:
            token = secrets.get("reviewer_token")
        except Exception:  # no secrets file at all: read-only
            token = None
    return token or None


def token_problem(token: str | None) -> str | None:
    """Why a configured reviewer token is refused (a configuration error: read-only until it
    is fixed), or None when it may be used. No token at all is not a problem: read-only."""
    if token is None:
        return None
    if not isinstance(token, str):
        return "The reviewer token is not text: review is off until SAHEL_REVIEWER_TOKEN is set."
    if len(token.strip()) < config.MIN_TOKEN_LENGTH:
        return (
            f"The configured reviewer token is too short: at least {config.MIN_TOKEN_LENGTH} "
            "characters are required, so review is off. Set SAHEL_REVIEWER_TOKEN (or "
            "reviewer_token in .streamlit/secrets.toml) to a long random string, e.g. "
            '`python -c "import secrets; print(secrets.token_urlsafe(32))"`.'
        )
    if token.strip().lower().startswith(PLACEHOLDER_PREFIX):
        return (
            "The configured reviewer token is the example's placeholder, which anyone can "
            "read: review is off until SAHEL_REVIEWER_TOKEN (or reviewer_token in "
            ".streamlit/secrets.toml) is set to a long random string of your own."
        )
    return None


def is_reviewer(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison, so response time says nothing about how close a guess was.

    No length rule and no attempt limit: for callers that present one token once (the command
    line). A page that accepts typed guesses calls `check`."""
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def client_key(ip_address: str | None) -> str:
    """The key the limiter counts a client's guesses under, from the connection's IP address
    (Streamlit: `st.context.ip_address`, None for localhost).

    IPv6 addresses are grouped by their /64 network, which one subscriber usually holds whole:
    otherwise one machine could take a fresh address, and a fresh count, for every guess."""
    if not ip_address or not isinstance(ip_address, str):  # (Streamlit's AppTest: a mock)
        return LOCAL_CLIENT
    try:
        ip = ipaddress.ip_address(ip_address.strip().split("%", 1)[0])
    except ValueError:
        return "unparsed:" + ip_address.strip()[:64]
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return LOCAL_CLIENT
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class Outcome(enum.Enum):
    ACCEPTED = "accepted"  # the token matched
    WRONG = "wrong"  # compared and did not match (retry_after: the wait it earned)
    WAIT = "wait"  # not compared: the client must wait retry_after seconds
    LOCKED = "locked"  # not compared: the client is locked out until `until`
    EMPTY = "empty"  # nothing given: not an attempt
    NOT_CONFIGURED = "not_configured"  # no reviewer token: read-only
    MISCONFIGURED = "misconfigured"  # the configured token is refused (`problem` says why)


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    retry_after: float = 0.0  # seconds before another guess from this client is compared
    until: float | None = None  # clock time at which that wait or lockout ends
    problem: str | None = None  # MISCONFIGURED: the message for the page

    @property
    def accepted(self) -> bool:
        return self.outcome is Outcome.ACCEPTED

    @property
    def refused_unseen(self) -> bool:
        """True when the guess was not even compared (WAIT or LOCKED)."""
        return self.outcome in (Outcome.WAIT, Outcome.LOCKED)


@dataclass
class _Client:
    failures: list[float] = field(default_factory=list)  # clock times of counted wrong guesses
    next_allowed: float = float("-inf")
    locked_until: float = float("-inf")
    last_wrong: bytes | None = None  # keyed digest of the last wrong guess, never the text
    seen: float = 0.0


class AttemptLimiter:
    """Per-client limit on reviewer-token guesses, thread-safe, in process memory."""

    def __init__(
        self,
        *,
        max_failures: int = config.MAX_FAILURES,
        window: float = config.FAILURE_WINDOW,
        lockout: float = config.LOCKOUT_SECONDS,
        base_delay: float = config.BASE_DELAY,
        max_delay: float = config.MAX_DELAY,
        max_clients: int = config.MAX_CLIENTS,
        clock: Callable[[], float] = time.monotonic,
        logger: logging.Logger = log,
    ):
        if max_failures < 1:
            raise ValueError("max_failures must be at least 1")
        self.max_failures = max_failures
        self.window = window
        self.lockout = lockout
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_clients = max_clients
        self.clock = clock
        self.log = logger
        self._clients: dict[str, _Client] = {}
        self._lock = threading.Lock()
        # Digests of wrong guesses use a key that lives and dies with the process.
        self._key = _secrets.token_bytes(32)
        self._reported_problems: set[str] = set()

    def _digest(self, given: str, expected: str) -> bytes:
        """A keyed digest of a guess, tied to the token it was checked against (a guess that
        was wrong for an old token is not taken as wrong for a new one)."""
        pair = hashlib.sha256(expected.encode("utf-8")).digest() + given.encode("utf-8")
        return hmac.new(self._key, pair, hashlib.sha256).digest()

    def check(
        self, given: str | None, expected: str | None, client: str, now: float | None = None
    ) -> Verdict:
        """Compare `given` with the configured `expected` token for `client` (see `client_key`).

        The answer is decided and the count updated under one lock, so guesses sent at the
        same moment cannot slip past the wait: one of them is compared, the others wait."""
        if expected is None:
            return Verdict(Outcome.NOT_CONFIGURED)
        problem = token_problem(expected)
        if problem is not None:
            self._report_problem(problem)
            return Verdict(Outcome.MISCONFIGURED, problem=problem)
        if not given:
            return Verdict(Outcome.EMPTY)
        now = self.clock() if now is None else now
        digest = self._digest(given, expected)
        with self._lock:
            state = self._clients.get(client)
            if state is not None and now < state.locked_until:
                state.seen = now
                return Verdict(Outcome.LOCKED, retry_after=state.locked_until - now, until=state.locked_until)
            if state is not None and state.locked_until != float("-inf"):
                # A lockout that has run out starts the client afresh.
                del self._clients[client]
                state = None
            if (
                state is not None
                and state.last_wrong is not None
                and hmac.compare_digest(digest, state.last_wrong)
            ):
                # The same wrong guess again (a page rerun, a resubmission): it is known to be
                # wrong, so repeating it teaches nothing and is not counted.
                state.seen = now
                wait = max(0.0, state.next_allowed - now)
                return Verdict(Outcome.WRONG, retry_after=wait, until=state.next_allowed if wait else None)
            if state is not None and now < state.next_allowed:
                state.seen = now
                return Verdict(Outcome.WAIT, retry_after=state.next_allowed - now, until=state.next_allowed)
            if hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
                if state is not None:
                    del self._clients[client]
                    if state.failures:
                        self.log.info(
                            "reviewer token accepted for client %r after %d failed attempt(s)",
                            client,
                            len(state.failures),
                        )
                return Verdict(Outcome.ACCEPTED)
            if state is None:
                self._forget_stale(now, room_for=1)
                state = self._clients[client] = _Client()
            state.failures = [t for t in state.failures if t > now - self.window]
            state.failures.append(now)
            state.last_wrong = digest
            state.seen = now
            failures = len(state.failures)
            if failures >= self.max_failures:
                state.locked_until = now + self.lockout
                state.next_allowed = state.locked_until
                self.log.warning(
                    "reviewer token: client %r locked out for %d s after %d failed attempts within %d s",
                    client,
                    round(self.lockout),
                    failures,
                    round(self.window),
                )
                return Verdict(Outcome.LOCKED, retry_after=self.lockout, until=state.locked_until)
            delay = min(self.base_delay * 2 ** (failures - 1), self.max_delay)
            state.next_allowed = now + delay
            self.log.warning(
                "reviewer token: wrong token from client %r (%d of %d failed "
                "attempts allowed within %d s; next attempt in %g s)",
                client,
                failures,
                self.max_failures,
                round(self.window),
                delay,
            )
            return Verdict(Outcome.WRONG, retry_after=delay, until=state.next_allowed)

    def failures(self, client: str, now: float | None = None) -> int:
        """Wrong guesses of `client` that still count (within the window, lockout not over)."""
        now = self.clock() if now is None else now
        with self._lock:
            state = self._clients.get(client)
            if state is None:
                return 0
            if state.locked_until != float("-inf") and now >= state.locked_until:
                return 0
            return sum(1 for t in state.failures if t > now - self.window)

    def reset(self, client: str | None = None) -> None:
        """Forget one client (or every client): for an operator, and for tests."""
        with self._lock:
            if client is None:
                self._clients.clear()
            else:
                self._clients.pop(client, None)

    def _forget_stale(self, now: float, room_for: int = 0) -> None:
        """Keep memory bounded: forget clients with nothing left to enforce, then the stalest
        (under a flood from more than max_clients addresses, the oldest lose their count)."""
        limit = max(0, self.max_clients - room_for)
        if len(self._clients) <= limit:
            return
        for key, state in list(self._clients.items()):
            if (
                now >= state.locked_until
                and now >= state.next_allowed
                and all(t <= now - self.window for t in state.failures)
            ):
                del self._clients[key]
        if len(self._clients) > limit:
            for key, _ in sorted(self._clients.items(), key=lambda kv: kv[1].seen)[
                : len(self._clients) - limit
            ]:
                del self._clients[key]

    def _report_problem(self, problem: str) -> None:
        with self._lock:
            if problem in self._reported_problems:
                return
            self._reported_problems.add(problem)
        self.log.error("reviewer token refused, review is off: %s", problem)


LIMITER = AttemptLimiter()


def check(given: str | None, expected: str | None, client: str, now: float | None = None) -> Verdict:
    """The process-wide limiter's verdict on a typed reviewer token; see AttemptLimiter.check.

    From a Streamlit page:
        verdict = auth.check(given, expected, auth.client_key(st.context.ip_address))
    """
    return LIMITER.check(given, expected, client, now)


class UploadGate:
    """The Streamlit sessions whose reviewer signed in: only they may send files.

    Streamlit accepts an upload from any open session (its route checks only that the session
    exists), so without this gate an anonymous visitor could park files in server memory. The
    Sources page opens the gate for its session at sign-in and closes it at sign-out; the
    launcher's middleware refuses uploads to any other session."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open: set[str] = set()

    def allow(self, session_id: str) -> None:
        with self._lock:
            self._open.add(session_id)

    def revoke(self, session_id: str) -> None:
        with self._lock:
            self._open.discard(session_id)

    def allows(self, session_id: str) -> bool:
        with self._lock:
            return session_id in self._open


UPLOADS = UploadGate()
