"""The indicators and timeline pages with WFP market prices (AppTest)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from tests.app.pages import open_page

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
BUNDLED = ROOT / "data" / "wfp" / "wfp_food_prices_ner_subset.csv"


def specs(at) -> list[tuple[int, dict]]:
    return [(len(c.proto.spec), json.loads(c.proto.spec)) for c in at.get("plotly_chart")]


def market_chart(at) -> tuple[int, dict]:
    return next(
        (n, s)
        for n, s in specs(at)
        if any(str(t.get("legendgroup", "")).startswith("grade:") for t in s["data"])
    )


def katako_millet() -> pd.DataFrame:
    raw = pd.read_csv(BUNDLED)
    return raw[(raw["market"] == "Katako") & (raw["commodity"] == "Millet")]


def test_indicators_shows_niamey_millet_with_the_sanctions_shaded_and_a_grade_per_month():
    at = open_page("indicators", country="NER")
    assert not at.exception
    size, spec = market_chart(at)
    assert size < 300_000
    line = next(t for t in spec["data"] if t.get("mode") == "lines" and "Katako" in str(t.get("name")))
    file = katako_millet()
    assert line["x"] == list(file["date"]) and line["x"][0].startswith("2022-01")
    assert [float(v) for v in line["y"]] == [float(v) for v in file["price"]]
    shapes = [s for s in spec["layout"]["shapes"] if s["type"] == "rect"]
    assert [(s["x0"], s["x1"]) for s in shapes] == [("2023-07-30", "2024-02-24")]
    graded = [t for t in spec["data"] if str(t.get("legendgroup", "")).startswith("grade:")]
    assert sorted(x for t in graded for x in t["x"]) == sorted(line["x"])
    assert {t["name"] for t in graded} <= {"normal", "stress", "alert", "crisis"}
    captions = [c.value for c in at.caption]
    assert "Source: WFP, via HDX, CC BY-IGO" in captions
    # the market map and the claims table follow
    assert any(
        t.get("type") == "scattergeo" and "Katako" in (t.get("text") or [])
        for _, s in specs(at)
        for t in s["data"]
    )
    frames = [d.value for d in at.dataframe]
    claims = next(f for f in frames if "verdict" in f.columns)
    assert claims["verdict"].str.startswith(("agrees", "differs", "level only", "not compared")).all()
    assert (
        claims["verdict"].str.startswith("agrees").any() and claims["verdict"].str.startswith("differs").any()
    )


def test_indicators_in_french():
    at = open_page("indicators", country="NER", lang="fr")
    assert not at.exception
    _, spec = market_chart(at)
    names = {t["name"] for t in spec["data"] if str(t.get("legendgroup", "")).startswith("grade:")}
    assert names & {"tension", "alerte", "crise"} and not names & {"stress", "crisis"}
    assert "Source : PAM (WFP), via HDX, CC BY-IGO" in [c.value for c in at.caption]
    assert any(d.value.columns.tolist()[:2] == ["date", "article"] for d in at.dataframe)


def test_a_country_without_market_prices_says_so():
    at = open_page("indicators", country="MLI")
    assert not at.exception
    assert "No WFP market price is stored for the countries in view." in [i.value for i in at.info]


def test_the_timeline_draws_the_market_line_on_its_time_axis():
    at = open_page("timeline", country="NER")
    assert not at.exception
    [(size, spec)] = specs(at)
    assert size < 300_000
    line = next(t for t in spec["data"] if t.get("mode") == "lines" and "Katako" in str(t.get("name")))
    assert [float(v) for v in line["y"]] == [float(v) for v in katako_millet()["price"]]
    assert line["yaxis"] == "y3"  # the price panel, under presence and sanctions
