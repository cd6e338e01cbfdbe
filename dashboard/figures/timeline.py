"""The timeline figure: presence bars with their events, sanction measures and prices on one
shared time axis (three panels of one `make_subplots` figure).

Dense presence is drawn by `figures.strip`, the price panel by `figures.prices`; what is too
much to draw one by one is merged or counted by `logic.coverage`. Pure: frames in, a plotly
figure out, no Streamlit and no store.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import config, i18n
from dashboard.figures import style
from dashboard.figures.charts import esc
from dashboard.figures.common import (
    GRID,
    Sources,
    cut,
    date_ticks,
    is_set,
    iso,
    label_for,
    ms,
    number_separators,
    place_names,
    presence_rows,
)
from dashboard.figures.prices import price_traces, value_axis, value_title
from dashboard.figures.strip import coverage_traces, merged_traces
from dashboard.logic import coverage, indicators, presence
from dashboard.records import vocab
from dashboard.records.schema import split_ids

ROW_PX = 24  # height of one bar row, enough for a readable label
PRICE_PX = 260  # the price panel does not grow with the data
MIN_HEIGHT = 500
BAND_OPACITY = 0.07
LEAVING_OPACITY = 0.3  # the part of a bar after a leaving announcement
KEY_GREY = "#777777"
PRICE_LEGEND_ROW_PX = 19  # one row of the price legend under the figure
EVENT_COLOR = "#222222"
# One shape per event type (the bars carry the actor's colour): arrows open, squares close,
# diamonds and bowties mark leaving.
EVENT_SYMBOLS = {
    "deployment": "triangle-right",
    "base_opened": "pentagon",
    "presence_reported": "circle",
    "withdrawal_completed": "square",
    "base_handed_over": "square-x",
    "operation_ended": "x",
    "withdrawal_announced": "diamond",
    "expulsion_ordered": "bowtie",
    "agreement_revoked": "hourglass",
    "withdrawal_started": "triangle-left",
    "mandate_ended": "diamond-x",
    "coup": "star",
    "agreement_signed": "cross",
    "alliance_formed": "hexagon",
}


# -- presence bars ---------------------------------------------------------------------------


def _interval_hover(row, place: str, lang: str) -> str:
    lines = [
        f"<b>{esc(i18n.name('force', row.force, lang))}</b> ({esc(i18n.name('actor', row.actor, lang))})",
        esc(f"{place or i18n.t('hover.countrywide', lang)}, {i18n.name('country', row.country, lang)}"),
        esc(
            f"{i18n.t('hover.since', lang)} "
            f"{i18n.fmt_date(row.start, getattr(row, 'start_precision', 'day'), lang)}"
        ),
    ]
    if pd.notna(row.end):
        lines.append(
            esc(
                f"{i18n.t('hover.until', lang)} "
                f"{i18n.fmt_date(row.end, getattr(row, 'end_precision', 'day'), lang)}"
            )
        )
    if pd.notna(row.leaving_since):
        lines.append(esc(f"{i18n.t('hover.leaving', lang)} {i18n.fmt_date(row.leaving_since, 'day', lang)}"))
    n_sources = len(set(split_ids(row.source_ids)))
    lines.append(esc(f"{n_sources} {i18n.t('hover.sources', lang)}"))
    return "<br>".join(lines)


def _presence_traces(
    intervals: pd.DataFrame, rows: pd.Series, places: dict, lang: str, today: pd.Timestamp
) -> list[go.Bar]:
    """Per actor a solid bar trace and a faint one for the time after a leaving announcement."""
    traces = []
    for actor, group in intervals.groupby("actor", sort=False):
        solid, faint = {"y": [], "base": [], "x": [], "text": []}, {"y": [], "base": [], "x": [], "text": []}
        for idx, row in zip(group.index, group.itertuples()):
            end = row.end if pd.notna(row.end) else today
            split = row.leaving_since if pd.notna(row.leaving_since) and row.leaving_since < end else end
            loc = row.location_id if isinstance(row.location_id, str) else ""
            hover = _interval_hover(row, places.get(loc, loc), lang)
            for part, lo, hi in ((solid, row.start, split), (faint, split, end)):
                if part is faint and hi <= lo:
                    continue
                part["y"].append(rows[idx])
                part["base"].append(iso(lo))
                part["x"].append(ms(hi - lo))
                part["text"].append(hover)
        color = style.actor_color(actor)
        name = esc(i18n.name("actor", actor, lang))
        for part, faint_part in ((solid, False), (faint, True)):
            if not part["y"]:
                continue
            traces.append(
                go.Bar(
                    y=part["y"],
                    base=part["base"],
                    x=part["x"],
                    orientation="h",
                    name=name,
                    legendgroup=f"actor:{actor}",
                    showlegend=not faint_part,
                    marker=dict(
                        color=color,
                        opacity=LEAVING_OPACITY if faint_part else 0.9,
                        line=dict(color=color, width=1.5 if faint_part else 0),
                    ),
                    hovertext=part["text"],
                    hoverinfo="text",
                    width=0.6,
                )
            )
    if any(t.showlegend is False for t in traces):  # some bar has a light part: say what it is
        traces.append(_key_entry(i18n.t("timeline.leaving_key", lang), "rgba(119,119,119,0.3)", KEY_GREY))
    return traces


def _key_entry(name: str, fill: str, line: str) -> go.Scatter:
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


def _presence_bars(
    intervals: pd.DataFrame,
    rows: pd.Series,
    places: dict,
    lang: str,
    today: pd.Timestamp,
    spans: pd.DataFrame | None,
    order: list[str],
) -> list:
    """A bar per interval; past config.MAX_BARS a bar per span of each force in each country; past
    that again a monthly heat strip, so the figure stays light however dense the archive."""
    if len(intervals) <= config.MAX_BARS:
        return _presence_traces(intervals, rows, places, lang, today)
    spans = coverage.merged_spans(intervals, today) if spans is None else spans
    return (
        merged_traces(spans, lang) if len(spans) <= config.MAX_BARS else coverage_traces(spans, lang, order)
    )


# -- events ----------------------------------------------------------------------------------


def _event_rows(
    events: pd.DataFrame, intervals: pd.DataFrame, rows: pd.Series, lang: str, labels: dict | None
) -> list[tuple[str, int]]:
    """(row label, event position) pairs: an event sits on the bars it opened, flagged or
    closed; else on its force's first bar; else on a per-country events row."""
    by_event: dict[str, list[str]] = {}
    by_force: dict[tuple, str] = {}
    for idx, row in zip(intervals.index, intervals.itertuples()):
        for eid in split_ids(row.event_ids):
            by_event.setdefault(eid, [])
            if rows[idx] not in by_event[eid]:
                by_event[eid].append(rows[idx])
        by_force.setdefault((row.actor, row.force, row.country), rows[idx])
    placed = []
    for pos, ev in enumerate(events.itertuples()):
        targets = by_event.get(str(ev.event_id)) or (
            [by_force[(ev.actor, ev.force, ev.country)]]
            if (ev.actor, ev.force, ev.country) in by_force
            else [esc(f"{label_for(labels, 'events')} · {i18n.name('country', ev.country, lang)}")]
        )
        placed += [(target, pos) for target in targets]
    return placed


def _event_traces(events: pd.DataFrame, placed: list[tuple[str, int]], lang: str) -> list[go.Scatter]:
    if not placed:
        return []
    ev = events.reset_index(drop=True)
    by_type: dict[str, list[tuple[str, int]]] = {}
    for target, pos in placed:
        by_type.setdefault(str(ev.at[pos, "event_type"]), []).append((target, pos))
    traces = []
    order = {t: i for i, t in enumerate(vocab.EVENT_TYPES)}  # legend in vocabulary order
    for etype in sorted(by_type, key=lambda t: (order.get(t, len(order)), t)):
        items = by_type[etype]
        rows = [ev.loc[pos] for _, pos in items]
        traces.append(
            go.Scatter(
                x=[iso(r["date"]) for r in rows],
                y=[target for target, _ in items],
                mode="markers",
                name=esc(i18n.name("event_type", etype, lang)),
                legendgroup=f"event:{etype}",
                marker=dict(
                    symbol=EVENT_SYMBOLS.get(etype, "circle"),
                    size=10,
                    color=EVENT_COLOR,
                    line=dict(color="#ffffff", width=1),
                ),
                customdata=[str(r["event_id"]) for r in rows],
                hovertext=[_event_hover(r, lang) for r in rows],
                hoverinfo="text",
            )
        )
    return traces


def _event_density(counts: pd.DataFrame, precision: str, lang: str, labels: dict | None) -> list[go.Scatter]:
    """A marker per count, sized by it, so a large selection stays a light figure and its
    hover says how many events it stands for."""
    traces = []
    for etype, group in counts.groupby("event_type", sort=True):
        name = i18n.name("event_type", etype, lang)
        traces.append(
            go.Scatter(
                x=[iso(m) for m in group["period"]],
                y=[
                    esc(f"{label_for(labels, 'events')} · {i18n.name('country', c, lang)}")
                    for c in group["country"]
                ],
                mode="markers",
                name=esc(name),
                legendgroup=f"event:{etype}",
                marker=dict(
                    symbol=EVENT_SYMBOLS.get(etype, "circle"),
                    color=EVENT_COLOR,
                    size=[min(6 + 2 * n**0.5, 30) for n in group["n"]],
                    opacity=0.7,
                ),
                hovertext=[
                    esc(f"{i18n.fmt_date(m, precision, lang)} · {name} · {n}")
                    for m, n in zip(group["period"], group["n"])
                ],
                hoverinfo="text",
            )
        )
    return traces


def _event_hover(row, lang: str) -> str:
    head = (
        f"{i18n.fmt_date(row['date'], row.get('date_precision', 'day'), lang)} · "
        f"{i18n.name('event_type', row['event_type'], lang)}"
    )
    force = i18n.name("force", row.get("force"), lang) if is_set(row.get("force")) else ""
    who = f"{force} ({i18n.name('actor', row.get('actor'), lang)})"
    return f"<b>{esc(head)}</b><br>{esc(who)}<br>{esc(cut(i18n.summary(row, lang)))}"


# -- sanctions -------------------------------------------------------------------------------


def sanction_rows(periods: pd.DataFrame, lang: str) -> pd.Series:
    """'country · measure', with the imposer when several imposers share that row."""
    if periods.empty:
        return pd.Series([], index=periods.index, dtype=object)
    n_imposers = periods.groupby(["country", "measure"])["imposer"].transform("nunique")
    labels = []
    for row, several in zip(periods.itertuples(), n_imposers):
        label = f"{i18n.name('country', row.country, lang)} · {i18n.name('measure', row.measure, lang)}"
        if several > 1:
            label += f" · {i18n.name('actor', row.imposer, lang)}"
        labels.append(esc(label))
    return pd.Series(labels, index=periods.index, dtype=object)


def _sanction_hover(row, lang: str, in_force_label: str) -> str:
    """One record: the measure once, who imposed it, its dates and its own summary (what tells
    two records of one row apart, such as one state closing two borders)."""
    start = i18n.fmt_date(row.start, getattr(row, "start_precision", "day"), lang)
    end = in_force_label if row.open else i18n.fmt_date(row.end, getattr(row, "end_precision", "day"), lang)
    summary = cut(i18n.summary(row._asdict(), lang), 120)
    return (
        f"<b>{esc(i18n.name('measure', row.measure, lang))}</b> · "
        f"{esc(i18n.name('country', row.country, lang))}<br>"
        f"{esc(i18n.t('hover.imposed_by', lang, who=i18n.name('actor', row.imposer, lang)))}<br>"
        f"{esc(start)} – {esc(end)}" + (f"<br>{esc(summary)}" if summary else "")
    )


def _sanction_trace(periods: pd.DataFrame, rows: pd.Series, lang: str, labels: dict) -> list[go.Bar]:
    if periods.empty:
        return []
    in_force_label = label_for(labels, "in_force")
    return [
        go.Bar(
            y=list(rows),
            base=[iso(s) for s in periods["start"]],
            x=[ms(e - s) for s, e in zip(periods["start"], periods["end_shown"])],
            orientation="h",
            name=esc(label_for(labels, "sanctions")),
            legendgroup="sanctions",
            marker=dict(color=style.SANCTION_FILL, opacity=0.8),
            width=0.6,
            customdata=[str(s) for s in periods["sanction_id"]],
            hovertext=[_sanction_hover(r, lang, in_force_label) for r in periods.itertuples()],
            hoverinfo="text",
        )
    ]


def _bands(sanctions: pd.DataFrame, today) -> list[dict]:
    """Faint full-height bands for each country's union of sanction periods."""
    return [
        dict(
            type="rect",
            xref="x",
            yref="paper",
            x0=iso(r.start),
            x1=iso(r.end),
            y0=0,
            y1=1,
            fillcolor=style.SANCTION_FILL,
            opacity=BAND_OPACITY,
            line=dict(width=0),
            layer="below",
        )
        for r in indicators.union_periods(sanctions, today).itertuples()
    ]


# -- the figure ------------------------------------------------------------------------------


def timeline(
    intervals: pd.DataFrame,
    events: pd.DataFrame,
    sanctions: pd.DataFrame,
    points: pd.DataFrame,
    lang: str,
    today,
    labels: dict,
    locations: pd.DataFrame | None = None,
    sources: Sources = None,
    counts: tuple[pd.DataFrame, str] | None = None,
    spans: pd.DataFrame | None = None,
) -> go.Figure:
    """Presence bars with their events, sanction measures and prices on one shared time axis.

    `labels` holds the translated row titles ('presence', 'sanctions', 'prices') and the
    words 'in_force' and 'events'; `locations` names the places and `sources` the publishers
    (ids are shown without them). `counts` (from `coverage.count_events`) stands for a selection
    too large to draw event by event; without it, a dense selection (`coverage.is_dense`) is
    counted here. `spans` (from `coverage.merged_spans`, computed once for the whole store)
    saves merging the intervals again when they are too many to draw one by one.
    """
    today = pd.Timestamp(today).normalize()
    places = place_names(locations, lang)
    if intervals.empty:  # also a bare pd.DataFrame(): give it the columns the bars read
        intervals = pd.DataFrame(columns=presence.INTERVAL_COLUMNS).astype(
            {c: "datetime64[us]" for c in ("start", "end", "leaving_since")}
        )
    if events.empty:
        events = pd.DataFrame(columns=["event_id", "date", "event_type"])
    intervals = intervals.sort_values(["start", "actor", "force"], kind="stable")
    merged = len(intervals) > config.MAX_BARS
    rows = presence_rows(intervals, lang, places, merged)
    events = events.sort_values("date", kind="stable").reset_index(drop=True)
    if counts is None and coverage.is_dense(len(events)):
        counts = coverage.count_events(coverage.monthly_counts(events))
    dense = counts is not None
    placed = _event_rows(events, intervals, rows, lang, labels) if not events.empty and not dense else []
    if dense:  # one marker per country, type and period instead of one per event
        density = _event_density(*counts, lang, labels)
        placed = [(y, -1) for y in dict.fromkeys(y for t in density for y in t.y)]
    # Earliest first, country event rows on top; reversed axis so the first is at the top.
    bar_order = list(dict.fromkeys(rows))
    event_only = sorted({t for t, _ in placed} - set(bar_order))
    presence_order = event_only + bar_order
    periods = indicators.sanction_periods(sanctions, today).dropna(subset=["start"])
    srows = sanction_rows(periods, lang)
    sanction_order = list(dict.fromkeys(srows))

    n1, n2 = max(len(presence_order), 1), max(len(sanction_order), 1)
    heights = [n1 * ROW_PX + 40, n2 * ROW_PX + 40, PRICE_PX]
    total = sum(heights)
    gap = 70
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        row_heights=[h / total for h in heights],
        vertical_spacing=gap / (total + 2 * gap),
        subplot_titles=[esc(label_for(labels, k)) for k in ("presence", "sanctions", "prices")],
    )
    for trace in _presence_bars(intervals, rows, places, lang, today, spans, presence_order):
        fig.add_trace(trace, row=1, col=1)
    for trace in density if dense else _event_traces(events, placed, lang):
        fig.add_trace(trace, row=1, col=1)
    for trace in _sanction_trace(periods, srows, lang, labels):
        fig.add_trace(trace, row=2, col=1)
    if not periods.empty:  # the faint full-height bands
        fill = f"rgba(178,24,43,{BAND_OPACITY * 2.5:.2f})"
        fig.add_trace(_key_entry(i18n.t("timeline.band_key", lang), fill, style.SANCTION_FILL), row=2, col=1)
    # Price series have a legend of their own, under the price panel (their names are long).
    prices = price_traces(points, lang, sources, legend_id="legend2")
    for trace in prices:
        fig.add_trace(trace, row=3, col=1)

    for row, order in ((1, presence_order), (2, sanction_order)):
        fig.update_yaxes(
            type="category",
            categoryorder="array",
            categoryarray=order,
            range=[len(order) - 0.5, -0.5] if order else None,
            automargin=True,
            row=row,
            col=1,
        )
    fig.update_yaxes(
        automargin=True, row=3, col=1, title_text=value_title(points, lang), **value_axis(points, lang)
    )
    dated = counts[0].rename(columns={"period": "date"}) if dense else events
    x_range = _x_range(intervals, dated, periods, points, today)
    fig.update_xaxes(
        type="date", range=x_range, gridcolor=GRID, showticklabels=True, **date_ticks(*x_range, lang)
    )
    fig.update_yaxes(gridcolor=GRID)
    # The price legend lists its series under the figure, about one a row (their names are long).
    legend_px = len(prices) * PRICE_LEGEND_ROW_PX + 40 if prices else 0
    height = max(MIN_HEIGHT, total + 2 * gap + 120)
    fig.update_layout(
        legend2=dict(
            title=dict(text=esc(label_for(labels, "prices")), side="top"),
            orientation="h",
            x=0,
            xanchor="left",
            y=-40 / height,
            yanchor="top",
            font=dict(size=12),
        ),
        separators=number_separators(lang),
    )
    fig.update_layout(
        height=height + legend_px,
        barmode="overlay",
        hovermode="closest",
        shapes=_bands(sanctions, today),
        margin=dict(l=10, r=10, t=40, b=30 + legend_px),
        legend=dict(orientation="v", x=1.01, y=1, font=dict(size=12)),
        hoverlabel=dict(font_size=13),
        plot_bgcolor="#ffffff",
    )
    return fig


def sanction_chart(sanctions: pd.DataFrame, lang: str, today, labels: dict) -> go.Figure:
    """The sanction measures alone (the indicators page): a bar per measure on its row, the
    faint bands of the periods with a measure in force behind them, and the legend entry that
    says what the bands are. No empty presence or price panel above and below."""
    today = pd.Timestamp(today).normalize()
    periods = indicators.sanction_periods(sanctions, today).dropna(subset=["start"])
    rows = sanction_rows(periods, lang)
    order = list(dict.fromkeys(rows))
    fig = go.Figure(_sanction_trace(periods, rows, lang, labels))
    if not periods.empty:
        fill = f"rgba(178,24,43,{BAND_OPACITY * 2.5:.2f})"
        fig.add_trace(_key_entry(i18n.t("timeline.band_key", lang), fill, style.SANCTION_FILL))
    none = pd.DataFrame()
    x_range = _x_range(none, none, periods, none, today)
    fig.update_xaxes(type="date", range=x_range, gridcolor=GRID, **date_ticks(*x_range, lang))
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=order,
        range=[len(order) - 0.5, -0.5] if order else None,
        automargin=True,
        gridcolor=GRID,
    )
    fig.update_layout(
        height=max(300, len(order) * ROW_PX + 100),
        barmode="overlay",
        hovermode="closest",
        shapes=_bands(sanctions, today),
        margin=dict(l=10, r=10, t=20, b=30),
        legend=dict(orientation="v", x=1.01, y=1, font=dict(size=12)),
        hoverlabel=dict(font_size=13),
        plot_bgcolor="#ffffff",
        separators=number_separators(lang),
    )
    return fig


def _x_range(intervals, events, periods, points, today) -> list[str]:
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
