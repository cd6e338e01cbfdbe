"""The dense-presence strip drawn by plotly.js in Chromium, not only built as JSON.

plotly.js draws an empty chart when heatmaps on a category axis lack some of its categories
(here the rows of counted events); the strip is one heatmap holding every row. This draws a timeline dense enough for the strip with
plotly's own bundled script, offline, and checks cells are painted and nothing raised.
"""

import pandas as pd
import pytest

from dashboard.figures import timeline as tc

pytestmark = pytest.mark.e2e


def test_dense_presence_strip_draws_in_chromium(page, tmp_path):
    rows = [
        {
            "actor": actor,
            "force": f"{actor} {k}",
            "country": "MLI",
            "location_id": "",
            "start": pd.Timestamp("2014-01-01") + pd.Timedelta(days=9 * i),
            "end": pd.Timestamp("2014-01-01") + pd.Timedelta(days=9 * i + 4),
            "leaving_since": pd.NaT,
            "source_ids": "S1",
            "event_ids": "E1",
        }
        for actor in ("France", "Russia", "United States")
        for k in range(2)
        for i in range(60)
    ]
    # Counted events sit on rows of their own ("Events · Mali") on the same category axis.
    counts = pd.DataFrame(
        {
            "event_type": "presence_reported",
            "country": ["MLI", "NER"],
            "period": pd.to_datetime(["2014-03-01", "2015-06-01"]),
            "n": [40, 7],
        }
    )
    fig = tc.timeline(
        pd.DataFrame(rows),
        pd.DataFrame(),
        pd.DataFrame(),
        pd.DataFrame(),
        "en",
        pd.Timestamp("2016-01-01"),
        {},
        counts=(counts, "month"),
    )
    assert [t.type for t in fig.data].count("heatmap") == 1
    html = tmp_path / "strip.html"
    fig.write_html(html, include_plotlyjs=True)  # plotly's bundled script: no network
    errors = []
    pg = page.page
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.set_content(html.read_text(encoding="utf-8"))
    pg.wait_for_selector(".heatmaplayer image", state="attached", timeout=30_000)
    assert errors == []
    assert pg.locator(".scatterlayer path.point").count() == 2  # the counted events too
    legend = pg.evaluate("() => [...document.querySelectorAll('.legendtext')].map(e => e.textContent)")
    assert {"France", "Russia", "United States"} <= set(legend)
