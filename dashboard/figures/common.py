"""Small helpers every timeline and indicator figure shares: labels, hover texts, numbers, dates.

Figures are pure: frames in, plotly figures out, no Streamlit and no store. Every text that
reaches a figure (names, labels, hover, legend) passes through `charts.esc`: summaries and place
names come from ingested articles and may carry markup. Hover texts stay short (summaries are
cut) so the figures remain small enough to ship to the browser.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard import i18n
from dashboard.figures.charts import esc, publisher_names
from dashboard.records.schema import split_ids

SUMMARY_CHARS = 160  # hover summaries are cut here to keep the figure light
GRID = "#e6e6e6"
DEFAULT_LABELS = {
    "presence": "Foreign presence",
    "sanctions": "Sanctions",
    "prices": "Prices",
    "in_force": "in force",
    "events": "Events",
    "value": "Price",
    "change": "Change (%)",
    "compared_with": "compared with",
    "n_measures": "Measures in force",
    "none": "none",
}

# The sources table, or (cheaper for a large archive) its publisher by source id, made once
# per store version by the caller.
Sources = pd.DataFrame | Mapping[str, str] | None


def label_for(labels: dict | None, key: str) -> str:
    """The caller's translated word for `key` ('presence', 'in_force', ...), else English."""
    return (labels or {}).get(key) or DEFAULT_LABELS[key]


def is_set(value) -> bool:
    return value is not None and not (not isinstance(value, str) and pd.isna(value)) and str(value) != ""


def cut(text, limit: int = SUMMARY_CHARS) -> str:
    text = str(text) if is_set(text) else ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def ms(delta) -> float:
    """A duration as a bar's length on a date axis (milliseconds, never negative)."""
    return max(pd.Timedelta(delta).total_seconds() * 1000, 0.0)


def iso(ts) -> str | None:
    return None if pd.isna(ts) else pd.Timestamp(ts).strftime("%Y-%m-%d")


def fmt_value(value, lang: str = "en") -> str:
    """A price: whole numbers grouped like i18n.fmt_number, others with two decimals."""
    return i18n.fmt_decimal(value, lang, places=2)


def fmt_pct(value, lang: str = "en") -> str:
    """A change in percent, signed: '+31.8%', French '+31,8 %' (Babel's no-break space)."""
    return i18n.fmt_percent(value, lang, places=1, signed=True)


def source_names(sources: Sources) -> Mapping[str, str]:
    """Publisher by source id ({} without sources: hovers then show the ids)."""
    return {} if sources is None or len(sources) == 0 else publisher_names(sources)


def first_publishers(source_ids, names: Mapping[str, str]) -> str:
    """The first three publishers of a row's sources (ids where the publisher is unknown)."""
    shown = list(dict.fromkeys(names.get(s, s) for s in split_ids(source_ids)))
    return ", ".join(shown[:3]) + (f" +{len(shown) - 3}" if len(shown) > 3 else "")


def place_names(locations: pd.DataFrame | None, lang: str) -> dict[str, str]:
    if locations is None or locations.empty:
        return {}
    names = locations["name"]
    if lang == "fr" and "name_fr" in locations:
        names = locations["name_fr"].where(locations["name_fr"].notna(), locations["name"])
    return {str(k): str(v) for k, v in zip(locations["location_id"], names)}


def template_text(text: str) -> str:
    """Escaped text made literal inside a plotly hovertemplate, where %{...} is a variable."""
    return esc(text).replace("%{", "%\u200b{")


def presence_rows(
    intervals: pd.DataFrame, lang: str, places: dict[str, str] | None = None, merged: bool = False
) -> pd.Series:
    """The row label of each interval: 'force · country', with the place when that force had
    several places in that country (never when `merged`: one row per force and country).
    Bars, merged spans and the heat strip all label their rows so."""
    places = places or {}
    if intervals.empty:
        return pd.Series([], index=intervals.index, dtype=object)
    key = ["actor", "force", "country", "location_id"]
    keys = intervals[key].fillna({"location_id": ""}).astype({"location_id": str})
    if merged:
        keys = keys.assign(location_id="")
    # Labels are written once per force and place, however many intervals share them.
    unique = keys.drop_duplicates()
    several = unique.groupby(key[:3], dropna=False)["location_id"].transform("nunique") > 1
    label = [
        f"{force} · {i18n.name('country', country, lang)}"
        for force, country in zip(unique["force"], unique["country"])
    ]
    label = [
        esc(
            text
            + (" · " + (places.get(loc, loc) if loc else i18n.t("hover.countrywide", lang)) if many else "")
        )
        for text, loc, many in zip(label, unique["location_id"], several)
    ]
    labelled = keys.merge(unique.assign(label=label), on=key, how="left")
    return pd.Series(labelled["label"].to_numpy(), index=intervals.index, dtype=object)
