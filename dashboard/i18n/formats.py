"""Dates, numbers, percentages, lists and plural categories in the interface's languages, written
by Babel from the CLDR data.

English is written the British way (locale en_GB: "16 March 2024", "1,500", "a, b and c"),
French as in France ("16 mars 2024", "1 500" with a narrow no-break space, "31,8 %" with a
no-break space, "a, b et c"). Every function returns "" for a missing value (None, NaN, NaT,
pd.NA, ""): never the text "nan" or "None".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache, lru_cache

import pandas as pd
from babel import Locale
from babel.dates import format_datetime, match_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

LANGS = ("en", "fr")
LOCALES = {"en": Locale.parse("en_GB"), "fr": Locale.parse("fr_FR")}
# A date is written at its precision through a CLDR skeleton, which each locale turns into its
# own pattern: day "16 March 2024" / "16 mars 2024", month "March 2024" / "mars 2024",
# quarter "Q1 2024" / "T1 2024" (trimestre), year "2024". Any other precision is a day.
SKELETONS = {"day": "yMMMMd", "month": "yMMMM", "quarter": "yQQQ", "year": "y"}
# Month names as Babel writes them (kept for callers that list months).
MONTHS = {lang: [LOCALES[lang].months["format"]["wide"][m] for m in range(1, 13)] for lang in LANGS}


def normalise_lang(lang: str | None) -> str:
    return lang if lang in LANGS else "en"


def is_missing(value) -> bool:
    """None, NaN, NaT, pd.NA or '' (a list or other container is not missing)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# --- numbers -------------------------------------------------------------------------------


@lru_cache(maxsize=65536)  # Babel takes some 10 µs a number; tables repeat the same figures
def _grouped(n: int, lang: str) -> str:
    return format_decimal(n, locale=LOCALES[lang])


def fmt_number(value, lang: str = "en") -> str:
    """A whole number grouped by thousands: "1,500"; French "1 500"."""
    if is_missing(value):
        return ""
    return _grouped(int(value), normalise_lang(lang))


def fmt_decimal(value, lang: str = "en", places: int = 2) -> str:
    """A number grouped by thousands, whole numbers without decimals and others with exactly
    `places`: "1,500", "1,234.50"; French "1 500", "1 234,50"."""
    if is_missing(value):
        return ""
    v = float(value)
    if v.is_integer():
        return fmt_number(v, lang)
    return format_decimal(v, "#,##0." + "0" * places, locale=LOCALES[normalise_lang(lang)])


def fmt_range(low, high, lang: str = "en") -> str:
    """'650–1,100', or one number when both ends are the same or the upper one is missing."""
    if is_missing(low):
        return ""
    if is_missing(high) or low == high:
        return fmt_number(low, lang)
    return f"{fmt_number(low, lang)}–{fmt_number(high, lang)}"


@cache
def _percent_pattern(lang: str, places: int, signed: bool) -> str:
    """The locale's percent pattern ('#,##0%', French '#,##0 %') with `places` decimals and,
    when `signed`, an explicit '+' on positive numbers."""
    pattern = LOCALES[lang].percent_formats[None].pattern
    if places:
        pattern = pattern.replace("0", "0." + "0" * places, 1)
    return f"+{pattern};-{pattern}" if signed else pattern


def fmt_percent(pct, lang: str = "en", places: int = 1, signed: bool = False) -> str:
    """A percentage given in percent (31.8 means 31.8 %): "31.8%", French "31,8 %"; with
    `signed`, "+31.8%" and "-4.2%" as a change is written."""
    if is_missing(pct):
        return ""
    fraction = Decimal(str(float(pct))) / 100
    lang = normalise_lang(lang)
    return format_percent(fraction, _percent_pattern(lang, places, signed), locale=LOCALES[lang])


# --- lists and plural forms ----------------------------------------------------------------


def fmt_list(items, lang: str = "en", style: str = "standard") -> str:
    """'A, B and C' / 'A, B et C' (style 'or' for 'A, B or C'); missing and empty items are
    left out, and no item gives ''."""
    words = [str(x) for x in items if not is_missing(x)]
    return format_list(words, style=style, locale=LOCALES[normalise_lang(lang)]) if words else ""


def plural_category(n, lang: str = "en") -> str:
    """The CLDR plural category of the count n: 'one' or 'other' in English (1 is 'one'); in
    French 0 and 1 are 'one' and a round million is 'many'."""
    number = abs(float(n))
    return _plural(int(number) if number.is_integer() else number, normalise_lang(lang))


@lru_cache(maxsize=4096)
def _plural(number: int | float, lang: str) -> str:
    return LOCALES[lang].plural_form(number)


# --- dates ---------------------------------------------------------------------------------


@cache
def _date_pattern(precision: str, lang: str):
    skeletons = LOCALES[lang].datetime_skeletons
    return skeletons[match_skeleton(SKELETONS[precision], skeletons)]


@lru_cache(maxsize=8192)
def _date_text(day: dt.date, precision: str, lang: str) -> str:
    return _date_pattern(precision, lang).apply(day, LOCALES[lang])


def fmt_date(value, precision: str | None = "day", lang: str = "en") -> str:
    """A date written at its precision: '15 August 2022', 'August 2022', 'Q3 2022' or '2022';
    French '15 août 2022', 'août 2022', 'T3 2022', '2022'."""
    if is_missing(value):
        return ""
    stamp = pd.Timestamp(value)
    if is_missing(stamp):
        return ""
    precision = precision if precision in SKELETONS else "day"
    return _date_text(stamp.date(), precision, normalise_lang(lang))


def fmt_month(value: dt.date | pd.Timestamp | str, lang: str = "en") -> str:
    return fmt_date(value, "month", lang)


def fmt_moment(value: dt.datetime, lang: str = "en") -> str:
    """A day and time of day as the language writes them (short: 12/1/26, 4:20 PM)."""
    return format_datetime(value, "short", locale=normalise_lang(lang))
