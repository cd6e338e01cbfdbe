"""The fetch log as the Sources page shows it: per source, its last run, what it saw, what was
new, what repeated a story already stored, what failed and why, how old its newest item is, and
whether it has failed FEED_FAILING_RUNS runs in a row."""

from __future__ import annotations

import json

import pandas as pd

from dashboard import config
from dashboard.store import Store

COLUMNS = [
    "source",
    "last_run",
    "seen",
    "new",
    "duplicates",
    "failures",
    "reasons",
    "newest",
    "newest_age_days",
    "failing_runs",
    "flagged",
]

_RUNS = """
SELECT l.*,
       count(f.item_key) FILTER (WHERE f.outcome = 'stored' AND s.story_id = f.article_id) AS new,
       count(f.item_key) FILTER (WHERE f.outcome = 'duplicate'
                                   OR (f.outcome = 'stored' AND s.story_id <> f.article_id)) AS duplicates,
       count(f.item_key) FILTER (WHERE f.outcome = 'rejected') AS rejected,
       list(f.reason) FILTER (WHERE f.outcome = 'rejected') AS rejections
FROM fetch_log l
LEFT JOIN feed_items f USING (run_id)
LEFT JOIN stories s ON s.article_id = f.article_id
GROUP BY ALL
ORDER BY l.source, l.finished
"""


def _reasons(run) -> list[str]:
    listed = [f"{f.get('reason')} ({f.get('url')})" for f in json.loads(run.failures or "[]")]
    rejected = [] if pd.api.types.is_scalar(run.rejections) else run.rejections  # NA when none
    return listed + [str(r) for r in rejected]


def summary(store: Store, today: pd.Timestamp | None = None) -> pd.DataFrame:
    """One row per source that has run, in source order."""
    runs = store.query(_RUNS)
    if runs.empty:
        return pd.DataFrame(columns=COLUMNS)
    today = pd.Timestamp(today or pd.Timestamp.now()).normalize()
    rows = []
    for source, group in runs.groupby("source", sort=True):
        last = group.iloc[-1]
        streak = 0
        for failed in reversed(group["failed"].tolist()):
            if not failed:
                break
            streak += 1
        newest = pd.to_datetime(group["newest"]).max()
        reasons = _reasons(last)
        rows.append(
            {
                "source": source,
                "last_run": last["finished"],
                "seen": int(last["seen"]),
                "new": int(last["new"]),
                "duplicates": int(last["duplicates"]),
                "failures": len(reasons),
                "reasons": "; ".join(reasons) or None,
                "newest": None if pd.isna(newest) else newest.date(),
                "newest_age_days": None if pd.isna(newest) else int((today - newest).days),
                "failing_runs": streak,
                "flagged": streak >= config.FEED_FAILING_RUNS,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
