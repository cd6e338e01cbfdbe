"""The home map in a real headless Chromium: outlines and markers drawn, date moves, offline."""

import re

import pandas as pd
import pytest

from dashboard import i18n
from dashboard.logic import presence
from dashboard.records.dataset import load_all
from dashboard.views import situation as map_view
from tests.conftest import wait_until

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000


def expected_markers(month: str, window_months: int = 12) -> int:
    """Present forces plus those that left in the window, from the library on the bundled data."""
    events = load_all()["events"]
    intervals = presence.build_intervals(events)
    when = map_view.map_date(month)
    since = when - pd.DateOffset(months=window_months)
    return len(presence.present_on(intervals, when)) + len(presence.left_by(intervals, when, since))


def marker_count(pg) -> int:
    return pg.locator(".scattergeo path.point").count()


def wait_for_markers(pg, n: int):
    wait_until(pg, f"document.querySelectorAll('.scattergeo path.point').length === {n}", TIMEOUT)


def test_map_draws_country_outlines_and_markers_offline(server, page):
    pg = page.page
    pg.goto(server + "/?date=2024-01")
    pg.wait_for_selector("path.choroplethlocation", state="attached", timeout=TIMEOUT)
    outlines = pg.locator("path.choroplethlocation")
    assert outlines.count() == 14  # the three countries and their eleven neighbours
    shapes = [len(outlines.nth(i).get_attribute("d") or "") for i in range(outlines.count())]
    assert min(shapes) > 100, "a country outline was drawn empty: the topology did not load"
    wait_for_markers(pg, expected_markers("2024-01"))
    # The headline figures are plain text above the map.
    assert pg.get_by_text("Confirmed ≤ 12 months").first.is_visible()
    assert pg.get_by_text("Last confirmed > 12 months").first.is_visible()
    assert pg.get_by_text("January 2024").first.is_visible()


def test_moving_the_date_changes_the_markers_and_the_url(server, page):
    pg = page.page
    pg.goto(server + "/?date=2024-01")
    wait_for_markers(pg, expected_markers("2024-01"))
    before = marker_count(pg)
    slider = pg.get_by_role("slider").first
    slider.focus()
    slider.press("Home")  # first month: January 2013, Serval just begun
    pg.wait_for_url(re.compile(r"date=2013-01"), timeout=TIMEOUT)
    wait_for_markers(pg, expected_markers("2013-01"))
    assert marker_count(pg) != before
    assert pg.get_by_text("January 2013").first.is_visible()


def test_map_opens_on_today_and_states_the_age_of_its_evidence(server, page):
    pg = page.page
    pg.goto(server + "/")
    today = pd.Timestamp.today().normalize()
    latest = str(pd.Period(today, "M"))
    pg.wait_for_url(re.compile(f"date={latest}"), timeout=TIMEOUT)
    wait_for_markers(pg, expected_markers(latest))
    # The slider and the map's own title say today, never the end of a month to come.
    today_text = i18n.fmt_date(today, "day", "en")
    assert pg.get_by_text(f"today, {today_text}").first.is_visible()
    events = load_all()["events"]
    newest = events.loc[events["date"] <= today, "date"].max()
    headline = pg.get_by_text(re.compile(r"^Newest evidence: ")).first
    assert i18n.fmt_date(newest, "day", "en") in headline.inner_text()
    assert i18n.fmt_age(newest, today, "en", today=True) in headline.inner_text()
    assert pg.locator(".js-plotly-plot .annotation").first.text_content().startswith(today_text)


def test_switching_language_keeps_the_map_date(server, page):
    pg = page.page
    pg.goto(server + "/?date=2020-05")
    wait_for_markers(pg, expected_markers("2020-05"))
    pg.get_by_text("Français", exact=True).click()
    pg.get_by_text("Qui est où").first.wait_for(timeout=TIMEOUT)
    pg.get_by_text("mai 2020").first.wait_for(timeout=TIMEOUT)
    assert "date=2020-05" in pg.url and "lang=fr" in pg.url
    assert pg.get_by_role("slider").first.get_attribute("aria-valuetext") == "mai 2020"
    wait_for_markers(pg, expected_markers("2020-05"))
    # The next move starts from May 2020, not from the first month.
    slider = pg.get_by_role("slider").first
    slider.focus()
    slider.press("ArrowRight")
    pg.wait_for_url(re.compile(r"date=2020-06"), timeout=TIMEOUT)


def test_play_keeps_advancing_month_after_month(server, page):
    pg = page.page
    pg.goto(server + "/?date=2024-01")
    wait_for_markers(pg, expected_markers("2024-01"))
    pg.get_by_text("Play", exact=True).click()
    # Three steps in a row, not one: the timer keeps running after the first.
    pg.wait_for_url(re.compile(r"date=2024-04"), timeout=TIMEOUT)
    wait_for_markers(pg, expected_markers("2024-04"))
