"""Streamlit helpers shared by the pages: the store, cached tables, language, notices, charts.

This is the only module of the library that imports Streamlit.
"""
from __future__ import annotations

import re
from urllib.parse import quote

import pandas as pd
import streamlit as st

from dashboard import filters, geo, i18n, presence
from dashboard.dataset import TABLE_NAMES
from dashboard.store import Store

PLOTLY_CONFIG = {"topojsonURL": geo.TOPOJSON_URL, "displaylogo": False,
                 "modeBarButtonsToRemove": ["lasso2d", "select2d"],
                 "toImageButtonOptions": {"format": "png", "scale": 2}}


@st.cache_resource
def store() -> Store:
    """One store per server process (DuckDB allows one writer per file)."""
    return Store()


@st.cache_data(max_entries=4, show_spinner=False)
def _tables(version: str) -> dict[str, pd.DataFrame]:
    s = store()
    return {name: s.table(name) for name in TABLE_NAMES}


def tables() -> dict[str, pd.DataFrame]:
    return _tables(store().version())


@st.cache_data(max_entries=4, show_spinner=False)
def _intervals(version: str) -> pd.DataFrame:
    return presence.build_intervals(_tables(version)["events"])


def intervals() -> pd.DataFrame:
    return _intervals(store().version())


def view() -> filters.Filters:
    """The filters of this run from the URL, with a notice for anything ignored.

    The language also lives in the session so that it survives page switches, which drop
    the query string.
    """
    f, notices = filters.from_params(st.query_params)
    if "lang" in st.query_params and f.lang in i18n.LANGS:
        st.session_state["lang"] = f.lang
    elif st.session_state.get("lang", "en") != "en":
        f = f.with_(lang=st.session_state["lang"])
        st.query_params["lang"] = f.lang
    for n in notices:
        st.info(i18n.t("notice.bad_param", f.lang, name=n.name, value=n.value,
                       why=i18n.t(n.why, f.lang)), icon="ℹ️")
    if store().warning:
        st.warning(i18n.t("notice.store", f.lang, why=store().warning))
    return f


def language_picker(lang: str) -> str:
    labels = {"en": "English", "fr": "Français"}
    choice = st.sidebar.segmented_control(i18n.t("app.language", lang), options=list(labels),
                                          format_func=labels.get, default=lang, key="lang_picker")
    choice = choice or lang
    if choice != lang:
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice
        st.rerun()
    return choice


def plotly_chart(fig, **kwargs):
    """Every chart goes through here so none can forget the local topology (no CDN)."""
    config = PLOTLY_CONFIG | kwargs.pop("config", {})
    return st.plotly_chart(fig, config=config, width="stretch", **kwargs)


URL_SAFE = ":/?#[]@!$&'*+,;=%~-._"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")


def md(text) -> str:
    """Text made inert for st.markdown: every markdown and HTML character escaped."""
    return "" if text is None or (not isinstance(text, str) and pd.isna(text)) else _MD_SPECIAL.sub(r"\\\1", str(text))


def md_link(label, url) -> str:
    """A markdown link only for a plain http(s) address; otherwise the escaped label alone."""
    if not isinstance(url, str) or not re.match(r"^https?://[^\s<>\"]+$", url):
        return md(label)
    # Parentheses and spaces are percent-encoded so they cannot end the link early.
    return f"[{md(label)}]({quote(url, safe=URL_SAFE)})"


def source_links(source_ids, sources: pd.DataFrame) -> str:
    by_id = sources.set_index("source_id")
    parts = []
    for sid in dict.fromkeys(str(source_ids or "").split(";")):
        if sid and sid in by_id.index:
            row = by_id.loc[sid]
            parts.append(md_link(row["publisher"], row["url"]))
    return ", ".join(parts)
