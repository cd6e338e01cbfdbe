"""Price figures: one line per series, as stated or as percent change against a baseline.

`price_traces` and `value_axis` also draw the timeline's price panel. Pure: frames in
(`indicators.price_points`, `indicators.change_vs_baseline`), plotly figures out.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.errors import BadInput
from dashboard.figures.charts import esc
from dashboard.figures.common import (
    GRID,
    Sources,
    cut,
    first_publishers,
    fmt_pct,
    fmt_value,
    is_set,
    iso,
    label_for,
    source_names,
    template_text,
)


def _goods(row) -> str:
    name = str(row["commodity"])
    if is_set(row.get("commodity_detail")):
        name += f" ({row['commodity_detail']})"
    return name


def _where(row, lang: str) -> str:
    country = i18n.name("country", row["country"], lang)
    return f"{row['place']}, {country}" if is_set(row.get("place")) else country


def series_name(row, lang: str, limit: int = 90) -> str:
    """A series written for the reader (the country by name, not by code), cut for legends."""
    return esc(cut(f"{_goods(row)} · {row['unit']} · {row['currency']} · {_where(row, lang)}", limit))


def _point_hover(row, lang: str, names: dict[str, str]) -> str:
    """What differs from point to point of a series: value, date, publishers (the currency
    and unit are the series', written once in its template)."""
    value = fmt_value(row["value"], lang)
    if is_set(row.get("value_max")):
        value += f"–{fmt_value(row['value_max'], lang)}"
    return (
        f"{esc(value)} · "
        f"{esc(i18n.fmt_date(row['date'], row.get('date_precision', 'day'), lang))} · "
        f"{esc(first_publishers(row.get('source_ids'), names))}"
    )


def _series_hover(row, lang: str) -> str:
    """What a series' points share (goods, place), written once per trace around each point's
    own text: a long series stays light."""
    return (
        f"<b>{template_text(cut(_goods(row), 80))}</b> "
        f"({template_text(row['currency'])} / {template_text(row['unit'])})<br>"
        f"%{{hovertext}}<br>{template_text(_where(row, lang))}<extra></extra>"
    )


def _error_bars(group: pd.DataFrame) -> dict | None:
    if "value_max" not in group or group["value_max"].isna().all():
        return None
    up = [float(hi - lo) if is_set(hi) else 0.0 for lo, hi in zip(group["value"], group["value_max"])]
    return dict(type="data", symmetric=False, array=up, arrayminus=[0.0] * len(up), thickness=1.2)


def price_traces(points: pd.DataFrame, lang: str, sources: Sources, legend: bool = True) -> list[go.Scatter]:
    traces = []
    if points.empty or "series" not in points:
        return traces
    names = source_names(sources)
    for _, group in points[points["value"].notna()].groupby("series", sort=True):
        group = group.sort_values("date", kind="stable")
        first = group.iloc[0]
        symbols = ["circle-open" if k == "previous" else "circle" for k in group.get("kind", [])]
        symbols = symbols if "circle-open" in symbols else "circle"  # one value when all alike
        traces.append(
            go.Scatter(
                x=[iso(d) for d in group["date"]],
                y=[float(v) for v in group["value"]],
                mode="lines+markers",
                name=series_name(first, lang),
                showlegend=legend,
                marker=dict(size=8, symbol=symbols),
                error_y=_error_bars(group),
                hovertext=[_point_hover(r, lang, names) for r in group.to_dict("records")],
                hovertemplate=_series_hover(first, lang),
            )
        )
    return traces


def value_axis(points: pd.DataFrame) -> dict:
    """A log axis when series differ by more than 20 times (a litre of fuel beside a bag of
    rice), so every line keeps its shape; linear otherwise."""
    values = points["value"].dropna() if not points.empty and "value" in points else []
    wide = len(values) > 1 and float(values.min()) > 0 and float(values.max()) / float(values.min()) > 20
    return dict(type="log", dtick="D2") if wide else dict(type="linear")


def price_chart(
    changes_or_points: pd.DataFrame, lang: str, labels: dict, mode: str = "value", sources: Sources = None
) -> go.Figure:
    """One line per series: prices as stated (mode 'value', from price_points) or percent
    change against the baseline (mode 'change', from change_vs_baseline; each line starts at 0
    on its baseline's date)."""
    if mode not in ("value", "change"):
        raise BadInput("mode must be 'value' or 'change'")
    frame = changes_or_points
    fig = go.Figure()
    if mode == "value":
        for trace in price_traces(frame, lang, sources):
            fig.add_trace(trace)
        fig.update_yaxes(title_text=esc(label_for(labels, "value")), **value_axis(frame))
    else:
        for trace in _change_traces(frame, lang, labels, sources):
            fig.add_trace(trace)
        fig.update_yaxes(
            title_text=esc(label_for(labels, "change")),
            ticksuffix="%",
            zeroline=True,
            zerolinecolor="#888888",
            zerolinewidth=1.5,
        )
    fig.update_xaxes(type="date", gridcolor=GRID)
    fig.update_yaxes(gridcolor=GRID)
    fig.update_layout(
        height=420,
        hovermode="closest",
        margin=dict(l=10, r=10, t=20, b=30),
        legend=dict(orientation="h", y=-0.15),
        plot_bgcolor="#ffffff",
        hoverlabel=dict(font_size=13),
    )
    return fig


def _change_traces(changes: pd.DataFrame, lang: str, labels: dict, sources: Sources) -> list[go.Scatter]:
    traces = []
    if changes.empty or "series" not in changes:
        return traces
    names = source_names(sources)
    compared = label_for(labels, "compared_with")
    for _, group in changes[changes["change_pct"].notna()].groupby("series", sort=True):
        group = group.sort_values("date", kind="stable")
        first = group.iloc[0]
        base_date = i18n.fmt_date(first["base_date"], first.get("base_date_precision", "day"), lang)
        base_text = (
            f"{fmt_value(first['base_value'], lang)} {first['currency']} · {base_date} · "
            f"{first_publishers(first.get('base_source_ids'), names)}"
        )
        hover = [f"<b>{esc(fmt_pct(0, lang))}</b>"]
        for r in group.to_dict("records"):
            hover.append(f"<b>{esc(fmt_pct(r['change_pct'], lang))}</b><br>{_point_hover(r, lang, names)}")
        # the series and its baseline are written once, around each point's own lines
        template = (
            f"%{{hovertext}}<br><b>{template_text(cut(_goods(first), 80))}</b> "
            f"({template_text(first['currency'])} / {template_text(first['unit'])}), "
            f"{template_text(_where(first, lang))}<br>"
            f"{template_text(f'{compared} {base_text}')}<extra></extra>"
        )
        traces.append(
            go.Scatter(
                x=[iso(first["base_date"])] + [iso(d) for d in group["date"]],
                y=[0.0] + [round(float(v), 2) for v in group["change_pct"]],
                mode="lines+markers",
                name=series_name(first, lang),
                marker=dict(size=8, symbol=["circle-open"] + ["circle"] * len(group)),
                hovertext=hover,
                hovertemplate=template,
            )
        )
    return traces
