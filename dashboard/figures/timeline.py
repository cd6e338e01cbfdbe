"""The timeline figure: presence bars with their events, sanction measures and prices on one
shared time axis (three panels of one `make_subplots` figure).

Dense presence is drawn by `figures.strip`, the price panel by `figures.prices` (and WFP's
market lines by `figures.markets`); what is too much to draw one by one is merged or counted
by `logic.coverage`. Pure: frames in, a plotly figure out, no Streamlit and no store.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import config, i18n
from dashboard.figures import sanctions as sanctions_fig
from dashboard.figures import style
from dashboard.figures.common import (
    GRID,
    Sources,
    cut,
    date_ticks,
    is_set,
    iso,
    key_entry,
    label_for,
    ms,
    place_names,
    plain_layout,
    presence_rows,
    row_axis,
    x_range,
)
from dashboard.figures.markets import market_traces
from dashboard.figures.prices import price_traces, value_axis, value_title
from dashboard.figures.strip import coverage_traces, merged_traces
from dashboard.figures.text import esc
from dashboard.logic import coverage, indicators, presence
from dashboard.records import vocab
from dashboard.records.schema import split_ids

ROW_PX = 24  # height of one bar row, enough for a readable label
PRICE_PX = 260  # the price panel does not grow with the data
MIN_HEIGHT = 500
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
        traces.append(key_entry(i18n.t("timeline.leaving_key", lang), "rgba(119,119,119,0.3)", KEY_GREY))
    return traces


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
    market_lines: pd.DataFrame | None = None,
) -> go.Figure:
    """Presence bars with their events, sanction measures and prices on one shared time axis.

    `labels` holds the translated row titles ('presence', 'sanctions', 'prices') and the
    words 'in_force' and 'events'; `locations` names the places and `sources` the publishers
    (ids are shown without them). `counts` (from `coverage.count_events`) stands for a selection
    too large to draw event by event; without it, a dense selection (`coverage.is_dense`) is
    counted here. `spans` (from `coverage.merged_spans`, computed once for the whole store)
    saves merging the intervals again when they are too many to draw one by one.
    `market_lines` (views.markets.market_lines) adds WFP's monthly market prices to the
    price panel, their points coloured by ALPS grade.
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
    srows = sanctions_fig.sanction_rows(periods, lang)
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
    for trace in sanctions_fig.sanction_bars(periods, srows, lang, labels):
        fig.add_trace(trace, row=2, col=1)
    if not periods.empty:  # the faint full-height bands
        fig.add_trace(sanctions_fig.band_key(lang), row=2, col=1)
    # Price series have a legend of their own, under the price panel (their names are long).
    prices = price_traces(points, lang, sources, legend_id="legend2")
    lines = market_lines if market_lines is not None else pd.DataFrame()
    prices += market_traces(lines, lang, "price", axis={"legend": "legend2"}, trend=False)
    for trace in prices:
        fig.add_trace(trace, row=3, col=1)
    # one value axis for the stated prices and the market lines (log when they differ widely)
    drawn = pd.concat(
        [
            points[["value"]] if not points.empty else pd.DataFrame(columns=["value"]),
            lines[["price"]].rename(columns={"price": "value"})
            if not lines.empty
            else pd.DataFrame(columns=["value"]),
        ],
        ignore_index=True,
    ).astype({"value": "Float64"})

    for row, order in ((1, presence_order), (2, sanction_order)):
        fig.update_yaxes(row=row, col=1, **row_axis(order))
    title = value_title(points, lang) if not points.empty or lines.empty else esc(label_for(labels, "prices"))
    fig.update_yaxes(automargin=True, row=3, col=1, title_text=title, **value_axis(drawn, lang))
    dated = counts[0].rename(columns={"period": "date"}) if dense else events
    span = x_range(intervals, dated, periods, points, today)
    fig.update_xaxes(type="date", range=span, gridcolor=GRID, showticklabels=True, **date_ticks(*span, lang))
    fig.update_yaxes(gridcolor=GRID)
    # The price legend lists its series under the figure, about one a row (their names are long).
    legend_px = sum(t.showlegend is not False for t in prices) * PRICE_LEGEND_ROW_PX + 40 if prices else 0
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
        height=height + legend_px,
        shapes=sanctions_fig.bands(sanctions, today),
        margin=dict(l=10, r=10, t=40, b=30 + legend_px),
        **plain_layout(lang),
    )
    return fig
