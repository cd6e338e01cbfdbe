"""The store: an embedded DuckDB file by default, or a PostgreSQL database shared by several
replicas and commands (`SAHEL_DB=postgresql://...`, dashboard.store.postgres). Seeded from
data/ on first start; one transaction per write.

The curated tables are re-seeded whenever the CSV files change (their hash is kept in `meta`),
so a `git pull` of new data shows up at the next start without touching ingested rows.
If the store cannot be opened (a DuckDB file another process holds, read-only or corrupt, a
database that does not answer), a command fails at once (`fallback=False`), and the dashboard
falls back to an in-memory copy of the bundled data and says why in `warning`: the viewer
pages keep working, nothing can be saved (dashboard.ui.cache tries the store again). Data
files that fail validation are never seeded: the store keeps the tables it last loaded (or
empty ones) and says so in `data_warning`.

Reads always run in DuckDB (the file itself, or a PostgreSQL store's in-memory mirror), so
every page's SQL has one dialect; writes use `?` placeholders and SQL both backends speak.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import config
from dashboard.errors import BadInput, StoreChanged, StoreUnavailable
from dashboard.records import regions
from dashboard.records.dataset import TABLE_NAMES, empty_table, load_all
from dashboard.records.schema import validate
from dashboard.store import market_prices
from dashboard.store.cursor import BUMP, DuckCursor
from dashboard.store.embedded import EmbeddedBackend, lock_holder
from dashboard.store.postgres import PostgresBackend, is_postgres, redacted

log = logging.getLogger("dashboard.store")

INGESTED = ("events", "sources", "prices", "sanctions")  # curated tables that reviews extend
ARTICLE_TABLES = """
CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR PRIMARY KEY, sha256 VARCHAR UNIQUE NOT NULL, title VARCHAR,
    publisher VARCHAR, published DATE, url VARCHAR, language VARCHAR, text VARCHAR NOT NULL,
    filename VARCHAR, ingested_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS candidates (
    candidate_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, country VARCHAR,
    actor VARCHAR, force VARCHAR, event_type VARCHAR, date VARCHAR, date_precision VARCHAR,
    troops BIGINT, location VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
    confidence DOUBLE PRECISION, commodity VARCHAR, price_value DOUBLE PRECISION,
    price_previous DOUBLE PRECISION, unit VARCHAR, currency VARCHAR, change_pct DOUBLE PRECISION,
    status VARCHAR NOT NULL, event_id VARCHAR);
CREATE TABLE IF NOT EXISTS review_log (
    reviewed_at TIMESTAMP NOT NULL, reviewer VARCHAR NOT NULL, candidate_id VARCHAR NOT NULL,
    action VARCHAR NOT NULL, target_table VARCHAR, record_id VARCHAR, changes VARCHAR,
    reason VARCHAR);
CREATE TABLE IF NOT EXISTS stories (
    article_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL, similarity DOUBLE PRECISION);
CREATE TABLE IF NOT EXISTS feed_items (
    source VARCHAR NOT NULL, item_key VARCHAR NOT NULL, run_id VARCHAR, url VARCHAR,
    grade VARCHAR, article_id VARCHAR, outcome VARCHAR NOT NULL, reason VARCHAR,
    stored_at TIMESTAMP, PRIMARY KEY (source, item_key));
CREATE TABLE IF NOT EXISTS claims (
    story_id VARCHAR PRIMARY KEY, reviewer VARCHAR NOT NULL, claimed_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS fetch_log (
    run_id VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, started TIMESTAMP, finished TIMESTAMP,
    seen INTEGER, fetched INTEGER, failed BOOLEAN, failures VARCHAR, newest DATE);
"""
SET_META = "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
# One relation to query events by, so that SQL filters run before pandas. Each event's region
# is its place's (none for a country-wide event): one rule for curated and accepted events.
ALL_EVENTS = (
    "CREATE OR REPLACE VIEW all_events AS SELECT e.*, l.admin1_code, l.admin1_name FROM "
    "(SELECT * FROM events UNION ALL BY NAME SELECT * FROM ingested_events WHERE {usable}) e "
    "LEFT JOIN (SELECT location_id, admin1_code, admin1_name FROM locations) l USING (location_id)"
)
# What opening a store can fail with: a file or a database that is not there as it should be.
OPEN_ERRORS = (duckdb.Error, OSError, *PostgresBackend.ERRORS)


def data_hash(data_dir: Path) -> str:
    """Of the CSV files and of what is derived from them at load (the regions' boundaries):
    either changing re-seeds the curated tables."""
    digest = hashlib.sha256(regions.BOUNDARIES.read_bytes())
    for name in TABLE_NAMES:
        path = Path(data_dir) / f"{name}.csv"
        if path.exists():
            digest.update(name.encode() + path.read_bytes())
    return digest.hexdigest()


def _backend(target: str):
    return PostgresBackend(target) if is_postgres(target) else EmbeddedBackend(target)


def unavailable(target: str, err: BaseException) -> str:
    """What to tell the person who asked for the store, when it cannot be opened."""
    holder = lock_holder(err)
    if holder:
        return (
            f"The store {target} is in use by another process, {holder}: most likely the "
            "dashboard serving it. DuckDB lets one process open its file, so nothing was read "
            "or written. Stop that process and run this again; or let the dashboard do it "
            "(upload on its Sources page; `fetch` leaves articles in its inbox for the "
            "dashboard to store); or use a PostgreSQL store (SAHEL_DB=postgresql://...), "
            "which the dashboard and commands can write at the same time."
        )
    return f"The store {target} could not be opened ({type(err).__name__}: {str(err).splitlines()[0]})."


class Store:
    def __init__(self, path: Path | str | None = None, data_dir: Path | None = None, fallback: bool = True):
        self.data_dir = Path(data_dir or config.data_dir())
        self.warning: str | None = None
        self.data_warning: str | None = None
        self._lock = threading.RLock()  # held by a transaction, which may read (query, version) inside it
        self._version: str | None = None
        self._synced = float("-inf")  # when the mirror was last brought up to date
        self.stale_since: float | None = None  # since when a database stopped answering
        target = str(path) if path is not None else config.db_target()
        self.path = redacted(target)
        self._backend = None
        try:
            self._backend = _backend(target)
            self._mirror_lock = threading.RLock() if self._backend.mirrored else self._lock
            self._seed()
            self._backend.check()
        except OPEN_ERRORS as err:
            if self._backend is not None:
                self._backend.close()
            message = unavailable(self.path, err)
            if not fallback:
                raise StoreUnavailable(message) from err
            self.warning = (
                f"{message} Showing the bundled data only; nothing can be saved until this is fixed."
            )
            log.warning(self.warning)
            self._backend = EmbeddedBackend(":memory:")
            self._mirror_lock = self._lock
            self.path = ":memory:"
            self._seed()

    def writable(self) -> Store:
        """This store, or StoreUnavailable when it fell back to the bundled copy: a command
        that writes or exports must not pass that copy off as the store."""
        if self.warning:
            raise StoreUnavailable(self.warning)
        return self

    # -- reading ---------------------------------------------------------------------------
    def _fresh(self, force: bool = False) -> None:
        """A PostgreSQL store's mirror, brought up to date at most every SYNC_SECONDS (at
        once after this process wrote): other processes' writes show within that time."""
        if not self._backend.mirrored or (
            not force and time.monotonic() - self._synced < config.SYNC_SECONDS
        ):
            return
        # The copy's own lock, not the transactions': a long import never holds pages up.
        with self._mirror_lock:
            if force or time.monotonic() - self._synced >= config.SYNC_SECONDS:
                try:
                    if self._backend.sync():
                        self._version = None
                    self.stale_since = None
                except PostgresBackend.ERRORS as err:  # pages go on with the copy they have
                    if self.stale_since is None:
                        log.warning("the database does not answer (%s): serving the last copy", err)
                        self.stale_since = time.time()
                self._synced = time.monotonic()

    @contextmanager
    def reading(self):
        """A DuckDB cursor on what pages read (frames can be registered on it)."""
        self._fresh()
        cur = DuckCursor(self._backend.reader.cursor())  # DuckDB connections are not shared across threads
        try:
            yield cur
        finally:
            cur.close()

    def query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        with self.reading() as cur:
            return cur.execute(sql, params).df()

    def version(self) -> str:
        """Changes whenever stored data changes: the key of every cache built on the store.

        Read from `meta` after each commit (or mirror update) and kept: pages may ask for it
        per row."""
        self._fresh()
        if self._version is None:
            rows = self.query("SELECT key, value FROM meta WHERE key IN ('data_hash', 'writes') ORDER BY key")
            # The store's own name first: a fallback copy and the store it stands in for never
            # share a version, even at the same counts.
            self._version = ";".join([self.path, *(f"{k}={v}" for k, v in rows.itertuples(index=False))])
        return self._version

    def table(self, name: str) -> pd.DataFrame:
        """A curated table with what reviewers accepted from articles, less reviewed rows whose
        dates no page can draw (see `unusable`)."""
        if name not in TABLE_NAMES:
            raise BadInput(f"unknown table {name!r}")
        if name == "events":
            return self.query("SELECT * FROM all_events")
        if name in INGESTED:
            return self.query(
                f"SELECT * FROM {name} UNION ALL BY NAME SELECT * FROM ingested_{name} WHERE {_usable(name)}"
            )
        return self.query(f"SELECT * FROM {name}")

    def table_at(self, name: str, version: str) -> pd.DataFrame:
        """`table(name)` as it stood at `version`, or StoreChanged when a write has moved the
        store on since: a build keyed on one version never mixes in rows of another. What
        changes the rows read (a transaction on a DuckDB file, a copy brought up to date from
        PostgreSQL) holds the same lock, so the version read here is the version of the rows."""
        with self._mirror_lock:
            if self.version() != version:
                raise StoreChanged(f"the store moved on from version {version}")
            return self.table(name)

    def unusable(self) -> int:
        """Reviewed rows left out of every page because a date lies outside 1960..today (stored
        before review refused such dates): a reviewer can withdraw them."""
        return sum(
            int(
                self.query(f"SELECT count(*) AS n FROM ingested_{name} WHERE NOT ({_usable(name)})")[
                    "n"
                ].iloc[0]
            )
            for name in DATED
        )

    # -- writing ---------------------------------------------------------------------------
    @contextmanager
    def transaction(self, data: bool = True):
        """All or nothing: the block's writes land together or not at all.

        `data=False` says the block touches only articles and candidates, which no cached page
        data is built from: the version stays, and so do the caches keyed by it."""
        with self._lock:
            cur = self._backend.begin()
            try:
                yield cur
                cur.execute(BUMP, ["writes" if data else "article_writes"])
                self._backend.commit(cur)
            except BaseException:
                self._backend.rollback(cur)
                raise
            finally:
                cur.close()
            if data:
                self._version = None
            self._synced = float("-inf")  # read what was just written

    def _seed(self) -> None:
        """Load what changed in data/ since the store last did. A start that finds nothing to
        load leaves the version as it was: other replicas keep their caches."""
        wanted = data_hash(self.data_dir)
        with self.transaction(data=False) as cur:
            cur.lock("seed")  # replicas starting together: one seeds, the others find it done
            cur.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
            row = cur.execute("SELECT value FROM meta WHERE key = 'data_hash'").fetchone()
            if not row or row[0] != wanted:
                problems = validate(self.data_dir)
                if problems:  # never seed from data that fails validation
                    self.data_warning = (
                        f"{self.data_dir} has {len(problems)} problem(s), so it "
                        f"was not loaded (first: {problems[0]}). Run "
                        "`python -m dashboard validate` for the list."
                    )
                    log.warning(self.data_warning)
                    have = cur.table_names()  # keep what was loaded
                    frames = {name: empty_table(name) for name in TABLE_NAMES if name not in have}
                else:
                    frames = load_all(self.data_dir)
                    cur.execute(SET_META, ["data_hash", wanted])
                for name, frame in frames.items():
                    cur.replace_table(name, frame)
                cur.execute(BUMP, ["writes"])
            cur.execute(ARTICLE_TABLES)
            wfp = market_prices.seed(cur, self.data_dir)  # WFP prices, data/wfp/, when they changed
            if wfp.wrote:
                cur.execute(BUMP, ["writes"])
            self.data_warning = self.data_warning or wfp.warning
            for name in INGESTED:  # same columns as the curated table, kept across re-seeds
                cur.execute(f"CREATE TABLE IF NOT EXISTS ingested_{name} AS SELECT * FROM {name} LIMIT 0")
                _add_new_columns(cur, name)
        self._version = None
        self._backend.sync()  # the first copy: a database that does not answer fails the open
        self._synced = time.monotonic()
        self._backend.reader.execute(ALL_EVENTS.format(usable=_usable("events")))

    def close(self) -> None:
        self._backend.close()


# Which date columns of a reviewed table a page draws; rows outside the range are left out.
DATED = {"events": ("date",), "prices": ("date",), "sanctions": ("start", "end")}


def _usable(name: str) -> str:
    """SQL: the row's dates (where set) lie in 1960..today."""
    return (
        " AND ".join(
            f'("{c}" IS NULL OR "{c}" BETWEEN DATE \'1960-01-01\' AND current_date)'
            for c in DATED.get(name, ())
        )
        or "TRUE"
    )


def _add_new_columns(cur, name: str) -> None:
    """A column added to a curated table since the store was made (e.g. sources' reliability)
    is added to its ingested twin, empty, so that reviews keep writing to it."""
    have = cur.columns(f"ingested_{name}")
    for col, kind in cur.columns(name).items():
        if col not in have:
            cur.execute(f'ALTER TABLE ingested_{name} ADD COLUMN "{col}" {kind}')
