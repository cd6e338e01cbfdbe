"""Texts every figure writes: escaped for plotly's HTML-like labels, publishers named once,
the strongest source grade in words, short lists ('A, B, C +2'). Summaries and place names come
from ingested articles and may carry markup, so every one of them passes through `esc`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from dashboard import i18n
from dashboard.records.grades import is_weak, strongest
from dashboard.records.schema import split_ids


def esc(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else html.escape(str(value))


NAMES_SHOWN = 3  # forces or publishers named in a hover before '+N'


def short_list(names: list, limit: int = NAMES_SHOWN) -> str:
    more = f" +{len(names) - limit}" if len(names) > limit else ""
    return f"{', '.join(names[:limit])}{more}"


def sources_line(source_ids, lang: str, source_names: dict[str, str]) -> str:
    names = list(dict.fromkeys(source_names.get(s, s) for s in split_ids(source_ids)))
    return esc(f"{i18n.t('hover.sources', lang)}: {short_list(names)}")


def grade_line(source_ids, grades: Mapping[str, str], lang: str) -> str:
    """'strongest source: news agency', or the warning when nothing strong supports it."""
    return grade_text(strongest(source_ids, grades), lang)


def grade_text(grade: str | None, lang: str) -> str:
    """What `grade_line` says of one strongest grade."""
    if grade is None:
        return i18n.t("source.ungraded", lang)
    label = i18n.t("source.strongest", lang, grade=i18n.t(f"grade.{grade}", lang))
    return f"{i18n.t('source.weak', lang)} ({label})" if is_weak(grade) else label


def publisher_names(sources: pd.DataFrame | Mapping[str, str]) -> Mapping[str, str]:
    """Publisher by source id, from the sources table (or such a mapping, built once)."""
    return sources if isinstance(sources, Mapping) else dict(zip(sources["source_id"], sources["publisher"]))


def sources_footer(source_ids, sources: pd.DataFrame | Mapping[str, str], label: str, limit: int = 10) -> str:
    """'Sources: A, B, C +N' from ';'-joined id lists, publishers named once, in order."""
    publishers = publisher_names(sources)
    ids = [
        s
        for value in (source_ids if not isinstance(source_ids, str) else [source_ids])
        for s in split_ids(value)
    ]
    names = list(dict.fromkeys(str(publishers.get(s, s)) for s in ids))
    more = f" +{len(names) - limit}" if len(names) > limit else ""
    return f"{label}: {', '.join(names[:limit])}{more}" if names else ""
