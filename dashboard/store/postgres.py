"""The PostgreSQL backend: one database that every replica and every command writes, each
process reading from its own in-memory DuckDB copy of it (the mirror).

Why a mirror: every page's SQL keeps one dialect (DuckDB's), frames come out with the same
types whichever backend stores them, and a page never waits on the network per query. The
mirror follows the database table by table: each commit raises the revision (`rev:<table>` in
`meta`) of every table its statements wrote, in the same transaction, and `sync` copies the
tables whose revision moved, all read in one snapshot, through ADBC into Arrow and DuckDB.
Other processes' writes therefore show within `config.SYNC_SECONDS` of the next read.

Writes go through psycopg on one connection per process (the store's lock serialises its
transactions). Statements are written once for both backends: `?` placeholders, standard
`ON CONFLICT`, no DuckDB-only syntax.
"""

from __future__ import annotations

import re

import adbc_driver_postgresql.dbapi as adbc
import duckdb
import numpy as np
import pandas as pd
import psycopg

from dashboard.store.cursor import BUMP, TABLES, Catalogue

# DuckDB's column types and PostgreSQL's names for them (the types the store's tables use).
_PG_TYPES = {
    "VARCHAR": "VARCHAR",
    "BIGINT": "BIGINT",
    "INTEGER": "INTEGER",
    "SMALLINT": "SMALLINT",
    "TINYINT": "SMALLINT",
    "DOUBLE": "DOUBLE PRECISION",
    "FLOAT": "REAL",
    "BOOLEAN": "BOOLEAN",
    "DATE": "DATE",
    "TIMESTAMP": "TIMESTAMP",
    "TIMESTAMP_NS": "TIMESTAMP",
    "TIMESTAMP WITH TIME ZONE": "TIMESTAMPTZ",
    '"NULL"': "VARCHAR",  # a column of nothing but NULL
}


def pg_type(duckdb_type) -> str:
    name = str(duckdb_type).upper()
    if name not in _PG_TYPES:
        raise TypeError(f"no PostgreSQL column type for DuckDB's {name}")
    return _PG_TYPES[name]


REV = "rev:"
# The table a statement writes: what its transaction must mark as changed.
# (A table made by CREATE TABLE IF NOT EXISTS is new and empty, or was there already: either
# way nothing to copy again; a mirror loads a table it has not seen at its next sync.)
_WRITES = re.compile(
    r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|ALTER\s+TABLE|DROP\s+TABLE(?:\s+IF\s+EXISTS)?|"
    r"CREATE\s+(?:OR\s+REPLACE\s+)?TABLE(?!\s+IF\s+NOT))\s+\"?(\w+)",
    re.IGNORECASE | re.MULTILINE,
)


def is_postgres(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def redacted(target: str) -> str:
    """The address without its password, for messages and logs."""
    return re.sub(r"^(postgres(?:ql)?://[^:/@]*):[^@]*@", r"\1:***@", target)


def _plain(value):
    """A parameter psycopg can send: numpy scalars as Python values, pandas' missing as NULL."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


class PgCursor(Catalogue):
    """A psycopg cursor that speaks the store's statements and remembers the tables written."""

    def __init__(self, cur: psycopg.Cursor):
        self._cur = cur
        self.written: set[str] = set()
        self.temporary: set[str] = set()

    def execute(self, sql: str, params=None) -> PgCursor:
        self.written.update(t.lower() for t in _WRITES.findall(sql))
        if params:  # psycopg's placeholders are %s, and a literal % is written %%
            self._cur.execute(sql.replace("%", "%%").replace("?", "%s"), [_plain(p) for p in params])
        else:
            self._cur.execute(sql)
        return self

    def fetchall(self) -> list[tuple]:
        return self._cur.fetchall() if self._cur.description else []

    def fetchone(self):
        return self._cur.fetchone() if self._cur.description else None

    def register(self, name: str, frame: pd.DataFrame) -> None:
        """`frame` as a temporary table `name` for this transaction (DuckDB's register)."""
        self._load(name, frame, "CREATE TEMPORARY TABLE {name} ({cols}) ON COMMIT DROP")
        self.temporary.add(name)

    def unregister(self, name: str) -> None:
        self._cur.execute(f'DROP TABLE IF EXISTS "{name}"')
        self.temporary.discard(name)

    def replace_table(self, name: str, frame: pd.DataFrame) -> None:
        self._cur.execute(f'DROP TABLE IF EXISTS "{name}"')
        self._load(name, frame, "CREATE TABLE {name} ({cols})")
        self.written.add(name)

    def _load(self, name: str, frame: pd.DataFrame, create: str) -> None:
        # Column types as DuckDB gives them for this frame: the mirror reads back what the
        # DuckDB backend would have stored.
        scratch = duckdb.connect()
        relation = scratch.from_df(frame)
        cols = ", ".join(f'"{c}" {pg_type(t)}' for c, t in zip(relation.columns, relation.types, strict=True))
        self._cur.execute(create.format(name=f'"{name}"', cols=cols))
        quoted = ", ".join(f'"{c}"' for c in relation.columns)
        with self._cur.copy(f'COPY "{name}" ({quoted}) FROM STDIN') as copy:
            for row in relation.fetchall():
                copy.write_row(row)
        scratch.close()

    def lock(self, name: str) -> None:
        """Held until this transaction ends: replicas starting together seed one at a time."""
        self._cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])

    def close(self) -> None:
        self._cur.close()


class PostgresBackend:
    mirrored = True
    ERRORS = (psycopg.Error, adbc.Error)  # a database that is not there, or refuses us

    def __init__(self, dsn: str):
        self.dsn = dsn
        self._con = self._writer()
        self._reader_con = self._snapshots()
        self.reader = duckdb.connect(":memory:")
        self._loaded: dict[str, str] = {}  # table -> revision in the mirror

    def _writer(self) -> psycopg.Connection:
        return psycopg.connect(self.dsn, connect_timeout=10)

    def _snapshots(self):
        con = adbc.connect(self.dsn)
        con.adbc_connection.set_autocommit(True)  # its snapshots are explicit
        return con

    # -- writing -------------------------------------------------------------------------
    def begin(self) -> PgCursor:
        """A cursor in a new transaction, on a connection that answers: after a restart of the
        database (or a dropped link) the first write goes through instead of failing."""
        try:
            cur = self._con.cursor()
            cur.execute("SELECT 1")  # opens the transaction, and proves the link
        except psycopg.OperationalError:
            self._con.close()
            self._con = self._writer()
            cur = self._con.cursor()
        return PgCursor(cur)

    def commit(self, cur: PgCursor) -> None:
        for table in sorted(cur.written - cur.temporary):  # meta too: every commit writes it
            cur.execute(BUMP, [REV + table])
        self._con.commit()

    def rollback(self, cur: PgCursor) -> None:
        self._con.rollback()

    # -- reading -------------------------------------------------------------------------
    def sync(self) -> bool:
        """Copy into the mirror every table whose revision moved; True when one did. A link
        that broke is made again once; a database that stays down raises."""
        try:
            return self._sync()
        except (adbc.OperationalError, adbc.InternalError):
            self._reader_con.close()
            self._reader_con = self._snapshots()
            return self._sync()

    def _sync(self) -> bool:
        cur = self._reader_con.cursor()
        try:
            cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                cur.execute(f"SELECT key, value FROM meta WHERE key LIKE '{REV}%'")
                revs = {k[len(REV) :]: v for k, v in cur.fetchall()}
                cur.execute(TABLES)
                present = {n for (n,) in cur.fetchall()}
                moved = {
                    t: revs.get(t) for t in present if t not in self._loaded or self._loaded[t] != revs.get(t)
                }
                for table in sorted(moved):
                    cur.execute(f'SELECT * FROM "{table}"')
                    incoming = cur.fetch_arrow_table()
                    self.reader.register("incoming_arrow", incoming)
                    self.reader.execute(f'CREATE OR REPLACE TABLE "{table}" AS SELECT * FROM incoming_arrow')
                    self.reader.unregister("incoming_arrow")
            finally:
                cur.execute("COMMIT")
        finally:
            cur.close()
        self._loaded.update(moved)
        return bool(moved)

    def check(self) -> None:
        """Nothing to read ahead: PostgreSQL checks its own pages."""

    def close(self) -> None:
        for con in (self._con, self._reader_con, self.reader):
            try:
                con.close()
            except Exception:  # closing a broken connection is no news
                pass
