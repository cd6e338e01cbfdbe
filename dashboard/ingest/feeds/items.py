"""What one feed answer holds: its items, each with the article text if the feed carries it.

RSS and Atom are read by feedparser (it copes with the dialects and the broken XML found on
the web, and says when a document is not a feed at all); ReliefWeb's API answers JSON; a folder
source lists its files. Dates in the future are not believed: the item is kept, undated, with
the date it claimed in `future_date` for the fetch log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import feedparser

from dashboard import config
from dashboard.errors import BadInput
from dashboard.ingest.feeds.sources import FeedSource


class FeedParseError(BadInput):
    """An answer that is not a feed of the kind its source says."""


@dataclass(frozen=True)
class FeedItem:
    source: str  # the source's name
    key: str  # stable within the source: guid, id, or link
    url: str | None
    title: str | None
    published: str | None  # YYYY-MM-DD, or None when the item gives no believable date
    language: str
    content: str | None  # the article as the feed carries it (HTML or text), if any
    content_type: str = "html"  # html | text (the item's own content)
    publisher: str | None = None
    future_date: str | None = None
    path: str | None = None  # a folder source's file: the article is that file's bytes

    def filename(self) -> str:
        """The name the ingest reader sees: its extension picks the reader."""
        stem = hashlib.sha256(f"{self.source}\n{self.key}".encode()).hexdigest()[:16]
        return f"feed-{stem}.{'html' if self.content_type == 'html' else 'txt'}"


def _date(value: str | None, struct=None) -> tuple[str | None, str | None]:
    """(believed date, future date) from a parsed time struct or an ISO string."""
    if struct is not None:
        day = dt.date(*struct[:3])
    elif value:
        try:
            day = dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            return None, None
    else:
        return None, None
    if day > dt.date.today():
        return None, day.isoformat()
    if day.year < config.FIRST_YEAR:
        return None, None
    return day.isoformat(), None


def parse_feed(body: bytes, source: FeedSource) -> tuple[list[FeedItem], str | None]:
    """RSS or Atom items, newest first, at most FEED_MAX_ITEMS, and what was wrong with the
    document when feedparser recovered items from broken XML (None when nothing was)."""
    parsed = feedparser.parse(body)
    err = parsed.get("bozo_exception") if parsed.bozo else None
    if parsed.bozo and not parsed.entries:
        raise FeedParseError(f"not a readable feed ({type(err).__name__ if err else 'no items'})")
    if not parsed.version and not parsed.entries:
        raise FeedParseError("not a feed (no RSS or Atom root)")
    language = (parsed.feed.get("language") or source.language)[:2].lower()
    items = []
    for entry in parsed.entries[: config.FEED_MAX_ITEMS]:
        struct = entry.get("published_parsed") or entry.get("updated_parsed")
        published, future = _date(None, struct)
        content = None
        if entry.get("content"):
            content = max((c.get("value", "") for c in entry.content), key=len)
        link = entry.get("link")
        key = entry.get("id") or link or entry.get("title")
        if not key:
            continue  # nothing to know it by next time
        items.append(
            FeedItem(
                source=source.name,
                key=str(key),
                url=link,
                title=entry.get("title"),
                published=published,
                language=language if language in ("en", "fr") else source.language,
                content=content or None,
                publisher=source.name,
                future_date=future,
            )
        )
    problem = None
    if err is not None:
        problem = f"parse error: {' '.join(str(err).split())[:120]} ({len(items)} item(s) recovered)"
    return items, problem


def reliefweb_request(source: FeedSource, appname: str, since: str | None) -> tuple[str, dict]:
    """The API address and the JSON query: the source's countries and languages, newest first."""
    conditions = []
    if source.countries:
        conditions.append({"field": "country.iso3", "value": [c.lower() for c in source.countries]})
    if source.languages:
        conditions.append({"field": "language.code", "value": list(source.languages)})
    if since:
        conditions.append({"field": "date.created", "value": {"from": f"{since}T00:00:00+00:00"}})
    query = {
        "limit": min(config.FEED_MAX_ITEMS, 1000),  # the API gives 1,000 at most
        "sort": ["date.created:desc"],
        "fields": {
            "include": [
                "title",
                "body",
                "url",
                "date.created",
                "date.original",
                "source.name",
                "language.code",
            ]
        },
    }
    if conditions:
        query["filter"] = {"operator": "AND", "conditions": conditions}
    sep = "&" if "?" in source.url else "?"
    return f"{source.url}{sep}appname={appname}", query


def parse_reliefweb(body: bytes, source: FeedSource) -> list[FeedItem]:
    """Reports of a ReliefWeb API v2 answer ({"data": [{"id", "fields": {...}}]})."""
    try:
        answer = json.loads(body)
        reports = answer["data"]
    except (ValueError, KeyError, TypeError):
        raise FeedParseError("not a ReliefWeb API answer (no `data` list)") from None
    items = []
    for report in reports[: config.FEED_MAX_ITEMS]:
        f = report.get("fields") or {}
        dates = f.get("date") or {}
        published, future = _date(dates.get("original") or dates.get("created"))
        langs = [lang.get("code") for lang in f.get("language") or [] if isinstance(lang, dict)]
        names = [s.get("name") for s in f.get("source") or [] if isinstance(s, dict) and s.get("name")]
        items.append(
            FeedItem(
                source=source.name,
                key=str(report.get("id") or f.get("url")),
                url=f.get("url"),
                title=f.get("title"),
                published=published,
                language=next((lang for lang in langs if lang in ("en", "fr")), source.language),
                content=f.get("body"),
                content_type="text",
                publisher=", ".join(names) or source.name,
                future_date=future,
            )
        )
    return items


def folder_items(source: FeedSource) -> list[FeedItem]:
    """Files dropped into a folder source, known by name, size and modification time (a file
    written again under the same name is a new item)."""
    folder = Path(source.path)
    if not folder.is_dir():
        raise FeedParseError(f"{folder} is not a folder")
    items = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() not in config.UPLOAD_TYPES:
            continue
        stat = path.stat()
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(stat.st_mtime))
        items.append(
            FeedItem(
                source=source.name,
                key=f"{path.name}:{stat.st_size}:{stamp}",
                url=None,
                title=None,
                published=None,  # the file's own header says, as for an upload
                language=source.language,
                content=None,
                publisher=None,
                path=str(path),
            )
        )
    return items
