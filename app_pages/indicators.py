"""Indicators: sanction measures per country, prices against a baseline, sanctions map, WFP markets."""

import pandas as pd
import streamlit as st

from dashboard import i18n, ui
from dashboard.ui import controls
from dashboard.ui import markets as markets_ui
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


# --- sanctions map at a chosen month ----------------------------------------------------------
if "ind_month" not in st.session_state:
    st.session_state["ind_month"] = shown.month_for(f.date)


@st.fragment
def sanctions_map():
    """Moving the month reruns this map only, not the page's other charts."""
    label = i18n.t("indicators.map_date", lang)
    month = st.select_slider(
        label, options=shown.months, key="ind_month", format_func=lambda m: ui.month_text(m, lang)
    )
    controls.keep_in_url("date", month)
    st.subheader(i18n.t("indicators.map", lang, date=ui.month_text(month, lang)))
    ui.plotly_chart(ui.cached(indicators_view.map_at, reads, month), key="sanctions_map")


sanctions_map()

# --- sanction periods -----------------------------------------------------------------------
st.subheader(i18n.t("indicators.periods", lang))
if shown.periods_fig is None:
    st.info(i18n.t("timeline.no_sanctions", lang))
else:
    ui.plotly_chart(shown.periods_fig, key="sanction_periods")
    ui.table(shown.periods, lang)

# --- prices: against the link's baseline month (`base`), else the view's default ------------
st.subheader(i18n.t("indicators.prices", lang))
if shown.points_table is None:
    st.info(i18n.t("timeline.no_prices", lang))
else:
    base = shown.base_for(f.base)
    if f.base and base != f.base:
        st.info(i18n.t("indicators.base_unusable", lang, month=ui.month_text(f.base, lang)))
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
    ui.table(shown.points_table, lang)
    if shown.stated is not None:
        st.markdown(f"**{i18n.t('indicators.stated', lang)}**")
        ui.table(shown.stated, lang)

# --- WFP market prices: lines graded in the manner of ALPS, the market map, claims ------------
exports = dict(shown.exports) | markets_ui.section(f, reads, shown.sanctions, today)
controls.export_buttons(lang, exports, data)
