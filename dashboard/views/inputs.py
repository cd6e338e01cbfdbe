"""What several views derive from the same tables: intervals, supporting dates, strength
reports, grades, publishers, the story's steps.

`derived(data, build)` computes `build(data)` once per store version when `data` can keep it
(the UI's versioned tables do: dashboard.ui.cache.Tables.derived) and directly otherwise (a
plain dict of frames, as tests pass). No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from dashboard.figures.text import publisher_names
from dashboard.logic import geo, presence, story
from dashboard.records import regions
from dashboard.records.grades import grade_map

Data = Mapping[str, pd.DataFrame]


def derived(data: Data, build: Callable[[Data], object]):
    keep = getattr(data, "derived", None)
    return keep(build) if keep else build(data)


def events(data: Data) -> pd.DataFrame:
    """The events, each with its place's region (the store's events carry it already; a plain
    dict of frames, as tests pass, gets it here)."""
    frame = data["events"]
    return frame if "admin1_code" in frame else regions.of_places(frame, data["locations"])


def intervals(data: Data) -> pd.DataFrame:
    """Presence intervals, each with its place's region."""
    return regions.of_places(presence.build_intervals(data["events"]), data["locations"])


def located_intervals(data: Data) -> pd.DataFrame:
    """The intervals at a listed place, with its coordinates (country-wide ones have none, and
    are never drawn or measured at the capital here)."""
    iv = derived(data, intervals)
    return geo.place(iv[iv["location_id"].notna()].reset_index(drop=True), data["locations"])


def support(data: Data) -> pd.DataFrame:
    """The dates of the events behind each interval: how long ago a force was last confirmed."""
    return presence.support_dates(derived(data, intervals), data["events"])


def strength_reports(data: Data) -> presence.StrengthReports:
    return presence.strength_reports(data["events"])


def grades(data: Data) -> Mapping[str, str]:
    return grade_map(data["sources"])


def publishers(data: Data) -> Mapping[str, str]:
    return publisher_names(data["sources"])


def story_steps(data: Data) -> list:
    return story.steps(data["events"], derived(data, intervals))
