"""Records as one escaped markdown line each, with their sources and grade: what the map, the
presentation and the lists draw. Every value from the data passes through `md`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.figures import map_hover
from dashboard.figures.common import place_names
from dashboard.ui import grade_tag, md, source_links
from dashboard.ui.cache import tables
from dashboard.views import home


def event(row, lang: str, with_names: bool = True) -> str:
    """'**9 Feb 2026** · Mali · Russia · *presence reported*: summary (links; grade)'."""
    head = f"**{md(i18n.fmt_date(row.date, row.date_precision, lang))}**"
    if not with_names:
        return f"{head}: {md(i18n.summary(row, lang))} ({grade_tag(row.source_ids, lang)})"
    return (
        f"{head} · {md(i18n.name('country', row.country, lang))} · "
        f"{md(i18n.name('actor', row.actor, lang))} · "
        f"*{md(i18n.name('event_type', row.event_type, lang))}*: {md(i18n.summary(row, lang))} "
        f"({source_links(row.source_ids, lang)}; {grade_tag(row.source_ids, lang)})"
    )


def evidence_age(when: pd.Timestamp, newest, per_country: dict, lang: str, is_today: bool) -> str:
    """'Newest evidence: 6 June 2025 (17 months ago).' and the same per country."""
    if newest is None:
        return i18n.t("map.newest_none", lang)
    line = i18n.t(
        "map.newest",
        lang,
        date=i18n.fmt_date(newest, "day", lang),
        age=i18n.fmt_age(newest, when, lang, is_today),
    )
    each = "; ".join(
        f"{i18n.name('country', c, lang)} {i18n.fmt_date(d, 'day', lang)}"
        for c, d in sorted(per_country.items(), key=lambda kv: kv[1], reverse=True)
    )
    return f"**{md(line)}** {md(i18n.t('map.newest_by_country', lang, list=each))}"


def present(row, places: dict[str, str], when: pd.Timestamp, lang: str, is_today: bool) -> str:
    """One present force: name, actor, country, place, how recently it was confirmed, latest
    strength with its date and age, sources and their strongest grade."""
    parts = [
        f"**{md(i18n.name('force', row.force, lang))}**",
        md(i18n.name("actor", row.actor, lang)),
        md(i18n.name("country", row.country, lang)),
    ]
    if isinstance(row.location_id, str) and row.location_id in places:
        parts.append(md(places[row.location_id]))
    if row.stale:
        parts.append(
            "**"
            + md(
                i18n.t(
                    "map.stale_tag",
                    lang,
                    date=i18n.fmt_date(row.last_confirmed, "day", lang),
                    age=i18n.fmt_age(row.last_confirmed, when, lang, is_today),
                )
            )
            + "**"
        )
    strength = map_hover.strength_line(row, when, lang, is_today)
    if strength:
        parts.append(md(strength))
    ids = row.troops_sources if isinstance(row.troops_sources, str) else row.source_ids
    return " · ".join(parts) + f" · {source_links(ids, lang)} · {grade_tag(row.source_ids, lang)}"


def picked(selection, layer, lang: str) -> list[str]:
    """What a click on the map picked: one line per marker, found in the layer it belongs to."""
    points = (selection or {}).get("selection", {}).get("points", []) if selection else []
    out = []
    for point in points:
        custom = point.get("customdata")
        if not custom:
            continue
        index, status = int(custom[0]), custom[1]
        frame = layer(status) if status in ("present", "stale", "left") else None
        if frame is None or index >= len(frame):
            continue
        row = frame.iloc[index]
        out.append(
            f"**{i18n.t('map.selected', lang)}:** {md(i18n.name('force', row['force'], lang))} · "
            f"{source_links(row['source_ids'], lang)} · {grade_tag(row['source_ids'], lang)}"
        )
    return out


def home_lists(shown, lang: str, is_today: bool) -> None:
    """The home page's two lists under the map: who is present, and what changed in the window."""
    col_a, col_b = st.columns(2)
    with col_a:
        st.subheader(i18n.t("map.present_list", lang))
        if shown.present.empty:
            st.write(i18n.t("map.nobody", lang))
        if shown.present_total > home.PRESENT_SHOWN:
            st.caption(
                i18n.t(
                    "map.present_cut",
                    lang,
                    n=home.PRESENT_SHOWN,
                    total=shown.present_total,
                    rest=shown.present_total - home.PRESENT_SHOWN,
                )
            )
        places = place_names(tables()["locations"], lang)
        for row in shown.present.itertuples():
            st.markdown(present(row, places, shown.when, lang, is_today))
    with col_b:
        st.subheader(i18n.t("map.changes", lang))
        if not shown.changes_total:
            st.write(i18n.t("map.no_changes", lang))
        if shown.changes_total > home.CHANGES_SHOWN:
            st.caption(i18n.t("map.changes_cut", lang, n=home.CHANGES_SHOWN, total=shown.changes_total))
        for row in shown.changes.itertuples():
            st.markdown(event(row, lang))
