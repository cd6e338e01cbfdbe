"""Timeline and indicators in Chromium: filter, share the link, export and read it back."""

import re

import pytest

from dashboard.logic import filters, selection
from dashboard.records.dataset import load_all
from tests.conftest import Page, export_events_csv, wait_until

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000


def bar_count(pg) -> int:
    return pg.locator(".barlayer path").count()


def counts_caption(pg) -> str:
    return pg.get_by_text(re.compile(r"\d+ events, \d+ force presences")).inner_text()


def expected_events(**params) -> int:
    view, _ = filters.from_params(params)
    return len(selection.select("events", load_all()["events"], view))


def wait_chart(pg):
    pg.wait_for_selector(".barlayer path", state="attached", timeout=TIMEOUT)


def test_filter_share_and_export(server, browser, page, tmp_path):
    pg = page.page
    pg.goto(server + "/timeline")
    wait_chart(pg)
    all_bars = bar_count(pg)
    assert f"{expected_events()} events" in counts_caption(pg)

    # Choose Niger in the country filter, as a person would.
    pg.locator('[data-testid="stMultiSelect"]').first.click()
    pg.get_by_role("option", name="Niger").click()
    pg.keyboard.press("Escape")
    pg.wait_for_url(re.compile(r"country=NER"), timeout=TIMEOUT)
    pg.get_by_text(f"{expected_events(country='NER')} events,").wait_for(timeout=TIMEOUT)
    wait_until(
        pg,
        f"(() => {{ const n = document.querySelectorAll('.barlayer path').length;"
        f" return n > 0 && n < {all_bars}; }})()",
        TIMEOUT,
    )

    # The address now carries the view: open it in a fresh browser context.
    shared = pg.url
    other = Page(browser)
    try:
        other.page.goto(shared)
        other.page.get_by_text(f"{expected_events(country='NER')} events,").wait_for(timeout=TIMEOUT)
        assert counts_caption(other.page) == counts_caption(pg)
        assert other.page.get_by_text("Niger").first.is_visible()
    finally:
        other.close()
    assert other.outside == []

    # Export the filtered events and read them back.
    frame = export_events_csv(pg, tmp_path, TIMEOUT)
    assert len(frame) == expected_events(country="NER")
    assert set(frame["country"]) == {"NER"}
    assert frame.attrs["hxl"]["country"] == "#country+code"


def test_date_window_in_the_link_is_applied(server, page):
    pg = page.page
    pg.goto(server + "/timeline?country=NER&from=2023-07-26&to=2024-02-24&type=withdrawal_completed")
    n = expected_events(
        country="NER", **{"from": "2023-07-26", "to": "2024-02-24"}, type="withdrawal_completed"
    )
    pg.get_by_text(f"{n} events,").wait_for(timeout=TIMEOUT)
    # The boxes are filled once their widgets have drawn (later than the caption on a busy machine).
    wait_until(
        pg,
        "['2023-07-26', '2024-02-24'].every(v => "
        "Array.from(document.querySelectorAll('input')).some(i => i.value === v))",
        TIMEOUT,
    )
    dates = [pg.get_by_role("textbox", name=name, exact=True).input_value() for name in ("From", "To")]
    assert dates == ["2023-07-26", "2024-02-24"]


def test_a_typed_date_applies_on_enter_and_goes_into_the_link(server, browser, page):
    """A date typed in the filter box applied only when the field lost focus: a link copied
    right after typing had no end date. Enter applies it and writes it into the address."""
    pg = page.page
    pg.goto(server + "/timeline?country=NER")
    wait_chart(pg)
    box = pg.get_by_role("textbox", name="To", exact=True)
    box.click()
    pg.keyboard.type("2023-12")  # a month, as the URL takes it: its last day
    pg.keyboard.press("Enter")
    pg.wait_for_url(re.compile(r"to=2023-12-31"), timeout=TIMEOUT)
    assert box.evaluate("e => e === document.activeElement")  # applied without leaving the box
    n = expected_events(country="NER", to="2023-12-31")
    pg.get_by_text(f"{n} events,").wait_for(timeout=TIMEOUT)
    other = Page(browser)  # the link copied right then reopens the same window
    try:
        other.page.goto(pg.url)
        other.page.get_by_text(f"{n} events,").wait_for(timeout=TIMEOUT)
    finally:
        other.close()
    # what is not a date is refused under the box, and the window stays as it was
    box.fill("31/12/2023")
    pg.keyboard.press("Enter")
    pg.get_by_text(re.compile(r"“31/12/2023” is not a date")).wait_for(timeout=TIMEOUT)
    assert "to=2023-12-31" in pg.url


def chart_texts(pg, selector: str, chart: int = 0) -> list[str]:
    """The texts of `selector` inside the page's `chart`-th plotly chart."""
    return pg.evaluate(
        "([sel, i]) => Array.from(document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')[i]"
        ".querySelectorAll(sel)).map(e => e.textContent)",
        [selector, chart],
    )


def show_prices(pg):
    """Scroll the price panel into view (the screenshot taken after the test shows it)."""
    pg.locator(".g-y3title").scroll_into_view_if_needed()
    pg.wait_for_timeout(500)


def test_the_price_panel_can_be_read(server, page):
    """The panel had no legend, no unit and log ticks reading '5, 2, 10k, 5, 2, 1000'; the
    light part of the bars and the pink band were not explained."""
    pg = page.page
    pg.goto(server + "/timeline?country=NER")
    wait_chart(pg)
    wait_until(pg, "document.querySelectorAll('.y3tick text').length > 2", TIMEOUT)
    ticks = chart_texts(pg, ".y3tick text")
    assert {"1,000", "10,000"} <= set(ticks), ticks
    assert not any("k" in t for t in ticks) and len(ticks) == len(set(ticks))  # no "5, 2, 5, 2"
    [title] = chart_texts(pg, ".g-y3title text")
    assert title.startswith("Price, CFA francs")
    prices = chart_texts(pg, ".legend2 .legend2text")
    assert (
        "Rice · Zinder, Niger (per 25 kg bag)" in prices and "Diesel · Niger (national) (per litre)" in prices
    )
    keys = chart_texts(pg, ".legend .legendtext")
    assert "Light part of a bar:leaving announced" in keys  # the two lines of one entry
    assert "Pink band:a sanction in force in a country in view" in keys
    show_prices(pg)


def test_the_timeline_in_french_has_no_english_in_its_figure(server, page):
    pg = page.page
    pg.goto(server + "/timeline?lang=fr&country=NER&from=2023-06-01&to=2024-06-30")
    wait_chart(pg)
    wait_until(pg, "document.querySelectorAll('.y3tick text').length > 2", TIMEOUT)
    dates = chart_texts(pg, ".xtick text") + chart_texts(pg, ".x3tick text")
    assert "juil. 2023" in dates and "janv. 2024" in dates, dates
    english = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")
    assert not [d for d in dates if english.search(d)]
    assert "1\u202f000" in chart_texts(pg, ".y3tick text")  # French grouping
    [title] = chart_texts(pg, ".g-y3title text")
    assert title.startswith("Prix, francs CFA")
    prices = chart_texts(pg, ".legend2 .legend2text")
    assert "Riz · Niamey, Niger (par sac de 25 kg)" in prices
    rows = chart_texts(pg, ".ytick text")
    assert "Forces françaises au Niger · Niger · Arlit" in rows and not any(
        "French forces" in r for r in rows
    )
    keys = chart_texts(pg, ".legend .legendtext")
    assert "Partie claire d'une barre :départ annoncé" in keys
    show_prices(pg)


def test_malformed_parameters_are_ignored_with_a_notice(server, page):
    pg = page.page
    pg.goto(server + "/timeline?country=XXX&from=yesterday&colour=red")
    pg.get_by_text(re.compile(r"Ignored the URL parameter country=XXX")).wait_for(timeout=TIMEOUT)
    assert pg.get_by_text(re.compile(r"from=yesterday")).is_visible()
    assert pg.get_by_text(re.compile(r"colour=red")).is_visible()
    wait_chart(pg)


def test_indicators_map_and_price_change(server, page):
    pg = page.page
    pg.goto(server + "/indicators?country=NER&date=2023-09")
    pg.wait_for_selector("path.choroplethlocation", state="attached", timeout=TIMEOUT)
    pg.get_by_text("Sanctions in force at the end of September 2023").wait_for(timeout=TIMEOUT)
    # The change chart draws one line per price series with a baseline.
    pg.wait_for_selector(".scatterlayer .trace", state="attached", timeout=TIMEOUT)
    assert pg.locator(".scatterlayer .trace").count() >= 1
