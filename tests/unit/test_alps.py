"""Price grades in the manner of WFP's ALPS: trend, score, thresholds, and when not to grade."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard import config
from dashboard.logic import alps
from dashboard.records import wfp

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "wfp" / "wfp_food_prices_ner_subset.csv"


@pytest.mark.parametrize(
    "score, expected",
    [
        (-3.0, "normal"),
        (0.0, "normal"),
        (0.2499, "normal"),
        (0.25, "stress"),
        (0.999, "stress"),
        (1.0, "alert"),
        (1.99, "alert"),
        (2.0, "crisis"),
        (7.5, "crisis"),
        (None, None),
        (float("nan"), None),
    ],
)
def test_thresholds_are_wfp_s(score, expected):
    assert alps.grade(score) == expected


def series(months: int, start="2020-01-15", market_id=1, spike_at=None, skip=()) -> pd.DataFrame:
    """A price with a trend and a seasonal swing, a little noise, and a spike where asked."""
    rng = np.random.default_rng(7)
    dates = pd.date_range(start, periods=months, freq="MS") + pd.Timedelta(days=14)
    t = np.arange(months)
    price = 200 + 1.5 * t + 30 * np.sin(2 * np.pi * dates.month.to_numpy() / 12) + rng.normal(0, 4, months)
    if spike_at is not None:
        price[spike_at] += 80
    frame = pd.DataFrame(
        {
            "country": "NER",
            "market_id": market_id,
            "market": f"M{market_id}",
            "commodity": "Millet",
            "unit": "KG",
            "pricetype": "Retail",
            "currency": "XOF",
            "date": dates,
            "price": pd.array(np.round(price, 1), dtype="Float64"),
        }
    )
    return frame.drop(index=list(skip)).reset_index(drop=True)


def reference(frame: pd.DataFrame) -> np.ndarray:
    """The same regression written another way: trend and month dummies through pandas,
    solved by the normal equations; the score against the residuals' standard error."""
    x = pd.get_dummies(frame["date"].dt.month, prefix="m", drop_first=True, dtype=float)
    months = frame["date"].dt.year * 12 + frame["date"].dt.month
    x.insert(0, "t", (months - months.min()).astype(float))
    x.insert(0, "one", 1.0)
    y = frame["price"].astype(float).to_numpy()
    beta = np.linalg.solve(x.T @ x, x.T @ y)
    resid = y - x.to_numpy() @ beta
    s = np.sqrt(resid @ resid / (len(y) - x.shape[1]))
    return resid / s


def test_the_score_is_the_gap_to_the_seasonal_trend_in_standard_errors():
    frame = series(48, spike_at=40)
    graded = alps.with_alps(frame)
    np.testing.assert_allclose(graded["alps"].astype(float), reference(frame), atol=1e-3)
    assert graded.loc[40, "alert"] == "crisis"
    assert (graded.drop(index=40)["alert"] == "crisis").sum() == 0
    # the trend is what the price is compared with: price - trend has the sign of the score
    gap = graded["price"].astype(float) - graded["trend"].astype(float)
    score = graded["alps"].astype(float)
    clear = score.abs() > 0.05
    assert (np.sign(gap[clear]) == np.sign(score[clear])).all()


def test_too_short_or_too_sparse_series_get_no_grade():
    short = alps.with_alps(series(config.MIN_MONTHS - 1))
    assert short["alert"].isna().all() and short["alps"].isna().all() and short["trend"].isna().all()
    enough = alps.with_alps(series(config.MIN_MONTHS))
    assert enough["alert"].notna().all()
    # 40 prices over 60 months: 67 % coverage, under WFP's 70 %
    sparse = alps.with_alps(series(60, skip=range(10, 30)))
    assert len(sparse) == 40 and sparse["alert"].isna().all()


def test_each_series_is_fitted_on_its_own():
    a, b = series(48, market_id=1), series(48, market_id=2, spike_at=10)
    both = alps.with_alps(pd.concat([a, b], ignore_index=True))
    alone = alps.with_alps(a)
    np.testing.assert_allclose(both.iloc[:48]["alps"].astype(float), alone["alps"].astype(float))
    assert both.iloc[48 + 10]["alert"] == "crisis"


def test_country_median_is_the_median_of_the_markets_reporting_each_month():
    frame = wfp.parse(BUNDLED.read_bytes(), BUNDLED.name)
    millet = frame[(frame["commodity"] == "Millet") & (frame["pricetype"] == "Retail")]
    med = alps.country_median(millet, millet["market_id"].unique())
    raw = pd.read_csv(BUNDLED)
    raw = raw[(raw["commodity"] == "Millet") & (raw["pricetype"] == "Retail")]
    expected = raw.groupby("date")["price"].median()
    got = med.set_index(med["date"].dt.strftime("%Y-%m-%d"))["price"].astype(float)
    pd.testing.assert_series_equal(got.sort_index(), expected.astype(float).sort_index(), check_names=False)
    # Ayorou has no price in 2022-05: four markets that month, five in the others
    n = med.set_index(med["date"].dt.strftime("%Y-%m"))["n_markets"]
    assert n["2022-05"] == 4 and n["2022-06"] == 5
    assert med["alert"].notna().all()  # 56 months, all reported: graded


def test_the_bundled_series_are_graded_where_wfp_would():
    graded = alps.with_alps(wfp.parse(BUNDLED.read_bytes(), BUNDLED.name))
    by_series = graded.groupby(alps.series_id(graded))
    for key, part in by_series:
        months = part["date"].dt.to_period("M")
        span = (months.max() - months.min()).n + 1
        gradable = len(part) >= config.MIN_MONTHS and len(part) / span >= config.MIN_COVERAGE
        assert part["alert"].notna().all() == gradable, key
        assert part["alert"].isna().all() != gradable, key
    # the wholesale rows (six months of 2022) and the 2025-26 goods are too short to grade
    assert graded.loc[graded["pricetype"] == "Wholesale", "alert"].isna().all()
    assert graded.loc[graded["commodity"] == "Salt", "alert"].isna().all()
