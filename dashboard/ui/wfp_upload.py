"""The Sources page's import of a WFP food-price file (HDX CSV), for a signed-in reviewer: the
file is stored whole or not at all (dashboard.ingest.wfp), and a refusal names every fault."""

from __future__ import annotations

import streamlit as st

from dashboard import i18n, ui
from dashboard.errors import BadInput
from dashboard.store import Store


def upload(store: Store, lang: str) -> None:
    """The upload box, what it stored (after the rerun that clears the box) or why it refused."""
    from dashboard.ingest import wfp

    with st.expander(i18n.t("wfp.upload", lang)):
        st.caption(i18n.t("wfp.upload_help", lang))
        price_file = st.file_uploader(
            i18n.t("wfp.upload", lang),
            type=["csv"],
            label_visibility="collapsed",
            key=f"wfp-upload-{st.session_state.get('wfp_upload_round', 0)}",
        )
        if price_file is not None:
            try:
                done = wfp.import_bytes(store, price_file.getvalue(), price_file.name)
            except BadInput as err:
                st.error(i18n.t("wfp.refused", lang, why=ui.md(err)))
            else:
                st.session_state["wfp_upload_round"] = st.session_state.get("wfp_upload_round", 0) + 1
                st.session_state["wfp_upload_done"] = i18n.t(
                    "wfp.imported",
                    lang,
                    name=ui.md(done.name),
                    rows=done.rows,
                    new=done.inserted,
                    updated=done.updated,
                    unchanged=done.unchanged,
                )
                st.rerun()
        if "wfp_upload_done" in st.session_state:
            st.success(st.session_state.pop("wfp_upload_done"))
