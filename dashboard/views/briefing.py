"""The one-page briefing's content: the situation on a date for the chosen countries, a short
text per country with numbered sources, and what an OCHA-style map product carries (as-of and
production dates, a legend, a disclaimer, a map identifier, a file name). No Streamlit, no
rendering: `dashboard.briefing` lays it out and prints it.

Every line cites the strongest sources behind it (two for a force or a change, one for a
measure or a price; strongest grade first, then the newest), numbered in the order they are first cited; the list at the foot of
the page gives each number's publisher, title, date, address and grade.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard import i18n
from dashboard.logic import indicators, presence
from dashboard.records import vocab
from dashboard.records.grades import RANK, grade_map
from dashboard.records.schema import split_ids
from dashboard.views import situation

CHANGES_PER_COUNTRY = 4
PRESENT_PER_COUNTRY = 6
SANCTIONS_PER_COUNTRY = 4  # the newest; "+N more" says how many are left out
MAP_HEIGHT = 520
PRODUCT = "SPM"  # Sahel Presence Monitor, the first part of every map identifier


@dataclass(frozen=True)
class Line:
    text: str
    cites: tuple[int, ...] = ()


@dataclass(frozen=True)
class CountryBlock:
    country: str
    name: str
    present: tuple[Line, ...]
    changes: tuple[Line, ...]
    sanctions: tuple[Line, ...]
    prices: tuple[Line, ...]


@dataclass(frozen=True)
class Source:
    number: int
    publisher: str
    title: str
    date: str
    url: str
    grade: str


@dataclass(frozen=True)
class Briefing:
    lang: str
    title: str
    as_of: str
    produced: str
    window: str
    countries: tuple[str, ...]
    figure: object  # the plotly map, caption-free: the page writes title, legend and sources
    blocks: tuple[CountryBlock, ...]
    sources: tuple[Source, ...]
    legend: tuple[tuple[str, str], ...]  # (symbol key, explanation)
    disclaimer: str
    map_id: str
    filename: str
    notes: tuple[str, ...] = field(default_factory=tuple)


class _Citations:
    """Numbers sources in the order first cited, strongest first within a line."""

    def __init__(self, sources: pd.DataFrame):
        self.rows = sources.set_index("source_id")
        self.grades = grade_map(sources)
        self.published = pd.to_datetime(self.rows["published"], errors="coerce")
        self.numbers: dict[str, int] = {}

    def cite(self, source_ids, most: int = 2) -> tuple[int, ...]:
        ids = [s for s in dict.fromkeys(split_ids(source_ids)) if s in self.rows.index]

        def rank(s):
            when = self.published.get(s)
            return (RANK.get(self.grades.get(s), len(RANK)), -(when.value if pd.notna(when) else 0))

        chosen = sorted(ids, key=rank)[:most]
        for s in chosen:
            self.numbers.setdefault(s, len(self.numbers) + 1)
        return tuple(self.numbers[s] for s in chosen)

    def listed(self, lang: str) -> tuple[Source, ...]:
        out = []
        for sid, n in self.numbers.items():
            row = self.rows.loc[sid]
            date = "" if pd.isna(row.get("published")) else i18n.fmt_date(row["published"], "day", lang)
            grade = self.grades.get(sid)
            out.append(
                Source(
                    n,
                    _text(row.get("publisher")),
                    _text(row.get("title")),
                    date,
                    _text(row.get("url")),
                    i18n.t(f"grade.{grade}", lang) if grade else i18n.t("source.ungraded", lang),
                )
            )
        return tuple(out)


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _present_lines(shown: pd.DataFrame, when, lang: str, cite: _Citations) -> tuple[Line, ...]:
    lines = []
    for row in shown.sort_values(["stale", "actor", "force"]).head(PRESENT_PER_COUNTRY).itertuples():
        since = i18n.fmt_date(row.start, row.start_precision, lang)
        text = i18n.t(
            "brief.present_line",
            lang,
            force=i18n.name("force", row.force, lang),
            actor=i18n.name("actor", row.actor, lang),
            since=since,
        )
        strength = i18n.fmt_strength(row.troops_min, row.troops_max, row.troops_date, when, lang)
        if strength:
            text += f"; {strength}"
        if row.stale:
            text += " — " + i18n.t(
                "brief.last_confirmed", lang, date=i18n.fmt_date(row.last_confirmed, "day", lang)
            )
        lines.append(Line(text, cite.cite(row.source_ids)))
    return tuple(lines)


def _change_lines(events: pd.DataFrame, lang: str, cite: _Citations) -> tuple[Line, ...]:
    lines = []
    for row in events.head(CHANGES_PER_COUNTRY).itertuples():
        what = i18n.name("event_type", row.event_type, lang)
        who = i18n.name("force", row.force, lang) if isinstance(row.force, str) else ""
        date = i18n.fmt_date(row.date, row.date_precision, lang)
        lines.append(Line(f"{date}: {what}" + (f" ({who})" if who else ""), cite.cite(row.source_ids)))
    return tuple(lines)


def _sanction_lines(sanctions: pd.DataFrame, lang: str, cite: _Citations) -> tuple[Line, ...]:
    lines = []
    for row in sanctions.sort_values("start", ascending=False).head(SANCTIONS_PER_COUNTRY).itertuples():
        since = i18n.fmt_date(row.start, row.start_precision, lang)
        text = i18n.t(
            "brief.sanction_line",
            lang,
            measure=i18n.name("measure", row.measure, lang),
            imposer=i18n.name("actor", row.imposer, lang),
            since=since,
        )
        lines.append(Line(text, cite.cite(row.source_ids, 1)))
    if len(sanctions) > SANCTIONS_PER_COUNTRY:
        lines.append(Line(i18n.t("brief.more", lang, n=len(sanctions) - SANCTIONS_PER_COUNTRY)))
    return tuple(lines)


def _price_lines(prices: pd.DataFrame, country: str, when, lang: str, cite: _Citations) -> tuple[Line, ...]:
    """The latest article-stated price move of the country up to `when`."""
    if prices.empty:
        return ()
    mine = prices[(prices["country"] == country) & (prices["date"] <= when)].sort_values("date")
    if mine.empty:
        return ()
    row = mine.iloc[-1]
    from dashboard.figures.prices import goods_text  # the same words as the price table

    change = row.get("change_pct")
    moved = (
        "" if pd.isna(change) else f" {'+' if change > 0 else ''}{i18n.fmt_number(round(change, 1), lang)} %"
    )
    date = i18n.fmt_date(row["date"], row.get("date_precision", "day"), lang)
    return (Line(f"{date}: {goods_text(row, lang)}{moved}", cite.cite(row["source_ids"], 1)),)


ALERT_ORDER = {"crisis": 0, "alert": 1, "stress": 2, "normal": 3}


def _alert_lines(graded: pd.DataFrame | None, country: str, when, lang: str) -> tuple[Line, ...]:
    """WFP's latest graded month up to `when` in the country: its worst price alert (ALPS)."""
    if graded is None or graded.empty:
        return ()
    mine = graded[(graded["country"] == country) & (graded["date"] <= when) & graded["alert"].notna()]
    if mine.empty:
        return ()
    month = mine["date"].dt.to_period("M").max()
    latest = mine[mine["date"].dt.to_period("M") == month]
    worst = latest.assign(rank=latest["alert"].astype(str).map(ALERT_ORDER)).sort_values(
        ["rank", "alps"], ascending=[True, False]
    )
    row = worst.iloc[0]
    text = i18n.t(
        "brief.alert_line",
        lang,
        month=i18n.fmt_month(row["date"], lang),
        commodity=row["commodity"],
        market=row["market"],
        grade=i18n.t(f"wfp.grade.{row['alert']}", lang),
        n=int((latest["alert"].astype(str) != "normal").sum()),
        total=len(latest),
    )
    return (Line(text),)


def build(
    data,
    when: pd.Timestamp,
    window: int,
    countries: tuple[str, ...],
    lang: str,
    produced: pd.Timestamp | None = None,
    graded: pd.DataFrame | None = None,
) -> Briefing:
    """The briefing at `when` (a day), with what changed in the `window` months before it;
    `graded` (WFP's market prices with their ALPS grade) adds each country's price alert."""
    countries = tuple(c for c in vocab.COUNTRIES if c in countries) or tuple(vocab.COUNTRIES)
    produced = pd.Timestamp(produced or pd.Timestamp.today()).normalize()
    start = (when - pd.DateOffset(months=window)) + pd.Timedelta(days=1)
    sit = situation.at(  # the map of the chosen countries only
        data,
        when,
        since=start - pd.Timedelta(days=1),
        countries=countries,
        lang=lang,
        title="",
        subtitle="",
        footer_label="",
        height=MAP_HEIGHT,
    )
    fig = sit.figure
    fig.update_layout(
        title=None,
        annotations=[],
        margin=dict(t=4, b=4, l=4, r=4),
        legend=dict(
            orientation="h",
            x=0.01,
            y=0.01,
            xanchor="left",
            yanchor="bottom",
            bgcolor="rgba(255,255,255,0.85)",
            font=dict(size=10),
        ),
    )
    cite = _Citations(data["sources"])
    events = data["events"]
    window_events = events.iloc[presence.change_positions(events, start, when)]
    in_force = indicators.in_force(data["sanctions"], when)
    blocks = []
    for c in countries:
        blocks.append(
            CountryBlock(
                c,
                i18n.name("country", c, lang),
                _present_lines(sit.shown[sit.shown["country"] == c], when, lang, cite),
                _change_lines(window_events[window_events["country"] == c], lang, cite),
                _sanction_lines(in_force[in_force["country"] == c], lang, cite),
                _alert_lines(graded, c, when, lang) + _price_lines(data["prices"], c, when, lang, cite),
            )
        )
    day = when.strftime("%Y%m%d")
    map_id = f"{PRODUCT}-{'-'.join(countries)}-{day}-{lang.upper()}"
    legend = tuple(
        (key, i18n.t(f"brief.legend_{key}", lang)) for key in ("present", "stale", "left", "colour")
    )
    return Briefing(
        lang=lang,
        title=i18n.t("brief.title", lang, countries=i18n.fmt_list([b.name for b in blocks], lang)),
        as_of=i18n.t("brief.as_of", lang, date=i18n.fmt_date(when, "day", lang)),
        produced=i18n.t("brief.produced", lang, date=i18n.fmt_date(produced, "day", lang)),
        window=i18n.t(
            "brief.window",
            lang,
            start=i18n.fmt_date(start, "day", lang),
            end=i18n.fmt_date(when, "day", lang),
        ),
        countries=countries,
        figure=fig,
        blocks=tuple(blocks),
        sources=cite.listed(lang),
        legend=legend,
        disclaimer=i18n.t("brief.disclaimer", lang),
        map_id=map_id,
        filename=f"sahel_presence_a4_{day}_{lang}.pdf",
    )
