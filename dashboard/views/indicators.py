"""What the indicators page draws for one view, built without Streamlit.

`build(data, f, today)` holds what depends on the view alone: the selected sanction measures
and prices, the sanction periods (chart and table), the price tables, the map's months and the
baseline months (with the one offered first). The charts that follow a widget are builders of
their own, so that moving it rebuilds only that chart: `map_at(data, f, month)` (the sanctions
map), `change_chart(data, f, baseline)` and `value_chart(data, f)` (the prices). The page caches
each with `ui.cached`. WFP's market prices, further down the page, are `views.markets`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures.prices import goods_text, price_chart, price_unit
from dashboard.figures.sanctions import sanction_chart
from dashboard.figures.sanctions_map import sanctions_map
from dashboard.logic import indicators, presence, selection
from dashboard.logic.filters import Filters
from dashboard.views import inputs
from dashboard.views import timeline as timeline_view
from dashboard.views.timeline import source_columns

FIRST_MONTH = "2021-01"  # the sanctions map's first month
LABEL_KEYS = ("value", "change", "compared_with", "n_measures", "none")


@dataclass(frozen=True, eq=False)
class Indicators:
    """Everything the page draws but the charts that follow a widget. Shared by every
    session: never modify it in place."""

    sanctions: pd.DataFrame  # the selected sanction measures
    prices: pd.DataFrame  # the selected price rows
    periods_fig: go.Figure | None  # None when no sanction matches
    periods: pd.DataFrame | None  # the sanction periods table
    points: pd.DataFrame  # prices as drawn (indicators.price_points)
    points_table: pd.DataFrame | None  # None when no price matches
    stated: pd.DataFrame | None  # changes stated by sources; None when there are none
    # The baseline offered first (YYYY-MM: the end of that month, indicators.default_baseline)
    # and every month a change can be drawn against, oldest first; None and () when none can.
    baseline: str | None
    base_months: tuple[str, ...]
    months: tuple[str, ...]  # the map's months, YYYY-MM, oldest first
    exports: Mapping[str, pd.DataFrame | Callable[[], pd.DataFrame]]

    def month_for(self, date: str | None) -> str:
        """The map's first month: the view's date when it is one of `months`, else the latest."""
        wanted = (date or "")[:7]
        return wanted if wanted in self.months else self.months[-1]

    def base_for(self, base: str | None) -> str | None:
        """The baseline drawn: the view's (the link's `base`) when a change can be drawn
        against it, else the default."""
        return base if base in self.base_months else self.baseline


def reads(f: Filters) -> Filters:
    """The part of a view these builders depend on: its selection and language. Not its date
    or its baseline: the map's month and the baseline are passed apart, and moving either must
    not rebuild the rest of the page."""
    return f.with_(date=None, step=None, base=None, markets=(), commodity=None)


def labels(lang: str) -> dict[str, str]:
    return timeline_view.labels(lang) | {k: i18n.t(f"indicators.{k}", lang) for k in LABEL_KEYS}


def _sanctions(data: inputs.Data, f: Filters) -> pd.DataFrame:
    return selection.select("sanctions", data["sanctions"], f)


def _points(data: inputs.Data, f: Filters) -> pd.DataFrame:
    return indicators.price_points(selection.select("prices", data["prices"], f))


def build(data: inputs.Data, f: Filters, today: pd.Timestamp) -> Indicators:
    lang = f.lang
    sanctions = _sanctions(data, f)
    prices = selection.select("prices", data["prices"], f)
    points = indicators.price_points(prices)
    periods_fig = periods = None
    if not sanctions.empty:
        periods_fig = sanction_chart(sanctions, lang, today, labels(lang))
        periods = _periods_table(indicators.sanction_periods(sanctions, today), data, lang)
    points_table = stated = None
    baseline, base_months = indicators.default_baseline(points, sanctions), indicators.baseline_months(points)
    if not points.empty:
        rows = points.to_dict("records")
        points_table = pd.DataFrame(
            {
                "date": [i18n.fmt_date(d, p, lang) for d, p in zip(points["date"], points["date_precision"])],
                "commodity": [goods_text(r, lang) for r in rows],
                "value": points["value"],
                "unit": [price_unit(r, lang) for r in rows],
                **source_columns(points["source_ids"], data, lang),
            }
        ).iloc[::-1]
        changes = indicators.stated_changes(prices)
        if not changes.empty:
            stated = pd.DataFrame(
                {
                    "date": [
                        i18n.fmt_date(d, p, lang) for d, p in zip(changes["date"], changes["date_precision"])
                    ],
                    "commodity": [goods_text(r, lang) for r in changes.to_dict("records")],
                    "change": changes["change_pct"],
                    **source_columns(changes["source_ids"], data, lang),
                }
            )
    months = tuple(str(p) for p in pd.period_range(FIRST_MONTH, pd.Period(today, "M"), freq="M"))
    return Indicators(
        sanctions=sanctions,
        prices=prices,
        periods_fig=periods_fig,
        periods=periods,
        points=points,
        points_table=points_table,
        stated=stated,
        baseline=baseline,
        base_months=tuple(base_months.index),
        months=months,
        exports=MappingProxyType({"sanctions": sanctions, "prices": prices}),
    )


def _periods_table(periods: pd.DataFrame, data: inputs.Data, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "country": [i18n.name("country", c, lang) for c in periods["country"]],
            "imposer": [i18n.name("actor", a, lang) for a in periods["imposer"]],
            "measure": [i18n.name("measure", m, lang) for m in periods["measure"]],
            "start": [
                i18n.fmt_date(d, p, lang) for d, p in zip(periods["start"], periods["start_precision"])
            ],
            "end": [
                i18n.fmt_date(d, p, lang) if pd.notna(d) else i18n.t("timeline.in_force", lang)
                for d, p in zip(periods["end"], periods["end_precision"])
            ],
            "summary": [i18n.summary(r, lang) for r in periods.to_dict("records")],
            **source_columns(periods["source_ids"], data, lang),
        }
    )


def map_at(data: inputs.Data, f: Filters, month: str) -> go.Figure:
    """The sanctions map of view `f` at the end of `month` (YYYY-MM)."""
    by_country = indicators.in_force_by_country(_sanctions(data, f), presence.as_of(month))
    return sanctions_map(by_country, f.lang, labels(f.lang))


def change_chart(data: inputs.Data, f: Filters, baseline: str) -> go.Figure | None:
    """Prices as percent change against the end of the month `baseline` (YYYY-MM); None when
    no series has a figure on or before it and one after."""
    changes = indicators.change_vs_baseline(_points(data, f), baseline)
    if changes.empty:
        return None
    return price_chart(changes, f.lang, labels(f.lang), "change", inputs.derived(data, inputs.publishers))


def value_chart(data: inputs.Data, f: Filters) -> go.Figure:
    """Prices as the sources state them."""
    return price_chart(
        _points(data, f), f.lang, labels(f.lang), "value", inputs.derived(data, inputs.publishers)
    )
