"""WFP market-price figures: monthly market lines graded in the manner of ALPS, and the market map.

`market_chart` draws the lines (or a country median) with their points coloured by grade, the
regional sanctions shaded behind them and, on the same time axis, a strip of the trade measures
and troop events; `market_traces` also draws the timeline's price panel; `market_map` colours
each market by its grade in one month. Pure: frames in (`views.markets`), plotly figures out.
The article-stated prices are `figures.prices`'.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import config, i18n
from dashboard.errors import BadInput
from dashboard.figures.common import (
    GRID,
    band,
    cut,
    date_ticks,
    fmt_value,
    is_set,
    iso,
    key_entry,
    number_separators,
    percent_suffix,
    template_text,
)
from dashboard.figures.prices import LEGEND_CHARS, change_axis
from dashboard.figures.text import esc
from dashboard.records import regions

# One colour per grade, light to dark (ordered in lightness, so it reads in grey and for
# colour-blind readers too), and one shape per grade besides.
GRADE_COLORS = {"normal": "#9ecae1", "stress": "#fdae61", "alert": "#e6550d", "crisis": "#7f0000"}
GRADE_SYMBOLS = {"normal": "circle", "stress": "diamond", "alert": "triangle-up", "crisis": "square"}
UNGRADED_COLOR = "#bdbdbd"
# One colour per line: config.MAX_MARKET_LINES of them at most are drawn one by one.
LINE_COLORS = ("#1f4e79", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#7f7f7f", "#bcbd22", "#e377c2")
SHADE_FILL = "rgba(178,24,43,0.10)"
STRIP_ROW_PX = 22


def grade_name(grade, lang: str) -> str:
    return i18n.t(f"wfp.grade.{grade}", lang) if is_set(grade) else i18n.t("wfp.grade.none", lang)


def market_unit(row, lang: str) -> str:
    """'XOF per KG' as WFP publishes it ('XOF par KG')."""
    return i18n.t("wfp.per_unit", lang, currency=row["currency"], unit=row["unit"])


def _grade_traces(
    group: pd.DataFrame, key: str, lang: str, y: str, shown: set, axis: dict
) -> list[go.Scatter]:
    """The points of one line, one trace per grade (a colour per trace, not per point: a long
    series stays light); the hover gives the month, the price, its ALPS score and the trend."""
    traces = []
    first = group.iloc[0]
    unit = template_text(market_unit(first, lang))
    name = template_text(first["label"])
    median = str(key).startswith("median:")  # the hover says how many markets gave the median
    for grade in (*GRADE_COLORS, None):
        part = group[group["alert"] == grade] if grade else group[group["alert"].isna()]
        if part.empty:
            continue
        word = template_text(grade_name(grade, lang))
        score = "%{customdata[0]:.2f}" if grade else "–"
        value = (
            "%{y:+.1f}" + template_text(percent_suffix(lang)) if y == "change" else "%{customdata[1]:,.0f}"
        )
        traces.append(
            go.Scatter(
                x=[iso(d) for d in part["date"]],
                y=[round(float(v), 2) for v in part[y]],
                mode="markers",
                marker=dict(
                    size=8 if grade else 6,
                    color=GRADE_COLORS.get(grade, "#ffffff"),
                    symbol=GRADE_SYMBOLS.get(grade, "circle-open"),
                    line=dict(width=1, color=UNGRADED_COLOR if not grade else "#333333"),
                ),
                customdata=[
                    [None if pd.isna(a) else round(float(a), 2), round(float(p), 2)]
                    + ([int(n)] if median else [])
                    for a, p, n in zip(part["alps"], part["price"], part.get("n_markets", part["price"]))
                ],
                name=esc(grade_name(grade, lang)),
                legendgroup=f"grade:{grade}",
                showlegend=grade not in shown,
                hovertemplate=(
                    f"<b>{name}</b><br>%{{x|%Y-%m}}: {value} {unit}<br>"
                    f"{template_text(i18n.t('wfp.alps', lang))}: {score} ({word})"
                    + (
                        f"<br>{template_text(i18n.t('wfp.markets', lang))}: %{{customdata[2]}}"
                        if median
                        else ""
                    )
                    + "<extra></extra>"
                ),
                **axis,
            )
        )
        shown.add(grade)
    return traces


def market_traces(
    lines: pd.DataFrame, lang: str, y: str = "price", axis: dict | None = None, trend: bool = True
) -> list[go.Scatter]:
    """Each market line (or country median) as a line, its points coloured by ALPS grade and,
    for up to config.MAX_TREND_LINES lines, its seasonal trend dotted. `lines` comes from
    `views.markets.market_lines` (columns line, label, date, price, trend, alps, alert, unit,
    currency; `change` in mode y = 'change')."""
    axis = axis or {}
    traces: list[go.Scatter] = []
    if lines.empty:
        return traces
    shown: set = set()
    keys = list(dict.fromkeys(lines["line"]))
    for i, key in enumerate(keys):
        group = lines[lines["line"] == key].sort_values("date", kind="stable")
        color = LINE_COLORS[i % len(LINE_COLORS)]
        traces.append(
            go.Scatter(
                x=[iso(d) for d in group["date"]],
                y=[round(float(v), 2) for v in group[y]],
                mode="lines",
                line=dict(color=color, width=2),
                name=esc(cut(group.iloc[0]["label"], LEGEND_CHARS)),
                legendgroup=f"line:{key}",
                hoverinfo="skip",
                connectgaps=False,
                **axis,
            )
        )
        if trend and y == "price" and len(keys) <= config.MAX_TREND_LINES and group["trend"].notna().any():
            traces.append(
                go.Scatter(
                    x=[iso(d) for d in group["date"]],
                    y=[None if pd.isna(v) else round(float(v), 2) for v in group["trend"]],
                    mode="lines",
                    line=dict(color=color, width=1.2, dash="dot"),
                    name=esc(i18n.t("wfp.trend", lang)),
                    legendgroup=f"line:{key}",
                    showlegend=i == 0,
                    hoverinfo="skip",
                    **axis,
                )
            )
        traces += _grade_traces(group, key, lang, y, shown, axis)
    return traces


def _event_strip(events: pd.DataFrame, lang: str, row_label: dict[str, str], axis: dict) -> list[go.Scatter]:
    """Troop events as marks on one row per country; more than config.MAX_EVENT_MARKERS are
    drawn as one mark per country and month with the count."""
    if events.empty:
        return []
    rows = [row_label[c] for c in events["country"]]
    if len(events) > config.MAX_EVENT_MARKERS:
        counts = (
            events.assign(month=events["date"].dt.to_period("M").dt.to_timestamp(), row=rows)
            .groupby(["row", "month"])
            .size()
            .reset_index(name="n")
        )
        return [
            go.Scatter(
                x=[iso(d) for d in counts["month"]],
                y=list(counts["row"]),
                mode="markers",
                marker=dict(symbol="line-ns-open", size=12, color="#222222"),
                text=[str(n) for n in counts["n"]],
                name=esc(i18n.t("wfp.events", lang)),
                hovertemplate="%{x|%Y-%m}: %{text}<extra></extra>",
                **axis,
            )
        ]
    hover = [
        esc(
            f"{i18n.fmt_date(r['date'], r.get('date_precision', 'day'), lang)} · "
            f"{i18n.name('force', r['force'], lang)} · {i18n.name('event_type', r['event_type'], lang)}"
        )
        + (f"<br>{esc(cut(i18n.summary(r, lang), 120))}" if is_set(r.get("summary")) else "")
        for r in events.to_dict("records")
    ]
    return [
        go.Scatter(
            x=[iso(d) for d in events["date"]],
            y=rows,
            mode="markers",
            marker=dict(symbol="line-ns-open", size=14, color="#222222", line=dict(width=2)),
            name=esc(i18n.t("wfp.events", lang)),
            hovertext=hover,
            hoverinfo="text",
            **axis,
        )
    ]


def market_chart(
    lines: pd.DataFrame,
    lang: str,
    labels: dict,
    mode: str = "price",
    shaded: pd.DataFrame | None = None,
    measures: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
) -> go.Figure:
    """WFP monthly prices (mode 'price', in the currency per unit as published) or their change
    against a baseline month (mode 'change'), the points coloured by ALPS grade; behind them the
    `shaded` periods (columns start, end), and under them, on the same time axis, a strip with
    the sanction `measures` (indicators.sanction_periods rows) and the troop `events`."""
    from plotly.subplots import make_subplots

    from dashboard.figures import sanctions as sanctions_fig

    if mode not in ("price", "change"):
        raise BadInput("mode must be 'price' or 'change'")
    measures = measures if measures is not None else pd.DataFrame()
    events = events if events is not None else pd.DataFrame()
    srows = sanctions_fig.sanction_rows(measures, lang) if not measures.empty else pd.Series(dtype=object)
    countries = list(dict.fromkeys(events["country"])) if not events.empty else []
    event_rows = {
        c: esc(i18n.t("wfp.events_row", lang, country=i18n.name("country", c, lang))) for c in countries
    }
    order = list(dict.fromkeys(list(event_rows.values()) + list(srows)))
    strip_px = max(len(order), 1) * STRIP_ROW_PX + 30
    price_px = 380
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[price_px / (price_px + strip_px), strip_px / (price_px + strip_px)],
        vertical_spacing=0.06,
    )
    y = "change" if mode == "change" else "price"
    for trace in market_traces(lines, lang, y):
        fig.add_trace(trace, row=1, col=1)
    if shaded is not None and not shaded.empty:
        fig.add_trace(key_entry(i18n.t("wfp.shaded", lang), SHADE_FILL, "#b2182b"), row=1, col=1)
    if not measures.empty:
        for trace in sanctions_fig.sanction_bars(measures, srows, lang, labels):
            trace.showlegend = False
            fig.add_trace(trace, row=2, col=1)
    for trace in _event_strip(events, lang, event_rows, {}):
        fig.add_trace(trace, row=2, col=1)
    first = lines[0:1]
    if mode == "change":
        fig.update_yaxes(**change_axis(labels, lang), row=1, col=1)
    else:
        title = esc(i18n.t("indicators.value", lang))
        if not first.empty and lines["unit"].nunique() == 1 and lines["currency"].nunique() == 1:
            title = esc(f"{i18n.t('indicators.value', lang)} ({market_unit(first.iloc[0], lang)})")
        fig.update_yaxes(title_text=title, tickformat=",~f", row=1, col=1)
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=order,
        range=[len(order) - 0.5, -0.5] if order else None,
        automargin=True,
        row=2,
        col=1,
    )
    dates = list(lines["date"]) if not lines.empty else []
    if dates:
        span = [min(dates) - pd.Timedelta(days=20), max(dates) + pd.Timedelta(days=20)]
        fig.update_xaxes(
            type="date", range=[iso(span[0]), iso(span[1])], gridcolor=GRID, **date_ticks(*span, lang)
        )
        fig.update_xaxes(showticklabels=True, row=1, col=1)
    fig.update_yaxes(gridcolor=GRID)
    shapes = [band(r.start, r.end, SHADE_FILL) for r in shaded.itertuples()] if shaded is not None else []
    fig.update_layout(
        height=price_px + strip_px + 150,
        hovermode="closest",
        margin=dict(l=10, r=10, t=20, b=30),
        legend=dict(orientation="h", y=-0.12, x=0, font=dict(size=12)),
        plot_bgcolor="#ffffff",
        hoverlabel=dict(font_size=13),
        separators=number_separators(lang),
        shapes=shapes,
        barmode="overlay",
    )
    return fig


def _region_grades(region_grades: dict[str, str], lang: str) -> go.Choropleth:
    """Each admin-1 region holding a graded market, shaded by the worst grade among them."""
    order = list(GRADE_COLORS)
    codes = sorted(region_grades)
    steps = []
    for i, grade in enumerate(order):  # one flat band of the colour scale per grade
        rgb = tuple(int(GRADE_COLORS[grade][k : k + 2], 16) for k in (1, 3, 5))
        colour = f"rgba({rgb[0]},{rgb[1]},{rgb[2]},0.35)"
        steps += [[i / len(order), colour], [(i + 1) / len(order), colour]]
    return go.Choropleth(
        geojson=regions.features(codes),
        featureidkey="properties.admin1_code",
        locations=codes,
        z=[order.index(region_grades[c]) + 0.5 for c in codes],
        zmin=0,
        zmax=len(order),
        colorscale=steps,
        showscale=False,
        marker_line_color="rgba(60,60,60,0.5)",
        marker_line_width=0.6,
        showlegend=False,
        hovertext=[
            esc(
                i18n.t(
                    "wfp.region_grade",
                    lang,
                    region=regions.name(c, lang),
                    grade=grade_name(region_grades[c], lang),
                )
            )
            for c in codes
        ],
        hoverinfo="text",
    )


def market_map(
    month_rows: pd.DataFrame,
    markets: pd.DataFrame,
    lang: str,
    title_good: str,
    region_grades: dict[str, str] | None = None,
) -> go.Figure:
    """The markets of the view on the offline base map, each coloured by the ALPS grade of the
    chosen good in the chosen month (`month_rows`: one row per market, with price, alps, alert);
    a market with no price that month, or no grade, is drawn open and says so. `region_grades`
    (admin-1 code -> worst grade of its markets) shades the regions under them."""
    from dashboard.figures.charts import base_map

    fig = base_map(lang, height=520, label_size=13)
    if region_grades:
        fig.add_trace(_region_grades(region_grades, lang))
    rows = markets.merge(
        month_rows[["market_id", "price", "alps", "alert", "unit", "currency", "date"]],
        on="market_id",
        how="left",
    )
    rows = rows[rows["latitude"].notna() & rows["longitude"].notna()]
    for grade in (*GRADE_COLORS, None):
        part = rows[rows["alert"] == grade] if grade else rows[rows["alert"].isna()]
        if part.empty:
            if grade:  # the key lists every grade, drawn or not
                fig.add_trace(
                    go.Scattergeo(
                        lat=[None],
                        lon=[None],
                        mode="markers",
                        marker=dict(size=12, color=GRADE_COLORS[grade], symbol=GRADE_SYMBOLS[grade]),
                        name=esc(grade_name(grade, lang)),
                        hoverinfo="skip",
                    )
                )
            continue
        hover = []
        for r in part.to_dict("records"):
            where = f"{r['market']} ({r['admin1']})" if is_set(r.get("admin1")) else str(r["market"])
            if is_set(r.get("price")):
                score = "–" if pd.isna(r["alps"]) else i18n.fmt_decimal(r["alps"], lang, places=2)
                lines = [
                    f"{title_good}: {fmt_value(r['price'], lang)} {market_unit(r, lang)}",
                    f"{i18n.t('wfp.alps', lang)}: {score} ({grade_name(grade, lang)})",
                ]
            else:
                lines = [i18n.t("wfp.no_price_month", lang, good=title_good)]
            hover.append("<br>".join([f"<b>{esc(where)}</b>", *(esc(x) for x in lines)]))
        fig.add_trace(
            go.Scattergeo(
                lat=[float(v) for v in part["latitude"]],
                lon=[float(v) for v in part["longitude"]],
                mode="markers+text",
                text=[esc(m) for m in part["market"]],
                textposition="top center",
                textfont=dict(size=12, color="#333333"),
                marker=dict(
                    size=16,
                    color=GRADE_COLORS.get(grade, "#ffffff"),
                    symbol=GRADE_SYMBOLS.get(grade, "circle-open"),
                    line=dict(width=1.5, color="#333333" if grade else "#777777"),
                ),
                name=esc(grade_name(grade, lang)),
                hovertext=hover,
                hoverinfo="text",
            )
        )
    fig.update_layout(legend=dict(orientation="h", y=-0.02, x=0), showlegend=True)
    return fig
