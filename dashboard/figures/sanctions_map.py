"""The sanctions map: the three countries shaded by the measures in force on one date.

Pure: the frame of `indicators.in_force_by_country` in, a plotly figure out.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures import style
from dashboard.figures.charts import base_map
from dashboard.figures.common import label_for
from dashboard.figures.text import esc
from dashboard.records import vocab


def sanctions_map(by_country: pd.DataFrame, lang: str, labels: dict) -> go.Figure:
    """The three countries shaded by the number of measures in force (no shade at 0), over
    the offline base map; hover lists each measure with its imposer."""
    fig = base_map(lang)
    frame = by_country.set_index("country") if not by_country.empty else by_country
    counts = [int(frame.at[c, "n_measures"]) if c in frame.index else 0 for c in vocab.COUNTRIES]
    top = max(counts + [1])
    hover = [_country_hover(c, frame, lang, labels) for c in vocab.COUNTRIES]
    # Transparent at 0 so the base map's own shade shows; any measure gets a visible tint.
    scale = [
        [0, "rgba(178,24,43,0)"],
        [0.5 / top, "rgba(178,24,43,0)"],
        [min(0.999, 0.5 / top + 1e-6), "rgba(178,24,43,0.25)"],
        [1, "rgba(178,24,43,0.8)"],
    ]
    fig.add_trace(
        go.Choropleth(
            locations=list(vocab.COUNTRIES),
            locationmode="ISO-3",
            z=counts,
            zmin=0,
            zmax=top,
            colorscale=scale,
            marker_line_color=style.BORDER_COLOR,
            marker_line_width=1.2,
            colorbar=dict(
                title=dict(text=esc(label_for(labels, "n_measures"))),
                dtick=1 if top <= 10 else None,
                len=0.5,
                thickness=14,
            ),
            hovertext=hover,
            hoverinfo="text",
            name=esc(label_for(labels, "sanctions")),
        )
    )
    return fig


def _country_hover(country: str, frame: pd.DataFrame, lang: str, labels: dict) -> str:
    head = f"<b>{esc(i18n.name('country', country, lang))}</b>"
    if country not in frame.index or not frame.at[country, "n_measures"]:
        return f"{head}<br>{esc(label_for(labels, 'none'))}"
    measures = list(frame.at[country, "measures"])
    imposers = list(frame.at[country, "measure_imposers"]) if "measure_imposers" in frame else []
    lines = [f"{esc(label_for(labels, 'n_measures'))}: {len(measures)}"]
    for i, m in enumerate(measures):
        who = f" ({i18n.name('actor', imposers[i], lang)})" if i < len(imposers) and imposers[i] else ""
        lines.append(esc(f"{i18n.name('measure', m, lang)}{who}"))
    return "<br>".join([head] + lines)
