"""Indicators: sanction measures per country, prices against a baseline, sanctions map."""
import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import i18n, ui
from dashboard.logic import indicators, presence, selection
from dashboard.figures import timeline_charts

view = ui.page_view()
lang = view.lang
data = ui.tables()
publishers = ui.publishers()
st.title(i18n.t("indicators.title", lang))
f = ui.filter_controls(view)
today = pd.Timestamp.today().normalize()
# Everything below is computed once per store version and view (ui.memo), so that moving
# the month or coming back to a view reruns only what changed.
sanctions = ui.memo("sanctions", (f,), lambda: selection.select("sanctions", data["sanctions"], f))
prices = ui.memo("prices", (f,), lambda: selection.select("prices", data["prices"], f))
labels = {"presence": i18n.t("timeline.presence", lang),
          "sanctions": i18n.t("timeline.sanctions", lang),
          "prices": i18n.t("timeline.prices", lang), "in_force": i18n.t("timeline.in_force", lang),
          "events": i18n.t("timeline.events", lang)} | {
    k: i18n.t(f"indicators.{k}", lang) for k in ("value", "change", "compared_with", "n_measures",
                                                 "none")}

# --- sanctions map at a chosen month ----------------------------------------------------------
months = [str(p) for p in pd.period_range("2021-01", pd.Period(dt.date.today(), "M"), freq="M")]
if "ind_month" not in st.session_state:
    wanted = (f.date or "")[:7]
    st.session_state["ind_month"] = wanted if wanted in months else months[-1]


@st.fragment
def sanctions_map():
    """Moving the month reruns this map only, not the page's other charts."""
    month = st.select_slider(i18n.t("indicators.map_date", lang), options=months,
                             key="ind_month", format_func=lambda m: i18n.fmt_month(m + "-01", lang))
    if st.query_params.get("date") != month:
        st.query_params["date"] = month
    st.subheader(i18n.t("indicators.map", lang, date=i18n.fmt_month(month + "-01", lang)))
    ui.plotly_chart(ui.memo("sanctions_map", (f, month), lambda: timeline_charts.sanctions_map(
        indicators.in_force_by_country(sanctions, presence.as_of(month)), lang, labels)),
        key="sanctions_map")


sanctions_map()

# --- sanction periods -----------------------------------------------------------------------
st.subheader(i18n.t("indicators.periods", lang))
if sanctions.empty:
    st.info(i18n.t("timeline.no_sanctions", lang))
else:
    empty = pd.DataFrame()
    ui.plotly_chart(ui.memo("periods_chart", (f, today), lambda: timeline_charts.timeline(
        empty, empty, sanctions, empty, lang, today, labels, data["locations"], publishers)),
        key="sanction_periods")
    periods = ui.memo("periods", (f, today), lambda: indicators.sanction_periods(sanctions, today))
    st.dataframe(pd.DataFrame({
        "country": [i18n.name("country", c, lang) for c in periods["country"]],
        "imposer": [i18n.name("actor", a, lang) for a in periods["imposer"]],
        "measure": [i18n.name("measure", m, lang) for m in periods["measure"]],
        "start": [i18n.fmt_date(d, p, lang) for d, p in zip(periods["start"], periods["start_precision"])],
        "end": [i18n.fmt_date(d, p, lang) if pd.notna(d) else i18n.t("timeline.in_force", lang)
                for d, p in zip(periods["end"], periods["end_precision"])],
        "summary": [i18n.summary(r, lang) for r in periods.to_dict("records")],
        "source": ui.first_source_urls(periods["source_ids"]),
        "grade": ui.grade_texts(periods["source_ids"], lang),
    }), hide_index=True, width="stretch", column_config={
        "source": ui.source_column(lang),
        **{c: i18n.t(f"col.{c}", lang) for c in ("country", "imposer", "measure", "start", "end",
                                                 "summary", "grade")}})

# --- prices -----------------------------------------------------------------------------------
st.subheader(i18n.t("indicators.prices", lang))
points = ui.memo("points", (f,), lambda: indicators.price_points(prices))
if points.empty:
    st.info(i18n.t("timeline.no_prices", lang))
else:
    starts = sanctions["start"].dropna()
    default_base = (starts.min() - pd.Timedelta(days=1)).date() if not starts.empty else \
        points["date"].min().date()
    c1, c2 = st.columns([2, 3])
    baseline = c1.date_input(i18n.t("indicators.baseline", lang), value=default_base,
                             key="baseline", format="YYYY-MM-DD")
    mode = c2.radio(i18n.t("indicators.mode", lang), ["change", "value"], horizontal=True,
                    format_func=lambda m: i18n.t(f"indicators.mode_{m}", lang), key="price_mode")
    if mode == "change":
        changes = ui.memo("changes", (f, baseline), lambda: indicators.change_vs_baseline(
            points, pd.Timestamp(baseline)))
        if changes.empty:
            st.info(i18n.t("indicators.no_baseline", lang))
        else:
            ui.plotly_chart(ui.memo("change_chart", (f, baseline), lambda: timeline_charts.price_chart(
                changes, lang, labels, "change", publishers)), key="price_change")
    else:
        ui.plotly_chart(ui.memo("value_chart", (f,), lambda: timeline_charts.price_chart(
            points, lang, labels, "value", publishers)), key="price_value")
    st.dataframe(pd.DataFrame({
        "date": [i18n.fmt_date(d, p, lang) for d, p in zip(points["date"], points["date_precision"])],
        "commodity": points["series"], "value": points["value"], "unit": points["unit"],
        "source": ui.first_source_urls(points["source_ids"]),
        "grade": ui.grade_texts(points["source_ids"], lang),
    }).iloc[::-1], hide_index=True, width="stretch", column_config={
        "source": ui.source_column(lang),
        **{c: i18n.t(f"col.{c}", lang) for c in ("date", "commodity", "value", "unit", "grade")}})
    stated = ui.memo("stated", (f,), lambda: indicators.stated_changes(prices))
    if not stated.empty:
        st.markdown(f"**{i18n.t('indicators.stated', lang)}**")
        st.dataframe(pd.DataFrame({
            "date": [i18n.fmt_date(d, p, lang) for d, p in zip(stated["date"], stated["date_precision"])],
            "commodity": stated["series"], "change": stated["change_pct"],
            "source": ui.first_source_urls(stated["source_ids"]),
            "grade": ui.grade_texts(stated["source_ids"], lang),
        }), hide_index=True, width="stretch", column_config={
            "source": ui.source_column(lang),
            **{c: i18n.t(f"col.{c}", lang) for c in ("date", "commodity", "change", "grade")}})

ui.export_buttons(lang, {"sanctions": sanctions, "prices": prices}, data)
