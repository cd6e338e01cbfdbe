"""Exports read back (an analyst's round trip, and the tests): CSV with or without its HXL
row, typed as `export.prepare` types it, the spreadsheet formula guard removed."""

from __future__ import annotations

import csv
import io
import os
import threading
from pathlib import Path

import pandas as pd

from dashboard.views.export import BOOL_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, KNOWN_COLUMNS, NUMBER, restore

# csv's field size limit is one setting for the whole process: raised for one read and put
# back under this lock, so that no other read in this process sees it change midway.
_FIELD_LIMIT = threading.Lock()


def _read_text(source) -> str:
    if hasattr(source, "read"):
        source = source.read()
    if isinstance(source, (bytes, bytearray)):
        return bytes(source).decode("utf-8-sig")
    if isinstance(source, os.PathLike) or _is_file(source):
        return Path(source).read_text(encoding="utf-8-sig")
    return str(source).removeprefix("\ufeff")


def _is_file(source) -> bool:
    """A one-line string naming an existing file (CSV text always holds a line break or is
    a lone header, which names no file)."""
    if not isinstance(source, str) or not source or "\n" in source or "\r" in source:
        return False
    try:
        return Path(source).is_file()
    except (OSError, ValueError):
        return False


def is_hxl_row(cells: list[str]) -> bool:
    """A hashtag row: at least one cell set, and every set cell starting with '#'."""
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(c.startswith("#") for c in filled)


def _unique(names: list[str]) -> list[str]:
    """Header names made unique with .1, .2, ... skipping any suffix another column already has.

    Linear: each base name remembers the next suffix to try (a header of thousands of blank
    names must not take seconds)."""
    taken: set[str] = set(names)  # a later '.1' name claims its suffix before an earlier twin
    used: set[str] = set()
    next_k: dict[str, int] = {}
    out = []
    for n in names:
        name = n
        if name in used:
            k = next_k.get(n, 1)
            while f"{n}.{k}" in taken or f"{n}.{k}" in used:
                k += 1
            name, next_k[n] = f"{n}.{k}", k + 1
        used.add(name)
        out.append(name)
    return out


def read_csv(source) -> pd.DataFrame:
    """A CSV export (text, bytes, path or open file) with or without its HXL row, typed as
    `prepare` types it: known number columns as Int64/Float64, all else as strings with the
    formula guard removed. Unknown columns whose every cell is a plain number become Float64.
    The hashtags, when present, are kept in `frame.attrs['hxl']`."""
    text = _read_text(source)
    # Our own cells can be long (article evidence): allow any cell the text itself can hold,
    # then put the process-wide limit back.
    with _FIELD_LIMIT:
        previous = csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
        try:
            rows = list(csv.reader(io.StringIO(text, newline="")))
        finally:
            csv.field_size_limit(previous)
    if not rows:
        return pd.DataFrame()
    header = _unique(rows[0])
    body = rows[1:]
    tags = None
    if body and is_hxl_row(body[0]):
        tags = dict(zip(header, body[0]))
        body = body[1:]
    width = len(header)
    body = [(r + [""] * width)[:width] for r in body]
    # Typed column by column, then put together once, from arrays and without copies: adding
    # thousands of columns one by one costs quadratic time, and Series copied in cost 4x more.
    arrays = {i: _typed_read(col, [r[i] for r in body]).array for i, col in enumerate(header)}
    frame = pd.DataFrame(arrays, copy=False)
    frame.columns = header
    if tags is not None:
        frame.attrs["hxl"] = tags
    return frame


def _typed_read(col: str, values: list[str]) -> pd.Series:
    if not any(values):  # an empty column (a wide header of blank names is thousands of them)
        kind = (
            "Int64"
            if col in INT_COLUMNS
            else "Float64"
            if col in FLOAT_COLUMNS
            else "boolean"
            if col in BOOL_COLUMNS
            else "string"
        )
        return pd.Series([pd.NA] * len(values), dtype=kind)
    cells = pd.Series(values, dtype=object)
    blank = cells == ""
    if col in BOOL_COLUMNS:
        return cells.map({"true": True, "false": False}).astype("boolean")
    if col in INT_COLUMNS:
        numbers = pd.to_numeric(cells.mask(blank), errors="coerce").astype("Float64")
        # A hand-edited '5.5' troops cell stays a number rather than failing the whole file.
        whole = numbers.dropna().map(float.is_integer).all() if numbers.notna().any() else True
        return numbers.astype("Int64") if whole else numbers
    if col in FLOAT_COLUMNS:
        return pd.to_numeric(cells.mask(blank), errors="coerce").astype("Float64")
    if (
        col not in KNOWN_COLUMNS
        and (~blank).any()
        and cells[~blank].map(lambda c: bool(NUMBER.match(c))).all()
    ):
        return pd.to_numeric(cells.mask(blank), errors="coerce").astype("Float64")
    return cells.map(restore).mask(blank).astype("string")


# -- JSON -----------------------------------------------------------------------------------
