"""Presentation mode: the story's steps on a full-width map in large, high-contrast type."""

import streamlit as st

from dashboard import i18n, ui
from dashboard.ui import lines
from dashboard.views import present

view = ui.page_view()
lang = view.lang
steps = present.steps(ui.tables())
AUTOPLAY_SECONDS = 8
ui.projector_style()  # large type and high contrast, no sidebar

if not steps:
    st.write(i18n.t("present.empty", lang))
    st.stop()
if "present_step" not in st.session_state:
    st.session_state["present_step"] = min(max(view.step or 1, 1), len(steps))


def go_to(n: int):
    st.session_state["present_step"] = min(max(n, 1), len(steps))


AUTOPLAY = bool(st.session_state.get("autoplay"))  # the fragment's timer is set when it is defined


@st.fragment(run_every=AUTOPLAY_SECONDS if AUTOPLAY else None)
def show_step():
    if ui.tick("autoplay", AUTOPLAY_SECONDS, AUTOPLAY and st.session_state.get("autoplay")):
        go_to(st.session_state["present_step"] % len(steps) + 1)
    n = st.session_state["present_step"]
    st.query_params["step"] = str(n)
    step = steps[n - 1]
    c_prev, c_info, c_next, c_auto = st.columns([1, 3, 1, 2], vertical_alignment="center")
    c_prev.button(
        "◀ " + i18n.t("present.prev", lang),
        on_click=go_to,
        args=(n - 1,),
        disabled=n == 1,
        key="prev",
        width="stretch",
    )
    c_info.markdown(f"**{i18n.t('present.step', lang, n=n, total=len(steps))}** · {step.year}")
    c_next.button(
        i18n.t("present.next", lang) + " ▶",
        on_click=go_to,
        args=(n + 1,),
        disabled=n == len(steps),
        key="next",
        width="stretch",
        type="primary",
    )
    if c_auto.toggle(i18n.t("present.autoplay", lang), key="autoplay") != AUTOPLAY:
        st.rerun()  # the whole page, so that the fragment's timer starts or stops
    st.header(str(step.year))
    text_col, map_col = st.columns([2, 3])
    with text_col:
        if len(step.events) > present.MILESTONES_SHOWN:
            st.caption(
                i18n.t("present.milestones_cut", lang, n=present.MILESTONES_SHOWN, total=len(step.events))
            )
        for row in step.events.head(present.MILESTONES_SHOWN).itertuples():
            st.markdown(lines.event(row, lang, with_names=False))
        st.caption(i18n.t("present.sources", lang) + ": " + ui.source_links(step.source_ids, lang))
    with map_col:
        ui.plotly_chart(ui.cached(present.step_map, n, lang), key="present_map")
        st.caption(i18n.t("present.png_hint", lang))


show_step()
