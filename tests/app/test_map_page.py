"""AppTest of the home page: the script runs, reads the URL and builds the right figure."""
import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard import presence
from dashboard.dataset import load_all

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def run(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def figure(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def marker_traces(fig) -> list[dict]:
    return [t for t in fig["data"] if t["type"] == "scattergeo" and t.get("mode") == "markers"]


def test_map_page_runs_and_shows_headline():
    at = run(date="2022-09")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    events = load_all()["events"]
    present = presence.present_on(presence.build_intervals(events), "2022-09")
    assert metrics["Forces present"] == str(len(present))


def test_map_markers_follow_the_date():
    fig_2021 = figure(run(date="2021-06"))
    fig_2022 = figure(run(date="2022-09"))
    france_2021 = [t for t in marker_traces(fig_2021) if t["name"] == "France"]
    france_2022 = [t for t in marker_traces(fig_2022) if t["name"] == "France"]
    assert france_2021 and len(france_2021[0]["hovertext"]) >= 1
    # In Sept 2022 France's only forces left are outside Mali (Niger), never Malian bases.
    intervals = presence.build_intervals(load_all()["events"])
    in_mali = presence.present_on(intervals, "2022-09").query("actor == 'France' and country == 'MLI'")
    assert in_mali.empty
    assert sum(len(t["hovertext"]) for t in france_2022) == len(
        presence.present_on(intervals, "2022-09").query("actor == 'France'"))


def test_bad_date_parameter_is_ignored_with_a_notice():
    at = run(date="notadate")
    assert not at.exception
    assert any("date=notadate" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 1


def test_french_interface():
    at = run(date="2024-01", lang="fr")
    assert at.title[0].value == "Qui est où"
    assert "Forces présentes" in [m.label for m in at.metric]


def test_a_crafted_parameter_shows_as_text_not_markup():
    at = run(**{"[click](javascript:alert(1))": "<b>x</b>"})
    assert not at.exception
    [notice] = [i.value for i in at.info]
    assert "](" not in notice.replace("\\](", "") and "<b>" not in notice
