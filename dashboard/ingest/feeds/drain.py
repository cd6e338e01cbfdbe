"""The store takes the inbox: each fetched article is read, extracted and stored with its feed
item in one transaction (`ingest_bytes(..., then=...)`), then its entry is removed; each run
entry becomes a row of the fetch log. An item the store already holds is skipped, so an entry
met twice (a run killed after storing, before removing) is stored once.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from dashboard.ingest import ingest_bytes
from dashboard.ingest.feeds import inbox
from dashboard.store import Store


@dataclass(frozen=True)
class Drained:
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    runs: int = 0


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _known(store: Store, entry: dict) -> bool:
    return not store.query(
        "SELECT 1 FROM feed_items WHERE source = ? AND item_key = ?", [entry["source"], entry["key"]]
    ).empty


def _item_row(entry: dict, article_id, outcome: str, reason: str | None = None) -> list:
    return [
        entry["source"],
        entry["key"],
        entry.get("run_id"),
        entry.get("url"),
        entry.get("grade"),
        article_id,
        outcome,
        reason,
        _now(),
    ]


INSERT_ITEM = "INSERT INTO feed_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"


def _take_item(store: Store, entry: dict) -> str:
    if _known(store, entry):
        return "known"
    result = ingest_bytes(
        store,
        inbox.raw_bytes(entry),
        entry["filename"],
        entry.get("overrides") or {},
        then=lambda cur, article_id: cur.execute(INSERT_ITEM, _item_row(entry, article_id, "stored")),
    )
    if result.status == "stored":
        return "stored"
    # A copy of an article already stored, or a refused one: recorded, so never taken again.
    outcome, reason = ("duplicate", None) if result.status == "duplicate" else ("rejected", result.message)
    with store.transaction(data=False) as cur:
        cur.execute(INSERT_ITEM, _item_row(entry, result.article_id, outcome, reason))
    return outcome


def _take_run(store: Store, entry: dict) -> None:
    with store.transaction(data=False) as cur:
        cur.execute(
            "INSERT INTO fetch_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                entry["run_id"],
                entry["source"],
                entry.get("started"),
                entry.get("finished"),
                entry.get("seen", 0),
                entry.get("fetched", 0),
                bool(entry.get("failed")),
                json.dumps(entry.get("failures", []), ensure_ascii=False),
                entry.get("newest"),
            ],
        )


def drain(store: Store, folder: Path, limit: int | None = None) -> Drained:
    """Store the complete inbox entries, oldest first (the first `limit` of them when given:
    a page visit takes a share, the next visit the rest); the store must be writable."""
    store.writable()
    counts = {"stored": 0, "duplicate": 0, "rejected": 0, "known": 0, "runs": 0}
    with inbox.taking(Path(folder)):  # one process and one session at a time
        for path, entry in inbox.entries(Path(folder))[:limit]:
            if entry.get("kind") == "run":
                _take_run(store, entry)
                counts["runs"] += 1
            else:
                counts[_take_item(store, entry)] += 1
            inbox.done(path)
    return Drained(counts["stored"], counts["duplicate"], counts["rejected"], counts["runs"])
