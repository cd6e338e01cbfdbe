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


def step_bar(
    n: int, total: int, year, lang: str, go_to, toggle_autoplay, autoplay: bool, map_page: str
) -> None:
    """Previous / step / Next / Autoplay, the language switch and the way back to the map, in
    one row; Left/Right on the buttons and a clicker's PageUp, PageDown and Space on hidden ones."""
    first, last = n == 1, n == total
    # One row, each control as wide as its label (fixed-ratio columns cut the French ones).
    bar = st.container(key="present_controls", horizontal=True, vertical_alignment="center", gap="small")
    bar.button(
        "◀ " + i18n.t("present.prev", lang),
        on_click=go_to,
        args=(n - 1,),
        disabled=first,
        key="prev",
        shortcut="Left",
    )
    bar.markdown(f"**{i18n.t('present.step', lang, n=n, total=total)}** · {year}", width="content")
    bar.button(
        i18n.t("present.next", lang) + " ▶",
        on_click=go_to,
        args=(n + 1,),
        disabled=last,
        key="next",
        type="primary",
        shortcut="Right",
    )
    # A button, not a toggle: a focused checkbox would take Space and the arrows from the keys.
    bar.button(
        i18n.t("present.autoplay", lang),
        icon=":material/pause:" if autoplay else ":material/play_arrow:",
        key="autoplay_button",
        on_click=toggle_autoplay,
    )
    bar.space("stretch")
    language_switch(bar, lang)
    bar.page_link(
        map_page,
        label=i18n.t("nav.map", lang),
        icon=":material/map:",
        help=i18n.t("present.to_map", lang),
        query_params={"lang": lang},
    )
    with st.container(key="present_keys"):  # a clicker's other keys: one button per key, not shown
        for key, shortcut, to, disabled in (
            ("prev_pageup", "PageUp", n - 1, first),
            ("next_pagedown", "PageDown", n + 1, last),
            ("next_space", "Space", n + 1, last),
        ):
            st.button(shortcut, key=key, on_click=go_to, args=(to,), disabled=disabled, shortcut=shortcut)
