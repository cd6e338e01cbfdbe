"""From article to map in Chromium: a reviewer uploads an article, accepts a candidate, and the
event shows on the map page with the article as its source."""
import re
from pathlib import Path

import pytest

from tests.conftest import REVIEWER_TOKEN as TOKEN, Page

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000
ARTICLE = Path(__file__).resolve().parents[2] / "data" / "articles" / "en01_us_niger_agreement_revoked.txt"




def test_upload_accept_and_see_it_on_the_map(review_server, browser):
    p = Page(browser, viewport=(1400, 1400))
    pg = p.page
    try:
        pg.goto(review_server + "/sources")
        pg.get_by_label("Reviewer token", exact=True).fill(TOKEN)
        pg.keyboard.press("Enter")
        pg.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(ARTICLE))
        pg.get_by_role("button", name="Extract candidates").click()
        pg.get_by_text(re.compile(r"candidate\(s\) for review")).wait_for(timeout=TIMEOUT)
        # The first candidate is the revocation of the US agreement, dated 16 March 2024.
        form = pg.locator('[data-testid="stForm"]').first
        form.wait_for(timeout=TIMEOUT)
        assert "revoked" in form.inner_text()
        form.get_by_label("Summary").fill("Niger's junta revoked its military accord with the US.")
        form.get_by_role("button", name="Accept").click()
        pg.get_by_text(re.compile(r"Accepted: ingested-")).wait_for(timeout=TIMEOUT)

        # Upload the same file again: nothing changes.
        pg.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(ARTICLE))
        pg.get_by_role("button", name="Extract candidates").click()
        pg.get_by_text(re.compile(r"already stored: nothing changed")).wait_for(timeout=TIMEOUT)

        pg.goto(review_server + "/?date=2024-03")
        pg.get_by_text("Niger's junta revoked its military accord with the US.").wait_for(timeout=TIMEOUT)
        assert pg.get_by_text("Sahel Presence Monitor (brief)").first.is_visible()
    finally:
        p.close()
    assert p.outside == []
