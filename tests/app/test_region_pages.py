"""The `admin1` URL filter on the home map and the timeline (AppTest)."""

import json
from pathlib import Path

from tests.app.pages import open_page

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def marker_texts(at) -> list[str]:
    figs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return [
        text
        for f in figs
        for t in f["data"]
        if t["type"] == "scattergeo" and t.get("customdata")
        for text in t.get("hovertext", [])
    ]


def test_the_home_map_shows_only_the_region_of_the_link():
    at = open_page("map", admin1="Tillaberi", date="2023-10")
    assert not at.exception
    texts = marker_texts(at)
    assert texts and all("Tillabéri" in t for t in texts)  # Ouallam (Tillabéri), Niger
    everywhere = marker_texts(open_page("map", date="2023-10"))
    assert len(everywhere) > len(texts)


def test_the_timeline_lists_only_the_events_of_the_region():
    at = open_page("timeline", admin1="Gao")
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) > 0 and set(table["admin1_name"]) == {"Gao"}
    at = open_page("timeline", admin1="Gao", lang="fr")
    assert set(at.dataframe[0].value["admin1_name"]) == {"Gao"}


def test_a_region_nobody_knows_is_said_and_ignored():
    at = open_page("timeline", admin1="Atlantis")
    assert not at.exception
    said = [e.value for kind in (at.warning, at.info, at.caption, at.markdown) for e in kind]
    assert any("Atlantis" in text for text in said)
