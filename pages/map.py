"""Home: which foreign forces are where at the end of a chosen month, and what changed."""
import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import charts, i18n, presence, ui

view = ui.page_view()
lang = view.lang
data = ui.tables()
events, locations = data["events"], data["locations"]
intervals = ui.intervals()
reports, publishers = ui.strength_reports(), ui.publishers()

FIRST_MONTH = pd.Period("2013-01", "M")
months = [str(p) for p in pd.period_range(FIRST_MONTH, pd.Period(dt.date.today(), "M"), freq="M")]
WINDOWS = (1, 3, 6, 12, 24, 60)
CHANGES_SHOWN = 60  # the newest; the timeline page lists them all
PRESENT_SHOWN = 60  # by actor and name; the map shows them all

if "month" not in st.session_state:
    wanted = (view.date or months[-1])[:7]
    st.session_state["month"] = wanted if wanted in months else months[-1]
    st.session_state["as_of"] = view.date if view.date and view.date[:7] in months else None

st.title(i18n.t("map.title", lang))


def _advance():
    i = months.index(st.session_state["month"])
    if i + 1 < len(months):
        st.session_state["month"] = months[i + 1]
    else:
        st.session_state["playing"] = False


def _on_month_change():
    st.session_state["as_of"] = None  # a slider move replaces a day-precise link date


@st.fragment(run_every=1.2 if st.session_state.get("playing") else None)
def situation_panel():
    if st.session_state.get("playing"):
        _advance()
    c1, c2, c3 = st.columns([5, 1.4, 2], vertical_alignment="bottom")
    month = c1.select_slider(i18n.t("map.date", lang), options=months, key="month",
                             format_func=lambda m: i18n.fmt_month(m + "-01", lang),
                             on_change=_on_month_change)
    c2.toggle(i18n.t("map.play", lang), key="playing")
    window = c3.selectbox(i18n.t("map.window", lang), WINDOWS, index=WINDOWS.index(12),
                          format_func=lambda n: i18n.t("map.months", lang, n=n), key="window")
    date_value = st.session_state.get("as_of") or month
    if st.query_params.get("date") != date_value:
        st.query_params["date"] = date_value
    when = presence.as_of(date_value)
    window_start = (when - pd.DateOffset(months=window)) + pd.Timedelta(days=1)

    shown = ui.memo("map.situation", (date_value, window, lang),
                    lambda: _situation(when, window_start))
    present = shown["present"]
    # Headline first, as plain text: it shows before the map's script has loaded.
    m1, m2, m3 = st.columns(3)
    m1.metric(i18n.t("map.present", lang), len(present))
    m2.metric(i18n.t("map.actors_present", lang), present["actor"].nunique())
    m3.metric(i18n.t("map.left_window", lang), shown["left"])

    st.caption(i18n.t("map.click_hint", lang))
    picked = ui.plotly_chart(shown["figure"], key="presence_map", on_select="rerun",
                             selection_mode="points")
    _selected(picked, *shown["layers"])

    col_a, col_b = st.columns(2)
    with col_a:
        st.subheader(i18n.t("map.present_list", lang))
        if present.empty:
            st.write(i18n.t("map.nobody", lang))
        if len(present) > PRESENT_SHOWN:
            st.caption(i18n.t("map.present_cut", lang, n=PRESENT_SHOWN, total=len(present),
                              rest=len(present) - PRESENT_SHOWN))
        names = locations.set_index("location_id")["name_fr" if lang == "fr" else "name"]
        for row in present.sort_values(["actor", "force"]).head(PRESENT_SHOWN).itertuples():
            st.markdown(_present_line(row, names))
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
                        f"{ui.md(row.summary)} ({ui.source_links(row.source_ids, lang)})")


def _situation(when: pd.Timestamp, window_start: pd.Timestamp) -> dict:
    """What the panel shows for one date and window, built once for every rerun, click and
    session (ui.memo): who is present, how many left, the map and its layers, the newest
    changes and their count."""
    present = presence.situation(intervals, reports, when)
    left = presence.left_by(intervals, when, since=window_start - pd.Timedelta(days=1))
    layers = charts.map_layer(present, locations), charts.map_layer(left, locations)
    fig = charts.presence_map(*layers, publishers, lang)
    # Title, date and sources inside the figure, so the camera button's PNG is a briefing slide.
    footer = charts.sources_footer(present["source_ids"], publishers, i18n.t("present.sources", lang))
    charts.with_caption(fig, i18n.t("map.title", lang), i18n.fmt_date(when, "day", lang), footer, size=14)
    changes = presence.change_positions(events, window_start, when)
    return {"present": present, "left": len(left), "layers": layers, "figure": fig,
            "changes": changes[:CHANGES_SHOWN], "changes_total": len(changes)}


def _present_line(row, names) -> str:
    """One present force: name, actor, country, place, latest strength with its date, sources."""
    parts = [f"**{ui.md(row.force)}**", ui.md(i18n.name("actor", row.actor, lang)),
             ui.md(i18n.name("country", row.country, lang))]
    if isinstance(row.location_id, str) and row.location_id in names.index:
        parts.append(ui.md(names[row.location_id]))
    troops = i18n.fmt_range(row.troops_min, row.troops_max, lang)
    if troops:
        parts.append(ui.md(f"{troops} {i18n.t('hover.troops', lang)} ({i18n.t('hover.reported', lang)} "
                           f"{i18n.fmt_date(row.troops_date, 'month', lang)})"))
    ids = row.troops_sources if isinstance(row.troops_sources, str) else row.source_ids
    return " · ".join(parts) + f" · {ui.source_links(ids, lang)}"


def _selected(picked, present, left):
    """What a click picked: `present` and `left` are the map's layers (charts.map_layer)."""
    points = (picked or {}).get("selection", {}).get("points", []) if picked else []
    for point in points:
        custom = point.get("customdata")
        if not custom:
            continue
        index, status = int(custom[0]), custom[1]
        frame = present if status == "present" else left
        if index >= len(frame):
            continue
        row = frame.iloc[index]
        st.markdown(f"**{i18n.t('map.selected', lang)}:** {ui.md(row['force'])} · "
                    f"{ui.source_links(row['source_ids'], lang)}")


situation_panel()
