"""What a view (filters) selects from each table: the same rules on every page and the CLI.

A filter narrows a table only through values that table can hold: actors narrow events, and
sanctions when some chosen actor imposed any; types narrow events by event type and sanctions by
measure; prices have neither. Choosing France or "withdrawal completed" therefore narrows the
events and leaves the sanction bands in place, which is what an analyst lining them up expects.
"""

from __future__ import annotations

import pandas as pd

from dashboard.logic import filters
from dashboard.logic.filters import Filters
from dashboard.records import vocab

TEXT_COLUMNS = {
    "events": ("summary", "force", "evidence", "notes", "actor", "location_id"),
    "sanctions": ("summary", "evidence", "notes", "imposer", "measure"),
    "prices": ("commodity", "commodity_detail", "place", "evidence", "notes"),
    "intervals": ("force", "actor", "location_id"),
    "sources": ("publisher", "title"),
}


def _narrow(view: Filters, what: str, frame: pd.DataFrame) -> Filters:
    actors = view.actors
    types = view.types
    if what == "events" or what == "intervals":
        types = tuple(t for t in types if t in vocab.EVENT_TYPES)
    elif what == "sanctions":
        actors = tuple(a for a in actors if a in set(frame["imposer"]))
        types = tuple(t for t in types if t in vocab.SANCTION_MEASURES)
    else:
        actors, types = (), ()
    return view.with_(actors=actors, types=types)


EVENTS_RELATION = "all_events"  # the store's view of curated and accepted events


def events_where(view: Filters) -> tuple[str, list]:
    """The events rule of `select` as a DuckDB WHERE clause and its parameters, so that a
    large store filters its rows before pandas sees any of them."""
    narrowed = _narrow(view, "events", pd.DataFrame())
    conds, params = [], []
    for column, values in (
        ("country", narrowed.countries),
        ("actor", narrowed.actors),
        ("event_type", narrowed.types),
        ("admin1_code", narrowed.admin1),
    ):
        if values:
            conds.append(f"{column} IN ({', '.join('?' * len(values))})")
            params += list(values)
    if narrowed.start:
        conds.append("date >= ?")
        params.append(pd.Timestamp(narrowed.start).to_pydatetime())
    if narrowed.end:
        conds.append("date <= ?")
        params.append(pd.Timestamp(narrowed.end).to_pydatetime())
    if narrowed.text:  # as filters.apply: any one column holds the text
        needle = narrowed.text.lower()
        conds.append(
            "("
            + " OR ".join(f"contains(lower(CAST({c} AS VARCHAR)), ?)" for c in TEXT_COLUMNS["events"])
            + ")"
        )
        params += [needle] * len(TEXT_COLUMNS["events"])
    return " AND ".join(conds) or "TRUE", params


def events_sql(view: Filters, latest: int | None = None) -> tuple[str, list]:
    """The selected events in date order, or only the `latest` few (newest first)."""
    where, params = events_where(view)
    order = f"date DESC, event_id LIMIT {int(latest)}" if latest else "date, event_id"
    return f"SELECT * FROM {EVENTS_RELATION} WHERE {where} ORDER BY {order}", params


def monthly_counts_sql(view: Filters) -> tuple[str, list]:
    """The selected events counted per type, country and month: one scan tells how many
    there are and how to draw them when they are too many to draw one by one."""
    where, params = events_where(view)
    return (
        "SELECT event_type, country, CAST(date_trunc('month', date) AS TIMESTAMP) AS period, "
        f"COUNT(*) AS n FROM {EVENTS_RELATION} WHERE {where} "
        "GROUP BY ALL ORDER BY event_type, country, period"
    ), params


def select(what: str, frame: pd.DataFrame, view: Filters) -> pd.DataFrame:
    """The rows of one table (events, sanctions, prices or presence intervals) the view keeps."""
    narrowed = _narrow(view, what, frame)
    text = TEXT_COLUMNS[what]
    if what == "sanctions":
        return filters.apply(frame, narrowed, date_col="start", end_col="end", text_cols=text)
    if what == "intervals":
        return filters.apply(frame, narrowed.with_(types=()), date_col="start", end_col="end", text_cols=text)
    if what == "sources":  # searched by text only: a source's date is when it was published
        return filters.apply(frame, Filters(text=view.text), text_cols=text)
    return filters.apply(frame, narrowed, text_cols=text)
