"""AppTest of presentation mode: a clicker's keys, the way back to the map, the on-page
language switch, and a map written for a room (no text under 20 px)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.logic import story
from dashboard.records.dataset import load_all
from tests.app.pages import open_page

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(scope="module")
def steps():
    return story.steps(load_all()["events"])


def _param(at, name):
    value = at.query_params[name]
    return value[-1] if isinstance(value, list) else value


def test_a_clicker_s_keys_are_button_shortcuts(steps):
    """Left/PageUp back, Right/PageDown/Space on: what presentation clickers send."""
    at = open_page("present", step="2")
    assert not at.exception
    shortcuts = {b.key: b.proto.shortcut for b in at.button if b.proto.shortcut}
    assert {shortcuts[k] for k in ("prev", "prev_pageup")} == {"left", "pageup"}
    assert {shortcuts[k] for k in ("next", "next_pagedown", "next_space")} == {"right", "pagedown", "space"}
    for key, year in (("next_pagedown", steps[2].year), ("prev_pageup", steps[1].year)):
        at.button(key=key).click().run()
        assert at.header[0].value == str(year)
    at.button(key="next_space").click().run()
    assert at.header[0].value == str(steps[2].year) and _param(at, "step") == "3"
    # At the ends the keys do nothing: their buttons are disabled (a disabled shortcut is unbound).
    at = open_page("present", step="1")
    assert at.button(key="prev").disabled and at.button(key="prev_pageup").disabled
    last = open_page("present", step=str(len(steps)))
    assert all(last.button(key=k).disabled for k in ("next", "next_pagedown", "next_space"))


@pytest.mark.parametrize("lang,label", [("en", "Map"), ("fr", "Carte")])
def test_a_link_leads_back_to_the_map_in_the_same_language(lang, label):
    at = open_page("present", step="3", lang=lang)
    assert not at.exception
    from streamlit.util import calc_hash

    # The map page (url path "map" in app.py's st.navigation, the home page) is the link's target.
    [link] = [link for link in at.get("page_link") if link.proto.page_script_hash == calc_hash("map")]
    assert link.value == label
    assert link.proto.query_string == f"lang={lang}"
    assert link.proto.help  # "Back to the map"


def test_the_on_page_switch_changes_the_language_and_keeps_the_step(steps):
    at = open_page("present", step="3")
    assert not at.exception
    assert at.button(key="present_lang_en").disabled and not at.button(key="present_lang_fr").disabled
    at.button(key="present_lang_fr").click().run()
    assert not at.exception
    assert at.header[0].value == str(steps[2].year)
    assert _param(at, "step") == "3" and _param(at, "lang") == "fr"
    assert any(re.fullmatch(r"Suivant ▶", b.label) for b in at.button)
    at.run()  # the hidden sidebar picker must not switch it back on the next run
    assert _param(at, "lang") == "fr" and any(b.label == "Suivant ▶" for b in at.button)
    at.button(key="next").click().run()
    assert at.header[0].value == str(steps[3].year) and any(b.label == "Suivant ▶" for b in at.button)
    assert at.button(key="present_lang_fr").disabled
    at.button(key="present_lang_en").click().run()
    assert _param(at, "lang") == "en" and _param(at, "step") == "4"
    assert any(b.label == "Next ▶" for b in at.button)


def _sizes(fig) -> dict[str, list[float]]:
    """Every size of text the figure writes, by kind."""
    layout = fig.layout
    sizes = {
        "legend": [layout.legend.font.size],
        "title": [layout.title.font.size],
        "hover": [layout.hoverlabel.font.size],
        "annotation": [],
        "labels": [],
    }
    for a in layout.annotations:
        sizes["annotation"].append(a.font.size)
        sizes["annotation"] += [float(px) for px in re.findall(r"font-size:\s*([0-9.]+)px", a.text)]
    for trace in fig.data:
        if trace.type == "scattergeo" and "text" in (trace.mode or "") and any(trace.text or []):
            sizes["labels"].append(trace.textfont.size)
    return sizes


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_nothing_on_a_step_s_map_is_under_20_px(steps, lang):
    from dashboard.ui import tables
    from dashboard.views import present

    for n in range(1, len(steps) + 1):
        sizes = _sizes(present.step_map(tables(), n, lang))
        assert sizes["annotation"] and sizes["labels"], n  # the sources line, the names
        small = {kind: s for kind, values in sizes.items() for s in values if s is None or s < 20}
        assert not small, (n, small)


def test_the_home_map_keeps_its_own_sizes():
    """The sizes added for the presentation are parameters: the home map's text is unchanged."""
    import pandas as pd

    from dashboard.ui import tables
    from dashboard.views import home

    fig = home.build(tables(), pd.Timestamp("2023-12-31"), 12, "en").situation.figure
    sizes = _sizes(fig)
    assert sizes["title"] == [20] and sizes["legend"] == [14] and sizes["hover"] == [14]
    assert sorted(set(sizes["annotation"])) == [11]  # the date line and the sources
    assert sorted(set(sizes["labels"])) == [11, 15]  # 'country-wide' and the countries' names
    wide = [t for t in fig.data if t.type == "scattergeo" and t.mode == "markers+text" and any(t.text)]
    assert wide and {t.textposition for t in wide} == {"bottom center"}
