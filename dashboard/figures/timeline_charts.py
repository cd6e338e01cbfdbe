"""Timeline and indicator figures: frames in, plotly figures out. No Streamlit here.

Every text that reaches a figure (names, labels, hover, legend) passes through `charts.esc`:
summaries and place names come from ingested articles and may carry markup. Hover texts stay
short (summaries are cut) so the figures remain small enough to ship to the browser.
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import i18n
from dashboard.logic import indicators, presence
from dashboard.figures import style
from dashboard.records import vocab
from dashboard.figures.charts import base_map, esc, publisher_names
from dashboard.records.schema import split_ids

ROW_PX = 24          # height of one bar row, enough for a readable label
PRICE_PX = 260       # the price panel does not grow with the data
MIN_HEIGHT = 500
SUMMARY_CHARS = 160      # hover summaries are cut here to keep the figure light
MAX_EVENT_MARKERS = 1500  # above this, events are drawn as counts per month, quarter or year
MAX_BARS = 300            # above this, each force·country row is drawn as the union of its intervals
BAND_OPACITY = 0.07
EVENT_COLOR = "#222222"
# One shape per event type (the bars carry the actor's colour): arrows open, squares close,
# diamonds and bowties mark leaving.
EVENT_SYMBOLS = {
    "deployment": "triangle-right", "base_opened": "pentagon", "presence_reported": "circle",
    "withdrawal_completed": "square", "base_handed_over": "square-x", "operation_ended": "x",
    "withdrawal_announced": "diamond", "expulsion_ordered": "bowtie",
    "agreement_revoked": "hourglass", "withdrawal_started": "triangle-left",
    "mandate_ended": "diamond-x", "coup": "star", "agreement_signed": "cross",
    "alliance_formed": "hexagon",
}
GRID = "#e6e6e6"
DEFAULT_LABELS = {"presence": "Foreign presence", "sanctions": "Sanctions", "prices": "Prices",
                  "in_force": "in force", "events": "Events", "value": "Price",
                  "change": "Change (%)", "compared_with": "compared with",
                  "n_measures": "Measures in force", "none": "none"}


def _label(labels: dict | None, key: str) -> str:
    return (labels or {}).get(key) or DEFAULT_LABELS[key]


def _is_set(value) -> bool:
    return value is not None and not (not isinstance(value, str) and pd.isna(value)) and str(value) != ""


def _cut(text, limit: int = SUMMARY_CHARS) -> str:
    text = str(text) if _is_set(text) else ""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _ms(delta) -> float:
    return max(pd.Timedelta(delta).total_seconds() * 1000, 0.0)


def _iso(ts) -> str | None:
    return None if pd.isna(ts) else pd.Timestamp(ts).strftime("%Y-%m-%d")


def fmt_value(value, lang: str = "en") -> str:
    """A price: whole numbers grouped like i18n.fmt_number, others with two decimals."""
    if not _is_set(value):
        return ""
    v = float(value)
    if v.is_integer():
        return i18n.fmt_number(v, lang)
    text = f"{v:,.2f}"
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text


def fmt_pct(value, lang: str = "en") -> str:
    text = f"{float(value):+.1f}"
    return (text.replace(".", ",") + "\u202f%") if lang == "fr" else text + "%"


# The sources table, or (cheaper for a large archive) its publisher by source id, made once
# per store version by the caller (ui.publishers).
Sources = pd.DataFrame | Mapping[str, str] | None


def _names(sources: Sources) -> Mapping[str, str]:
    return {} if sources is None or len(sources) == 0 else publisher_names(sources)


def _publishers(source_ids, names: dict[str, str]) -> str:
    """The first three publishers of a row's sources (ids where the publisher is unknown)."""
    shown = list(dict.fromkeys(names.get(s, s) for s in split_ids(source_ids)))
    return ", ".join(shown[:3]) + (f" +{len(shown) - 3}" if len(shown) > 3 else "")


def _place_names(locations: pd.DataFrame | None, lang: str) -> dict[str, str]:
    if locations is None or locations.empty:
        return {}
    names = locations["name"]
    if lang == "fr" and "name_fr" in locations:
        names = locations["name_fr"].where(locations["name_fr"].notna(), locations["name"])
    return {str(k): str(v) for k, v in zip(locations["location_id"], names)}


# -- presence rows ---------------------------------------------------------------------------

def presence_rows(intervals: pd.DataFrame, lang: str, places: dict[str, str] | None = None,
                  merged: bool = False) -> pd.Series:
    """The row label of each interval: 'force · country', with the place when that force had
    several places in that country (never when `merged`: one row per force and country)."""
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
    label = [f"{force} · {i18n.name('country', country, lang)}" for force, country
             in zip(unique["force"], unique["country"])]
    label = [esc(text + (" · " + (places.get(loc, loc) if loc else i18n.t("hover.countrywide", lang))
                         if many else "")) for text, loc, many in zip(label, unique["location_id"], several)]
    labelled = keys.merge(unique.assign(label=label), on=key, how="left")
    return pd.Series(labelled["label"].to_numpy(), index=intervals.index, dtype=object)


def _interval_hover(row, place: str, lang: str) -> str:
    lines = [f"<b>{esc(i18n.name('force', row.force, lang))}</b> ({esc(i18n.name('actor', row.actor, lang))})",
             esc(f"{place or i18n.t('hover.countrywide', lang)}, "
                 f"{i18n.name('country', row.country, lang)}"),
             esc(f"{i18n.t('hover.since', lang)} "
                 f"{i18n.fmt_date(row.start, getattr(row, 'start_precision', 'day'), lang)}")]
    if pd.notna(row.end):
        lines.append(esc(f"{i18n.t('hover.until', lang)} "
                         f"{i18n.fmt_date(row.end, getattr(row, 'end_precision', 'day'), lang)}"))
    if pd.notna(row.leaving_since):
        lines.append(esc(f"{i18n.t('hover.leaving', lang)} "
                         f"{i18n.fmt_date(row.leaving_since, 'day', lang)}"))
    n_sources = len(set(split_ids(row.source_ids)))
    lines.append(esc(f"{n_sources} {i18n.t('hover.sources', lang)}"))
    return "<br>".join(lines)


def _presence_traces(intervals: pd.DataFrame, rows: pd.Series, places: dict, lang: str,
                     today: pd.Timestamp) -> list[go.Bar]:
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
                part["base"].append(_iso(lo))
                part["x"].append(_ms(hi - lo))
                part["text"].append(hover)
        color = style.actor_color(actor)
        name = esc(i18n.name("actor", actor, lang))
        for part, faint_part in ((solid, False), (faint, True)):
            if not part["y"]:
                continue
            traces.append(go.Bar(
                y=part["y"], base=part["base"], x=part["x"], orientation="h",
                name=name, legendgroup=f"actor:{actor}", showlegend=not faint_part,
                marker=dict(color=color, opacity=0.3 if faint_part else 0.9,
                            line=dict(color=color, width=1.5 if faint_part else 0)),
                hovertext=part["text"], hoverinfo="text", width=0.6))
    return traces


def merged_spans(intervals: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """Per actor, force and country, its intervals joined where they overlap or touch: when
    that force was somewhere in that country, each span with how many intervals and places it
    joins. An open interval runs to `today`."""
    key = ["actor", "force", "country"]
    if intervals.empty:
        return pd.DataFrame(columns=key + ["start", "end", "open", "leaving_since", "n", "places",
                                           "sources"])
    frame = intervals.assign(hi=intervals["end"].fillna(today).clip(lower=intervals["start"]),
                             open=intervals["end"].isna())
    frame = frame.sort_values(key + ["start"], kind="stable")
    groups = [frame[k] for k in key]
    reach = frame.groupby(groups, dropna=False)["hi"].cummax()  # furthest end so far in the row
    before = reach.groupby(groups, dropna=False).shift()
    span = (before.isna() | (frame["start"] > before)).cumsum().rename("span")
    spans = frame.groupby(span).agg(
        actor=("actor", "first"), force=("force", "first"), country=("country", "first"),
        start=("start", "min"), end=("hi", "max"), open=("open", "any"),
        leaving_since=("leaving_since", "max"), n=("start", "size"),
        places=("location_id", "nunique"))
    ids = frame["source_ids"].fillna("").astype(str).str.split(";").explode().str.strip()
    spans["sources"] = ids[ids != ""].groupby(span).nunique().reindex(spans.index, fill_value=0)
    return spans.reset_index(drop=True)


def _presence_bars(intervals: pd.DataFrame, rows: pd.Series, places: dict, lang: str,
                   today: pd.Timestamp, spans: pd.DataFrame | None, order: list[str]) -> list:
    """A bar per interval; past MAX_BARS a bar per span of each force in each country; past
    that again a monthly heat strip, so the figure stays light however dense the archive."""
    if len(intervals) <= MAX_BARS:
        return _presence_traces(intervals, rows, places, lang, today)
    spans = merged_spans(intervals, today) if spans is None else spans
    return (_merged_traces(spans, lang) if len(spans) <= MAX_BARS
            else _coverage_traces(spans, lang, order))


def _merged_hover(span, lang: str) -> str:
    lines = [f"<b>{esc(span.force)}</b> ({esc(i18n.name('actor', span.actor, lang))})",
             esc(i18n.name("country", span.country, lang)),
             esc(f"{i18n.t('hover.since', lang)} {i18n.fmt_date(span.start, 'day', lang)}")]
    if not span.open:
        lines.append(esc(f"{i18n.t('hover.until', lang)} {i18n.fmt_date(span.end, 'day', lang)}"))
    if pd.notna(span.leaving_since):
        lines.append(esc(f"{i18n.t('hover.leaving', lang)} "
                         f"{i18n.fmt_date(span.leaving_since, 'day', lang)}"))
    lines.append(esc(i18n.t("hover.merged", lang, n=span.n, places=max(span.places, 1))))
    lines.append(esc(f"{span.sources} {i18n.t('hover.sources', lang)}"))
    return "<br>".join(lines)


def _merged_traces(spans: pd.DataFrame, lang: str) -> list[go.Bar]:
    """One bar per span of `merged_spans`, one trace per actor."""
    rows = presence_rows(spans.assign(location_id=""), lang, merged=True)
    traces = []
    for actor, group in spans.groupby("actor", sort=False):
        color = style.actor_color(actor)
        traces.append(go.Bar(
            y=list(rows[group.index]), base=[_iso(d) for d in group["start"]],
            x=[_ms(e - s) for s, e in zip(group["start"], group["end"])], orientation="h",
            name=esc(i18n.name("actor", actor, lang)), legendgroup=f"actor:{actor}",
            marker=dict(color=color, opacity=0.9, line=dict(width=0)), width=0.6,
            hovertext=[_merged_hover(r, lang) for r in group.itertuples()], hoverinfo="text"))
    return traces


def coverage(spans: pd.DataFrame, months: int = 1) -> pd.DataFrame:
    """For each force, country and period of `months` months (calendar months or quarters),
    the share of the period's days inside its spans (spans of one row never overlap, so their
    days add up). `period` is the period's first day."""
    key = ["actor", "force", "country"]
    if spans.empty:
        return pd.DataFrame(columns=key + ["period", "share"])
    month = "datetime64[M]"  # counted in months since 1970, so a quarter is 3 of them
    first = spans["start"].to_numpy().astype(month).astype(int) // months * months
    last = spans["end"].to_numpy().astype(month).astype(int) // months * months
    repeat = (last - first) // months + 1
    rep = spans.loc[spans.index.repeat(repeat)]
    start = first.repeat(repeat) + rep.groupby(level=0).cumcount().to_numpy() * months
    lo = pd.Series(start.astype(month).astype("datetime64[us]"), index=rep.index)
    hi = pd.Series((start + months).astype(month).astype("datetime64[us]"), index=rep.index)
    inside = rep["end"].clip(upper=hi) - rep["start"].clip(lower=lo)
    share = inside.dt.total_seconds().clip(lower=0) / (hi - lo).dt.total_seconds()
    out = rep[key].assign(period=lo, share=share)
    return out.groupby(key + ["period"], as_index=False, dropna=False)["share"].sum()


MAX_CELLS = 8_000  # heat-strip cells above which a cell is a quarter, then a year
STRIP_PERIODS = ((1, "hover.month_share", "%Y-%m"), (3, "hover.quarter_share", "%Y-%m"),
                 (12, "hover.year_share", "%Y"))  # months per cell, hover words, date format


def _rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _coverage_traces(spans: pd.DataFrame, lang: str, order: list[str]) -> list:
    """Presence too dense for bars: a heat strip, one cell per force, country and month (a
    quarter or a year when months make over MAX_CELLS cells), in the actor's colour, as dark
    as the share of the period the force was present (nothing when absent).

    plotly.js draws nothing when heatmaps on a category axis do not hold every category of
    it: so one heatmap holds every actor, with a row (empty where need be) for each of `order`,
    the axis' rows. A cell's value is 101 times its actor's slot plus its percent, and the
    colour scale has one light-to-dark band per actor. Legend entries are markers in each
    actor's colour."""
    n_rows = spans.groupby(["actor", "force", "country"], dropna=False).ngroups
    n_months = (spans["end"].max() - spans["start"].min()).days / 30.4 + 1
    months, share_key, date_format = next(
        (p for p in STRIP_PERIODS if n_rows * n_months / p[0] <= MAX_CELLS), STRIP_PERIODS[-1])
    cover = coverage(spans, months)
    cover = cover[cover["share"] > 0]
    forces = cover[["actor", "force", "country"]].drop_duplicates()
    forces = forces.assign(row=presence_rows(forces.assign(location_id=""), lang, merged=True))
    actors = list(dict.fromkeys(forces["actor"]))
    slot = {a: i for i, a in enumerate(actors)}
    cover = cover.merge(forces, on=["actor", "force", "country"])
    pct = (cover["share"] * 100).round().clip(lower=1)  # a day or two shows as 1%, not 0
    cover = cover.assign(value=cover["actor"].map(slot) * 101 + pct, pct=pct)
    value = cover.pivot(index="row", columns="period", values="value").reindex(order)
    pct = cover.pivot(index="row", columns="period", values="pct").reindex_like(value)
    top = 101 * len(actors) - 1
    scale = []
    for i, actor in enumerate(actors):
        color = style.actor_color(actor)
        scale += [[101 * i / top, _rgba(color, 0.15)], [(101 * i + 100) / top, _rgba(color, 0.95)]]
    strip = go.Heatmap(
        y=list(value.index), x=[_iso(m) for m in value.columns],
        z=[[None if v != v else int(v) for v in r] for r in value.to_numpy()],
        customdata=[[None if v != v else int(v) for v in r] for r in pct.to_numpy()],
        zmin=0, zmax=top, colorscale=scale, showscale=False, xgap=0, ygap=4,
        showlegend=False, name=esc(_label(None, "presence")),
        hovertemplate=(f"%{{y}}<br>%{{x|{date_format}}}: %{{customdata}}% "
                       f"{esc(i18n.t(share_key, lang))}<extra></extra>"))
    legend = [go.Scatter(x=[None], y=[None], mode="markers", name=esc(i18n.name("actor", a, lang)),
                         legendgroup=f"actor:{a}", marker=dict(symbol="square", size=12,
                                                             color=style.actor_color(a)))
              for a in actors]
    return [strip] + legend


def _event_rows(events: pd.DataFrame, intervals: pd.DataFrame, rows: pd.Series, lang: str,
                labels: dict | None) -> list[tuple[str, int]]:
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
            [by_force[(ev.actor, ev.force, ev.country)]] if (ev.actor, ev.force, ev.country) in by_force
            else [esc(f"{_label(labels, 'events')} · {i18n.name('country', ev.country, lang)}")])
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
        traces.append(go.Scatter(
            x=[_iso(r["date"]) for r in rows], y=[target for target, _ in items], mode="markers",
            name=esc(i18n.name("event_type", etype, lang)), legendgroup=f"event:{etype}",
            marker=dict(symbol=EVENT_SYMBOLS.get(etype, "circle"), size=10, color=EVENT_COLOR,
                        line=dict(color="#ffffff", width=1)),
            customdata=[str(r["event_id"]) for r in rows],
            hovertext=[_event_hover(r, lang) for r in rows], hoverinfo="text"))
    return traces


PERIOD_FREQ = {"month": "M", "quarter": "Q", "year": "Y"}  # finest first


def monthly_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Events counted per type, country and month (the store counts them in SQL alike)."""
    period = events["date"].dt.to_period("M").dt.start_time.rename("period")
    return (events.groupby(["event_type", "country", period], observed=True)
            .size().rename("n").reset_index())


def count_events(monthly: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Monthly counts rolled up to the finest period (month, quarter, year) that keeps the
    markers under MAX_EVENT_MARKERS. Returns the counts and the period's name."""
    for precision, freq in PERIOD_FREQ.items():
        period = pd.to_datetime(monthly["period"]).dt.to_period(freq).dt.start_time
        counts = (monthly.assign(period=period)
                  .groupby(["event_type", "country", "period"], as_index=False)["n"].sum())
        if len(counts) <= MAX_EVENT_MARKERS:
            break
    return counts, precision


def _event_density(counts: pd.DataFrame, precision: str, lang: str, labels: dict | None
                   ) -> list[go.Scatter]:
    """A marker per count, sized by it, so a large selection stays a light figure and its
    hover says how many events it stands for."""
    traces = []
    for etype, group in counts.groupby("event_type", sort=True):
        name = i18n.name("event_type", etype, lang)
        traces.append(go.Scatter(
            x=[_iso(m) for m in group["period"]],
            y=[esc(f"{_label(labels, 'events')} · {i18n.name('country', c, lang)}") for c in group["country"]],
            mode="markers", name=esc(name), legendgroup=f"event:{etype}",
            marker=dict(symbol=EVENT_SYMBOLS.get(etype, "circle"), color=EVENT_COLOR,
                        size=[min(6 + 2 * n ** 0.5, 30) for n in group["n"]], opacity=0.7),
            hovertext=[esc(f"{i18n.fmt_date(m, precision, lang)} · {name} · {n}")
                       for m, n in zip(group["period"], group["n"])], hoverinfo="text"))
    return traces


def _event_hover(row, lang: str) -> str:
    head = (f"{i18n.fmt_date(row['date'], row.get('date_precision', 'day'), lang)} · "
            f"{i18n.name('event_type', row['event_type'], lang)}")
    force = i18n.name("force", row.get("force"), lang) if _is_set(row.get("force")) else ""
    who = f"{force} ({i18n.name('actor', row.get('actor'), lang)})"
    return f"<b>{esc(head)}</b><br>{esc(who)}<br>{esc(_cut(i18n.summary(row, lang)))}"


# -- sanctions rows --------------------------------------------------------------------------

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
    start = i18n.fmt_date(row.start, getattr(row, "start_precision", "day"), lang)
    end = (in_force_label if row.open
           else i18n.fmt_date(row.end, getattr(row, "end_precision", "day"), lang))
    return (f"<b>{esc(i18n.name('measure', row.measure, lang))}</b> · "
            f"{esc(i18n.name('country', row.country, lang))}<br>"
            f"{esc(i18n.name('actor', row.imposer, lang))}<br>{esc(start)} – {esc(end)}")


def _sanction_trace(periods: pd.DataFrame, rows: pd.Series, lang: str, labels: dict) -> list[go.Bar]:
    if periods.empty:
        return []
    in_force_label = _label(labels, "in_force")
    return [go.Bar(
        y=list(rows), base=[_iso(s) for s in periods["start"]],
        x=[_ms(e - s) for s, e in zip(periods["start"], periods["end_shown"])], orientation="h",
        name=esc(_label(labels, "sanctions")), legendgroup="sanctions",
        marker=dict(color=style.SANCTION_FILL, opacity=0.8), width=0.6,
        customdata=[str(s) for s in periods["sanction_id"]],
        hovertext=[_sanction_hover(r, lang, in_force_label) for r in periods.itertuples()],
        hoverinfo="text")]


def _bands(sanctions: pd.DataFrame, today) -> list[dict]:
    """Faint full-height bands for each country's union of sanction periods."""
    return [dict(type="rect", xref="x", yref="paper", x0=_iso(r.start), x1=_iso(r.end), y0=0, y1=1,
                 fillcolor=style.SANCTION_FILL, opacity=BAND_OPACITY, line=dict(width=0),
                 layer="below")
            for r in indicators.union_periods(sanctions, today).itertuples()]


# -- prices ----------------------------------------------------------------------------------

def _goods(row) -> str:
    name = str(row["commodity"])
    if _is_set(row.get("commodity_detail")):
        name += f" ({row['commodity_detail']})"
    return name


def _where(row, lang: str) -> str:
    country = i18n.name("country", row["country"], lang)
    return f"{row['place']}, {country}" if _is_set(row.get("place")) else country


def series_name(row, lang: str, limit: int = 90) -> str:
    """A series written for the reader (the country by name, not by code), cut for legends."""
    return esc(_cut(f"{_goods(row)} · {row['unit']} · {row['currency']} · {_where(row, lang)}",
                    limit))


def _point_hover(row, lang: str, names: dict[str, str]) -> str:
    """What differs from point to point of a series: value, date, publishers (the currency
    and unit are the series', written once in its template)."""
    value = fmt_value(row["value"], lang)
    if _is_set(row.get("value_max")):
        value += f"–{fmt_value(row['value_max'], lang)}"
    return (f"{esc(value)} · "
            f"{esc(i18n.fmt_date(row['date'], row.get('date_precision', 'day'), lang))} · "
            f"{esc(_publishers(row.get('source_ids'), names))}")


def _template_text(text: str) -> str:
    """Escaped text made literal inside a plotly hovertemplate, where %{...} is a variable."""
    return esc(text).replace("%{", "%\u200b{")


def _series_hover(row, lang: str) -> str:
    """What a series' points share (goods, place), written once per trace around each point's
    own text: a long series stays light."""
    return (f"<b>{_template_text(_cut(_goods(row), 80))}</b> "
            f"({_template_text(row['currency'])} / {_template_text(row['unit'])})<br>"
            f"%{{hovertext}}<br>{_template_text(_where(row, lang))}<extra></extra>")


def _error_bars(group: pd.DataFrame) -> dict | None:
    if "value_max" not in group or group["value_max"].isna().all():
        return None
    up = [float(hi - lo) if _is_set(hi) else 0.0 for lo, hi in zip(group["value"], group["value_max"])]
    return dict(type="data", symmetric=False, array=up, arrayminus=[0.0] * len(up), thickness=1.2)


def _price_traces(points: pd.DataFrame, lang: str, sources: Sources,
                  legend: bool = True) -> list[go.Scatter]:
    traces = []
    if points.empty or "series" not in points:
        return traces
    names = _names(sources)
    for _, group in points[points["value"].notna()].groupby("series", sort=True):
        group = group.sort_values("date", kind="stable")
        first = group.iloc[0]
        symbols = ["circle-open" if k == "previous" else "circle" for k in group.get("kind", [])]
        symbols = symbols if "circle-open" in symbols else "circle"  # one value when all alike
        traces.append(go.Scatter(
            x=[_iso(d) for d in group["date"]], y=[float(v) for v in group["value"]],
            mode="lines+markers", name=series_name(first, lang), showlegend=legend,
            marker=dict(size=8, symbol=symbols), error_y=_error_bars(group),
            hovertext=[_point_hover(r, lang, names) for r in group.to_dict("records")],
            hovertemplate=_series_hover(first, lang)))
    return traces


def _value_axis(points: pd.DataFrame) -> dict:
    """A log axis when series differ by more than 20 times (a litre of fuel beside a bag of
    rice), so every line keeps its shape; linear otherwise."""
    values = points["value"].dropna() if not points.empty and "value" in points else []
    wide = len(values) > 1 and float(values.min()) > 0 and float(values.max()) / float(values.min()) > 20
    return dict(type="log", dtick="D2") if wide else dict(type="linear")


# -- figures ---------------------------------------------------------------------------------

def timeline(intervals: pd.DataFrame, events: pd.DataFrame, sanctions: pd.DataFrame,
             points: pd.DataFrame, lang: str, today, labels: dict,
             locations: pd.DataFrame | None = None,
             sources: Sources = None,
             counts: tuple[pd.DataFrame, str] | None = None,
             spans: pd.DataFrame | None = None) -> go.Figure:
    """Presence bars with their events, sanction measures and prices on one shared time axis.

    `labels` holds the translated row titles ('presence', 'sanctions', 'prices') and the
    words 'in_force' and 'events'; `locations` names the places and `sources` the publishers
    (ids are shown without them). `counts` (from `count_events`) stands for a selection too
    large to draw event by event; without it, more than MAX_EVENT_MARKERS events are counted here.
    `spans` (from `merged_spans`, computed once for the whole store) saves merging the
    intervals again when they are too many to draw one by one.
    """
    today = pd.Timestamp(today).normalize()
    places = _place_names(locations, lang)
    if intervals.empty:  # also a bare pd.DataFrame(): give it the columns the bars read
        intervals = pd.DataFrame(columns=presence.INTERVAL_COLUMNS).astype(
            {c: "datetime64[us]" for c in ("start", "end", "leaving_since")})
    if events.empty:
        events = pd.DataFrame(columns=["event_id", "date", "event_type"])
    intervals = intervals.sort_values(["start", "actor", "force"], kind="stable")
    merged = len(intervals) > MAX_BARS
    rows = presence_rows(intervals, lang, places, merged)
    events = events.sort_values("date", kind="stable").reset_index(drop=True)
    if counts is None and len(events) > MAX_EVENT_MARKERS:
        counts = count_events(monthly_counts(events))
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
        rows=3, cols=1, shared_xaxes=True, row_heights=[h / total for h in heights],
        vertical_spacing=gap / (total + 2 * gap),
        subplot_titles=[esc(_label(labels, k)) for k in ("presence", "sanctions", "prices")])
    for trace in _presence_bars(intervals, rows, places, lang, today, spans, presence_order):
        fig.add_trace(trace, row=1, col=1)
    for trace in (density if dense else _event_traces(events, placed, lang)):
        fig.add_trace(trace, row=1, col=1)
    for trace in _sanction_trace(periods, srows, lang, labels):
        fig.add_trace(trace, row=2, col=1)
    # Price series stay out of the legend here (their names are long and many); hover names them.
    for trace in _price_traces(points, lang, sources, legend=False):
        fig.add_trace(trace, row=3, col=1)

    for row, order in ((1, presence_order), (2, sanction_order)):
        fig.update_yaxes(type="category", categoryorder="array", categoryarray=order,
                         range=[len(order) - 0.5, -0.5] if order else None,
                         automargin=True, row=row, col=1)
    fig.update_yaxes(automargin=True, row=3, col=1, **_value_axis(points))
    dated = counts[0].rename(columns={"period": "date"}) if dense else events
    fig.update_xaxes(type="date", range=_x_range(intervals, dated, periods, points, today),
                     gridcolor=GRID, showticklabels=True)
    fig.update_yaxes(gridcolor=GRID)
    fig.update_layout(
        height=max(MIN_HEIGHT, total + 2 * gap + 120), barmode="overlay", hovermode="closest",
        shapes=_bands(sanctions, today), margin=dict(l=10, r=10, t=40, b=30),
        legend=dict(orientation="v", x=1.01, y=1, font=dict(size=12)),
        hoverlabel=dict(font_size=13), plot_bgcolor="#ffffff")
    return fig


def _x_range(intervals, events, periods, points, today) -> list[str]:
    """From the earliest date shown to today (or a later dated point), with a small margin."""
    dated = [f[c] for f, c in ((intervals, "start"), (events, "date"), (periods, "start"),
                               (points, "date")) if not f.empty and c in f]
    firsts = [d.min() for d in dated if d.notna().any()]
    lasts = [d.max() for d in dated if d.notna().any()]
    first = min(firsts) if firsts else today - pd.DateOffset(years=1)
    last = max(lasts + [today])
    span = max(last - first, pd.Timedelta(days=30))
    return [_iso(first - span * 0.02), _iso(last + span * 0.03)]


def price_chart(changes_or_points: pd.DataFrame, lang: str, labels: dict, mode: str = "value",
                sources: Sources = None) -> go.Figure:
    """One line per series: prices as stated (mode 'value', from price_points) or percent
    change against the baseline (mode 'change', from change_vs_baseline; each line starts at 0
    on its baseline's date)."""
    if mode not in ("value", "change"):
        raise ValueError("mode must be 'value' or 'change'")
    frame = changes_or_points
    fig = go.Figure()
    if mode == "value":
        for trace in _price_traces(frame, lang, sources):
            fig.add_trace(trace)
        fig.update_yaxes(title_text=esc(_label(labels, "value")), **_value_axis(frame))
    else:
        for trace in _change_traces(frame, lang, labels, sources):
            fig.add_trace(trace)
        fig.update_yaxes(title_text=esc(_label(labels, "change")), ticksuffix="%",
                         zeroline=True, zerolinecolor="#888888", zerolinewidth=1.5)
    fig.update_xaxes(type="date", gridcolor=GRID)
    fig.update_yaxes(gridcolor=GRID)
    fig.update_layout(height=420, hovermode="closest", margin=dict(l=10, r=10, t=20, b=30),
                      legend=dict(orientation="h", y=-0.15), plot_bgcolor="#ffffff",
                      hoverlabel=dict(font_size=13))
    return fig


def _change_traces(changes: pd.DataFrame, lang: str, labels: dict,
                   sources: Sources) -> list[go.Scatter]:
    traces = []
    if changes.empty or "series" not in changes:
        return traces
    names = _names(sources)
    compared = _label(labels, "compared_with")
    for _, group in changes[changes["change_pct"].notna()].groupby("series", sort=True):
        group = group.sort_values("date", kind="stable")
        first = group.iloc[0]
        base_date = i18n.fmt_date(first["base_date"], first.get("base_date_precision", "day"), lang)
        base_text = (f"{fmt_value(first['base_value'], lang)} {first['currency']} · {base_date} · "
                     f"{_publishers(first.get('base_source_ids'), names)}")
        hover = [f"<b>{esc(fmt_pct(0, lang))}</b>"]
        for r in group.to_dict("records"):
            hover.append(f"<b>{esc(fmt_pct(r['change_pct'], lang))}</b><br>{_point_hover(r, lang, names)}")
        # the series and its baseline are written once, around each point's own lines
        template = (f"%{{hovertext}}<br><b>{_template_text(_cut(_goods(first), 80))}</b> "
                    f"({_template_text(first['currency'])} / {_template_text(first['unit'])}), "
                    f"{_template_text(_where(first, lang))}<br>"
                    f"{_template_text(f'{compared} {base_text}')}<extra></extra>")
        traces.append(go.Scatter(
            x=[_iso(first["base_date"])] + [_iso(d) for d in group["date"]],
            y=[0.0] + [round(float(v), 2) for v in group["change_pct"]],
            mode="lines+markers", name=series_name(first, lang),
            marker=dict(size=8, symbol=["circle-open"] + ["circle"] * len(group)),
            hovertext=hover, hovertemplate=template))
    return traces


def sanctions_map(by_country: pd.DataFrame, lang: str, labels: dict) -> go.Figure:
    """The three countries shaded by the number of measures in force (no shade at 0), over
    the offline base map; hover lists each measure with its imposer."""
    fig = base_map(lang)
    frame = by_country.set_index("country") if not by_country.empty else by_country
    counts = [int(frame.at[c, "n_measures"]) if c in frame.index else 0 for c in vocab.COUNTRIES]
    top = max(counts + [1])
    hover = [_country_hover(c, frame, lang, labels) for c in vocab.COUNTRIES]
    # Transparent at 0 so the base map's own shade shows; any measure gets a visible tint.
    scale = [[0, "rgba(178,24,43,0)"], [0.5 / top, "rgba(178,24,43,0)"],
             [min(0.999, 0.5 / top + 1e-6), "rgba(178,24,43,0.25)"], [1, "rgba(178,24,43,0.8)"]]
    fig.add_trace(go.Choropleth(
        locations=list(vocab.COUNTRIES), locationmode="ISO-3", z=counts, zmin=0, zmax=top,
        colorscale=scale, marker_line_color=style.BORDER_COLOR, marker_line_width=1.2,
        colorbar=dict(title=dict(text=esc(_label(labels, "n_measures"))), dtick=1 if top <= 10 else None,
                      len=0.5, thickness=14),
        hovertext=hover, hoverinfo="text", name=esc(_label(labels, "sanctions"))))
    return fig


def _country_hover(country: str, frame: pd.DataFrame, lang: str, labels: dict) -> str:
    head = f"<b>{esc(i18n.name('country', country, lang))}</b>"
    if country not in frame.index or not frame.at[country, "n_measures"]:
        return f"{head}<br>{esc(_label(labels, 'none'))}"
    measures = list(frame.at[country, "measures"])
    imposers = list(frame.at[country, "measure_imposers"]) if "measure_imposers" in frame else []
    lines = [f"{esc(_label(labels, 'n_measures'))}: {len(measures)}"]
    for i, m in enumerate(measures):
        who = f" ({i18n.name('actor', imposers[i], lang)})" if i < len(imposers) and imposers[i] else ""
        lines.append(esc(f"{i18n.name('measure', m, lang)}{who}"))
    return "<br>".join([head] + lines)
