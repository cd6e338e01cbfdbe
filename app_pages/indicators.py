"""Indicators: sanction measures per country, prices against a baseline, sanctions map."""

import pandas as pd
import streamlit as st

from dashboard import i18n, ui
from dashboard.ui import controls
from dashboard.views import indicators as indicators_view

view = ui.page_view()
lang = view.lang
data = ui.tables()
st.title(i18n.t("indicators.title", lang))
f = controls.filter_controls(view)
today = pd.Timestamp.today().normalize()
# Each part is cached per store version and what it reads: a new month or baseline redraws one.
reads = indicators_view.reads(f)
shown = ui.cached(indicators_view.build, reads, today)


def table(frame: pd.DataFrame):
    config = {c: i18n.t(f"col.{c}", lang) for c in frame.columns if c != "source"}
    config["source"] = ui.source_column(lang)
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)


def month_text(m: str) -> str:
    return i18n.fmt_month(m + "-01", lang)


# --- sanctions map at a chosen month ----------------------------------------------------------
if "ind_month" not in st.session_state:
    st.session_state["ind_month"] = shown.month_for(f.date)


@st.fragment
def sanctions_map():
    """Moving the month reruns this map only, not the page's other charts."""
    label = i18n.t("indicators.map_date", lang)
    month = st.select_slider(label, options=shown.months, key="ind_month", format_func=month_text)
    controls.keep_in_url("date", month)
    st.subheader(i18n.t("indicators.map", lang, date=month_text(month)))
    ui.plotly_chart(ui.cached(indicators_view.map_at, reads, month), key="sanctions_map")


sanctions_map()

# --- sanction periods -----------------------------------------------------------------------
st.subheader(i18n.t("indicators.periods", lang))
if shown.periods_fig is None:
    st.info(i18n.t("timeline.no_sanctions", lang))
else:
    ui.plotly_chart(shown.periods_fig, key="sanction_periods")
    table(shown.periods)

# --- prices: against the link's baseline month (`base`), else the view's default ------------
st.subheader(i18n.t("indicators.prices", lang))
if shown.points_table is None:
    st.info(i18n.t("timeline.no_prices", lang))
else:
    base = shown.base_for(f.base)
    if f.base and base != f.base:
        st.info(i18n.t("indicators.base_unusable", lang, month=month_text(f.base)))
    mode = st.radio(
        i18n.t("indicators.mode", lang),
        ["change", "value"] if base else ["value"],  # nothing to compare: prices as stated
        horizontal=True,
        format_func=lambda m: i18n.t(f"indicators.mode_{m}", lang),
        key="price_mode",
    )
    if mode == "value":
        ui.plotly_chart(ui.cached(indicators_view.value_chart, reads), key="price_value")
    else:  # the month is kept in the URL (`base`): a copied link reopens this comparison
        base = controls.month_slider(
            i18n.t("indicators.base_month", lang), shown.base_months, base, "base", lang
        )
        ui.plotly_chart(ui.cached(indicators_view.change_chart, reads, base), key="price_change")
    table(shown.points_table)
    if shown.stated is not None:
        st.markdown(f"**{i18n.t('indicators.stated', lang)}**")
        table(shown.stated)

# --- WFP market prices: lines graded in the manner of ALPS, the market map, claims ------------
markets = ui.cached(indicators_view.market_data, ui.store().query)
market_ids = indicators_view.market_options(markets, f)
st.subheader(i18n.t("wfp.heading", lang))
if not market_ids:
    st.info(i18n.t("wfp.none", lang))
else:
    st.caption(i18n.t("wfp.intro", lang))
    start = indicators_view.default_choice(markets, f)
    c1, c2 = st.columns([3, 2])
    chosen = c1.multiselect(
        i18n.t("wfp.markets", lang),
        market_ids,
        default=[m for m in st.session_state.get("wfp_markets", start.markets) if m in market_ids]
        or list(start.markets),
        format_func=lambda m: indicators_view.market_label(markets, m, lang),
        key=f"wfp_markets@{lang}",
    )
    st.session_state["wfp_markets"] = chosen
    goods = indicators_view.good_options(markets, f, chosen)
    if chosen and goods:
        wanted = st.session_state.get("wfp_good", start.good)
        good = c2.selectbox(
            i18n.t("wfp.good", lang),
            goods,
            index=goods.index(wanted) if wanted in goods else 0,
            format_func=lambda g: indicators_view.good_label(g, lang),
            key=f"wfp_good@{lang}",
        )
        st.session_state["wfp_good"] = good
        median = False
        if len(chosen) > 1:
            median = st.checkbox(i18n.t("wfp.median", lang), key="wfp_median")
            if len(chosen) > indicators_view.MAX_MARKET_LINES and not median:
                st.caption(i18n.t("wfp.median_forced", lang, n=indicators_view.MAX_MARKET_LINES))
        choice = indicators_view.MarketChoice(tuple(chosen), good, median)
        lines = ui.cached(indicators_view.drawn_lines, markets, reads, choice)
        months = indicators_view.market_months(lines)
        mode = st.radio(
            i18n.t("wfp.mode", lang),
            ["price", "change"] if months else ["price"],
            horizontal=True,
            format_func=lambda m: i18n.t(f"wfp.mode_{m}", lang),
            key=f"wfp_mode@{lang}",
        )
        base = None
        if mode == "change":
            first = (
                f.base if f.base in months else indicators_view.default_market_base(months, shown.sanctions)
            )
            base = st.select_slider(
                i18n.t("wfp.base_month", lang),
                months,
                value=first,
                format_func=month_text,
                key=f"wfp_base@{lang}",
            )
        fig, dropped = ui.cached(
            indicators_view.market_chart, reads, markets, choice, mode, base, ui.store().query, today
        )
        if dropped:
            st.caption(i18n.t("wfp.no_base", lang, lines=ui.md(", ".join(dropped))))
        if fig is not None:
            ui.plotly_chart(fig, key="wfp_prices")
        st.caption(i18n.t("wfp.attribution", lang))
        with st.expander(i18n.t("wfp.table", lang)):
            table(ui.cached(indicators_view.market_table, markets, reads, choice))

        # the market map: every market of the view, coloured by its grade in one month
        all_months = indicators_view.market_months_all(markets, f)
        if all_months:
            wanted_month = (f.date or "")[:7]
            map_month = st.select_slider(
                i18n.t("wfp.map_month", lang),
                all_months,
                value=wanted_month if wanted_month in all_months else all_months[-1],
                format_func=month_text,
                key=f"wfp_map_month@{lang}",
            )
            st.markdown(f"**{ui.md(i18n.t('wfp.map', lang, good=good[0], date=month_text(map_month)))}**")
            ui.plotly_chart(
                ui.cached(indicators_view.market_map, reads, markets, good, map_month), key="wfp_map"
            )
            st.caption(i18n.t("wfp.attribution", lang))

    claims = ui.cached(indicators_view.claims_table, reads, markets)
    if claims is not None:
        st.markdown(f"**{i18n.t('wfp.claims', lang)}**")
        st.caption(i18n.t("wfp.claims_intro", lang, pp=indicators_view.fmt_tolerance(lang)))
        table(claims)
        st.caption(i18n.t("wfp.attribution", lang))

exports = dict(shown.exports)
if market_ids:
    exports["market_prices"] = lambda: indicators_view.market_export(markets, reads)
controls.export_buttons(lang, exports, data)
