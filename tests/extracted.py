"""What the extractor reads in one text, in the shapes the extraction tests compare."""

from __future__ import annotations

import datetime as dt

from dashboard.ingest.extract.article import read_article  # noqa: F401  (import order)
from dashboard.ingest.extract.evaluate import date_key
from dashboard.ingest.extract.extractor import extract


def events(text: str, pub: dt.date) -> list[tuple]:
    """(country, actor, event type, date key) of every candidate, in order."""
    return [(c.country, c.actor, c.event_type, date_key(c)) for c in extract(text, pub)]


def types(text: str, pub: dt.date) -> set[str]:
    return {c.event_type for c in extract(text, pub)}
