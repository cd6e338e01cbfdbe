"""Interface strings and names in English and French, with date and number formatting.

Pages never hold a user-facing literal: they call `t(key, lang)`, or `tn(key, n, lang)` for a
text that counts something. A test checks that every key has both languages and that every key
a page uses exists.

- catalogue.py: the text of every key (STRINGS), plural forms as `Plural(one, other)`;
- names.py: countries, actors, event types, measures and forces (the *_NAMES tables);
- formats.py: dates, numbers, percentages, lists and plural categories, by Babel.
"""

from __future__ import annotations

import re
import string

import pandas as pd

from dashboard.i18n.catalogue import STRINGS, Plural, Text
from dashboard.i18n.formats import (
    LANGS,
    LOCALES,
    MONTHS,
    fmt_date,
    fmt_decimal,
    fmt_list,
    fmt_moment,
    fmt_month,
    fmt_number,
    fmt_percent,
    fmt_range,
    is_missing,
    normalise_lang,
    plural_category,
)
from dashboard.i18n.names import (
    ACTOR_NAMES,
    COUNTRY_NAMES,
    EVENT_TYPE_NAMES,
    FORCE_NAMES,
    MEASURE_NAMES,
    NAME_TABLES,
)
from dashboard.records import vocab

__all__ = [
    "LANGS",
    "LOCALES",
    "MONTHS",
    "STRINGS",
    "Plural",
    "ACTOR_NAMES",
    "COUNTRY_NAMES",
    "EVENT_TYPE_NAMES",
    "FORCE_NAMES",
    "MEASURE_NAMES",
    "NAME_TABLES",
    "t",
    "tn",
    "name",
    "summary",
    "normalise_lang",
    "fmt_number",
    "fmt_decimal",
    "fmt_range",
    "fmt_percent",
    "fmt_list",
    "fmt_date",
    "fmt_moment",
    "fmt_month",
    "fmt_span",
    "fmt_age",
    "fmt_strength",
    "plural_category",
    "all_keys_complete",
]

COUNT_FIELD = re.compile(r"\{\w+:(count\.\w+)\}")  # {forces:count.forces} in a sentence


class _Formatter(string.Formatter):
    """str.format, except that a field `{value:count.key}` is written by tn('count.key', value)."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def format_field(self, value, format_spec: str) -> str:
        if format_spec.startswith("count."):
            return tn(format_spec, value, self.lang)
        return super().format_field(value, format_spec)


def _text(key: str, lang: str) -> Text:
    return STRINGS[key][LANGS.index(lang)]


def _fill(text: str, lang: str, values: dict) -> str:
    if not values:
        return text
    return _Formatter(lang).format(text, **values) if ":count." in text else text.format(**values)


def t(key: str, lang: str = "en", **values) -> str:
    """The text of `key` in the language, its {placeholders} filled from `values`. A key with
    plural forms takes its count as `n` (see tn)."""
    lang = normalise_lang(lang)
    text = _text(key, lang)
    if isinstance(text, Plural):
        return tn(key, values.pop("n"), lang, **values)
    return _fill(text, lang, values)


def tn(key: str, n, lang: str = "en", **values) -> str:
    """The text of `key` for the count n, in the form the language's plural rule asks for, n
    grouped as a number: tn('count.sources', 1) '1 source', tn('count.sources', 1500) '1,500
    sources'; French 0 and 1 take the singular ('0 source'). '' when n is missing."""
    if is_missing(n):
        return ""
    lang = normalise_lang(lang)
    text = _text(key, lang)
    if isinstance(text, Plural):
        text = text.form(plural_category(n, lang))
    return _fill(text, lang, {**values, "n": fmt_decimal(n, lang)})


def name(kind: str, value, lang: str = "en") -> str:
    """A country, actor, force, event type or measure in the interface language (the value if
    unknown, '' if missing: never the text 'nan')."""
    if is_missing(value):
        return ""
    pair = NAME_TABLES[kind].get(value)
    return pair[LANGS.index(normalise_lang(lang))] if pair else str(value)


def summary(row, lang: str = "en") -> str:
    """A record's summary in the interface language: the curated French one where written."""
    get = row.get if hasattr(row, "get") else lambda k, d=None: getattr(row, k, d)
    french = get("summary_fr")
    if normalise_lang(lang) == "fr" and isinstance(french, str) and french.strip():
        return french
    text = get("summary")
    return text if isinstance(text, str) else ""


def fmt_span(earlier, later, lang: str = "en") -> str:
    """How long from `earlier` to `later`: days under a month, months under two years, then
    years ('1 day', '10 months', '3 years'; French '1 jour', '10 mois', '3 ans')."""
    if is_missing(earlier) or is_missing(later):
        return ""
    a, b = pd.Timestamp(earlier), pd.Timestamp(later)
    months = (b.year - a.year) * 12 + b.month - a.month - (1 if b.day < a.day else 0)
    if months < 1:
        return tn("age.days", (b - a).days, lang)
    if months < 24:
        return tn("age.months", months, lang)
    return tn("age.years", months // 12, lang)


def fmt_age(earlier, when, lang: str = "en", today: bool = False) -> str:
    """'10 months ago' when `when` is today, '10 months before this date' otherwise."""
    if is_missing(earlier) or is_missing(when):
        return ""
    if (pd.Timestamp(when) - pd.Timestamp(earlier)).days <= 0:
        return t("age.today", lang)
    return t("age.ago" if today else "age.before", lang, span=fmt_span(earlier, when, lang))


def fmt_strength(
    low, high, reported, when=None, lang: str = "en", today: bool = False, stale: bool = False
) -> str:
    """'250–350 troops (reported August 2023, 3 years ago): figure over 12 months old', or
    '' when no figure is known. French elides: « chiffre d'août 2023 »."""
    troops = fmt_range(low, high, lang)
    if not troops:
        return ""
    date = fmt_date(reported, "month", lang)
    age = f", {fmt_age(reported, when, lang, today)}" if when is not None and date else ""
    de = "d'" if date[:1].lower() in "aeiouéèh" else "de "
    text = t("hover.strength", lang, troops=troops, date=date, age=age, de=de)
    return (
        t("hover.strength_stale", lang, strength=text, stale=t("hover.troops_stale", lang)) if stale else text
    )


def _complete(text) -> bool:
    return all(text) if isinstance(text, Plural) else bool(text)


def all_keys_complete() -> list[str]:
    """Keys whose text is missing in a language, or that count with a key that is not a
    counting phrase (an empty list when the tables are complete)."""
    missing = [
        k
        for k, pair in STRINGS.items()
        if len(pair) != len(LANGS) or not all(_complete(text) for text in pair)
    ]
    for key, pair in STRINGS.items():
        forms = [f for text in pair for f in (text if isinstance(text, Plural) else (text,))]
        missing += [
            f"{key}->{ref}"
            for f in forms
            if isinstance(f, str)
            for ref in COUNT_FIELD.findall(f)
            if ref not in STRINGS
        ]
    for kind, table in NAME_TABLES.items():
        missing += [f"{kind}:{k}" for k, pair in table.items() if len(pair) != 2 or not all(pair)]
    for actor in vocab.ACTORS:
        if actor not in ACTOR_NAMES:
            missing.append(f"actor:{actor}")
    for et in vocab.EVENT_TYPES:
        if et not in EVENT_TYPE_NAMES:
            missing.append(f"event_type:{et}")
    for m in vocab.SANCTION_MEASURES:
        if m not in MEASURE_NAMES:
            missing.append(f"measure:{m}")
    return missing
