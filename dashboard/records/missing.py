"""One test for a missing value, so that None, NaN, NaT, pd.NA and blank text all read as
nothing and never reach a store, a file or a page as the text "nan".

`is_na` is the narrower test an export needs: no value at all, while any text, even blank,
is kept as written (a file read back must equal the frame written).
"""

from __future__ import annotations

import pandas as pd


def is_na(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and arrays are values
        return False


def is_missing(value) -> bool:
    return is_na(value) or (isinstance(value, str) and value.strip() == "")


def or_none(value):
    """The value, or None when it is missing; text comes back stripped."""
    if is_missing(value):
        return None
    return value.strip() if isinstance(value, str) else value
