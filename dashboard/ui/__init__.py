"""Streamlit helpers shared by the pages: the store, cached tables, language, notices, charts.

This is the only module of the library that imports Streamlit.
"""
from __future__ import annotations

import hashlib
import html
import math
import re
import time
from collections.abc import Mapping
from urllib.parse import quote

import pandas as pd
import streamlit as st

from dashboard import auth, i18n
from dashboard.logic import filters, geo, presence
from dashboard.records.dataset import TABLE_NAMES
from dashboard.records.schema import split_ids
from dashboard.store import Store

PLOTLY_CONFIG = {"topojsonURL": geo.TOPOJSON_URL, "displaylogo": False,
                 "modeBarButtonsToRemove": ["lasso2d", "select2d"],
                 "toImageButtonOptions": {"format": "png", "scale": 2}}


@st.cache_resource
def store() -> Store:
    """One store per server process (DuckDB allows one writer per file)."""
    return Store()


# Whole tables and what is derived from them are shared, not copied per run (cache_resource):
# at a million events a copy per rerun would cost seconds. Nobody may modify them in place.
@st.cache_resource(max_entries=32, show_spinner=False)
def _derived(version: str, name: str, _build):
    return _build(version)


def derived(name: str, build):
    """`build(version)`'s result for the store's current version, computed once per version
    for every session: tables, intervals and the lookups pages make per row. `build` reads
    the store only through its `version` argument (`_Tables(version)`), so one result never
    mixes two versions."""
    return _derived(store().version(), name, build)


class _Tables(Mapping):
    """The store's tables by name, each read on first use: a page that never looks at the
    events does not wait for a million of them."""

    def __init__(self, version: str):
        self.version = version

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLE_NAMES:
            raise KeyError(name)
        return _derived(self.version, f"table:{name}", lambda v: store().table(name))

    def __iter__(self):
        return iter(TABLE_NAMES)

    def __len__(self) -> int:
        return len(TABLE_NAMES)


def tables() -> Mapping[str, pd.DataFrame]:
    return _Tables(store().version())


def _intervals(version: str) -> pd.DataFrame:
    return _derived(version, "intervals", lambda v: presence.build_intervals(_Tables(v)["events"]))


def intervals() -> pd.DataFrame:
    return _intervals(store().version())


def spans(today: pd.Timestamp) -> pd.DataFrame:
    """Every force's intervals merged per country (timeline_charts.merged_spans), once per
    store version and day."""
    from dashboard.figures.timeline_charts import merged_spans
    return derived(f"spans:{today.date()}", lambda v: merged_spans(_intervals(v), today))


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
        st.info(i18n.t("notice.bad_param", f.lang, name=md(n.name), value=md(n.value),
                       why=i18n.t(n.why, f.lang)), icon="ℹ️")
    # Viewers are told what it means for them; paths and errors go to the server log.
    if store().warning:
        st.warning(i18n.t("notice.store_unavailable", f.lang))
    if store().data_warning:
        st.warning(i18n.t("notice.data_invalid", f.lang))
    skipped = derived("unusable", lambda v: store().unusable())
    if skipped:
        st.info(i18n.t("notice.rows_skipped", f.lang, n=skipped))
    return f


def frame() -> filters.Filters:
    """The shared frame of every page: URL filters, notices, language picker, evidence age."""
    view_ = view()
    lang = language_picker(view_.lang)
    st.sidebar.caption(evidence_age(lang))  # on every page: how old the newest evidence is
    st.session_state["view"] = view_ = view_.with_(lang=lang)
    return view_


def evidence_age(lang: str) -> str:
    """'Newest evidence in the data: 9 February 2026 (9 months ago).' for the sidebar of every
    page, the newest event's date read once per store version."""
    newest = derived("newest_event", lambda v: _Tables(v)["events"]["date"].max())
    if pd.isna(newest):
        return i18n.t("map.newest_none", lang)
    today = pd.Timestamp.today().normalize()
    return i18n.t("app.newest", lang, date=i18n.fmt_date(newest, "day", lang),
                  age=i18n.fmt_age(newest, today, lang, today=True))


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
    given = st.sidebar.text_input(i18n.t("src.token", lang), type="password",
                                  help=i18n.t("src.token_help", lang), key="reviewer_token")
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


def tick(name: str, seconds: float, running: bool) -> bool:
    """True when a timer-driven step is due: `running` and at least `seconds` (less a little
    slack) since the last step or since the timer started. Reruns for other reasons (a click,
    a language switch, the rerun that starts the timer) are not steps."""
    now = time.monotonic()
    last = st.session_state.get(f"_tick:{name}")
    if not running or last is None:
        st.session_state[f"_tick:{name}"] = now
        return False
    if now - last >= seconds * 0.8:
        st.session_state[f"_tick:{name}"] = now
        return True
    return False


def lang_key(name: str, lang: str, default=None) -> str:
    """A widget key per language, started from the value the widget had in the other one.

    A widget's identity includes its label and option labels, so after a language switch
    Streamlit would start it afresh (the map's month went back to January 2013); the page
    keeps the value under `name` and each language's widget starts from it."""
    key = f"{name}@{lang}"
    if key not in st.session_state and st.session_state.get(name, default) is not None:
        st.session_state[key] = st.session_state.get(name, default)
    return key


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


SOURCES_LINKED = 30  # links in one list; a grouped marker or a large archive may hold thousands


def source_links(source_ids, lang: str) -> str:
    """Markdown links, one per source id (';'-joined, or a list of such), labelled with the
    publisher: the first SOURCES_LINKED, then 'and N more'."""
    links = derived("links", _links)
    values = [source_ids] if isinstance(source_ids, str) or source_ids is None else source_ids
    ids = [sid for sid in dict.fromkeys(s for v in values for s in split_ids(v)) if sid in links]
    more = len(ids) - SOURCES_LINKED
    return (", ".join(links[sid] for sid in ids[:SOURCES_LINKED])
            + (f" {i18n.t('list.more', lang, n=more)}" if more > 0 else ""))


def _links(version: str) -> dict[str, str]:
    """Each source's markdown link, built once per store version (pages ask per row)."""
    sources = _Tables(version)["sources"]
    return {sid: md_link(pub, url)
            for sid, pub, url in zip(sources["source_id"], sources["publisher"], sources["url"])}


FIRST_DAY = pd.Timestamp("2009-01-01").date()


def _sync_url(view_: filters.Filters) -> None:
    """Write the view to the query string when it differs, so a copied link reopens it."""
    wanted = filters.to_params(view_)
    current = {k: (st.query_params.get_all(k) if isinstance(wanted.get(k), list)
                   else st.query_params.get(k)) for k in st.query_params.keys()}
    if current != wanted:
        st.query_params.from_dict(wanted)


def filter_controls(view_: filters.Filters) -> filters.Filters:
    """Country, actor, type, date range and text filters, started from (and kept in) the URL."""
    from dashboard.records import vocab
    lang = view_.lang
    today = pd.Timestamp.today().date()
    with st.container(border=True):
        st.markdown(f"**{i18n.t('filter.heading', lang)}**")
        c1, c2, c3 = st.columns(3)
        countries = c1.multiselect(i18n.t("filter.country", lang), list(vocab.COUNTRIES),
                                   default=list(view_.countries), key="f_country",
                                   format_func=lambda c: i18n.name("country", c, lang))
        actors = c2.multiselect(i18n.t("filter.actor", lang), list(vocab.ACTORS),
                                default=list(view_.actors), key="f_actor",
                                format_func=lambda a: i18n.name("actor", a, lang))
        types = c3.multiselect(
            i18n.t("filter.type", lang), list(vocab.EVENT_TYPES + vocab.SANCTION_MEASURES),
            default=list(view_.types), key="f_type",
            format_func=lambda t: i18n.name("event_type" if t in vocab.EVENT_TYPES else "measure", t, lang))
        c4, c5, c6 = st.columns([1, 1, 2])
        start = c4.date_input(i18n.t("filter.from", lang), value=view_.start, min_value=FIRST_DAY,
                              max_value=today, key="f_from", format="YYYY-MM-DD")
        end = c5.date_input(i18n.t("filter.to", lang), value=view_.end, min_value=FIRST_DAY,
                            max_value=today, key="f_to", format="YYYY-MM-DD")
        text = c6.text_input(i18n.t("filter.text", lang), value=view_.text, key="f_q",
                             max_chars=filters.MAX_TEXT)
        st.caption(i18n.t("filter.share", lang))
    chosen = view_.with_(countries=tuple(countries), actors=tuple(actors), types=tuple(types),
                         start=start or None, end=end or None, text=(text or "").strip())
    _sync_url(chosen)
    return chosen


def export_buttons(lang: str, frames: dict[str, pd.DataFrame], data: dict[str, pd.DataFrame]):
    """Downloads of what is in view: CSV with the HXL hashtag row, and JSON. A frame may be
    given as a function returning it.

    The files are built only when a button is clicked (a callable), so a rerun on a large
    selection does not pay for exports nobody asked for.
    """
    from dashboard.views import export

    def build(what, frame, fmt):
        def make():
            rows = frame() if callable(frame) else frame  # a large selection is read on click
            prepared = export.prepare(what, rows, data["sources"], data["locations"])
            if fmt == "json":
                return export.to_json(prepared)
            # Excel on a French (or any non-UTF-8) PC reads accents right only with a BOM.
            return export.to_csv(prepared, what, hxl=True, bom=fmt == "excel")
        return make

    formats = (("csv", "text/csv", "csv"), ("excel", "text/csv", "csv"),
               ("json", "application/json", "json"))
    with st.expander(i18n.t("export.heading", lang)):
        cols = st.columns(len(frames))
        for col, (what, frame) in zip(cols, frames.items()):
            label = i18n.t(f"what.{what}", lang)
            for fmt, mime, suffix in formats:
                name = f"sahel-{what}{'-excel' if fmt == 'excel' else ''}.{suffix}"
                col.download_button(i18n.t(f"export.{fmt}", lang, what=label), build(what, frame, fmt),
                                    name, mime, key=f"dl_{fmt}_{what}", on_click="ignore")
        st.caption(i18n.t("export.excel_hint", lang))
        st.caption(i18n.t("export.png", lang))


def first_source_urls(source_ids: pd.Series) -> list:
    """For each row's ';'-joined source ids, the first http(s) address (None when there is none)."""
    urls = derived("urls", _urls)
    return [next((urls[s] for s in split_ids(ids) if s in urls), None) for ids in source_ids]


def _urls(version: str) -> dict[str, str]:
    sources = _Tables(version)["sources"]
    return {sid: url for sid, url in zip(sources["source_id"], sources["url"])
            if isinstance(url, str) and url.startswith(("http://", "https://"))}


@st.cache_resource(max_entries=64, show_spinner=False)
def _memo(version: str, name: str, key: tuple, _build):
    return _build()


def memo(name: str, key: tuple, build):
    """`build()`'s result, computed once per store version, name and key (the inputs it
    depends on besides the store) and shared by every session: never modify it."""
    return _memo(store().version(), name, key, build)


def source_column(lang: str):
    """A table column of source links, each shown as its site's name."""
    return st.column_config.LinkColumn(i18n.t("col.source", lang),
                                       display_text=r"https?://(?:www\.)?([^/]+)")


# -- map and story caches --
def strength_reports() -> presence.StrengthReports:
    """The events' troop strength reports, prepared once per store version for any map date."""
    return derived("strength_reports", lambda v: presence.strength_reports(_Tables(v)["events"]))


def support() -> pd.DataFrame:
    """The dates of the events behind each presence interval (presence.support_dates), once
    per store version: how long ago a force was last confirmed, at any map date."""
    return derived("support", lambda v: presence.support_dates(_intervals(v), _Tables(v)["events"]))


def grades() -> Mapping[str, str]:
    """Each source's reliability grade by source id, once per store version."""
    from dashboard.records.grades import grade_map
    return derived("grades", lambda v: grade_map(_Tables(v)["sources"]))


def grade_tag(source_ids, lang: str) -> str:
    """The strongest grade of a record's sources, or the weak-sourcing warning, as markdown."""
    from dashboard.figures.charts import grade_text
    from dashboard.records.grades import is_weak, strongest
    grade = strongest(source_ids, grades())
    line = md(grade_text(grade, lang))
    return f"**{line}**" if is_weak(grade) else f"*{line}*"


def grade_texts(source_ids, lang: str) -> list[str]:
    """A table column: each row's strongest source grade, or the weak-sourcing warning."""
    from dashboard.figures.charts import grade_line
    found = grades()
    return [grade_line(ids, found, lang) for ids in source_ids]


def publishers() -> Mapping[str, str]:
    """Each source's publisher by source id, as hovers and figure footers name them."""
    from dashboard.figures.charts import publisher_names
    return derived("publishers", lambda v: publisher_names(_Tables(v)["sources"]))


def story_steps() -> list:
    """The presentation's steps (dashboard.logic.story), derived once per store version."""
    from dashboard.logic import story
    return derived("story_steps", lambda v: story.steps(_Tables(v)["events"], _intervals(v)))
