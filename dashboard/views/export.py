"""Exports of filtered tables for analysts: CSV with an optional HXL hashtag row, and JSON.

HXL (the Humanitarian Exchange Language) adds a second header row of hashtags so that HDX tools
recognise columns whatever their names. Readers must cope with files with and without that row
(WFP's HDX price files dropped theirs in February 2026), so `read_csv` detects it.

Text cells that a spreadsheet would run as a formula are prefixed with a single quote (OWASP's
advice for CSV injection) and `read_csv` takes exactly that quote off again. A leading '#' is
treated the same way, so that no data row can pass for the hashtag row.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re

import numpy as np
import pandas as pd

from dashboard.errors import BadInput
from dashboard.records.grades import strongest
from dashboard.records.missing import is_na
from dashboard.records.schema import split_ids

_COMMON = {
    "country": "#country+code",
    "location_id": "#loc+code",
    "place": "#loc+name",
    "admin1_code": "#adm1+code",
    "admin1_name": "#adm1+name",
    "lat": "#geo+lat",
    "lon": "#geo+lon",
    "summary": "#description",
    "summary_fr": "#description+i_fr",  # HXL's language attribute
    "evidence": "#description+evidence",
    "notes": "#description+notes",
    "source_ids": "#meta+source",
    "source_publishers": "#meta+publisher",
    "source_urls": "#meta+url",
    "source_grades": "#meta+source+grade",
    "strongest_grade": "#meta+grade+strongest",
    "status": "#status+verification",
}
# Every table ends with what it says and where it comes from, tagged the same way.
_SOURCES = ("source_ids", "source_publishers", "source_urls", "source_grades", "strongest_grade")
_PROVENANCE = {k: _COMMON[k] for k in ("summary", "summary_fr", "evidence", *_SOURCES, "status", "notes")}
# Where a row is: its place, region and coordinates (empty for a country-wide row).
_PLACE = {k: _COMMON[k] for k in ("location_id", "place", "admin1_code", "admin1_name", "lat", "lon")}
# A force at a place since a date: how intervals and the situation both begin.
_FORCE_AT = {
    "actor": "#org+name",
    "force": "#org+force",
    "country": _COMMON["country"],
    **_PLACE,
    "start": "#date+start",
    "start_precision": "#date+start+precision",
}
HXL_TAGS: dict[str, dict[str, str]] = {
    "events": {
        "event_id": "#event+id",
        "date": "#date",
        "date_precision": "#date+precision",
        "country": _COMMON["country"],
        **_PLACE,
        "actor": "#org+name",
        "force": "#org+force",
        "event_type": "#event+type",
        # Troops are not people affected (#affected): an indicator with its kind beside it.
        "troops": "#indicator+troops+num",
        "troops_kind": "#indicator+troops+type",
        **_PROVENANCE,
    },
    "sanctions": {
        "sanction_id": "#event+sanction+id",
        "imposer": "#org+imposer",
        "country": _COMMON["country"],
        "measure": "#event+measure",
        "start": "#date+start",
        "start_precision": "#date+start+precision",
        "end": "#date+end",
        "end_precision": "#date+end+precision",
        **_PROVENANCE,
    },
    "prices": {
        "price_id": "#item+price+id",
        "country": _COMMON["country"],
        "place": _COMMON["place"],
        "location_id": _COMMON["location_id"],
        "admin1_code": _COMMON["admin1_code"],
        "admin1_name": _COMMON["admin1_name"],
        "lat": _COMMON["lat"],
        "lon": _COMMON["lon"],
        "commodity": "#item+name",
        "commodity_detail": "#item+detail",
        "unit": "#item+unit",
        "currency": "#currency",
        "value": "#value",
        "value_max": "#value+max",
        "previous_value": "#value+previous",
        "previous_date": "#date+previous",
        "change_pct": "#value+change+pct",
        "date": "#date",
        "date_precision": "#date+precision",
        "context": "#meta+context",
        "evidence": _COMMON["evidence"],
        **{k: _COMMON[k] for k in _SOURCES},
        "status": _COMMON["status"],
        "notes": _COMMON["notes"],
    },
    # WFP market prices (dashboard.store.market_prices) with their ALPS grade; the tags are WFP's
    # own (HDX's food-price files), so a file exported here reads back into the importer.
    "market_prices": {
        "date": "#date",
        "country": _COMMON["country"],
        "admin1": "#adm1+name",
        "admin2": "#adm2+name",
        "market": "#loc+market+name",
        "market_id": "#loc+market+code",
        "latitude": "#geo+lat",
        "longitude": "#geo+lon",
        "category": "#item+type",
        "commodity": "#item+name",
        "commodity_id": "#item+code",
        "unit": "#item+unit",
        "priceflag": "#item+price+flag",
        "pricetype": "#item+price+type",
        "currency": "#currency",
        "price": "#value",
        "usdprice": "#value+usd",
        "trend": "#value+trend",
        "alps": "#indicator+alps",
        "alert": "#status+alert",
        "source": "#meta+source",
        "source_file": "#meta+file",
        "licence": "#meta+licence",
    },
    # Presence intervals (a force at a place from one date to another), for GIS layers.
    "intervals": {
        **_FORCE_AT,
        "end": "#date+end",
        "end_precision": "#date+end+precision",
        "leaving_since": "#date+leaving",
        "event_ids": "#event+id",
        **{k: _COMMON[k] for k in _SOURCES},
    },
    # The forces present on one map date, as the home map shows them.
    "situation": {
        **_FORCE_AT,
        "last_confirmed": "#date+confirmed",
        "stale": "#status+stale",
        "leaving_since": "#date+leaving",
        "troops_min": "#indicator+troops+min+num",
        "troops_max": "#indicator+troops+max+num",
        "troops_date": "#date+troops",
        "troops_stale": "#status+troops+stale",
        **{k: _COMMON[k] for k in _SOURCES},
    },
}
COLUMNS = {what: list(tags) for what, tags in HXL_TAGS.items()}
INT_COLUMNS = {"troops", "troops_min", "troops_max", "market_id", "commodity_id"}
FLOAT_COLUMNS = {"lat", "lon", "value", "value_max", "previous_value", "change_pct"}
FLOAT_COLUMNS |= {"latitude", "longitude", "price", "usdprice", "trend", "alps"}
DATE_COLUMNS = {"date", "start", "end", "previous_date", "last_confirmed", "leaving_since", "troops_date"}
BOOL_COLUMNS = {"stale", "troops_stale"}
KNOWN_COLUMNS = {c for cols in COLUMNS.values() for c in cols}
# First characters a spreadsheet may read as a formula (OWASP), plus '#' (see module doc).
_TRIGGERS = frozenset("=+-@\t\r#")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


# -- preparing frames ------------------------------------------------------------------------


def _iso_dates(series: pd.Series) -> pd.Series:
    dates = pd.to_datetime(series, errors="coerce")
    return dates.dt.strftime("%Y-%m-%d").astype("string")


def _resolve_sources(ids: pd.Series, sources: pd.DataFrame) -> dict[str, list]:
    """Publishers, URLs and grades aligned one to one with each row's source ids (';'-joined),
    and the strongest grade of each row."""
    keys = sources.get("source_id", [])
    lookups = {
        col: dict(zip(keys, sources[col])) if col in sources else {}
        for col in ("publisher", "url", "reliability")
    }
    out = {"source_publishers": [], "source_urls": [], "source_grades": [], "strongest_grade": []}
    grades = {k: g for k, g in lookups["reliability"].items() if not is_na(g)}
    for value in ids:
        parts = split_ids(value)
        for name, col in (
            ("source_publishers", "publisher"),
            ("source_urls", "url"),
            ("source_grades", "reliability"),
        ):
            found = lookups[col]
            out[name].append(
                ";".join("" if is_na(found.get(p)) else str(found.get(p)) for p in parts) if parts else pd.NA
            )
        out["strongest_grade"].append(strongest(";".join(parts), grades) or pd.NA)
    return out


def prepare(
    what: str, frame: pd.DataFrame, sources: pd.DataFrame, locations: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The exported columns of `what` in a fixed order: dates as ISO 'YYYY-MM-DD' strings (their
    precision in its own column), sources resolved to publishers and URLs, and for located rows
    the place name and coordinates from `locations` (never invented for country-wide rows)."""
    if what not in COLUMNS:
        raise BadInput(f"unknown export {what!r}: expected one of {sorted(COLUMNS)}")
    out = frame.copy().reset_index(drop=True)
    if locations is not None and "location_id" in out and not locations.empty:
        locs = locations.drop_duplicates("location_id").set_index("location_id")
        loc_ids = out["location_id"].astype("string")
        out["lat"] = loc_ids.map(locs["lat"]).astype("Float64") if "lat" in locs else pd.NA
        out["lon"] = loc_ids.map(locs["lon"]).astype("Float64") if "lon" in locs else pd.NA
        if what in ("events", "situation", "intervals") and "name" in locs:
            out["place"] = loc_ids.map(locs["name"])
        for col in ("admin1_code", "admin1_name"):  # a place's region (records.regions)
            if col in locs:
                out[col] = loc_ids.map(locs[col]).astype("string")
    resolved = _resolve_sources(out.get("source_ids", pd.Series([pd.NA] * len(out))), sources)
    for name, values in resolved.items():
        out[name] = values
    result = pd.DataFrame(index=out.index)
    for col in COLUMNS[what]:
        values = out[col] if col in out else pd.Series([pd.NA] * len(out), index=out.index)
        result[col] = _typed_column(col, values)
    return result


def _typed_column(col: str, values: pd.Series) -> pd.Series:
    if col in BOOL_COLUMNS:
        return values.astype("boolean")
    if col in DATE_COLUMNS:
        return _iso_dates(values)
    if col in INT_COLUMNS:
        return pd.to_numeric(values, errors="coerce").astype("Int64")
    if col in FLOAT_COLUMNS:
        return pd.to_numeric(values, errors="coerce").astype("Float64")
    # Empty text is no value: the schema reads a blank cell as missing, and so does read_csv.
    text = values.astype("string")
    return text.mask(text == "")


# -- CSV ------------------------------------------------------------------------------------


def _needs_quote(text: str) -> bool:
    """A formula trigger first, or a '#' after blanks (a reader strips them before it looks
    for the hashtag row), once any quotes are set aside."""
    rest = text.lstrip("'")
    return rest[:1] in _TRIGGERS or rest.lstrip()[:1] == "#"


def neutralise(text: str) -> str:
    """Prefix a quote to text a spreadsheet would run as a formula (reversible, see restore)."""
    return "'" + text if _needs_quote(text) else text


def restore(text: str) -> str:
    """Undo `neutralise` exactly: one quote comes off only where neutralise put one."""
    return text[1:] if text[:1] == "'" and _needs_quote(text[1:]) else text


def _fmt_number(value) -> str:
    if isinstance(value, (bool, np.bool_)):
        return str(value).lower()
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    number = float(value)
    if math.isfinite(number) and number.is_integer() and abs(number) < 1e15:
        return str(int(number))  # 11000, not 11000.0
    return repr(number)


def _cell(value) -> str:
    if is_na(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value)).lower()
    if isinstance(value, (int, float, np.integer, np.floating)):
        return _fmt_number(value)  # a number is never a formula: left as is
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    return neutralise(str(value))


def to_csv(frame: pd.DataFrame, what: str, hxl: bool = True, bom: bool = False) -> str:
    """CSV text of `frame` (usually from `prepare`), with the HXL hashtag row when `hxl`.

    `bom` starts the text with a UTF-8 byte-order mark, which Excel needs to read accents.
    """
    if what not in HXL_TAGS:
        raise BadInput(f"unknown export {what!r}: expected one of {sorted(HXL_TAGS)}")
    buffer = io.StringIO(newline="")
    # CRLF (RFC 4180): with it the writer also quotes cells holding a lone CR.
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = [str(c) for c in frame.columns]
    writer.writerow(columns)
    if hxl:
        writer.writerow([HXL_TAGS[what].get(c, "") for c in columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" if bom else "") + buffer.getvalue()


def _json_value(value):
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_json_value(v) for v in value]
    if is_na(value):
        return None
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        ts = pd.Timestamp(value)
        return ts.strftime("%Y-%m-%d") if ts == ts.normalize() else ts.isoformat()
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer, int)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return float(value) if math.isfinite(value) else None
    return value if isinstance(value, str) else str(value)


def to_json(frame: pd.DataFrame) -> str:
    """Records as a JSON array: ISO dates, missing values as null, non-ASCII kept as is."""
    columns = [str(c) for c in frame.columns]
    records = [
        dict(zip(columns, (_json_value(v) for v in row))) for row in frame.itertuples(index=False, name=None)
    ]
    return json.dumps(records, ensure_ascii=False, allow_nan=False)


__all__ = ["HXL_TAGS", "COLUMNS", "prepare", "to_csv", "to_json", "neutralise", "restore"]
