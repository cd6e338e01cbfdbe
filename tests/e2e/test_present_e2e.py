"""Presentation mode in Chromium: open at a step, next/previous, keys, French, the way back to
the map, readable type and every step on one screen."""

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


# -- a clicker's keys, the way back, the language, one screen per step (walk-through 12, 13) --


def wait_for_step(pg, steps, n: int):
    pg.wait_for_url(re.compile(rf"[?&]step={n}(&|$)"), timeout=TIMEOUT)
    pg.get_by_role("heading", name=str(steps[n - 1].year)).wait_for(timeout=TIMEOUT)


def main_scroll(pg) -> dict:
    return pg.evaluate("""() => { const m = document.querySelector('[data-testid="stMain"]');
        return {top: m.scrollTop + window.scrollY, height: m.scrollHeight, client: m.clientHeight}; }""")


def test_a_clicker_s_keys_move_between_steps(server, page, steps):
    """Right, PageDown and Space go on; Left and PageUp go back (what clickers send)."""
    pg = page.page
    pg.goto(server + "/present?step=2")
    wait_for_step(pg, steps, 2)
    pg.wait_for_selector("path.choroplethlocation", state="attached", timeout=TIMEOUT)
    for key, n in (("ArrowRight", 3), ("ArrowLeft", 2), ("PageDown", 3), ("PageUp", 2), ("Space", 3)):
        pg.keyboard.press(key)
        wait_for_step(pg, steps, n)
    # A click leaves the focus on Next: Space then moves one step, not two.
    pg.get_by_role("button", name=re.compile("Next")).click()
    wait_for_step(pg, steps, 4)
    pg.keyboard.press("Space")
    wait_for_step(pg, steps, 5)
    pg.wait_for_timeout(2_000)
    assert re.search(r"[?&]step=5(&|$)", pg.url)
    # The keys move steps, never the page (Space and PageDown would scroll it).
    assert main_scroll(pg)["top"] == 0
    # Autoplay on and off again by a click: the focus on its button keeps the keys working
    # (a focused toggle, a checkbox, took Space for itself and let no arrow through).
    autoplay = pg.locator(".st-key-autoplay_button button")
    autoplay.click()
    pg.locator('.st-key-autoplay_button [data-testid="stIconMaterial"]', has_text="pause").wait_for(
        timeout=TIMEOUT
    )
    autoplay.click()
    pg.locator('.st-key-autoplay_button [data-testid="stIconMaterial"]', has_text="play_arrow").wait_for(
        timeout=TIMEOUT
    )
    wait_for_step(pg, steps, 5)
    pg.keyboard.press("ArrowRight")
    wait_for_step(pg, steps, 6)
    # At the first step, Left and PageUp do nothing.
    pg.goto(server + "/present?step=1")
    wait_for_step(pg, steps, 1)
    for key in ("ArrowLeft", "PageUp"):
        pg.keyboard.press(key)
    pg.wait_for_timeout(1_500)
    wait_for_step(pg, steps, 1)


def test_the_language_switch_on_the_page_keeps_the_step(server, page, steps):
    pg = page.page
    pg.goto(server + "/present?step=3")
    pg.get_by_text(f"Step 3 of {len(steps)}").wait_for(timeout=TIMEOUT)
    switch = pg.locator(".st-key-present_lang")
    switch.get_by_role("button", name="FR", exact=True).click()
    pg.get_by_text(f"Étape 3 sur {len(steps)}").wait_for(timeout=TIMEOUT)
    pg.wait_for_url(re.compile(r"lang=fr"), timeout=TIMEOUT)
    assert re.search(r"[?&]step=3(&|$)", pg.url)
    pg.get_by_role("heading", name=str(steps[2].year)).wait_for(timeout=TIMEOUT)
    pg.wait_for_timeout(2_000)  # no later run (the hidden sidebar picker) switches it back
    assert pg.get_by_text(f"Étape 3 sur {len(steps)}").is_visible()
    assert "Situation au" in pg.locator(".js-plotly-plot .annotation").first.text_content()
    pg.keyboard.press("ArrowRight")
    pg.get_by_text(f"Étape 4 sur {len(steps)}").wait_for(timeout=TIMEOUT)
    switch.get_by_role("button", name="EN", exact=True).click()
    pg.get_by_text(f"Step 4 of {len(steps)}").wait_for(timeout=TIMEOUT)
    pg.wait_for_url(re.compile(r"lang=en"), timeout=TIMEOUT)
    assert re.search(r"[?&]step=4(&|$)", pg.url)


@pytest.mark.parametrize("lang,link,title", [("en", "Map", "Who is where"), ("fr", "Carte", "Qui est où")])
def test_a_link_leads_back_to_the_map_in_the_same_language(server, page, lang, link, title):
    pg = page.page
    pg.goto(f"{server}/present?step=2&lang={lang}")
    pg.wait_for_selector("path.choroplethlocation", state="attached", timeout=TIMEOUT)
    pg.get_by_role("link", name=re.compile(link)).click()
    pg.get_by_role("heading", name=title).wait_for(timeout=TIMEOUT)
    assert "/present" not in pg.url and f"lang={lang}" in pg.url
    pg.wait_for_selector(".js-plotly-plot .legend", state="attached", timeout=TIMEOUT)


FIT = """() => {
  const box = e => { if (!e) return null; const b = e.getBoundingClientRect();
    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom}; };
  const plot = document.querySelector('.js-plotly-plot');
  const px = sel => [...plot.querySelectorAll(sel)].filter(e => e.textContent.trim())
    .map(e => parseFloat(getComputedStyle(e).fontSize));
  const main = document.querySelector('[data-testid="stMain"]');
  return {
    boxes: {
      previous: box(document.querySelector('.st-key-prev button')),
      next: box(document.querySelector('.st-key-next button')),
      header: box(document.querySelector('[data-testid="stHeading"] h2')),
      plot: box(plot),
      title: box(plot.querySelector('.gtitle')),
      sources: box(plot.querySelector('.annotation')),
      legend: box(plot.querySelector('.legend')),
    },
    fonts: {
      legend: px('.legend .legendtext'),
      labels: px('.scattergeo text'),
      sources: px('.annotation text, .annotation tspan'),
    },
    sources_text: plot.querySelector('.annotation').textContent,
    scroll: {height: main.scrollHeight, client: main.clientHeight, window: document.documentElement.scrollHeight},
  };
}"""


def _inside(inner: dict, outer: dict, slack: float = 1.0) -> bool:
    return (
        inner["left"] >= outer["left"] - slack
        and inner["top"] >= outer["top"] - slack
        and inner["right"] <= outer["right"] + slack
        and inner["bottom"] <= outer["bottom"] + slack
    )


def _settled(pg) -> dict:
    """The measures once the map has taken its box's height (two reads a moment apart agree)."""
    last = pg.evaluate(FIT)
    for _ in range(30):
        pg.wait_for_timeout(200)
        now = pg.evaluate(FIT)
        if now == last:
            return now
        last = now
    return last


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_step_fits_the_screen_in_type_read_across_a_room(server, browser, steps, lang):
    """At 1280x720 and 1920x1080, every step's header, map, legend and sources line are on
    screen without scrolling, nothing written on the map is cut at its edge, and the map's
    labels, legend and sources are at least 20 px as rendered."""
    from dashboard import i18n
    from tests.conftest import ARTIFACTS, Page

    folder = ARTIFACTS / "present_fit"
    folder.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 720), (1920, 1080)):
        p = Page(browser, viewport=(width, height))
        pg = p.page
        screen = {"left": 0, "top": 0, "right": width, "bottom": height}
        try:
            pg.goto(f"{server}/present?step=1&lang={lang}")
            for n, step in enumerate(steps, start=1):
                if n > 1:
                    pg.locator(".st-key-next button").click()
                wait_for_step(pg, steps, n)
                date = i18n.fmt_date(step.when, "day", lang)
                pg.locator(".js-plotly-plot .annotation").filter(has_text=date).wait_for(timeout=TIMEOUT)
                pg.wait_for_selector(".js-plotly-plot .legend", state="attached", timeout=TIMEOUT)
                m = _settled(pg)
                pg.screenshot(path=str(folder / f"{lang}_{width}x{height}_step{n:02d}.png"))
                where = f"{lang} {width}x{height} step {n}"
                for name, b in m["boxes"].items():
                    assert b is not None, (where, name)
                    assert _inside(b, screen), (where, name, b)
                for name in ("title", "sources", "legend"):  # nothing cut at the figure's edge
                    # (4 px: an SVG text's box holds the font's whole ascent, above any glyph)
                    assert _inside(m["boxes"][name], m["boxes"]["plot"], slack=4), (where, name, m["boxes"])
                assert m["scroll"]["height"] <= m["scroll"]["client"] + 1, (where, m["scroll"])
                assert m["scroll"]["window"] <= height + 1, (where, m["scroll"])
                assert i18n.t("present.sources", lang) in m["sources_text"]
                for kind, sizes in m["fonts"].items():
                    assert sizes, (where, kind)
                    assert min(sizes) >= 20, (where, kind, sizes)
        finally:
            p.close()
        assert p.outside == []
