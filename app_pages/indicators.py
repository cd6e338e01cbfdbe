"""Indicators: sanction measures per country, prices against a baseline, sanctions map."""

import pandas as pd
import streamlit as st

from dashboard import i18n, ui
from dashboard.views import indicators as indicators_view

view = ui.page_view()
lang = view.lang
data = ui.tables()
st.title(i18n.t("indicators.title", lang))
f = ui.filter_controls(view)
today = pd.Timestamp.today().normalize()
# Each part is built once per store version and what it reads, for every session (ui.cached):
# moving the month rebuilds the map only, a new baseline the change chart only.
reads = indicators_view.reads(f)
shown = ui.cached(indicators_view.build, reads, today)


def table(frame: pd.DataFrame):
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            "source": ui.source_column(lang),
            **{c: i18n.t(f"col.{c}", lang) for c in frame.columns if c != "source"},
        },
    )


# --- sanctions map at a chosen month ----------------------------------------------------------
if "ind_month" not in st.session_state:
    st.session_state["ind_month"] = shown.month_for(f.date)


@st.fragment
def sanctions_map():
    """Moving the month reruns this map only, not the page's other charts."""
    month = st.select_slider(
        i18n.t("indicators.map_date", lang),
        options=shown.months,
        key="ind_month",
        format_func=lambda m: i18n.fmt_month(m + "-01", lang),
    )
    if st.query_params.get("date") != month:
        st.query_params["date"] = month
    st.subheader(i18n.t("indicators.map", lang, date=i18n.fmt_month(month + "-01", lang)))
    ui.plotly_chart(ui.cached(indicators_view.map_at, reads, month), key="sanctions_map")


sanctions_map()

# --- sanction periods -----------------------------------------------------------------------
st.subheader(i18n.t("indicators.periods", lang))
if shown.periods_fig is None:
    st.info(i18n.t("timeline.no_sanctions", lang))
else:
    ui.plotly_chart(shown.periods_fig, key="sanction_periods")
    table(shown.periods)

# --- prices -----------------------------------------------------------------------------------
st.subheader(i18n.t("indicators.prices", lang))
if shown.points_table is None:
    st.info(i18n.t("timeline.no_prices", lang))
else:
    c1, c2 = st.columns([2, 3])
    baseline = c1.date_input(
        i18n.t("indicators.baseline", lang), value=shown.baseline, key="baseline", format="YYYY-MM-DD"
    )
    mode = c2.radio(
        i18n.t("indicators.mode", lang),
        ["change", "value"],
        horizontal=True,
        format_func=lambda m: i18n.t(f"indicators.mode_{m}", lang),
        key="price_mode",
    )
    if mode == "value":
        ui.plotly_chart(ui.cached(indicators_view.value_chart, reads), key="price_value")
    elif (change := ui.cached(indicators_view.change_chart, reads, baseline)) is None:
        st.info(i18n.t("indicators.no_baseline", lang))
    else:
        ui.plotly_chart(change, key="price_change")
    table(shown.points_table)
    if shown.stated is not None:
        st.markdown(f"**{i18n.t('indicators.stated', lang)}**")
        table(shown.stated)

ui.export_buttons(lang, dict(shown.exports), data)
