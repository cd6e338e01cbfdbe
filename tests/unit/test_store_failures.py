"""A store file that cannot be used must not take the viewer pages down with it.

Locked by another process, unwritable, or corrupt: Store(...) says why in `warning` and serves
the bundled tables from memory. An ingest interrupted half-way leaves no trace.
"""

import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from dashboard import ingest
from dashboard.ingest import review
from dashboard.ingest.extract import extract, read_article
from dashboard.records.dataset import load_all
from dashboard.store import Store

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "data" / "articles" / "en01_us_niger_agreement_revoked.txt"
BUNDLED = {name: len(frame) for name, frame in load_all().items()}


def assert_falls_back(store: Store, target: Path, *reasons: str):
    """A warning a person can act on, and every table served from the bundled data."""
    warning = store.warning or ""
    assert str(target) in warning, warning
    assert (
        "could not be opened" in warning or "in use by another process" in warning
    ) and "bundled data" in warning
    assert "nothing can be saved" in warning
    assert any(r in warning.lower() for r in reasons), warning
    assert store.path == ":memory:"
    for name, n in BUNDLED.items():
        assert len(store.table(name)) == n, name


def test_store_locked_by_another_process(tmp_path):
    target = tmp_path / "store.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, duckdb
            con = duckdb.connect({str(target)!r})
            con.execute("CREATE TABLE held (x INTEGER)")
            print("holding", flush=True)
            sys.stdin.read()  # keeps the file (and its lock) until the test closes stdin
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        store = Store(target)
        try:
            assert_falls_back(store, target, "another process")
            assert f"(PID {holder.pid})" in store.warning  # who holds it, so that it can be stopped
        finally:
            store.close()
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def root_ignores_modes(folder: Path) -> bool:
    probe = folder / "probe"
    try:
        probe.write_text("x")
    except PermissionError:
        return False
    probe.unlink()
    return True


def test_store_read_only_file_and_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "store.duckdb"
    Store(target).close()
    target.chmod(0o444)
    folder.chmod(0o555)
    try:
        if not root_ignores_modes(folder):
            store = Store(target)
            try:
                assert_falls_back(store, target, "permission", "read-only", "read only")
            finally:
                store.close()
        else:  # root ignores file modes but not the immutable attribute
            subprocess.run(["chattr", "+i", str(target), str(folder)], check=True)
            try:
                store = Store(target)
                try:
                    assert_falls_back(store, target, "permission", "not permitted", "read-only")
                finally:
                    store.close()
            finally:
                subprocess.run(["chattr", "-i", str(target), str(folder)], check=True)
    finally:
        folder.chmod(0o755)
        target.chmod(0o644)


@pytest.mark.parametrize("layout", ["under-a-regular-file", "a-folder-in-its-place"])
def test_store_path_that_cannot_be_created(tmp_path, monkeypatch, layout):
    """Even root cannot create a file below a regular file, nor open a folder as one."""
    if layout == "under-a-regular-file":
        (tmp_path / "x.txt").write_text("not a folder")
        target = tmp_path / "x.txt" / "store.duckdb"
    else:
        target = tmp_path / "store.duckdb"
        target.mkdir()
    monkeypatch.setenv("SAHEL_DB", str(target))
    store = Store()  # the path comes from SAHEL_DB, as in the app
    try:
        assert_falls_back(store, target, "directory", "exists", "not a", "is a")
    finally:
        store.close()


@pytest.mark.parametrize("content", ["random-bytes", "text", "empty-header"])
def test_store_file_of_garbage(tmp_path, content):
    target = tmp_path / "store.duckdb"
    rng = random.Random(7)
    target.write_bytes(
        {
            "random-bytes": bytes(rng.randrange(256) for _ in range(300_000)),
            "text": b"event_id,date\n" * 1000,
            "empty-header": b"\x00" * 4096 + b"DUCK" + b"\x00" * 8192,
        }[content]
    )
    store = Store(target)
    try:
        assert_falls_back(store, target, "not a valid", "corrupt", "error")
    finally:
        store.close()


# A damaged block inside a real store: each 256 KB block is damaged in its own copy, in a child
# process (a storage engine meeting corrupt pages is the kind of code that may abort).
PROBE = textwrap.dedent("""
    import json, random, shutil, sys
    from pathlib import Path
    from dashboard.records.dataset import TABLE_NAMES
    from dashboard.store import Store
    good, work = Path(sys.argv[1]), Path(sys.argv[2])
    header, block = 3 * 4096, 256 * 1024
    size = good.stat().st_size
    rng = random.Random(11)
    out = []
    for offset in range(header, size, block):
        shutil.copy(good, work)
        data = bytearray(work.read_bytes())
        data[offset:offset + 4096] = bytes(rng.randrange(256) for _ in range(4096))
        work.write_bytes(bytes(data))
        store = Store(work)
        failed = {}
        for name in TABLE_NAMES:
            try:
                store.table(name)
            except Exception as err:
                failed[name] = f"{type(err).__name__}: {str(err).splitlines()[0][:160]}"
        out.append({"offset": offset, "warning": store.warning, "failed": failed})
        store.close()
    print(json.dumps(out))
""")


def test_store_with_one_damaged_block(tmp_path):
    good = tmp_path / "good.duckdb"
    Store(good).close()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(good), str(tmp_path / "work.duckdb")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout.strip().splitlines()[-1])
    assert results
    # Either the damage is found when the store opens (a warning, bundled data served) or it
    # touched no live data; a store that opens quietly and then fails to read is the bug.
    silent = [r for r in results if r["failed"] and not r["warning"]]
    assert not silent, "opened without a warning, then could not read: " + "; ".join(
        f"byte {r['offset']}: {r['failed']}" for r in silent
    )
    assert all(not r["failed"] for r in results)


# -- an ingest interrupted half-way ----------------------------------------------------------


class Boom:
    """A candidate whose conversion fails: the extractor breaking after some inserts."""

    def __init__(self, exc):
        self.exc = exc

    def to_dict(self):
        raise self.exc


def rows(store: Store, article_id: str) -> tuple[int, int]:
    a = store.query("SELECT count(*) AS n FROM articles WHERE article_id = ?", [article_id])["n"].iloc[0]
    c = store.query("SELECT count(*) AS n FROM candidates WHERE article_id = ?", [article_id])["n"].iloc[0]
    return int(a), int(c)


@pytest.mark.parametrize(
    "exc", [RuntimeError("extractor failed midway"), KeyboardInterrupt()], ids=["error", "interrupt"]
)
def test_half_finished_ingest_leaves_nothing(tmp_path, monkeypatch, exc, store_target):
    store = Store(store_target)
    raw = ARTICLE.read_bytes()
    real = extract(read_article(raw, ARTICLE.name))
    assert len(real) >= 2
    article_id = read_article(raw, ARTICLE.name).sha256[:16]
    # The article row and the first candidate are inserted before the failure.
    monkeypatch.setattr(ingest, "extract", lambda article: [real[0], Boom(exc), *real[1:]])
    try:
        if isinstance(exc, Exception):
            result = ingest.ingest_bytes(store, raw, ARTICLE.name)
            assert result.status == "rejected" and "could not be stored" in result.message
        else:
            with pytest.raises(KeyboardInterrupt):
                ingest.ingest_bytes(store, raw, ARTICLE.name)
        assert rows(store, article_id) == (0, 0)
        # Nothing half-stored blocks the next attempt, and the store's lock was released.
        monkeypatch.setattr(ingest, "extract", extract)
        again = ingest.ingest_bytes(store, raw, ARTICLE.name)
        assert again.status == "stored", again.message
        assert rows(store, article_id) == (1, again.candidates)
    finally:
        store.close()


def test_fallback_store_keeps_serving_reads(tmp_path, monkeypatch):
    """In memory after a failure, the store answers every query the pages make (the Sources
    page reads `warning` and offers no upload, so nothing typed there can silently vanish)."""
    (tmp_path / "x.txt").write_text("a file")
    monkeypatch.setenv("SAHEL_DB", str(tmp_path / "x.txt" / "store.duckdb"))
    store = Store()
    try:
        assert store.warning and store.path == ":memory:"
        assert "data_hash=" in store.version()
        assert review.pending(store).empty
        assert store.query("SELECT count(*) AS n FROM articles")["n"].iloc[0] == 0
    finally:
        store.close()


def test_version_moves_with_the_data_only(tmp_path, store_target):
    """Caches are keyed by the version: uploading or rejecting keeps them, accepting (a new
    event on the map) and a restart on changed files renew them."""
    store = Store(store_target)
    try:
        before = store.version()
        result = ingest.ingest_bytes(store, ARTICLE.read_bytes(), ARTICLE.name)
        assert result.status == "stored" and result.candidates >= 2
        queue = review.pending(store)
        review.reject(store, queue["candidate_id"].iloc[1], "tester")
        assert store.version() == before
        first = queue.iloc[0]
        review.accept(
            store,
            first["candidate_id"],
            {"summary": "Agreement revoked (test).", "reliability": "weak"},
            "tester",
        )
        assert store.version() != before
        assert any(store.table("events")["summary"] == "Agreement revoked (test).")
    finally:
        store.close()


def test_a_reviewed_row_no_page_can_draw_is_left_out_and_counted(tmp_path, store_target):
    """Stored before review refused such dates: pages skip it and say so; withdrawing it works."""
    store = Store(store_target)
    try:
        events = store.table("events")
        row = events.iloc[0].to_dict() | {
            "event_id": "ingested-far-future",
            "date": pd.Timestamp("2262-01-01"),
        }
        row = {k: v for k, v in row.items() if k not in ("admin1_code", "admin1_name")}  # of the view
        with store.transaction() as cur:
            cols = ", ".join(f'"{c}"' for c in row)
            values = [None if pd.isna(v) else v for v in row.values()]
            cur.execute(f"INSERT INTO ingested_events ({cols}) VALUES ({', '.join('?' * len(row))})", values)
            cur.execute(
                "INSERT INTO candidates (candidate_id, article_id, event_type, status, event_id) "
                "VALUES ('c1', 'a1', 'deployment', 'accepted', 'ingested-far-future')"
            )
        assert store.unusable() == 1
        assert "ingested-far-future" not in set(store.table("events")["event_id"])
        assert len(store.table("events")) == len(events)
        review.withdraw(store, "ingested-far-future", "tester", "date typo")
        assert store.unusable() == 0
    finally:
        store.close()
