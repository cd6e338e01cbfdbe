"""A large archive in Chromium: the timeline stays light and the export still holds everything.

A synthetic store of 5,000 events (bench/synth.py, valid against the schema) is more than the
timeline draws one by one: it shows counts per period, a table of the newest rows, and an
export that reads every selected event from the store when the button is clicked.
"""

import re

import pytest

from bench.synth import generate
from tests.conftest import export_events_csv, start_server, wait_until

pytestmark = pytest.mark.e2e
TIMEOUT = 60_000
N_EVENTS = 5000


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    data = generate(N_EVENTS, tmp_path_factory.mktemp("synthetic"))
    proc, url = start_server(tmp_path_factory.mktemp("large"), {"SAHEL_DATA": str(data)})
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_large_timeline_draws_counts_and_exports_every_event(large, page, tmp_path):
    pg = page.page
    pg.goto(large + "/timeline?country=NER")
    pg.wait_for_selector(".js-plotly-plot .scatterlayer path.point", state="attached", timeout=TIMEOUT)
    caption = pg.get_by_text(re.compile(r"[\d,]+ events, [\d,]+ force presences")).inner_text()
    n_niger = int(re.match(r"([\d,]+) events", caption).group(1).replace(",", ""))
    assert 1000 < n_niger < N_EVENTS  # a country's share of the archive, not all of it
    # Counted markers, not one per event; their hover says how many each stands for, and
    # those counts add up to the events in view (read from the figure drawn in the page).
    drawn = pg.evaluate("""() => document.querySelector('.js-plotly-plot').data
        .filter(t => (t.legendgroup || '').startsWith('event:'))
        .map(t => ({n: t.x.length, counted: t.hovertext.reduce(
            (sum, h) => sum + Number(h.split(' · ').pop()), 0)}))""")
    assert sum(t["counted"] for t in drawn) == n_niger
    assert sum(t["n"] for t in drawn) < n_niger / 2
    pg.get_by_text(f"The latest 1000 of {n_niger} events").wait_for(timeout=TIMEOUT)
    # The figure as the browser received it (data and layout), under the 300 KB budget.
    spec = pg.evaluate(
        "() => { const gd = document.querySelector('.js-plotly-plot');"
        " return JSON.stringify({data: gd.data, layout: gd.layout}).length; }"
    )
    assert 10_000 < spec < 300_000

    frame = export_events_csv(pg, tmp_path, TIMEOUT)
    assert len(frame) == n_niger and frame["event_id"].is_unique
    assert set(frame["country"]) == {"NER"}


@pytest.mark.parametrize("path", ["/?date=2024-06", "/present?step=2", "/indicators", "/sources"])
def test_every_page_opens_on_the_large_archive(large, page, path):
    """No page raises or sends a figure over budget when the store holds 5,000 events."""
    pg = page.page
    pg.goto(large + path)
    pg.wait_for_selector(
        ".js-plotly-plot .main-svg, [data-testid='stDataFrame'] canvas", state="attached", timeout=TIMEOUT
    )
    wait_until(pg, "!document.querySelector('[data-stale=\"true\"]')", TIMEOUT)
    assert pg.locator('[data-testid="stException"]').count() == 0
    sizes = pg.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')].map(gd =>"
        " JSON.stringify({data: gd.data, layout: gd.layout}).length)"
    )
    assert sizes or path == "/sources"  # every other page draws at least one chart
    assert all(s < 300_000 for s in sizes), sizes
