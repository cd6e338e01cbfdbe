"""WFP market prices in Chromium: the graded Niamey millet line drawn with the sanctions shaded
(English and French), and a reviewer's import of a WFP file on the Sources page, whole or not
at all."""

import re
from pathlib import Path

import pytest

from tests.conftest import Page, sign_in_reviewer, wait_until

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000
BUNDLED = Path(__file__).resolve().parents[2] / "data" / "wfp" / "wfp_food_prices_ner_subset.csv"
CHART = '[data-testid="stPlotlyChart"]:has(.legendtext)'


def market_chart(pg):
    """The chart whose legend names Katako: wait until it is drawn and return its legend."""
    expression = (
        "Array.from(document.querySelectorAll('.legendtext')).some(e => e.textContent.includes('Katako'))"
    )
    wait_until(pg, expression, TIMEOUT)
    return pg.evaluate(
        """() => {
            const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
            const plot = plots.find(p => Array.from(p.querySelectorAll('.legendtext'))
                .some(e => e.textContent.includes('Katako')));
            return {
                legend: Array.from(plot.querySelectorAll('.legendtext')).map(e => e.textContent),
                points: plot.querySelectorAll('.scatterlayer .point').length,
                shaded: plot.querySelectorAll('.shapelayer path').length,
                lines: plot.querySelectorAll('.scatterlayer .js-line').length,
            };
        }"""
    )


@pytest.mark.parametrize("lang, grades", [("en", ("normal", "crisis")), ("fr", ("normal", "crise"))])
def test_niamey_millet_is_drawn_graded_with_the_sanctions_shaded(server, page, lang, grades):
    pg = page.page
    pg.goto(server + "/indicators?country=NER" + ("&lang=fr" if lang == "fr" else ""))
    drawn = market_chart(pg)
    assert any("Katako" in t and ("Millet" in t) for t in drawn["legend"]), drawn["legend"]
    assert all(g in drawn["legend"] for g in grades), drawn["legend"]
    assert drawn["shaded"] >= 1  # the ECOWAS and WAEMU sanctions behind the line
    assert drawn["points"] >= 56  # a point per month, 2022-01 to 2026-08
    attribution = (
        "Source: WFP, via HDX, CC BY-IGO" if lang == "en" else "Source : PAM (WFP), via HDX, CC BY-IGO"
    )
    assert pg.get_by_text(attribution).first.is_visible()


def test_a_reviewer_imports_a_wfp_file_whole_or_not_at_all(review_server, browser, tmp_path):
    p = Page(browser, viewport=(1400, 1400))
    pg = p.page
    try:
        sign_in_reviewer(pg, review_server)
        pg.get_by_text("Import a WFP food-price file (HDX CSV)").first.click()
        box = pg.locator('[data-testid="stExpander"]').filter(has_text="Import a WFP food-price file")
        broken = tmp_path / "wfp_food_prices_ner.csv"
        text = BUNDLED.read_text(encoding="utf-8").splitlines()
        text[5] = text[5].rsplit(",", 2)[0] + ",abc," + text[5].rsplit(",", 1)[1]
        broken.write_text("\n".join(text) + "\n", encoding="utf-8")
        box.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(broken))
        pg.get_by_text(
            re.compile(r"Refused, nothing stored: .*line 6, column 'price': 'abc' is not a number")
        ).wait_for(timeout=TIMEOUT)
        # the bundled subset is already stored: the same rows change nothing
        newer = tmp_path / "wfp_food_prices_ner_newer.csv"
        text = BUNDLED.read_text(encoding="utf-8").splitlines()
        text.append(text[-1].replace("2026-08-15", "2026-09-15"))
        newer.write_text("\n".join(text) + "\n", encoding="utf-8")
        box = pg.locator('[data-testid="stExpander"]').filter(has_text="Import a WFP food-price file")
        box.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(newer))
        pg.get_by_text(re.compile(r"1473 rows, 1 new, 0 updated, 1472 unchanged")).wait_for(timeout=TIMEOUT)
    finally:
        p.close()
    assert p.outside == []
