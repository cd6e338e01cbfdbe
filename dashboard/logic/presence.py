"""Presence intervals derived from events: who was where, from when to when.

An interval is one force of one actor at one place (or country-wide when no place is known).
Opening events start it, closing events end it, and leaving events (announcements, revoked
agreements) flag it. Troop strength is kept per force as reported, never averaged: when sources
disagree the range of their figures is shown with every source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import config
from dashboard.records import vocab

INTERVAL_COLUMNS = [
    "actor",
    "force",
    "country",
    "location_id",
    "start",
    "start_precision",
    "start_kind",
    "end",
    "end_precision",
    "end_kind",
    "leaving_since",
    "event_ids",
    "source_ids",
]
# How long before the latest strength report other reports still count towards the range.
STRENGTH_WINDOW = pd.Timedelta(days=365)
# A force, or a troop figure, whose newest evidence is older than this at the map's date is
# shown as "last confirmed" on that date, not as known to be there.
STALE_AFTER = pd.Timedelta(days=config.STALE_AFTER_DAYS)
_ORDER = (
    {t: 0 for t in vocab.OPENS_PRESENCE}
    | {t: 1 for t in vocab.MARKS_LEAVING}
    | {t: 2 for t in vocab.CLOSES_PRESENCE}
)


def as_of(value: str | dt.date | pd.Timestamp) -> pd.Timestamp:
    """The moment a map date stands for: the end of a month given as YYYY-MM, else the day."""
    if isinstance(value, str) and len(value) == 7:
        return pd.Timestamp(value + "-01") + pd.offsets.MonthEnd(0)
    return pd.Timestamp(value).normalize()


def presence_events(events: pd.DataFrame) -> pd.DataFrame:
    mask = events["actor"].isin(vocab.PRESENCE_ACTORS) & events["event_type"].isin(_ORDER)
    ordered = events[mask].assign(_order=events["event_type"].map(_ORDER))
    return ordered.sort_values(["date", "_order", "event_id"], kind="stable")


_WALKED = [
    "actor",
    "force",
    "country",
    "location_id",
    "event_type",
    "date",
    "date_precision",
    "event_id",
    "source_ids",
]
_NAT = np.iinfo(np.int64).min  # numpy's NaT as an integer tick


def build_intervals(events: pd.DataFrame) -> pd.DataFrame:
    """Walk the events in time order and open, flag and close intervals."""
    # An event only touches the intervals of its own force (actor, force, country), so open
    # intervals are kept per force: a row looks at a few places, not at every open interval.
    open_: dict[tuple, dict[str, dict]] = {}  # (actor, force, country) -> location -> interval
    done: list[dict] = []
    opened = 0  # intervals opened so far: still-open ones are listed in that order

    def close(places, loc, row, kind):
        date, precision, event_id, source_ids = row
        interval = places.pop(loc)
        interval.update(end=date, end_precision=precision, end_kind=kind)
        interval["event_ids"].append(event_id)
        interval["source_ids"].append(source_ids)
        done.append(interval)

    ev = presence_events(events[_WALKED])  # only the columns walked: sorting text is costly
    dates = ev["date"].to_numpy()
    columns = [ev[c].tolist() for c in _WALKED if c != "date"]
    # Plain lists and integer ticks: iterating the frame's columns boxes every value.
    for actor, force, country, loc, etype, precision, event_id, source_ids, date in zip(
        *columns, dates.view("i8").tolist()
    ):
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
                places[loc] = {
                    "actor": actor,
                    "force": force,
                    "country": country,
                    "location_id": loc,
                    "start": date,
                    "start_precision": precision,
                    "start_kind": etype,
                    "end": _NAT,
                    "end_precision": None,
                    "end_kind": None,
                    "leaving_since": _NAT,
                    "event_ids": [],
                    "source_ids": [],
                    "opened": opened,
                }
                opened += 1
                target = [places[loc]]
            for interval in target:
                interval["event_ids"].append(event_id)
                interval["source_ids"].append(source_ids)
        elif etype in vocab.MARKS_LEAVING:
            for interval in places.values():
                if interval["leaving_since"] == _NAT:
                    interval["leaving_since"] = date
                interval["event_ids"].append(event_id)
                interval["source_ids"].append(source_ids)
        else:  # closes
            for place in [p for p in places if loc == "" or p == loc]:
                close(places, place, row, "withdrawn")
    # Closed ones first, then open ones in opening order: the final sort is stable, so this
    # order settles ties the way a single walk over every force would.
    still_open = sorted((i for places in open_.values() for i in places.values()), key=lambda i: i["opened"])
    frame = pd.DataFrame(done + still_open, columns=INTERVAL_COLUMNS)
    frame["event_ids"] = frame["event_ids"].map(lambda ids: ";".join(dict.fromkeys(ids)))
    frame["source_ids"] = frame["source_ids"].map(
        lambda ids: ";".join(dict.fromkeys(filter(None, ";".join(map(str, ids)).split(";"))))
    )
    for col in ("start", "end", "leaving_since"):
        frame[col] = _datetimes(frame[col], dates.dtype)
    return frame.sort_values(["start", "actor", "force"], ignore_index=True)


def _datetimes(ticks: pd.Series, dtype) -> pd.Series:
    """Integer ticks back to datetimes in the events' unit; a column without any date gets the
    unit pandas gives NaT alone, as building it from Timestamps would."""
    values = pd.Series(ticks.to_numpy(dtype="i8").view(dtype), index=ticks.index)
    return values if values.notna().any() else pd.to_datetime(values.astype(object))


def _open_at(intervals: pd.DataFrame, d: pd.Timestamp) -> pd.Series:
    return (intervals["start"] <= d) & (intervals["end"].isna() | (intervals["end"] > d))


def present_on(intervals: pd.DataFrame, when) -> pd.DataFrame:
    """Intervals open at `when` (started on or before it, not yet ended)."""
    return intervals[_open_at(intervals, as_of(when))].reset_index(drop=True)


def left_by(intervals: pd.DataFrame, when, since=None) -> pd.DataFrame:
    """Intervals closed by a withdrawal or handover on or before `when` (after `since`)."""
    d = as_of(when)
    mask = (intervals["end_kind"] == "withdrawn") & (intervals["end"] <= d)
    if since is not None:
        mask &= intervals["end"] > as_of(since)
    return intervals[mask].reset_index(drop=True)


@dataclass(frozen=True)
class StrengthReports:
    """The strength reports of some events, ready to be asked about many dates."""

    rows: pd.DataFrame  # the reports, in the events' order
    force: np.ndarray  # each row's (actor, force, country) as a number
    ticks: np.ndarray  # each row's date as an integer tick in `unit`
    unit: str


def strength_reports(events: pd.DataFrame) -> StrengthReports:
    rows = events.loc[
        (events["troops_kind"] == "strength") & events["troops"].notna(),
        ["actor", "force", "country", "date", "troops", "source_ids"],
    ]
    force = rows.groupby(["actor", "force", "country"], sort=False, dropna=False).ngroup()
    dates = rows["date"].to_numpy()
    return StrengthReports(rows, force.to_numpy(), dates.view("i8"), np.datetime_data(dates.dtype)[0])


def strength_as_of(events: pd.DataFrame | StrengthReports, when) -> pd.DataFrame:
    """Per force, the range of troop strengths reported in the year up to its latest report.

    Takes the events, or their `strength_reports` when asked about many dates."""
    reports = events if isinstance(events, StrengthReports) else strength_reports(events)
    d = as_of(when).to_datetime64().astype(f"M8[{reports.unit}]").astype(np.int64)
    upto = np.flatnonzero((reports.ticks <= d) & (reports.ticks != _NAT))
    if not len(upto):
        return pd.DataFrame(
            columns=["actor", "force", "country", "troops_min", "troops_max", "troops_date", "troops_sources"]
        )
    force, ticks = reports.force[upto], reports.ticks[upto]
    latest = np.full(reports.force.max() + 1, _NAT)
    np.maximum.at(latest, force, ticks)
    window = STRENGTH_WINDOW.to_timedelta64().astype(f"m8[{reports.unit}]").astype(np.int64)
    recent = reports.rows.iloc[upto[ticks > latest[force] - window]]
    return recent.groupby(["actor", "force", "country"], as_index=False).agg(
        troops_min=("troops", "min"),
        troops_max=("troops", "max"),
        troops_date=("date", "max"),
        troops_sources=(
            "source_ids",
            lambda s: ";".join(dict.fromkeys(x for part in s for x in str(part).split(";"))),
        ),
    )


def support_dates(intervals: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Every (interval position, event date) pair of the events that support an interval:
    what `last_confirmed` looks through, built once for any number of dates."""
    ids = intervals["event_ids"].reset_index(drop=True).str.split(";").explode()
    date_of = pd.Series(events["date"].to_numpy(), index=events["event_id"].to_numpy())
    date_of = date_of[~date_of.index.duplicated()]
    frame = pd.DataFrame({"interval": ids.index.to_numpy(), "date": ids.map(date_of).to_numpy()})
    return frame.dropna().sort_values("interval", ignore_index=True)


def last_confirmed(support: pd.DataFrame, positions, when) -> pd.Series:
    """For intervals at `positions`, the date of their newest supporting event on or before
    `when` (a year- or month-precise event counts from the first day of its span)."""
    d = as_of(when)
    rows = support[support["interval"].isin(positions) & (support["date"] <= d)]
    return rows.groupby("interval")["date"].max().reindex(positions)


def situation(
    intervals: pd.DataFrame, events: pd.DataFrame | StrengthReports, when, support: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Who is present at `when`, with the latest reported strength of each force.

    With `support` (support_dates), each force also gets `last_confirmed` and `stale`: its
    newest evidence is older than STALE_AFTER at `when`; and `troops_stale` for a figure as old."""
    d = as_of(when)
    positions = np.flatnonzero(_open_at(intervals, d).to_numpy())
    present = intervals.iloc[positions]
    if support is not None:
        confirmed = last_confirmed(support, positions, d).to_numpy()
        present = present.assign(last_confirmed=pd.to_datetime(confirmed))
        present = present.assign(stale=(d - present["last_confirmed"]) > STALE_AFTER)
    present = present.reset_index(drop=True)
    strength = strength_as_of(events, when)
    out = present.merge(strength, on=["actor", "force", "country"], how="left")
    out["troops_stale"] = (d - pd.to_datetime(out["troops_date"])) > STALE_AFTER
    return out


def newest_evidence(events: pd.DataFrame, when) -> tuple[pd.Timestamp | None, dict[str, pd.Timestamp]]:
    """The date of the newest event on or before `when`, overall and per country."""
    d = as_of(when)
    dated = events.loc[events["date"] <= d, ["country", "date"]]
    if dated.empty:
        return None, {}
    per_country = dated.groupby("country")["date"].max()
    return pd.Timestamp(per_country.max()), {c: pd.Timestamp(v) for c, v in per_country.items()}


def change_positions(events: pd.DataFrame, start, end) -> np.ndarray:
    """Row positions of the events dated from the day `start` up to `as_of(end)`, newest
    first (events of one day in table order)."""
    lo, hi = pd.Timestamp(start).normalize(), as_of(end)
    dates = events["date"]
    inside = np.flatnonzero(((dates >= lo) & (dates <= hi)).to_numpy())
    newest_first = np.argsort(-dates.to_numpy()[inside].view("i8"), kind="stable")
    return inside[newest_first]


def changes_between(events: pd.DataFrame, start, end) -> pd.DataFrame:
    """Events dated from the day `start` up to `as_of(end)`, newest first."""
    return events.iloc[change_positions(events, start, end)].reset_index(drop=True)
