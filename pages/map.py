"""Home: which foreign forces are where at the end of a chosen month, and what changed."""
import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import charts, geo, i18n, presence, ui

view = ui.page_view()
lang = view.lang
data = ui.tables()
events, sources, locations = data["events"], data["sources"], data["locations"]
intervals = ui.intervals()

FIRST_MONTH = pd.Period("2013-01", "M")
months = [str(p) for p in pd.period_range(FIRST_MONTH, pd.Period(dt.date.today(), "M"), freq="M")]
WINDOWS = (1, 3, 6, 12, 24, 60)
CHANGES_SHOWN = 60  # the newest; the timeline page lists them all

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

    present = presence.situation(intervals, events, when)
    left = presence.left_by(intervals, when, since=window_start - pd.Timedelta(days=1))
    # Headline first, as plain text: it shows before the map's script has loaded.
    m1, m2, m3 = st.columns(3)
    m1.metric(i18n.t("map.present", lang), len(present))
    m2.metric(i18n.t("map.actors_present", lang), present["actor"].nunique())
    m3.metric(i18n.t("map.left_window", lang), len(left))

    placed_present = geo.spread(geo.place(present, locations))
    placed_left = geo.spread(geo.place(left, locations))
    fig = charts.presence_map(placed_present, placed_left, sources, lang)
    # Title, date and sources inside the figure, so the camera button's PNG is a briefing slide.
    charts.with_caption(fig, i18n.t("map.title", lang),
                        i18n.fmt_date(when, "day", lang),
                        charts.sources_footer(present["source_ids"], sources, i18n.t("present.sources", lang)),
                        size=14)
    st.caption(i18n.t("map.click_hint", lang))
    picked = ui.plotly_chart(fig, key="presence_map", on_select="rerun",
                             selection_mode="points")
    _selected(picked, present, left)

    col_a, col_b = st.columns(2)
    with col_a:
        st.subheader(i18n.t("map.present_list", lang))
        if present.empty:
            st.write(i18n.t("map.nobody", lang))
        names = locations.set_index("location_id")["name_fr" if lang == "fr" else "name"]
        for row in present.sort_values(["actor", "force"]).itertuples():
            st.markdown(_present_line(row, names))
    with col_b:
        st.subheader(i18n.t("map.changes", lang))
        changes = presence.changes_between(events, window_start, when)
        if changes.empty:
            st.write(i18n.t("map.no_changes", lang))
        if len(changes) > CHANGES_SHOWN:
            st.caption(i18n.t("map.changes_cut", lang, n=CHANGES_SHOWN, total=len(changes)))
        for row in changes.head(CHANGES_SHOWN).itertuples():
            st.markdown(f"**{ui.md(i18n.fmt_date(row.date, row.date_precision, lang))}** · "
                        f"{ui.md(i18n.name('country', row.country, lang))} · "
                        f"{ui.md(i18n.name('actor', row.actor, lang))} · "
                        f"*{ui.md(i18n.name('event_type', row.event_type, lang))}*: "
                        f"{ui.md(row.summary)} ({ui.source_links(row.source_ids)})")


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
    return " · ".join(parts) + f" · {ui.source_links(ids)}"


def _selected(picked, present, left):
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
                    f"{ui.source_links(row['source_ids'])}")


situation_panel()
