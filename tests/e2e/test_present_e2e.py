"""Presentation mode in Chromium: open at a step, next/previous, French, readable type."""

import re

import pytest

from dashboard.logic import story
from dashboard.records.dataset import load_all

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000


@pytest.fixture(scope="module")
def steps():
    return story.steps(load_all()["events"])


def body_font_px(pg) -> float:
    """The smallest computed font size of the body text in the main area (captions aside)."""
    return pg.evaluate("""() => {
        const ps = [...document.querySelectorAll(
            '.stMainBlockContainer [data-testid="stMarkdownContainer"] p')]
            .filter(p => !p.closest('[data-testid="stCaptionContainer"]') && p.offsetParent);
        return Math.min(...ps.map(p => parseFloat(getComputedStyle(p).fontSize))); }""")


def test_open_at_step_then_next_and_previous(server, browser, steps):
    from tests.conftest import ARTIFACTS, Page

    for width, height in ((1920, 1080), (1280, 720), (390, 844)):
        p = Page(browser, viewport=(width, height))
        pg = p.page
        pg.goto(server + "/present?step=2")
        second = steps[1]
        pg.get_by_role("heading", name=str(second.year)).wait_for(timeout=TIMEOUT)
        pg.wait_for_selector("path.choroplethlocation", state="attached", timeout=TIMEOUT)
        assert body_font_px(pg) >= 24
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"present_step2_{width}x{height}.png"))
        if width == 1920:
            pg.get_by_role("button", name=re.compile("Next")).click()
            pg.wait_for_url(re.compile(r"step=3"), timeout=TIMEOUT)
            pg.get_by_role("heading", name=str(steps[2].year)).wait_for(timeout=TIMEOUT)
            pg.get_by_role("button", name=re.compile("Previous")).click()
            pg.wait_for_url(re.compile(r"step=2"), timeout=TIMEOUT)
            pg.get_by_role("heading", name=str(second.year)).wait_for(timeout=TIMEOUT)
        p.close()
        assert p.outside == []


def test_presentation_in_french(server, page, steps):
    pg = page.page
    pg.goto(server + "/present?step=1&lang=fr")
    pg.get_by_role("button", name=re.compile("Suivant")).wait_for(timeout=TIMEOUT)
    assert pg.get_by_text(f"Étape 1 sur {len(steps)}").is_visible()
    assert pg.get_by_role("button", name=re.compile("Précédent")).is_disabled()


def test_step_saves_as_a_png_offline(server, page, tmp_path):
    pg = page.page
    pg.goto(server + "/present?step=3")
    pg.wait_for_selector("path.choroplethlocation", state="attached", timeout=TIMEOUT)
    # The figure itself carries the title, the date and the sources, so the PNG does too.
    assert pg.locator(".js-plotly-plot .gtitle").text_content().startswith("Foreign forces")
    assert "Sources:" in pg.locator(".js-plotly-plot .annotation").last.text_content()
    pg.locator(".js-plotly-plot").hover()
    with pg.expect_download(timeout=TIMEOUT) as dl:
        pg.locator(
            '.modebar-btn[data-title="Download plot as a PNG"], '
            '.modebar-btn[data-title="Download plot as a png"]'
        ).first.click(force=True)
    path = tmp_path / "step.png"
    dl.value.save_as(path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_autoplay_keeps_moving_from_step_to_step(server, page):
    pg = page.page
    pg.goto(server + "/present?step=1")
    pg.get_by_text("Step 1 of").first.wait_for(timeout=TIMEOUT)
    pg.get_by_text("Autoplay", exact=True).click()
    # Two steps in a row (8 s each): the timer keeps running after the first.
    pg.get_by_text("Step 3 of").first.wait_for(timeout=30_000)
    assert "step=3" in pg.url
