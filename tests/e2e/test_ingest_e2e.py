"""From article to map in Chromium: a reviewer uploads an article, accepts a candidate, and the
event shows on the map page with the article as its source."""

import re
from pathlib import Path

import pytest

from tests.conftest import Page, choose, sign_in_reviewer

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000
ARTICLE = Path(__file__).resolve().parents[2] / "data" / "articles" / "en01_us_niger_agreement_revoked.txt"


def test_upload_accept_and_see_it_on_the_map(review_server, browser):
    """The reviewer is refused until the required fields are filled, then the event reaches
    the map with its source and grade."""
    p = Page(browser, viewport=(1400, 1400))
    pg = p.page
    try:
        sign_in_reviewer(pg, review_server)
        pg.locator('[data-testid="stFileUploaderDropzoneInput"][accept*=".txt"]').set_input_files(
            str(ARTICLE)
        )
        pg.get_by_role("button", name="Extract candidates").click()
        pg.get_by_text(re.compile(r"candidates? for review")).wait_for(timeout=TIMEOUT)
        # The first candidate is the revocation of the US agreement, dated 16 March 2024.
        form = pg.locator('[data-testid="stForm"]').first
        form.wait_for(timeout=TIMEOUT)
        assert "revoked" in form.inner_text()
        # Accepted as it stands, it is refused: nobody wrote a summary or graded the source.
        form.get_by_role("button", name="Accept").click()
        refusal = pg.get_by_text(re.compile(r"Not accepted\. Fill in or choose: .*Summary"))
        refusal.wait_for(timeout=TIMEOUT)
        assert "Source grade" in refusal.inner_text()
        form.get_by_label("Summary (your own words)").fill(
            "Niger's junta revoked its military accord with the US."
        )
        choose(form, "Source grade", "established outlet")
        form.get_by_role("button", name="Accept").click()
        pg.get_by_text(re.compile(r"Accepted: ingested-.* is stored in Events")).wait_for(timeout=TIMEOUT)
        # The review log is on the page, for reviewers.
        pg.get_by_role("heading", name="Review log").wait_for(timeout=TIMEOUT)

        # Upload the same file again: nothing changes.
        pg.locator('[data-testid="stFileUploaderDropzoneInput"][accept*=".txt"]').set_input_files(
            str(ARTICLE)
        )
        pg.get_by_role("button", name="Extract candidates").click()
        pg.get_by_text(re.compile(r"already stored: nothing changed")).wait_for(timeout=TIMEOUT)

        pg.goto(review_server + "/?date=2024-03")
        pg.get_by_text("Niger's junta revoked its military accord with the US.").wait_for(timeout=TIMEOUT)
        assert pg.get_by_text("Sahel Presence Monitor (brief)").first.is_visible()
        assert pg.get_by_text("strongest source: established outlet").first.is_visible()
    finally:
        p.close()
    assert p.outside == []
