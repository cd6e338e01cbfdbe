"""How much to draw: presence intervals merged into spans and shares of months, events counted.

A timeline of a large archive cannot draw every interval and every event: these turn them into
what it draws instead (config.MAX_BARS, MAX_CELLS, MAX_EVENT_MARKERS say when). Frames in,
frames out; no figure and no Streamlit here.
"""

from __future__ import annotations

import pandas as pd

from dashboard import config

PERIOD_FREQ = {"month": "M", "quarter": "Q", "year": "Y"}  # finest first


def merged_spans(intervals: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """Per actor, force and country, its intervals joined where they overlap or touch: when
    that force was somewhere in that country, each span with how many intervals and places it
    joins. An open interval runs to `today`."""
    key = ["actor", "force", "country"]
    if intervals.empty:
        return pd.DataFrame(columns=key + ["start", "end", "open", "leaving_since", "n", "places", "sources"])
    frame = intervals.assign(
        hi=intervals["end"].fillna(today).clip(lower=intervals["start"]), open=intervals["end"].isna()
    )
    frame = frame.sort_values(key + ["start"], kind="stable")
    groups = [frame[k] for k in key]
    reach = frame.groupby(groups, dropna=False)["hi"].cummax()  # furthest end so far in the row
    before = reach.groupby(groups, dropna=False).shift()
    span = (before.isna() | (frame["start"] > before)).cumsum().rename("span")
    spans = frame.groupby(span).agg(
        actor=("actor", "first"),
        force=("force", "first"),
        country=("country", "first"),
        start=("start", "min"),
        end=("hi", "max"),
        open=("open", "any"),
        leaving_since=("leaving_since", "max"),
        n=("start", "size"),
        places=("location_id", "nunique"),
    )
    ids = frame["source_ids"].fillna("").astype(str).str.split(";").explode().str.strip()
    spans["sources"] = ids[ids != ""].groupby(span).nunique().reindex(spans.index, fill_value=0)
    return spans.reset_index(drop=True)


def coverage(spans: pd.DataFrame, months: int = 1) -> pd.DataFrame:
    """For each force, country and period of `months` months (calendar months or quarters),
    the share of the period's days inside its spans (spans of one row never overlap, so their
    days add up). `period` is the period's first day."""
    key = ["actor", "force", "country"]
    if spans.empty:
        return pd.DataFrame(columns=key + ["period", "share"])
    month = "datetime64[M]"  # counted in months since 1970, so a quarter is 3 of them
    first = spans["start"].to_numpy().astype(month).astype(int) // months * months
    last = spans["end"].to_numpy().astype(month).astype(int) // months * months
    repeat = (last - first) // months + 1
    rep = spans.loc[spans.index.repeat(repeat)]
    start = first.repeat(repeat) + rep.groupby(level=0).cumcount().to_numpy() * months
    lo = pd.Series(start.astype(month).astype("datetime64[us]"), index=rep.index)
    hi = pd.Series((start + months).astype(month).astype("datetime64[us]"), index=rep.index)
    inside = rep["end"].clip(upper=hi) - rep["start"].clip(lower=lo)
    share = inside.dt.total_seconds().clip(lower=0) / (hi - lo).dt.total_seconds()
    out = rep[key].assign(period=lo, share=share)
    return out.groupby(key + ["period"], as_index=False, dropna=False)["share"].sum()


def is_dense(n_events: int) -> bool:
    """True when a selection has too many events to draw one by one (over
    config.MAX_EVENT_MARKERS): the timeline then draws their counts (`count_events`)."""
    return n_events > config.MAX_EVENT_MARKERS


def monthly_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Events counted per type, country and month (the store counts them in SQL alike:
    selection.monthly_counts_sql)."""
    period = events["date"].dt.to_period("M").dt.start_time.rename("period")
    return events.groupby(["event_type", "country", period], observed=True).size().rename("n").reset_index()


def count_events(monthly: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Monthly counts rolled up to the finest period (month, quarter, year) that keeps the
    markers under config.MAX_EVENT_MARKERS. Returns the counts and the period's name."""
    for precision, freq in PERIOD_FREQ.items():
        period = pd.to_datetime(monthly["period"]).dt.to_period(freq).dt.start_time
        counts = (
            monthly.assign(period=period)
            .groupby(["event_type", "country", "period"], as_index=False)["n"]
            .sum()
        )
        if len(counts) <= config.MAX_EVENT_MARKERS:
            return counts, precision
    return counts, precision  # by year, however many
