"""Timeline: presence, events, sanction periods and prices on one time axis, filtered."""
import types

import pandas as pd
import streamlit as st

from dashboard import i18n, ui
from dashboard.logic import indicators, selection
from dashboard.figures import timeline_charts

TABLE_ROWS = 1000
view = ui.page_view()
lang = view.lang
data = ui.tables()
st.title(i18n.t("timeline.title", lang))
f = ui.filter_controls(view)


def build(f, today: pd.Timestamp) -> types.SimpleNamespace:
    """Everything the page shows for one view, kept per store version and view (ui.memo):
    reopening a view (a shared link, a language switch back) costs nothing.

    Events are filtered in the store. A selection too large to draw event by event is counted
    there too and only its newest rows reach pandas, for the table; the export reads them all
    when it is asked for."""
    monthly = ui.store().query(*selection.monthly_counts_sql(f))
    n_events = int(monthly["n"].sum())
    dense = n_events > timeline_charts.MAX_EVENT_MARKERS
    events = ui.store().query(*selection.events_sql(f, latest=TABLE_ROWS if dense else None))
    counts = timeline_charts.count_events(monthly) if dense else None
    intervals = selection.select("intervals", ui.intervals(), f)
    # Spans are per force and country, so the store-wide ones filtered alike are the same as
    # those of the filtered intervals, unless the text picks intervals by place.
    spans = None if f.text else selection.select("intervals", ui.spans(today), f)
    sanctions = selection.select("sanctions", data["sanctions"], f)
    prices = selection.select("prices", data["prices"], f)
    points = indicators.price_points(prices)
    fig = None
    if n_events or not (intervals.empty and sanctions.empty and points.empty):
        labels = {k: i18n.t(f"timeline.{k}", f.lang)
                  for k in ("presence", "sanctions", "prices", "in_force", "events")}
        fig = timeline_charts.timeline(intervals, events, sanctions, points, f.lang, today, labels,
                                       data["locations"], ui.publishers(), counts=counts,
                                       spans=spans)
        if f.start or f.end:  # zoom to the chosen window; bars still start where they started
            first = f.start or (counts[0]["period"].min() if dense else events["date"].min())
            fig.update_xaxes(range=[pd.Timestamp(first).isoformat(),
                                    pd.Timestamp(f.end or today).isoformat()])
    return types.SimpleNamespace(n_events=n_events, events=events, intervals=intervals,
                                 sanctions=sanctions, prices=prices, points=points, fig=fig)


today = pd.Timestamp.today().normalize()
shown = ui.memo("timeline", (f, today), lambda: build(f, today))
st.caption(i18n.t("timeline.counts", lang, events=shown.n_events, forces=len(shown.intervals),
                  sanctions=len(shown.sanctions), prices=len(shown.points)))
for empty, key in ((shown.n_events == 0, "timeline.no_events"),
                   (shown.sanctions.empty, "timeline.no_sanctions"),
                   (shown.points.empty, "timeline.no_prices")):
    if empty:
        st.info(i18n.t(key, lang))
if shown.fig is not None:
    ui.plotly_chart(shown.fig, key="timeline")

st.subheader(i18n.t("timeline.table", lang))
if shown.n_events == 0:
    st.write(i18n.t("timeline.no_events", lang))
else:
    if shown.n_events > TABLE_ROWS:  # the export holds them all; the table shows the latest
        st.caption(i18n.t("timeline.table_cut", lang, n=TABLE_ROWS, total=shown.n_events))
    events_shown = shown.events.sort_values("date", ascending=False, kind="stable").head(TABLE_ROWS)
    table = pd.DataFrame({
        "date": [i18n.fmt_date(d, p, lang) for d, p in zip(events_shown["date"], events_shown["date_precision"])],
        "country": [i18n.name("country", c, lang) for c in events_shown["country"]],
        "actor": [i18n.name("actor", a, lang) for a in events_shown["actor"]],
        "force": [i18n.name("force", f, lang) for f in events_shown["force"]],
        "event_type": [i18n.name("event_type", e, lang) for e in events_shown["event_type"]],
        "troops": events_shown["troops"],
        "summary": [i18n.summary(r, lang) for r in events_shown.to_dict("records")],
        "status": [i18n.t(f"status.{s}", lang) for s in events_shown["status"]],
        "source": ui.first_source_urls(events_shown["source_ids"]),
        "grade": ui.grade_texts(events_shown["source_ids"], lang),
    })
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "source": ui.source_column(lang),
        **{c: i18n.t(f"col.{c}", lang) for c in ("date", "country", "actor", "force",
                                                 "event_type", "troops", "summary", "status",
                                                 "grade")}})

every_event = (shown.events if shown.n_events <= len(shown.events)
               else lambda: ui.store().query(*selection.events_sql(f)))
ui.export_buttons(lang, {"events": every_event, "sanctions": shown.sanctions,
                         "prices": shown.prices}, data)
