"""Read the curated CSV tables into typed pandas frames (dates as datetimes, counts nullable)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard import config
from dashboard.records import regions
from dashboard.records.schema import TABLES

DATE_COLUMNS = {"date", "start", "end", "previous_date"}
INT_COLUMNS = {"troops"}
FLOAT_COLUMNS = {"lat", "lon", "value", "value_max", "previous_value", "change_pct"}
TABLE_NAMES = tuple(t.file.removesuffix(".csv") for t in TABLES)


def columns(name: str) -> list[str]:
    table = next(t for t in TABLES if t.file == f"{name}.csv")
    return list(table.model.model_fields)


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a frame of strings the types the app computes with."""
    frame = frame.copy()
    for col in frame.columns:
        if frame[col].dtype == object or isinstance(frame[col].dtype, pd.StringDtype):
            try:  # cells are read stripped, as validation reads them
                frame[col] = frame[col].str.strip()
            except AttributeError:  # no text at all in the column (every cell missing)
                pass
        if col in DATE_COLUMNS:
            frame[col] = pd.to_datetime(frame[col], errors="coerce")
        elif col in INT_COLUMNS:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
        elif col in FLOAT_COLUMNS:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Float64")
        else:
            # Stripped (above) as validation reads them: 'niamey ' must still name niamey.
            frame[col] = frame[col].astype("string").replace("", pd.NA)
    return frame


def empty_table(name: str) -> pd.DataFrame:
    """A table with its columns and types and no rows."""
    return _derived(name, typed(pd.DataFrame({c: pd.Series(dtype="string") for c in columns(name)})))


def _derived(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Columns computed at load, never typed in: a place's admin-1 region (spatial join)."""
    return regions.assign(frame) if name == "locations" else frame


def load_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """One curated table, typed; an absent optional table is an empty frame with its columns."""
    path = Path(data_dir or config.data_dir()) / f"{name}.csv"
    if not path.exists():
        return empty_table(name)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
    return _derived(name, typed(raw[columns(name)]))


def load_all(data_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    folder = Path(data_dir or config.data_dir())
    return {name: load_table(name, folder) for name in TABLE_NAMES}
