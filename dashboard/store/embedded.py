"""The embedded backend: one DuckDB file (or memory), read and written by this process alone."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from dashboard.store.cursor import DuckCursor

# DuckDB's words for a file another process holds: "Conflicting lock is held in ... (PID 123)".
_HOLDER = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def lock_holder(err: BaseException) -> str | None:
    """'<program> (PID n)' when `err` says another process holds the file, else None."""
    found = _HOLDER.search(str(err))
    return f"{Path(found.group(1)).name} (PID {found.group(2)})" if found else None


class EmbeddedBackend:
    mirrored = False

    def __init__(self, target: str):
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        self.reader = duckdb.connect(target)

    def begin(self) -> DuckCursor:
        return DuckCursor(self.reader.cursor()).execute("BEGIN TRANSACTION")

    def commit(self, cur: DuckCursor) -> None:
        cur.execute("COMMIT")

    def rollback(self, cur: DuckCursor) -> None:
        try:
            cur.execute("ROLLBACK")
        except duckdb.TransactionException:  # the failed commit already ended it
            pass

    def sync(self) -> bool:
        return False  # no other process writes the file

    def check(self) -> None:
        """Read every stored block once: a damaged file fails here, at start, not mid-page."""
        cur = self.reader.cursor()
        try:
            for (name,) in cur.execute("SELECT table_name FROM duckdb_tables()").fetchall():
                cur.sql(f'SELECT * FROM "{name}"').to_arrow_table()
        finally:
            cur.close()

    def close(self) -> None:
        self.reader.close()
