"""The timeline page's view-model on the bundled data: what the page shows is what the view keeps."""

import pandas as pd
import pytest

from dashboard import config
from dashboard.logic import indicators, presence, selection
from dashboard.logic.filters import Filters
from dashboard.records.dataset import TABLE_NAMES
from dashboard.store import Store
from dashboard.views import timeline as timeline_view

TODAY = pd.Timestamp.today().normalize()


@pytest.fixture(scope="module")
def store(module_store_target):
    s = Store(module_store_target)
    yield s
    s.close()


@pytest.fixture(scope="module")
def data(store):
    return {name: store.table(name) for name in TABLE_NAMES}


@pytest.fixture(scope="module")
def archive(data, store):
    return timeline_view.Archive.of(data, store.query)


def build(data, archive, **filters):
    return timeline_view.build(data, Filters(**filters), TODAY, archive)


def traces(fig, kind, yaxis):
    return [t for t in fig.data if t.type == kind and t.yaxis == yaxis]


def test_the_counts_shown_are_the_rows_the_view_keeps(data, archive):
    view = Filters(countries=("NER",))
    shown = timeline_view.build(data, view, TODAY, archive)
    events = selection.select("events", data["events"], view)
    intervals = selection.select("intervals", presence.build_intervals(data["events"]), view)
    sanctions = selection.select("sanctions", data["sanctions"], view)
    points = indicators.price_points(selection.select("prices", data["prices"], view))
    assert 0 < len(events) < len(data["events"])
    assert shown.counts == {
        "events": len(events),
        "forces": len(intervals),
        "sanctions": len(sanctions),
        "prices": len(points),
    }
    assert sorted(shown.events["event_id"]) == sorted(events["event_id"])
    assert shown.nothing == () and not shown.table_cut
    # The table: every kept event, newest first, names written for the reader.
    assert len(shown.table) == len(events) and set(shown.table["country"]) == {"Niger"}
    assert list(shown.table.columns) == [
        "date",
        "country",
        "admin1_name",
        "actor",
        "force",
        "event_type",
        "troops",
        "summary",
        "status",
        "source",
        "grade",
    ]
    newest = events.sort_values("date", ascending=False, kind="stable").iloc[0]
    assert shown.table["summary"].iloc[0] == newest["summary"]
    assert shown.table["source"].dropna().str.startswith(("http://", "https://")).all()
    # The figure draws the kept intervals and sanctions, nothing of Mali or Burkina Faso.
    bars = {y for t in traces(shown.fig, "bar", "y") for y in t.y}
    assert bars and all("Niger" in y for y in bars)
    assert sum(len(t.y) for t in traces(shown.fig, "bar", "y2")) == len(sanctions)
    assert shown.exports["events"] is shown.events and shown.exports["sanctions"] is shown.sanctions


def test_a_filter_that_narrows_events_leaves_the_sanction_bands(data, archive):
    every = build(data, archive)
    for narrowing in ({"types": ("withdrawal_completed",)}, {"actors": ("France",)}):
        narrowed = build(data, archive, **narrowing)
        assert 0 < narrowed.n_events < every.n_events
        assert len(narrowed.sanctions) == len(every.sanctions) > 0
        assert narrowed.fig.layout.shapes == every.fig.layout.shapes  # the bands
        assert len(narrowed.fig.layout.shapes) == len(indicators.union_periods(data["sanctions"], TODAY))
        assert sum(len(t.y) for t in traces(narrowed.fig, "bar", "y2")) == sum(
            len(t.y) for t in traces(every.fig, "bar", "y2")
        )


def test_nothing_matching_is_said_and_nothing_is_drawn(data, archive):
    shown = build(data, archive, text="no event has these words zzzz")
    assert shown.n_events == 0 and shown.fig is None and shown.table.empty
    assert shown.nothing == ("timeline.no_events", "timeline.no_sanctions", "timeline.no_prices")


def test_a_date_window_zooms_the_figure(data, archive):
    shown = build(
        data,
        archive,
        countries=("NER",),
        start=pd.Timestamp("2023-07-26").date(),
        end=pd.Timestamp("2024-02-24").date(),
    )
    assert list(shown.fig.layout.xaxis.range) == ["2023-07-26T00:00:00", "2024-02-24T00:00:00"]
    assert shown.events["date"].between("2023-07-26", "2024-02-24").all()


def test_a_large_selection_is_counted_and_its_table_cut(data, archive, monkeypatch):
    monkeypatch.setattr(config, "MAX_EVENT_MARKERS", 20)
    monkeypatch.setattr(timeline_view, "TABLE_ROWS", 15)
    shown = build(data, archive)
    total = len(data["events"])
    assert shown.n_events == total and shown.table_cut
    assert len(shown.events) == len(shown.table) == 15  # only the newest reach pandas
    assert shown.events["date"].min() >= data["events"]["date"].nlargest(15).min()
    # the figure counts: markers stand for every event once
    markers = [t for t in shown.fig.data if t.type == "scatter" and t.mode == "markers"]
    assert sum(int(h.rsplit(" · ", 1)[1]) for t in markers for h in t.hovertext) == total
    # the export reads them all when asked
    every = shown.exports["events"]
    assert callable(every) and len(every()) == total


def test_the_language_draws_the_same_selection_in_french(data, archive):
    en, fr = build(data, archive, countries=("MLI",)), build(data, archive, countries=("MLI",), lang="fr")
    assert en.counts == fr.counts
    assert en.fig.layout.annotations[0].text == "Foreign presence"
    assert fr.fig.layout.annotations[0].text == "Présence étrangère"
    assert set(fr.table["country"]) == {"Mali"} and not set(fr.table["grade"]) & set(en.table["grade"])


def test_the_cache_key_ignores_the_map_date_and_the_step():
    view = Filters(countries=("NER",), lang="fr")
    assert timeline_view.reads(view.with_(date="2023-09", step=3)) == timeline_view.reads(view)
    assert timeline_view.reads(view) != timeline_view.reads(view.with_(lang="en"))
