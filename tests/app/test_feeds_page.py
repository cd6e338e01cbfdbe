"""The Sources page with news feeds: the inbox is stored when the page opens, the fetch log
says per source what came and what failed, and a story told by three sites is one card."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ingest.feeds import fetch, inbox, sources
from dashboard.ingest.feeds.http import Client
from tests.feedserver import FeedServer

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TOKEN = "s3cret-reviewer-token"


@pytest.fixture
def own_store(monkeypatch, tmp_path):
    """A store of this test's own: the other page tests share one and must not see its feeds."""
    from dashboard.ui import cache

    cache.forget_store()
    monkeypatch.setenv("SAHEL_DB", str(tmp_path / "feeds.duckdb"))
    yield
    cache.forget_store()


def test_the_sources_page_stores_the_inbox_and_shows_the_fetch_log(monkeypatch, tmp_path, own_store):
    from dashboard import ui
    from dashboard.ingest import review

    monkeypatch.setenv("SAHEL_INBOX", str(tmp_path / "inbox"))
    monkeypatch.setenv("SAHEL_REVIEWER_TOKEN", TOKEN)
    with FeedServer() as server:
        toml = tmp_path / "feeds.toml"
        toml.write_text(
            "".join(
                f'[[source]]\nname = "{name}"\nkind = "{kind}"\nurl = "{server.url}{path}"\n'
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
        # A fetch from cron while the dashboard serves: it only fills the inbox.
        fetch.run(sources.load(toml), tmp_path / "inbox", client=Client(timeout=1, host_interval=0))
    assert inbox.pending(tmp_path / "inbox") >= 3

    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("app_pages/sources.py").run()
    assert any("fetched articles were stored" in s.value for s in at.success)
    assert inbox.pending(tmp_path / "inbox") == 0
    at.sidebar.text_input(key="reviewer_token").set_value(TOKEN).run()
    at.sidebar.text_input(key="reviewer_name").set_value("Awa").run()
    assert not at.exception
    shown = {df.value.columns[0]: df.value for df in at.dataframe}.get("source")
    assert shown is not None
    by_source = shown.set_index("source")
    assert by_source.loc["Down", "reasons"].startswith("HTTP 500")
    assert by_source.loc["Down", "status"] == "failed its last run"
    assert by_source.loc["Copy A", "status"] == "ok" and by_source.loc["Copy A", "reasons"] == ""
    assert by_source.loc["Copy A", "new"] >= 1
    # The US withdrawal told by three sites: one card, from the agency, naming the other two.
    queue = review.queue(ui.store())
    [lead] = {a for a, n in zip(queue["publisher"], queue["story_articles"]) if n == 3}
    assert lead == "Copy A"
    assert any("also came from: Copy B, Copy C" in c.value for c in at.caption)
