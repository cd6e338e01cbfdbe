"""Sanctions in force and prices as stated by sources: periods, counts, points and changes.

Only figures a source states are plotted. A stated `previous_value` becomes a point of its own
(it is a figure the source gives), but a bare `change_pct` is never turned into a price: it is
kept apart for display. Changes against a baseline are computed only within one series, and a
series is one commodity, unit, currency and place, so prices in different units or currencies
are never compared.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from dashboard.logic.presence import as_of
from dashboard.records import vocab
from dashboard.records.dataset import columns, typed

# What names a price series and when a figure of it was given, then what each frame adds.
SERIES_COLUMNS = [
    "series",
    "country",
    "place",
    "commodity",
    "commodity_detail",
    "unit",
    "currency",
    "date",
    "date_precision",
]
POINT_COLUMNS = [
    *SERIES_COLUMNS,
    "value",
    "value_max",
    "kind",
    "price_id",
    "source_ids",
    "status",
    "evidence",
    "context",
]
CHANGE_COLUMNS = [
    *SERIES_COLUMNS,
    "change_pct",
    "value",
    "previous_value",
    "previous_date",
    "context",
    "price_id",
    "source_ids",
    "status",
    "evidence",
]
BASE_COLUMNS = ["base_value", "base_date", "base_date_precision", "base_price_id", "base_source_ids"]
BY_COUNTRY_COLUMNS = ["country", "n_measures", "measures", "measure_imposers", "imposers", "sanction_ids"]
# Where two points of a series share a date, the one a source reports as current wins.
_KIND_RANK = {"previous": 0, "observed": 1}


def _conform(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """The frame with every column of its table, typed as the CSVs are (dataset.typed), whether
    it came from the CSVs or DuckDB."""
    missing = {col: pd.NA for col in columns(table) if col not in frame}
    return typed(frame.assign(**missing) if missing else frame)


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


# -- sanctions -----------------------------------------------------------------------------------


def sanction_periods(sanctions: pd.DataFrame, today) -> pd.DataFrame:
    """Each measure with `end_shown` (its end, or `today` while in force) and `open`."""
    frame = _conform(sanctions, "sanctions")
    today = pd.Timestamp(today).normalize()
    frame["open"] = frame["end"].isna().astype(bool)
    frame["end_shown"] = frame["end"].where(~frame["open"], today)
    return frame.sort_values(["country", "start", "measure"], kind="stable", ignore_index=True)


def in_force(sanctions: pd.DataFrame, when) -> pd.DataFrame:
    """Measures in force at `when`: started on or before it and not lifted by then.

    `when` follows the map's convention: 'YYYY-MM' means the end of that month. A measure lifted
    on a day is no longer in force on that day.
    """
    frame = _conform(sanctions, "sanctions")
    d = as_of(when)
    mask = (frame["start"] <= d) & (frame["end"].isna() | (frame["end"] > d))
    return frame[mask.fillna(False).astype(bool)].sort_values(
        ["country", "start", "measure"], kind="stable", ignore_index=True
    )


def in_force_by_country(sanctions: pd.DataFrame, when) -> pd.DataFrame:
    """Per country (all three, 0 where none): the measures in force at `when`.

    A measure is one imposer's measure: several records of it (a state closing its border with
    two neighbours, an aid pause then a suspension) count, and are listed, once.
    `n_measures` counts them; `measures`, `measure_imposers` and `sanction_ids` (the ';'-joined
    ids of each measure's records) are aligned lists, one entry per measure in start order;
    `imposers` lists each imposer once.
    """
    active = in_force(sanctions, when)
    rows = []
    for country in vocab.COUNTRIES:
        part = active[active["country"] == country]
        measures: dict[tuple[str, str], list[str]] = {}
        for measure, imposer, sid in zip(part["measure"], part["imposer"], part["sanction_id"]):
            measures.setdefault((_text(measure), _text(imposer)), []).append(_text(sid))
        rows.append(
            {
                "country": country,
                "n_measures": len(measures),
                "measures": [m for m, _ in measures],
                "measure_imposers": [i for _, i in measures],
                "imposers": list(dict.fromkeys(i for _, i in measures)),
                "sanction_ids": [";".join(ids) for ids in measures.values()],
            }
        )
    return pd.DataFrame(rows, columns=BY_COUNTRY_COLUMNS).astype({"n_measures": "int64"})


def union_periods(sanctions: pd.DataFrame, today) -> pd.DataFrame:
    """Per country, the periods when at least one measure was in force (overlaps merged)."""
    periods = sanction_periods(sanctions, today).dropna(subset=["start", "end_shown"])
    rows = []
    for country, part in periods.groupby("country", sort=True):
        spans = sorted(zip(part["start"], part["end_shown"]))
        cur_start, cur_end = spans[0]
        for start, end in spans[1:]:
            if start <= cur_end:  # overlapping or touching: one band
                cur_end = max(cur_end, end)
            else:
                rows.append((country, cur_start, cur_end))
                cur_start, cur_end = start, end
        rows.append((country, cur_start, cur_end))
    out = pd.DataFrame(rows, columns=["country", "start", "end"])
    out["start"] = pd.to_datetime(out["start"])
    out["end"] = pd.to_datetime(out["end"])
    return out


# -- prices ----------------------------------------------------------------------------------


def series_key(commodity, detail, unit, currency, place, country) -> str:
    """The readable identity of a comparable price series: 'rice · 25 kg bag · XOF · Niamey, NER'.

    The detail (e.g. 'imported') is part of it: local and imported rice are different goods.
    """
    name = _text(commodity)
    if _text(detail):
        name = f"{name} ({_text(detail)})"
    where = f"{_text(place)}, {_text(country)}" if _text(place) else _text(country)
    return " · ".join([name, _text(unit), _text(currency), where])


def _with_series(prices: pd.DataFrame) -> pd.DataFrame:
    frame = _conform(prices, "prices")
    # A place typed by the curator reads better than the gazetteer id it may also carry.
    frame["place"] = [_text(p) or _text(loc) or pd.NA for p, loc in zip(frame["place"], frame["location_id"])]
    frame["series"] = [
        series_key(*row)
        for row in zip(
            frame["commodity"],
            frame["commodity_detail"],
            frame["unit"],
            frame["currency"],
            frame["place"],
            frame["country"],
        )
    ]
    return frame


def _previous_precision(dates: pd.Series) -> list[str]:
    # The schema has no precision for previous_date: a first of the month stands for the month,
    # the convention every other date of the tables follows.
    return ["month" if pd.notna(d) and d.day == 1 else "day" for d in dates]


def _typed_points(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame[POINT_COLUMNS].copy()
    frame["date"] = pd.to_datetime(frame["date"])
    for col in ("value", "value_max"):
        frame[col] = frame[col].astype("Float64")
    for col in POINT_COLUMNS:
        if col not in ("date", "value", "value_max"):
            frame[col] = frame[col].astype("string")
    return frame


def price_points(prices: pd.DataFrame) -> pd.DataFrame:
    """Every stated price as a plottable point: the observation, and the previous figure when
    the source gives one with its date (kind 'previous')."""
    frame = _with_series(prices)
    observed = frame[frame["value"].notna()].assign(kind="observed")
    has_prev = frame["previous_value"].notna() & frame["previous_date"].notna()
    prev = frame[has_prev]
    previous = prev.assign(
        kind="previous",
        value=prev["previous_value"],
        value_max=pd.array([pd.NA] * len(prev), dtype="Float64"),
        date=prev["previous_date"],
        date_precision=_previous_precision(prev["previous_date"]),
    )
    points = _typed_points(pd.concat([observed[POINT_COLUMNS], previous[POINT_COLUMNS]], ignore_index=True))
    rank = points["kind"].map(_KIND_RANK)
    return (
        points.assign(_rank=rank)
        .sort_values(["series", "date", "_rank", "price_id"], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def stated_changes(prices: pd.DataFrame) -> pd.DataFrame:
    """Rows whose source states a percent change, newest first."""
    frame = _with_series(prices)
    frame = frame[frame["change_pct"].notna()]
    return frame[CHANGE_COLUMNS].sort_values(
        ["date", "series"], ascending=[False, True], kind="stable", ignore_index=True
    )


def change_vs_baseline(points: pd.DataFrame, baseline, max_age_days: int | None = None) -> pd.DataFrame:
    """Per series, the percent change of every point after `baseline` against the series' latest
    point on or before it (the baseline point's date, price_id and sources kept alongside).

    Series with no usable point on or before the baseline are left out, and so are those whose
    latest such point is more than `max_age_days` older than the baseline, when given.
    """
    cols = POINT_COLUMNS + BASE_COLUMNS + ["change_pct"]
    if points.empty:
        return _empty_changes(points, cols)
    d = as_of(baseline)
    pts = points.assign(_rank=points["kind"].map(_KIND_RANK).fillna(1))
    pts = pts.sort_values(["series", "date", "_rank", "price_id"], kind="stable")
    before = pts[(pts["date"] <= d) & pts["value"].notna() & (pts["value"] > 0)]
    if max_age_days is not None:
        before = before[before["date"] >= d - pd.Timedelta(days=max_age_days)]
    base = before.drop_duplicates("series", keep="last")[
        ["series", "value", "date", "date_precision", "price_id", "source_ids"]
    ]
    base.columns = ["series"] + BASE_COLUMNS
    later = pts[(pts["date"] > d) & pts["value"].notna()].drop(columns="_rank")
    out = later.merge(base, on="series", how="inner")
    out["change_pct"] = ((out["value"] - out["base_value"]) / out["base_value"] * 100).astype("Float64")
    return out[cols].reset_index(drop=True)


def _empty_changes(points: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    out = pd.DataFrame({c: points[c] if c in points else pd.Series(dtype="string") for c in cols})
    out["change_pct"] = out["change_pct"].astype("Float64")
    out["base_value"] = out["base_value"].astype("Float64")
    out["base_date"] = pd.to_datetime(out["base_date"])
    return out.iloc[0:0]


# -- baselines -------------------------------------------------------------------------------


def baseline_months(points: pd.DataFrame) -> pd.Series:
    """For each month (YYYY-MM, oldest first) against whose end a change can be drawn, how many
    series it compares: those with a usable figure on or before that end (as change_vs_baseline
    takes it) and one after. Months comparing none are left out."""
    if points.empty:
        return pd.Series([], dtype="int64")
    usable = points[points["value"].notna()]
    usable = usable[(usable["value"] > 0).fillna(False).astype(bool)]
    spans = usable.groupby("series")["date"].agg(["min", "max"])
    spans = spans[spans["min"] < spans["max"]]
    if spans.empty:
        return pd.Series([], dtype="int64")
    months = pd.period_range(spans["min"].min(), spans["max"].max(), freq="M")
    ends = [as_of(str(m)) for m in months]
    counts = [int(((spans["min"] <= end) & (spans["max"] > end)).sum()) for end in ends]
    out = pd.Series(counts, index=[str(m) for m in months], dtype="int64")
    return out[out > 0]


def default_baseline(points: pd.DataFrame, sanctions: pd.DataFrame) -> str | None:
    """The baseline month a view opens with, YYYY-MM (the end of that month), or None when no
    series has two dated figures to compare.

    The month before the first sanction measure that starts while prices are reported, when
    at least two series (or every comparable one, if fewer) can be compared against it; else
    the first month that compares that many. It never precedes every price, so the default
    comparison always draws lines."""
    months = baseline_months(points)
    if months.empty:
        return None
    wanted = min(2, int(months.max()))
    first, last = points["date"].min(), points["date"].max()
    starts = _conform(sanctions, "sanctions")["start"].dropna()
    for start in sorted(set(starts[(starts > first) & (starts <= last)])):
        before = str(pd.Period(start, "M") - 1)
        if months.get(before, 0) >= wanted:
            return before
    return str(months[months >= wanted].index[0])


# -- article claims against WFP market series ----------------------------------------------------

# An article's change agrees with the market series when the two differ by at most this many
# percentage points (monthly market prices cannot resolve finer: a month's price is one figure).
AGREE_PP = 10.0
# A stated change over less than this many days is not compared with monthly prices.
MIN_CLAIM_DAYS = 28
# WFP's names of the goods an article's commodity stands for (retail prices per KG).
CLAIM_GOODS = {
    "millet": ("Millet",),
    "maize": ("Maize",),
    "sorghum": ("Sorghum",),
    "rice": ("Rice (imported)",),
    "coarse_grains": ("Millet", "Sorghum", "Maize"),
}
CLAIM_COLUMNS = [
    "price_id",
    "country",
    "date",
    "date_precision",
    "place",
    "commodity",
    "commodity_detail",
    "unit",
    "currency",
    "value",
    "value_per_kg",
    "wfp_commodity",
    "wfp_where",
    "n_markets",
    "proxy",
    "month",
    "market_price",
    "base_month",
    "market_base_price",
    "claim_change",
    "claim_basis",
    "market_change",
    "difference_pp",
    "verdict",
    "source_ids",
]
_BAG = re.compile(r"^(\d+(?:[.,]\d+)?) ?kg(?: (?:bag|sack))?$")
_COUNTRY_WORDS = {"NER": ("niger",), "MLI": ("mali",), "BFA": ("burkina faso", "burkina")}


def _fold(text) -> str:
    text = unicodedata.normalize("NFKD", _text(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def _claim_goods(commodity: str, detail: str) -> tuple[str, ...]:
    goods = CLAIM_GOODS.get(commodity, ())
    folded = _fold(detail)
    if commodity == "rice" and "local" in folded and "import" not in folded:
        return ("Rice (local)",)
    if commodity == "coarse_grains":
        named = tuple(g for g in goods if g.casefold() in folded)
        return named or goods
    return goods


def _claim_markets(row, markets: pd.DataFrame, place_names: dict[str, str]) -> tuple[list, bool]:
    """The market ids a claim's place names (its own words, or its gazetteer place), and
    whether it is a national figure (every market of the country then stands in, as a median)."""
    mine = markets[markets["country"] == row["country"]]
    words = f" {_fold(row.get('place'))} {_fold(place_names.get(_text(row.get('location_id')), ''))} "
    found = []
    for mid, names in zip(mine["market_id"], zip(mine["market"], mine["admin1"], mine["admin2"])):
        if any(_fold(n) and f" {_fold(n)} " in words for n in names):
            found.append(mid)
    if found:
        return found, False
    place = _fold(row.get("place"))
    national = not place or any(place.startswith(w) for w in _COUNTRY_WORDS.get(row["country"], ()))
    return (list(mine["market_id"]), True) if national else ([], False)


def _per_kg(value, unit) -> float | None:
    m = _BAG.match(_text(unit).casefold())
    if value is None or pd.isna(value) or not m:
        return None
    return float(value) / float(m[1].replace(",", "."))


def _claim_change(row) -> tuple[float | None, pd.Period | None, str]:
    """The change an article states or implies, the month it is measured from, and how."""
    month = pd.Period(row["date"], "M")
    yoy = _text(row.get("unit")) == "percent change year-on-year" or "change_pct is year-on-year" in _text(
        row.get("notes")
    )
    if yoy and pd.notna(row.get("change_pct")):
        return float(row["change_pct"]), month - 12, "year_on_year"
    value, prev, prev_date = row.get("value"), row.get("previous_value"), row.get("previous_date")
    if pd.notna(value) and pd.notna(prev) and pd.notna(prev_date) and float(prev) > 0:
        if (pd.Timestamp(row["date"]) - pd.Timestamp(prev_date)).days >= MIN_CLAIM_DAYS:
            return (float(value) / float(prev) - 1) * 100, pd.Period(prev_date, "M"), "two_prices"
        return None, None, "period_under_a_month"
    return None, None, "no_change_stated"


def claims_vs_market(
    prices: pd.DataFrame, market: pd.DataFrame, locations: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each article-stated price whose place, commodity and month the WFP series cover, beside
    the market's figures: the market's price that month (per KG, retail; the median of the
    country's markets for a national figure, flagged `proxy`), and where the article states or
    implies a change over a known period (a year-on-year percent, or two dated prices at least
    MIN_CLAIM_DAYS apart), the market's change over the same months and a verdict: 'agrees'
    within AGREE_PP percentage points, else 'differs'. A claim dated only to its year is left
    out (no month to compare)."""
    rows = []
    if market.empty or prices.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    frame = _conform(prices, "prices")
    retail = market[(market["pricetype"] == "Retail") & (market["unit"] == "KG")]
    retail = retail.assign(month=retail["date"].dt.to_period("M"))
    catalogue = retail.drop_duplicates("market_id")[["country", "market_id", "market", "admin1", "admin2"]]
    names = {}
    if locations is not None and not locations.empty:
        names = {str(k): str(v) for k, v in zip(locations["location_id"], locations["name"])}
    for row in frame.to_dict("records"):
        if row.get("date_precision") not in ("day", "month") or pd.isna(row.get("date")):
            continue
        goods = _claim_goods(_text(row.get("commodity")), _text(row.get("commodity_detail")))
        ids, national = _claim_markets(row, catalogue, names)
        if not goods or not ids:
            continue
        month = pd.Period(row["date"], "M")
        change, base, basis = _claim_change(row)
        for good in goods:
            series = retail[(retail["commodity"] == good) & retail["market_id"].isin(ids)]
            if not (series["month"] == month).any():
                continue  # the series does not cover that month
            now = series[series["month"] == month].set_index("market_id")["price"]
            then = (
                series[series["month"] == base].set_index("market_id")["price"]
                if base is not None
                else now[:0]
            )
            both = now.index.intersection(then.index)  # a change compares the same markets
            n = int(now.size)
            market_price = float(now.median())
            base_price = float(then[both].median()) if len(both) else None
            market_change = (float(now[both].median()) / base_price - 1) * 100 if base_price else None
            diff = change - market_change if change is not None and market_change is not None else None
            if change is None:
                verdict = basis
            elif market_change is None:
                verdict = "no_market_base"
            else:
                verdict = "agrees" if abs(diff) <= AGREE_PP else "differs"
            where = ", ".join(sorted(set(series[series["month"] == month]["market"])))
            rows.append(
                {
                    "price_id": row["price_id"],
                    "country": row["country"],
                    "date": row["date"],
                    "date_precision": row["date_precision"],
                    "place": row.get("place"),
                    "commodity": row.get("commodity"),
                    "commodity_detail": row.get("commodity_detail"),
                    "unit": row.get("unit"),
                    "currency": row.get("currency"),
                    "value": row.get("value"),
                    "value_per_kg": _per_kg(row.get("value"), row.get("unit")),
                    "wfp_commodity": good,
                    "wfp_where": where,
                    "n_markets": n,
                    "proxy": bool(national),
                    "month": str(month),
                    "market_price": market_price,
                    "base_month": str(base) if base is not None else None,
                    "market_base_price": base_price,
                    "claim_change": change,
                    "claim_basis": basis,
                    "market_change": market_change,
                    "difference_pp": diff,
                    "verdict": verdict,
                    "source_ids": row.get("source_ids"),
                }
            )
    out = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    for col in (
        "value",
        "value_per_kg",
        "market_price",
        "market_base_price",
        "claim_change",
        "market_change",
        "difference_pp",
    ):
        out[col] = pd.to_numeric(out[col]).astype("Float64")
    return out.sort_values(["date", "price_id", "wfp_commodity"], kind="stable", ignore_index=True)
