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
    """Walk the events in time order and open, flag and close intervals."""
    open_: dict[tuple, dict] = {}  # (actor, force, country, location) -> interval
    done: list[dict] = []

    def close(key, row, kind):
        interval = open_.pop(key)
        interval.update(end=row.date, end_precision=row.date_precision, end_kind=kind)
        interval["event_ids"].append(row.event_id)
        interval["source_ids"].append(row.source_ids)
        done.append(interval)

    for row in presence_events(events).itertuples(index=False):
        force_key = (row.actor, row.force, row.country)
        loc = row.location_id if isinstance(row.location_id, str) else ""
        keys_of_force = [k for k in open_ if k[:3] == force_key]
        if row.event_type in vocab.OPENS_PRESENCE:
            key = force_key + (loc,)
            if key in open_:
                target = [open_[key]]
            elif loc == "" and keys_of_force:
                target = [open_[k] for k in keys_of_force]  # a country-wide report of a placed force
            else:
                if loc and force_key + ("",) in open_:
                    close(force_key + ("",), row, "relocated")  # now known where it is based
                open_[key] = {"actor": row.actor, "force": row.force, "country": row.country,
                              "location_id": loc, "start": row.date,
                              "start_precision": row.date_precision, "end": pd.NaT,
                              "end_precision": None, "end_kind": None, "leaving_since": pd.NaT,
                              "event_ids": [], "source_ids": []}
                target = [open_[key]]
            for interval in target:
                interval["event_ids"].append(row.event_id)
                interval["source_ids"].append(row.source_ids)
        elif row.event_type in vocab.MARKS_LEAVING:
            for k in keys_of_force:
                if pd.isna(open_[k]["leaving_since"]):
                    open_[k]["leaving_since"] = row.date
                open_[k]["event_ids"].append(row.event_id)
                open_[k]["source_ids"].append(row.source_ids)
        else:  # closes
            for k in keys_of_force:
                if loc == "" or k[3] == loc:
                    close(k, row, "withdrawn")
    frame = pd.DataFrame(done + list(open_.values()), columns=INTERVAL_COLUMNS)
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
