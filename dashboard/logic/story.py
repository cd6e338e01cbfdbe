"""The guided story for presentations, derived from the events (nothing typed into a page).

A milestone is a coup, the first arrival of a force in a country, or the departure that ended
its last interval there. Milestones are grouped by year: one step per year that has any, shown
on the map as it stood after the year's last milestone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.logic import presence
from dashboard.records import vocab


@dataclass(frozen=True)
class Step:
    number: int  # 1-based, as in the URL parameter `step`
    year: int
    when: pd.Timestamp  # the map's as-of date
    events: pd.DataFrame  # the milestones of the step, oldest first

    @property
    def source_ids(self) -> list[str]:
        return list(dict.fromkeys(s for ids in self.events["source_ids"] for s in str(ids).split(";") if s))


def milestones(events: pd.DataFrame, intervals: pd.DataFrame) -> pd.DataFrame:
    """Coups, first arrivals and final departures, one event each, oldest first."""
    keys = ["actor", "force", "country"]
    kept = events["status"] != "disputed"
    verified = events.loc[kept, ["event_id", "date", "event_type"] + keys]
    ids = set(verified.loc[verified["event_type"] == "coup", "event_id"])
    # Intervals are sorted by start: a force's first one holds its first arrival.
    ids |= {str(e).split(";")[0] for e in intervals.groupby(keys)["event_ids"].first()}
    ids |= set(_final_departures(verified, intervals)["event_id"])
    picked = events[kept & events["event_id"].isin(ids)]
    return picked.sort_values(["date", "event_id"], ignore_index=True)


def _final_departures(verified: pd.DataFrame, intervals: pd.DataFrame) -> pd.DataFrame:
    """For each force gone from a country (every interval ended, one by a withdrawal), its
    final withdrawal from there (it may come after the last base handover), else its last
    closing event."""
    keys = ["actor", "force", "country"]
    state = (
        intervals.assign(open=intervals["end"].isna(), withdrawn=intervals["end_kind"] == "withdrawn")
        .groupby(keys, as_index=False)[["open", "withdrawn"]]
        .any()
    )
    gone = state.loc[~state["open"] & state["withdrawn"], keys]
    closers = verified[verified["event_type"].isin(vocab.CLOSES_PRESENCE)]
    last = (
        closers.assign(completed=closers["event_type"] == "withdrawal_completed")
        .sort_values(["completed", "date"], kind="stable")
        .groupby(keys)
        .tail(1)
    )
    return last.merge(gone, on=keys)


def steps(events: pd.DataFrame, intervals: pd.DataFrame | None = None) -> list[Step]:
    intervals = presence.build_intervals(events) if intervals is None else intervals
    ms = milestones(events, intervals)
    out = []
    for number, (year, group) in enumerate(ms.groupby(ms["date"].dt.year), start=1):
        out.append(Step(number, int(year), pd.Timestamp(group["date"].max()), group.reset_index(drop=True)))
    return out
