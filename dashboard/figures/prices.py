"""Price figures: one line per series, as stated or as percent change against a baseline.

`price_traces`, `value_axis` and `value_title` also draw the timeline's price panel. Pure:
frames in (`indicators.price_points`, `indicators.change_vs_baseline`), plotly figures out.
WFP's monthly market prices are drawn by `figures.markets`.

A series is one commodity, unit, currency and place. Its legend entry names the commodity and
the place; the unit and currency go to the axis title when every series in view shares them,
and into each legend entry otherwise ("CFA francs per 25 kg bag"). Hovers always say them.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
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


def change_axis(labels: dict, lang: str) -> dict:
    """A percent-change axis (this chart's and the market chart's): title, suffix, zero line."""
    return dict(
        title_text=esc(label_for(labels, "change")),
        ticksuffix=percent_suffix(lang),
        zeroline=True,
        zerolinecolor="#888888",
    )


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
        fig.update_yaxes(**change_axis(labels, lang), zerolinewidth=1.5)
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
