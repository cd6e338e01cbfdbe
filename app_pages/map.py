"""Home: which foreign forces are where on a chosen date, what changed, how old the evidence is."""

import streamlit as st

from dashboard import i18n, ui
from dashboard.ui import controls, lines
from dashboard.views import home, situation

view = ui.page_view()
lang = view.lang
TODAY = situation.today()
months = home.months(TODAY)
PLAY_SECONDS = 1.2
controls.start_month(view, months)
MONTH, WINDOW = (
    controls.lang_key("month", lang),
    controls.lang_key("window", lang, 12),
)  # survive a language switch
st.title(i18n.t("map.title", lang))
PLAYING = bool(st.session_state.get("playing"))  # the fragment's timer is set when it is defined


def _month_label(month: str) -> str:
    if month == months[-1]:
        return i18n.t("map.today", lang, date=i18n.fmt_date(TODAY, "day", lang))
    return i18n.fmt_month(month + "-01", lang)


def _shown() -> home.Home:
    when = situation.map_date(st.session_state.get("as_of") or st.session_state["month"])
    window, layer = st.session_state.get("window", 12), bool(st.session_state.get("regions"))
    return ui.cached(home.build, when, window, lang, view.countries, view.admin1, layer)


@st.fragment(run_every=PLAY_SECONDS if PLAYING else None)
def situation_panel():
    if controls.tick("play", PLAY_SECONDS, PLAYING and st.session_state.get("playing")):
        controls.next_month(MONTH, months)
    c1, c2, c3 = st.columns([5, 1.4, 2], vertical_alignment="bottom")
    st.session_state["month"] = c1.select_slider(
        i18n.t("map.date", lang),
        options=months,
        key=MONTH,
        format_func=_month_label,
        on_change=controls.clear_as_of,
    )
    if c2.toggle(i18n.t("map.play", lang), key="playing") != PLAYING:
        st.rerun()  # the whole page, so that the fragment's timer starts or stops
    c2.toggle(i18n.t("map.regions", lang), key="regions", help=i18n.t("map.regions_help", lang))
    st.session_state["window"] = c3.selectbox(
        i18n.t("map.window", lang),
        home.WINDOWS,
        key=WINDOW,
        format_func=lambda n: i18n.t("map.months", lang, n=n),
    )
    controls.keep_in_url("date", st.session_state.get("as_of") or st.session_state["month"])
    shown = _shown()
    sit, is_today = shown.situation, shown.when == TODAY
    # Headline first, as plain text: it shows before the map's script has loaded.
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(i18n.t("map.present", lang), len(sit.confirmed), help=i18n.t("map.present_help", lang))
    m2.metric(i18n.t("map.stale", lang), len(sit.stale), help=i18n.t("map.stale_help", lang))
    m3.metric(i18n.t("map.actors_present", lang), sit.shown["actor"].nunique())
    m4.metric(i18n.t("map.left_window", lang), len(sit.left))
    st.markdown(lines.evidence_age(shown.when, shown.newest, shown.newest_by_country, lang, is_today))
    st.caption(i18n.t("map.click_hint", lang))
    picked = ui.plotly_chart(sit.figure, key="presence_map", on_select="rerun", selection_mode="points")
    for line in lines.picked(picked, sit.layer, lang):
        st.markdown(line)
    lines.home_lists(shown, lang, is_today)


situation_panel()
when = situation.map_date(st.session_state.get("as_of") or st.session_state["month"])
controls.briefing_button(lang, when, st.session_state.get("window", 12), view.countries, ui.tables())
controls.export_buttons(lang, {"situation": lambda: _shown().situation.present}, ui.tables())
controls.gis_buttons(lang, view, ui.tables())
