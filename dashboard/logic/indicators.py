"""Sanctions in force and prices as stated by sources: periods, counts, points and changes.

Only figures a source states are plotted. A stated `previous_value` becomes a point of its own
(it is a figure the source gives), but a bare `change_pct` is never turned into a price: it is
kept apart for display. Changes against a baseline are computed only within one series, and a
series is one commodity, unit, currency and place, so prices in different units or currencies
are never compared.
"""

from __future__ import annotations

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


def conform(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """The frame with every column of its table, typed as the CSVs are (dataset.typed), whether
    it came from the CSVs or DuckDB."""
    missing = {col: pd.NA for col in columns(table) if col not in frame}
    return typed(frame.assign(**missing) if missing else frame)


def as_text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


# -- sanctions -----------------------------------------------------------------------------------


def sanction_periods(sanctions: pd.DataFrame, today) -> pd.DataFrame:
    """Each measure with `end_shown` (its end, or `today` while in force) and `open`."""
    frame = conform(sanctions, "sanctions")
    today = pd.Timestamp(today).normalize()
    frame["open"] = frame["end"].isna().astype(bool)
    frame["end_shown"] = frame["end"].where(~frame["open"], today)
    return frame.sort_values(["country", "start", "measure"], kind="stable", ignore_index=True)


def in_force(sanctions: pd.DataFrame, when) -> pd.DataFrame:
    """Measures in force at `when`: started on or before it and not lifted by then.

    `when` follows the map's convention: 'YYYY-MM' means the end of that month. A measure lifted
    on a day is no longer in force on that day.
    """
    frame = conform(sanctions, "sanctions")
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
            measures.setdefault((as_text(measure), as_text(imposer)), []).append(as_text(sid))
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
    name = as_text(commodity)
    if as_text(detail):
        name = f"{name} ({as_text(detail)})"
    where = f"{as_text(place)}, {as_text(country)}" if as_text(place) else as_text(country)
    return " · ".join([name, as_text(unit), as_text(currency), where])


def _with_series(prices: pd.DataFrame) -> pd.DataFrame:
    frame = conform(prices, "prices")
    # A place typed by the curator reads better than the gazetteer id it may also carry.
    frame["place"] = [
        as_text(p) or as_text(loc) or pd.NA for p, loc in zip(frame["place"], frame["location_id"])
    ]
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
    starts = conform(sanctions, "sanctions")["start"].dropna()
    for start in sorted(set(starts[(starts > first) & (starts <= last)])):
        before = str(pd.Period(start, "M") - 1)
        if months.get(before, 0) >= wanted:
            return before
    return str(months[months >= wanted].index[0])
