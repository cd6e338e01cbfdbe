"""Presence too dense to draw interval by interval: one bar per merged span, or a heat strip.

Past config.MAX_BARS intervals the timeline draws a bar per span of each force in each country
(`logic.coverage.merged_spans`); past that again a heat strip of the share of each month (a
quarter or a year when months are too many) the force was present. Pure: frames in, traces out.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import config, i18n
from dashboard.figures import style
from dashboard.figures.common import iso, label_for, ms, presence_rows
from dashboard.figures.text import esc
from dashboard.logic.coverage import coverage

STRIP_PERIODS = (
    (1, "hover.month_share", "%Y-%m"),
    (3, "hover.quarter_share", "%Y-%m"),
    (12, "hover.year_share", "%Y"),
)  # months per cell, hover words, date format


def _merged_hover(span, lang: str) -> str:
    lines = [
        f"<b>{esc(span.force)}</b> ({esc(i18n.name('actor', span.actor, lang))})",
        esc(i18n.name("country", span.country, lang)),
        esc(f"{i18n.t('hover.since', lang)} {i18n.fmt_date(span.start, 'day', lang)}"),
    ]
    if not span.open:
        lines.append(esc(f"{i18n.t('hover.until', lang)} {i18n.fmt_date(span.end, 'day', lang)}"))
    if pd.notna(span.leaving_since):
        lines.append(esc(f"{i18n.t('hover.leaving', lang)} {i18n.fmt_date(span.leaving_since, 'day', lang)}"))
    lines.append(esc(i18n.t("hover.merged", lang, n=span.n, places=max(span.places, 1))))
    lines.append(esc(f"{span.sources} {i18n.t('hover.sources', lang)}"))
    return "<br>".join(lines)


def merged_traces(spans: pd.DataFrame, lang: str) -> list[go.Bar]:
    """One bar per span of `merged_spans`, one trace per actor."""
    rows = presence_rows(spans.assign(location_id=""), lang, merged=True)
    traces = []
    for actor, group in spans.groupby("actor", sort=False):
        color = style.actor_color(actor)
        traces.append(
            go.Bar(
                y=list(rows[group.index]),
                base=[iso(d) for d in group["start"]],
                x=[ms(e - s) for s, e in zip(group["start"], group["end"])],
                orientation="h",
                name=esc(i18n.name("actor", actor, lang)),
                legendgroup=f"actor:{actor}",
                marker=dict(color=color, opacity=0.9, line=dict(width=0)),
                width=0.6,
                hovertext=[_merged_hover(r, lang) for r in group.itertuples()],
                hoverinfo="text",
            )
        )
    return traces


def _rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def coverage_traces(spans: pd.DataFrame, lang: str, order: list[str]) -> list:
    """Presence too dense for bars: a heat strip, one cell per force, country and month (a
    quarter or a year when months make over config.MAX_CELLS cells), in the actor's colour, as dark
    as the share of the period the force was present (nothing when absent).

    plotly.js draws nothing when heatmaps on a category axis do not hold every category of
    it: so one heatmap holds every actor, with a row (empty where need be) for each of `order`,
    the axis' rows. A cell's value is 101 times its actor's slot plus its percent, and the
    colour scale has one light-to-dark band per actor. Legend entries are markers in each
    actor's colour."""
    n_rows = spans.groupby(["actor", "force", "country"], dropna=False).ngroups
    n_months = (spans["end"].max() - spans["start"].min()).days / 30.4 + 1
    months, share_key, date_format = next(
        (p for p in STRIP_PERIODS if n_rows * n_months / p[0] <= config.MAX_CELLS), STRIP_PERIODS[-1]
    )
    cover = coverage(spans, months)
    cover = cover[cover["share"] > 0]
    forces = cover[["actor", "force", "country"]].drop_duplicates()
    forces = forces.assign(row=presence_rows(forces.assign(location_id=""), lang, merged=True))
    actors = list(dict.fromkeys(forces["actor"]))
    slot = {a: i for i, a in enumerate(actors)}
    cover = cover.merge(forces, on=["actor", "force", "country"])
    pct = (cover["share"] * 100).round().clip(lower=1)  # a day or two shows as 1%, not 0
    cover = cover.assign(value=cover["actor"].map(slot) * 101 + pct, pct=pct)
    value = cover.pivot(index="row", columns="period", values="value").reindex(order)
    pct = cover.pivot(index="row", columns="period", values="pct").reindex_like(value)
    top = 101 * len(actors) - 1
    scale = []
    for i, actor in enumerate(actors):
        color = style.actor_color(actor)
        scale += [[101 * i / top, _rgba(color, 0.15)], [(101 * i + 100) / top, _rgba(color, 0.95)]]
    strip = go.Heatmap(
        y=list(value.index),
        x=[iso(m) for m in value.columns],
        z=[[None if v != v else int(v) for v in r] for r in value.to_numpy()],
        customdata=[[None if v != v else int(v) for v in r] for r in pct.to_numpy()],
        zmin=0,
        zmax=top,
        colorscale=scale,
        showscale=False,
        xgap=0,
        ygap=4,
        showlegend=False,
        name=esc(label_for(None, "presence")),
        hovertemplate=(
            f"%{{y}}<br>%{{x|{date_format}}}: %{{customdata}}% {esc(i18n.t(share_key, lang))}<extra></extra>"
        ),
    )
    legend = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=esc(i18n.name("actor", a, lang)),
            legendgroup=f"actor:{a}",
            marker=dict(symbol="square", size=12, color=style.actor_color(a)),
        )
        for a in actors
    ]
    return [strip] + legend
