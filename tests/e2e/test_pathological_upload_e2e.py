"""One crafted upload of nearly 1 MB must not freeze the server: a reviewer uploads it while a
reader opens the map in a second browser, and both get their answer in seconds."""

import re
import time

import pytest

from tests.conftest import Page, sign_in_reviewer

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000
# Markdown that made the old reader's regular expressions take minutes (a heading, a long run
# of spaces, a word), padded to just under the 1,000,000-byte upload cap.
HEADER = b"title: Crafted\npublisher: Test\npublished: 2024-01-01\nurl: https://example.org/x\n\n"
BODY = b"# a" + b" " * 990_000 + b"b\n"


def test_a_crafted_upload_is_answered_fast_and_blocks_no_reader(review_server, browser):
    reviewer, reader = Page(browser, viewport=(1400, 1200)), Page(browser)
    timings = {}
    try:
        pg = reviewer.page
        sign_in_reviewer(pg, review_server)
        pg.locator('[data-testid="stFileUploaderDropzoneInput"][accept*=".txt"]').set_input_files(
            files=[{"name": "crafted.md", "mimeType": "text/markdown", "buffer": HEADER + BODY}]
        )
        pg.get_by_role("button", name="Extract candidates").wait_for(timeout=TIMEOUT)

        start = time.monotonic()
        pg.get_by_role("button", name="Extract candidates").click()  # returns once clicked
        # Meanwhile a second browser (a second session) opens the map: the server must answer.
        reader.page.goto(review_server + "/?date=2024-01")
        reader.page.get_by_text("Confirmed ≤ 12 months").first.wait_for(timeout=TIMEOUT)
        timings["reader"] = time.monotonic() - start
        pg.get_by_text(re.compile(r"crafted\.md: ")).first.wait_for(timeout=TIMEOUT)
        timings["upload"] = time.monotonic() - start
    finally:
        reviewer.close()
        reader.close()
    assert timings["upload"] < 15, timings  # read, extracted and answered (stored or refused)
    assert timings["reader"] < 30, timings  # the map page answered meanwhile
    assert reviewer.outside == [] and reader.outside == []
