"""The home map's region layer in a real Chromium, offline: switched on, the admin-1 regions
where forces are present are drawn under the markers (a screenshot in EN and FR is kept)."""

from pathlib import Path

import pytest

from tests.conftest import wait_until

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screens"


@pytest.mark.parametrize("lang, label", [("en", "Regions"), ("fr", "Régions")])
def test_the_region_layer_draws_offline(server, page, lang, label):
    pg = page.page
    outside = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    pg.goto(server + f"/?date=2023-10&lang={lang}")
    pg.wait_for_selector("path.choroplethlocation", state="attached", timeout=TIMEOUT)
    before = pg.locator("path.choroplethlocation").count()
    assert before == 14  # the countries only
    pg.get_by_text(label, exact=True).click()
    wait_until(pg, f"document.querySelectorAll('path.choroplethlocation').length > {before}", TIMEOUT)
    shapes = pg.evaluate(
        "() => Array.from(document.querySelectorAll('path.choroplethlocation'), p => (p.getAttribute('d') || '').length)"
    )
    regions = shapes[before:]
    assert len(regions) >= 5  # Niamey, Agadez, Tillabéri, Gao, Kidal ... where forces were
    assert min(regions) > 50, "a region was drawn empty"
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.locator(".js-plotly-plot").first.screenshot(path=str(SHOTS / f"regions_{lang}.png"))
    assert not outside, outside
