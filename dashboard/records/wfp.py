"""WFP's market food-price CSV (HDX `wfp_food_prices_<iso3>.csv`) read into market-price rows.

The reader lives in records (what a market-price record is, and which files give one) so that
the store can seed the bundled subset without importing the article pipeline of `ingest`;
`dashboard.ingest.wfp` stores what it reads.

The file is read as HDX serves it: UTF-8 with or without a byte-order mark, LF or CRLF line
ends, the columns in any order (matched by name, case and blanks ignored), extra columns
ignored, and with or without the HXL hashtag row under the header (HDX dropped that row in
February 2026; older downloads have it). Every row keeps its provenance: the file it came from,
the publisher (WFP, via HDX), WFP's market and commodity ids, the price type and flag, the
currency and the unit, each as written.

A file is taken whole or not at all: a missing required column, a price that is not a
positive number, a date that is not YYYY-MM-DD, an id that is not a whole number or two rows
for one market, commodity, unit, price type, currency and month is refused with a message
naming the line and the column, and nothing is stored (`BadInput`). The country comes from a
`countryiso3` column when the file has one, else from the file name (`wfp_food_prices_ner...`),
else from the caller; it must be one of the dashboard's countries.

`parse` is pure (bytes in, a frame out); `dashboard.ingest.wfp.import_files` and
`import_bytes` store the rows through `dashboard.store.market_prices.upsert` (one transaction
per file).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import config
from dashboard.config import MAX_FILE_BYTES, MAX_PROBLEMS  # by name: ingest.wfp hands MAX_PROBLEMS on
from dashboard.errors import BadInput
from dashboard.records import vocab

PUBLISHER = "WFP, via HDX"  # every row's `source`
LICENCE = "CC BY-IGO"
ATTRIBUTION = "Source: WFP, via HDX, CC BY-IGO"

# Columns the importer needs, and those it keeps when present (HDX's names, lowercase).
REQUIRED = (
    "date",
    "market",
    "market_id",
    "commodity",
    "commodity_id",
    "unit",
    "pricetype",
    "currency",
    "price",
)
OPTIONAL = ("admin1", "admin2", "latitude", "longitude", "category", "priceflag", "usdprice", "countryiso3")
TEXT = ("market", "commodity", "unit", "pricetype", "currency", "admin1", "admin2", "category", "priceflag")
# One observation: a market's price of one good, in one unit, type and currency, in one month.
KEY = ("market_id", "commodity_id", "unit", "pricetype", "currency", "date")
# The stored columns, in order (dashboard.store.market_prices creates the table from them).
COLUMNS = (
    "country",
    "date",
    "admin1",
    "admin2",
    "market",
    "market_id",
    "latitude",
    "longitude",
    "category",
    "commodity",
    "commodity_id",
    "unit",
    "priceflag",
    "pricetype",
    "currency",
    "price",
    "usdprice",
    "source",
    "source_file",
)
_FILE_COUNTRY = re.compile(r"wfp_food_prices_([a-z]{3})(?![a-z])", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^[+]?\d+$")


@dataclass(frozen=True)
class Problem:
    line: int  # 1 is the header
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column '{self.column}': {self.message}"


def _refuse(name: str, problems: list[Problem], total: int | None = None) -> BadInput:
    total = total if total is not None else len(problems)
    shown = "; ".join(str(p) for p in problems[:MAX_PROBLEMS])
    more = f" (and {total - MAX_PROBLEMS} more)" if total > MAX_PROBLEMS else ""
    return BadInput(f"{name}: refused, nothing stored: {shown}{more}")


def _text(data: bytes, name: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise BadInput(f"{name}: refused, nothing stored: larger than {MAX_FILE_BYTES:,} bytes")
    try:
        return data.decode("utf-8-sig")  # a byte-order mark is read as such
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise BadInput(f"{name}: refused, nothing stored: line {line} is not UTF-8 text") from None


def _is_hxl(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and all(c.startswith("#") for c in cells)


def _country(frame_countries: list[str] | None, name: str, country: str | None) -> str | list[str]:
    if frame_countries is not None:
        return frame_countries
    found = _FILE_COUNTRY.search(Path(name).name)
    code = (found[1] if found else country or "").upper()
    if not code:
        raise BadInput(
            f"{name}: refused, nothing stored: the file has no countryiso3 column and its name does "
            "not say the country (wfp_food_prices_<iso3>.csv); pass the country (--country NER)"
        )
    if code not in vocab.COUNTRIES:
        raise BadInput(
            f"{name}: refused, nothing stored: country {code!r} is not one of {', '.join(vocab.COUNTRIES)}"
        )
    return code


def parse(data: bytes, name: str, country: str | None = None, today=None) -> pd.DataFrame:
    """The rows of one WFP food-price file (bytes as downloaded) with their provenance, in
    `COLUMNS` order; BadInput naming every fault (line and column, up to MAX_PROBLEMS) when the
    file cannot be taken whole."""
    text = _text(data, name)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise BadInput(f"{name}: refused, nothing stored: the file is empty") from None
    except csv.Error as err:
        raise BadInput(f"{name}: refused, nothing stored: line 1: {err}") from None
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise _refuse(name, [Problem(1, c, "required column missing from the header") for c in missing])
    doubled = sorted({n for n in names if n in REQUIRED + OPTIONAL and names.count(n) > 1})
    if doubled:
        raise _refuse(name, [Problem(1, c, "column named twice in the header") for c in doubled])
    wanted = {n: i for i, n in enumerate(names) if n in REQUIRED + OPTIONAL}
    width = len(names)
    rows: list[list[str]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    line = reader.line_num
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if not any(c.strip() for c in row):
                continue  # a blank line, often the last one
            if not rows and not lines and _is_hxl(row):
                continue  # HDX's hashtag row (files before February 2026)
            if len(row) != width:
                problems.append(Problem(start, "*", f"{len(row)} fields where the header has {width}"))
                continue
            rows.append([row[i] for i in wanted.values()])
            lines.append(start)
    except csv.Error as err:
        raise BadInput(f"{name}: refused, nothing stored: line {line + 1}: {err}") from None
    if problems:
        raise _refuse(name, problems)
    if not rows:
        raise BadInput(f"{name}: refused, nothing stored: no data rows")
    raw = pd.DataFrame(rows, columns=list(wanted), dtype="string")
    frame, problems, total = _typed(raw, pd.Series(lines, dtype="int64"), today)
    if problems:
        raise _refuse(name, problems[:MAX_PROBLEMS], total)
    countries = None
    if "countryiso3" in frame:
        codes = frame["countryiso3"].str.strip().str.upper()
        bad = ~codes.isin(vocab.COUNTRIES)
        if bad.any():
            first = bad.idxmax()
            raise _refuse(
                name,
                [
                    Problem(
                        int(lines[first]),
                        "countryiso3",
                        f"{codes[first]!r} is not one of {', '.join(vocab.COUNTRIES)}",
                    )
                ],
                int(bad.sum()),
            )
        countries = list(codes)
    frame["country"] = _country(countries, name, country)
    frame["source"] = PUBLISHER
    frame["source_file"] = Path(name).name
    _refuse_duplicates(frame, lines, name)
    for col in COLUMNS:
        if col not in frame:
            frame[col] = pd.NA
    out = frame[list(COLUMNS)]
    return out.astype({c: "string" for c in ("country", *TEXT, "source", "source_file")})


def _typed(raw: pd.DataFrame, lines: pd.Series, today) -> tuple[pd.DataFrame, list[Problem], int]:
    """Each column checked and typed at once (no loop over rows): the typed frame, the first
    faults of each column in line order, and how many faults there are in all."""
    problems: list[tuple[int, int, Problem]] = []  # (line, column order, problem) to sort by line
    total = 0
    order = {c: i for i, c in enumerate(raw.columns)}
    out = pd.DataFrame(index=raw.index)

    def flag(mask: pd.Series, column: str, message) -> None:
        nonlocal total
        total += int(mask.sum())
        for i in mask[mask].index[:MAX_PROBLEMS]:
            text = message(raw.at[i, column]) if callable(message) else message
            problems.append((int(lines[i]), order[column], Problem(int(lines[i]), column, text)))

    for col in TEXT:
        if col in raw:
            values = raw[col].str.strip()
            out[col] = values.mask(values == "")
    for col in ("market", "commodity", "unit", "pricetype", "currency"):
        flag(out[col].isna(), col, "empty")
    today = pd.Timestamp(today or pd.Timestamp.today()).normalize()
    dates = raw["date"].str.strip()
    shaped = dates.str.match(_DATE).fillna(False).astype(bool)
    parsed = pd.to_datetime(dates.where(shaped), format="%Y-%m-%d", errors="coerce")
    flag(parsed.isna(), "date", lambda v: f"{v!r} is not a date (YYYY-MM-DD)")
    late = parsed.notna() & ((parsed > today) | (parsed.dt.year < config.FIRST_YEAR))
    flag(late, "date", lambda v: f"{v} is after today or before {config.FIRST_YEAR}")
    out["date"] = parsed
    for col in ("market_id", "commodity_id"):
        values = raw[col].str.strip()
        whole = values.str.match(_INT).fillna(False).astype(bool)
        flag(~whole, col, lambda v: f"{v!r} is not a whole number")
        out[col] = pd.to_numeric(values.where(whole), errors="coerce").astype("Int64")
    price = _number(raw["price"])
    bad = price.isna() | ~(price > 0) | (price > config.MAX_AMOUNT)
    flag(bad, "price", lambda v: f"{v!r} is not a number above 0 (and at most {config.MAX_AMOUNT:,.0f})")
    out["price"] = price
    for col, low, high in (("usdprice", 0, math.inf), ("latitude", -90, 90), ("longitude", -180, 180)):
        if col not in raw:
            continue
        values = raw[col].str.strip()
        given = values.fillna("") != ""
        number = _number(values)
        flag(
            given & (number.isna() | (number < low) | (number > high)),
            col,
            lambda v: f"{v!r} is not a number in range",
        )
        out[col] = number.where(given)
    if "countryiso3" in raw:
        out["countryiso3"] = raw["countryiso3"]
    problems.sort(key=lambda p: (p[0], p[1]))
    return out, [p for _, _, p in problems], total


def _number(values: pd.Series) -> pd.Series:
    """Decimal numbers as WFP writes them ('316', '0.56'); anything else is missing."""
    text = values.astype("string").str.strip()
    plain = text.str.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?").fillna(False).astype(bool)
    return pd.to_numeric(text.where(plain), errors="coerce").astype("Float64")


def _refuse_duplicates(frame: pd.DataFrame, lines: list[int], name: str) -> None:
    key = list(KEY)
    doubled = frame.duplicated(key, keep=False)
    if not doubled.any():
        return
    part = frame[doubled].assign(_line=[lines[i] for i in frame.index[doubled]])
    problems = []
    for _, group in part.groupby(key, sort=False, dropna=False):
        first, *others = list(group["_line"])
        for other in others:
            problems.append(
                Problem(
                    other,
                    "date",
                    f"a second price for the market, commodity, unit, price type, currency and date of line {first}",
                )
            )
    problems.sort(key=lambda p: p.line)
    raise _refuse(name, problems[:MAX_PROBLEMS], len(problems))
