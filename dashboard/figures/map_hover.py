"""What a marker of the presence map says on hover: the force, its place, since when, the
latest evidence and its age, the troop figure with its date, the sources and their grade; a
grouped marker says how many forces and intervals it stands for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from dashboard import i18n
from dashboard.figures.text import esc, grade_line, sources_line
from dashboard.records import regions


def place_line(row, lang: str) -> str:
    """'Ouallam (Tillabéri), Niger': the place, its admin-1 region when named otherwise, the country."""
    place = row.place_fr if lang == "fr" else row.place
    place = None if place is None or pd.isna(place) else place
    code = getattr(row, "admin1_code", None)
    region = None if code is None or pd.isna(code) else regions.name(code, lang)
    where = place or i18n.t("hover.countrywide", lang)
    if region and region != place:
        where += f" ({region})"
    return esc(f"{where}, {i18n.name('country', row.country, lang)}")


@dataclass(frozen=True)
class MapContext:
    """What every hover of one map needs besides its row: the language, the map's date (for
    ages; `is_today` says whether to write 'ago'), publisher names and source grades."""

    lang: str
    when: pd.Timestamp | None = None
    is_today: bool = False
    source_names: Mapping[str, str] = field(default_factory=dict)
    grades: Mapping[str, str] = field(default_factory=dict)

    def age(self, date) -> str:
        return "" if self.when is None else i18n.fmt_age(date, self.when, self.lang, self.is_today)


def marker_hover(row, ctx: MapContext) -> str:
    lang = ctx.lang
    opened = (
        "hover.first_reported" if getattr(row, "start_kind", None) == "presence_reported" else "hover.since"
    )
    lines = [
        f"<b>{esc(i18n.name('force', row.force, lang))}</b> ({esc(i18n.name('actor', row.actor, lang))})",
        place_line(row, lang),
        esc(f"{i18n.t(opened, lang)} {i18n.fmt_date(row.start, row.start_precision, lang)}"),
    ]
    if pd.notna(row.end):
        lines.append(esc(f"{i18n.t('hover.until', lang)} {i18n.fmt_date(row.end, row.end_precision, lang)}"))
    elif pd.notna(row.leaving_since):
        lines.append(esc(f"{i18n.t('hover.leaving', lang)} {i18n.fmt_date(row.leaving_since, 'day', lang)}"))
    confirmed = getattr(row, "last_confirmed", None)
    if confirmed is not None and pd.notna(confirmed):
        date = i18n.fmt_date(confirmed, "day", lang)
        lines.append(
            f"<b>{esc(i18n.t('hover.last_confirmed', lang, date=date, age=ctx.age(confirmed)))}</b>"
            if getattr(row, "stale", False)
            else esc(i18n.t("hover.latest_evidence", lang, date=date))
        )
    lines.append(
        esc(strength_line(row, ctx.when, lang, ctx.is_today) or i18n.t("hover.troops_unknown", lang))
    )
    lines.append(sources_line(row.source_ids, lang, ctx.source_names))
    lines.append(esc(grade_line(row.source_ids, ctx.grades, lang)))
    return "<br>".join(lines)


def strength_line(row, when, lang: str, is_today: bool = False) -> str:
    """A present force's troop figure with its date and age (a 2013 count must not read as
    today's), or where the force's figure is shown when another of its markers carries it
    (map_view shows it once per country); '' when no figure is known."""
    strength = i18n.fmt_strength(
        getattr(row, "troops_min", None),
        getattr(row, "troops_max", None),
        getattr(row, "troops_date", None),
        when,
        lang,
        is_today,
        bool(getattr(row, "troops_stale", False)),
    )
    where = getattr(row, "strength_at", None)
    if strength or not isinstance(where, str):
        return strength
    return (
        i18n.t("hover.strength_at", lang, place=where)
        if where
        else i18n.t("hover.strength_countrywide", lang)
    )


def group_hover(row, status: str, ctx: MapContext) -> str:
    """A grouped marker says what it stands for: how many intervals of which forces, when."""
    lang = ctx.lang
    lines = [
        f"<b>{esc(i18n.name('actor', row.actor, lang))}</b>: "
        + esc(i18n.t("hover.grouped", lang, n=row.intervals, forces=row.forces)),
        place_line(row, lang),
        esc(f"{i18n.t('hover.forces', lang)}: {row.force}"),
    ]
    if status == "left":
        lines.append(
            esc(
                i18n.t(
                    "hover.left_between",
                    lang,
                    first=i18n.fmt_date(row.first_end, "month", lang),
                    last=i18n.fmt_date(row.end, "month", lang),
                )
            )
        )
    else:
        lines.append(esc(f"{i18n.t('hover.since', lang)} {i18n.fmt_date(row.start, 'month', lang)}"))
        if row.leaving:
            lines.append(esc(i18n.t("hover.leaving_count", lang, n=row.leaving)))
        if status == "stale":
            lines.append(f"<b>{esc(i18n.t('map.legend_stale', lang))}</b>")
    lines.append(sources_line(row.source_ids, lang, ctx.source_names))
    lines.append(esc(grade_line(row.source_ids, ctx.grades, lang)))
    return "<br>".join(lines)
