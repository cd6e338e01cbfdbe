"""Entry point: `streamlit run app.py`. Draws the shared frame, then the chosen page."""
from pathlib import Path

import streamlit as st

from dashboard import i18n, ui

st.set_page_config(page_title="Sahel Presence Monitor", page_icon=str(Path(__file__).parent / "static" / "favicon.png"), layout="wide")

view = ui.frame()
lang = view.lang
PAGES = [
    st.Page("app_pages/map.py", title=i18n.t("nav.map", lang), icon=":material/map:", default=True),
    st.Page("app_pages/timeline.py", title=i18n.t("nav.timeline", lang), icon=":material/timeline:", url_path="timeline"),
    st.Page("app_pages/indicators.py", title=i18n.t("nav.indicators", lang), icon=":material/monitoring:",
            url_path="indicators"),
    st.Page("app_pages/sources.py", title=i18n.t("nav.sources", lang), icon=":material/newspaper:", url_path="sources"),
    st.Page("app_pages/present.py", title=i18n.t("nav.present", lang), icon=":material/co_present:", url_path="present"),
]
page = st.navigation(PAGES)
st.sidebar.caption(i18n.t("app.tagline", lang))
page.run()
