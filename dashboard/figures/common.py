"""Small helpers every timeline and indicator figure shares: labels, hover texts, numbers, dates.

Figures are pure: frames in, plotly figures out, no Streamlit and no store. Every text that
reaches a figure (names, labels, hover, legend) passes through `text.esc`: summaries and place
names come from ingested articles and may carry markup. Hover texts stay short (summaries are
cut) so the figures remain small enough to ship to the browser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures.text import esc, publisher_names
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


def band(start, end, fill: str, **style) -> dict:
    """A full-height band from `start` to `end` behind the data: a layout shape."""
    return dict(
        type="rect",
        xref="x",
        yref="paper",
        x0=iso(start),
        x1=iso(end),
        y0=0,
        y1=1,
        fillcolor=fill,
        line=dict(width=0),
        layer="below",
        **style,
    )


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


def number_separators(lang: str = "en") -> str:
    """Plotly's `separators` (decimal mark, then thousands) as the language writes numbers:
    '.,' in English, ',' and a narrow no-break space in French (from i18n.fmt_decimal)."""
    sample = i18n.fmt_decimal(1234.5, lang, places=2)  # '1,234.50' / '1 234,50'
    return sample[-3] + sample[1]


def percent_suffix(lang: str = "en") -> str:
    """What follows the number in a percentage: '%', French a no-break space and '%'."""
    return i18n.fmt_percent(20, lang, places=0).removeprefix("20")


DATE_TICKS = 6  # at most this many labelled dates on an axis written by `date_ticks`
_TICK_MONTHS = (1, 2, 3, 6, 12, 24, 60, 120)


def _short_month(month: int, lang: str) -> str:
    """'juil.', 'sept.', 'mars': the locale's abbreviated month name (CLDR, as i18n holds it)."""
    return i18n.LOCALES[lang].months["stand-alone"]["abbreviated"][month]


def date_ticks(first, last, lang: str = "en") -> dict:
    """Ticks of a date axis from `first` to `last` with their labels in French ('juil. 2023',
    'sept.', 'janv. 2024', or years): plotly writes its own labels in English only ('Jul
    2023'). Empty for English, where plotly's own labels (which follow a zoom) are kept."""
    if lang != "fr" or pd.isna(first) or pd.isna(last):
        return {}
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    months = max((last.year - first.year) * 12 + last.month - first.month, 1)
    step = next((s for s in _TICK_MONTHS if months / s <= DATE_TICKS - 1), _TICK_MONTHS[-1])
    start = pd.Period(first, "M") + (0 if first == first.normalize().replace(day=1) else 1)
    while (start.month - 1) % min(step, 12) or (step > 12 and start.year % (step // 12)):
        start += 1
    vals, text, shown_year = [], [], None
    for period in pd.period_range(start, pd.Period(last, "M"), freq=f"{step}M"):
        day = period.to_timestamp()
        vals.append(iso(day))
        if step >= 12:
            text.append(str(day.year))
        elif day.year != shown_year or day.month == 1:
            text.append(f"{_short_month(day.month, lang)} {day.year}")
        else:
            text.append(_short_month(day.month, lang))
        shown_year = day.year
    return dict(tickmode="array", tickvals=vals, ticktext=text) if vals else {}


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
        f"{i18n.name('force', force, lang)} · {i18n.name('country', country, lang)}"
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


def key_entry(name: str, fill: str, line: str) -> go.Scatter:
    """A legend entry that explains a drawing (the light part of the bars, the sanction band)
    and draws nothing itself."""
    # "Pink band: a sanction in force ..." on two lines: the legend stays narrow.
    name = re.sub(r"\s*:\s+", lambda m: m.group(0).rstrip() + "<br>", esc(name), count=1)
    return go.Scatter(
        x=[None],
        y=[None],
        mode="lines",
        fill="toself",  # the legend shows a filled swatch, as the drawing it explains
        fillcolor=fill,
        line=dict(color=line, width=1.5),
        name=name,
        hoverinfo="skip",
        customdata=[],  # no record behind it
        legendgroup=f"key:{name}",
    )


def x_range(intervals, events, periods, points, today) -> list[str]:
    """From the earliest date shown to today (or a later dated point), with a small margin."""
    dated = [
        f[c]
        for f, c in ((intervals, "start"), (events, "date"), (periods, "start"), (points, "date"))
        if not f.empty and c in f
    ]
    firsts = [d.min() for d in dated if d.notna().any()]
    lasts = [d.max() for d in dated if d.notna().any()]
    first = min(firsts) if firsts else today - pd.DateOffset(years=1)
    last = max(lasts + [today])
    span = max(last - first, pd.Timedelta(days=30))
    return [iso(first - span * 0.02), iso(last + span * 0.03)]


def plain_layout(lang: str) -> dict:
    """What every time-axis figure shares: hover by point, the legend at the right, white."""
    return dict(
        barmode="overlay",
        hovermode="closest",
        legend=dict(orientation="v", x=1.01, y=1, font=dict(size=12)),
        hoverlabel=dict(font_size=13),
        plot_bgcolor="#ffffff",
        separators=number_separators(lang),
    )


def row_axis(order: list) -> dict:
    """A category axis listing `order` top to bottom (the first row at the top)."""
    return dict(
        type="category",
        categoryorder="array",
        categoryarray=order,
        range=[len(order) - 0.5, -0.5] if order else None,
        automargin=True,
    )
