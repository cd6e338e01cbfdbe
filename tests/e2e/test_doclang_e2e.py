"""`<html lang>` follows the dashboard's language (dashboard.ui.doclang), in a real Chromium
against the real server under its Content-Security-Policy: from the URL, after a switch in the
sidebar without a reload, and on every page; the component behind it takes no place in the
page and nothing leaves localhost (the `page` fixture checks that)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import wait_until

pytestmark = pytest.mark.e2e
TIMEOUT = 45_000

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  `${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""
LANG = "document.documentElement.lang"
COMPONENT = '[data-testid="stCustomComponentV1"][src*="doclang"]'


def wait_for_lang(pg, lang: str) -> None:
    wait_until(pg, f"{LANG} === {lang!r}", timeout=TIMEOUT)


def sidebar(pg):
    return pg.locator('[data-testid="stSidebar"]')


def test_the_url_language_and_a_switch_in_the_sidebar_set_the_document_language(server, page):
    pg = page.page
    page.context.add_init_script(RECORD_VIOLATIONS)
    pg.goto(server + "/?lang=fr")
    pg.get_by_text("Qui est où").first.wait_for(timeout=TIMEOUT)
    wait_for_lang(pg, "fr")
    # Switches below happen in this same document: no reload, the marker stays.
    pg.evaluate("() => { window.__same_document = true; }")

    sidebar(pg).get_by_role("radio", name="English", exact=True).click()
    pg.get_by_text("Who is where").first.wait_for(timeout=TIMEOUT)
    wait_for_lang(pg, "en")
    sidebar(pg).get_by_role("radio", name="Français", exact=True).click()
    pg.get_by_text("Qui est où").first.wait_for(timeout=TIMEOUT)
    wait_for_lang(pg, "fr")
    # Another page, reached through the sidebar's navigation: still French.
    sidebar(pg).get_by_role("link", name="Chronologie").click()
    pg.get_by_text("Chronologie : forces, sanctions et prix").first.wait_for(timeout=TIMEOUT)
    wait_for_lang(pg, "fr")
    assert pg.evaluate("() => window.__same_document === true")
    assert pg.evaluate("() => window.__csp") == []


@pytest.mark.parametrize(
    "path,lang,title",
    [
        ("/timeline?lang=fr", "fr", "Chronologie : forces, sanctions et prix"),
        ("/timeline", "en", "Timeline: forces, sanctions and prices"),
        ("/indicators?lang=fr", "fr", None),
        ("/present?lang=fr", "fr", None),
    ],
)
def test_every_page_opened_from_a_link_has_the_link_language(server, page, path, lang, title):
    pg = page.page
    pg.goto(server + path)
    if title:
        pg.get_by_text(title).first.wait_for(timeout=TIMEOUT)
    wait_for_lang(pg, lang)


def test_the_component_takes_no_place_and_loads_from_this_origin_only(server, page):
    pg = page.page
    page.context.add_init_script(RECORD_VIOLATIONS)  # runs in the component's frame too
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(server + "/?lang=fr")
    pg.get_by_text("Qui est où").first.wait_for(timeout=TIMEOUT)
    wait_for_lang(pg, "fr")
    frame = pg.locator(COMPONENT)
    assert frame.count() == 1
    # The hiding rule is drawn in Streamlit's event container, a moment after the iframe under
    # load: what is checked is the settled page.
    block = f"document.querySelector({json.dumps(COMPONENT)}).closest('[data-testid=\"stElementContainer\"]')"
    wait_until(pg, f"getComputedStyle({block}).display === 'none'", timeout=TIMEOUT)
    box = frame.evaluate("""f => {
        const block = f.closest('[data-testid="stElementContainer"]');
        return {frameHeight: f.getBoundingClientRect().height, heightAttr: f.getAttribute('height'),
                display: getComputedStyle(block).display,
                blockHeight: block.getBoundingClientRect().height,
                script: [...f.contentDocument.scripts].map(s => s.src),
                violations: f.contentWindow.__csp};
    }""")
    assert box["heightAttr"] == "0" and box["frameHeight"] == 0, box
    assert box["display"] == "none" and box["blockHeight"] == 0, box  # out of the flex layout: no gap
    assert box["script"] == [server + "/component/dashboard.ui.doclang.doclang/doclang.js"], box
    assert box["violations"] == [] and pg.evaluate("() => window.__csp") == [], box
    # Nothing of the component's went anywhere but this server.
    mine = [u for u in requests if "doclang" in u]
    assert mine and all(u.startswith(server + "/component/dashboard.ui.doclang.doclang/") for u in mine)
