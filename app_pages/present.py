"""Presentation mode: the story's steps on a full-width map in large, high-contrast type."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import i18n, ui
from dashboard.logic import map_view

view = ui.page_view()
lang = view.lang
data = ui.tables()
locations = data["locations"]
intervals = ui.intervals()
reports, publishers, grades, support = ui.strength_reports(), ui.publishers(), ui.grades(), ui.support()
steps = ui.story_steps()
MAP_HEIGHT = 720
MILESTONES_SHOWN = 12  # a step's milestones listed beside the map (a projector shows no more)

# Large type and high contrast for a projector; the sidebar is hidden. Static CSS, no data.
st.html("""<style>
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header { display: none; }
  .stMainBlockContainer, [data-testid="stMain"] { font-size: 26px; color: #000; }
  .stMainBlockContainer p, .stMainBlockContainer li, .stMainBlockContainer label,
  .stMainBlockContainer button p { font-size: 26px !important; line-height: 1.35; }
  .stMainBlockContainer h1 { font-size: 52px !important; }
  .stMainBlockContainer h2 { font-size: 40px !important; }
  .stMainBlockContainer .stCaption p, .stMainBlockContainer small { font-size: 18px !important; }
  .stMainBlockContainer { padding-top: 1.5rem; max-width: 100%; }
  @media print { [data-testid="stHorizontalBlock"] button, .modebar { display: none !important; } }
</style>""")

if not steps:
    st.write(i18n.t("present.empty", lang))
    st.stop()

if "present_step" not in st.session_state:
    st.session_state["present_step"] = min(max(view.step or 1, 1), len(steps))


def go_to(n: int):
    st.session_state["present_step"] = min(max(n, 1), len(steps))


AUTOPLAY = bool(st.session_state.get("autoplay"))  # the fragment's timer is set when it is defined


AUTOPLAY_SECONDS = 8


@st.fragment(run_every=AUTOPLAY_SECONDS if AUTOPLAY else None)
def show_step():
    if ui.tick("autoplay", AUTOPLAY_SECONDS, AUTOPLAY and st.session_state.get("autoplay")):
        go_to(st.session_state["present_step"] % len(steps) + 1)
    n = st.session_state["present_step"]
    st.query_params["step"] = str(n)
    step = steps[n - 1]

    c_prev, c_info, c_next, c_auto = st.columns([1, 3, 1, 2], vertical_alignment="center")
    c_prev.button("◀ " + i18n.t("present.prev", lang), on_click=go_to, args=(n - 1,),
                  disabled=n == 1, key="prev", width="stretch")
    c_info.markdown(f"**{i18n.t('present.step', lang, n=n, total=len(steps))}** · {step.year}")
    c_next.button(i18n.t("present.next", lang) + " ▶", on_click=go_to, args=(n + 1,),
                  disabled=n == len(steps), key="next", width="stretch", type="primary")
    if c_auto.toggle(i18n.t("present.autoplay", lang), key="autoplay") != AUTOPLAY:
        st.rerun()  # the whole page, so that the fragment's timer starts or stops

    st.header(str(step.year))
    text_col, map_col = st.columns([2, 3])
    with text_col:
        if len(step.events) > MILESTONES_SHOWN:
            st.caption(i18n.t("present.milestones_cut", lang, n=MILESTONES_SHOWN,
                              total=len(step.events)))
        for row in step.events.head(MILESTONES_SHOWN).itertuples():
            st.markdown(f"**{ui.md(i18n.fmt_date(row.date, row.date_precision, lang))}**: "
                        f"{ui.md(i18n.summary(row, lang))} ({ui.grade_tag(row.source_ids, lang)})")
        st.caption(i18n.t("present.sources", lang) + ": " + ui.source_links(step.source_ids, lang))
    with map_col:
        fig = ui.memo("present.map", (n, lang), lambda: _step_map(step))
        ui.plotly_chart(fig, key="present_map")
        st.caption(i18n.t("present.png_hint", lang))


def _step_map(step) -> go.Figure:
    """The map of a step, built once for every rerun and session (ui.memo)."""
    sit = map_view.situation(intervals, reports, support, locations, publishers, grades, step.when,
                             since=step.when - pd.DateOffset(years=1), lang=lang,
                             title=i18n.t("present.title", lang),
                             subtitle=i18n.t("present.map_at", lang,
                                             date=i18n.fmt_date(step.when, "day", lang)),
                             footer_label=i18n.t("present.sources", lang),
                             footer_ids=step.source_ids, height=MAP_HEIGHT, font=24,
                             label_size=20, footer_size=18, width_chars=70)
    # Read from across a room: nothing on the map under 20 px.
    return sit.figure.update_layout(legend_font_size=20, hoverlabel_font_size=20)


show_step()
