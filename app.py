"""Entry point: `streamlit run app.py`. Draws the shared frame, then the chosen page."""
import streamlit as st

from dashboard import i18n, ui

st.set_page_config(page_title="Sahel Presence Monitor", page_icon="🗺️", layout="wide")

view = ui.view()
lang = ui.language_picker(view.lang)

PAGES = [
    st.Page("pages/map.py", title=i18n.t("nav.map", lang), icon="🗺️", default=True),
]
page = st.navigation(PAGES)
st.session_state["view"] = view.with_(lang=lang)
st.sidebar.caption(i18n.t("app.tagline", lang))
page.run()
