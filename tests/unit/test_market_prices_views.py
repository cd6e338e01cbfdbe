"""WFP market prices on the indicators page's view-model: lines, sanction shading, grades, the
market map, the size budget, article claims against the series, and the export."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard import config
from dashboard.logic import filters
from dashboard.logic.claims import claims_vs_market
from dashboard.records import wfp
from dashboard.records.dataset import load_all
from dashboard.views import export
from dashboard.views import indicators as indicators_view
from dashboard.views import markets as view

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "data" / "wfp" / "wfp_food_prices_ner_subset.csv"
TODAY = pd.Timestamp("2026-12-01")
BUDGET = 300_000


def query_of(frame: pd.DataFrame, events: pd.DataFrame):
    """A store's `query` over one market table and the events (what the views are given)."""
    import duckdb

    con = duckdb.connect()
    con.register(
        "market_prices", frame.assign(date=frame["date"].dt.date, imported_at=pd.Timestamp("2026-01-01"))
    )
    con.register("all_events", events)

    def query(sql, params):
        return con.execute(sql, params).df()

    return query


@pytest.fixture(scope="module")
def data():
    return load_all()


@pytest.fixture(scope="module")
def raw():
    return pd.read_csv(BUNDLED)


@pytest.fixture(scope="module")
def query(data):
    return query_of(wfp.parse(BUNDLED.read_bytes(), BUNDLED.name), data["events"])


@pytest.fixture(scope="module")
def markets(data, query):
    return view.market_data(data, query)


def niger(**kw):
    f, _ = filters.from_params({"country": "NER", **kw})
    return f


def test_the_view_opens_on_niamey_millet(markets):
    choice = view.default_choice(markets, niger())
    assert choice.good == ("Millet", "KG", "Retail", "XOF")
    assert [markets.catalogue.set_index("market_id").loc[m, "market"] for m in choice.markets] == ["Katako"]


def test_katako_millet_is_drawn_monthly_from_2022_as_the_file_says(data, markets, query, raw):
    f = niger()
    fig, dropped = view.market_chart(
        data, f, markets, view.default_choice(markets, f), "price", None, query, TODAY
    )
    assert not dropped
    spec = fig.to_plotly_json()
    line = next(t for t in spec["data"] if t.get("mode") == "lines" and "Katako" in t["name"])
    file = raw[(raw["market"] == "Katako") & (raw["commodity"] == "Millet")]
    assert line["x"] == list(file["date"]) and line["x"][0] == "2022-01-15"
    assert [float(v) for v in line["y"]] == [float(v) for v in file["price"]]
    # a grade per month: the points of the grade traces cover every month of the line
    graded = [t for t in spec["data"] if t.get("legendgroup", "").startswith("grade:")]
    assert {t["name"] for t in graded} >= {"normal", "stress", "alert", "crisis"}
    assert sorted(x for t in graded for x in t["x"]) == sorted(line["x"])
    # the ECOWAS and WAEMU sanctions on Niger shaded: 30 Jul 2023 - 24 Feb 2024
    rects = [s for s in spec["layout"]["shapes"] if s["type"] == "rect"]
    assert [(r["x0"], r["x1"]) for r in rects] == [("2023-07-30", "2024-02-24")]
    # troop events and the trade measures on the same time axis, under the prices
    assert any(t.get("type") == "bar" for t in spec["data"])
    assert any("Troop events" in str(t.get("name")) for t in spec["data"])
    assert len(fig.to_json()) < BUDGET


def test_change_against_a_baseline_month(data, markets, query, raw):
    f = niger()
    ids = tuple(int(m) for m in markets.catalogue["market_id"])
    choice = view.MarketChoice(ids, ("Millet", "KG", "Retail", "XOF"))
    lines = view.market_lines(markets, f, choice, "en")
    months = view.market_months(lines)
    base = view.default_market_base(months, indicators_view._sanctions(data, f))
    assert base == "2023-06"  # the month before the first ECOWAS measure
    fig, dropped = view.market_chart(data, f, markets, choice, "change", base, query, TODAY)
    spec = fig.to_plotly_json()
    katako = next(t for t in spec["data"] if t.get("mode") == "lines" and "Katako" in t["name"])
    file = raw[(raw["market"] == "Katako") & (raw["commodity"] == "Millet")].set_index("date")["price"]
    at = dict(zip(katako["x"], katako["y"]))
    assert at["2023-06-15"] == 0
    assert at["2024-08-15"] == pytest.approx((file["2024-08-15"] / file["2023-06-15"] - 1) * 100, abs=0.01)


def test_several_markets_as_their_country_median(data, markets, query, raw):
    f = niger()
    ids = tuple(int(m) for m in markets.catalogue["market_id"])
    choice = view.MarketChoice(ids, ("Millet", "KG", "Retail", "XOF"), median=True)
    fig, _ = view.market_chart(data, f, markets, choice, "price", None, query, TODAY)
    lines = [t for t in fig.to_plotly_json()["data"] if t.get("mode") == "lines" and "Median" in t["name"]]
    assert len(lines) == 1
    millet = raw[(raw["commodity"] == "Millet") & (raw["pricetype"] == "Retail")]
    expected = millet.groupby("date")["price"].median()
    assert dict(zip(lines[0]["x"], lines[0]["y"])) == pytest.approx(expected.to_dict())
    # each point's hover says how many markets gave its median (Ayorou has no 2022-05 price)
    points = [t for t in fig.to_plotly_json()["data"] if str(t.get("legendgroup", "")).startswith("grade:")]
    counts = {x: c[2] for t in points for x, c in zip(t["x"], t["customdata"])}
    assert counts["2022-05-15"] == 4 and counts["2022-06-15"] == 5
    assert all("customdata[2]" in t["hovertemplate"] for t in points)


def big_markets(n_markets: int, years: int) -> pd.DataFrame:
    """Many markets with long series: the worst case the chart must stay light for."""
    dates = pd.date_range(f"{2026 - years}-01-15", "2026-08-15", freq="MS") + pd.Timedelta(days=14)
    rng = np.random.default_rng(3)
    rows = []
    for m in range(n_markets):
        prices = 150 + np.cumsum(rng.normal(0, 5, len(dates))).clip(-100, None)
        rows.append(
            pd.DataFrame(
                {
                    "country": "NER",
                    "date": dates,
                    "admin1": f"Region {m}",
                    "admin2": f"Dept {m}",
                    "market": f"Market <b>{m}</b>",
                    "market_id": 1000 + m,
                    "latitude": 13.0 + m * 0.05,
                    "longitude": 2.0 + m * 0.1,
                    "category": "cereals and tubers",
                    "commodity": "Millet",
                    "commodity_id": 73,
                    "unit": "KG",
                    "priceflag": "actual",
                    "pricetype": "Retail",
                    "currency": "XOF",
                    "price": np.round(prices, 0),
                    "usdprice": np.round(prices / 600, 2),
                    "source": "WFP, via HDX",
                    "source_file": "synthetic.csv",
                }
            )
        )
    out = pd.concat(rows, ignore_index=True)
    return out.astype({"market_id": "Int64", "commodity_id": "Int64", "price": "Float64"})


@pytest.mark.parametrize("mode", ["price", "change"])
def test_the_figure_stays_under_budget_at_any_selection(data, mode):
    frame = big_markets(60, 36)  # 60 markets, monthly since 1990
    query = query_of(frame, data["events"])
    markets = view.market_data(data, query)
    f = niger()
    good = ("Millet", "KG", "Retail", "XOF")
    ids = tuple(int(m) for m in markets.catalogue["market_id"])
    for choice in (
        view.MarketChoice(ids[: config.MAX_MARKET_LINES], good),  # the most lines drawn one by one
        view.MarketChoice(ids, good),  # more: drawn as their median
    ):
        lines = view.market_lines(markets, f, choice, "fr")
        base = view.market_months(lines)[0]
        fig, _ = view.market_chart(data, f.with_(lang="fr"), markets, choice, mode, base, query, TODAY)
        size = len(fig.to_json())
        assert size < BUDGET, (len(choice.markets), size)
    drawn = [
        t
        for t in fig.to_plotly_json()["data"]
        if t.get("legendgroup", "").startswith("line:") and not t["line"].get("dash")
    ]
    assert len(drawn) == 1 and "Médiane" in drawn[0]["name"]  # 60 markets: one median line
    # a market's name from a file is text, never markup, on the chart and on the map
    for shown in (fig, view.market_map(data, f, markets, good, "2026-08")):
        text = json.dumps(shown.to_plotly_json())
        assert "Market <b>" not in text
    assert "Market &lt;b&gt;1&lt;/b&gt;" in text


def test_the_market_map_colours_each_market_by_its_grade(data, markets):
    fig = view.market_map(data, niger(), markets, ("Millet", "KG", "Retail", "XOF"), "2024-07")
    spec = fig.to_plotly_json()
    graded = {t["name"]: t for t in spec["data"] if t["type"] == "scattergeo" and t.get("lat") != [None]}
    by_market = {
        m: g for g, t in graded.items() if g in ("normal", "stress", "alert", "crisis") for m in t["text"]
    }
    july = markets.graded[
        (markets.graded["commodity"] == "Millet")
        & (markets.graded["pricetype"] == "Retail")
        & (markets.graded["date"].dt.strftime("%Y-%m") == "2024-07")
    ]
    assert by_market == dict(zip(july["market"], july["alert"]))
    assert len(fig.to_json()) < BUDGET


def test_article_claims_beside_the_market_series(data, markets, raw):
    claims = claims_vs_market(data["prices"], markets.graded, data["locations"])
    assert not claims.empty and set(claims["country"]) == {"NER"}
    # the AFP rice price in Niamey (14,500 for 25 kg in Sep 2023, 11,500 before the sanctions)
    afp = claims[claims["price_id"] == "ner-rice25-afp-2023-09"].iloc[0]
    rice = raw[(raw["market"] == "Katako") & (raw["commodity"] == "Rice (imported)")].set_index("date")[
        "price"
    ]
    assert afp["wfp_where"] == "Katako" and not afp["proxy"]
    assert afp["value_per_kg"] == 580
    assert afp["market_price"] == rice["2023-09-15"]
    assert afp["claim_change"] == pytest.approx((14500 / 11500 - 1) * 100)
    assert afp["market_change"] == pytest.approx((rice["2023-09-15"] / rice["2023-07-15"] - 1) * 100)
    agrees = abs(afp["claim_change"] - afp["market_change"]) <= config.AGREE_PP
    assert afp["verdict"] == ("agrees" if agrees else "differs")
    # a national year-on-year figure is set against the median of the markets, flagged a proxy
    yoy = claims[claims["price_id"] == "ner-maize-wfp-yoy-2023-11"].iloc[0]
    assert yoy["proxy"] and yoy["base_month"] == "2022-11" and yoy["n_markets"] == 5
    maize = raw[(raw["commodity"] == "Maize") & (raw["pricetype"] == "Retail")]
    nov = maize[maize["date"] == "2023-11-15"]["price"].median()
    assert yoy["market_price"] == nov
    # a claim dated only to its year has no month to compare: left out
    assert "ner-maize-sorghum-maradi-2023" not in set(claims["price_id"])
    # a weekly change (SIMA) is not set against monthly prices
    weekly = claims[claims["price_id"] == "ner-millet100-sima-2026-02-03"].iloc[0]
    assert weekly["verdict"] == "period_under_a_month" and pd.isna(weekly["claim_change"])


def test_the_claims_table_is_written_for_the_reader(data, markets):
    for lang in ("en", "fr"):
        table = view.claims_table(data, niger(lang=lang), markets)
        assert list(table.columns) == list(view.CLAIM_TABLE_COLUMNS)
        assert (
            not table.astype(str).isin(["nan", "None", "<NA>"]).any().any()
            or table["claim_change"].isna().any()
        )
        assert table["verdict"].str.len().gt(0).all()
    assert any(v.startswith("concorde") for v in table["verdict"])


def test_the_export_carries_market_commodity_unit_price_date_source_and_alert(markets):
    frame = view.market_export(markets, niger(**{"from": "2024-06", "to": "2024-06"}))
    prepared = export.prepare("market_prices", frame, pd.DataFrame(columns=["source_id"]))
    for col in ("market", "commodity", "unit", "currency", "price", "date", "source", "alert"):
        assert prepared[col].notna().all(), col
    csv_text = export.to_csv(prepared, "market_prices", hxl=True)
    header, tags, *rows = csv_text.splitlines()
    assert tags.split(",")[header.split(",").index("alert")] == "#status+alert"
    assert tags.split(",")[header.split(",").index("price")] == "#value"
    back = pd.read_csv(io.StringIO(csv_text), skiprows=[1])
    katako = back[(back["market"] == "Katako") & (back["commodity"] == "Millet")].iloc[0]
    row = markets.graded[
        (markets.graded["market"] == "Katako")
        & (markets.graded["commodity"] == "Millet")
        & (markets.graded["date"] == "2024-06-15")
    ].iloc[0]
    assert (katako["price"], katako["alert"], katako["date"]) == (row["price"], row["alert"], "2024-06-15")
    assert katako["licence"] == "CC BY-IGO" and katako["source"] == "WFP, via HDX"
    records = json.loads(export.to_json(prepared))
    assert {r["alert"] for r in records} <= {"normal", "stress", "alert", "crisis", None}


def test_a_baseline_month_without_prices_leaves_the_lines_out_and_names_them(data, markets, query):
    f = niger()
    ids = tuple(int(m) for m in markets.catalogue["market_id"])
    choice = view.MarketChoice(ids, ("Millet", "KG", "Retail", "XOF"))
    fig, dropped = view.market_chart(data, f, markets, choice, "change", "2019-06", query, TODAY)
    assert fig is None and len(dropped) == len(ids)
    # Ayorou has no millet price in 2022-05: against that month, only its line is left out
    fig, dropped = view.market_chart(data, f, markets, choice, "change", "2022-05", query, TODAY)
    assert len(dropped) == 1 and "Ayorou" in dropped[0] and fig is not None
    assert "2022-05" not in view.market_months(view.market_lines(markets, f, choice, "en"))
