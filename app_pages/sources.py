"""Sources: every cited source; for reviewers, article and WFP price-file upload and the review queue."""

import streamlit as st

from dashboard import i18n, ui
from dashboard.ui import feeds as feeds_ui
from dashboard.ui import review as review_ui
from dashboard.ui import wfp_upload as wfp_upload_ui
from dashboard.views import sources as sources_view

view = ui.page_view()
lang = view.lang
store = ui.store()

st.title(i18n.t("src.title", lang))
st.write(i18n.t("src.intro", lang))
reviewer = ui.reviewer_sign_in(lang)
feeds_ui.take_inbox(store, lang)
if reviewer and not store.warning:
    review_ui.upload(store, lang)
    wfp_upload_ui.upload(store, lang)  # a WFP food-price file (HDX CSV), whole or not at all
if reviewer:
    who = st.sidebar.text_input(
        i18n.t("src.reviewer_name", lang), key="reviewer_name", help=i18n.t("src.reviewer_name_help", lang)
    )
    review_ui.queue(store, list(ui.tables()["locations"]["location_id"]), who, lang)
    review_ui.withdrawal(store, who, lang)
    review_ui.decisions(store, lang)
feeds_ui.fetch_log(store, lang)
review_ui.stored_articles(store, lang)

st.subheader(i18n.t("src.count", lang, n=len(ui.tables()["sources"])))
listed = ui.cached(sources_view.build, st.text_input(i18n.t("src.search", lang), value=view.text), lang)
if listed.found > sources_view.SOURCE_ROWS:
    st.caption(i18n.t("src.cut", lang, n=sources_view.SOURCE_ROWS, total=listed.found))
st.dataframe(
    listed.rows,
    hide_index=True,
    width="stretch",
    column_config={
        "url": st.column_config.LinkColumn(i18n.t("col.url", lang)),
        **{c: i18n.t(f"col.{c}", lang) for c in sources_view.COLUMNS if c != "url"},
    },
)
