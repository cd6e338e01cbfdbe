"""The one-page briefing PDF: `views.briefing` says what it holds, `page` lays it out as HTML,
and Debian's Chromium prints it (through Playwright), with every network request refused: the
map's topology is answered from static/, fonts come from the system and are embedded.

    pdf = briefing.pdf(briefing.views.build(data, when, window, countries, lang))
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from dashboard import config
from dashboard.briefing.page import TOPOLOGY_HOST, html_page
from dashboard.errors import DashboardError
from dashboard.views.briefing import Briefing

STATIC = config.ROOT / "static"
RENDER_SECONDS = 30  # a page that is not drawn by then is reported, not waited for
# A4 less the page margins of page.CSS (10 + 9 mm, 11 + 11 mm), in CSS pixels (96 per inch).
PRINT_AREA_PX = {"width": round(188 / 25.4 * 96), "height": round(278 / 25.4 * 96)}


class BriefingError(DashboardError):
    """The PDF could not be made (no Chromium, or the page did not draw)."""


def chromium() -> str:
    path = config.chromium_path()
    if not path.exists():
        raise BriefingError(f"no Chromium at {path}: install Debian's chromium, or set CHROMIUM")
    return str(path)


def pdf(b: Briefing) -> bytes:
    """The briefing as A4 PDF bytes. Printed on a thread of its own: Playwright's sync API
    refuses a thread that already runs an event loop (a Streamlit session's may)."""
    page_html = html_page(b)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_print, page_html).result()


def _print(page_html: str) -> bytes:
    from playwright.sync_api import Error, sync_playwright

    def answer(route):
        url = route.request.url
        if url.startswith(TOPOLOGY_HOST):
            local = (STATIC / url[len(TOPOLOGY_HOST) :]).resolve()
            if local.parent == STATIC.resolve() and local.is_file():
                return route.fulfill(path=str(local), content_type="application/json")
        return route.abort()  # nothing leaves the machine

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page(viewport=PRINT_AREA_PX)
                page.emulate_media(media="print")
                page.route("**/*", answer)
                page.set_content(page_html, wait_until="load")
                page.wait_for_function(
                    "() => window.briefReady === true || window.briefError !== undefined",
                    timeout=RENDER_SECONDS * 1000,
                )
                problem = page.evaluate("() => window.briefError || null")
                if problem:
                    raise BriefingError(f"the map could not be drawn: {problem}")
                # One page: a long selection is scaled down to fit rather than cut or spilled.
                page.evaluate(
                    """(max) => {
                        const tall = () => document.documentElement.getBoundingClientRect().height;
                        for (let z = 1.0; z > 0.5 && tall() > max; z -= 0.02) {
                            document.body.style.zoom = String(z);
                        }
                    }""",
                    PRINT_AREA_PX["height"],
                )
                return page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
            finally:
                browser.close()
    except Error as err:
        raise BriefingError(f"Chromium failed: {str(err).splitlines()[0]}") from None
