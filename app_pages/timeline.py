"""Timeline: presence, events, sanction periods and prices on one time axis, filtered."""

import pandas as pd
import streamlit as st

from dashboard import i18n, ui
from dashboard.ui import controls
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
shown = ui.cached(timeline_view.build, timeline_view.reads(f), today, archive)

st.caption(i18n.t("timeline.counts", lang, **shown.counts))
for key in shown.nothing:
    st.info(i18n.t(key, lang))
if shown.fig is not None:
    ui.plotly_chart(shown.fig, key="timeline")

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

controls.export_buttons(lang, dict(shown.exports), data)
