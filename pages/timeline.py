"""Timeline: presence, events, sanction periods and prices on one time axis, filtered."""
import pandas as pd
import streamlit as st

from dashboard import i18n, indicators, selection, timeline_charts, ui

TABLE_ROWS = 1000
view = ui.page_view()
lang = view.lang
data = ui.tables()
st.title(i18n.t("timeline.title", lang))
f = ui.filter_controls(view)

events = selection.select("events", data["events"], f)
intervals = selection.select("intervals", ui.intervals(), f)
sanctions = selection.select("sanctions", data["sanctions"], f)
prices = selection.select("prices", data["prices"], f)
points = indicators.price_points(prices)

st.caption(i18n.t("timeline.counts", lang, events=len(events), forces=len(intervals),
                  sanctions=len(sanctions), prices=len(points)))
for frame, key in ((events, "timeline.no_events"), (sanctions, "timeline.no_sanctions"),
                   (points, "timeline.no_prices")):
    if frame.empty:
        st.info(i18n.t(key, lang))

labels = {k: i18n.t(f"timeline.{k}", lang) for k in ("presence", "sanctions", "prices",
                                                       "in_force", "events")}
if not (events.empty and intervals.empty and sanctions.empty and points.empty):
    fig = timeline_charts.timeline(intervals, events, sanctions, points, lang,
                                   pd.Timestamp.today(), labels, data["locations"], data["sources"])
    if f.start or f.end:  # zoom to the chosen window; bars still start where they started
        fig.update_xaxes(range=[(f.start or events["date"].min()).isoformat(),
                                (f.end or pd.Timestamp.today().date()).isoformat()])
    ui.plotly_chart(fig, key="timeline")

st.subheader(i18n.t("timeline.table", lang))
if events.empty:
    st.write(i18n.t("timeline.no_events", lang))
else:
    if len(events) > TABLE_ROWS:  # the export holds them all; the table shows the latest
        st.caption(i18n.t("timeline.table_cut", lang, n=TABLE_ROWS, total=len(events)))
    events_shown = events.sort_values("date", ascending=False, kind="stable").head(TABLE_ROWS)
    table = pd.DataFrame({
        "date": [i18n.fmt_date(d, p, lang) for d, p in zip(events_shown["date"], events_shown["date_precision"])],
        "country": [i18n.name("country", c, lang) for c in events_shown["country"]],
        "actor": [i18n.name("actor", a, lang) for a in events_shown["actor"]],
        "force": events_shown["force"],
        "event_type": [i18n.name("event_type", e, lang) for e in events_shown["event_type"]],
        "troops": events_shown["troops"],
        "summary": events_shown["summary"],
        "status": [i18n.t(f"status.{s}", lang) for s in events_shown["status"]],
        "source": ui.first_source_urls(events_shown["source_ids"], data["sources"]),
    })
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "source": ui.source_column(lang),
        **{c: i18n.t(f"col.{c}", lang) for c in ("date", "country", "actor", "force",
                                                 "event_type", "troops", "summary", "status")}})

ui.export_buttons(lang, {"events": events, "sanctions": sanctions, "prices": prices}, data)
