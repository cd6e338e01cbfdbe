"""Filter state <-> URL query parameters, and applying filters to frames.

Parsing never raises: a malformed or unknown value is dropped and reported as a notice, so a
hand-edited or truncated link still opens a page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

import pandas as pd

from dashboard import config
from dashboard.records import regions, vocab

PARAMS = (
    "country",
    "actor",
    "type",
    "from",
    "to",
    "q",
    "date",
    "lang",
    "step",
    "base",
    "admin1",
    "near",
    "market",
    "commodity",
)


@dataclass(frozen=True)
class Notice:
    name: str
    value: str
    why: str  # an i18n key: notice.not_a_date, notice.unknown_value, ...


@dataclass(frozen=True)
class Filters:
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    text: str = ""
    date: str | None = None  # the map's as-of date, YYYY-MM or YYYY-MM-DD
    lang: str = "en"
    step: int | None = None
    base: str | None = None  # the indicators page's price baseline, YYYY-MM (the end of that month)
    admin1: tuple[str, ...] = ()  # ISO 3166-2 codes of admin-1 regions (records.regions)
    near_km: int | None = None  # the timeline: events within this many km of a foreign base
    markets: tuple[str, ...] = ()  # WFP markets by id or name, as the link gives them
    commodity: str | None = None  # a WFP commodity name ("Millet"), as the link gives it

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)


def parse_date(value: str, end_of_period: bool = False) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD to a date (the period's first or last day); None if malformed."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            first = dt.date.fromisoformat(value + "-01")
            return (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date() if end_of_period else first
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 12, 31) if end_of_period else dt.date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def _values(params, name: str) -> list[str]:
    """A repeatable parameter, also accepting comma-separated values."""
    raw = params.get_all(name) if hasattr(params, "get_all") else params.get(name, [])
    if isinstance(raw, str):
        raw = [raw]
    return [v.strip() for item in raw for v in str(item).split(",") if v.strip()]


def _pick(values: list[str], allowed, name: str, notices: list, normalise=str) -> tuple:
    canon = {normalise(a): a for a in allowed}
    kept = []
    for v in values:
        if normalise(v) in canon:
            kept.append(canon[normalise(v)])
        else:
            notices.append(Notice(name, v, "notice.unknown_value"))
    return tuple(dict.fromkeys(kept))


def from_params(params, actors=vocab.ACTORS, types=None) -> tuple[Filters, list[Notice]]:
    """Read filters from a mapping of query parameters (st.query_params or a dict of lists)."""
    notices: list[Notice] = []
    types = types or (vocab.EVENT_TYPES + vocab.SANCTION_MEASURES)
    keys = list(params.keys())
    for key in keys:
        if key not in PARAMS:
            notices.append(Notice(key, str(params.get(key, ""))[:40], "notice.unknown_value"))
    countries = _pick(_values(params, "country"), vocab.COUNTRIES, "country", notices, str.upper)
    actor_t = _pick(_values(params, "actor"), actors, "actor", notices, str.casefold)
    type_t = _pick(_values(params, "type"), types, "type", notices, str.casefold)
    dates = {}
    for name in ("from", "to"):
        vals = _values(params, name)
        if vals:
            d = parse_date(vals[-1], end_of_period=(name == "to"))
            if d is None:
                notices.append(Notice(name, vals[-1], "notice.not_a_date"))
            dates[name] = d
    start, end = dates.get("from"), dates.get("to")
    if start and end and start > end:
        notices.append(Notice("from", str(start), "notice.out_of_range"))
        start = None
    raw_q = params.get("q") if "q" in keys else ""
    # Free text keeps its commas: it is not split like the list parameters.
    text = (raw_q if isinstance(raw_q, str) else " ".join(raw_q or []))[: config.MAX_FILTER_TEXT].strip()
    date = None
    date_vals = _values(params, "date")
    if date_vals:
        v = date_vals[-1]
        if parse_date(v) is None or len(v) < 7:
            notices.append(Notice("date", v, "notice.not_a_date"))
        else:
            date = v
    lang_vals = _values(params, "lang")
    lang = "en"
    if lang_vals:
        if lang_vals[-1] in ("en", "fr"):
            lang = lang_vals[-1]
        else:
            notices.append(Notice("lang", lang_vals[-1], "notice.unknown_value"))
    step = None
    step_vals = _values(params, "step")
    if step_vals:
        if re.fullmatch(r"[0-9]{1,4}", step_vals[-1]) and int(step_vals[-1]) >= 1:
            step = int(step_vals[-1])
        else:
            notices.append(Notice("step", step_vals[-1], "notice.unknown_value"))
    base = None
    base_vals = _values(params, "base")
    if base_vals:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}", base_vals[-1]) and parse_date(base_vals[-1]) is not None:
            base = base_vals[-1]
        else:
            notices.append(Notice("base", base_vals[-1], "notice.not_a_month"))
    # A region by its code or its name in either language, accents and case ignored.
    named = regions.lookup()
    admin1 = []
    for value in _values(params, "admin1"):
        if regions.fold(value) in named:
            admin1.append(named[regions.fold(value)])
        else:
            notices.append(Notice("admin1", value[:40], "notice.unknown_value"))
    admin1 = tuple(dict.fromkeys(admin1))
    near_km = None
    near_vals = _values(params, "near")
    if near_vals:
        if re.fullmatch(r"[0-9]{1,4}", near_vals[-1]) and 0 < int(near_vals[-1]) <= config.MAX_NEAR_KM:
            near_km = int(near_vals[-1])
        else:
            notices.append(Notice("near", near_vals[-1][:40], "notice.unknown_value"))
    # Market and commodity names are checked against the stored WFP series by the page.
    markets = tuple(dict.fromkeys(v[:80] for v in _values(params, "market")))[:20]
    commodity_vals = _values(params, "commodity")
    commodity = commodity_vals[-1][:80] if commodity_vals else None
    chosen = Filters(countries, actor_t, type_t, start, end, text, date, lang, step, base, admin1, near_km)
    return chosen.with_(markets=markets, commodity=commodity), notices


def to_params(f: Filters) -> dict[str, str | list[str]]:
    """The query parameters that reopen this view (empty filters are left out)."""
    out: dict[str, str | list[str]] = {}
    if f.countries:
        out["country"] = ",".join(f.countries)
    if f.actors:
        out["actor"] = list(f.actors)
    if f.types:
        out["type"] = ",".join(f.types)
    if f.start:
        out["from"] = f.start.isoformat()
    if f.end:
        out["to"] = f.end.isoformat()
    if f.text:
        out["q"] = f.text
    if f.date:
        out["date"] = f.date
    if f.lang != "en":
        out["lang"] = f.lang
    if f.step:
        out["step"] = str(f.step)
    if f.base:
        out["base"] = f.base
    if f.admin1:
        out["admin1"] = list(f.admin1)
    if f.near_km:
        out["near"] = str(f.near_km)
    if f.markets:
        out["market"] = list(f.markets)
    if f.commodity:
        out["commodity"] = f.commodity
    return out


def _place_mask(frame: pd.DataFrame, countries, admin1) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    if countries and "country" in frame:
        mask &= frame["country"].isin(countries)
    if admin1 and "admin1_code" in frame:  # a country-wide row lies in no one region
        mask &= frame["admin1_code"].isin(admin1).fillna(False).astype(bool)
    return mask


def in_places(frame: pd.DataFrame, countries=(), admin1=()) -> pd.DataFrame:
    """The rows in the chosen countries and admin-1 regions (every row when none is chosen)."""
    return frame[_place_mask(frame, countries, admin1)]


def apply(
    frame: pd.DataFrame,
    f: Filters,
    date_col: str = "date",
    end_col: str | None = None,
    text_cols=("summary", "force", "evidence", "notes"),
) -> pd.DataFrame:
    """Rows matching every set filter. With `end_col`, a row is a period overlapping the range."""
    mask = pd.Series(True, index=frame.index)
    mask &= _place_mask(frame, f.countries, f.admin1)
    if f.actors:
        actor_col = "actor" if "actor" in frame else "imposer" if "imposer" in frame else None
        if actor_col:
            mask &= frame[actor_col].isin(f.actors)
    if f.types:
        type_col = "event_type" if "event_type" in frame else "measure" if "measure" in frame else None
        if type_col:
            mask &= frame[type_col].isin(f.types)
    start = pd.Timestamp(f.start) if f.start else None
    end = pd.Timestamp(f.end) if f.end else None
    if end_col:
        if start is not None:
            mask &= frame[end_col].isna() | (frame[end_col] >= start)
        if end is not None:
            mask &= frame[date_col] <= end
    else:
        if start is not None:
            mask &= frame[date_col] >= start
        if end is not None:
            mask &= frame[date_col] <= end
    if f.text:  # any one column holds the text; lower() as the store's SQL does (selection.py)
        needle = f.text.lower()
        found = pd.Series(False, index=frame.index)
        for col in text_cols:
            if col in frame:
                found |= frame[col].fillna("").astype(str).str.lower().str.contains(needle, regex=False)
        mask &= found
    return frame[mask]
