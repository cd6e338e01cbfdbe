"""The indicators page in Chromium: the default price comparison, the baseline month in the
link, the sanctions map's pop-up, and the page in French."""

import re

import pytest

from tests.conftest import Page, wait_until

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000
CHANGE = '[data-testid="stPlotlyChart"]:has(.zerolinelayer path)'  # the change chart


def wait_change_chart(pg):
    wait_until(pg, "document.querySelectorAll('.scatterlayer .trace').length > 0", TIMEOUT)
    pg.wait_for_selector(f"{CHANGE} .scatterlayer .trace", state="attached", timeout=TIMEOUT)


def change_lines(pg) -> list[str]:
    """The legend entries of the change chart (one per series drawn)."""
    return pg.evaluate(
        "(sel) => Array.from(document.querySelector(sel).querySelectorAll('.legendtext'))"
        ".map(e => e.textContent)",
        CHANGE,
    )


def texts(pg, selector: str) -> list[str]:
    return pg.evaluate(
        "(sel) => Array.from(document.querySelectorAll(sel)).map(e => e.textContent)", selector
    )


def base_slider(pg):
    box = pg.locator('[data-testid="stSlider"]').filter(has_text="Baseline month")
    return box, box.get_by_role("slider")


def test_the_default_comparison_draws_lines(server, page):
    """The default baseline was 29 May 2021, before every price: the page opened on 'No price
    series has a figure on or before the baseline' and no chart."""
    pg = page.page
    pg.goto(server + "/indicators")
    wait_change_chart(pg)
    lines = change_lines(pg)
    assert len(lines) >= 2, lines
    assert not pg.get_by_text("No price series has a figure").count()
    pg.wait_for_url(re.compile(r"base=2023-06"), timeout=TIMEOUT)  # the month before the July 2023 measures
    box, _ = base_slider(pg)
    assert "June 2023" in box.inner_text()
    pg.locator(CHANGE).scroll_into_view_if_needed()


def test_the_baseline_month_is_in_the_link(server, browser, page):
    pg = page.page
    pg.goto(server + "/indicators?country=NER&base=2024-03")
    wait_change_chart(pg)
    box, thumb = base_slider(pg)
    assert "March 2024" in box.inner_text()
    assert "base=2024-03" in pg.url
    # a move writes the link at once: the address copied right after reopens that comparison
    thumb.focus()
    pg.keyboard.press("ArrowRight")
    pg.wait_for_url(re.compile(r"base=2024-04"), timeout=TIMEOUT)
    wait_until(pg, "document.body.innerText.includes('April 2024')", TIMEOUT)
    other = Page(browser)
    try:
        other.page.goto(pg.url)
        wait_change_chart(other.page)
        other_box, _ = base_slider(other.page)
        assert "April 2024" in other_box.inner_text()
        assert "country=NER" in other.page.url and "base=2024-04" in other.page.url
    finally:
        other.close()
    assert other.outside == []
    pg.locator(CHANGE).scroll_into_view_if_needed()


def test_a_malformed_baseline_is_ignored_with_a_notice(server, page):
    pg = page.page
    pg.goto(server + "/indicators?base=2024-13")
    pg.get_by_text(re.compile(r"Ignored the URL parameter base=2024-13: not a month")).wait_for(
        timeout=TIMEOUT
    )
    wait_change_chart(pg)  # the default comparison instead
    pg.wait_for_url(re.compile(r"base=2023-06"), timeout=TIMEOUT)


def test_the_map_pop_up_lists_each_measure_once(server, page):
    """Niger closed its borders with Benin and with Nigeria (two records): the pop-up listed
    'border closure (Niger)' twice."""
    pg = page.page
    pg.goto(server + "/indicators?country=NER&date=2023-09")
    pg.wait_for_selector("path.choroplethlocation", state="attached", timeout=TIMEOUT)
    pg.get_by_text("Sanctions in force at the end of September 2023").wait_for(timeout=TIMEOUT)
    niger = pg.locator("path.choroplethlocation").nth(2)  # the map's countries: MLI, BFA, NER
    niger.scroll_into_view_if_needed()
    box = niger.bounding_box()
    pg.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    wait_until(pg, "document.querySelector('.hoverlayer .hovertext') !== null", TIMEOUT)
    lines = pg.evaluate(
        "() => Array.from(document.querySelectorAll('.hoverlayer .hovertext tspan.line'))"
        ".map(e => e.textContent)"
    )
    assert lines[0] == "Niger" and "border closure (Niger)" in lines
    measures = lines[2:]
    assert len(measures) == len(set(measures)) >= 10 and lines[1] == f"Measures in force: {len(measures)}"


def test_the_page_in_french_has_no_english_in_its_figures(server, page):
    pg = page.page
    pg.goto(server + "/indicators?lang=fr&country=NER")
    wait_change_chart(pg)
    lines = change_lines(pg)
    assert "Gazole · Niger (national) (par litre)" in lines and any(s.startswith("Mil ·") for s in lines)
    ticks = texts(pg, f"{CHANGE} .ytick text")
    assert ticks and all(t.endswith("\u00a0%") for t in ticks), ticks  # '20 %': French spacing
    dates = texts(pg, f"{CHANGE} .xtick text")
    assert dates and not [d for d in dates if re.search(r"\b(Jan|Apr|Jul|Oct)\b", d)], dates
    periods = texts(pg, '[data-testid="stPlotlyChart"] .legendtext')
    assert "Bande rose :une sanction en vigueur dans un pays affiché" in periods
    assert "Mois de référence" in pg.locator('[data-testid="stSlider"]').nth(1).inner_text()
    pg.locator(CHANGE).scroll_into_view_if_needed()
