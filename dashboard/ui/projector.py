"""Presentation mode's Streamlit pieces: the projector's style sheet and the on-page language switch.

A step must fit the screen of the projector (1280x720 or 1920x1080) without scrolling: the
controls row on top, then the step's text and its map side by side, each as tall as what is
left of the viewport. The milestones scroll inside their own box when a year has many; the map
takes the rest of its column (`st.plotly_chart(..., height="stretch")` follows the box's
height), so the legend and the sources written in the figure stay on screen.
"""

from __future__ import annotations

import streamlit as st

from dashboard import i18n

# Room above the two columns: the page's top padding, the controls row and the gap below it.
CONTROLS_PX = 104
LANG_LABELS = {"en": "EN", "fr": "FR"}
LANG_NAMES = {"en": "English", "fr": "Français"}


def projector_style() -> None:
    """Presentation mode: large type and high contrast for a projector, no sidebar, every step
    on one screen (static CSS, no script: the server's policy allows none)."""
    st.html(f"""<style>
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
  [data-testid="stHeader"], [data-testid="stExpandSidebarButton"] {{ display: none !important; }}
  .stMainBlockContainer, [data-testid="stMain"] {{ font-size: 26px; color: #000; }}
  .stMainBlockContainer p, .stMainBlockContainer li, .stMainBlockContainer label,
  .stMainBlockContainer button p {{ font-size: 26px !important; line-height: 1.35; }}
  .stMainBlockContainer h1 {{ font-size: 52px !important; }}
  .stMainBlockContainer h2 {{ font-size: 40px !important; padding: 0 0 0.3rem 0 !important; }}
  .stMainBlockContainer .stCaption p, .stMainBlockContainer small {{ font-size: 18px !important; }}
  .stMainBlockContainer {{ padding: 1rem 2.5rem 0 2.5rem !important; max-width: 100%; }}
  /* The extra keys of a clicker (PageUp, PageDown, Space): buttons with a shortcut, not shown. */
  .st-key-present_keys {{ display: none !important; }}
  /* The EN/FR switch: the current language looks chosen, not unavailable. */
  .st-key-present_lang button {{ min-height: 0; padding: 0.15rem 0.7rem; }}
  .st-key-present_lang button:disabled {{ background: #0068c9; border-color: #0068c9; opacity: 1; }}
  .st-key-present_lang button:disabled p {{ color: #fff; font-weight: 600; }}
  /* One screen per step: both columns as tall as the viewport below the controls. */
  @media (min-width: 641px) {{
    .st-key-present_text, .st-key-present_map_box {{
      height: calc(100vh - {CONTROLS_PX}px) !important; flex: 0 0 auto !important;
      flex-wrap: nowrap !important; overflow: hidden; }}
    .st-key-present_text > div:has(> .st-key-present_milestones) {{
      flex: 1 1 0 !important; min-height: 0; display: flex; flex-direction: column; }}
    .st-key-present_milestones {{ flex: 1 1 0 !important; min-height: 0; overflow-y: auto;
      scrollbar-width: auto; scrollbar-color: #6b6b6b #e6e6e6; padding-right: 0.5rem; }}
    .st-key-present_map_box > div:has(.stPlotlyChart) {{ flex: 1 1 0 !important; min-height: 0; }}
  }}
  @media (max-width: 640px) {{
    .st-key-present_map_box > div:has(.stPlotlyChart) {{ height: 75vh; }}
  }}
  @media print {{
    [data-testid="stHorizontalBlock"] button, .modebar {{ display: none !important; }}
  }}
</style>""")


def switch_language(choice: str) -> None:
    """`on_click` of the page's EN/FR switch: the sidebar picker's effect (`ui.language_picker`),
    the session's language and the URL's; the step is kept (it lives in the session and in the
    URL). The hidden sidebar picker's own value is dropped, else it would switch the page back
    on the next run."""
    if choice in i18n.LANGS:
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice
        st.session_state.pop("lang_picker", None)


def language_switch(container, lang: str) -> None:
    """A small EN/FR switch on the page (the sidebar, with its picker, is hidden here): one
    button per language, the current one disabled. Buttons, not a radio group: a radio group
    that has the focus turns the arrow keys into a language change, and the clicker's keys must
    stay the steps'. The page reruns whole when the language changed."""
    box = container.container(key="present_lang", horizontal=True, gap=None, width="content")
    for code, label in LANG_LABELS.items():
        box.button(
            label,
            key=f"present_lang_{code}",
            on_click=switch_language,
            args=(code,),
            disabled=code == lang,
            help=LANG_NAMES[code],
        )
