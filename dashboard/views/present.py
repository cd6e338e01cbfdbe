"""The presentation's view-model: a story step's map, in type read from across a room."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.views import inputs, situation

MAP_HEIGHT = 720  # the figure's own height, until the page has measured the box it fills
MILESTONES_SHOWN = 12  # a step's milestones listed beside the map (a projector shows no more)
TEXT_PX = 20  # nothing written on the map smaller, as rendered: read from across a room


def steps(data) -> list:
    return inputs.derived(data, inputs.story_steps)


def step_map(data, n: int, lang: str) -> go.Figure:
    """The map of step `n` (1-based): the situation at the step's date, its sources below."""
    step = steps(data)[n - 1]
    sit = situation.at(
        data,
        step.when,
        since=step.when - pd.DateOffset(years=1),
        lang=lang,
        title=i18n.t("present.title", lang),
        subtitle=i18n.t("present.map_at", lang, date=i18n.fmt_date(step.when, "day", lang)),
        footer_label=i18n.t("present.sources", lang),
        footer_ids=step.source_ids,
        height=MAP_HEIGHT,
        font=24,
        title_size=28,
        subtitle_size=TEXT_PX + 2,
        label_size=TEXT_PX + 2,
        marker_label_size=TEXT_PX,
        marker_label_position="top center",
        footer_size=TEXT_PX,
        width_chars=72,
    )
    # Nothing on the map under 20 px; the legend's rows close together, so the map keeps room.
    return sit.figure.update_layout(
        legend_font_size=TEXT_PX, legend_tracegroupgap=0, hoverlabel_font_size=TEXT_PX
    )
