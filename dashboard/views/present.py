"""The presentation's view-model: a story step's map, in type read from across a room."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.views import inputs, situation

MAP_HEIGHT = 720
MILESTONES_SHOWN = 12  # a step's milestones listed beside the map (a projector shows no more)


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
        label_size=20,
        footer_size=18,
        width_chars=70,
    )
    # Nothing on the map under 20 px.
    return sit.figure.update_layout(legend_font_size=20, hoverlabel_font_size=20)
