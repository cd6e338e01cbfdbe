"""Timeline: presence, events, sanction periods and prices on one time axis, filtered."""

import pandas as pd
import streamlit as st

from dashboard import config, i18n, ui
from dashboard.ui import controls
from dashboard.ui import markets as markets_ui
from dashboard.views import markets as markets_view
from dashboard.views import timeline as timeline_view

view = ui.page_view()
lang = view.lang
data = ui.tables()
st.title(i18n.t("timeline.title", lang))
f = controls.filter_controls(view, near=True)
today = pd.Timestamp.today().normalize()
# Built once per store version, selection, language and day for every session and rerun: a
# shared link or a language switch back costs nothing.
archive = timeline_view.Archive(ui.store().query, ui.spans)
# WFP market prices in the price panel: markets and good as last chosen (here or on Indicators)
markets = ui.cached(markets_view.market_data, ui.store().query)
market_ids = markets_view.market_options(markets, f)
choice = None
if market_ids:
    chosen, good = markets_ui.pick(markets, f, market_ids, lang, key="tl_")
    if good is not None:
        choice = markets_view.MarketChoice(tuple(chosen), good, len(chosen) > config.MAX_MARKET_LINES)
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
    ui.table(shown.table, lang)

exports = dict(shown.exports)
if market_ids:  # WFP market prices of the view, with their ALPS alert
    exports["market_prices"] = lambda: markets_view.market_export(markets, timeline_view.reads(f))
controls.export_buttons(lang, exports, data)
controls.gis_buttons(lang, f, data)
