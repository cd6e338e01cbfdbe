"""What a write transaction is given, the same on both backends: `execute(sql, params)` with
`?` placeholders (returning itself, so `.fetchall()` chains), `register` a frame as a table for
the transaction, `replace_table`, `table_names`, `columns`, and `lock` for one-at-a-time work.
`DuckCursor` is DuckDB's (the store file, and every reader); dashboard.store.postgres has
PostgreSQL's.
"""

from __future__ import annotations

import duckdb
import pandas as pd

# A counter in `meta` raised by one: safe when two processes commit at once (PostgreSQL
# re-reads the row it waited for).
BUMP = (
    "INSERT INTO meta VALUES (?, '1') ON CONFLICT (key) DO UPDATE "
    "SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS VARCHAR)"
)
TABLES = (
    "SELECT table_name FROM information_schema.tables "
    "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
)


class Catalogue:
    """What tables and columns a backend holds, asked in SQL both understand."""

    def table_names(self) -> set[str]:
        return {n for (n,) in self.execute(TABLES).fetchall()}

    def columns(self, table: str) -> dict[str, str]:
        """name -> type, in the backend's own type names (what its ALTER TABLE takes)."""
        return dict(
            self.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
        )


class DuckCursor(Catalogue):
    def __init__(self, cur: duckdb.DuckDBPyConnection):
        self._cur = cur

    def execute(self, sql: str, params=None) -> DuckCursor:
        self._cur.execute(sql, params or [])
        return self

    def fetchall(self) -> list[tuple]:
        return self._cur.fetchall()

    def fetchone(self):
        return self._cur.fetchone()

    def df(self) -> pd.DataFrame:
        return self._cur.df()

    def register(self, name: str, frame: pd.DataFrame) -> None:
        self._cur.register(name, frame)

    def unregister(self, name: str) -> None:
        self._cur.unregister(name)

    def replace_table(self, name: str, frame: pd.DataFrame) -> None:
        self._cur.register("incoming_frame", frame)
        self._cur.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM incoming_frame')
        self._cur.unregister("incoming_frame")

    def lock(self, name: str) -> None:
        """Nothing to do: DuckDB lets one process write the file."""

    def close(self) -> None:
        self._cur.close()
