"""Price figures: one line per series, as stated or as percent change against a baseline.

`price_traces`, `value_axis` and `value_title` also draw the timeline's price panel. Pure:
frames in (`indicators.price_points`, `indicators.change_vs_baseline`), plotly figures out.

A series is one commodity, unit, currency and place. Its legend entry names the commodity and
the place; the unit and currency go to the axis title when every series in view shares them,
and into each legend entry otherwise ("CFA francs per 25 kg bag"). Hovers always say them.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go

from dashboard import config, i18n
from dashboard.errors import BadInput
from dashboard.figures.common import (
    GRID,
    Sources,
    cut,
    date_ticks,
    first_publishers,
    fmt_pct,
    fmt_value,
    is_set,
    iso,
    key_entry,
    label_for,
    number_separators,
    percent_suffix,
    source_names,
    template_text,
)
from dashboard.figures.text import esc

LEGEND_CHARS = 70  # a legend entry is cut here; the hover says everything
COMMODITIES = (
    "rice",
    "millet",
    "maize",
    "sorghum",
    "coarse_grains",
    "cooking_oil",
    "sugar",
    "petrol",
    "diesel",
    "fuel",
    "milk_powder",
    "chilli",
    "food_general",
)
_SIZED = re.compile(r"(\d+(?:[.,]\d+)?) ?kg (sack|bag)")
_UNSIZED = re.compile(r"(sack|bag|can|bidon) \(size not stated\)")
_WEIGHT = re.compile(r"(\d+(?:[.,]\d+)?) ?kg")


def commodity_name(code, lang: str) -> str:
    """'Rice', French 'Riz'; a commodity the catalogue does not know is shown as written."""
    text = str(code) if is_set(code) else ""
    return i18n.t(f"commodity.{text}", lang) if text in COMMODITIES else text.replace("_", " ")


def unit_name(unit, lang: str) -> str | None:
    """A unit as the reader's language writes it ('25 kg bag', French 'sac de 25 kg'); None when
    the source states no unit. A unit the catalogue has no pattern for is shown as written."""
    text = str(unit).strip() if is_set(unit) else ""
    low = text.casefold()
    if not text or low == "unit not stated":
        return None
    if low in ("kg", "litre", "liter"):
        return i18n.t(f"unit.{'kg' if low == 'kg' else 'litre'}", lang)
    size = lambda n: n.replace(".", ",") if lang == "fr" else n.replace(",", ".")  # noqa: E731
    if m := _WEIGHT.fullmatch(low):
        return i18n.t("unit.weight", lang, n=size(m[1]))
    if m := _SIZED.fullmatch(low):
        return i18n.t(f"unit.{m[2]}_of", lang, n=size(m[1]))
    if m := _UNSIZED.fullmatch(low):
        return i18n.t(f"unit.{m[1]}_unsized", lang)
    return text


def currency_name(code, lang: str) -> str:
    """'CFA francs' for XOF (French 'francs CFA'); another currency by its code."""
    text = str(code) if is_set(code) else ""
    return i18n.t("currency.XOF", lang) if text == "XOF" else text


def price_unit(row, lang: str) -> str:
    """'CFA francs per litre' / 'francs CFA par litre'; 'CFA francs, unit not stated'."""
    currency = currency_name(row.get("currency"), lang)
    unit = unit_name(row.get("unit"), lang)
    if unit is None:
        return i18n.t("prices.unit_not_stated", lang, currency=currency)
    return i18n.t("prices.per_unit", lang, currency=currency, unit=unit)


def per_unit(row, lang: str) -> str:
    """The unit alone, for a legend whose axis names the currency: 'per litre' / 'par litre'."""
    unit = unit_name(row.get("unit"), lang)
    if unit is None:
        return i18n.t("prices.unit_not_stated", lang, currency="").strip(" ,")
    return i18n.t("prices.per_unit", lang, currency="", unit=unit).strip()


def _goods(row, lang: str) -> str:
    return commodity_name(row["commodity"], lang)


def _detail(row) -> str:
    return f" ({cut(row['commodity_detail'], 80)})" if is_set(row.get("commodity_detail")) else ""


def _where(row, lang: str) -> str:
    country = i18n.name("country", row["country"], lang)
    return f"{row['place']}, {country}" if is_set(row.get("place")) else country


def _short_where(row, lang: str) -> str:
    """The place, with its country only when the place does not already name it."""
    country = i18n.name("country", row["country"], lang)
    place = str(row["place"]) if is_set(row.get("place")) else ""
    if not place:
        return country
    return place if country.casefold() in place.casefold() else f"{place}, {country}"


def goods_text(row, lang: str) -> str:
    """A series' goods and place for a table, unescaped: 'Rice (rice, 25 kg bag) · Zinder,
    Niger' (the words in brackets are the source's own)."""
    return f"{_goods(row, lang)}{_detail(row)} · {_short_where(row, lang)}"


def _units_differ(frame: pd.DataFrame) -> tuple[bool, bool]:
    """(units differ, currencies differ) among the series of `frame`."""
    if frame.empty:
        return False, False
    return frame["unit"].nunique(dropna=False) > 1, frame["currency"].nunique(dropna=False) > 1


def legend_names(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """Each series' legend entry: 'Rice · Niamey, Niger', with its unit ('per 25 kg bag') when
    the series in view do not all share one (its currency too when they do not share that),
    and the source's own words for the goods when two entries would otherwise read the same."""
    if frame.empty or "series" not in frame:
        return {}
    firsts = frame.drop_duplicates("series").set_index("series", drop=False)
    units, currencies = _units_differ(firsts)
    names = {}
    for key, row in firsts.iterrows():
        name = f"{_goods(row, lang)} · {_short_where(row, lang)}"
        if currencies:
            name += f" ({price_unit(row, lang)})"
        elif units:  # the axis title names the currency
            name += f" ({per_unit(row, lang)})"
        names[key] = name
    seen = pd.Series(list(names.values())).value_counts()
    for key, row in firsts.iterrows():
        if seen[names[key]] > 1 and is_set(row.get("commodity_detail")):
            names[key] += f" – {row['commodity_detail']}"
    return {k: esc(cut(v, LEGEND_CHARS)) for k, v in names.items()}


def value_title(points: pd.DataFrame, lang: str) -> str:
    """The value axis: 'Price (CFA francs per litre)' when every series shares its unit and
    currency, else says that the legend gives them per series."""
    price = i18n.t("indicators.value", lang)
    if points.empty or "unit" not in points:
        return esc(price)
    units, currencies = _units_differ(points.drop_duplicates("series"))
    first = points.iloc[0]
    if currencies:
        return esc(i18n.t("prices.axis_currencies_differ", lang, price=price))
    if units:
        currency = currency_name(first["currency"], lang)
        return esc(i18n.t("prices.axis_units_differ", lang, price=price, currency=currency))
    return esc(f"{price} ({price_unit(first, lang)})")


def _point_hover(row, lang: str, names: dict[str, str]) -> str:
    """What differs from point to point of a series: value, date, publishers (the currency
    and unit are the series', written once in its template)."""
    value = fmt_value(row["value"], lang)
    if is_set(row.get("value_max")):
        value += f"–{fmt_value(row['value_max'], lang)}"
    return (
        f"<b>{esc(value)}</b> · "
        f"{esc(i18n.fmt_date(row['date'], row.get('date_precision', 'day'), lang))} · "
        f"{esc(first_publishers(row.get('source_ids'), names))}"
    )


def _series_hover(row, lang: str) -> str:
    """What a series' points share (goods, unit, place), written once per trace around each
    point's own text: a long series stays light."""
    return (
        f"<b>{template_text(_goods(row, lang))}</b>{template_text(_detail(row))}<br>"
        f"{template_text(price_unit(row, lang))}: %{{hovertext}}<br>"
        f"{template_text(_where(row, lang))}<extra></extra>"
    )


def _error_bars(group: pd.DataFrame) -> dict | None:
    if "value_max" not in group or group["value_max"].isna().all():
        return None
    up = [float(hi - lo) if is_set(hi) else 0.0 for lo, hi in zip(group["value"], group["value_max"])]
    return dict(type="data", symmetric=False, array=up, arrayminus=[0.0] * len(up), thickness=1.2)


def price_traces(
    points: pd.DataFrame, lang: str, sources: Sources, legend: bool = True, legend_id: str | None = None
) -> list[go.Scatter]:
    """One line per series; `legend_id` ('legend2') puts the entries in a legend of their own."""
    traces = []
    if points.empty or "series" not in points:
        return traces
    names = source_names(sources)
    shown = points[points["value"].notna()]
    labels = legend_names(shown, lang)
    for key, group in shown.groupby("series", sort=True):
        group = group.sort_values("date", kind="stable")
        first = group.iloc[0]
        symbols = ["circle-open" if k == "previous" else "circle" for k in group.get("kind", [])]
        symbols = symbols if "circle-open" in symbols else "circle"  # one value when all alike
        traces.append(
            go.Scatter(
                x=[iso(d) for d in group["date"]],
                y=[float(v) for v in group["value"]],
                mode="lines+markers",
                name=labels[key],
                showlegend=legend,
                marker=dict(size=8, symbol=symbols),
                error_y=_error_bars(group),
                hovertext=[_point_hover(r, lang, names) for r in group.to_dict("records")],
                hovertemplate=_series_hover(first, lang),
                **({"legend": legend_id} if legend_id else {}),
            )
        )
    return traces


def log_ticks(low: float, high: float, lang: str) -> tuple[list[float], list[str]]:
    """Ticks of a log axis from `low` to `high`, each a whole number written out in the
    language ('1,000', French '1 000'): 1-2-5 steps over up to about two and a half decades,
    powers of ten beyond (no '2, 5' minor labels, no 'k')."""
    low, high = max(low, 1e-9), max(high, low)
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    steps = (1, 2, 5) if math.log10(high / low) <= 2.5 else (1,)
    values = [m * 10**e for e in range(first, last + 1) for m in steps]
    values = [v for v in values if low / 1.25 <= v <= high * 1.25]
    return [float(v) for v in values], [fmt_value(v, lang) for v in values]


def value_axis(points: pd.DataFrame, lang: str = "en") -> dict:
    """A log axis when series differ by more than 20 times (a litre of fuel beside a bag of
    rice), so every line keeps its shape, with readable ticks (`log_ticks`); linear otherwise,
    its numbers grouped as the language groups them."""
    values = points["value"].dropna() if not points.empty and "value" in points else []
    wide = len(values) > 1 and float(values.min()) > 0 and float(values.max()) / float(values.min()) > 20
    if not wide:
        return dict(type="linear", tickformat=",~f")
    high = values.max()
    if "value_max" in points and points["value_max"].notna().any():
        high = max(high, points["value_max"].max())
    tickvals, ticktext = log_ticks(float(values.min()), float(high), lang)
    return dict(type="log", tickmode="array", tickvals=tickvals, ticktext=ticktext)


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
        fig.update_yaxes(title_text=value_title(frame, lang), **value_axis(frame, lang))
        dates = list(frame["date"]) if not frame.empty else []
    else:
        for trace in _change_traces(frame, lang, labels, sources):
            fig.add_trace(trace)
        fig.update_yaxes(
            title_text=esc(label_for(labels, "change")),
            ticksuffix=percent_suffix(lang),
            zeroline=True,
            zerolinecolor="#888888",
            zerolinewidth=1.5,
        )
        dates = list(frame["date"]) + list(frame["base_date"]) if not frame.empty else []
    dates = [d for d in dates if pd.notna(d)]
    ticks = date_ticks(min(dates), max(dates), lang) if dates else {}
    fig.update_xaxes(type="date", gridcolor=GRID, **ticks)
    fig.update_yaxes(gridcolor=GRID)
    # The legend under the chart holds about two series a row: the chart grows with it, so
    # that the plot keeps its height (and its axis title room) however many series there are.
    fig.update_layout(
        height=max(420, 330 + 22 * math.ceil(len(fig.data) / 2)),
        hovermode="closest",
        margin=dict(l=10, r=10, t=20, b=30),
        legend=dict(orientation="h", y=-0.15),
        plot_bgcolor="#ffffff",
        hoverlabel=dict(font_size=13),
        separators=number_separators(lang),
    )
    return fig


def _change_traces(changes: pd.DataFrame, lang: str, labels: dict, sources: Sources) -> list[go.Scatter]:
    traces = []
    if changes.empty or "series" not in changes:
        return traces
    names = source_names(sources)
    compared = label_for(labels, "compared_with")
    shown = changes[changes["change_pct"].notna()]
    legend = legend_names(shown, lang)
    for key, group in shown.groupby("series", sort=True):
        group = group.sort_values("date", kind="stable")
        first = group.iloc[0]
        base_date = i18n.fmt_date(first["base_date"], first.get("base_date_precision", "day"), lang)
        base_text = (
            f"{fmt_value(first['base_value'], lang)} · {base_date} · "
            f"{first_publishers(first.get('base_source_ids'), names)}"
        )
        hover = [f"<b>{esc(fmt_pct(0, lang))}</b>"]
        for r in group.to_dict("records"):
            hover.append(f"<b>{esc(fmt_pct(r['change_pct'], lang))}</b><br>{_point_hover(r, lang, names)}")
        # the series and its baseline are written once, around each point's own lines
        template = (
            f"%{{hovertext}}<br><b>{template_text(_goods(first, lang))}</b>{template_text(_detail(first))}, "
            f"{template_text(_where(first, lang))}<br>{template_text(price_unit(first, lang))}<br>"
            f"{template_text(f'{compared} {base_text}')}<extra></extra>"
        )
        traces.append(
            go.Scatter(
                x=[iso(first["base_date"])] + [iso(d) for d in group["date"]],
                y=[0.0] + [round(float(v), 2) for v in group["change_pct"]],
                mode="lines+markers",
                name=legend[key],
                marker=dict(size=8, symbol=["circle-open"] + ["circle"] * len(group)),
                hovertext=hover,
                hovertemplate=template,
            )
        )
    return traces


# -- WFP market prices: monthly lines with their ALPS grade, and the market map ------------------

# One colour per grade, light to dark (ordered in lightness, so it reads in grey and for
# colour-blind readers too), and one shape per grade besides.
GRADE_COLORS = {"normal": "#9ecae1", "stress": "#fdae61", "alert": "#e6550d", "crisis": "#7f0000"}
GRADE_SYMBOLS = {"normal": "circle", "stress": "diamond", "alert": "triangle-up", "crisis": "square"}
UNGRADED_COLOR = "#bdbdbd"
LINE_COLORS = ("#1f4e79", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#7f7f7f", "#bcbd22", "#e377c2")
MAX_MARKET_LINES = len(LINE_COLORS)  # more markets are drawn as their median
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
    for up to three lines, its seasonal trend dotted. `lines` comes from the indicators view
    (columns line, label, date, price, trend, alps, alert, unit, currency; `change` in mode y =
    'change')."""
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
        if trend and y == "price" and len(keys) <= 3 and group["trend"].notna().any():
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
        fig.update_yaxes(
            title_text=esc(label_for(labels, "change")),
            ticksuffix=percent_suffix(lang),
            zeroline=True,
            zerolinecolor="#888888",
            row=1,
            col=1,
        )
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
    shapes = []
    if shaded is not None:
        for r in shaded.itertuples():
            shapes.append(
                dict(
                    type="rect",
                    xref="x",
                    yref="paper",
                    x0=iso(r.start),
                    x1=iso(r.end),
                    y0=0,
                    y1=1,
                    fillcolor=SHADE_FILL,
                    line=dict(width=0),
                    layer="below",
                )
            )
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


def market_map(month_rows: pd.DataFrame, markets: pd.DataFrame, lang: str, title_good: str) -> go.Figure:
    """The markets of the view on the offline base map, each coloured by the ALPS grade of the
    chosen good in the chosen month (`month_rows`: one row per market, with price, alps, alert);
    a market with no price that month, or no grade, is drawn open and says so."""
    from dashboard.figures.charts import base_map

    fig = base_map(lang, height=520, label_size=13)
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
