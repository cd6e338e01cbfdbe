"""Plain `streamlit run app.py` (what Streamlit Community Cloud and most images run): a first
visit to a deep link runs app.py, so the sidebar lists the page titles, not the files."""

from __future__ import annotations

import pytest

from tests.conftest import start_server, wait_until

pytestmark = pytest.mark.e2e

TITLES = ("Map", "Timeline", "Indicators", "Sources", "Presentation")


@pytest.fixture(scope="module")
def plain_server(tmp_path_factory):
    proc, url = start_server(tmp_path_factory.mktemp("plain"), launcher="streamlit")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.mark.parametrize(
    "path,heading", [("/timeline", "Timeline"), ("/present", None), ("/sources", "Sources")]
)
def test_first_visit_to_a_deep_link_shows_page_titles(plain_server, page, path, heading):
    pg = page.page
    pg.goto(plain_server + path)
    nav = pg.locator('[data-testid="stSidebarNav"]')
    nav.wait_for(state="attached", timeout=45_000)  # presentation mode hides the sidebar
    wait_until(pg, "document.querySelectorAll('[data-testid=\"stSidebarNavLink\"]').length >= 5")
    # a link holds its icon's name and its title (in the span labelled with it); read whether
    # or not the sidebar is shown (presentation mode hides it)
    links = [
        t.strip() for t in nav.locator('[data-testid="stSidebarNavLink"] span[label]').all_text_contents()
    ]
    assert list(TITLES) == links  # with a pages/ folder this read app, indicators, map, ...
    # the shared frame ran: the language picker and the evidence age are in the sidebar
    pg.locator('[data-testid="stSidebar"]').get_by_text("Language").first.wait_for(
        state="attached", timeout=45_000
    )
    if heading:
        pg.get_by_role("heading", name=heading).first.wait_for(timeout=45_000)  # the page itself ran
