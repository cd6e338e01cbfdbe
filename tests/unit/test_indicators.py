"""Sanctions in force and stated prices: periods, counts, points and changes against a baseline."""

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.logic import indicators as ind
from dashboard.records.dataset import columns, typed


def sanction(**kw) -> dict:
    row = dict.fromkeys(columns("sanctions"))
    row.update(
        imposer="ECOWAS",
        country="NER",
        measure="border_closure",
        start_precision="day",
        summary="ECOWAS closes its borders with Niger",
        source_ids="s1",
        status="verified",
    )
    row.update(kw)
    return row


def price(**kw) -> dict:
    row = dict.fromkeys(columns("prices"))
    row.update(
        country="NER",
        place="Niamey",
        location_id="niamey",
        commodity="rice",
        unit="25 kg bag",
        currency="XOF",
        date_precision="day",
        context="sanctions",
        source_ids="s1",
        status="verified",
    )
    row.update(kw)
    return row


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return typed(pd.DataFrame({c: pd.Series(dtype="string") for c in columns(name)}))
    return typed(
        pd.DataFrame(rows, columns=columns(name))
        .astype(object)
        .where(lambda f: f.notna(), None)
        .astype("string")
    )


@pytest.fixture
def sanctions():
    return frame(
        "sanctions",
        [
            sanction(
                sanction_id="ecowas-ner-border", start="2023-07-30", end="2024-02-24", end_precision="day"
            ),
            sanction(
                sanction_id="ecowas-ner-freeze",
                measure="financial_freeze",
                start="2023-07-30",
                end="2024-02-24",
                end_precision="day",
            ),
            sanction(
                sanction_id="ecowas-mli-package",
                country="MLI",
                measure="economic_sanctions",
                start="2022-01-09",
                end="2022-07-03",
                end_precision="day",
            ),
            sanction(
                sanction_id="waemu-mli-freeze",
                imposer="WAEMU",
                country="MLI",
                measure="financial_freeze",
                start="2022-01-09",
                end="2022-07-03",
                end_precision="day",
            ),
            sanction(
                sanction_id="benin-ner-border",
                imposer="Benin",
                measure="border_closure",
                start="2023-08-01",
                start_precision="month",
            ),
        ],
    )


@pytest.fixture
def prices():
    return frame(
        "prices",
        [
            price(
                price_id="rice-niamey-2023-07",
                value="11000",
                date="2023-07-01",
                date_precision="month",
                context="pre_coup",
            ),
            price(price_id="rice-niamey-2023-09", value="14500", date="2023-09-15"),
            price(
                price_id="rice-niamey-2023-11",
                value="16000",
                value_max="17000",
                previous_value="11000",
                previous_date="2023-07-01",
                date="2023-11-10",
                source_ids="s2",
            ),
            price(
                price_id="rice-niamey-pct",
                change_pct="30",
                date="2023-09-01",
                date_precision="month",
                source_ids="s3",
            ),
            price(
                price_id="rice-kg-niamey", unit="kg", value="600", date="2023-10-01", date_precision="month"
            ),
            price(
                price_id="rice-ngn-niamey",
                currency="NGN",
                value="40000",
                date="2023-06-01",
                date_precision="month",
            ),
            price(
                price_id="rice-ngn-niamey-2",
                currency="NGN",
                value="52000",
                date="2023-10-01",
                date_precision="month",
            ),
        ],
    )


# -- sanctions ----------------------------------------------------------------------------


def test_lifted_measure_is_not_in_force_after_its_end(sanctions):
    def ids(when):
        return set(ind.in_force(sanctions, when)["sanction_id"])

    assert "ecowas-ner-border" in ids("2023-12-31")
    assert "ecowas-ner-border" in ids("2023-07-30")  # in force on its first day
    assert "ecowas-ner-border" not in ids("2024-02-24")  # lifted that day
    assert "ecowas-ner-border" not in ids("2024-03-01")
    assert "ecowas-ner-border" not in ids("2023-07-29")
    assert "benin-ner-border" in ids("2024-03-01")  # still open


def test_month_means_its_last_day(sanctions):
    # As on the map: '2024-02' is the end of February, after the lifting on the 24th.
    assert "ecowas-ner-border" not in set(ind.in_force(sanctions, "2024-02")["sanction_id"])
    assert "ecowas-ner-border" in set(ind.in_force(sanctions, "2024-01")["sanction_id"])


def test_sanction_periods_show_open_measures_until_today(sanctions):
    periods = ind.sanction_periods(sanctions, "2025-06-30").set_index("sanction_id")
    assert periods.loc["benin-ner-border", "open"]
    assert periods.loc["benin-ner-border", "end_shown"] == pd.Timestamp("2025-06-30")
    assert not periods.loc["ecowas-ner-border", "open"]
    assert periods.loc["ecowas-ner-border", "end_shown"] == pd.Timestamp("2024-02-24")
    assert set(columns("sanctions")) <= set(periods.reset_index().columns)


def test_in_force_by_country_lists_all_three(sanctions):
    by = ind.in_force_by_country(sanctions, "2023-12-31").set_index("country")
    assert list(by.index) == ["MLI", "BFA", "NER"]
    assert by.loc["NER", "n_measures"] == 3
    assert sorted(by.loc["NER", "measures"]) == ["border_closure", "border_closure", "financial_freeze"]
    assert by.loc["NER", "imposers"] == ["ECOWAS", "Benin"]
    assert len(by.loc["NER", "measure_imposers"]) == 3
    assert by.loc["MLI", "n_measures"] == 0 and by.loc["MLI", "measures"] == []
    assert by.loc["BFA", "n_measures"] == 0
    mali_2022 = ind.in_force_by_country(sanctions, "2022-03").set_index("country")
    assert mali_2022.loc["MLI", "imposers"] == ["ECOWAS", "WAEMU"]


def test_union_periods_merge_overlaps(sanctions):
    bands = ind.union_periods(sanctions, "2025-06-30")
    ner = bands[bands["country"] == "NER"]
    assert len(ner) == 1  # ECOWAS 2023-07-30..2024-02-24 and Benin from 2023-08 (open) overlap
    assert ner.iloc[0]["start"] == pd.Timestamp("2023-07-30")
    assert ner.iloc[0]["end"] == pd.Timestamp("2025-06-30")
    assert len(bands[bands["country"] == "MLI"]) == 1


def test_frames_from_duckdb_work_too(sanctions):
    # The app reads its tables from DuckDB, whose strings come back as plain str with NaN.
    con = duckdb.connect()
    con.register("s", sanctions)
    stored = con.execute("SELECT * FROM s").df()
    assert set(ind.in_force(stored, "2023-12-31")["sanction_id"]) == set(
        ind.in_force(sanctions, "2023-12-31")["sanction_id"]
    )


# -- prices -------------------------------------------------------------------------------


def test_price_points_keep_stated_figures_only(prices):
    points = ind.price_points(prices)
    assert "rice-niamey-pct" not in set(points["price_id"])  # a bare percentage is no price
    previous = points[points["kind"] == "previous"]
    assert list(previous["price_id"]) == ["rice-niamey-2023-11"]
    assert previous.iloc[0]["value"] == 11000
    assert previous.iloc[0]["date"] == pd.Timestamp("2023-07-01")
    assert previous.iloc[0]["date_precision"] == "month"
    assert pd.isna(previous.iloc[0]["value_max"])
    assert (points["kind"] == "observed").sum() == 6
    ranged = points[points["price_id"] == "rice-niamey-2023-11"].set_index("kind")
    assert ranged.loc["observed", "value_max"] == 17000
    assert set(ind.POINT_COLUMNS) == set(points.columns)


def test_series_separate_units_and_currencies(prices):
    series = set(ind.price_points(prices)["series"])
    assert series == {
        "rice · 25 kg bag · XOF · Niamey, NER",
        "rice · kg · XOF · Niamey, NER",
        "rice · 25 kg bag · NGN · Niamey, NER",
    }


def test_stated_changes(prices):
    changes = ind.stated_changes(prices)
    assert list(changes["price_id"]) == ["rice-niamey-pct"]
    assert changes.iloc[0]["change_pct"] == 30


def test_change_vs_baseline_month_before_sanctions(prices):
    changes = ind.change_vs_baseline(ind.price_points(prices), "2023-07")
    rice = changes[changes["series"] == "rice · 25 kg bag · XOF · Niamey, NER"].set_index("price_id")
    assert rice.loc["rice-niamey-2023-09", "change_pct"] == pytest.approx(31.818, abs=1e-3)
    assert round(rice.loc["rice-niamey-2023-09", "change_pct"], 1) == 31.8
    assert rice.loc["rice-niamey-2023-09", "base_price_id"] == "rice-niamey-2023-07"
    assert rice.loc["rice-niamey-2023-09", "base_date"] == pd.Timestamp("2023-07-01")
    assert rice.loc["rice-niamey-2023-09", "base_source_ids"] == "s1"
    assert rice.loc["rice-niamey-2023-11", "change_pct"] == pytest.approx(45.4545, abs=1e-3)
    # The kg series has no point before the baseline: left out, never compared with bags.
    assert "rice · kg · XOF · Niamey, NER" not in set(changes["series"])
    ngn = changes[changes["series"].str.contains("NGN")]
    assert list(ngn["change_pct"].round(1)) == [30.0]
    assert (ngn["base_value"] == 40000).all()


def test_baseline_prefers_the_observed_figure_on_a_shared_date(prices):
    # 2023-07-01 carries an observed 11,000 and the same figure restated as 'previous' later.
    changes = ind.change_vs_baseline(ind.price_points(prices), "2023-07-15")
    rice = changes[changes["series"] == "rice · 25 kg bag · XOF · Niamey, NER"]
    assert set(rice["base_price_id"]) == {"rice-niamey-2023-07"}
    assert set(rice["base_source_ids"]) == {"s1"}


def test_stale_baselines_can_be_refused(prices):
    points = ind.price_points(prices)
    # End of August 2023: the NGN base is from 1 June (91 days before), the XOF one from 1 July (61).
    assert any(ind.change_vs_baseline(points, "2023-08")["series"].str.contains("NGN"))
    fresh = ind.change_vs_baseline(points, "2023-08", max_age_days=70)
    assert not any(fresh["series"].str.contains("NGN"))
    assert any(fresh["series"] == "rice · 25 kg bag · XOF · Niamey, NER")


def test_baseline_after_every_point_leaves_nothing(prices):
    assert ind.change_vs_baseline(ind.price_points(prices), "2030-01-01").empty


def test_empty_frames():
    empty_s, empty_p = frame("sanctions", []), frame("prices", [])
    assert ind.sanction_periods(empty_s, "2025-01-01").empty
    assert ind.in_force(empty_s, "2025-01-01").empty
    by = ind.in_force_by_country(empty_s, "2025-01-01")
    assert list(by["n_measures"]) == [0, 0, 0]
    assert ind.union_periods(empty_s, "2025-01-01").empty
    points = ind.price_points(empty_p)
    assert points.empty and list(points.columns) == ind.POINT_COLUMNS
    assert ind.stated_changes(empty_p).empty
    changes = ind.change_vs_baseline(points, "2023-07")
    assert changes.empty and "change_pct" in changes.columns


@settings(max_examples=60, deadline=None)
@given(base=st.integers(1, 10**6), later=st.lists(st.integers(1, 10**6), min_size=1, max_size=5))
def test_change_is_relative_to_the_base(base, later):
    rows = [price(price_id="b", value=str(base), date="2023-07-01", date_precision="month")]
    rows += [
        price(price_id=f"p{i}", value=str(v), date=f"2023-{8 + i:02d}-01", date_precision="month")
        for i, v in enumerate(later)
    ]
    changes = ind.change_vs_baseline(ind.price_points(frame("prices", rows)), "2023-07-31")
    assert len(changes) == len(later)
    for value, pct in zip(changes["value"], changes["change_pct"]):
        assert base * (1 + pct / 100) == pytest.approx(value)


def test_one_imposer_s_measure_is_counted_and_listed_once():
    """Niger closing its borders with Benin and with Nigeria is two records of one measure:
    the map's pop-up listed 'border closure (Niger)' twice."""
    rows = [
        sanction(sanction_id="ner-ben", imposer="Niger", start="2023-07-26"),
        sanction(
            sanction_id="ner-nga", imposer="Niger", start="2023-07-26", end="2024-03-22", end_precision="day"
        ),
        sanction(sanction_id="ecowas-ner", start="2023-07-30"),
    ]
    ner = ind.in_force_by_country(frame("sanctions", rows), "2023-09").set_index("country").loc["NER"]
    assert ner["n_measures"] == 2
    assert list(zip(ner["measures"], ner["measure_imposers"])) == [
        ("border_closure", "Niger"),
        ("border_closure", "ECOWAS"),
    ]
    assert ner["sanction_ids"] == ["ner-ben;ner-nga", "ecowas-ner"]  # every record kept


# -- baselines -----------------------------------------------------------------------------


def test_baseline_months_count_the_series_with_a_figure_on_each_side(prices):
    months = ind.baseline_months(ind.price_points(prices))
    # NGN: June and October; 25 kg bags: July to November; the kg series has one figure only.
    assert months.to_dict() == {"2023-06": 1, "2023-07": 2, "2023-08": 2, "2023-09": 2, "2023-10": 1}
    assert ind.baseline_months(ind.price_points(frame("prices", []))).empty


def test_the_default_baseline_is_the_month_before_a_sanction_that_compares_two_series(prices, sanctions):
    points = ind.price_points(prices)
    # The first measure during the prices starts 30 July 2023 (June compares one series); the
    # next, 1 August (July compares two). The old default, the day before the first measure
    # (8 January 2022, Mali), came before every price.
    assert ind.default_baseline(points, sanctions) == "2023-07"
    assert not ind.change_vs_baseline(points, "2023-07").empty
    assert ind.change_vs_baseline(points, "2022-01-08").empty


def test_without_a_sanction_during_the_prices_the_default_is_the_first_month_comparing_two(prices):
    points = ind.price_points(prices)
    assert ind.default_baseline(points, frame("sanctions", [])) == "2023-07"
    one = ind.price_points(prices[prices["currency"] == "XOF"])  # the 25 kg bags alone compare
    assert ind.default_baseline(one, frame("sanctions", [])) == "2023-07"
    single = ind.price_points(prices[prices["price_id"] == "rice-kg-niamey"])
    assert ind.default_baseline(single, frame("sanctions", [])) is None  # nothing to compare


@settings(max_examples=80, deadline=None)
@given(
    dates=st.lists(
        st.tuples(
            st.sampled_from(["rice", "millet", "petrol"]),
            st.dates(pd.Timestamp("2020-01-01").date(), pd.Timestamp("2025-12-31").date()),
        ),
        min_size=1,
        max_size=8,
    ),
    starts=st.lists(
        st.dates(pd.Timestamp("2019-01-01").date(), pd.Timestamp("2026-06-30").date()), max_size=4
    ),
)
def test_the_default_comparison_is_never_empty(dates, starts):
    rows = [
        price(price_id=f"p{i}", commodity=c, value=str(100 + i), date=d.isoformat())
        for i, (c, d) in enumerate(dates)
    ]
    points = ind.price_points(frame("prices", rows))
    sanctions = frame(
        "sanctions", [sanction(sanction_id=f"s{i}", start=d.isoformat()) for i, d in enumerate(starts)]
    )
    base = ind.default_baseline(points, sanctions)
    # a baseline is a month's end: a series compares when it has figures in two months
    comparable = points["date"].dt.to_period("M").groupby(points["series"]).nunique().max() > 1
    assert (base is None) == (not comparable)
    if base is not None:
        assert not ind.change_vs_baseline(points, base).empty
