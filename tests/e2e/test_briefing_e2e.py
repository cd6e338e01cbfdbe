"""The home map's "Briefing PDF" button in a real Chromium: it downloads the one-page briefing
of the date and language on screen, the same file the command line makes."""

import io
import re

import pypdf
import pytest

pytestmark = pytest.mark.e2e
TIMEOUT = 60_000


@pytest.mark.parametrize(
    "lang, label, as_of",
    [
        ("en", "Briefing PDF", "Situation as of 31 October 2024"),
        ("fr", "Note de situation (PDF)", "Situation au 31 octobre 2024"),
    ],
)
def test_the_home_button_downloads_the_briefing_of_the_view(server, page, tmp_path, lang, label, as_of):
    pg = page.page
    pg.goto(server + f"/?date=2024-10&lang={lang}")
    pg.wait_for_selector("path.choroplethlocation", state="attached", timeout=TIMEOUT)
    button = pg.get_by_role("button", name=re.compile(re.escape(label)))
    with pg.expect_download(timeout=TIMEOUT) as dl:
        button.click()
    assert dl.value.suggested_filename == f"sahel_presence_a4_20241031_{lang}.pdf"
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert as_of in text and "MISIN" in text
