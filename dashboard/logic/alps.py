"""Market price series and their alert grade in the manner of WFP's ALPS, pure.

WFP's Alert for Price Spikes (ALPS) grades a price by how far it lies above its seasonal trend,
in standard deviations: WFP VAM, "Technical Guidance Note: Calculation and Use of the Alert
for Price Spikes (ALPS) Indicator" (April 2014), and "The ALert for Price Spike (ALPS)"
(http://foodprices.vam.wfp.org/alps.aspx): the seasonal price trend (the "normal" price) is
the long-term, seasonally adjusted trend of the series; the gap between the observed price and
that trend, in units of standard deviation, sorts a market into normal, stress, alert or crisis.
Here, per series (one market, commodity, unit, price type and currency):

- the trend is the least-squares fit of the price on a linear time trend (months) and a dummy
  per calendar month (the guidance note's regression), over every month of the series;
- `alps` = (price - trend) / s, where s is the standard error of that regression's residuals;
- the grade is normal below 0.25, stress from 0.25, alert from 1, crisis from 2 (a price
  below its trend is normal);
- a series is graded only with at least 36 monthly prices (three years) covering at least 70 %
  of the months from its first to its last (config.MIN_MONTHS and config.MIN_COVERAGE: WFP's
  selection criteria for ALPS; its third, that the good supplies at least 5 % of daily energy,
  is not applied: every staple series with enough data is graded). Shorter or sparser series
  carry no grade, never a guessed one.

Simplified against WFP's own practice (say so wherever a grade is shown):
- the fit is in-sample over the whole stored series, so a new month can shift the grades of
  earlier months (WFP publishes a grade when a month is reported, and keeps it);
- prices are used in levels (CFA francs) as published, with no deflation for inflation;
- WFP's newer market monitor (dataviz.vam.wfp.org, "Food Price Forecasting and Alert for Price
  Spikes") adds forecasts and refinements not reproduced here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import config

GRADES = ("normal", "stress", "alert", "crisis")
# Lower bounds, in standard deviations above the trend, strongest first.
THRESHOLDS = ((2.0, "crisis"), (1.0, "alert"), (0.25, "stress"))
SERIES = ["country", "market_id", "market", "commodity", "unit", "pricetype", "currency"]
ALPS_COLUMNS = ["trend", "alps", "alert"]


def grade(score) -> str | None:
    """'normal', 'stress', 'alert' or 'crisis' for an ALPS score; None without one."""
    if score is None or pd.isna(score):
        return None
    return next((name for low, name in THRESHOLDS if score >= low), "normal")


def series_id(frame: pd.DataFrame) -> pd.Series:
    """A readable, stable id per series: 'NER|590|Katako|Millet|KG|Retail|XOF'."""
    parts = [frame[c].astype("string").fillna("") for c in SERIES]
    out = parts[0]
    for p in parts[1:]:
        out = out + "|" + p
    return out


def _fit(months: np.ndarray, prices: np.ndarray) -> tuple[np.ndarray, float] | None:
    """The trend at each month and the residuals' standard error; None when not gradable."""
    n = len(prices)
    span = int(months.max() - months.min()) + 1
    if n < config.MIN_MONTHS or n / span < config.MIN_COVERAGE:
        return None
    t = months - months.min()
    calendar = (months % 12).astype(int)
    dummies = (calendar[:, None] == np.arange(1, 12)[None, :]).astype(float)
    x = np.column_stack([np.ones(n), t.astype(float), dummies])
    coef, _, rank, _ = np.linalg.lstsq(x, prices, rcond=None)
    trend = x @ coef
    dof = n - rank
    if dof <= 0:
        return None
    s = float(np.sqrt(np.sum((prices - trend) ** 2) / dof))
    return trend, s


def with_alps(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (market prices, one row per series and month) with `trend`, `alps` and `alert`
    per row; those of a series too short or too sparse to grade stay empty."""
    out = frame.copy()
    out["trend"] = pd.array([pd.NA] * len(out), dtype="Float64")
    out["alps"] = pd.array([pd.NA] * len(out), dtype="Float64")
    out["alert"] = pd.array([pd.NA] * len(out), dtype="string")
    if out.empty:
        return out
    month = out["date"].dt.year.to_numpy() * 12 + out["date"].dt.month.to_numpy() - 1
    price = out["price"].astype("float64").to_numpy()
    trend = np.full(len(out), np.nan)
    score = np.full(len(out), np.nan)
    ids = series_id(out).to_numpy()
    order = np.argsort(ids, kind="stable")
    bounds = np.flatnonzero(np.r_[True, ids[order][1:] != ids[order][:-1], True])
    for a, b in zip(bounds[:-1], bounds[1:]):
        rows = order[a:b]
        fitted = _fit(month[rows], price[rows])
        if fitted is None:
            continue
        fit, s = fitted
        trend[rows] = fit
        if s > 0:
            score[rows] = (price[rows] - fit) / s
    out["trend"] = pd.array(np.round(trend, 2), dtype="Float64")
    out["alps"] = pd.array(np.round(score, 3), dtype="Float64")
    out.loc[out["trend"].isna(), "trend"] = pd.NA
    out.loc[out["alps"].isna(), "alps"] = pd.NA
    out["alert"] = pd.array([grade(v) for v in out["alps"]], dtype="string")
    return out


def country_median(frame: pd.DataFrame, market_ids) -> pd.DataFrame:
    """Per country, commodity, unit, price type, currency and month, the median price of the
    chosen markets that report it that month (`n_markets` says how many), as series of their own
    (market 'median'; market_id empty), graded by `with_alps`."""
    chosen = frame[frame["market_id"].isin(list(market_ids))]
    if chosen.empty:
        return _median_frame(chosen)
    keys = ["country", "commodity", "unit", "pricetype", "currency", "date"]
    grouped = chosen.groupby(keys, sort=True, dropna=False)
    med = grouped.agg(
        price=("price", "median"),
        n_markets=("market_id", "nunique"),
        markets=("market", lambda m: ", ".join(sorted(set(m)))),
    ).reset_index()
    return _median_frame(med)


def _median_frame(med: pd.DataFrame) -> pd.DataFrame:
    out = med.copy()
    out["market_id"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out["market"] = "median"
    if "n_markets" not in out:
        out["n_markets"] = pd.array([], dtype="int64")
        out["markets"] = pd.array([], dtype="string")
    out["price"] = out["price"].astype("Float64")
    return with_alps(out)


def at_month(graded: pd.DataFrame, month: str) -> pd.DataFrame:
    """The rows of `graded` in `month` (YYYY-MM)."""
    if graded.empty:
        return graded
    period = pd.Period(month, "M")
    return graded[graded["date"].dt.to_period("M") == period]
