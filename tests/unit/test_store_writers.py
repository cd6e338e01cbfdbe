"""Several writers on one store (issue 16).

PostgreSQL: commands write while other processes serve, each process sees the others' writes
within seconds, and no candidate is reviewed twice. DuckDB: a command that finds the file held
by the dashboard fails at once, says what to do, and changes nothing; the dashboard serving the
bundled copy goes back to the file as soon as it is free.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import psycopg
import pytest

from dashboard import config, ingest
from dashboard.errors import StoreUnavailable
from dashboard.ingest import assignments, review
from dashboard.store import Store

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
TOKEN = "a-reviewer-token-for-tests"
ARTICLE = ARTICLES / "en01_us_niger_agreement_revoked.txt"
COUNTED = ("articles", "candidates", "stories", "ingested_events", "review_log")


def command(*args, db: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = os.environ | {"SAHEL_DB": db, "SAHEL_REVIEWER_TOKEN": TOKEN}
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def eventually(check, seconds: float = 5.0):
    """The value of `check()` once it is truthy, polled until `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def counts(store: Store) -> dict[str, int]:
    return {t: int(store.query(f"SELECT count(*) AS n FROM {t}")["n"].iloc[0]) for t in COUNTED}


@pytest.fixture
def pg(pg_server):
    return pg_server.database()


def test_a_command_s_ingest_shows_in_two_serving_processes_and_an_accept_travels(pg):
    one, two = Store(pg), Store(pg)  # two replicas, each with its own copy to read from
    try:
        assert review.queue(one).empty and review.queue(two).empty
        done = command("ingest", str(ARTICLE), db=pg)
        assert done.returncode == 0, done.stderr
        started = time.monotonic()
        assert eventually(lambda: not review.queue(one).empty and not review.queue(two).empty)
        assert time.monotonic() - started < 5
        first = review.queue(one).iloc[0]
        record = review.accept(
            one,
            first["candidate_id"],
            {"summary": "Seen on the other replica.", "reliability": "agency"},
            "Awa",
        )
        key = review.KEYS[{v: k for k, v in review.TABLES.items()}[record.table]]
        assert eventually(lambda: record.record_id in set(two.table(record.table)[key]))
        with pytest.raises(review.ReviewError, match="reviewed meanwhile|not waiting"):
            review.accept(two, first["candidate_id"], {"summary": "Again.", "reliability": "agency"}, "Bob")
        assert int(two.query("SELECT count(*) AS n FROM review_log")["n"].iloc[0]) == 1
    finally:
        one.close()
        two.close()


def test_the_same_candidate_accepted_at_once_on_two_replicas_is_stored_once(pg):
    seed = Store(pg)
    assert command("ingest", str(ARTICLE), db=pg).returncode == 0
    seed.close()
    stores = [Store(pg) for _ in range(4)]
    cid = review.queue(stores[0]).iloc[0]["candidate_id"]
    outcomes: list[str] = []
    gate = threading.Barrier(len(stores))

    def take(store: Store, name: str) -> None:
        gate.wait()
        try:
            review.accept(store, cid, {"summary": f"Taken by {name}.", "reliability": "agency"}, name)
            outcomes.append("accepted")
        except review.ReviewError:
            outcomes.append("refused")

    threads = [threading.Thread(target=take, args=(s, f"R{i}")) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    try:
        assert sorted(outcomes) == ["accepted"] + ["refused"] * (len(stores) - 1)
        after = Store(pg)
        assert counts(after)["ingested_events"] + len(after.query("SELECT * FROM ingested_prices")) == 1
        after.close()
    finally:
        for s in stores:
            s.close()


def test_two_reviewers_never_get_the_same_card(store_target, monkeypatch):
    """On both backends; on PostgreSQL each reviewer on a replica of their own, claiming at once."""
    first = Store(store_target)
    ingest.ingest_paths(first, sorted(ARTICLES.glob("en0*.txt")))
    queue = review.queue(first)
    stories = queue["story_id"].nunique()
    assert stories >= 4
    second = Store(store_target) if str(store_target).startswith("postgresql") else first
    got: dict[str, list[str]] = {}
    gate = threading.Barrier(2)

    def open_cards(store: Store, who: str) -> None:
        gate.wait()
        shown = assignments.cards(store, review.queue(store), who, 3)
        got[who] = list(shown["story_id"].unique())

    threads = [
        threading.Thread(target=open_cards, args=(first, "Awa")),
        threading.Thread(target=open_cards, args=(second, "Bob")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert got["Awa"] and got["Bob"]
    assert not set(got["Awa"]) & set(got["Bob"])
    # Opening the page again keeps a reviewer's own cards; the others' are known as theirs.
    again = assignments.cards(first, review.queue(first), "Awa", 3)
    assert list(again["story_id"].unique()) == got["Awa"]
    assert assignments.held_by_others(first, "Awa") == set(got["Bob"])
    # A card left alone for CLAIM_MINUTES goes back to the queue.
    monkeypatch.setattr(config, "CLAIM_MINUTES", 0)
    freed = assignments.cards(first, review.queue(first), "Awa", stories * 10)
    assert set(got["Bob"]) <= set(freed["story_id"])
    for s in {id(first): first, id(second): second}.values():
        s.close()


def test_replicas_starting_together_seed_once(pg):
    stores: list[Store] = []
    gate = threading.Barrier(3)

    def start() -> None:
        gate.wait()
        stores.append(Store(pg, fallback=False))

    threads = [threading.Thread(target=start) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(stores) == 3
    sizes = {len(s.table("events")) for s in stores}
    assert len(sizes) == 1 and sizes.pop() > 100
    assert len({s.version() for s in stores}) == 1
    for s in stores:
        s.close()


def test_a_database_that_does_not_answer_fails_a_command_at_once(pg_server):
    started = time.monotonic()
    done = command("export", "--what", "events", "--format", "csv", db=pg_server.dsn("no_such_db"))
    assert done.returncode == 2 and not done.stdout
    assert "could not be opened" in done.stderr and "no_such_db" in done.stderr
    assert time.monotonic() - started < 30


# -- DuckDB: one process holds the file -------------------------------------------------------
HOLDER = """
import sys
from dashboard.store import Store
store = Store(sys.argv[1])  # as the dashboard does when it starts
print("holding", store.version(), flush=True)
sys.stdin.read()  # keeps the file (and its lock) until the test closes stdin
"""


@pytest.fixture
def held(tmp_path):
    """A DuckDB store file that another process (standing in for the dashboard) holds."""
    target = tmp_path / "store.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(HOLDER), str(target)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    said, version = holder.stdout.readline().split()
    assert said == "holding"
    yield target, holder, version
    if holder.poll() is None:
        holder.stdin.close()
        holder.wait(timeout=30)


def release(holder: subprocess.Popen) -> None:
    holder.stdin.close()
    holder.wait(timeout=30)


@pytest.mark.parametrize(
    "args",
    [
        ("ingest", str(ARTICLE)),
        ("import-prices", str(ROOT / "data" / "wfp" / "wfp_food_prices_ner.csv")),
        ("review", "list"),
        ("export", "--what", "events", "--format", "csv"),
    ],
    ids=["ingest", "import-prices", "review", "export"],
)
def test_a_command_on_a_file_the_dashboard_holds_fails_at_once_and_changes_nothing(held, args):
    target, holder, version = held
    started = time.monotonic()
    done = command(*args, db=str(target))
    took = time.monotonic() - started
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert not done.stdout  # an export prints no partial or bundled rows
    assert "in use by another process" in done.stderr and f"PID {holder.pid}" in done.stderr
    assert "postgresql://" in done.stderr  # and what to do
    assert took < 20  # at once: no bundled copy is built first
    release(holder)
    store = Store(target, fallback=False)
    try:
        assert counts(store) == dict.fromkeys(COUNTED, 0)
        assert store.version() == version  # not one write since the dashboard's seed
    finally:
        store.close()


def test_the_dashboard_on_the_bundled_copy_goes_back_to_the_file_once_it_is_free(held, monkeypatch):
    from dashboard.ui.cache import _Held

    target, holder, _ = held
    monkeypatch.setenv("SAHEL_DB", str(target))
    monkeypatch.setattr(config, "REATTACH_SECONDS", 0)
    served = _Held()
    assert served.current().warning and served.current().path == ":memory:"
    with pytest.raises(StoreUnavailable):
        served.current().writable()
    release(holder)
    assert served.current().warning is None and served.current().path == str(target)
    served.current().close()


def test_a_long_ingest_prints_each_file_as_it_is_done(tmp_path):
    done = command(
        "ingest",
        str(ARTICLES / "en01_us_niger_agreement_revoked.txt"),
        str(ARTICLES / "en02_barkhane_leaves_mali.txt"),
        db=str(tmp_path / "s.duckdb"),
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("[1/2] stored") and "en01_us_niger" in lines[0]
    assert lines[1].startswith("[2/2] stored") and "en02_barkhane" in lines[1]


def test_a_dropped_link_is_made_again_and_a_database_that_stops_keeps_the_last_copy(monkeypatch):
    from tests.pgserver import PgServer

    own = PgServer().start()  # stopped half-way: not the session's cluster
    try:
        db = own.database()
        store = Store(db, fallback=False)
        events = len(store.table("events"))
        with psycopg.connect(own.dsn(), autocommit=True) as admin:  # as a restart would
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                [db.rsplit("/", 1)[1]],
            )
        result = ingest.ingest_bytes(store, ARTICLE.read_bytes(), ARTICLE.name)
        assert result.status == "stored", result.message  # the write found a new link
        assert not review.queue(store).empty  # and so did the copy the pages read
        own.stop_server()
        monkeypatch.setattr(config, "SYNC_SECONDS", 0)  # every read asks the database
        assert len(store.table("events")) == events and not review.queue(store).empty
        assert store.stale_since is not None  # the pages say since when
        store.close()
    finally:
        own.stop()
