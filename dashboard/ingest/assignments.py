"""Which reviewer works on which story: two reviewers never get the same card.

A reviewer's queue is the stories they hold and, up to the number a page shows, the next free
ones in queue order. Holding a story is one statement that both backends run atomically: the
row is taken when nobody holds it, when its holder is this reviewer (which keeps it fresh), or
when the holder has left it for CLAIM_MINUTES; on PostgreSQL a second replica claiming the same
story at the same moment waits for the first and then finds it taken. Accepting stays guarded
on its own (dashboard.ingest.review.accept takes only a pending candidate), so a candidate
accepted on one replica can never be accepted again on another.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pandas as pd

from dashboard import config
from dashboard.store import Store

TAKE = (
    "INSERT INTO claims VALUES (?, ?, ?) ON CONFLICT (story_id) DO UPDATE "
    "SET reviewer = excluded.reviewer, claimed_at = excluded.claimed_at "
    "WHERE claims.reviewer = excluded.reviewer OR claims.claimed_at < ? RETURNING story_id"
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def held_by_others(store: Store, reviewer: str, now: dt.datetime | None = None) -> set[str]:
    expired = (now or _now()) - dt.timedelta(minutes=config.CLAIM_MINUTES)
    found = store.query(
        "SELECT story_id FROM claims WHERE reviewer <> ? AND claimed_at >= ?", [reviewer, expired]
    )
    return set(found["story_id"])


def claim(
    store: Store, reviewer: str, stories: list[str], wanted: int, now: dt.datetime | None = None
) -> list[str]:
    """The stories this reviewer now holds, in queue order, from `stories` (one entry per card,
    in queue order): taken until they make at least `wanted` cards."""
    now = now or _now()
    expired = now - dt.timedelta(minutes=config.CLAIM_MINUTES)
    others = held_by_others(store, reviewer, now)  # read first: no write for what is plainly taken
    sizes = Counter(stories)
    free = [s for s in sizes if s not in others]
    held: list[str] = []
    if not free or wanted <= 0:
        return held
    with store.transaction(data=False) as cur:
        for story in free:
            if cur.execute(TAKE, [story, reviewer, now, expired]).fetchall():
                held.append(story)
                if sum(sizes[h] for h in held) >= wanted:
                    break
    return held


def cards(store: Store, queue: pd.DataFrame, reviewer: str, wanted: int) -> pd.DataFrame:
    """The rows of `queue` (dashboard.ingest.review.queue) whose story this reviewer holds: at
    least `wanted` of them while the queue has them free."""
    mine = claim(store, reviewer, list(queue["story_id"]), wanted)
    return queue[queue["story_id"].isin(mine)].reset_index(drop=True)
