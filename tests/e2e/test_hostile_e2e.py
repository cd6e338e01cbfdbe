"""Hostile uploads in Chromium: markup and script in an article stay text on every page, and
files that are too big, binary or sent without the reviewer token store nothing."""

import html
import re

import pytest

from tests.conftest import REVIEWER_TOKEN as TOKEN
from tests.conftest import Page, choose, sign_in_reviewer

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000
IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
JS_URL = "javascript:window.__pwned=1"
MD_LINK = "[x](javascript:alert(1))"
TITLE = f"Hostile title {IMG} {MD_LINK}"
PUBLISHER = f"{SCRIPT} Wire"
FORCE = f"{SCRIPT} Africa Corps"
SUMMARY = f"{IMG} {MD_LINK} {JS_URL}"
FILENAME = f"evil {MD_LINK}<b>bold</b>.html"
# What would show that a payload turned into markup instead of staying text.
LIVE_MARKUP_JS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('[href], [src], [action], [formaction]')) {
    for (const a of ['href', 'src', 'action', 'formaction']) {
      const v = (el.getAttribute(a) || '').trim().toLowerCase();
      if (v.startsWith('javascript:') || (a === 'src' && v === 'x')) found.push(el.outerHTML.slice(0, 120));
    }
  }
  for (const el of document.querySelectorAll('[onerror], [onload], [onclick]')) found.push(el.outerHTML.slice(0, 120));
  for (const el of document.querySelectorAll('script')) {
    if ((el.textContent || '').includes('__pwned')) found.push('script: ' + el.textContent.slice(0, 80));
  }
  for (const el of document.querySelectorAll('b')) {
    if (el.textContent === 'bold') found.push('<b>bold</b> rendered as markup');
  }
  return found;
}"""


def hostile_article() -> bytes:
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>fallback</title>
<meta property="og:title" content="{e(TITLE)}">
<meta property="og:site_name" content="{e(PUBLISHER)}">
<meta property="og:url" content="{e(JS_URL)}">
<meta property="article:published_time" content="2024-04-12">
</head><body><article>
<h1>Russian military instructors land in Niger</h1>
<p>NIAMEY, April 12 - Russian military instructors arrived in Niamey on Wednesday aboard a
transport plane, Nigerien state television reported.</p>
<p>Readers sent this: {e(IMG)} and {e(SCRIPT)} and {e(MD_LINK)} and {e(JS_URL)}.</p>
</article></body></html>""".encode()


class Guarded(Page):
    """A page that records dialogs (and dismisses them) so that none can go unnoticed."""

    def __init__(self, browser, viewport=(1400, 1400)):
        super().__init__(browser, viewport)
        self.dialogs: list[str] = []
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def assert_clean(self, where: str):
        pg = self.page
        pg.wait_for_timeout(300)  # an onerror handler fires once the broken image has failed
        assert pg.evaluate("typeof window.__pwned") == "undefined", f"payload ran on {where}"
        assert self.dialogs == [], f"dialog opened on {where}: {self.dialogs}"
        assert pg.evaluate(LIVE_MARKUP_JS) == [], f"payload became markup on {where}"
        assert pg.locator('[data-testid="stException"]').count() == 0, f"exception on {where}"


@pytest.fixture
def guarded(browser):
    g = Guarded(browser)
    yield g
    g.close()
    assert g.outside == [], f"requests left localhost: {g.outside}"


def sign_in(pg, url: str, token: str = TOKEN):
    sign_in_reviewer(pg, url, token, name="E2E reviewer" if token == TOKEN else None)


def upload(pg, name: str, data: bytes, mime: str = "text/plain"):
    pg.locator('[data-testid="stFileUploaderDropzoneInput"][accept*=".txt"]').set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}]
    )


def extract(pg):
    pg.get_by_role("button", name="Extract candidates").click()


def shows_text(pg, text: str) -> bool:
    """The exact payload is on the page as text (in the DOM's text, not as markup)."""
    return pg.evaluate("t => document.body.innerText.includes(t)", text)


def stored_titles(pg, url: str) -> list[str]:
    """The titles in the Sources page's article picker (empty when nothing is stored)."""
    pg.goto(url + "/sources")
    pg.wait_for_selector('[data-testid="stDataFrame"]', timeout=TIMEOUT)
    picker = pg.locator('[data-testid="stSelectbox"]').filter(has_text="Article")
    if picker.count() == 0:
        return []
    picker.first.click()
    options = pg.get_by_role("option")
    options.first.wait_for(timeout=TIMEOUT)
    titles = options.all_inner_texts()
    pg.keyboard.press("Escape")
    return titles


@pytest.fixture(scope="module")
def hostile_upload(review_server, browser):
    """A reviewer uploads the hostile article and accepts its candidate with a hostile force
    name and summary. What the pages showed on the way is kept for the tests to judge."""
    g = Guarded(browser)
    pg = g.page
    seen = {}
    try:
        sign_in(pg, review_server)
        upload(pg, FILENAME, hostile_article(), "text/html")
        extract(pg)
        result = pg.get_by_text(re.compile(r"candidates? for review")).first
        result.wait_for(timeout=TIMEOUT)
        seen["result"] = result.inner_text()
        seen["after upload"] = clean_report(g)
        form = pg.locator('[data-testid="stForm"]').first
        form.wait_for(timeout=TIMEOUT)
        seen["form"] = form.inner_text()
        form.get_by_label("Force").fill(FORCE)
        form.get_by_label("Summary (your own words)").fill(SUMMARY)
        if form.locator('[data-testid="stSelectbox"]').filter(has_text="Source grade").count():
            choose(form, "Source grade", "unknown or weak source")
        # The article's own address is a javascript: URL: refused until a real one is given.
        form.get_by_role("button", name="Accept").click()
        refusal = pg.get_by_text(re.compile(r"Not accepted: url must be an http\(s\) address"))
        refusal.wait_for(timeout=TIMEOUT)
        seen["url refused"] = refusal.inner_text()
        form.get_by_label("Source address").fill("https://example.org/hostile-article")
        form.get_by_role("button", name="Accept").click()
        pg.get_by_text(re.compile(r"Accepted: ingested-")).wait_for(timeout=TIMEOUT)
        seen["after review"] = clean_report(g)
    finally:
        g.close()
    seen["outside"] = g.outside
    return seen


def clean_report(g: "Guarded") -> dict:
    g.page.wait_for_timeout(300)
    return {
        "pwned": g.page.evaluate("typeof window.__pwned"),
        "dialogs": list(g.dialogs),
        "markup": g.page.evaluate(LIVE_MARKUP_JS),
        "exceptions": g.page.locator('[data-testid="stException"]').count(),
    }


def test_upload_and_review_run_no_payload(hostile_upload):
    for step in ("after upload", "after review"):
        assert hostile_upload[step] == {"pwned": "undefined", "dialogs": [], "markup": [], "exceptions": 0}, (
            step
        )
    assert TITLE in hostile_upload["form"] and PUBLISHER in hostile_upload["form"]
    assert hostile_upload["outside"] == []


def test_a_javascript_source_address_is_refused(hostile_upload):
    assert "http(s)" in hostile_upload["url refused"]


def test_upload_result_shows_the_file_name_as_text(hostile_upload):
    # The name is the uploader's to choose: markdown in it must not turn into a link or image.
    assert hostile_upload["result"].startswith(FILENAME + ":"), hostile_upload["result"]


def test_hostile_article_stays_text_on_every_page(review_server, hostile_upload, guarded):
    pg = guarded.page
    # The article view of the Sources page, as any reader sees it (no token).
    pg.goto(review_server + "/sources")
    pg.get_by_text("Stored articles").wait_for(timeout=TIMEOUT)
    pg.wait_for_selector('[data-testid="stDataFrame"]', timeout=TIMEOUT)
    for text in (TITLE, PUBLISHER, IMG, SCRIPT, MD_LINK, JS_URL):
        assert shows_text(pg, text), f"not shown as text on /sources: {text}"
    guarded.assert_clean("/sources")

    # The map at the event's month: the force in the present list, the summary in the changes.
    pg.goto(review_server + "/?date=2024-04")
    pg.wait_for_selector(".scattergeo path.point", state="attached", timeout=TIMEOUT)
    pg.get_by_text("Africa Corps").first.wait_for(timeout=TIMEOUT)
    assert shows_text(pg, FORCE) and shows_text(pg, SUMMARY)
    guarded.assert_clean("the map")

    # The timeline: the force names its presence row on the chart's axis.
    pg.goto(review_server + "/timeline?country=NER&from=2024-01-01&to=2024-12-31")
    pg.wait_for_selector(".barlayer path", state="attached", timeout=TIMEOUT)
    ticks = pg.locator(".yaxislayer-above text, .yaxislayer text").all_text_contents()
    assert any(FORCE in t for t in ticks), ticks
    guarded.assert_clean("the timeline")

    pg.goto(review_server + "/present?step=1")
    pg.wait_for_selector(".js-plotly-plot", state="attached", timeout=TIMEOUT)
    guarded.assert_clean("the presentation")


def test_oversized_upload_is_refused_and_stores_nothing(review_server, hostile_upload, guarded):
    pg = guarded.page
    before = stored_titles(pg, review_server)
    assert before  # the hostile article: the picker is there to compare with
    body = (
        "published: 2024-03-01\ntitle: OVERSIZE-MARKER\n\n"
        + "France withdrew its troops from Niger. " * 32_000
    ).encode()
    assert 1_000_000 < len(body) < 2 * 1024 * 1024  # over the article limit, under Streamlit's
    sign_in(pg, review_server)
    upload(pg, "big.txt", body)
    extract(pg)
    pg.get_by_text(re.compile(r"big\.txt: the file is [\d,]+ bytes; the limit is 1,000,000 bytes")).wait_for(
        timeout=TIMEOUT
    )
    guarded.assert_clean("the oversize message")
    # Over the server's upload limit (server.maxUploadSize = 2 MB): the uploader refuses it.
    upload(pg, "huge.txt", body * 3)
    pg.get_by_text(re.compile(r"File must be .+ or smaller")).first.wait_for(timeout=TIMEOUT)
    # big.txt is still listed in the uploader; extracting again reaches big.txt only.
    extract(pg)
    pg.get_by_text(re.compile(r"big\.txt: the file is")).wait_for(timeout=TIMEOUT)
    assert pg.get_by_text(re.compile(r"huge\.txt: ")).count() == 0
    assert stored_titles(pg, review_server) == before
    assert not shows_text(pg, "OVERSIZE-MARKER")


def test_binary_file_is_refused_and_stores_nothing(review_server, hostile_upload, guarded):
    pg = guarded.page
    before = stored_titles(pg, review_server)
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    sign_in(pg, review_server)
    upload(pg, "photo.txt", png)
    extract(pg)
    pg.get_by_text(re.compile(r"photo\.txt: this looks like a binary file")).wait_for(timeout=TIMEOUT)
    guarded.assert_clean("the binary message")
    assert stored_titles(pg, review_server) == before


def test_no_upload_without_the_token(review_server, server, guarded):
    pg = guarded.page
    # A server with no reviewer credential at all: read-only, not even a token field.
    pg.goto(server + "/sources")
    pg.get_by_text("Read-only: no reviewer credential is configured on this server.").wait_for(
        timeout=TIMEOUT
    )
    assert pg.locator('[data-testid="stFileUploader"]').count() == 0
    assert pg.get_by_label("Reviewer token", exact=True).count() == 0
    # A reviewer server, before the token is given and with a wrong one.
    pg.goto(review_server + "/sources")
    pg.get_by_label("Reviewer token", exact=True).wait_for(timeout=TIMEOUT)
    pg.wait_for_selector('[data-testid="stDataFrame"]', timeout=TIMEOUT)
    assert pg.locator('[data-testid="stFileUploader"]').count() == 0
    sign_in(pg, review_server, token="not-the-token")
    pg.get_by_text("This token is not valid.").wait_for(timeout=TIMEOUT)
    assert pg.locator('[data-testid="stFileUploader"]').count() == 0
    assert pg.get_by_role("button", name="Extract candidates").count() == 0
    guarded.assert_clean("the read-only Sources page")
