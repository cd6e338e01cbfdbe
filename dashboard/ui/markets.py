"""WFP market prices on the pages: the indicators page's section (chart, table, market map,
claims) and the market and good pickers it shares with the timeline page. What is drawn comes
from `views.markets`; this module only reads widgets and draws.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import config, i18n, ui
from dashboard.logic.filters import Filters
from dashboard.ui import controls
from dashboard.views import market_places
from dashboard.views import markets as markets_view


def pick(markets, f: Filters, market_ids: list[int], lang: str, key: str = "", fallback: bool = False):
    """The markets and the good chosen, (chosen, good), good None until both can be: kept per
    session, so that the indicators and timeline pages open on the last choice made on either
    (the view's default the first time). `key` keeps each page's widgets apart; with `fallback`,
    a kept choice with no market in view falls back to the default."""
    start = markets_view.default_choice(markets, f)
    c1, c2 = st.columns([3, 2])
    linked, unknown = markets_view.markets_named(markets, f.markets)
    if unknown:
        st.caption(i18n.t("wfp.unknown_market", lang, names=ui.md(", ".join(unknown))))
    if linked and "wfp_markets" not in st.session_state:  # a shared link opens on its markets
        st.session_state["wfp_markets"] = linked
    kept = [m for m in st.session_state.get("wfp_markets", start.markets) if m in market_ids]
    chosen = c1.multiselect(
        i18n.t("wfp.markets", lang),
        market_ids,
        default=kept or (list(start.markets) if fallback else []),
        format_func=lambda m: markets_view.market_label(markets, m, lang),
        key=f"{key}wfp_markets@{lang}",
    )
    st.session_state["wfp_markets"] = chosen
    names = markets.catalogue.set_index("market_id")["market"]
    controls.keep_in_url("market", [str(names.get(m, m)) for m in chosen])
    goods = markets_view.good_options(markets, f, chosen)
    if not (chosen and goods):
        return chosen, None
    if f.commodity and "wfp_good" not in st.session_state:  # the link's good, exactly or by its start
        wanted = f.commodity.strip().casefold()
        named = [g for g in goods if g[0].casefold() == wanted] or [
            g for g in goods if g[0].casefold().startswith(wanted)
        ]
        if named:
            st.session_state["wfp_good"] = named[0]
        else:
            st.caption(i18n.t("wfp.unknown_market", lang, names=ui.md(f.commodity)))
    wanted = st.session_state.get("wfp_good", start.good)
    good = c2.selectbox(
        i18n.t("wfp.good", lang),
        goods,
        index=goods.index(wanted) if wanted in goods else 0,
        format_func=lambda g: markets_view.good_label(g, lang),
        key=f"{key}wfp_good@{lang}",
    )
    st.session_state["wfp_good"] = good
    controls.keep_in_url("commodity", good[0])
    return chosen, good


def section(f: Filters, reads: Filters, sanctions: pd.DataFrame, today: pd.Timestamp) -> dict:
    """The indicators page's WFP section: lines graded in the manner of ALPS, the market map and
    the article claims, for view `f` (`reads`: the part of it the builds read; `sanctions`: the
    view's measures, for the default baseline). Returns the export it adds (none without markets)."""
    lang = f.lang
    markets = ui.cached(markets_view.market_data, ui.store().query)
    market_ids = markets_view.market_options(markets, f)
    st.subheader(i18n.t("wfp.heading", lang))
    if not market_ids:
        st.info(i18n.t("wfp.none", lang))
        return {}
    st.caption(i18n.t("wfp.intro", lang))
    chosen, good = pick(markets, f, market_ids, lang, fallback=True)
    if good is not None:
        _chart(markets, f, reads, chosen, good, sanctions, today)
        _market_map(markets, f, reads, good)
    claims = ui.cached(markets_view.claims_table, reads, markets)
    if claims is not None:
        st.markdown(f"**{i18n.t('wfp.claims', lang)}**")
        st.caption(i18n.t("wfp.claims_intro", lang, pp=markets_view.fmt_tolerance(lang)))
        ui.table(claims, lang)
        st.caption(i18n.t("wfp.attribution", lang))
    return {"market_prices": lambda: markets_view.market_export(markets, reads)}


def _chart(markets, f: Filters, reads: Filters, chosen, good, sanctions: pd.DataFrame, today) -> None:
    """The market chart (prices or their change against a baseline month) and its table."""
    lang = f.lang
    median = False
    if len(chosen) > 1:
        median = st.checkbox(i18n.t("wfp.median", lang), key="wfp_median")
        if len(chosen) > config.MAX_MARKET_LINES and not median:
            st.caption(i18n.t("wfp.median_forced", lang, n=config.MAX_MARKET_LINES))
    choice = markets_view.MarketChoice(tuple(chosen), good, median)
    lines = ui.cached(markets_view.drawn_lines, markets, reads, choice)
    months = markets_view.market_months(lines)
    mode = st.radio(
        i18n.t("wfp.mode", lang),
        ["price", "change"] if months else ["price"],
        horizontal=True,
        format_func=lambda m: i18n.t(f"wfp.mode_{m}", lang),
        key=f"wfp_mode@{lang}",
    )
    base = None
    if mode == "change":
        first = f.base if f.base in months else markets_view.default_market_base(months, sanctions)
        base = st.select_slider(
            i18n.t("wfp.base_month", lang),
            months,
            value=first,
            format_func=lambda m: ui.month_text(m, lang),
            key=f"wfp_base@{lang}",
        )
    fig, dropped = ui.cached(
        markets_view.market_chart, reads, markets, choice, mode, base, ui.store().query, today
    )
    if dropped:
        st.caption(i18n.t("wfp.no_base", lang, lines=ui.md(", ".join(dropped))))
    if fig is not None:
        ui.plotly_chart(fig, key="wfp_prices")
    st.caption(i18n.t("wfp.attribution", lang))
    with st.expander(i18n.t("wfp.table", lang)):
        ui.table(ui.cached(markets_view.market_table, markets, reads, choice), lang)


def _market_map(markets, f: Filters, reads: Filters, good) -> None:
    """Every market of the view, coloured by the grade of `good` in one month (the link's
    `date` when it has prices, else the latest)."""
    lang = f.lang
    all_months = markets_view.market_months_all(markets, f)
    if not all_months:
        return
    wanted = (f.date or "")[:7]
    month = st.select_slider(
        i18n.t("wfp.map_month", lang),
        all_months,
        value=wanted if wanted in all_months else all_months[-1],
        format_func=lambda m: ui.month_text(m, lang),
        key=f"wfp_map_month@{lang}",
    )
    st.markdown(f"**{ui.md(i18n.t('wfp.map', lang, good=good[0], date=ui.month_text(month, lang)))}**")
    ui.plotly_chart(ui.cached(markets_view.market_map, reads, markets, good, month), key="wfp_map")
    st.caption(i18n.t("wfp.attribution", lang))
    with st.expander(i18n.t("wfp.places", lang, date=ui.month_text(month, lang))):
        ui.table(ui.cached(market_places.market_places, reads, markets, month), lang)
