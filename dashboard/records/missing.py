"""One test for a missing value, so that None, NaN, NaT, pd.NA and blank text all read as
nothing and never reach a store, a file or a page as the text "nan"."""
from __future__ import annotations

import pandas as pd


def is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and arrays are values
        return False


def or_none(value):
    """The value, or None when it is missing; text comes back stripped."""
    if is_missing(value):
        return None
    return value.strip() if isinstance(value, str) else value
