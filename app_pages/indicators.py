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

controls.export_buttons(lang, dict(shown.exports), data)
