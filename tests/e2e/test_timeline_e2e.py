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
    dates = pg.locator('[data-testid="stDateInput"] input')
    assert [dates.nth(0).input_value(), dates.nth(1).input_value()] == ["2023-07-26", "2024-02-24"]


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
