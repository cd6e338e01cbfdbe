"""The guided story for presentations, derived from the events (nothing typed into a page).

A milestone is a coup, the first arrival of a force in a country, or the departure that ended
its last interval there. Milestones are grouped by year: one step per year that has any, shown
on the map as it stood after the year's last milestone.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import presence, vocab


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
    verified = events[events["status"] != "disputed"]
    ids = set(verified.loc[verified["event_type"] == "coup", "event_id"])
    closers = verified[verified["event_type"].isin(vocab.CLOSES_PRESENCE)]
    for (actor, force, country), group in intervals.groupby(["actor", "force", "country"]):
        first = group.sort_values("start").iloc[0]
        ids.add(str(first["event_ids"]).split(";")[0])
        if group["end"].notna().all() and (group["end_kind"] == "withdrawn").any():
            # The force's final withdrawal from that country (it may come after the last base
            # handover), else its last closing event.
            mine = closers[(closers["actor"] == actor) & (closers["force"] == force)
                           & (closers["country"] == country)]
            completed = mine[mine["event_type"] == "withdrawal_completed"]
            mine = completed if not completed.empty else mine
            if not mine.empty:
                ids.add(mine.sort_values("date").iloc[-1]["event_id"])
    picked = verified[verified["event_id"].isin(ids)]
    return picked.sort_values(["date", "event_id"], ignore_index=True)


def steps(events: pd.DataFrame, intervals: pd.DataFrame | None = None) -> list[Step]:
    intervals = presence.build_intervals(events) if intervals is None else intervals
    ms = milestones(events, intervals)
    out = []
    for number, (year, group) in enumerate(ms.groupby(ms["date"].dt.year), start=1):
        out.append(Step(number, int(year), pd.Timestamp(group["date"].max()),
                        group.reset_index(drop=True)))
    return out
