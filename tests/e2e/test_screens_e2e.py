"""What a person sees at 1280x720, 1920x1080 and on a 390x844 phone, in English and French:
the map's headline and the map itself on the first screen, and a screenshot of the map, the
timeline and the presentation at each size (tests/artifacts/screens/, looked at by hand)."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, Page

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000
SIZES = ((1280, 720), (1920, 1080), (390, 844))
HEADLINE = {
    "en": ("Confirmed ≤ 12 months", "Newest evidence"),
    "fr": ("Confirmées ≤ 12 mois", "Preuve la plus récente"),
}


def _top(pg, selector: str) -> float:
    return pg.locator(selector).first.bounding_box()["y"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_phone_shows_the_headline_and_the_map_on_the_first_screen(server, browser, lang):
    p = Page(browser, viewport=(390, 844))
    pg = p.page
    try:
        pg.goto(f"{server}/?lang={lang}")
        pg.wait_for_selector("path.choroplethlocation", state="attached", timeout=TIMEOUT)
        metric, newest = HEADLINE[lang]
        for text in (metric, newest):
            box = pg.locator('[data-testid="stMain"]').get_by_text(text).first.bounding_box()
            assert box and box["y"] + box["height"] <= 844, text  # before: the 4 figures took 700 px
        assert _top(pg, ".js-plotly-plot") < 844 * 0.75
        assert _top(pg, ".js-plotly-plot .geolayer") < 844  # the map itself starts on screen
    finally:
        p.close()
    assert p.outside == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_screenshots_of_map_timeline_and_presentation(server, browser, lang):
    folder = ARTIFACTS / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        p = Page(browser, viewport=(width, height))
        pg = p.page
        try:
            for name, path, ready in (
                ("map", "/", "path.choroplethlocation"),
                ("timeline", "/timeline", ".js-plotly-plot"),
                ("present", "/present?step=4", "path.choroplethlocation"),
            ):
                pg.goto(f"{server}{path}{'&' if '?' in path else '?'}lang={lang}")
                pg.wait_for_selector(ready, state="attached", timeout=TIMEOUT)
                pg.wait_for_selector(".js-plotly-plot .legend", state="attached", timeout=TIMEOUT)
                pg.screenshot(path=str(folder / f"{name}_{lang}_{width}x{height}.png"))
                assert pg.locator('[data-testid="stException"]').count() == 0
        finally:
            p.close()
        assert p.outside == []
