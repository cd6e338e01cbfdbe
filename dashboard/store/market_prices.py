"""The `market_prices` table: WFP's monthly market prices, as imported (dashboard.ingest.wfp).

One row per market, commodity, unit, price type, currency and date (the natural key, enforced
by the table's primary key). `upsert` writes a file's rows in one transaction: a key not yet
stored is inserted, a key whose values differ is updated in place, and a re-import of the same
rows writes nothing at all (the store's version, and every cache keyed on it, stays).
`imported_at` says when a row's values were last written.

The bundled subset (`data/wfp/*.csv`, see data/wfp/README.md), read by
`dashboard.records.wfp.parse`, is seeded on first start and
again when those files change (their hash is kept in `meta` under `wfp_hash`). Seeding never
overwrites a row that came from another file: a newer file a reviewer imported stays.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from dashboard.errors import BadInput, StoreChanged
from dashboard.records import wfp
from dashboard.records.wfp import ATTRIBUTION, LICENCE, PUBLISHER  # noqa: F401 (what pages cite)

log = logging.getLogger("dashboard.store")

TABLE = "market_prices"
DDL = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    country VARCHAR NOT NULL, date DATE NOT NULL, admin1 VARCHAR, admin2 VARCHAR,
    market VARCHAR NOT NULL, market_id BIGINT NOT NULL, latitude DOUBLE PRECISION, longitude DOUBLE PRECISION,
    category VARCHAR, commodity VARCHAR NOT NULL, commodity_id BIGINT NOT NULL,
    unit VARCHAR NOT NULL, priceflag VARCHAR, pricetype VARCHAR NOT NULL,
    currency VARCHAR NOT NULL, price DOUBLE PRECISION NOT NULL CHECK (price > 0),
    usdprice DOUBLE PRECISION,
    source VARCHAR NOT NULL, source_file VARCHAR NOT NULL, imported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (market_id, commodity_id, unit, pricetype, currency, date));
"""
KEY = ("market_id", "commodity_id", "unit", "pricetype", "currency", "date")
# What a newer file may change in place (the key stays).
VALUES = (
    "country",
    "admin1",
    "admin2",
    "market",
    "latitude",
    "longitude",
    "category",
    "commodity",
    "priceflag",
    "price",
    "usdprice",
    "source",
    "source_file",
)
BUNDLED = "wfp"  # data/wfp/: the bundled subset
META_KEY = "wfp_hash"


class Counts(NamedTuple):
    inserted: int
    updated: int
    unchanged: int


def create(cur) -> None:
    cur.execute(DDL)


def _differs() -> str:
    """SQL: the incoming row states other values than the stored one. Its file alone is no
    change: a newer file that repeats a row leaves it (and its provenance) as it was."""
    return " OR ".join(f"t.{c} IS DISTINCT FROM i.{c}" for c in VALUES if c not in ("source", "source_file"))


def _on_key() -> str:
    return " AND ".join(f"t.{c} = i.{c}" for c in KEY)


def _counts(cur, keep_others: bool = False) -> Counts:
    """New, changed and unchanged rows of `incoming` against the table."""
    guard = " AND t.source_file = i.source_file" if keep_others else ""
    n = cur.execute("SELECT count(*) FROM incoming").fetchall()[0][0]
    matched, changed = cur.execute(
        f"SELECT count(*), count(*) FILTER (WHERE ({_differs()}){guard}) "
        f"FROM {TABLE} t JOIN incoming i ON {_on_key()}"
    ).fetchall()[0]
    return Counts(n - matched, changed, matched - changed)


def _write(cur, keep_others: bool = False) -> None:
    guard = " AND t.source_file = i.source_file" if keep_others else ""
    sets = ", ".join(f"{c} = i.{c}" for c in VALUES)
    cur.execute(
        f"UPDATE {TABLE} t SET {sets}, imported_at = now()::TIMESTAMP FROM incoming i "
        f"WHERE {_on_key()} AND ({_differs()}){guard}"
    ).fetchall()  # DuckDB wants each statement's result read before the next one
    cols = ", ".join((*KEY, *VALUES))
    cur.execute(
        f"INSERT INTO {TABLE} ({cols}, imported_at) SELECT {', '.join(f'i.{c}' for c in (*KEY, *VALUES))}, "
        f"now()::TIMESTAMP FROM incoming i WHERE NOT EXISTS (SELECT 1 FROM {TABLE} t WHERE {_on_key()})"
    ).fetchall()


def _incoming(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["date"] = pd.to_datetime(out["date"]).dt.date
    return out


def upsert(store, frame: pd.DataFrame) -> Counts:
    """Store the rows of one parsed file (dashboard.ingest.wfp.parse) in one transaction:
    inserted, updated in place, or left as they are. Nothing is written (and the store's
    version stays) when every row is already stored as it is."""
    store.writable()
    incoming = _incoming(frame)
    with store.reading() as cur:  # a read first: an unchanged file must not move the version
        cur.register("incoming", incoming)
        counts = _counts(cur)
    if counts.inserted == 0 and counts.updated == 0:
        return counts
    with store.transaction() as cur:
        cur.register("incoming", incoming)
        counts = _counts(cur)
        _write(cur)
        cur.unregister("incoming")
    return counts


def bundled_files(data_dir: Path) -> list[Path]:
    folder = Path(data_dir) / BUNDLED
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


class Seeded(NamedTuple):
    wrote: bool
    warning: str | None  # a bundled file refused (nothing of it is loaded)


def seed(cur, data_dir: Path) -> Seeded:
    """Create the table and load the bundled subset when its files changed (inside the store's
    seeding transaction)."""
    create(cur)
    files = bundled_files(data_dir)
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + path.read_bytes())
    wanted = digest.hexdigest()
    rows = cur.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchall()
    if rows and rows[0][0] == wanted:
        return Seeded(False, None)
    wrote = False
    for path in files:
        try:
            frame = wfp.parse(path.read_bytes(), path.name)
        except BadInput as err:
            log.warning("bundled market prices not loaded: %s", err)
            return Seeded(wrote, str(err))
        cur.register("incoming", _incoming(frame))
        # a row some other (newer) file wrote is kept
        _write(cur, keep_others=True)
        cur.unregister("incoming")
        wrote = True
    cur.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [META_KEY, wanted],
    )
    return Seeded(wrote, None)


def read(store, version: str | None = None) -> pd.DataFrame:
    """Every stored market price, dates as timestamps; StoreChanged when `version` is given and a
    write moved the store on while reading (a build keyed on one version never mixes two)."""
    if version is not None and store.version() != version:
        raise StoreChanged(f"the store moved on from version {version}")
    frame = store.query(f"SELECT * FROM {TABLE} ORDER BY country, market, commodity, unit, pricetype, date")
    if version is not None and store.version() != version:
        raise StoreChanged(f"the store moved on from version {version}")
    return typed(frame)


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["date"] = pd.to_datetime(out["date"])
    for col in ("market_id", "commodity_id"):
        out[col] = out[col].astype("Int64")
    for col in ("price", "usdprice", "latitude", "longitude"):
        out[col] = out[col].astype("Float64")
    return out


def frame(query) -> pd.DataFrame:
    """Every stored market price through a store's `query` (what the views are given)."""
    return typed(
        query(f"SELECT * FROM {TABLE} ORDER BY country, market, commodity, unit, pricetype, date", [])
    )


def markets(query) -> pd.DataFrame:
    """One row per WFP market: where it is, how many prices and from when to when (`query` is
    a store's `query`)."""
    return query(
        "SELECT country, market, market_id, min(latitude) AS latitude, min(longitude) AS longitude, "
        "count(*) AS prices, min(date) AS first_date, max(date) AS last_date, "
        "'WFP, via HDX, CC BY-IGO' AS source FROM market_prices GROUP BY ALL ORDER BY country, market"
    )
