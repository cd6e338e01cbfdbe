"""Streamlit helpers shared by the pages: the store, cached tables, language, notices, charts.

This is the only module of the library that imports Streamlit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import math
import re
from collections.abc import Mapping
from urllib.parse import quote

import pandas as pd
import streamlit as st

from dashboard import auth, config, i18n
from dashboard.figures.text import grade_line, grade_text
from dashboard.logic import filters, geo, presence
from dashboard.records.grades import is_weak, strongest
from dashboard.records.schema import split_ids
from dashboard.ui.cache import Tables, cached, store, tables
from dashboard.ui.doclang import set_document_language
from dashboard.views import inputs

PLOTLY_CONFIG = {
    "topojsonURL": geo.TOPOJSON_URL,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def intervals() -> pd.DataFrame:
    return tables().derived(inputs.intervals)


def spans(today: pd.Timestamp) -> pd.DataFrame:
    """Every force's intervals merged per country, once per store version and day."""
    return cached(_spans, today)


def _spans(data: Tables, today: pd.Timestamp) -> pd.DataFrame:
    from dashboard.logic.coverage import merged_spans

    return merged_spans(data.derived(inputs.intervals), today)


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
        # The URL is anybody's text: escaped so a crafted link shows as text, never as markup.
        st.info(
            i18n.t("notice.bad_param", f.lang, name=md(n.name), value=md(n.value), why=i18n.t(n.why, f.lang)),
            icon="ℹ️",
        )
    # Viewers are told what it means for them; paths and errors go to the server log.
    if store().warning:
        st.warning(i18n.t("notice.store_unavailable", f.lang))
    if store().data_warning:
        st.warning(i18n.t("notice.data_invalid", f.lang))
    if store().stale_since is not None:
        when = i18n.fmt_moment(dt.datetime.fromtimestamp(store().stale_since), f.lang)
        st.warning(i18n.t("notice.store_stale", f.lang, since=when))
    skipped = cached(_unusable)
    if skipped:
        st.info(i18n.t("notice.rows_skipped", f.lang, n=skipped))
    return f


def _unusable(data: Tables) -> int:
    return store().unusable()


def frame() -> filters.Filters:
    """The shared frame of every page: URL filters, notices, language picker, evidence age."""
    view_ = view()
    phone_style()
    lang = language_picker(view_.lang)
    set_document_language(lang)  # <html lang>, for screen readers and translation prompts
    st.sidebar.caption(evidence_age(lang))  # on every page: how old the newest evidence is
    st.session_state["view"] = view_ = view_.with_(lang=lang)
    return view_


def evidence_age(lang: str) -> str:
    """'Newest evidence in the data: 9 February 2026 (9 months ago).' for the sidebar of every
    page, the newest event's date read once per store version."""
    newest = cached(_newest_event)
    if pd.isna(newest):
        return i18n.t("map.newest_none", lang)
    today = pd.Timestamp.today().normalize()
    return i18n.t(
        "app.newest",
        lang,
        date=i18n.fmt_date(newest, "day", lang),
        age=i18n.fmt_age(newest, today, lang, today=True),
    )


def _newest_event(data: Tables):
    return data["events"]["date"].max()


def page_view() -> filters.Filters:
    """The view app.py set up in this run; a page run on its own (old-style) sets it up itself."""
    if "view" not in st.session_state:
        return frame()
    return st.session_state["view"]


def reviewer_sign_in(lang: str) -> bool:
    """The reviewer door in the sidebar: True for a signed-in reviewer.

    Guesses are slowed and then locked out per client (auth.check). A session that signed in
    stays signed in on every page until it signs out or the configured token changes (the
    token's text is not kept, only a digest of the one it matched)."""
    if store().warning:  # the bundled copy: a review stored there would be lost
        st.caption(i18n.t("src.read_only_store", lang))
        return False
    expected = auth.configured_token(st.secrets)
    if expected is None:
        st.caption(i18n.t("src.read_only", lang))
        return False
    problem = auth.token_problem(expected)
    if problem:
        st.sidebar.error(i18n.t("src.token_misconfigured", lang))
        st.caption(i18n.t("src.read_only", lang))
        return False
    digest = hashlib.sha256(expected.encode("utf-8")).hexdigest()
    session = _session_id()
    if st.session_state.get("_reviewer_for") == digest:
        auth.UPLOADS.allow(session)  # this session may send files (dashboard.ui.serve checks)
        st.sidebar.caption(i18n.t("src.signed_in", lang))
        if st.sidebar.button(i18n.t("src.sign_out", lang), key="reviewer_sign_out"):
            del st.session_state["_reviewer_for"]
            auth.UPLOADS.revoke(session)
            st.rerun()
        return True
    auth.UPLOADS.revoke(session)
    given = st.sidebar.text_input(
        i18n.t("src.token", lang), type="password", help=i18n.t("src.token_help", lang), key="reviewer_token"
    )
    ip = getattr(st.context, "ip_address", None)
    verdict = auth.check(given, expected, auth.client_key(ip if isinstance(ip, str) else None))
    if verdict.accepted:
        st.session_state["_reviewer_for"] = digest
        auth.UPLOADS.allow(session)
        return True
    if verdict.outcome is auth.Outcome.WRONG:
        st.sidebar.error(i18n.t("src.token_wrong", lang))
    elif verdict.outcome is auth.Outcome.WAIT:
        st.sidebar.warning(i18n.t("src.token_wait", lang, s=math.ceil(verdict.retry_after)))
        st.sidebar.button(i18n.t("src.token_retry", lang), key="reviewer_retry")
    elif verdict.outcome is auth.Outcome.LOCKED:
        st.sidebar.error(i18n.t("src.token_locked", lang, m=math.ceil(verdict.retry_after / 60)))
    return False


def _session_id() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else ""


def language_picker(lang: str) -> str:
    labels = {"en": "English", "fr": "Français"}
    choice = st.sidebar.segmented_control(
        i18n.t("app.language", lang),
        options=list(labels),
        format_func=labels.get,
        default=lang,
        key="lang_picker",
    )
    choice = choice or lang
    if choice != lang:
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice
        st.rerun()
    return choice


def phone_style() -> None:
    """On a phone (<= 640 px) Streamlit stacks every column: the map fell 700 px down. Keep the
    headline figures and the short controls two by two so that the map starts on screen
    (every page: drawn by `frame`)."""
    st.html("""<style>
.stMainBlockContainer { padding-top: 3.2rem; }
@media (max-width: 640px) {
  .stMainBlockContainer { padding: 3.4rem 0.7rem 1rem 0.7rem !important; }
  .stMainBlockContainer h1 { font-size: 1.55rem !important; padding: 0 0 0.2rem 0 !important; }
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]),
  [data-testid="stHorizontalBlock"]:has([data-testid="stSelectbox"]),
  [data-testid="stHorizontalBlock"]:has(.st-key-f_from) {
    flex-direction: row !important; flex-wrap: wrap !important; gap: 0.25rem 0.6rem !important; }
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) > [data-testid="stColumn"] {
    min-width: 46% !important; width: 46% !important; flex: 1 1 46% !important; }
  [data-testid="stHorizontalBlock"]:has([data-testid="stSelectbox"]) > [data-testid="stColumn"]:has(
    [data-testid="stSlider"]) { min-width: 100% !important; width: 100% !important; }
  [data-testid="stHorizontalBlock"]:has([data-testid="stSelectbox"]) > [data-testid="stColumn"]:not(:has(
    [data-testid="stSlider"])) { min-width: 44% !important; width: 44% !important; flex: 1 1 44% !important; }
  [data-testid="stHorizontalBlock"]:has(.st-key-f_from) > [data-testid="stColumn"]:has(:is(.st-key-f_from, .st-key-f_to)) {
    min-width: 44% !important; width: 44% !important; flex: 1 1 44% !important; }
  [data-testid="stMetricValue"] { font-size: 1.35rem !important; }
  [data-testid="stMetricLabel"] p { font-size: 0.8rem !important; }
  .stMainBlockContainer [data-testid="stVerticalBlock"] { gap: 0.45rem !important; }
}
</style>""")


def plotly_chart(fig, **kwargs):
    """Every chart goes through here so none can forget the local topology (no CDN)."""
    config = PLOTLY_CONFIG | kwargs.pop("config", {})
    return st.plotly_chart(fig, config=config, width="stretch", **kwargs)


URL_SAFE = ":/?#[]@!$&'*+,;=%~-._"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")


def md(text) -> str:
    """Text made inert for st.markdown: every markdown and HTML character escaped."""
    return (
        ""
        if text is None or (not isinstance(text, str) and pd.isna(text))
        else _MD_SPECIAL.sub(r"\\\1", str(text))
    )


def marked_text(text: str, spans) -> str:
    """An article as inert HTML, its evidence spans (start, end) highlighted: every character
    of the text escaped, no link made from an address in it."""
    out, pos = [], 0
    for start, end in spans:
        start, end = int(start), int(end)
        if start < pos:
            continue
        out += [html.escape(text[pos:start]), f"<mark>{html.escape(text[start:end])}</mark>"]
        pos = end
    out.append(html.escape(text[pos:]))
    return f'<div style="white-space: pre-wrap">{"".join(out)}</div>'


def md_link(label, url) -> str:
    """A markdown link only for a plain http(s) address; otherwise the escaped label alone."""
    if not isinstance(url, str) or not re.match(r"^https?://[^\s<>\"]+$", url):
        return md(label)
    # Parentheses and spaces are percent-encoded so they cannot end the link early.
    return f"[{md(label)}]({quote(url, safe=URL_SAFE)})"


def source_links(source_ids, lang: str) -> str:
    """Markdown links, one per source id (';'-joined, or a list of such), labelled with the
    publisher: the first config.SOURCES_LINKED, then 'and N more'."""
    links = cached(_links)
    values = [source_ids] if isinstance(source_ids, str) or source_ids is None else source_ids
    ids = [sid for sid in dict.fromkeys(s for v in values for s in split_ids(v)) if sid in links]
    more = len(ids) - config.SOURCES_LINKED
    return ", ".join(links[sid] for sid in ids[: config.SOURCES_LINKED]) + (
        f" {i18n.t('list.more', lang, n=more)}" if more > 0 else ""
    )


def _links(data: Tables) -> dict[str, str]:
    """Each source's markdown link, built once per store version (pages ask per row)."""
    sources = data["sources"]
    return {
        sid: md_link(pub, url)
        for sid, pub, url in zip(sources["source_id"], sources["publisher"], sources["url"])
    }


def first_source_urls(source_ids: pd.Series) -> list:
    """For each row's ';'-joined source ids, the first http(s) address (None when there is none)."""
    urls = cached(_urls)
    return [next((urls[s] for s in split_ids(ids) if s in urls), None) for ids in source_ids]


def _urls(data: Tables) -> dict[str, str]:
    sources = data["sources"]
    return {
        sid: url
        for sid, url in zip(sources["source_id"], sources["url"])
        if isinstance(url, str) and url.startswith(("http://", "https://"))
    }


def source_column(lang: str):
    """A table column of source links, each shown as its site's name."""
    return st.column_config.LinkColumn(i18n.t("col.source", lang), display_text=r"https?://(?:www\.)?([^/]+)")


def month_text(month: str, lang: str) -> str:
    """A month (YYYY-MM) as the language writes it: 'July 2023', 'juillet 2023'."""
    return i18n.fmt_month(month + "-01", lang)


def table(frame: pd.DataFrame, lang: str) -> None:
    """A view's table: its columns named in the language, its sources as links."""
    columns = {c: i18n.t(f"col.{c}", lang) for c in frame.columns if c != "source"}
    columns["source"] = source_column(lang)
    st.dataframe(frame, hide_index=True, width="stretch", column_config=columns)


# -- what pages derive from the tables, once per store version (dashboard.views.inputs) --
def strength_reports() -> presence.StrengthReports:
    return tables().derived(inputs.strength_reports)


def support() -> pd.DataFrame:
    return tables().derived(inputs.support)


def grades() -> Mapping[str, str]:
    return tables().derived(inputs.grades)


def grade_tag(source_ids, lang: str) -> str:
    """The strongest grade of a record's sources, or the weak-sourcing warning, as markdown."""
    grade = strongest(source_ids, grades())
    line = md(grade_text(grade, lang))
    return f"**{line}**" if is_weak(grade) else f"*{line}*"


def grade_texts(source_ids, lang: str) -> list[str]:
    """A table column: each row's strongest source grade, or the weak-sourcing warning."""
    found = grades()
    return [grade_line(ids, found, lang) for ids in source_ids]


def publishers() -> Mapping[str, str]:
    return tables().derived(inputs.publishers)


def story_steps() -> list:
    return tables().derived(inputs.story_steps)
