"""Timeline: presence, events, sanction periods and prices on one time axis, filtered."""

import pandas as pd
import streamlit as st

from dashboard import i18n, ui
from dashboard.ui import controls
from dashboard.views import indicators as indicators_view
from dashboard.views import timeline as timeline_view

view = ui.page_view()
lang = view.lang
data = ui.tables()
st.title(i18n.t("timeline.title", lang))
f = controls.filter_controls(view)
today = pd.Timestamp.today().normalize()
# Built once per store version, selection, language and day for every session and rerun: a
# shared link or a language switch back costs nothing.
archive = timeline_view.Archive(ui.store().query, ui.spans)
# WFP market prices in the price panel: markets and good as last chosen (here or on Indicators)
markets = ui.cached(indicators_view.market_data, ui.store().query)
market_ids = indicators_view.market_options(markets, f)
choice = None
if market_ids:
    start = indicators_view.default_choice(markets, f)
    c1, c2 = st.columns([3, 2])
    chosen = c1.multiselect(
        i18n.t("wfp.markets", lang),
        market_ids,
        default=[m for m in st.session_state.get("wfp_markets", start.markets) if m in market_ids],
        format_func=lambda m: indicators_view.market_label(markets, m, lang),
        key=f"tl_wfp_markets@{lang}",
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
            key=f"tl_wfp_good@{lang}",
        )
        st.session_state["wfp_good"] = good
        choice = indicators_view.MarketChoice(
            tuple(chosen), good, len(chosen) > indicators_view.MAX_MARKET_LINES
        )
shown = ui.cached(timeline_view.build, timeline_view.reads(f), today, archive, markets, choice)

st.caption(i18n.t("timeline.counts", lang, **shown.counts))
for key in shown.nothing:
    st.info(i18n.t(key, lang))
if shown.fig is not None:
    ui.plotly_chart(shown.fig, key="timeline")
    if choice is not None:
        st.caption(i18n.t("wfp.attribution", lang))

st.subheader(i18n.t("timeline.table", lang))
if shown.n_events == 0:
    st.write(i18n.t("timeline.no_events", lang))
else:
    if shown.table_cut:  # the export holds them all; the table shows the latest
        st.caption(i18n.t("timeline.table_cut", lang, n=timeline_view.TABLE_ROWS, total=shown.n_events))
    st.dataframe(
        shown.table,
        hide_index=True,
        width="stretch",
        column_config={
            "source": ui.source_column(lang),
            **{c: i18n.t(f"col.{c}", lang) for c in shown.table.columns if c != "source"},
        },
    )

exports = dict(shown.exports)
if market_ids:  # WFP market prices of the view, with their ALPS alert
    exports["market_prices"] = lambda: indicators_view.market_export(markets, timeline_view.reads(f))
controls.export_buttons(lang, exports, data)
