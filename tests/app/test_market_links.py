"""A shared link reopens the indicators page on its WFP markets and commodity (AppTest)."""

from __future__ import annotations

from pathlib import Path

from tests.app.pages import open_page

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_the_link_names_the_markets_and_the_commodity():
    at = open_page("indicators", country="NER", market=["Ayorou", "gaya"], commodity="rice (local)")
    assert not at.exception
    [markets] = [m for m in at.multiselect if m.key.startswith("wfp_markets@")]
    labels = [markets.format_func(v) for v in markets.value]
    assert [x.split(" (")[0] for x in labels] == ["Ayorou", "Gaya"]
    [good] = [s for s in at.selectbox if s.key.startswith("wfp_good@")]
    assert good.value[0] == "Rice (local)"
    assert at.query_params["market"] == ["Ayorou", "Gaya"]
    assert at.query_params["commodity"] in ("Rice (local)", ["Rice (local)"])
    # By its start: 'sorghum' is WFP's 'Sorghum'.
    at = open_page("indicators", country="NER", market="Ayorou", commodity="sorg")
    [good] = [s for s in at.selectbox if s.key.startswith("wfp_good@")]
    assert good.value[0] == "Sorghum"


def test_a_market_the_store_does_not_hold_is_said():
    at = open_page("indicators", country="NER", market="Atlantis")
    assert not at.exception
    assert any("Atlantis" in c.value for c in at.caption)
