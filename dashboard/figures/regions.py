"""The admin-1 region layer of a map: regions where foreign forces are present shaded, regions
they left in the window lightly hatched in grey, drawn under the markers. The boundaries are
static/admin1.geojson, inlined in the figure (about 90 KB): no request leaves the page."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures.text import esc
from dashboard.records import regions

PRESENT_FILL = "rgba(214, 96, 77, 0.35)"
LEFT_FILL = "rgba(120, 120, 120, 0.25)"


def _geojson(codes: set[str]) -> dict:
    """Only the regions drawn: the figure carries no outline it does not shade."""
    features = [f for f in regions._collection()["features"] if f["properties"]["admin1_code"] in codes]
    return {"type": "FeatureCollection", "features": features}


def _key(name: str, fill: str) -> go.Scattergeo:
    """A legend entry for one shade; it draws nothing."""
    return go.Scattergeo(
        lat=[None],
        lon=[None],
        mode="markers",
        marker=dict(symbol="square", size=14, color=fill, line=dict(width=1, color="#555555")),
        name=esc(name),
        hoverinfo="skip",
        hovertext=[],
        customdata=[],
    )


def shade(fig: go.Figure, present: set[str], left: set[str], lang: str) -> go.Figure:
    """`fig` with the region layer under its markers (after the base map's first trace)."""
    left = left - present  # a region with a force still present reads as present
    codes = sorted(present) + sorted(left)
    if not codes:
        return fig
    status = {c: 1 for c in present} | {c: 0 for c in left}
    words = {1: i18n.t("map.region_present", lang), 0: i18n.t("map.region_left", lang)}
    layer = go.Choropleth(
        geojson=_geojson(set(codes)),
        featureidkey="properties.admin1_code",
        locations=codes,
        z=[status[c] for c in codes],
        zmin=0,
        zmax=1,
        colorscale=[[0, LEFT_FILL], [0.5, LEFT_FILL], [0.5, PRESENT_FILL], [1, PRESENT_FILL]],
        showscale=False,
        marker_line_color="rgba(60,60,60,0.6)",
        marker_line_width=0.6,
        showlegend=False,
        hovertext=[esc(f"{regions.name(c, lang)} · {words[status[c]]}") for c in codes],
        hoverinfo="text",
        customdata=[],  # no record behind a region
    )
    n = len(fig.data)
    fig.add_trace(layer)
    for z in sorted({status[c] for c in codes}, reverse=True):
        fig.add_trace(_key(words[z], PRESENT_FILL if z else LEFT_FILL))
    order = [0, n, *range(1, n), *range(n + 1, len(fig.data))]  # drawn in order: markers above
    fig.data = tuple(fig.data[i] for i in order)
    return fig
