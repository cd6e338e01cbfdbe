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
COUNTRY_FILL = "rgba(214, 96, 77, 0.12)"  # lighter than a region: presence somewhere in it


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


def _countrywide(forces: dict[str, list[str]], lang: str) -> go.Choropleth:
    """Countries where a force is present with no place given: the whole country is shaded,
    outlined, its hover naming the forces (rather than a pin at the capital)."""
    codes = sorted(forces)
    return go.Choropleth(
        locations=codes,
        locationmode="ISO-3",
        z=[1] * len(codes),
        colorscale=[[0, COUNTRY_FILL], [1, COUNTRY_FILL]],
        showscale=False,
        marker_line_color="#8a3b2e",
        marker_line_width=2.2,
        showlegend=False,
        hovertext=[
            esc(
                f"{i18n.name('country', c, lang)} · {i18n.t('map.countrywide_forces', lang)}: {', '.join(forces[c])}"
            )
            for c in codes
        ],
        hoverinfo="text",
        customdata=[],
    )


def shade(
    fig: go.Figure, present: set[str], left: set[str], lang: str, countrywide: dict | None = None
) -> go.Figure:
    """`fig` with the region layer under its markers (after the base map's first trace), and the
    countries where forces are present country-wide (`countrywide`: country -> force names)."""
    left = left - present  # a region with a force still present reads as present
    codes = sorted(present) + sorted(left)
    n = len(fig.data)
    if countrywide:
        fig.add_trace(_countrywide(countrywide, lang))
        fig.add_trace(_key(i18n.t("map.region_countrywide", lang), COUNTRY_FILL))
    if not codes:
        return _under_markers(fig, n)
    status = {c: 1 for c in present} | {c: 0 for c in left}
    words = {1: i18n.t("map.region_present", lang), 0: i18n.t("map.region_left", lang)}
    layer = go.Choropleth(
        geojson=regions.features(codes),
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
    fig.add_trace(layer)
    for z in sorted({status[c] for c in codes}, reverse=True):
        fig.add_trace(_key(words[z], PRESENT_FILL if z else LEFT_FILL))
    return _under_markers(fig, n)


def _under_markers(fig: go.Figure, n: int) -> go.Figure:
    """The choropleths added after trace `n - 1` moved under the markers (plotly draws in order)."""
    added = range(n, len(fig.data))
    shapes = [i for i in added if fig.data[i].type == "choropleth"]
    keys = [i for i in added if fig.data[i].type != "choropleth"]
    order = [0, *shapes, *range(1, n), *keys]
    fig.data = tuple(fig.data[i] for i in order)
    return fig
