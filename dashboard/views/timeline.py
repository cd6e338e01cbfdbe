"""What the timeline page draws for one view, built without Streamlit.

`build(data, f, today, archive)` selects the events (in the store: `selection.events_sql`),
the presence intervals, sanction measures and prices a view keeps, draws the timeline figure
and lays out the events table. The page caches it with `ui.cached(build, reads(f), today,
archive)`: once per store version, selection, language and day, for every session.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures.common import date_ticks
from dashboard.figures.text import grade_line
from dashboard.figures.timeline import timeline
from dashboard.logic import coverage, distances, geo, indicators, selection
from dashboard.logic.filters import Filters
from dashboard.records import regions
from dashboard.records.schema import split_ids
from dashboard.views import inputs

TABLE_ROWS = 1000  # the table shows the newest events; the export holds them all
LABEL_KEYS = ("presence", "sanctions", "prices", "in_force", "events")


@dataclass(frozen=True)
class Archive:
    """What a timeline reads besides the tables: the store's SQL (a large archive filters its
    events there, not in pandas) and the presence spans of the whole store on a day
    (`coverage.merged_spans`), which the caller keeps once per store version and day.

    The fields are functions, so that an archive made of the same ones (ui.store().query,
    ui.spans) is the same cache key from rerun to rerun."""

    query: Callable[[str, list], pd.DataFrame]
    spans: Callable[[pd.Timestamp], pd.DataFrame]

    @classmethod
    def of(cls, data: inputs.Data, query: Callable[[str, list], pd.DataFrame]) -> Archive:
        """An archive whose spans are merged from `data` on each call (tests, scripts)."""
        return cls(query, lambda today: coverage.merged_spans(inputs.derived(data, inputs.intervals), today))


@dataclass(frozen=True, eq=False)
class Timeline:
    """Everything the page draws. Shared by every session: never modify it in place."""

    n_events: int  # every selected event (the table may show fewer)
    events: pd.DataFrame  # the selected events, or the newest TABLE_ROWS when dense
    intervals: pd.DataFrame  # presence intervals the view keeps
    sanctions: pd.DataFrame
    prices: pd.DataFrame
    points: pd.DataFrame  # the prices as drawn (indicators.price_points)
    fig: go.Figure | None  # None when nothing at all matches
    nothing: tuple[str, ...]  # i18n keys of the notices: what matched nothing
    table: pd.DataFrame  # the events table, newest first, as shown
    table_cut: bool  # the table shows only the newest TABLE_ROWS
    exports: Mapping[str, pd.DataFrame | Callable[[], pd.DataFrame]]  # for controls.export_buttons

    @property
    def counts(self) -> dict[str, int]:
        """The numbers of the caption (i18n 'timeline.counts')."""
        return {
            "events": self.n_events,
            "forces": len(self.intervals),
            "sanctions": len(self.sanctions),
            "prices": len(self.points),
        }


def reads(f: Filters) -> Filters:
    """The part of a view the timeline depends on: its selection and language, not the map's
    date, the presentation's step or the indicators' baseline (each would otherwise make a
    cache entry of its own)."""
    return f.with_(date=None, step=None, base=None, markets=(), commodity=None)


def labels(lang: str) -> dict[str, str]:
    return {k: i18n.t(f"timeline.{k}", lang) for k in LABEL_KEYS}


def source_urls(data: inputs.Data) -> dict[str, str]:
    """Each source's address by source id, where it is an http(s) one."""
    sources = data["sources"]
    return {
        sid: url
        for sid, url in zip(sources["source_id"], sources["url"])
        if isinstance(url, str) and url.startswith(("http://", "https://"))
    }


def source_columns(source_ids: pd.Series, data: inputs.Data, lang: str) -> dict[str, list]:
    """A table's 'source' column (each row's first http(s) address, None without one) and
    'grade' column (its strongest source's grade, or the weak-sourcing warning)."""
    urls = inputs.derived(data, source_urls)
    grades = inputs.derived(data, inputs.grades)
    return {
        "source": [next((urls[s] for s in split_ids(ids) if s in urls), None) for ids in source_ids],
        "grade": [grade_line(ids, grades, lang) for ids in source_ids],
    }


def build(
    data: inputs.Data, f: Filters, today: pd.Timestamp, archive: Archive, markets=None, choice=None
) -> Timeline:
    """The timeline of view `f` on `today`; with `markets` (views.markets.Markets) and a
    `choice` of markets and good, WFP's monthly market prices in the price panel.

    Events are filtered in the store. A selection too large to draw event by event
    (`coverage.is_dense`) is counted there too and only its newest rows reach pandas, for the
    table; the export reads them all when it is asked for."""
    if f.near_km:  # a distance is measured in pandas: every selected event is read
        events = _near_bases(data, archive.query(*selection.events_sql(f)), f.near_km)
        monthly = coverage.monthly_counts(events)
    else:
        monthly = archive.query(*selection.monthly_counts_sql(f))
    n_events = int(monthly["n"].sum())
    dense = coverage.is_dense(n_events)
    if not f.near_km:
        events = archive.query(*selection.events_sql(f, latest=TABLE_ROWS if dense else None))
    counts = coverage.count_events(monthly) if dense else None
    intervals = selection.select("intervals", inputs.derived(data, inputs.intervals), f)
    # Spans are per force and country, so the store-wide ones filtered alike are the same as
    # those of the filtered intervals, unless the text picks intervals by place.
    spans = None if f.text else selection.select("intervals", archive.spans(today), f)
    sanctions = selection.select("sanctions", data["sanctions"], f)
    prices = selection.select("prices", data["prices"], f)
    points = indicators.price_points(prices)
    lines = None
    if markets is not None and choice is not None:
        from dashboard.views import markets as markets_view  # it imports this module

        lines = markets_view.market_lines(markets, f, choice, f.lang, with_unit=True)
    fig = None
    if n_events or not (
        intervals.empty and sanctions.empty and points.empty and (lines is None or lines.empty)
    ):
        fig = timeline(
            intervals,
            events,
            sanctions,
            points,
            f.lang,
            today,
            labels(f.lang),
            data["locations"],
            inputs.derived(data, inputs.publishers),
            counts=counts,
            spans=spans,
            market_lines=lines,
        )
        if f.start or f.end:  # zoom to the chosen window; bars still start where they started
            first = f.start or (counts[0]["period"].min() if dense else events["date"].min())
            fig.update_xaxes(
                range=[pd.Timestamp(first).isoformat(), pd.Timestamp(f.end or today).isoformat()],
                **date_ticks(first, f.end or today, f.lang),
            )
    nothing = tuple(
        key
        for empty, key in (
            (n_events == 0, "timeline.no_events"),
            (sanctions.empty, "timeline.no_sanctions"),
            (points.empty, "timeline.no_prices"),
        )
        if empty
    )
    every_event = (
        events if n_events <= len(events) else functools.partial(archive.query, *selection.events_sql(f))
    )
    return Timeline(
        n_events=n_events,
        events=events,
        intervals=intervals,
        sanctions=sanctions,
        prices=prices,
        points=points,
        fig=fig,
        nothing=nothing,
        table=events_table(events, data, f.lang),
        table_cut=n_events > TABLE_ROWS,
        exports=MappingProxyType({"events": every_event, "sanctions": sanctions, "prices": prices}),
    )


def _near_bases(data: inputs.Data, events: pd.DataFrame, km: float) -> pd.DataFrame:
    """The events at a place within `km` of a foreign base present on their date."""
    located = events[events["location_id"].notna()]
    placed = geo.place(located, data["locations"])
    keep = distances.near_bases(placed, inputs.derived(data, inputs.located_intervals), km)
    return located[keep.to_numpy()].reset_index(drop=True)


def region_names(frame: pd.DataFrame, lang: str) -> list[str]:
    """Each row's admin-1 region in `lang`: 'country-wide' without a place, 'region unknown'
    for a place outside every region."""
    codes = frame["admin1_code"] if "admin1_code" in frame else pd.Series(pd.NA, index=frame.index)
    places = frame["location_id"] if "location_id" in frame else pd.Series(pd.NA, index=frame.index)
    return [
        regions.name(code, lang)
        if not pd.isna(code)
        else i18n.t("region.countrywide" if pd.isna(place) else "region.unknown", lang)
        for code, place in zip(codes, places)
    ]


def events_table(events: pd.DataFrame, data: inputs.Data, lang: str) -> pd.DataFrame:
    """The newest TABLE_ROWS events as the table shows them: names and dates in `lang`."""
    shown = events.sort_values("date", ascending=False, kind="stable").head(TABLE_ROWS)
    return pd.DataFrame(
        {
            "date": [i18n.fmt_date(d, p, lang) for d, p in zip(shown["date"], shown["date_precision"])],
            "country": [i18n.name("country", c, lang) for c in shown["country"]],
            "admin1_name": region_names(shown, lang),
            "actor": [i18n.name("actor", a, lang) for a in shown["actor"]],
            "force": [i18n.name("force", x, lang) for x in shown["force"]],
            "event_type": [i18n.name("event_type", e, lang) for e in shown["event_type"]],
            "troops": shown["troops"],
            "summary": [i18n.summary(r, lang) for r in shown.to_dict("records")],
            "status": [i18n.t(f"status.{s}", lang) for s in shown["status"]],
            **source_columns(shown["source_ids"], data, lang),
        }
    )
