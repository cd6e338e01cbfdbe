"""What the indicators page draws of WFP's market prices, built without Streamlit.

`market_data(data, query)` grades every stored market price (logic.alps) once per store
version; from it, for a view and a `MarketChoice` of markets and one good: the options and
their labels, the lines drawn (`market_lines`: one per market, or their country median), the
possible baselines, the market chart with the regional sanctions and troop events beside it
(`market_chart`), the table of drawn prices, the market map of one month (`market_map`), the
article claims set against the series (`claims_table`, logic.claims) and the export. The
timeline's price panel draws the same `market_lines`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import config, i18n
from dashboard.figures import markets as markets_fig
from dashboard.figures.common import fmt_value
from dashboard.figures.prices import goods_text, price_unit
from dashboard.logic import alps, geo, indicators, selection
from dashboard.logic.claims import claims_vs_market
from dashboard.logic.filters import Filters
from dashboard.records import regions
from dashboard.store import market_prices
from dashboard.views import inputs
from dashboard.views.indicators import labels
from dashboard.views.timeline import source_columns

# Measures that act on trade and supply, drawn under the market prices; of those, the regional
# blocs' ones are shaded behind the lines (ECOWAS and WAEMU on Niger: 30 Jul 2023 - 24 Feb 2024).
ECONOMIC = tuple(
    "border_closure trade_suspension trade_embargo financial_freeze electricity_cut import_levy"
    " blockade".split()
)
REGIONAL = ("ECOWAS", "WAEMU")
STAPLE = "Millet"  # the good a view opens with, where the markets report it
CLAIM_TABLE_COLUMNS = tuple(
    "date article wfp market_price claim_change market_change verdict source grade".split()
)
# What `market_lines` gives: one row per line and month.
LINE_COLUMNS = (
    "line label market_id market commodity unit pricetype currency date price trend alps alert n_markets"
).split()


@dataclass(frozen=True, eq=False)
class Markets:
    """Every stored WFP market price with its ALPS grade, built once per store version.
    Shared by every session: never modify it in place."""

    graded: pd.DataFrame  # market_prices rows with trend, alps, alert
    # one row per market: market_id, country, market, admin1, admin2, latitude, longitude
    catalogue: pd.DataFrame

    @property
    def empty(self) -> bool:
        return self.graded.empty


@dataclass(frozen=True)
class MarketChoice:
    """What the market chart draws: markets (WFP ids), one good (commodity, unit, price type,
    currency) and whether several markets are drawn as their median."""

    markets: tuple[int, ...] = ()
    good: tuple[str, str, str, str] | None = None
    median: bool = False


def market_data(data: inputs.Data, query: Callable[[str, list], pd.DataFrame]) -> Markets:
    """The stored market prices graded (logic.alps), read through the store's `query`."""
    graded = alps.with_alps(market_prices.frame(query))
    cols = ["market_id", "country", "market", "admin1", "admin2", "latitude", "longitude"]
    catalogue = graded.drop_duplicates("market_id")[cols].sort_values(
        ["country", "admin1", "market"], kind="stable"
    )
    return Markets(graded=graded, catalogue=catalogue.reset_index(drop=True))


def _of_good(rows: pd.DataFrame, good) -> pd.DataFrame:
    """The rows of one good: commodity, unit, price type and currency."""
    commodity, unit, pricetype, currency = good
    return rows[
        (rows["commodity"] == commodity)
        & (rows["unit"] == unit)
        & (rows["pricetype"] == pricetype)
        & (rows["currency"] == currency)
    ]


def _in_view(markets: Markets, f: Filters) -> pd.DataFrame:
    return _window(markets.graded, f)


def _window(rows: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The rows of the view's countries and dates."""
    if f.countries:
        rows = rows[rows["country"].isin(f.countries)]
    if f.start:
        rows = rows[rows["date"] >= pd.Timestamp(f.start)]
    if f.end:
        rows = rows[rows["date"] <= pd.Timestamp(f.end)]
    return rows


def market_options(markets: Markets, f: Filters) -> list[int]:
    """The markets of the view's countries, by country, region and name."""
    cat = markets.catalogue
    if f.countries:
        cat = cat[cat["country"].isin(f.countries)]
    return [int(m) for m in cat["market_id"]]


def markets_named(markets: Markets, names) -> tuple[list[int], list[str]]:
    """The market ids a link names (by WFP id or market name, case and accents ignored), and
    the names that match no stored market."""
    cat = markets.catalogue
    by_name = {regions.fold(m): int(i) for m, i in zip(cat["market"], cat["market_id"])}
    by_id = {str(int(i)): int(i) for i in cat["market_id"]}
    found, unknown = [], []
    for name in names:
        hit = by_id.get(str(name).strip()) or by_name.get(regions.fold(name))
        (found.append(hit) if hit is not None else unknown.append(name))
    return list(dict.fromkeys(found)), unknown


def market_label(markets: Markets, market_id: int, lang: str) -> str:
    row = markets.catalogue[markets.catalogue["market_id"] == market_id]
    if row.empty:
        return str(market_id)
    r = row.iloc[0]
    region = f"{r['admin1']}, " if isinstance(r["admin1"], str) and r["admin1"] != r["market"] else ""
    return f"{r['market']} ({region}{i18n.name('country', r['country'], lang)})"


def good_options(markets: Markets, f: Filters, market_ids) -> list[tuple[str, str, str, str]]:
    """The goods the chosen markets report (retail first, then by how many prices they have)."""
    rows = _in_view(markets, f)
    rows = rows[rows["market_id"].isin(list(market_ids))] if market_ids else rows
    if rows.empty:
        return []
    counts = rows.groupby(["commodity", "unit", "pricetype", "currency"]).size().reset_index(name="n")
    counts["retail"] = counts["pricetype"] == "Retail"
    counts = counts.sort_values(["retail", "n", "commodity"], ascending=[False, False, True], kind="stable")
    return [
        tuple(str(v) for v in r)
        for r in counts[["commodity", "unit", "pricetype", "currency"]].itertuples(index=False)
    ]


def good_label(good, lang: str) -> str:
    """'Millet · Retail · XOF per KG' (WFP's own words for the good, the type and the unit)."""
    commodity, unit, pricetype, currency = good
    kind = (
        i18n.t(f"wfp.pricetype.{pricetype.lower()}", lang)
        if pricetype in ("Retail", "Wholesale")
        else pricetype
    )
    return f"{commodity} · {kind} · {i18n.t('wfp.per_unit', lang, currency=currency, unit=unit)}"


def default_choice(markets: Markets, f: Filters) -> MarketChoice:
    """The capital's market of each country in view (Niamey: Katako) and millet, retail, where
    reported; else the first market and its most reported good."""
    ids = market_options(markets, f)
    if not ids:
        return MarketChoice()
    cat = markets.catalogue.set_index("market_id").loc[ids]
    chosen = []
    for country, part in cat.groupby("country", sort=False):
        capital = geo.CAPITALS.get(country, ("",))[0].casefold()
        hits = [
            mid
            for mid, row in part.iterrows()
            if capital and capital in " ".join(str(row[c]) for c in ("admin1", "admin2", "market")).casefold()
        ]
        if hits:
            chosen.append(int(hits[0]))
    chosen = chosen or ids[:1]
    goods = good_options(markets, f, chosen)
    good = next((g for g in goods if g[0] == STAPLE and g[2] == "Retail"), goods[0] if goods else None)
    return MarketChoice(markets=tuple(chosen), good=good)


def market_lines(
    markets: Markets, f: Filters, choice: MarketChoice, lang: str, with_unit: bool = False
) -> pd.DataFrame:
    """The rows the chart draws, one line per chosen market (or their median, always when more
    than config.MAX_MARKET_LINES are chosen): line, label, date, price, trend, alps, alert, n_markets."""
    if choice.good is None or not choice.markets:
        return pd.DataFrame(columns=LINE_COLUMNS)
    commodity, unit, pricetype, currency = choice.good
    good = _of_good(markets.graded, choice.good)
    median = choice.median or len(choice.markets) > config.MAX_MARKET_LINES
    if median and len(choice.markets) > 1:
        rows = alps.country_median(good, choice.markets)
        rows["line"] = "median:" + rows["country"]
        rows["label"] = [
            i18n.t("wfp.median_label", lang, country=i18n.name("country", c, lang), good=commodity)
            for c in rows["country"]
        ]
    else:
        rows = good[good["market_id"].isin(list(choice.markets))].copy()
        rows["n_markets"] = 1
        rows["line"] = rows["market_id"].astype("string")
        names = {m: market_label(markets, m, lang) for m in choice.markets}
        rows["label"] = [f"{names.get(int(m), m)} · {commodity}" for m in rows["market_id"]]
    if with_unit:  # beside prices in other units (the timeline): the label says this one's
        rows["label"] = (
            rows["label"] + " (" + i18n.t("wfp.per_unit", lang, currency=currency, unit=unit) + ")"
        )
    window = _window(rows, f.with_(countries=()))  # the markets chosen already say where
    return window[LINE_COLUMNS].sort_values(["line", "date"], kind="stable").reset_index(drop=True)


def with_change(lines: pd.DataFrame, base: str) -> tuple[pd.DataFrame, list[str]]:
    """Each line as percent change against its price in the month `base` (YYYY-MM); the lines
    with no price that month are left out and named."""
    if lines.empty:
        return lines.assign(change=pd.Series(dtype="Float64")), []
    month = pd.Period(base, "M")
    at = lines[lines["date"].dt.to_period("M") == month].drop_duplicates("line").set_index("line")["price"]
    kept = lines[lines["line"].isin(at.index)].copy()
    base_price = kept["line"].map(at.astype("float64")).astype("float64")
    kept["change"] = ((kept["price"].astype("float64") / base_price - 1) * 100).astype("Float64")
    dropped = list(dict.fromkeys(lines.loc[~lines["line"].isin(at.index), "label"]))
    return kept, dropped


def market_months(lines: pd.DataFrame) -> tuple[str, ...]:
    """The months (YYYY-MM) in which every drawn line has a price: possible baselines."""
    if lines.empty:
        return ()
    months = lines.assign(m=lines["date"].dt.to_period("M").astype(str)).groupby("m")["line"].nunique()
    return tuple(months[months == lines["line"].nunique()].index)


def default_market_base(months: tuple[str, ...], sanctions: pd.DataFrame) -> str | None:
    """The month before the first regional sanction measure in view when the lines have a price
    then (Niger: June 2023), else the first month with a price on every line."""
    if not months:
        return None
    regional = sanctions[sanctions["imposer"].isin(REGIONAL)] if not sanctions.empty else sanctions
    for start in sorted(pd.to_datetime(regional["start"]).dropna()) if not regional.empty else []:
        before = str(pd.Period(start, "M") - 1)
        if before in months:
            return before
    return months[0]


def _shaded(sanctions: pd.DataFrame, countries, today) -> pd.DataFrame:
    part = sanctions[
        sanctions["imposer"].isin(REGIONAL)
        & sanctions["measure"].isin(ECONOMIC)
        & sanctions["country"].isin(countries)
    ]
    return (
        indicators.union_periods(part, today)
        if not part.empty
        else pd.DataFrame(columns=["country", "start", "end"])
    )


def market_chart(
    data: inputs.Data,
    f: Filters,
    markets: Markets,
    choice: MarketChoice,
    mode: str,
    base: str | None,
    query: Callable[[str, list], pd.DataFrame],
    today: pd.Timestamp,
) -> tuple[go.Figure | None, tuple[str, ...]]:
    """The market chart of view `f` and the labels of lines left out (no price at the base)."""
    lines = market_lines(markets, f, choice, f.lang)
    if lines.empty:
        return None, ()
    dropped: list[str] = []
    if mode == "change" and base:
        lines, dropped = with_change(lines, base)
        if lines.empty:
            return None, tuple(dropped)
    countries = sorted(
        set(markets.catalogue.loc[markets.catalogue["market_id"].isin(choice.markets), "country"])
    )
    sanctions = selection.select("sanctions", data["sanctions"], f)
    periods = indicators.sanction_periods(sanctions, today).dropna(subset=["start"])
    periods = periods[periods["measure"].isin(ECONOMIC) & periods["country"].isin(countries)]
    events = query(*selection.events_sql(f.with_(countries=tuple(countries))))
    if not events.empty:
        events = events.assign(date=pd.to_datetime(events["date"]))
        first, last = lines["date"].min(), lines["date"].max()
        events = events[
            (events["date"] >= first - pd.Timedelta(days=20))
            & (events["date"] <= last + pd.Timedelta(days=20))
        ]
    fig = markets_fig.market_chart(
        lines,
        f.lang,
        labels(f.lang),
        "change" if mode == "change" and base else "price",
        shaded=_shaded(sanctions, countries, today),
        measures=periods.reset_index(drop=True),
        events=events.reset_index(drop=True),
    )
    return fig, tuple(dropped)


def drawn_lines(data: inputs.Data, markets: Markets, f: Filters, choice: MarketChoice) -> pd.DataFrame:
    """`market_lines` as a page's cached build (the builders of ui.cached take the tables first)."""
    return market_lines(markets, f, choice, f.lang)


def market_table(data: inputs.Data, markets: Markets, f: Filters, choice: MarketChoice) -> pd.DataFrame:
    """The drawn prices as published, newest first, with their grade and score."""
    lang = f.lang
    lines = market_lines(markets, f, choice, lang)
    return (
        pd.DataFrame(
            {
                "month": [i18n.fmt_month(d, lang) for d in lines["date"]],
                "market": list(lines["label"]),
                "value": lines["price"],
                "unit": [markets_fig.market_unit(r, lang) for r in lines.to_dict("records")],
                "alps": lines["alps"],
                "alert": [markets_fig.grade_name(g, lang) for g in lines["alert"]],
                # every table says where its rows come from: here WFP's monitoring, not an article
                "grade": [i18n.t("wfp.source_kind", lang)] * len(lines),
            }
        )
        .iloc[::-1]
        .reset_index(drop=True)
    )


def market_months_all(markets: Markets, f: Filters) -> tuple[str, ...]:
    rows = _in_view(markets, f)
    return tuple(sorted(set(rows["date"].dt.to_period("M").astype(str))))


def market_map(data: inputs.Data, f: Filters, markets: Markets, good, month: str) -> go.Figure:
    """Every market of the view coloured by the grade of `good` in `month` (YYYY-MM)."""
    cat = markets.catalogue
    if f.countries:
        cat = cat[cat["country"].isin(f.countries)]
    rows = alps.at_month(_of_good(markets.graded, good), month)
    worst = {}  # admin-1 region -> the worst grade of its markets that month
    order = list(markets_fig.GRADE_COLORS)
    placed = regions.assign(cat, lat="latitude", lon="longitude").set_index("market_id")["admin1_code"]
    for market_id, grade in zip(rows["market_id"], rows["alert"]):
        code = placed.get(market_id)
        if isinstance(grade, str) and isinstance(code, str):
            if code not in worst or order.index(grade) > order.index(worst[code]):
                worst[code] = grade
    return markets_fig.market_map(rows, cat, f.lang, good[0], worst)


def claims_table(data: inputs.Data, f: Filters, markets: Markets) -> pd.DataFrame | None:
    """Article-stated prices beside the market series (claims.claims_vs_market), as shown."""
    lang = f.lang
    prices = selection.select("prices", data["prices"], f)
    claims = claims_vs_market(prices, _in_view(markets, f.with_(start=None, end=None)), data["locations"])
    if claims.empty:
        return None
    rows = claims.to_dict("records")
    out = pd.DataFrame(
        {
            "date": [i18n.fmt_date(r["date"], r["date_precision"], lang) for r in rows],
            "article": [_claim_text(r, lang) for r in rows],
            "wfp": [_wfp_text(r, lang) for r in rows],
            "market_price": claims["market_price"],
            "claim_change": claims["claim_change"].round(1),
            "market_change": claims["market_change"].round(1),
            "verdict": [i18n.t(f"wfp.verdict.{r['verdict']}", lang, pp=fmt_tolerance(lang)) for r in rows],
            **source_columns(claims["source_ids"], data, lang),
        }
    )
    return out[list(CLAIM_TABLE_COLUMNS)]


def fmt_tolerance(lang: str) -> str:
    return i18n.fmt_decimal(config.AGREE_PP, lang, places=0)


def _claim_text(r: dict, lang: str) -> str:
    goods = goods_text({**r, "place": r["place"]}, lang)
    if pd.notna(r["value"]):
        goods += f": {fmt_value(r['value'], lang)} {price_unit(r, lang)}"
        if pd.notna(r["value_per_kg"]):
            goods += " " + i18n.t("wfp.per_kg", lang, value=fmt_value(round(r["value_per_kg"]), lang))
    base = r["base_month"]
    base = i18n.fmt_month(base + "-01", lang) if isinstance(base, str) else ""
    basis = i18n.t(f"wfp.basis.{r['claim_basis']}", lang, base=base)
    return f"{goods} ({basis})"


def _wfp_text(r: dict, lang: str) -> str:
    where = (
        r["wfp_where"]
        if not r["proxy"]
        else i18n.t("wfp.proxy", lang, n=r["n_markets"], markets=r["wfp_where"])
    )
    return f"{r['wfp_commodity']} · {where} · {i18n.fmt_month(r['month'] + '-01', lang)}"


def market_export(markets: Markets, f: Filters) -> pd.DataFrame:
    """The market prices of the view's countries and dates, with their ALPS grade (`alert`)."""
    return _in_view(markets, f).assign(licence=market_prices.LICENCE).reset_index(drop=True)
