"""The Sources page's news feeds: what waits in the inbox is stored when the page opens (the
store is written by this process only, see ingest.feeds.inbox), then the fetch log per source."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from dashboard import config, i18n
from dashboard.ingest.feeds import drain, inbox, log
from dashboard.store import Store

logger = logging.getLogger("dashboard.feeds")


def take_inbox(store: Store, lang: str) -> None:
    """Store what `fetch` left in the inbox; say how many articles came in."""
    folder = config.inbox_dir()
    waiting = inbox.pending(folder)
    if not waiting:
        return
    if store.warning:
        st.info(i18n.t("feeds.waiting", lang, n=waiting))
        return
    try:
        with st.spinner(i18n.t("feeds.heading", lang)):
            got = drain.drain(store, folder, limit=config.INBOX_PER_VISIT)
    except Exception:  # an inbox problem must not take the Sources page down
        logger.exception("the inbox could not be stored")
        st.info(i18n.t("feeds.waiting", lang, n=waiting))
        return
    if got.stored:
        st.success(i18n.t("feeds.taken", lang, n=got.stored))
    left = inbox.pending(folder)
    if left:  # the next visit takes the next share
        st.info(i18n.t("feeds.more_waiting", lang, n=left))


def _status(failing_runs: int, flagged: bool, lang: str) -> str:
    """'ok', 'failed 1 run in a row', or the flag after FEED_FAILING_RUNS."""
    if flagged:
        return i18n.t("feeds.flagged", lang, n=failing_runs)
    if failing_runs:
        return i18n.t("feeds.failing", lang, n=failing_runs)
    return i18n.t("feeds.ok", lang)


def fetch_log(store: Store, lang: str) -> None:
    st.subheader(i18n.t("feeds.heading", lang))
    shown = log.summary(store, pd.Timestamp.today())
    if shown.empty:
        st.caption(i18n.t("feeds.none", lang))
        return
    shown = shown.assign(
        status=[_status(n, flagged, lang) for n, flagged in zip(shown["failing_runs"], shown["flagged"])],
        last_run=[
            i18n.fmt_date(d, "day", lang) + pd.Timestamp(d).strftime(" %H:%M") for d in shown["last_run"]
        ],
        reasons=shown["reasons"].fillna(""),
        newest=["" if pd.isna(d) else i18n.fmt_date(d, "day", lang) for d in shown["newest"]],
        newest_age_days=[
            "" if pd.isna(n) else i18n.fmt_number(int(n), lang) for n in shown["newest_age_days"]
        ],
    )
    # The status in words stands for the streak and the flag.
    columns = ["source", "status", *(c for c in log.COLUMNS[1:] if c not in ("failing_runs", "flagged"))]
    st.dataframe(
        shown[columns],
        hide_index=True,
        width="stretch",
        column_config={c: i18n.t(f"feeds.col.{c}", lang) for c in columns},
    )
