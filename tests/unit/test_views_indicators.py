"""The indicators page's view-model on the bundled data."""

import pandas as pd
import pytest

from dashboard.logic import filters, indicators, presence, selection
from dashboard.logic.filters import Filters
from dashboard.records import vocab
from dashboard.records.dataset import load_all
from dashboard.views import indicators as indicators_view

TODAY = pd.Timestamp.today().normalize()
NIGER = Filters(countries=("NER",))


@pytest.fixture(scope="module")
def data():
    return load_all()


def test_the_tables_hold_the_rows_the_view_keeps(data):
    shown = indicators_view.build(data, NIGER, TODAY)
    sanctions = selection.select("sanctions", data["sanctions"], NIGER)
    prices = selection.select("prices", data["prices"], NIGER)
    points = indicators.price_points(prices)
    assert 0 < len(sanctions) < len(data["sanctions"]) and not points.empty
    assert sorted(shown.sanctions["sanction_id"]) == sorted(sanctions["sanction_id"])
    assert len(shown.periods) == len(indicators.sanction_periods(sanctions, TODAY))
    assert set(shown.periods["country"]) == {"Niger"}
    assert list(shown.periods.columns) == [
        "country",
        "imposer",
        "measure",
        "start",
        "end",
        "summary",
        "source",
        "grade",
    ]
    open_ = indicators.sanction_periods(sanctions, TODAY)["end"].isna().sum()
    assert (shown.periods["end"] == "in force (no end reported)").sum() == open_
    assert len(shown.points_table) == len(points)
    assert list(shown.points_table["value"]) == list(points["value"].iloc[::-1])  # newest first
    assert dict(shown.exports) == {"sanctions": shown.sanctions, "prices": shown.prices}
    # the periods chart: one bar per measure, on the sanctions panel
    [bars] = [t for t in shown.periods_fig.data if t.type == "bar"]
    assert len(bars.y) == len(sanctions)


def test_the_baseline_offered_is_the_month_before_the_first_sanction(data):
    shown = indicators_view.build(data, NIGER, TODAY)
    first = selection.select("sanctions", data["sanctions"], NIGER)["start"].min()
    assert shown.baseline == str(pd.Period(first, "M") - 1) == "2023-06"
    assert shown.baseline in shown.base_months


@pytest.mark.parametrize("countries", [(), ("NER",), ("MLI",)])
def test_the_default_comparison_is_never_empty(data, countries):
    """The old default (the day before the first sanction, 29 May 2021 for every country)
    came before every price: the page opened on an empty comparison."""
    view = Filters(countries=countries)
    shown = indicators_view.build(data, view, TODAY)
    prices = shown.points.dropna(subset=["value"])
    assert shown.baseline is not None and shown.baseline >= str(pd.Period(prices["date"].min(), "M"))
    fig = indicators_view.change_chart(data, view, shown.baseline)
    assert fig is not None and len(fig.data) >= 2  # at least two series compared
    assert all(len(t.x) >= 2 and t.y[0] == 0.0 for t in fig.data)


def test_the_link_s_baseline_is_kept_when_it_can_be_drawn(data):
    shown = indicators_view.build(data, NIGER, TODAY)
    assert shown.base_for("2024-03") == "2024-03"
    assert shown.base_for("1999-01") == shown.base_for(None) == shown.baseline  # none to compare
    assert indicators_view.change_chart(data, NIGER, "2024-03") is not None


def test_a_filter_that_narrows_events_leaves_the_sanctions(data):
    every = indicators_view.build(data, Filters(), TODAY)
    narrowed = indicators_view.build(
        data, Filters(types=("withdrawal_completed",), actors=("France",)), TODAY
    )
    assert len(narrowed.sanctions) == len(every.sanctions) == len(data["sanctions"])
    assert len(narrowed.periods) == len(every.periods)


def test_nothing_matching_leaves_no_chart(data):
    shown = indicators_view.build(data, Filters(text="no record has these words zzzz"), TODAY)
    assert shown.periods_fig is None and shown.periods is None
    assert shown.points_table is None and shown.stated is None and shown.baseline is None


def test_the_map_shades_the_measures_in_force_that_month(data):
    fig = indicators_view.map_at(data, NIGER, "2023-09")
    shade = fig.data[-1]
    in_force = indicators.in_force(
        selection.select("sanctions", data["sanctions"], NIGER), presence.as_of("2023-09")
    )
    z = dict(zip(shade.locations, shade.z))
    # one imposer's measure counts once, however many records it has
    measures = in_force[["measure", "imposer"]].drop_duplicates()
    assert z["NER"] == len(measures) > 0 and z["MLI"] == z["BFA"] == 0  # Mali is filtered out
    assert list(shade.locations) == list(vocab.COUNTRIES)


def test_the_map_lists_each_measure_once(data):
    """Niger closed its borders with Benin and with Nigeria (two records): the pop-up listed
    'border closure (Niger)' twice."""
    fig = indicators_view.map_at(data, NIGER, "2023-09")
    niger = dict(zip(fig.data[-1].locations, fig.data[-1].hovertext))["NER"]
    lines = niger.split("<br>")[2:]
    assert "border closure (Niger)" in lines
    assert len(lines) == len(set(lines)) >= 10
    assert niger.split("<br>")[1] == f"Measures in force: {len(lines)}"


def test_the_map_months_run_to_today_and_start_at_the_view_s_date(data):
    shown = indicators_view.build(data, NIGER, TODAY)
    assert shown.months[0] == indicators_view.FIRST_MONTH
    assert shown.months[-1] == str(pd.Period(TODAY, "M"))
    assert shown.month_for("2023-09") == "2023-09" and shown.month_for("2023-09-15") == "2023-09"
    assert shown.month_for(None) == shown.month_for("1990-01") == shown.months[-1]


def test_price_charts_draw_a_line_per_series(data):
    shown = indicators_view.build(data, NIGER, TODAY)
    values = indicators_view.value_chart(data, NIGER)
    assert len(values.data) == shown.points["series"].nunique()
    changes = indicators_view.change_chart(data, NIGER, shown.baseline)
    expected = indicators.change_vs_baseline(shown.points, shown.baseline)
    assert len(changes.data) == expected["series"].nunique() > 0
    assert all(t.y[0] == 0.0 for t in changes.data)  # each line starts at its baseline
    # before any price: no series has a figure to compare with, the page says so
    assert indicators_view.change_chart(data, NIGER, "2000-01") is None


def test_the_cache_key_ignores_the_map_date_and_the_baseline():
    assert indicators_view.reads(NIGER.with_(date="2023-09", base="2023-06")) == indicators_view.reads(NIGER)


def test_the_baseline_month_is_a_url_parameter():
    view, notices = filters.from_params({"country": ["NER"], "base": ["2023-06"]})
    assert view.base == "2023-06" and notices == []
    assert filters.to_params(view) == {"country": "NER", "base": "2023-06"}
    for bad in ("2023-13", "2023-06-15", "June", "２０２３-06"):
        view, notices = filters.from_params({"base": [bad]})
        assert view.base is None and notices == [filters.Notice("base", bad, "notice.not_a_month")]


def test_the_sanction_chart_has_no_empty_presence_or_price_panel(data):
    """The chart was the timeline with two empty panels, titled 'Foreign presence' and
    'Prices', above and below the measures."""
    fig = indicators_view.build(data, NIGER.with_(lang="fr"), TODAY).periods_fig
    layout = fig.to_dict()["layout"]
    assert not layout.get("annotations") and "yaxis2" not in layout and "xaxis3" not in layout
    [bars] = [t for t in fig.data if t.type == "bar"]
    assert "Niger · fermeture des frontières · Bénin" in bars.y
    assert any(t.name.startswith("Bande rose") for t in fig.data)  # the bands, explained
    assert layout["shapes"] and layout["xaxis"]["tickmode"] == "array"  # French dates
