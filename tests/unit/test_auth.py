"""The reviewer credential: a minimum length, and a per-client attempt limiter (growing waits,
lockout, per-client counts, logs without the token) driven by a hand-set clock."""

from __future__ import annotations

import logging
import threading
import tomllib
from pathlib import Path

import pytest

from dashboard import auth, config
from dashboard.auth import AttemptLimiter, Outcome

TOKEN = "a-long-reviewer-token-0123456789"  # 32 characters
A, B = "203.0.113.7", "198.51.100.9"


def limiter(**kw) -> AttemptLimiter:
    kw.setdefault("clock", lambda: pytest.fail("tests pass `now` explicitly"))
    return AttemptLimiter(**kw)


def fail(lim: AttemptLimiter, client: str, now: float, guess: str | None = None):
    """One new wrong guess (each call a different text, as a guesser would send)."""
    fail.n += 1
    return lim.check(guess or f"guess-{fail.n}", TOKEN, client, now=now)


fail.n = 0


# --- configuration -----------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["", "abc", "s3cret-token", "x" * 15, " " * 20, "  padded-15chars  "])
def test_a_short_token_is_a_configuration_error(token):
    problem = auth.token_problem(token)
    assert problem and "at least 16 characters" in problem
    assert token.strip() == "" or token.strip() not in problem  # the token is never echoed


def test_the_example_placeholder_is_refused():
    example = Path(__file__).resolve().parents[2] / ".streamlit" / "secrets.toml.example"
    placeholder = tomllib.loads(example.read_text(encoding="utf-8"))["reviewer_token"]
    assert len(placeholder) >= config.MIN_TOKEN_LENGTH
    problem = auth.token_problem(placeholder)
    assert problem and "placeholder" in problem
    assert limiter().check(placeholder, placeholder, A, now=0).outcome is Outcome.MISCONFIGURED


def test_a_token_that_is_not_text_is_refused():
    """`reviewer_token = 1234567890123456789` in secrets.toml is a number, not a token."""
    assert "not text" in auth.token_problem(1234567890123456789)
    assert (
        limiter().check("1234567890123456789", 1234567890123456789, A, now=0).outcome is Outcome.MISCONFIGURED
    )


def test_a_long_token_or_none_is_no_problem():
    assert auth.token_problem("x" * 16) is None
    assert auth.token_problem(TOKEN) is None
    assert auth.token_problem(None) is None


def test_a_short_configured_token_is_refused_even_when_typed_exactly(caplog):
    lim = limiter()
    with caplog.at_level(logging.ERROR, logger="dashboard.auth"):
        v = lim.check("s3cret-token", "s3cret-token", A, now=0)
        again = lim.check("s3cret-token", "s3cret-token", A, now=1)
    assert v.outcome is Outcome.MISCONFIGURED and not v.accepted
    assert v.problem == auth.token_problem("s3cret-token")
    assert again.outcome is Outcome.MISCONFIGURED
    assert len(caplog.records) == 1  # said once, not on every rerun
    assert "s3cret-token" not in caplog.text


def test_no_token_configured_and_nothing_typed_are_not_attempts():
    lim = limiter()
    assert lim.check("anything", None, A, now=0).outcome is Outcome.NOT_CONFIGURED
    assert lim.check("", TOKEN, A, now=0).outcome is Outcome.EMPTY
    assert lim.check(None, TOKEN, A, now=0).outcome is Outcome.EMPTY
    assert lim.failures(A, now=0) == 0


def test_configured_token_reads_environment_then_secrets(monkeypatch):
    monkeypatch.delenv("SAHEL_REVIEWER_TOKEN", raising=False)
    assert auth.configured_token({"reviewer_token": TOKEN}) == TOKEN
    assert auth.configured_token({}) is None
    monkeypatch.setenv("SAHEL_REVIEWER_TOKEN", "from-the-environment-123")
    assert auth.configured_token({"reviewer_token": TOKEN}) == "from-the-environment-123"


def test_is_reviewer_keeps_its_behaviour_for_existing_callers():
    assert auth.is_reviewer(TOKEN, TOKEN)
    assert auth.is_reviewer("t0ken", "t0ken")  # no length rule: the CLI's own check
    assert not auth.is_reviewer("wrong", TOKEN)
    assert not auth.is_reviewer("", TOKEN) and not auth.is_reviewer(TOKEN, None)


# --- the limiter -----------------------------------------------------------------------------


def test_the_right_token_is_accepted():
    v = limiter().check(TOKEN, TOKEN, A, now=0)
    assert v.accepted and v.outcome is Outcome.ACCEPTED and v.retry_after == 0


def test_waits_grow_after_each_failure_and_are_capped():
    lim = limiter(base_delay=1, max_delay=8, max_failures=100)
    now, waits = 0.0, []
    for _ in range(7):
        v = fail(lim, A, now)
        assert v.outcome is Outcome.WRONG
        waits.append(v.retry_after)
        now += v.retry_after
    assert waits == [1, 2, 4, 8, 8, 8, 8]


def test_a_guess_during_the_wait_is_not_compared_even_if_right():
    lim = limiter()
    assert fail(lim, A, 100).retry_after == 1
    early = lim.check(TOKEN, TOKEN, A, now=100.5)
    assert early.outcome is Outcome.WAIT and not early.accepted
    assert early.retry_after == pytest.approx(0.5) and early.until == pytest.approx(101)
    assert fail(lim, A, 100.9).outcome is Outcome.WAIT
    assert lim.failures(A, now=100.9) == 1  # refused guesses are not counted
    assert lim.check(TOKEN, TOKEN, A, now=101).accepted


def test_repeating_the_same_wrong_guess_is_not_counted_again():
    """A page rerun re-presents the typed value: it must not count as a new guess."""
    lim = limiter()
    first = lim.check("typo-in-my-token", TOKEN, A, now=0)
    assert first.outcome is Outcome.WRONG
    for t in (0.2, 0.5, 5, 50):
        assert lim.check("typo-in-my-token", TOKEN, A, now=t).outcome is Outcome.WRONG
    assert lim.failures(A, now=50) == 1
    assert lim.check(TOKEN, TOKEN, A, now=50).accepted


def test_lockout_after_n_failures_then_expiry():
    lim = limiter(max_failures=10, window=900, lockout=900, base_delay=1, max_delay=60)
    now = 0.0
    for i in range(9):
        v = fail(lim, A, now)
        assert v.outcome is Outcome.WRONG, i
        now += v.retry_after
    locked = fail(lim, A, now)
    assert locked.outcome is Outcome.LOCKED
    assert locked.retry_after == 900 and locked.until == pytest.approx(now + 900)
    # Locked: not even the right token is compared, until the lockout ends.
    assert lim.check(TOKEN, TOKEN, A, now=now + 899).outcome is Outcome.LOCKED
    assert fail(lim, A, now + 600).outcome is Outcome.LOCKED
    assert lim.check(TOKEN, TOKEN, A, now=now + 900).accepted


def test_a_lockout_that_ran_out_starts_the_count_afresh():
    lim = limiter(max_failures=3, window=100, lockout=50, base_delay=0)
    for t in (0, 1, 2):
        last = fail(lim, A, t)
    assert last.outcome is Outcome.LOCKED
    v = fail(lim, A, 52)
    assert v.outcome is Outcome.WRONG and lim.failures(A, now=52) == 1


def test_failures_older_than_the_window_stop_counting():
    lim = limiter(max_failures=3, window=100, lockout=1000, base_delay=0)
    fail(lim, A, 0)
    fail(lim, A, 10)
    assert lim.failures(A, now=50) == 2
    assert lim.failures(A, now=105) == 1  # the one at t=0 has left the window
    assert fail(lim, A, 105).outcome is Outcome.WRONG  # 2 in the window, not 3: no lockout
    assert fail(lim, A, 106).outcome is Outcome.LOCKED


def test_clients_are_counted_apart():
    lim = limiter(max_failures=3, base_delay=1)
    for t in (0, 10, 100):
        fail(lim, A, t)
    assert lim.check(TOKEN, TOKEN, A, now=101).outcome is Outcome.LOCKED
    b = fail(lim, B, 101)
    assert b.outcome is Outcome.WRONG and b.retry_after == 1
    assert lim.failures(B, now=101) == 1
    assert lim.check(TOKEN, TOKEN, B, now=102).accepted


def test_success_resets_the_count():
    lim = limiter(max_failures=3, base_delay=1)
    fail(lim, A, 0)
    fail(lim, A, 1)
    assert lim.check(TOKEN, TOKEN, A, now=3).accepted
    assert lim.failures(A, now=3) == 0
    v = fail(lim, A, 4)
    assert v.outcome is Outcome.WRONG and v.retry_after == 1  # the wait starts at 1 s again


def test_failures_and_lockouts_are_logged_without_the_token(caplog):
    lim = limiter(max_failures=2, base_delay=0)
    guesses = ["first-wrong-guess-xyz", "second-wrong-guess-xyz"]
    with caplog.at_level(logging.INFO, logger="dashboard.auth"):
        lim.check(guesses[0], TOKEN, A, now=0)
        lim.check(guesses[1], TOKEN, A, now=1)
        lim.check(TOKEN, TOKEN, A, now=2)  # refused: locked
    records = [r for r in caplog.records if r.name == "dashboard.auth"]
    assert [r.levelno for r in records] == [logging.WARNING, logging.WARNING]
    assert "wrong token" in records[0].getMessage() and A in records[0].getMessage()
    assert "locked out" in records[1].getMessage() and A in records[1].getMessage()
    for text in (TOKEN, *guesses):
        assert text not in caplog.text
        assert all(text not in str(r.args) for r in records)


def test_many_threads_failing_at_once_are_counted_exactly():
    """200 concurrent wrong guesses from one client, no wait between guesses: exactly 9 are
    answered "wrong", the 10th locks the client out, and every other one meets the lockout."""
    lim = limiter(max_failures=10, base_delay=0, lockout=900)
    start = threading.Barrier(50)
    outcomes: list[Outcome] = []
    keep = threading.Lock()

    def guesser(n: int):
        start.wait()
        mine = [lim.check(f"thread-{n}-guess-{i}", TOKEN, A, now=5.0).outcome for i in range(4)]
        with keep:
            outcomes.extend(mine)

    threads = [threading.Thread(target=guesser, args=(n,)) for n in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 200
    assert outcomes.count(Outcome.WRONG) == 9
    assert outcomes.count(Outcome.LOCKED) == 191
    assert lim.failures(A, now=5.0) == 10


def test_concurrent_guesses_cannot_slip_past_the_wait():
    """With the default 1 s wait, guesses sent at the same moment: one compared, the rest wait."""
    lim = limiter()
    start = threading.Barrier(40)
    outcomes: list[Outcome] = []
    keep = threading.Lock()

    def guesser(n: int):
        start.wait()
        o = lim.check(f"parallel-guess-{n}", TOKEN, B, now=7.0).outcome
        with keep:
            outcomes.append(o)

    threads = [threading.Thread(target=guesser, args=(n,)) for n in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count(Outcome.WRONG) == 1 and outcomes.count(Outcome.WAIT) == 39
    assert lim.failures(B, now=7.0) == 1


def test_memory_stays_bounded_under_many_clients():
    lim = limiter(max_clients=100, base_delay=1, window=10)
    for n in range(1000):
        fail(lim, f"10.0.{n // 250}.{n % 250}", now=n * 0.001)
        assert lim.failures(f"10.0.{n // 250}.{n % 250}", now=n * 0.001) == 1  # the newest counts
    assert len(lim._clients) <= 100
    # Clients with nothing left to enforce are forgotten before any that are still waiting.
    lim = limiter(max_clients=2, base_delay=1, window=10)
    fail(lim, "10.1.0.1", now=0)
    fail(lim, "10.1.0.2", now=100)
    fail(lim, "10.1.0.3", now=100.5)
    assert lim.failures("10.1.0.2", now=100.5) == 1 and lim.failures("10.1.0.3", now=100.5) == 1
    assert lim.failures("10.1.0.1", now=100.5) == 0


def test_the_default_clock_is_used_when_no_time_is_given():
    t = [1000.0]
    lim = AttemptLimiter(clock=lambda: t[0])
    assert lim.check("wrong-wrong-wrong", TOKEN, A).retry_after == 1
    assert lim.check(TOKEN, TOKEN, A).outcome is Outcome.WAIT
    t[0] += 1
    assert lim.check(TOKEN, TOKEN, A).accepted


def test_the_module_check_uses_the_process_wide_limiter():
    auth.LIMITER.reset()
    try:
        client = "192.0.2.55"
        assert auth.check("nope-nope-nope", TOKEN, client, now=10).outcome is Outcome.WRONG
        assert auth.LIMITER.failures(client, now=10) == 1
        assert auth.check(TOKEN, TOKEN, client, now=11).accepted
    finally:
        auth.LIMITER.reset()


# --- the client key --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ip,key",
    [
        (None, auth.LOCAL_CLIENT),
        ("", auth.LOCAL_CLIENT),
        ("127.0.0.1", auth.LOCAL_CLIENT),
        ("::1", auth.LOCAL_CLIENT),
        ("203.0.113.7", "203.0.113.7"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::99", "2001:db8:1:2::/64"),
        ("fe80::1%eth0", "fe80::/64"),
    ],
)
def test_client_key(ip, key):
    assert auth.client_key(ip) == key


def test_an_address_that_is_not_text_counts_as_local():
    """Streamlit's AppTest answers st.context.ip_address with a mock object."""
    from unittest import mock

    assert auth.client_key(mock.MagicMock()) == auth.LOCAL_CLIENT


def test_an_unparsable_address_is_kept_as_its_own_bounded_key():
    key = auth.client_key("not an ip" + "x" * 200)
    assert key.startswith("unparsed:") and len(key) <= 9 + 64
