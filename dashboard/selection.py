"""What a view (filters) selects from each table: the same rules on every page and the CLI.

A filter narrows a table only through values that table can hold: actors narrow events, and
sanctions when some chosen actor imposed any; types narrow events by event type and sanctions by
measure; prices have neither. Choosing France or "withdrawal completed" therefore narrows the
events and leaves the sanction bands in place, which is what an analyst lining them up expects.
"""
from __future__ import annotations

import pandas as pd

from dashboard import filters, vocab
from dashboard.filters import Filters

TEXT_COLUMNS = {
    "events": ("summary", "force", "evidence", "notes", "actor", "location_id"),
    "sanctions": ("summary", "evidence", "notes", "imposer", "measure"),
    "prices": ("commodity", "commodity_detail", "place", "evidence", "notes"),
    "intervals": ("force", "actor", "location_id"),
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


def select(what: str, frame: pd.DataFrame, view: Filters) -> pd.DataFrame:
    """The rows of one table (events, sanctions, prices or presence intervals) the view keeps."""
    narrowed = _narrow(view, what, frame)
    text = TEXT_COLUMNS[what]
    if what == "sanctions":
        return filters.apply(frame, narrowed, date_col="start", end_col="end", text_cols=text)
    if what == "intervals":
        return filters.apply(frame, narrowed.with_(types=()), date_col="start", end_col="end",
                             text_cols=text)
    return filters.apply(frame, narrowed, text_cols=text)
