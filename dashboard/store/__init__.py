"""The embedded DuckDB store: seeded from data/ on first start, one transaction per write.

The curated tables are re-seeded whenever the CSV files change (their hash is kept in `meta`),
so a `git pull` of new data shows up at the next start without touching ingested rows.
If the store file cannot be opened (locked by another process, read-only, corrupt), the store
falls back to an in-memory copy of the bundled data and says why in `warning`: the viewer
pages keep working. Data files that fail validation are never seeded: the store keeps the
tables it last loaded (or empty ones) and says so in `data_warning`.
"""

from __future__ import annotations

import hashlib
import logging
import threading
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
    confidence DOUBLE, commodity VARCHAR, price_value DOUBLE, price_previous DOUBLE,
    unit VARCHAR, currency VARCHAR, change_pct DOUBLE, status VARCHAR NOT NULL,
    event_id VARCHAR);
CREATE TABLE IF NOT EXISTS review_log (
    reviewed_at TIMESTAMP NOT NULL, reviewer VARCHAR NOT NULL, candidate_id VARCHAR NOT NULL,
    action VARCHAR NOT NULL, target_table VARCHAR, record_id VARCHAR, changes VARCHAR,
    reason VARCHAR);
CREATE TABLE IF NOT EXISTS stories (
    article_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL, similarity DOUBLE);
CREATE TABLE IF NOT EXISTS feed_items (
    source VARCHAR NOT NULL, item_key VARCHAR NOT NULL, run_id VARCHAR, url VARCHAR,
    grade VARCHAR, article_id VARCHAR, outcome VARCHAR NOT NULL, reason VARCHAR,
    stored_at TIMESTAMP, PRIMARY KEY (source, item_key));
CREATE TABLE IF NOT EXISTS fetch_log (
    run_id VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, started TIMESTAMP, finished TIMESTAMP,
    seen INTEGER, fetched INTEGER, failed BOOLEAN, failures VARCHAR, newest DATE);
"""


def data_hash(data_dir: Path) -> str:
    """Of the CSV files and of what is derived from them at load (the regions' boundaries):
    either changing re-seeds the curated tables."""
    digest = hashlib.sha256(regions.BOUNDARIES.read_bytes())
    for name in TABLE_NAMES:
        path = Path(data_dir) / f"{name}.csv"
        if path.exists():
            digest.update(name.encode() + path.read_bytes())
    return digest.hexdigest()


class Store:
    def __init__(self, path: Path | str | None = None, data_dir: Path | None = None):
        self.data_dir = Path(data_dir or config.data_dir())
        self.warning: str | None = None
        self.data_warning: str | None = None
        self._lock = threading.Lock()
        self._con = None
        self._version: str | None = None
        target = Path(path) if path is not None else config.db_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(str(target))
            self.path = str(target)
            self._seed()
            self._read_everything()
        except (duckdb.Error, OSError) as err:
            if getattr(self, "_con", None) is not None:
                self._con.close()
            self.warning = (
                f"The store {target} could not be opened ({type(err).__name__}: "
                f"{str(err).splitlines()[0]}). Showing the bundled data only; "
                "nothing can be saved until this is fixed."
            )
            log.warning(self.warning)
            self._con = duckdb.connect(":memory:")
            self.path = ":memory:"
            self._seed()

    def writable(self) -> Store:
        """This store, or StoreUnavailable when it fell back to the bundled copy: a command
        that writes or exports must not pass that copy off as the store."""
        if self.warning:
            raise StoreUnavailable(self.warning)
        return self

    def _read_everything(self) -> None:
        """Read every stored block once: a damaged file fails here, at start, not mid-page."""
        cur = self._con.cursor()
        try:
            for (name,) in cur.execute("SELECT table_name FROM duckdb_tables()").fetchall():
                cur.sql(f'SELECT * FROM "{name}"').to_arrow_table()
        finally:
            cur.close()

    # -- reading ---------------------------------------------------------------------------
    def query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        # A cursor per call: DuckDB connections are not safe to share across threads.
        cur = self._con.cursor()
        try:
            return cur.execute(sql, params or []).df()
        finally:
            cur.close()

    def version(self) -> str:
        """Changes whenever stored data changes: the key of every cache built on the store.

        Read from `meta` after each commit and kept: every write goes through `transaction`
        and DuckDB lets no other process write the file, so pages may ask for it per row."""
        if self._version is None:
            cur = self._con.cursor()
            try:
                rows = cur.execute(
                    "SELECT key, value FROM meta WHERE key IN ('data_hash', 'writes') ORDER BY key"
                ).fetchall()
            finally:
                cur.close()
            self._version = ";".join(f"{k}={v}" for k, v in rows)
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
        store on since: a build keyed on one version never mixes in rows of another. Writes
        hold the same lock, so the version read here is the version of the rows read."""
        with self._lock:
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
        counter = "writes" if data else "article_writes"
        with self._lock:
            cur = self._con.cursor()
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            else:
                cur.execute(
                    f"INSERT OR REPLACE INTO meta SELECT '{counter}', "
                    "CAST(COALESCE(MAX(TRY_CAST(value AS BIGINT)), 0) + 1 AS VARCHAR) "
                    f"FROM meta WHERE key = '{counter}'"
                )
                cur.execute("COMMIT")
                if data:
                    self._version = None
            finally:
                cur.close()

    def _seed(self) -> None:
        wanted = data_hash(self.data_dir)
        with self.transaction() as cur:
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
                    frames = {name: empty_table(name) for name in TABLE_NAMES}
                    have = {n for (n,) in cur.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
                    frames = {n: f for n, f in frames.items() if n not in have}  # keep what was loaded
                else:
                    frames = load_all(self.data_dir)
                    cur.execute("INSERT OR REPLACE INTO meta VALUES ('data_hash', ?)", [wanted])
                for name, frame in frames.items():
                    cur.register("incoming", frame)
                    cur.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM incoming")
                    cur.unregister("incoming")
            cur.execute(ARTICLE_TABLES)
            wfp_warning = market_prices.seed(cur, self.data_dir)  # WFP prices, data/wfp/
            self.data_warning = self.data_warning or wfp_warning
            for name in INGESTED:  # same columns as the curated table, kept across re-seeds
                cur.execute(f"CREATE TABLE IF NOT EXISTS ingested_{name} AS SELECT * FROM {name} LIMIT 0")
                _add_new_columns(cur, name)
            # One relation to query events by, so that SQL filters run before pandas.
            # Each event's region is its place's (none for a country-wide event): one rule for
            # curated and accepted events alike.
            cur.execute(
                "CREATE OR REPLACE VIEW all_events AS SELECT e.*, l.admin1_code, l.admin1_name FROM "
                "(SELECT * FROM events UNION ALL BY NAME "
                f"SELECT * FROM ingested_events WHERE {_usable('events')}) e "
                "LEFT JOIN (SELECT location_id, admin1_code, admin1_name FROM locations) l USING (location_id)"
            )

    def close(self) -> None:
        self._con.close()


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

    def cols(table):
        return dict(
            cur.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
        )

    have = cols(f"ingested_{name}")
    for col, kind in cols(name).items():
        if col not in have:
            cur.execute(f'ALTER TABLE ingested_{name} ADD COLUMN "{col}" {kind}')
