"""Sanction measures drawn on a time axis: a bar per measure on its row ('country · measure'),
the faint full-height bands of the periods with a measure in force, and the indicators page's
sanction chart. The timeline puts the same bars in its middle panel. Pure: frames in, traces or
a figure out.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures import style
from dashboard.figures.common import (
    GRID,
    band,
    cut,
    date_ticks,
    iso,
    key_entry,
    label_for,
    ms,
    plain_layout,
    row_axis,
    x_range,
)
from dashboard.figures.text import esc
from dashboard.logic import indicators

BAND_OPACITY = 0.07
ROW_PX = 24  # one bar row, as in the timeline


def band_key(lang: str) -> go.Scatter:
    """The legend entry saying what the faint bands are."""
    fill = f"rgba(178,24,43,{BAND_OPACITY * 2.5:.2f})"
    return key_entry(i18n.t("timeline.band_key", lang), fill, style.SANCTION_FILL)


def sanction_rows(periods: pd.DataFrame, lang: str) -> pd.Series:
    """'country · measure', with the imposer when several imposers share that row."""
    if periods.empty:
        return pd.Series([], index=periods.index, dtype=object)
    n_imposers = periods.groupby(["country", "measure"])["imposer"].transform("nunique")
    labels = []
    for row, several in zip(periods.itertuples(), n_imposers):
        label = f"{i18n.name('country', row.country, lang)} · {i18n.name('measure', row.measure, lang)}"
        if several > 1:
            label += f" · {i18n.name('actor', row.imposer, lang)}"
        labels.append(esc(label))
    return pd.Series(labels, index=periods.index, dtype=object)


def _hover(row, lang: str, in_force_label: str) -> str:
    """One record: the measure once, who imposed it, its dates and its own summary (what tells
    two records of one row apart, such as one state closing two borders)."""
    start = i18n.fmt_date(row.start, getattr(row, "start_precision", "day"), lang)
    end = in_force_label if row.open else i18n.fmt_date(row.end, getattr(row, "end_precision", "day"), lang)
    summary = cut(i18n.summary(row._asdict(), lang), 120)
    return (
        f"<b>{esc(i18n.name('measure', row.measure, lang))}</b> · "
        f"{esc(i18n.name('country', row.country, lang))}<br>"
        f"{esc(i18n.t('hover.imposed_by', lang, who=i18n.name('actor', row.imposer, lang)))}<br>"
        f"{esc(start)} – {esc(end)}" + (f"<br>{esc(summary)}" if summary else "")
    )


def sanction_bars(periods: pd.DataFrame, rows: pd.Series, lang: str, labels: dict) -> list[go.Bar]:
    if periods.empty:
        return []
    in_force_label = label_for(labels, "in_force")
    return [
        go.Bar(
            y=list(rows),
            base=[iso(s) for s in periods["start"]],
            x=[ms(e - s) for s, e in zip(periods["start"], periods["end_shown"])],
            orientation="h",
            name=esc(label_for(labels, "sanctions")),
            legendgroup="sanctions",
            marker=dict(color=style.SANCTION_FILL, opacity=0.8),
            width=0.6,
            customdata=[str(s) for s in periods["sanction_id"]],
            hovertext=[_hover(r, lang, in_force_label) for r in periods.itertuples()],
            hoverinfo="text",
        )
    ]


def bands(sanctions: pd.DataFrame, today) -> list[dict]:
    """Faint full-height bands for each country's union of sanction periods."""
    return [
        band(r.start, r.end, style.SANCTION_FILL, opacity=BAND_OPACITY)
        for r in indicators.union_periods(sanctions, today).itertuples()
    ]


def sanction_chart(sanctions: pd.DataFrame, lang: str, today, labels: dict) -> go.Figure:
    """The sanction measures alone (the indicators page): a bar per measure on its row, the
    faint bands of the periods with a measure in force behind them, and the legend entry that
    says what the bands are. No empty presence or price panel above and below."""
    today = pd.Timestamp(today).normalize()
    periods = indicators.sanction_periods(sanctions, today).dropna(subset=["start"])
    rows = sanction_rows(periods, lang)
    order = list(dict.fromkeys(rows))
    fig = go.Figure(sanction_bars(periods, rows, lang, labels))
    if not periods.empty:
        fig.add_trace(band_key(lang))
    none = pd.DataFrame()
    span = x_range(none, none, periods, none, today)
    fig.update_xaxes(type="date", range=span, gridcolor=GRID, **date_ticks(*span, lang))
    fig.update_yaxes(gridcolor=GRID, **row_axis(order))
    fig.update_layout(
        height=max(300, len(order) * ROW_PX + 100),
        shapes=bands(sanctions, today),
        margin=dict(l=10, r=10, t=20, b=30),
        **plain_layout(lang),
    )
    return fig
