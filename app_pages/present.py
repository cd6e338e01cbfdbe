"""Presentation mode: the story's steps on a full-width map in large, high-contrast type.

Keys: Left or PageUp for the previous step, Right, PageDown or Space for the next (what a
presentation clicker sends); each step fits the screen (dashboard.ui.projector)."""

import streamlit as st

from dashboard import i18n, ui
from dashboard.ui import controls, lines, projector
from dashboard.views import present

view = ui.page_view()
lang = view.lang
steps = present.steps(ui.tables())
AUTOPLAY_SECONDS = 8
MAP_PAGE = "app_pages/map.py"  # the way back: the home page as app.py's st.navigation names it
projector.projector_style()  # large type and high contrast, no sidebar, one screen per step

if not steps:
    st.write(i18n.t("present.empty", lang))
    st.page_link(MAP_PAGE, label=i18n.t("nav.map", lang), query_params={"lang": lang})
    st.stop()
if "present_step" not in st.session_state:
    st.session_state["present_step"] = min(max(view.step or 1, 1), len(steps))


def go_to(n: int):
    st.session_state["present_step"] = min(max(n, 1), len(steps))


def toggle_autoplay():
    st.session_state["autoplay"] = not st.session_state.get("autoplay")


AUTOPLAY = bool(st.session_state.get("autoplay"))  # the fragment's timer is set when it is defined


@st.fragment(run_every=AUTOPLAY_SECONDS if AUTOPLAY else None)
def show_step():
    if st.session_state.get("lang", "en") != lang:
        st.rerun()  # the on-page switch changed the language: the whole page, in the new one
    if controls.tick("autoplay", AUTOPLAY_SECONDS, AUTOPLAY and st.session_state.get("autoplay")):
        go_to(st.session_state["present_step"] % len(steps) + 1)
    n = st.session_state["present_step"]
    st.query_params["step"] = str(n)
    step = steps[n - 1]
    projector.step_bar(n, len(steps), step.year, lang, go_to, toggle_autoplay, AUTOPLAY, MAP_PAGE)
    if bool(st.session_state.get("autoplay")) != AUTOPLAY:
        st.rerun()  # the whole page, so that the fragment's timer starts or stops
    text_col, map_col = st.columns([5, 8])
    with text_col.container(key="present_text", gap="small"):
        st.header(str(step.year))
        with st.container(key="present_milestones"):  # scrolls on its own when a year has many
            if len(step.events) > present.MILESTONES_SHOWN:
                st.caption(
                    i18n.t("present.milestones_cut", lang, n=present.MILESTONES_SHOWN, total=len(step.events))
                )
            for row in step.events.head(present.MILESTONES_SHOWN).itertuples():
                st.markdown(lines.event(row, lang, with_names=False))
            st.caption(i18n.t("present.sources", lang) + ": " + ui.source_links(step.source_ids, lang))
            st.caption(i18n.t("present.png_hint", lang))
            controls.briefing_button(lang, step.when, 12, view.countries, ui.tables())
    with map_col.container(key="present_map_box", gap=None):
        ui.plotly_chart(ui.cached(present.step_map, n, lang), key="present_map", height="stretch")


show_step()
