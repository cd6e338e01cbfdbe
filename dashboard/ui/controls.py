"""Widgets a page wires: playing through months, keys that survive a language switch, the
filter box and the month slider kept in the URL, the export buttons."""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from dashboard import config, i18n
from dashboard.logic import filters
from dashboard.ui import md


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


def start_month(view_: filters.Filters, months: list[str]) -> None:
    """The map's month and day on a session's first run: the link's date (a day-precise one
    kept as `as_of`), else the current month, which means today."""
    if "month" not in st.session_state:
        wanted = (view_.date or months[-1])[:7]
        st.session_state["month"] = wanted if wanted in months else months[-1]
        st.session_state["as_of"] = view_.date if view_.date and view_.date[:7] in months else None


def next_month(key: str, months: list[str]) -> None:
    """Play: one month on (a day-precise link date no longer holds the map); stop at the last."""
    i = months.index(st.session_state[key])
    if i + 1 < len(months):
        st.session_state[key] = st.session_state["month"] = months[i + 1]
        st.session_state["as_of"] = None
    else:
        st.session_state["playing"] = False


def clear_as_of() -> None:
    """A slider move replaces a day-precise link date."""
    st.session_state["as_of"] = None


def keep_in_url(name: str, value: str | list[str]) -> None:
    """Write one URL parameter (a list: repeated) when it differs, so a copied link reopens it."""
    current = st.query_params.get_all(name) if isinstance(value, list) else st.query_params.get(name)
    if current != value:
        st.query_params[name] = value


def lang_key(name: str, lang: str, default=None) -> str:
    """A widget key per language, started from the value the widget had in the other one.

    A widget's identity includes its label and option labels, so after a language switch
    Streamlit would start it afresh (the map's month went back to January 2013); the page
    keeps the value under `name` and each language's widget starts from it."""
    key = f"{name}@{lang}"
    if key not in st.session_state and st.session_state.get(name, default) is not None:
        st.session_state[key] = st.session_state.get(name, default)
    return key


FIRST_DAY = pd.Timestamp("2009-01-01").date()


def _sync_url(view_: filters.Filters) -> None:
    """Write the view to the query string when it differs, so a copied link reopens it."""
    wanted = filters.to_params(view_)
    current = {
        k: (st.query_params.get_all(k) if isinstance(wanted.get(k), list) else st.query_params.get(k))
        for k in st.query_params.keys()
    }
    if current != wanted:
        st.query_params.from_dict(wanted)


def _date_box(column, label: str, value, key: str, lang: str, end_of_period: bool = False):
    """A date typed as the URL writes it, applied on Enter: the date, None when empty, and the
    view's own date (with a warning under the box) when the text is not a date."""
    typed = column.text_input(
        label,
        value=value.isoformat() if value else "",
        key=key,
        max_chars=10,
        placeholder=i18n.t("filter.date_placeholder", lang),
    ).strip()
    if not typed:
        return None
    day = filters.parse_date(typed, end_of_period=end_of_period)
    if day is None or not FIRST_DAY <= day <= pd.Timestamp.today().date() + pd.Timedelta(days=366):
        column.warning(i18n.t("filter.bad_date", lang, value=md(typed)))
        return value
    return day


def _pick(column, name: str, options, chosen, namer, lang: str) -> list:
    """One multiselect of the filter box: `filter.<name>` its label, `f_<name>` its key."""
    return column.multiselect(
        i18n.t(f"filter.{name}", lang),
        list(options),
        default=list(chosen),
        key=f"f_{name}",
        placeholder=i18n.t("filter.choose", lang),
        format_func=namer,
    )


def filter_controls(view_: filters.Filters, near: bool = False) -> filters.Filters:
    """Country, actor, type, date range and text filters, started from (and kept in) the URL;
    with `near`, the distance to a foreign base (the timeline)."""
    from dashboard.records import vocab

    lang = view_.lang
    with st.container(border=True):
        st.markdown(f"**{i18n.t('filter.heading', lang)}**")
        c1, c2, c3 = st.columns(3)
        countries = _pick(
            c1, "country", vocab.COUNTRIES, view_.countries, lambda c: i18n.name("country", c, lang), lang
        )
        actors = _pick(c2, "actor", vocab.ACTORS, view_.actors, lambda a: i18n.name("actor", a, lang), lang)
        types = _pick(
            c3,
            "type",
            vocab.EVENT_TYPES + vocab.SANCTION_MEASURES,
            view_.types,
            lambda t: i18n.name("event_type" if t in vocab.EVENT_TYPES else "measure", t, lang),
            lang,
        )
        c4, c5, c6, *c7 = st.columns([1, 1, 2, 1] if near else [1, 1, 2])
        # Typed dates are text boxes: Streamlit's date field applies a typed date only when it
        # loses focus (Enter does nothing), so a link copied right after typing had no date.
        # A text box applies it on Enter, and takes what the URL takes (YYYY, YYYY-MM, a day).
        start = _date_box(c4, i18n.t("filter.from", lang), view_.start, "f_from", lang)
        end = _date_box(c5, i18n.t("filter.to", lang), view_.end, "f_to", lang, end_of_period=True)
        text = c6.text_input(
            i18n.t("filter.text", lang), value=view_.text, key="f_q", max_chars=config.MAX_FILTER_TEXT
        )
        near_km = view_.near_km
        if near:
            near_km = c7[0].number_input(
                i18n.t("filter.near", lang),
                min_value=1,
                max_value=config.MAX_NEAR_KM,
                value=view_.near_km,
                step=10,
                key="f_near",
                help=i18n.t("filter.near_help", lang),
            )
        st.caption(i18n.t("filter.share", lang))
    if start and end and start > end:
        st.warning(i18n.t("filter.date_order", lang))
        start = None
    chosen = view_.with_(
        countries=tuple(countries),
        actors=tuple(actors),
        types=tuple(types),
        start=start,
        end=end,
        text=(text or "").strip(),
        near_km=int(near_km) if near_km else None,
    )
    _sync_url(chosen)
    return chosen


def month_slider(label: str, months, value: str, param: str, lang: str) -> str:
    """A slider over `months` (YYYY-MM) kept in the URL parameter `param`: it shows `value`
    (the link's month, or the page's default) and a move writes the URL at once, so a link
    copied right after reopens it. Keyed per language: a new label would restart it."""
    key = f"{param}@{lang}"
    st.session_state[key] = value
    keep_in_url(param, value)
    return st.select_slider(
        label,
        months,
        key=key,
        format_func=lambda m: i18n.fmt_month(m + "-01", lang),
        on_change=lambda: keep_in_url(param, st.session_state[key]),
    )


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

    formats = (("csv", "text/csv", "csv"), ("excel", "text/csv", "csv"), ("json", "application/json", "json"))
    with st.expander(i18n.t("export.heading", lang)):
        cols = st.columns(len(frames))
        for col, (what, frame) in zip(cols, frames.items()):
            label = i18n.t(f"what.{what}", lang)
            for fmt, mime, suffix in formats:
                name = f"sahel-{what}{'-excel' if fmt == 'excel' else ''}.{suffix}"
                col.download_button(
                    i18n.t(f"export.{fmt}", lang, what=label),
                    build(what, frame, fmt),
                    name,
                    mime,
                    key=f"dl_{fmt}_{what}",
                    on_click="ignore",
                )
        st.caption(i18n.t("export.excel_hint", lang))
        st.caption(i18n.t("export.png", lang))


def briefing_button(lang: str, when: pd.Timestamp, window: int, countries, data) -> None:
    """The one-page briefing PDF of the view on screen, made when clicked (a few seconds)."""
    from dashboard import briefing
    from dashboard.views import briefing as briefing_view

    try:
        briefing.chromium()
    except briefing.BriefingError as err:  # serving without Chromium: say so, offer nothing
        st.caption(i18n.t("brief.unavailable", lang, why=str(err)))
        return

    def make() -> bytes:
        from dashboard.ui.cache import store
        from dashboard.views import markets as markets_view

        graded = markets_view.market_data(data, store().query).graded
        return briefing.pdf(briefing_view.build(data, when, window, tuple(countries), lang, graded=graded))

    day = when.strftime("%Y%m%d")
    st.download_button(
        i18n.t("brief.button", lang),
        make,
        f"sahel_presence_a4_{day}_{lang}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key=f"briefing-{day}-{window}-{lang}",
        on_click="ignore",
    )


def gis_buttons(lang: str, view_: filters.Filters, data) -> None:
    """GIS files of the view (places, events, presence intervals, markets, regions), made when
    clicked: a GeoPackage, a GeoJSON file and a zipped Shapefile."""
    from dashboard.store import market_prices
    from dashboard.ui.cache import store
    from dashboard.views import gis

    def build(fmt):
        def make() -> bytes:
            return gis.WRITERS[fmt](gis.layers(data, view_, market_prices.markets(store().query)))

        return make

    with st.expander(i18n.t("export.gis_heading", lang)):
        st.caption(i18n.t("export.gis_help", lang))
        for col, fmt in zip(st.columns(len(gis.FORMATS)), gis.FORMATS):
            col.download_button(
                i18n.t(f"export.gis_{fmt}", lang),
                build(fmt),
                f"sahel-presence.{gis.SUFFIX[fmt]}",
                mime=gis.MIME[fmt],
                key=f"gis-{fmt}-{lang}",
                on_click="ignore",
            )
