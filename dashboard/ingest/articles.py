"""Stored articles as the Sources page shows them: the list, texts by id, evidence spans."""

from __future__ import annotations

import pandas as pd

from dashboard.store import Store


def stored(store: Store) -> pd.DataFrame:
    """Every stored article, newest ingested first."""
    return store.query(
        "SELECT article_id, title, publisher, published, text FROM articles ORDER BY ingested_at DESC"
    )


def texts(store: Store, article_ids) -> dict[str, str]:
    """The texts of some articles by id, in one query."""
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return {}
    rows = store.query(
        f"SELECT article_id, text FROM articles WHERE article_id IN ({', '.join('?' * len(ids))})", ids
    )
    return dict(zip(rows["article_id"], rows["text"]))


def evidence_spans(store: Store, article_id: str) -> list[tuple[int, int]]:
    """The (start, end) character spans of an article that its candidates rest on."""
    spans = store.query(
        "SELECT DISTINCT evidence_start, evidence_end FROM candidates WHERE article_id = ? ORDER BY 1",
        [article_id],
    )
    return [(int(a), int(b)) for a, b in zip(spans["evidence_start"], spans["evidence_end"])]
