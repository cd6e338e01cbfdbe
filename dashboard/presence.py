"""Presence intervals derived from events: who was where, from when to when.

An interval is one force of one actor at one place (or country-wide when no place is known).
Opening events start it, closing events end it, and leaving events (announcements, revoked
agreements) flag it. Troop strength is kept per force as reported, never averaged: when sources
disagree the range of their figures is shown with every source.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard import vocab

INTERVAL_COLUMNS = ["actor", "force", "country", "location_id", "start", "start_precision",
                    "end", "end_precision", "end_kind", "leaving_since", "event_ids",
                    "source_ids"]
# How long before the latest strength report other reports still count towards the range.
STRENGTH_WINDOW = pd.Timedelta(days=365)
_ORDER = {t: 0 for t in vocab.OPENS_PRESENCE} | {t: 1 for t in vocab.MARKS_LEAVING} | {
    t: 2 for t in vocab.CLOSES_PRESENCE}


def as_of(value: str | dt.date | pd.Timestamp) -> pd.Timestamp:
    """The moment a map date stands for: the end of a month given as YYYY-MM, else the day."""
    if isinstance(value, str) and len(value) == 7:
        return pd.Timestamp(value + "-01") + pd.offsets.MonthEnd(0)
    return pd.Timestamp(value).normalize()


def presence_events(events: pd.DataFrame) -> pd.DataFrame:
    mask = events["actor"].isin(vocab.PRESENCE_ACTORS) & events["event_type"].isin(_ORDER)
    ordered = events[mask].assign(_order=events["event_type"].map(_ORDER))
    return ordered.sort_values(["date", "_order", "event_id"], kind="stable")


def build_intervals(events: pd.DataFrame) -> pd.DataFrame:
    """Walk the events in time order and open, flag and close intervals.

    Events only ever touch the intervals of their own force (actor, force, country), so the
    open intervals are kept per force: a row looks at a handful of places, not at every open
    interval of every force."""
    open_: dict[tuple, dict[str, dict]] = {}  # (actor, force, country) -> location -> interval
    done: list[dict] = []
    # The order intervals were opened in, for those still open at the end (see below).
    opened = 0

    def close(places, loc, row, kind):
        date, precision, event_id, source_ids = row
        interval = places.pop(loc)
        interval.update(end=date, end_precision=precision, end_kind=kind)
        interval["event_ids"].append(event_id)
        interval["source_ids"].append(source_ids)
        done.append(interval)

    ev = presence_events(events)
    columns = ("actor", "force", "country", "location_id", "event_type", "date",
               "date_precision", "event_id", "source_ids")
    # Plain lists: iterating a frame's (Arrow-backed) columns value by value is far slower.
    for actor, force, country, loc, etype, date, precision, event_id, source_ids in zip(
            *(ev[c].tolist() for c in columns)):
        loc = loc if isinstance(loc, str) else ""
        row = (date, precision, event_id, source_ids)
        places = open_.setdefault((actor, force, country), {})
        if etype in vocab.OPENS_PRESENCE:
            if loc in places:
                target = [places[loc]]
            elif loc == "" and places:
                target = list(places.values())  # a country-wide report of a placed force
            else:
                if loc and "" in places:
                    close(places, "", row, "relocated")  # now known where it is based
                places[loc] = {"actor": actor, "force": force, "country": country,
                               "location_id": loc, "start": date, "start_precision": precision,
                               "end": pd.NaT, "end_precision": None, "end_kind": None,
                               "leaving_since": pd.NaT, "event_ids": [], "source_ids": [],
                               "_opened": opened}
                opened += 1
                target = [places[loc]]
            for interval in target:
                interval["event_ids"].append(event_id)
                interval["source_ids"].append(source_ids)
        elif etype in vocab.MARKS_LEAVING:
            for interval in places.values():
                if interval["leaving_since"] is pd.NaT:
                    interval["leaving_since"] = date
                interval["event_ids"].append(event_id)
                interval["source_ids"].append(source_ids)
        else:  # closes
            for place in [p for p in places if loc == "" or p == loc]:
                close(places, place, row, "withdrawn")
    # Still open: in the order they were opened, as one walk over every force would list them
    # (the final sort is stable, so this order decides ties).
    still_open = sorted((i for places in open_.values() for i in places.values()),
                        key=lambda i: i["_opened"])
    frame = pd.DataFrame(done + still_open, columns=INTERVAL_COLUMNS)
    frame["event_ids"] = frame["event_ids"].map(lambda ids: ";".join(dict.fromkeys(ids)))
    frame["source_ids"] = frame["source_ids"].map(
        lambda ids: ";".join(dict.fromkeys(s for part in ids for s in str(part).split(";") if s)))
    for col in ("start", "end", "leaving_since"):
        frame[col] = pd.to_datetime(frame[col])
    return frame.sort_values(["start", "actor", "force"], ignore_index=True)


def present_on(intervals: pd.DataFrame, when) -> pd.DataFrame:
    """Intervals open at `when` (started on or before it, not yet ended)."""
    d = as_of(when)
    mask = (intervals["start"] <= d) & (intervals["end"].isna() | (intervals["end"] > d))
    return intervals[mask].reset_index(drop=True)


def left_by(intervals: pd.DataFrame, when, since=None) -> pd.DataFrame:
    """Intervals closed by a withdrawal or handover on or before `when` (after `since`)."""
    d = as_of(when)
    mask = (intervals["end_kind"] == "withdrawn") & (intervals["end"] <= d)
    if since is not None:
        mask &= intervals["end"] > as_of(since)
    return intervals[mask].reset_index(drop=True)


def strength_as_of(events: pd.DataFrame, when) -> pd.DataFrame:
    """Per force, the range of troop strengths reported in the year up to its latest report."""
    d = as_of(when)
    reports = events[(events["troops_kind"] == "strength") & events["troops"].notna()
                     & (events["date"] <= d)]
    if reports.empty:
        return pd.DataFrame(columns=["actor", "force", "country", "troops_min", "troops_max",
                                     "troops_date", "troops_sources"])
    latest = reports.groupby(["actor", "force", "country"])["date"].transform("max")
    recent = reports[reports["date"] > latest - STRENGTH_WINDOW]
    return (recent.groupby(["actor", "force", "country"], as_index=False)
            .agg(troops_min=("troops", "min"), troops_max=("troops", "max"),
                 troops_date=("date", "max"),
                 troops_sources=("source_ids", lambda s: ";".join(dict.fromkeys(
                     x for part in s for x in str(part).split(";"))))))


def situation(intervals: pd.DataFrame, events: pd.DataFrame, when) -> pd.DataFrame:
    """Who is present at `when`, with the latest reported strength of each force."""
    present = present_on(intervals, when)
    strength = strength_as_of(events, when)
    return present.merge(strength, on=["actor", "force", "country"], how="left")


def changes_between(events: pd.DataFrame, start, end) -> pd.DataFrame:
    """Events dated from the day `start` up to `as_of(end)`, newest first."""
    lo, hi = pd.Timestamp(start).normalize(), as_of(end)
    mask = (events["date"] >= lo) & (events["date"] <= hi)
    return events[mask].sort_values("date", ascending=False, kind="stable").reset_index(drop=True)
