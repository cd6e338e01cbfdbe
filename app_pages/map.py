"""Home: which foreign forces are where at the end of a chosen month, and what changed."""
import pandas as pd
import streamlit as st

from dashboard.figures import charts
from dashboard import i18n, ui
from dashboard.logic import map_view, presence

view = ui.page_view()
lang = view.lang
data = ui.tables()
events, locations = data["events"], data["locations"]
intervals = ui.intervals()
reports, publishers, grades, support = ui.strength_reports(), ui.publishers(), ui.grades(), ui.support()

FIRST_MONTH = pd.Period("2013-01", "M")
TODAY = map_view.today()
months = [str(p) for p in pd.period_range(FIRST_MONTH, pd.Period(TODAY, "M"), freq="M")]
WINDOWS = (1, 3, 6, 12, 24, 60)
CHANGES_SHOWN = 60  # the newest; the timeline page lists them all
PRESENT_SHOWN = 60  # by actor and name; the map shows them all

if "month" not in st.session_state:
    wanted = (view.date or months[-1])[:7]
    st.session_state["month"] = wanted if wanted in months else months[-1]
    st.session_state["as_of"] = view.date if view.date and view.date[:7] in months else None

st.title(i18n.t("map.title", lang))


MONTH = ui.lang_key("month", lang)  # the slider's key: its value survives a language switch
WINDOW = ui.lang_key("window", lang, 12)


def _advance():
    i = months.index(st.session_state[MONTH])
    if i + 1 < len(months):
        st.session_state[MONTH] = st.session_state["month"] = months[i + 1]
        st.session_state["as_of"] = None  # a day-precise link date no longer holds the map
    else:
        st.session_state["playing"] = False


def _on_month_change():
    st.session_state["as_of"] = None  # a slider move replaces a day-precise link date


PLAYING = bool(st.session_state.get("playing"))  # the fragment's timer is set when it is defined


PLAY_SECONDS = 1.2


@st.fragment(run_every=PLAY_SECONDS if PLAYING else None)
def situation_panel():
    if ui.tick("play", PLAY_SECONDS, PLAYING and st.session_state.get("playing")):
        _advance()
    c1, c2, c3 = st.columns([5, 1.4, 2], vertical_alignment="bottom")
    month = c1.select_slider(i18n.t("map.date", lang), options=months, key=MONTH,
                             format_func=_month_label, on_change=_on_month_change)
    st.session_state["month"] = month
    if c2.toggle(i18n.t("map.play", lang), key="playing") != PLAYING:
        st.rerun()  # the whole page, so that the fragment's timer starts or stops
    st.session_state["window"] = c3.selectbox(
        i18n.t("map.window", lang), WINDOWS, format_func=lambda n: i18n.t("map.months", lang, n=n),
        key=WINDOW)
    date_value = st.session_state.get("as_of") or month
    if st.query_params.get("date") != date_value:
        st.query_params["date"] = date_value
    when, shown = _shown_now()
    sit = shown["situation"]
    present = sit.shown  # as the map shows them: a force's figure once per country
    # Headline first, as plain text: it shows before the map's script has loaded.
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(i18n.t("map.present", lang), len(sit.confirmed), help=i18n.t("map.present_help", lang))
    m2.metric(i18n.t("map.stale", lang), len(sit.stale), help=i18n.t("map.stale_help", lang))
    m3.metric(i18n.t("map.actors_present", lang), present["actor"].nunique())
    m4.metric(i18n.t("map.left_window", lang), len(sit.left))
    st.markdown(_evidence_age(when, *shown["newest"]))

    st.caption(i18n.t("map.click_hint", lang))
    picked = ui.plotly_chart(sit.figure, key="presence_map", on_select="rerun",
                             selection_mode="points")
    _selected(picked, sit)

    col_a, col_b = st.columns(2)
    with col_a:
        st.subheader(i18n.t("map.present_list", lang))
        if present.empty:
            st.write(i18n.t("map.nobody", lang))
        if len(present) > PRESENT_SHOWN:
            st.caption(i18n.t("map.present_cut", lang, n=PRESENT_SHOWN, total=len(present),
                              rest=len(present) - PRESENT_SHOWN))
        names = locations.set_index("location_id")["name_fr" if lang == "fr" else "name"]
        for row in present.sort_values(["stale", "actor", "force"]).head(PRESENT_SHOWN).itertuples():
            st.markdown(_present_line(row, names, when))
    with col_b:
        st.subheader(i18n.t("map.changes", lang))
        total = shown["changes_total"]
        if not total:
            st.write(i18n.t("map.no_changes", lang))
        if total > CHANGES_SHOWN:
            st.caption(i18n.t("map.changes_cut", lang, n=CHANGES_SHOWN, total=total))
        for row in events.iloc[shown["changes"]].itertuples():
            st.markdown(f"**{ui.md(i18n.fmt_date(row.date, row.date_precision, lang))}** · "
                        f"{ui.md(i18n.name('country', row.country, lang))} · "
                        f"{ui.md(i18n.name('actor', row.actor, lang))} · "
                        f"*{ui.md(i18n.name('event_type', row.event_type, lang))}*: "
                        f"{ui.md(i18n.summary(row, lang))} ({ui.source_links(row.source_ids, lang)}; "
                        f"{ui.grade_tag(row.source_ids, lang)})")


def _shown_now() -> tuple[pd.Timestamp, dict]:
    """The map date of the widgets' state (the current month means today, never later) and
    what the panel shows for it, built once per date, window and language (ui.memo)."""
    when = map_view.map_date(st.session_state.get("as_of") or st.session_state["month"])
    window = st.session_state.get("window", 12)
    start = (when - pd.DateOffset(months=window)) + pd.Timedelta(days=1)
    return when, ui.memo("map.situation", (str(when.date()), window, lang),
                         lambda: _situation(when, start))


def _month_label(month: str) -> str:
    if month == months[-1]:
        return i18n.t("map.today", lang, date=i18n.fmt_date(TODAY, "day", lang))
    return i18n.fmt_month(month + "-01", lang)


def _situation(when: pd.Timestamp, window_start: pd.Timestamp) -> dict:
    """What the panel shows for one date and window, built once for every rerun, click and
    session (ui.memo): who is present, who left, the map, the newest changes and how old the
    newest evidence is."""
    sit = map_view.situation(intervals, reports, support, locations, publishers, grades, when,
                             since=window_start - pd.Timedelta(days=1), lang=lang,
                             title=i18n.t("map.title", lang),
                             subtitle=i18n.fmt_date(when, "day", lang),
                             footer_label=i18n.t("present.sources", lang))
    changes = presence.change_positions(events, window_start, when)
    return {"situation": sit, "newest": presence.newest_evidence(events, when),
            "changes": changes[:CHANGES_SHOWN], "changes_total": len(changes)}


def _evidence_age(when, newest, per_country) -> str:
    """'Newest evidence: 6 June 2025 (17 months ago).' and the same per country."""
    if newest is None:
        return i18n.t("map.newest_none", lang)
    is_today = when == TODAY
    line = i18n.t("map.newest", lang, date=i18n.fmt_date(newest, "day", lang),
                  age=i18n.fmt_age(newest, when, lang, is_today))
    each = "; ".join(f"{i18n.name('country', c, lang)} {i18n.fmt_date(d, 'day', lang)}"
                     for c, d in sorted(per_country.items(), key=lambda kv: kv[1], reverse=True))
    return f"**{ui.md(line)}** {ui.md(i18n.t('map.newest_by_country', lang, list=each))}"


def _present_line(row, names, when) -> str:
    """One present force: name, actor, country, place, how recently it was confirmed, latest
    strength with its date and age, sources and their strongest grade."""
    parts = [f"**{ui.md(i18n.name('force', row.force, lang))}**", ui.md(i18n.name("actor", row.actor, lang)),
             ui.md(i18n.name("country", row.country, lang))]
    if isinstance(row.location_id, str) and row.location_id in names.index:
        parts.append(ui.md(names[row.location_id]))
    is_today = when == TODAY
    if row.stale:
        parts.append("**" + ui.md(i18n.t("map.stale_tag", lang,
                                         date=i18n.fmt_date(row.last_confirmed, "day", lang),
                                         age=i18n.fmt_age(row.last_confirmed, when, lang, is_today)))
                     + "**")
    strength = charts.strength_line(row, when, lang, is_today)
    if strength:
        parts.append(ui.md(strength))
    ids = row.troops_sources if isinstance(row.troops_sources, str) else row.source_ids
    return " · ".join(parts) + f" · {ui.source_links(ids, lang)} · {ui.grade_tag(row.source_ids, lang)}"


def _selected(picked, sit):
    """What a click picked, found in the map layer the marker belongs to."""
    points = (picked or {}).get("selection", {}).get("points", []) if picked else []
    for point in points:
        custom = point.get("customdata")
        if not custom:
            continue
        index, status = int(custom[0]), custom[1]
        frame = sit.layer(status) if status in ("present", "stale", "left") else None
        if frame is None or index >= len(frame):
            continue
        row = frame.iloc[index]
        st.markdown(f"**{i18n.t('map.selected', lang)}:** {ui.md(i18n.name('force', row['force'], lang))} · "
                    f"{ui.source_links(row['source_ids'], lang)} · {ui.grade_tag(row['source_ids'], lang)}")


situation_panel()
ui.export_buttons(lang, {"situation": lambda: _shown_now()[1]["situation"].present}, data)
