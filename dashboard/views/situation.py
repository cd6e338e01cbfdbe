"""The situation on one date, as the home map and the presentation draw it (no Streamlit).

Who is present (split into forces confirmed within a year and forces last confirmed longer ago),
who left since a given day, and the map of both with its title, date and sources written in.
The one pipeline of both pages: `at(data, ...)` for the store's tables, `situation(...)` for
frames already derived.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import charts, map_hover, text
from dashboard.logic import filters, geo, presence
from dashboard.views import inputs


@dataclass(frozen=True)
class Situation:
    present: pd.DataFrame  # every force present, with last_confirmed, stale and strength
    shown: pd.DataFrame  # the same as the map and its list show it: a figure once per country
    left: pd.DataFrame  # intervals closed by a withdrawal in the window
    layers: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]  # present, stale, left (map layers)
    figure: go.Figure

    @property
    def confirmed(self) -> pd.DataFrame:
        return self.shown[~self.shown["stale"].astype(bool)]

    @property
    def stale(self) -> pd.DataFrame:
        return self.shown[self.shown["stale"].astype(bool)]

    def layer(self, status: str) -> pd.DataFrame:
        return self.layers[("present", "stale", "left").index(status)]


def countrywide(frame: pd.DataFrame) -> pd.Series:
    """Rows with no place: a force present somewhere in the country, place not given."""
    return frame["location_id"].astype("string").fillna("").eq("")


def today() -> pd.Timestamp:
    return pd.Timestamp.today().normalize()


def map_date(value) -> pd.Timestamp:
    """The moment a map date stands for, never after today: the current month means today."""
    return min(presence.as_of(value), today())


def situation(
    intervals: pd.DataFrame,
    reports,
    support: pd.DataFrame,
    locations: pd.DataFrame,
    publishers: Mapping[str, str],
    grades: Mapping[str, str],
    when: pd.Timestamp,
    since: pd.Timestamp,
    lang: str,
    title: str,
    subtitle: str,
    footer_label: str,
    footer_ids=None,
    height: int = 620,
    font: int = 14,
    label_size: int = 15,
    footer_size: int | None = None,
    width_chars: int = 110,
    title_size: int | None = None,
    subtitle_size: int | None = None,
    marker_label_size: int | None = None,
    marker_label_position: str = "bottom center",
    countrywide_pins: bool = True,
) -> Situation:
    """Everything one map shows at `when`, with the forces that left after `since`.

    The footer names the sources of the forces present, or `footer_ids` when given. Sizes in
    px (see charts.presence_map and charts.with_caption); unset, the home map's."""
    present = presence.situation(intervals, reports, when, support)
    shown = _strength_once(present, locations, lang)
    left = presence.left_by(intervals, when, since=since)
    stale = shown["stale"].astype(bool)
    # Without pins, a country-wide force is no marker at the capital (the region layer shades
    # its country instead).
    pinned = ~countrywide(shown) | countrywide_pins
    left_pinned = ~countrywide(left) | countrywide_pins
    # Spread together: a marker of one layer must never hide one of another at the same place.
    layers = tuple(
        geo.spread_together(
            [
                charts.map_layer(shown[~stale & pinned].reset_index(drop=True), locations, spread=False),
                charts.map_layer(shown[stale & pinned].reset_index(drop=True), locations, spread=False),
                charts.map_layer(left[left_pinned].reset_index(drop=True), locations, spread=False),
            ]
        )
    )
    ctx = map_hover.MapContext(lang, when=when, is_today=when == today(), grades=grades)
    fig = charts.presence_map(
        layers[0],
        layers[2],
        publishers,
        lang,
        height=height,
        stale=layers[1],
        ctx=ctx,
        label_size=label_size,
        marker_label_size=marker_label_size,
        marker_label_position=marker_label_position,
    )
    # Title, date and sources inside the figure, so the camera button's PNG is a briefing slide.
    ids = present["source_ids"] if footer_ids is None else footer_ids
    footer = text.sources_footer(ids, publishers, footer_label)
    charts.with_caption(
        fig,
        title,
        subtitle,
        footer,
        size=font,
        footer_size=footer_size,
        width_chars=width_chars,
        title_size=title_size,
        subtitle_size=subtitle_size,
    )
    return Situation(present, shown, left, layers, fig)


def at(
    data: inputs.Data,
    when: pd.Timestamp,
    since: pd.Timestamp,
    lang: str,
    countries: tuple[str, ...] = (),
    admin1: tuple[str, ...] = (),
    countrywide_pins: bool = True,
    **caption,
) -> Situation:
    """`situation` on the store's tables, for the chosen countries and admin-1 regions (all when
    none is chosen; `caption`: title, subtitle, footer and sizes)."""
    derived = inputs.derived
    intervals = filters.in_places(derived(data, inputs.intervals), countries, admin1)
    return situation(
        intervals.reset_index(drop=True),
        derived(data, inputs.strength_reports),
        derived(data, inputs.support),
        data["locations"],
        derived(data, inputs.publishers),
        derived(data, inputs.grades),
        when,
        since=since,
        lang=lang,
        countrywide_pins=countrywide_pins,
        **caption,
    )


def _strength_once(present: pd.DataFrame, locations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A force's troop figure on one of its markers per country (its country-wide one, else
    its first place), the others pointing there: a reader must not add up one figure shown
    at several bases."""
    if present.empty or "troops_min" not in present:
        return present.assign(strength_at=pd.Series(dtype="string"))
    names = dict(
        zip(
            locations["location_id"],
            locations["name_fr" if lang == "fr" else "name"].fillna(locations["name"]),
        )
    )
    force = ["actor", "force", "country"]
    order = present.assign(_wide=present["location_id"].fillna("").eq("")).sort_values(
        ["_wide", "location_id"], ascending=[False, True], kind="stable"
    )
    first = order.groupby(force, sort=False).head(1).index
    keep = present.index.isin(first)
    # Where each force's figure is drawn: a place name, or "" for its country-wide marker.
    carrier = {
        k: names.get(loc, loc) if isinstance(loc, str) and loc else ""
        for k, loc in order.loc[first].set_index(force)["location_id"].items()
    }
    at = [
        None if k or pd.isna(low) else carrier[(a, f, c)]
        for k, a, f, c, low in zip(
            keep, present["actor"], present["force"], present["country"], present["troops_min"]
        )
    ]
    out = present.assign(strength_at=at)
    out.loc[~keep, ["troops_min", "troops_max"]] = pd.NA
    return out
