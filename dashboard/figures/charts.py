"""Figure builders: frames in, plotly figures out. No Streamlit here.

Every text that reaches a figure passes through `esc`, since plotly renders a subset of HTML in
hover labels and ingested articles may carry markup.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from dashboard import config, i18n
from dashboard.figures import style
from dashboard.figures.map_hover import MapContext, group_hover, marker_hover
from dashboard.figures.text import esc, publisher_names, short_list
from dashboard.logic import geo


def base_map(lang: str = "en", height: int = 620, label_size: int = 15) -> go.Figure:
    """The offline base map: the three countries shaded, neighbours outlined, names written."""
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            locations=list(geo.FOCUS) + list(geo.NEIGHBOURS),
            locationmode="ISO-3",
            z=[1] * len(geo.FOCUS) + [0] * len(geo.NEIGHBOURS),
            colorscale=[[0, style.NEIGHBOUR_FILL], [1, style.FOCUS_FILL]],
            showscale=False,
            marker_line_color=style.BORDER_COLOR,
            marker_line_width=1.2,
            hoverinfo="skip",
            name="countries",
        )
    )
    fig.add_trace(
        go.Scattergeo(
            lat=[geo.LABELS[c][0] for c in geo.FOCUS],
            lon=[geo.LABELS[c][1] for c in geo.FOCUS],
            text=[esc(i18n.name("country", c, lang)).upper() for c in geo.FOCUS],
            mode="text",
            textfont=dict(size=label_size, color="#555555"),
            hoverinfo="skip",
            showlegend=False,
            name="labels",
        )
    )
    fig.update_geos(
        scope=geo.SCOPE,
        resolution=geo.RESOLUTION,
        projection_type="mercator",
        lonaxis_range=list(geo.LON_RANGE),
        lataxis_range=list(geo.LAT_RANGE),
        showcountries=True,
        countrycolor=style.BORDER_COLOR,
        showland=True,
        landcolor="#ffffff",
        showocean=True,
        oceancolor="#e8f1f8",
        showlakes=False,
        showrivers=False,
        showcoastlines=True,
        coastlinecolor="#8c8c8c",
        bgcolor="rgba(0,0,0,0)",
    )
    fig.update_layout(
        height=height,
        margin=dict(l=0, r=0, t=0, b=0),
        legend=dict(
            orientation="h",
            yanchor="bottom",
            y=0.0,
            x=0.01,
            bgcolor="rgba(255,255,255,0.85)",
            font=dict(size=14),
        ),
        hoverlabel=dict(font_size=14),
        dragmode=False,
    )
    return fig


def map_layer(
    intervals: pd.DataFrame, locations: pd.DataFrame, limit: int = config.MARKER_LIMIT, spread: bool = True
) -> pd.DataFrame:
    """Intervals placed and spread for the map. Above `limit` they are grouped, one marker per
    actor and place (see `group_markers`), so that the map stays readable and light. With
    `spread=False` the caller spreads several layers together (geo.spread_together)."""
    placed = geo.place(intervals, locations)
    layer = group_markers(placed) if len(placed) > limit else placed
    return geo.spread(layer) if spread else layer


def group_markers(placed: pd.DataFrame) -> pd.DataFrame:
    """One row per actor and place: how many forces (`force` names the first few) and
    intervals it stands for, how many of them are leaving, their time span, their sources."""
    groups = placed.groupby(["actor", "country", "lat", "lon"], sort=False, dropna=False)
    grouped = groups.agg(
        place=("place", "first"),
        place_fr=("place_fr", "first"),
        forces=("force", "nunique"),
        intervals=("force", "size"),
        leaving=("leaving_since", "count"),
        start=("start", "min"),
        first_end=("end", "min"),
        end=("end", "max"),
    ).reset_index()
    # Names and sources in one plain pass (a Python function per group is slow in pandas).
    forces = [{} for _ in range(len(grouped))]
    sources = [{} for _ in range(len(grouped))]
    for group, force, ids in zip(
        groups.ngroup().tolist(), placed["force"].tolist(), placed["source_ids"].tolist()
    ):
        forces[group][force] = None
        sources[group].update(dict.fromkeys(s for s in str(ids).split(";") if s))
    return grouped.assign(
        force=[short_list(list(f)) for f in forces], source_ids=[";".join(s) for s in sources]
    )


def presence_map(
    present: pd.DataFrame,
    left: pd.DataFrame,
    sources: pd.DataFrame | Mapping[str, str],
    lang: str = "en",
    height: int = 620,
    stale: pd.DataFrame | None = None,
    ctx: MapContext | None = None,
    label_size: int = 15,
    marker_label_size: int | None = None,
    marker_label_position: str = "bottom center",
) -> go.Figure:
    """Forces present as filled markers (colour and shape per actor), forces last confirmed
    over a year before the map's date as open dotted markers, forces that left hollow.

    `label_size` is the countries' names; `marker_label_size` the 'country-wide' label of a
    marker (by default 4 px smaller, at least 10), written at `marker_label_position`.

    `present`, `stale` and `left` are map layers (see map_layer): placed intervals, or grouped
    markers; customdata carries (row index, 'present'|'stale'|'left') for click selection.
    """
    fig = base_map(lang, height, label_size)
    marker_label_size = marker_label_size or max(10, label_size - 4)
    ctx = ctx or MapContext(lang)
    ctx = replace(ctx, lang=lang, source_names=publisher_names(sources))
    layers = (("left", left), ("stale", stale if stale is not None else left.iloc[0:0]), ("present", present))
    # The legend names each actor once (its filled marker) and each status once (a grey key):
    # one entry per actor and status would cover the map.
    actors: dict[str, None] = {}
    labelled: set[str] = set()  # countries whose country-wide marker is labelled already
    for status, frame in layers:
        if frame.empty:
            continue
        grouped = "intervals" in frame.columns
        # Written in one pass over the layer: row tuples are costly to make per group.
        hover = [group_hover(r, status, ctx) if grouped else marker_hover(r, ctx) for r in frame.itertuples()]
        # A force known only at country level is drawn at the capital: labelled so (once per
        # country and map), not taken for a base there.
        wide = frame["place"].isna().tolist() if "place" in frame else [False] * len(frame)
        for i, country in enumerate(frame["country"].tolist()):
            if wide[i] and country in labelled:
                wide[i] = False
            elif wide[i]:
                labelled.add(country)
        label = esc(i18n.t("hover.countrywide", lang))
        for actor, rows in _rows_by_actor(frame):
            actors[actor] = None
            fig.add_trace(
                go.Scattergeo(
                    lat=frame["lat"].to_numpy()[rows],
                    lon=frame["lon"].to_numpy()[rows],
                    mode="markers+text",
                    text=[label if wide[i] else "" for i in rows],
                    textposition=marker_label_position,
                    textfont=dict(size=marker_label_size, color="#444444"),
                    name=esc(i18n.name("actor", actor, lang))
                    if status == "present"
                    else esc(f"{i18n.name('actor', actor, lang)}: {i18n.t('map.legend_' + status, lang)}"),
                    legendgroup=actor,
                    showlegend=False,
                    marker=_marker(actor, status),
                    hovertext=[hover[i] for i in rows],
                    hoverinfo="text",
                    customdata=[[int(i), status] for i in frame.index[rows]],
                )
            )
    for actor in actors:
        _legend_key(fig, esc(i18n.name("actor", actor, lang)), _marker(actor, "present"), actor)
    for status, frame in layers[:2]:
        if not frame.empty:
            key = _marker(None, status) | {"color": style.OTHER_COLOR}
            key["line"] = {**key["line"], "color": style.OTHER_COLOR}
            _legend_key(fig, esc(i18n.t("map.legend_" + status, lang)), key, status)
    return fig


def _legend_key(fig: go.Figure, name: str, marker: dict, group: str) -> None:
    """A legend entry that draws nothing on the map."""
    fig.add_trace(
        go.Scattergeo(
            lat=[None],
            lon=[None],
            mode="markers",
            name=name,
            legendgroup=group,
            showlegend=True,
            marker=marker,
            hoverinfo="skip",
            hovertext=[],
            customdata=[],
        )
    )


def _marker(actor: str | None, status: str) -> dict:
    """Filled for a force confirmed recently, open with a dot when last confirmed long ago,
    small and hollow when it left: told apart by shape as well as by shade. No actor: a circle."""
    color, symbol = style.actor_color(actor), style.actor_symbol(actor)
    if status == "left":
        return dict(
            size=11, symbol=symbol + "-open", color=color, opacity=0.55, line=dict(width=2, color=color)
        )
    if status == "stale":
        return dict(
            size=17, symbol=symbol + "-open-dot", color=color, opacity=0.9, line=dict(width=2.5, color=color)
        )
    return dict(size=17, symbol=symbol, color=color, opacity=0.95, line=dict(width=1.2, color="#ffffff"))


def _rows_by_actor(frame: pd.DataFrame) -> list[tuple[str, list[int]]]:
    """Row positions per actor, actors in order of first appearance."""
    rows: dict[str, list[int]] = {}
    for i, actor in enumerate(frame["actor"].tolist()):
        rows.setdefault(actor, []).append(i)
    return list(rows.items())


def with_caption(
    fig: go.Figure,
    title: str,
    subtitle: str,
    footer: str,
    size: int = 18,
    footer_size: int | None = None,
    width_chars: int = 110,
    title_size: int | None = None,
    subtitle_size: int | None = None,
) -> go.Figure:
    """Title, date and sources written into the figure itself, so a saved PNG carries them.

    Sizes in px: the title `title_size` (by default `size` + 6), the date `subtitle_size`
    (0.8 `size`), the sources `footer_size` (`size` - 6, at least 11).

    All three sit above the map: the title, the date, then the sources wrapped into lines of
    about `width_chars` characters (plotly would cut one long line at the figure's edge). The
    legend goes below the map, where plotly grows the margin to hold it: nothing covers the map."""
    footer_size = footer_size or max(11, size - 6)
    lines = textwrap.wrap(footer, width_chars) or [""]
    sub_size = subtitle_size or int(size * 0.8)
    title_size = title_size or size + 6
    title_height = int(title_size * 1.3) + 10
    block = int(sub_size * 1.4 + footer_size * 1.35 * len(lines)) + 10
    fig.update_layout(
        title=dict(
            text=f"<b>{esc(title)}</b>",
            x=0.01,
            xanchor="left",
            yref="container",
            y=1,
            yanchor="top",
            pad=dict(t=6),
            font=dict(size=title_size),
        ),
        margin=dict(t=title_height + block, b=10, l=0, r=0),
        legend=dict(orientation="h", x=0, xanchor="left", y=-0.01, yanchor="top"),
    )
    text = f"<b><span style='font-size:{sub_size}px'>{esc(subtitle)}</span></b><br>" + "<br>".join(
        esc(line) for line in lines
    )
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=0,
        y=1.0,
        xanchor="left",
        yanchor="bottom",
        yshift=4,
        showarrow=False,
        font=dict(size=footer_size, color="#333333"),
        align="left",
    )
    return fig
