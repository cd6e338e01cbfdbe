"""Figure builders: frames in, plotly figures out. No Streamlit here.

Every text that reaches a figure passes through `esc`, since plotly renders a subset of HTML in
hover labels and ingested articles may carry markup.
"""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard import geo, i18n, style


def esc(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else html.escape(str(value))


def base_map(lang: str = "en", height: int = 620) -> go.Figure:
    """The offline base map: the three countries shaded, neighbours outlined, names written."""
    fig = go.Figure()
    fig.add_trace(go.Choropleth(
        locations=list(geo.FOCUS) + list(geo.NEIGHBOURS), locationmode="ISO-3",
        z=[1] * len(geo.FOCUS) + [0] * len(geo.NEIGHBOURS),
        colorscale=[[0, style.NEIGHBOUR_FILL], [1, style.FOCUS_FILL]], showscale=False,
        marker_line_color=style.BORDER_COLOR, marker_line_width=1.2,
        hoverinfo="skip", name="countries"))
    fig.add_trace(go.Scattergeo(
        lat=[geo.LABELS[c][0] for c in geo.FOCUS], lon=[geo.LABELS[c][1] for c in geo.FOCUS],
        text=[esc(i18n.name("country", c, lang)).upper() for c in geo.FOCUS], mode="text",
        textfont=dict(size=15, color="#555555"), hoverinfo="skip", showlegend=False,
        name="labels"))
    fig.update_geos(
        scope=geo.SCOPE, resolution=geo.RESOLUTION, projection_type="mercator",
        lonaxis_range=list(geo.LON_RANGE), lataxis_range=list(geo.LAT_RANGE),
        showcountries=True, countrycolor=style.BORDER_COLOR, showland=True, landcolor="#ffffff",
        showocean=True, oceancolor="#e8f1f8", showlakes=False, showrivers=False,
        showcoastlines=True, coastlinecolor="#8c8c8c", bgcolor="rgba(0,0,0,0)")
    fig.update_layout(height=height, margin=dict(l=0, r=0, t=0, b=0),
                      legend=dict(orientation="h", yanchor="bottom", y=0.0, x=0.01,
                                  bgcolor="rgba(255,255,255,0.85)", font=dict(size=14)),
                      hoverlabel=dict(font_size=14), dragmode=False)
    return fig


def _hover(row, lang: str, source_names: dict[str, str]) -> str:
    place = row.place_fr if lang == "fr" else row.place
    place = None if place is None or pd.isna(place) else place
    lines = [f"<b>{esc(row.force)}</b> ({esc(i18n.name('actor', row.actor, lang))})",
             esc(f"{place or i18n.t('hover.countrywide', lang)}, "
                 f"{i18n.name('country', row.country, lang)}"),
             esc(f"{i18n.t('hover.since', lang)} {i18n.fmt_date(row.start, row.start_precision, lang)}")]
    if pd.notna(row.end):
        lines.append(esc(f"{i18n.t('hover.until', lang)} "
                         f"{i18n.fmt_date(row.end, row.end_precision, lang)}"))
    elif pd.notna(row.leaving_since):
        lines.append(esc(f"{i18n.t('hover.leaving', lang)} {i18n.fmt_date(row.leaving_since, 'day', lang)}"))
    troops = i18n.fmt_range(getattr(row, "troops_min", None), getattr(row, "troops_max", None), lang)
    # The latest known figure keeps its date: a 2013 count must not read as today's strength.
    reported = getattr(row, "troops_date", None)
    lines.append(esc(f"{troops} {i18n.t('hover.troops', lang)} ({i18n.t('hover.reported', lang)} "
                     f"{i18n.fmt_date(reported, 'month', lang)})" if troops
                     else i18n.t("hover.troops_unknown", lang)))
    ids = str(row.source_ids).split(";")
    names = list(dict.fromkeys(source_names.get(s, s) for s in ids if s))
    more = f" +{len(names) - 3}" if len(names) > 3 else ""
    lines.append(esc(f"{i18n.t('hover.sources', lang)}: {', '.join(names[:3])}{more}"))
    return "<br>".join(lines)


def presence_map(present: pd.DataFrame, left: pd.DataFrame, sources: pd.DataFrame,
                 lang: str = "en", height: int = 620) -> go.Figure:
    """Forces present as filled markers (colour and shape per actor), forces that left hollow.

    `present` and `left` are placed intervals (see geo.place); customdata carries
    (interval index, 'present'|'left') for click selection.
    """
    fig = base_map(lang, height)
    source_names = dict(zip(sources["source_id"], sources["publisher"]))
    for status, frame in (("left", left), ("present", present)):
        if frame.empty:
            continue
        for actor, group in frame.groupby("actor", sort=False):
            is_left = status == "left"
            fig.add_trace(go.Scattergeo(
                lat=group["lat"], lon=group["lon"], mode="markers",
                name=esc(i18n.name("actor", actor, lang)) if not is_left
                else esc(f"{i18n.name('actor', actor, lang)}: {i18n.t('map.legend_left', lang)}"),
                legendgroup=actor, showlegend=True,
                marker=dict(size=11 if is_left else 17, symbol=style.actor_symbol(actor) + ("-open" if is_left else ""),
                            color=style.actor_color(actor), opacity=0.55 if is_left else 0.95,
                            line=dict(width=2 if is_left else 1.2,
                                      color=style.actor_color(actor) if is_left else "#ffffff")),
                hovertext=[_hover(r, lang, source_names) for r in group.itertuples()],
                hoverinfo="text",
                customdata=[[int(i), status] for i in group.index],
            ))
    return fig


def sources_footer(source_ids, sources: pd.DataFrame, label: str, limit: int = 10) -> str:
    """'Sources: A, B, C +N' from ';'-joined id lists, publishers named once, in order."""
    publishers = dict(zip(sources["source_id"], sources["publisher"]))
    ids = [s for value in (source_ids if not isinstance(source_ids, str) else [source_ids])
           for s in str(value).split(";") if s and s != "nan"]
    names = list(dict.fromkeys(str(publishers.get(s, s)) for s in ids))
    more = f" +{len(names) - limit}" if len(names) > limit else ""
    return f"{label}: {', '.join(names[:limit])}{more}" if names else ""


def with_caption(fig: go.Figure, title: str, subtitle: str, footer: str, size: int = 18) -> go.Figure:
    """Title, date and sources written into the figure itself, so a saved PNG carries them."""
    fig.update_layout(
        title=dict(text=f"<b>{esc(title)}</b><br><span style='font-size:{int(size * 0.8)}px'>"
                        f"{esc(subtitle)}</span>", x=0.01, font=dict(size=size + 6)),
        margin=dict(t=90, b=70, l=0, r=0))
    fig.add_annotation(text=esc(footer), xref="paper", yref="paper", x=0, y=-0.01,
                       xanchor="left", yanchor="top", showarrow=False,
                       font=dict(size=max(11, size - 6), color="#333333"), align="left")
    return fig
