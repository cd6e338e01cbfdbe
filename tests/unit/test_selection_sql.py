"""The store's SQL selection of events keeps exactly the rows the pandas rule keeps.

The timeline filters a large store in DuckDB (selection.events_sql) and small frames in pandas
(selection.select): both must agree on every view, or a shared link would show different
events depending on the size of the archive.
"""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import config
from dashboard.logic import selection
from dashboard.logic.coverage import count_events, monthly_counts
from dashboard.logic.filters import Filters
from dashboard.records import vocab
from dashboard.store import Store


@pytest.fixture(scope="module")
def store(module_store_target):
    s = Store(module_store_target)
    yield s
    s.close()


def _ids(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["event_id"].astype(str))


views = st.builds(
    Filters,
    countries=st.lists(st.sampled_from(vocab.COUNTRIES), max_size=2, unique=True).map(tuple),
    actors=st.lists(st.sampled_from(vocab.ACTORS), max_size=3, unique=True).map(tuple),
    types=st.lists(st.sampled_from(vocab.EVENT_TYPES + vocab.SANCTION_MEASURES), max_size=3, unique=True).map(
        tuple
    ),
    start=st.one_of(st.none(), st.dates(dt.date(2010, 1, 1), dt.date(2025, 12, 31))),
    end=st.one_of(st.none(), st.dates(dt.date(2012, 1, 1), dt.date(2026, 12, 31))),
    # words of the data, parts of words, case changes, accents, and SQL-looking text
    text=st.one_of(
        st.just(""),
        st.sampled_from(
            [
                "base",
                "BASE",
                "wagner",
                "Barkhane",
                "niamey",
                "retrait",
                "é",
                "départ",
                "US",
                "AB101",
                "'; DROP TABLE events; --",
                "%",
                "_",
                "troops withdrew",
            ]
        ),
        st.text(alphabet="abcdeiorstuéè '%_", min_size=1, max_size=6),
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(view=views)
def test_sql_and_pandas_select_the_same_events(store, view):
    every = store.table("events")
    by_pandas = selection.select("events", every, view)
    sql, params = selection.events_sql(view)
    assert _ids(store.query(sql, params)) == _ids(by_pandas)


def test_the_latest_few_are_the_newest(store):
    sql, params = selection.events_sql(Filters(countries=("NER",)), latest=5)
    latest = store.query(sql, params)
    niger = store.table("events").query("country == 'NER'")
    assert len(latest) == 5
    assert list(latest["date"]) == sorted(niger["date"], reverse=True)[:5]


def test_sql_counts_equal_the_pandas_counts(store):
    """Per type, country and month, and rolled up alike when there are too many."""
    view = Filters(countries=("MLI", "NER"))
    events = selection.select("events", store.table("events"), view)
    key = ["event_type", "country", "period"]
    by_pandas = monthly_counts(events).sort_values(key, ignore_index=True)
    by_sql = store.query(*selection.monthly_counts_sql(view)).sort_values(key, ignore_index=True)
    assert list(by_pandas["n"]) == list(by_sql["n"]) and by_sql["n"].sum() == len(events)
    assert list(by_pandas["period"]) == list(pd.to_datetime(by_sql["period"]))
    counts, precision = count_events(by_sql)
    assert precision == "month" and len(counts) == len(by_sql)  # 100-odd events fit monthly


def test_too_many_monthly_markers_are_rolled_up_to_quarters_or_years():
    months = pd.date_range("2013-01-01", "2025-12-01", freq="MS")
    monthly = pd.DataFrame(
        [
            {"event_type": t, "country": c, "period": m, "n": 2}
            for t in vocab.EVENT_TYPES
            for c in vocab.COUNTRIES
            for m in months
        ]
    )
    assert len(monthly) > config.MAX_EVENT_MARKERS
    counts, precision = count_events(monthly)
    assert len(counts) <= config.MAX_EVENT_MARKERS and counts["n"].sum() == monthly["n"].sum()
    assert precision == ("quarter" if len(monthly) / 3 <= config.MAX_EVENT_MARKERS else "year")
    assert set(counts["period"].dt.month) <= ({1, 4, 7, 10} if precision == "quarter" else {1})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# An inverted window (start after end) never reaches a page: filters.from_params drops it.
@given(
    view=views.map(lambda v: v.with_(text="")).filter(lambda v: not (v.start and v.end and v.start > v.end))
)
def test_store_wide_spans_filtered_equal_spans_of_filtered_intervals(store, view):
    """The timeline merges the whole store's intervals once and filters the spans: that must
    draw the same bars as merging the filtered intervals (ignoring how many each joins)."""
    from dashboard.logic import presence
    from dashboard.logic.coverage import merged_spans

    today = pd.Timestamp("2026-01-01")
    intervals = presence.build_intervals(store.table("events"))
    cols = ["actor", "force", "country", "start", "end", "open"]
    once = selection.select("intervals", merged_spans(intervals, today), view)
    again = merged_spans(selection.select("intervals", intervals, view), today)
    key = cols[:4]
    a = once[cols].sort_values(key, ignore_index=True)
    b = again[cols].sort_values(key, ignore_index=True)
    if view.start or view.end:  # same forces; spans cut by the window may start or end
        assert set(map(tuple, a[key[:3]].values)) == set(map(tuple, b[key[:3]].values))
        lo = pd.Timestamp(view.start) if view.start else None
        hi = pd.Timestamp(view.end) if view.end else None
        for frame in (a, b):  # clip both to the window: what the zoomed chart shows
            if lo is not None:
                frame["start"] = frame["start"].clip(lower=lo)
                frame["end"] = frame["end"].clip(lower=lo)
            if hi is not None:
                frame["start"] = frame["start"].clip(upper=hi)
                frame["end"] = frame["end"].clip(upper=hi)
        a = a.drop_duplicates(key).sort_values(key, ignore_index=True)
        b = b.drop_duplicates(key).sort_values(key, ignore_index=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
