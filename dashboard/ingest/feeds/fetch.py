"""One fetch run: for each source due, ask for what is new, read each new item's article (the
feed's own text, else the linked page) and leave it in the inbox; then one run entry that
says what was seen and what failed.

A source's validators and seen items are saved only after its items are in the inbox: a run
killed before that asks again next time and finds the same items, which the store then takes
once (see `inbox`).
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from dataclasses import asdict
from pathlib import Path

from dashboard import config
from dashboard.ingest.extract.htmltext import html_to_text
from dashboard.ingest.feeds import inbox, items
from dashboard.ingest.feeds.http import Client, FetchError
from dashboard.ingest.feeds.sources import FeedSource


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def due(source: FeedSource, state: dict, now: float | None = None) -> bool:
    last = state.get(source.name, {}).get("last_run")
    return last is None or (now or time.time()) >= last + source.interval * 60


def _feed_items(
    source: FeedSource, client: Client, state: dict, since: str | None
) -> tuple[list, str | None]:
    """The items of the source's current answer ([] when unchanged since the last run), and
    what was wrong with a feed read only in part."""
    if source.kind == "folder":
        return items.folder_items(source), None
    if source.kind == "reliefweb":
        appname = config.reliefweb_appname()
        if not appname:
            raise FetchError(source.url, "no appname: set SAHEL_RELIEFWEB_APPNAME")
        url, query = items.reliefweb_request(source, appname, since)
        return items.parse_reliefweb(client.get(url, json_body=query).body, source), None
    answer = client.get(source.url, state.get("etag"), state.get("modified"))
    state["next_etag"], state["next_modified"] = answer.etag, answer.modified
    return ([], None) if answer.status == 304 else items.parse_feed(answer.body, source)


def _own_text_length(item: items.FeedItem) -> int:
    if not item.content:
        return 0
    if item.content_type == "html":
        try:
            return len(html_to_text(item.content)[0])
        except ValueError:
            return 0
    return len(item.content)


def _article(item: items.FeedItem, client: Client) -> tuple[bytes, str]:
    """The bytes the ingest reader will read, and the file name that picks its reader."""
    if item.path:
        path = Path(item.path)
        if path.stat().st_size > config.MAX_ARTICLE_BYTES:
            raise FetchError(path.name, "too big")
        return path.read_bytes(), path.name
    if _own_text_length(item) >= config.MIN_CONTENT_CHARS or (item.content and not item.url):
        return item.content.encode("utf-8"), item.filename()
    if not item.url:
        raise FetchError(item.key, "no text and no link")
    try:
        page = client.get(item.url)
    except FetchError:
        if item.content:  # the page is not to be had: the feed's own shorter text will do
            return item.content.encode("utf-8"), item.filename()
        raise
    name = item.filename().rsplit(".", 1)[0] + ".html"
    return page.body[: config.MAX_ARTICLE_BYTES], name


def run_source(source: FeedSource, folder: Path, client: Client, state: dict, since: str | None) -> dict:
    """Fetch one source into the inbox; the run's record (also left in the inbox)."""
    mine = state.setdefault(source.name, {})
    run = {
        "run_id": uuid.uuid4().hex,
        "source": source.name,
        "started": _now(),
        "seen": 0,
        "fetched": 0,
        "failed": False,
        "failures": [],
        "newest": None,
    }
    seen = dict.fromkeys(mine.get("seen", []))
    try:
        found, problem = _feed_items(source, client, mine, since)
        if problem:
            run["failures"].append({"url": source.url, "reason": problem})
    except FetchError as err:
        run["failed"] = True
        run["failures"].append({"url": err.url, "reason": err.reason})
        found = []
    except items.FeedParseError as err:
        run["failed"] = True
        run["failures"].append({"url": source.url or str(source.path), "reason": f"parse error: {err}"})
        found = []
    for item in found:
        run["seen"] += 1
        if item.key in seen or (since and item.published and item.published < since):
            continue
        try:
            raw, filename = _article(item, client)
        except (FetchError, OSError) as err:
            reason = err.reason if isinstance(err, FetchError) else type(err).__name__
            run["failures"].append({"url": item.url or item.key, "reason": reason})
            continue
        if item.future_date:
            run["failures"].append(
                {
                    "url": item.url or item.key,
                    "reason": f"dated in the future ({item.future_date}): its date is not used",
                }
            )
        overrides = {
            "title": item.title,
            "publisher": item.publisher,
            "published": item.published,
            "url": item.url,
            "language": item.language,
        }
        entry = asdict(item) | {
            "content": None,  # the bytes travel in `raw`
            "grade": source.grade,
            "run_id": run["run_id"],
            "filename": filename,
            "overrides": {k: v for k, v in overrides.items() if v},
        }
        inbox.put_item(folder, entry, raw)
        seen[item.key] = None
        run["fetched"] += 1
        if item.published and (run["newest"] is None or item.published > run["newest"]):
            run["newest"] = item.published
    run["finished"] = _now()
    if not run["failed"]:  # the validators of an answer whose items are all in the inbox
        mine["etag"], mine["modified"] = mine.pop("next_etag", None), mine.pop("next_modified", None)
        mine["seen"] = list(seen)
    mine["last_run"] = time.time()
    inbox.put_run(folder, run)
    inbox.save_state(folder, state)
    return run


def run(
    sources: list[FeedSource],
    folder: Path,
    only: str | None = None,
    since: str | None = None,
    client: Client | None = None,
) -> list[dict]:
    """Every source due (or the one named `only`, due or not), one after the other."""
    folder = Path(folder)
    state = inbox.load_state(folder)
    chosen = [s for s in sources if s.name == only] if only else [s for s in sources if due(s, state)]
    own = client is None
    client = client or Client()
    try:
        return [run_source(s, folder, client, state, since) for s in chosen]
    finally:
        if own:
            client.close()
