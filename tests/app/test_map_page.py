"""AppTest of the home page: the script runs, reads the URL and builds the right figure."""

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from dashboard.logic import presence
from dashboard.records.dataset import load_all
from dashboard.views import situation as map_view

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def run(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def figure(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def marker_traces(fig) -> list[dict]:
    """Traces that draw markers (legend keys draw nothing and hover nothing)."""
    return [
        t
        for t in fig["data"]
        if t["type"] == "scattergeo" and t.get("mode", "").startswith("markers") and t.get("hovertext")
    ]


def situation(date):
    events = load_all()["events"]
    intervals = presence.build_intervals(events)
    return presence.situation(
        intervals, events, map_view.map_date(date), presence.support_dates(intervals, events)
    )


def test_map_page_runs_and_shows_headline():
    at = run(date="2022-09")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    present = situation("2022-09")
    assert len(present) == len(presence.present_on(presence.build_intervals(load_all()["events"]), "2022-09"))
    # Forces confirmed within a year and forces last confirmed earlier are counted apart.
    assert metrics["Confirmed ≤ 12 months"] == str(int((~present["stale"]).sum()))
    assert metrics["Last confirmed > 12 months"] == str(int(present["stale"].sum()))
    assert present["stale"].any() and (~present["stale"]).any()


def test_map_opens_on_today_and_says_how_old_its_evidence_is():
    at = run()
    assert not at.exception
    today = pd.Timestamp.today().normalize()
    assert at.query_params["date"] in (today.strftime("%Y-%m"), [today.strftime("%Y-%m")])
    events = load_all()["events"]
    newest = events.loc[events["date"] <= today, "date"].max()
    headline = next(m.value for m in at.markdown if "Newest evidence" in m.value)
    assert i18n.fmt_date(newest, "day", "en").replace(" ", " ") in headline.replace("\\", "")
    assert i18n.fmt_age(newest, today, "en", today=True) in headline
    # Nothing on the map claims a date after today: its subtitle is today.
    fig = figure(at)
    assert fig["layout"]["annotations"][0]["text"].startswith(
        f"<b><span style='font-size:11px'>{i18n.fmt_date(today, 'day', 'en')}</span></b>"
    )


def test_forces_last_confirmed_long_ago_are_drawn_apart():
    at = run(date="2019-06")
    present = situation("2019-06")
    fig = figure(at)
    stale_names = [t["name"] for t in marker_traces(fig) if "last confirmed" in t["name"]]
    drawn = sum(len(t["hovertext"]) for t in marker_traces(fig) if "last confirmed" in t["name"])
    assert drawn == int(present["stale"].sum()) > 0
    assert all(
        t["marker"]["symbol"].endswith("-open-dot") for t in marker_traces(fig) if t["name"] in stale_names
    )
    assert all(
        "last confirmed" in h for t in marker_traces(fig) if t["name"] in stale_names for h in t["hovertext"]
    )


def test_map_markers_follow_the_date():
    fig_2021 = figure(run(date="2021-06"))
    fig_2022 = figure(run(date="2022-09"))

    def france(fig):  # confirmed recently, or last confirmed long ago: present either way
        return [
            t
            for t in marker_traces(fig)
            if t["name"] == "France" or t["name"].startswith("France: last confirmed")
        ]

    france_2021, france_2022 = france(fig_2021), france(fig_2022)
    assert france_2021 and len(france_2021[0]["hovertext"]) >= 1
    # In Sept 2022 France's only forces left are outside Mali (Niger), never Malian bases.
    intervals = presence.build_intervals(load_all()["events"])
    in_mali = presence.present_on(intervals, "2022-09").query("actor == 'France' and country == 'MLI'")
    assert in_mali.empty
    assert sum(len(t["hovertext"]) for t in france_2022) == len(
        presence.present_on(intervals, "2022-09").query("actor == 'France'")
    )


def test_bad_date_parameter_is_ignored_with_a_notice():
    at = run(date="notadate")
    assert not at.exception
    assert any("date=notadate" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 1


def test_french_interface():
    at = run(date="2024-01", lang="fr")
    assert at.title[0].value == "Qui est où"
    assert "Confirmées ≤ 12 mois" in [m.label for m in at.metric]
    assert any("Preuve la plus récente" in m.value for m in at.markdown)


def test_a_crafted_parameter_shows_as_text_not_markup():
    at = run(**{"[click](javascript:alert(1))": "<b>x</b>"})
    assert not at.exception
    [notice] = [i.value for i in at.info]
    assert "](" not in notice.replace("\\](", "") and "<b>" not in notice


def test_french_shows_french_summaries_and_force_names():
    at = run(date="2015-06", lang="fr")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown).replace("\\", "")  # markdown escapes off
    events = load_all()["events"]
    for row in events[events["date"].between("2014-06-01", "2015-06-30")].itertuples():
        assert row.summary not in text  # the English summary never shows in French
    assert "Opération Barkhane" in text and "Operation Barkhane" not in text
    assert [s for s in events["summary_fr"] if s in text]


def test_country_wide_forces_are_labelled_and_a_figure_is_shown_once_per_country():
    """France in Niger in Sept 2022: one figure for the force, not one per base."""
    fig = figure(run(date="2022-09"))
    labelled = [text for t in marker_traces(fig) for text in t.get("text", []) if text]
    assert labelled and set(labelled) == {"country-wide"}
    hovers = [h for t in marker_traces(fig) for h in t["hovertext"]]
    for force in {h.split("</b>")[0] for h in hovers}:
        with_figure = [h for h in hovers if h.startswith(force) and " troops (reported" in h]
        by_country = {h.split("<br>")[1].rsplit(", ", 1)[-1] for h in with_figure}
        assert len(with_figure) == len(by_country), force  # at most one per country
