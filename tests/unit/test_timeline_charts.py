"""Timeline, price and sanctions-map figures: structure follows the input, every text escaped."""

import re

import pandas as pd
import pytest

from dashboard import config
from dashboard.figures import style
from dashboard.figures import timeline as tc
from dashboard.figures.prices import price_chart
from dashboard.figures.sanctions_map import sanctions_map
from dashboard.logic import indicators as ind
from dashboard.logic import presence
from dashboard.logic.coverage import coverage, merged_spans
from dashboard.records.dataset import columns, typed

TODAY = "2025-06-30"
LABELS = {
    "presence": "Présence",
    "sanctions": "Sanctions",
    "prices": "Prix",
    "in_force": "en vigueur",
    "events": "Événements",
}


def table(name: str, rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return typed(pd.DataFrame({c: pd.Series(dtype="string") for c in columns(name)}))
    full = [dict.fromkeys(columns(name)) | r for r in rows]
    return typed(
        pd.DataFrame(full, columns=columns(name))
        .astype(object)
        .where(lambda f: f.notna(), None)
        .astype("string")
    )


def event(
    event_id,
    date,
    force,
    event_type,
    country="NER",
    actor="France",
    location_id=None,
    summary="A report.",
    source_ids="s1",
    precision="day",
):
    return dict(
        event_id=event_id,
        date=date,
        date_precision=precision,
        country=country,
        location_id=location_id,
        actor=actor,
        force=force,
        event_type=event_type,
        summary=summary,
        source_ids=source_ids,
        status="verified",
    )


@pytest.fixture
def events():
    return table(
        "events",
        [
            event(
                "serval-start",
                "2013-01-11",
                "Opération Serval",
                "deployment",
                country="MLI",
                summary="<script>alert('x')</script> France intervenes in Mali",
            ),
            event("serval-end", "2014-08-01", "Opération Serval", "operation_ended", country="MLI"),
            event(
                "ffs-niamey",
                "2019-01-01",
                "French forces",
                "base_opened",
                location_id="niamey",
                source_ids="s1;s2",
            ),
            event("ffs-ouallam", "2019-01-01", "French forces", "deployment", location_id="ouallam"),
            event("ffs-leave", "2023-09-24", "French forces", "withdrawal_announced"),
            event("ffs-gone", "2023-12-22", "French forces", "withdrawal_completed"),
            event("coup-ner", "2023-07-26", "CNSP", "coup", actor="Niger"),
            event("ru-ner", "2024-04-10", "Africa Corps <b>", "deployment", actor="Russia"),
        ],
    )


@pytest.fixture
def sanctions():
    base = dict(
        imposer="ECOWAS",
        country="NER",
        start_precision="day",
        summary="s",
        source_ids="s1",
        status="verified",
    )
    return table(
        "sanctions",
        [
            base
            | dict(
                sanction_id="ner-border",
                measure="border_closure",
                start="2023-07-30",
                end="2024-02-24",
                end_precision="day",
            ),
            base
            | dict(
                sanction_id="ner-freeze",
                measure="financial_freeze",
                start="2023-07-30",
                end="2024-02-24",
                end_precision="day",
            ),
            base
            | dict(
                sanction_id="mli-package",
                country="MLI",
                measure="economic_sanctions",
                start="2022-01-09",
                end="2022-07-03",
                end_precision="day",
            ),
            base
            | dict(
                sanction_id="mli-waemu",
                imposer="WAEMU",
                country="MLI",
                measure="economic_sanctions",
                start="2022-01-09",
                end="2022-07-03",
                end_precision="day",
            ),
            base
            | dict(
                sanction_id="ner-benin",
                imposer="Benin",
                measure="border_closure",
                start="2023-08-01",
                start_precision="month",
            ),
        ],
    )


@pytest.fixture
def points():
    base = dict(
        country="NER",
        place="Niamey",
        commodity="rice",
        unit="25 kg bag",
        currency="XOF",
        context="sanctions",
        source_ids="s1",
        status="verified",
    )
    return ind.price_points(
        table(
            "prices",
            [
                base | dict(price_id="r1", value="11000", date="2023-07-01", date_precision="month"),
                base
                | dict(
                    price_id="r2",
                    value="14500",
                    value_max="15000",
                    date="2023-09-15",
                    date_precision="day",
                    source_ids="s2",
                ),
                base
                | dict(
                    price_id="f1",
                    commodity="petrol",
                    unit="litre",
                    value="499",
                    date="2023-06-01",
                    date_precision="month",
                ),
                base
                | dict(
                    price_id="f2",
                    commodity="petrol",
                    unit="litre",
                    value="540",
                    date="2023-10-01",
                    date_precision="month",
                ),
            ],
        )
    )


@pytest.fixture
def sources():
    return table(
        "sources",
        [
            dict(source_id="s1", publisher="RFI", title="t", url="https://www.rfi.fr/a", language="fr"),
            dict(source_id="s2", publisher="Reuters", title="t", url="https://reuters.com/b", language="en"),
        ],
    )


def build(events, sanctions, points, lang="fr", **kw):
    intervals = presence.build_intervals(events)
    return tc.timeline(intervals, events, sanctions, points, lang, TODAY, LABELS, **kw), intervals


def traces(fig, kind, yaxis=None):
    return [t for t in fig.data if t.type == kind and (yaxis is None or t.yaxis == yaxis)]


def test_timeline_has_three_rows_on_one_time_axis(events, sanctions, points):
    fig, _ = build(events, sanctions, points)
    layout = fig.layout
    assert layout.xaxis.matches == "x3" and layout.xaxis2.matches == "x3"  # shared x
    titles = [a.text for a in layout.annotations]
    assert titles == ["Présence", "Sanctions", "Prix"]
    assert layout.height >= 500


def test_presence_bars_follow_the_intervals(events, sanctions, points):
    fig, intervals = build(events, sanctions, points)
    bars = traces(fig, "bar", "y")
    # Serval, French forces at Niamey and at Ouallam, Africa Corps: four rows of bars.
    rows = {y for t in bars for y in t.y}
    assert len(rows) == len(intervals) == 4
    assert "French forces · Niger · niamey" in rows and "Opération Serval · Mali" in rows
    # Per actor one solid trace in the legend; French forces also have a faint leaving part.
    solid = [t for t in bars if t.showlegend]
    assert sorted(t.name for t in solid) == ["France", "Russie"]
    faint = [t for t in bars if not t.showlegend]
    assert len(faint) == 1 and len(faint[0].y) == 2
    assert {t.marker.color for t in solid} == {style.actor_color("France"), style.actor_color("Russia")}
    # The open Africa Corps bar runs to today.
    russia = next(t for t in solid if t.name == "Russie")
    end = pd.Timestamp(russia.base[0]) + pd.Timedelta(milliseconds=russia.x[0])
    assert end == pd.Timestamp(TODAY)


def test_event_markers_carry_their_ids(events, sanctions, points):
    fig, _ = build(events, sanctions, points)
    markers = traces(fig, "scatter", "y")
    ids = [i for t in markers for i in t.customdata]
    # The country-wide announcement and completion sit on both French bars.
    assert sorted(set(ids)) == sorted(events["event_id"])
    assert ids.count("ffs-leave") == 2
    coup = next(t for t in markers if "coup-ner" in t.customdata)
    assert coup.y[0] == "Événements · Niger"
    assert coup.marker.symbol != next(t for t in markers if "ffs-leave" in t.customdata).marker.symbol
    assert fig.layout.yaxis.categoryarray[0] == "Événements · Niger"


def test_every_text_is_escaped(events, sanctions, points):
    fig, _ = build(events, sanctions, points)
    text = fig.to_json()
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "Africa Corps <b>" not in text and "Africa Corps &lt;b&gt;" in text
    serval = next(t for t in traces(fig, "scatter", "y") if "serval-start" in t.customdata)
    hover = serval.hovertext[list(serval.customdata).index("serval-start")]
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in hover


def test_sanction_rows_and_bands(events, sanctions, points):
    fig, _ = build(events, sanctions, points)
    (bars,) = traces(fig, "bar", "y2")
    assert len(bars.y) == len(sanctions)
    # ECOWAS and WAEMU share 'Mali · economic sanctions': the imposer tells them apart.
    assert len(set(bars.y)) == 5
    assert "Niger · fermeture des frontières · Bénin" in bars.y
    benin = list(bars.customdata).index("ner-benin")
    assert "en vigueur" in bars.hovertext[benin]
    bands = fig.layout.shapes
    assert len(bands) == len(ind.union_periods(sanctions, TODAY)) == 2
    assert all(s.layer == "below" and s.yref == "paper" for s in bands)


def test_price_row_one_line_per_series_with_range(events, sanctions, points, sources):
    fig, _ = build(events, sanctions, points, sources=sources)
    lines = traces(fig, "scatter", "y3")
    assert len(lines) == points["series"].nunique() == 2
    rice = next(t for t in lines if t.name.startswith("Riz"))
    assert list(rice.error_y.array) == [0, 500]
    assert "Reuters" in rice.hovertext[1] and "14\u202f500–15\u202f000" in rice.hovertext[1]
    # what the series' points share is written once, in the trace's template
    assert rice.hovertemplate.startswith("<b>Riz") and "%{hovertext}" in rice.hovertemplate
    assert "francs CFA par sac de 25 kg" in rice.hovertemplate  # the unit, in French
    assert fig.layout.yaxis3.type == "log"  # a litre of petrol beside a 25 kg bag


def test_hover_templates_show_data_text_literally(points):
    """A place or commodity holding %{...} must not be read as a plotly variable."""
    odd = points.assign(place="<i>%{y}</i> town", commodity="rice %{x}")
    fig = price_chart(odd, "en", {}, "value")
    template = fig.data[0].hovertemplate
    assert "%{y}" not in template and "%{x}" not in template and "&lt;i&gt;" in template
    assert template.count("%{") == 1  # only %{hovertext}


def test_height_grows_with_rows(events, sanctions, points):
    small, _ = build(events.iloc[:2], sanctions.iloc[:1], points)
    many = table("events", [event(f"e{i}", "2020-01-01", f"Force {i}", "deployment") for i in range(60)])
    big, _ = build(many, sanctions, points)
    assert small.layout.height >= 500
    assert big.layout.height > small.layout.height + 60 * tc.ROW_PX * 0.8


def test_empty_inputs_give_an_empty_timeline():
    empty_e, empty_s = table("events", []), table("sanctions", [])
    empty_p = ind.price_points(table("prices", []))
    fig = tc.timeline(presence.build_intervals(empty_e), empty_e, empty_s, empty_p, "en", TODAY, {})
    assert len(fig.data) == 0 and fig.layout.height >= 500
    assert [a.text for a in fig.layout.annotations] == ["Foreign presence", "Sanctions", "Prices"]


def test_figure_stays_small_with_many_long_summaries(sanctions, points):
    rows = []
    for i in range(80):
        rows.append(event(f"d{i}", "2015-01-01", f"Force {i}", "deployment", summary="x" * 3000))
        rows += [
            event(
                f"r{i}-{k}",
                f"2016-0{k}-01",
                f"Force {i}",
                "presence_reported",
                summary="y" * 3000,
                precision="month",
            )
            for k in range(1, 9)
        ]
    many = table("events", rows)
    fig, _ = build(many, sanctions, points)
    assert len(fig.to_json()) < 400_000


def test_price_chart_modes(points, sources):
    by_value = price_chart(points, "en", {}, "value", sources=sources)
    assert len(by_value.data) == 2
    changes = ind.change_vs_baseline(points, "2023-07")
    by_change = price_chart(changes, "fr", {"change": "Variation (%)"}, "change")
    rice = next(t for t in by_change.data if t.name.startswith("Riz"))
    assert list(rice.x) == ["2023-07-01", "2023-09-15"] and list(rice.y) == [0.0, 31.82]
    assert "+31,8\u00a0%" in rice.hovertext[1]  # Babel: no-break space before % (i18n.fmt_percent)
    assert by_change.layout.yaxis.title.text == "Variation (%)"
    assert len(price_chart(changes.iloc[0:0], "en", {}, "change").data) == 0
    with pytest.raises(ValueError):
        price_chart(points, "en", {}, "ratio")


def test_sanctions_map_shades_by_measures_in_force(sanctions):
    by_country = ind.in_force_by_country(sanctions, "2023-12-31")
    fig = sanctions_map(by_country, "fr", {"n_measures": "Mesures en vigueur"})
    shade = fig.data[-1]
    assert shade.type == "choropleth" and list(shade.locations) == ["MLI", "BFA", "NER"]
    assert list(shade.z) == [0, 0, 3]
    assert shade.colorscale[0][1].endswith(",0)")  # no tint where nothing is in force
    ner = shade.hovertext[2]
    assert "fermeture des frontières (Cédéao)" in ner and "gel financier (Cédéao)" in ner
    assert "fermeture des frontières (Bénin)" in ner
    assert shade.colorbar.title.text == "Mesures en vigueur"
    assert fig.data[0].type == "choropleth"  # built on the shared base map


def test_sanctions_map_with_nothing_in_force(sanctions):
    fig = sanctions_map(ind.in_force_by_country(sanctions, "2010-01-01"), "en", {})
    assert list(fig.data[-1].z) == [0, 0, 0]


def test_bare_empty_frames_are_accepted():
    bare = pd.DataFrame()
    fig = tc.timeline(bare, bare, bare, bare, "en", TODAY, {})
    assert len(fig.data) == 0
    assert len(price_chart(bare, "en", {}, "value").data) == 0
    assert list(sanctions_map(bare, "en", {}).data[-1].z) == [0, 0, 0]


def test_missing_ids_and_texts_do_not_break_hover(events, sanctions, points):
    intervals = presence.build_intervals(events)
    intervals.loc[0, "source_ids"] = pd.NA
    ev = events.copy()
    ev.loc[0, "summary"] = pd.NA
    fig = tc.timeline(intervals, ev, sanctions, points.assign(source_ids=pd.NA), "en", TODAY, {})
    assert "0 sources" in fig.data[0].hovertext[0]


def test_a_large_selection_is_drawn_as_monthly_counts():
    import pandas as pd

    from dashboard.logic import presence
    from dashboard.records.dataset import load_all

    events = load_all()["events"]
    many = pd.concat(
        [
            events.assign(
                event_id=events["event_id"] + f"-{i}", date=events["date"] + pd.Timedelta(days=i % 28)
            )
            for i in range(40)
        ],
        ignore_index=True,
    )
    assert len(many) > config.MAX_EVENT_MARKERS
    fig = tc.timeline(
        presence.build_intervals(events), many, pd.DataFrame(), pd.DataFrame(), "en", "2025-12-31", {}
    )
    markers = [t for t in fig.data if t.type == "scatter" and t.mode == "markers"]
    drawn = sum(len(t.x) for t in markers)
    assert drawn < len(many) / 10  # counts, not one marker per event
    counted = sum(int(h.rsplit(" · ", 1)[1]) for t in markers for h in t.hovertext)
    assert counted == len(many)  # every event is counted once
    assert len(fig.to_json()) < 300_000


def _intervals(rows):
    """Intervals of one force from (start, end or None, place) triples."""
    frame = pd.DataFrame(
        [
            {
                "actor": "France",
                "force": "Barkhane",
                "country": "MLI",
                "location_id": place,
                "start": pd.Timestamp(a),
                "end": pd.Timestamp(b) if b else pd.NaT,
                "leaving_since": pd.NaT,
                "source_ids": f"S{i};S0",
                "event_ids": f"E{i}",
            }
            for i, (a, b, place) in enumerate(rows)
        ]
    )
    return frame


def test_merged_spans_join_overlapping_and_touching_intervals_only():
    iv = _intervals(
        [
            ("2020-01-01", "2020-03-01", "A"),
            ("2020-02-01", "2020-04-01", "B"),
            ("2020-04-01", "2020-05-01", "A"),  # touches the second: same span
            ("2020-07-01", None, "C"),
        ]
    )  # after a gap, still open
    spans = merged_spans(iv, pd.Timestamp("2021-01-01"))
    assert list(spans["start"]) == [pd.Timestamp("2020-01-01"), pd.Timestamp("2020-07-01")]
    assert list(spans["end"]) == [pd.Timestamp("2020-05-01"), pd.Timestamp("2021-01-01")]
    assert list(spans["n"]) == [3, 1] and list(spans["places"]) == [2, 1]
    assert list(spans["open"]) == [False, True]
    assert list(spans["sources"]) == [3, 2]  # S0, S1, S2 and S0, S3


def test_coverage_is_the_share_of_days_present_per_month_or_quarter():
    iv = _intervals([("2020-01-01", "2020-01-11", "A"), ("2020-01-21", "2020-02-15", "A")])
    spans = merged_spans(iv, pd.Timestamp("2021-01-01"))
    cover = coverage(spans).set_index("period")["share"]
    assert cover[pd.Timestamp("2020-01-01")] == pytest.approx((10 + 11) / 31)
    assert cover[pd.Timestamp("2020-02-01")] == pytest.approx(14 / 29)
    quarters = coverage(spans, months=3).set_index("period")["share"]
    assert list(quarters.index) == [pd.Timestamp("2020-01-01")]
    assert quarters.iloc[0] == pytest.approx((10 + 11 + 14) / 91)  # Q1 2020: 91 days


def test_dense_presence_becomes_spans_then_a_monthly_strip():
    today = pd.Timestamp("2025-01-01")
    # 400 intervals of one force in a row, each overlapping the next: one span, one bar
    chained = _intervals(
        [
            (
                pd.Timestamp("2014-01-01") + pd.Timedelta(days=7 * i),
                pd.Timestamp("2014-01-01") + pd.Timedelta(days=7 * i + 10),
                f"P{i % 9}",
            )
            for i in range(400)
        ]
    )
    fig = tc.timeline(chained, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), "en", today, {})
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(chained) > config.MAX_BARS and sum(len(t.y) for t in bars) == 1
    assert "400 periods of presence at 9 places" in bars[0].hovertext[0]
    # 400 intervals with gaps between them: too many spans, drawn as months present
    gappy = _intervals(
        [
            (
                pd.Timestamp("2014-01-01") + pd.Timedelta(days=9 * i),
                pd.Timestamp("2014-01-01") + pd.Timedelta(days=9 * i + 4),
                "P",
            )
            for i in range(400)
        ]
    )
    fig = tc.timeline(gappy, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), "fr", today, {})
    heat = [t for t in fig.data if t.type == "heatmap"]
    assert len(heat) == 1 and not [t for t in fig.data if t.type == "bar"]
    months = [m for m, v in zip(heat[0].x, heat[0].customdata[0]) if v is not None]  # None: absent
    assert months[0] == "2014-01-01" and len(months) == len(set(months))
    assert "du mois en présence" in heat[0].hovertemplate
    assert len(fig.to_json()) < 300_000


def test_a_very_dense_strip_is_drawn_by_quarter():
    """Many forces over many years: cells per quarter keep the figure light."""
    rows = []
    for k in range(80):  # 80 forces, each present ten days of every three weeks for 12 years
        for i in range(12 * 365 // 21):
            start = pd.Timestamp("2013-01-01") + pd.Timedelta(days=21 * i)
            rows.append(
                {
                    "actor": "France",
                    "force": f"F{k}",
                    "country": "MLI",
                    "location_id": "",
                    "start": start,
                    "end": start + pd.Timedelta(days=10),
                    "leaving_since": pd.NaT,
                    "source_ids": "S1",
                    "event_ids": "E1",
                }
            )
    fig = tc.timeline(
        pd.DataFrame(rows),
        pd.DataFrame(),
        pd.DataFrame(),
        pd.DataFrame(),
        "en",
        pd.Timestamp("2025-06-01"),
        {},
    )
    heat = [t for t in fig.data if t.type == "heatmap"]
    assert heat and "of the quarter present" in heat[0].hovertemplate
    assert {x[5:7] for x in heat[0].x} <= {"01", "04", "07", "10"}
    shares = [v for row in heat[0].customdata for v in row[:-1] if v is not None]  # whole quarters
    assert 40 <= min(shares) and max(shares) <= 55  # ten days in 21, per quarter
    assert len(fig.to_json()) < 300_000


# -- what the walk-through could not read (defects 7 and 9, the French view) ----------------


def test_log_price_ticks_are_whole_numbers_written_in_the_language(points):
    """The log axis read '5, 2, 10k, 5, 2, 1000': plotly's minor labels and SI suffix."""
    from dashboard.figures.prices import log_ticks, value_axis

    axis = value_axis(points, "fr")  # petrol at 499 beside 25 kg bags at 15,000: log
    assert axis["type"] == "log" and axis["tickmode"] == "array"
    assert axis["ticktext"] == ["500", "1\u202f000", "2\u202f000", "5\u202f000", "10\u202f000"]
    assert [float(t.replace("\u202f", "")) for t in axis["ticktext"]] == axis["tickvals"]
    _, english = log_ticks(425, 65_000, "en")
    assert english == ["500", "1,000", "2,000", "5,000", "10,000", "20,000", "50,000"]
    _, decades = log_ticks(3, 65_000, "en")  # beyond two and a half decades: powers of ten
    assert decades == ["10", "100", "1,000", "10,000"]
    assert value_axis(points.iloc[:2], "en") == dict(type="linear", tickformat=",~f")  # no '14.5k'


def test_the_price_panel_has_a_legend_and_its_unit(events, sanctions, points, sources):
    fig, _ = build(events, sanctions, points, sources=sources)
    lines = traces(fig, "scatter", "y3")
    assert all(t.showlegend is not False and t.legend == "legend2" for t in lines)
    # units differ (a 25 kg bag, a litre): each entry says its own, the axis the currency
    assert sorted(t.name for t in lines) == [
        "Essence · Niamey, Niger (par litre)",
        "Riz · Niamey, Niger (par sac de 25 kg)",
    ]
    assert fig.layout.yaxis3.title.text == "Prix, francs CFA (unité selon la série : voir la légende)"
    assert fig.layout.legend2.orientation == "h" and fig.layout.legend2.title.text == "Prix"
    # one unit: the axis says it, the entries do not repeat it
    rice = points[points["commodity"] == "rice"]
    fig, _ = build(events, sanctions, rice, lang="en")
    assert fig.layout.yaxis3.title.text == "Price (CFA francs per 25 kg bag)"
    assert [t.name for t in traces(fig, "scatter", "y3")] == ["Rice · Niamey, Niger"]


def test_series_that_read_alike_are_told_apart_by_the_source_s_words(points):
    from dashboard.figures.prices import legend_names

    other = points[points["commodity"] == "petrol"].assign(series="petrol 2", commodity_detail="black market")
    names = legend_names(pd.concat([points, other]), "en")
    assert names["petrol 2"] == "Petrol · Niamey, Niger (per litre) – black market"
    assert len(set(names.values())) == 3


def test_the_light_bars_and_the_pink_band_are_explained_in_the_legend(events, sanctions, points):
    fig, _ = build(events, sanctions, points)
    keys = {
        t.name: t for t in fig.data if t.type == "scatter" and t.mode == "lines" and not len(t.customdata)
    }
    assert set(keys) == {
        "Partie claire d&#x27;une barre :<br>départ annoncé",  # escaped as every text
        "Bande rose :<br>une sanction en vigueur dans un pays affiché",
    }
    assert all(t.hoverinfo == "skip" and list(t.x) == [None] for t in keys.values())
    english, _ = build(events, sanctions, points, lang="en")
    names = [t.name for t in english.data]
    assert "Light part of a bar:<br>leaving announced" in names
    assert "Pink band:<br>a sanction in force in a country in view" in names
    # no leaving announced, no sanction: nothing to explain
    calm = events[~events["event_type"].isin(["withdrawal_announced"])]
    quiet, _ = build(calm, sanctions.iloc[0:0], points, lang="en")
    assert not [t for t in quiet.data if t.type == "scatter" and t.mode == "lines" and not len(t.customdata)]


def test_the_french_figure_writes_its_dates_forces_and_numbers_in_french(events, sanctions, points):
    fig, _ = build(events, sanctions, points)  # French
    assert fig.layout.xaxis.tickmode == "array" and fig.layout.separators == ",\u202f"
    years = list(fig.layout.xaxis.ticktext)
    assert years and all(re.fullmatch(r"\d{4}", y) for y in years)
    english, _ = build(events, sanctions, points, lang="en")
    assert english.layout.xaxis.tickmode is None and english.layout.separators == ".,"  # plotly's own ticks
    from dashboard.figures.common import date_ticks

    months = date_ticks("2023-06-10", "2024-06-30", "fr")["ticktext"]
    assert months == ["juil. 2023", "oct.", "janv. 2024", "avr."]
    barkhane = table("events", [event("b1", "2014-08-01", "Operation Barkhane", "deployment", country="MLI")])
    fig, _ = build(barkhane, sanctions, points)
    assert "Opération Barkhane · Mali" in {y for t in traces(fig, "bar", "y") for y in t.y}


def test_a_sanction_bar_says_who_imposed_it_and_what_sets_it_apart(events, sanctions, points):
    fig, _ = build(events, sanctions, points)
    (bars,) = traces(fig, "bar", "y2")
    benin = bars.hovertext[list(bars.customdata).index("ner-benin")]
    assert benin.count("fermeture des frontières") == 1 and "imposée par Bénin" in benin
    assert benin.endswith("<br>s")  # the record's own summary ('s' in these rows)
