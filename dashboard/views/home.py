"""The home map page's view-model: the situation on a date, who changed, how old the evidence is.

`build(data, when, window, lang)` holds everything the page draws; the page only picks the
date and window and renders it. No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import i18n
from dashboard.figures import regions as figures_regions
from dashboard.logic import filters, presence
from dashboard.views import inputs, situation
from dashboard.views.situation import Situation

FIRST_MONTH = pd.Period("2013-01", "M")
WINDOWS = (1, 3, 6, 12, 24, 60)  # months of "what changed", offered to the reader
CHANGES_SHOWN = 60  # the newest; the timeline page lists them all
PRESENT_SHOWN = 60  # by actor and name; the map shows them all


@dataclass(frozen=True)
class Home:
    when: pd.Timestamp
    situation: Situation
    newest: pd.Timestamp | None  # the newest event up to `when`
    newest_by_country: dict
    changes: pd.DataFrame  # the newest CHANGES_SHOWN events of the window, newest first
    changes_total: int
    present: pd.DataFrame  # the forces listed: stale last, by actor and force, PRESENT_SHOWN at most
    present_total: int


def months(today: pd.Timestamp) -> list[str]:
    """The slider's months, YYYY-MM, from FIRST_MONTH to today's."""
    return [str(p) for p in pd.period_range(FIRST_MONTH, pd.Period(today, "M"), freq="M")]


def build(
    data,
    when: pd.Timestamp,
    window: int,
    lang: str,
    countries: tuple = (),
    admin1: tuple = (),
    region_layer: bool = False,
) -> Home:
    """The home map at `when`, for the countries and regions of the link (all by default), with
    the admin-1 region layer when asked."""
    start = (when - pd.DateOffset(months=window)) + pd.Timedelta(days=1)
    sit = situation.at(
        data,
        when,
        since=start - pd.Timedelta(days=1),
        lang=lang,
        countries=countries,
        admin1=admin1,
        countrywide_pins=not region_layer,
        title=i18n.t("map.title", lang),
        subtitle=i18n.fmt_date(when, "day", lang),
        footer_label=i18n.t("present.sources", lang),
    )
    if region_layer:
        codes = {s: set(f["admin1_code"].dropna()) for s, f in (("present", sit.present), ("left", sit.left))}
        wide = sit.shown[situation.countrywide(sit.shown)]
        countrywide = {
            c: sorted({i18n.name("force", x, lang) for x in g["force"]}) for c, g in wide.groupby("country")
        }
        figures_regions.shade(sit.figure, codes["present"], codes["left"], lang, countrywide)
    events = filters.in_places(inputs.derived(data, inputs.events), countries, admin1)
    changes = presence.change_positions(events, start, when)
    newest, by_country = presence.newest_evidence(events, when)
    shown = sit.shown.sort_values(["stale", "actor", "force"])
    return Home(
        when,
        sit,
        newest,
        by_country,
        events.iloc[changes[:CHANGES_SHOWN]],
        len(changes),
        shown.head(PRESENT_SHOWN),
        len(shown),
    )
