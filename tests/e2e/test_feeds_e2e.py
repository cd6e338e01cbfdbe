"""News feeds in a real Chromium: what a cron fetch left in the inbox is stored when a reviewer
opens the Sources page, the fetch log says per source what came and what failed, and the story
three sites told is one card naming the other two (screenshots in EN and FR)."""

from pathlib import Path

import pytest

from dashboard.ingest.feeds import fetch, inbox, sources
from dashboard.ingest.feeds.http import Client
from tests.conftest import REVIEWER_TOKEN, scroll_to_heading, sign_in_reviewer, start_server, wait_until
from tests.feedserver import FeedServer

pytestmark = pytest.mark.e2e
TIMEOUT = 60_000
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screens"


@pytest.fixture(scope="module")
def fed_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("feeds")
    with FeedServer() as site:
        toml = tmp / "feeds.toml"
        toml.write_text(
            "".join(
                f'[[source]]\nname = "{name}"\nkind = "{kind}"\nurl = "{site.url}{path}"\n'
                f'language = "en"\ngrade = "{grade}"\ninterval = 0\n\n'
                for name, kind, path, grade in [
                    ("Copy A", "rss", "/copy_a.rss", "agency"),
                    ("Copy B", "rss", "/copy_b.rss", "outlet"),
                    ("Copy C", "atom", "/copy_c.atom", "copy"),
                    ("Down", "rss", "/status/500", "outlet"),
                ]
            ),
            encoding="utf-8",
        )
        fetch.run(sources.load(toml), tmp / "inbox", client=Client(timeout=2, host_interval=0))
    assert inbox.pending(tmp / "inbox") >= 3
    proc, url = start_server(tmp, {"SAHEL_INBOX": str(tmp / "inbox"), "SAHEL_REVIEWER_TOKEN": REVIEWER_TOKEN})
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_the_sources_page_stores_the_inbox_and_shows_the_fetch_log(fed_server, page):
    pg = page.page
    pg.goto(fed_server + "/sources")  # the first visit stores the inbox, for anyone
    pg.get_by_text("fetched articles were stored").first.wait_for(timeout=TIMEOUT)
    sign_in_reviewer(pg, fed_server)
    pg.get_by_role("heading", name="News feeds").wait_for(timeout=TIMEOUT)
    pg.get_by_text("also came from: Copy B, Copy C").first.wait_for(timeout=TIMEOUT)
    grid = pg.locator('[data-testid="stDataFrame"]').filter(has_text="Down")
    grid.first.wait_for(timeout=TIMEOUT)
    SHOTS.mkdir(parents=True, exist_ok=True)
    scroll_to_heading(pg, "News feeds")
    pg.screenshot(path=str(SHOTS / "sources_feeds_en.png"), full_page=False)
    # In French: the same log, its columns and the flag in French.
    pg.locator('[data-testid="stSidebar"]').get_by_role("radio", name="Français", exact=True).click()
    pg.get_by_role("heading", name="Flux d'actualité").wait_for(timeout=TIMEOUT)
    pg.get_by_text("vient aussi de : Copy B, Copy C").first.wait_for(timeout=TIMEOUT)
    # The open review forms speak French too, their choices included.
    boxes = "Array.from(document.querySelectorAll('input'), e => e.value).join('|')"
    wait_until(pg, f"({boxes}).includes('non vérifié')", TIMEOUT)
    shown = pg.evaluate(f"() => {boxes}")
    assert "unverified" not in shown and "country-wide (no place)" not in shown
    scroll_to_heading(pg, "Flux d'actualité")
    pg.screenshot(path=str(SHOTS / "sources_feeds_fr.png"), full_page=False)
