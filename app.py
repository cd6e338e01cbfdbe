"""Entry point: `streamlit run app.py`. Draws the shared frame, then the chosen page."""

from pathlib import Path

import streamlit as st

from dashboard import i18n, ui
from dashboard.errors import StoreChanged

st.set_page_config(
    page_title="Sahel Presence Monitor",
    layout="wide",
    page_icon=str(Path(__file__).parent / "static" / "favicon.png"),
)
# The pages live in app_pages/, not pages/: Streamlit would list a pages/ folder's files as
# old-style pages on a first visit to a deep link, before this script's st.navigation ran.
PAGES = (
    ("map", ":material/map:", ""),
    ("timeline", ":material/timeline:", "timeline"),
    ("indicators", ":material/monitoring:", "indicators"),
    ("sources", ":material/newspaper:", "sources"),
    ("present", ":material/co_present:", "present"),
)
try:
    lang = ui.frame().lang
    page = st.navigation(
        [
            st.Page(
                f"app_pages/{name}.py",
                title=i18n.t(f"nav.{name}", lang),
                icon=icon,
                url_path=path or None,
                default=not path,
            )
            for name, icon, path in PAGES
        ]
    )
    st.sidebar.caption(i18n.t("app.tagline", lang))
    page.run()
except StoreChanged:  # a review landed while this run read the tables: draw the new version
    st.rerun()
