"""Article files -> stored articles and their candidates, waiting for review (dashboard.review).

One file is one transaction: its article and all its candidates land together or not at all.
Re-ingesting an article already stored (same normalised-text hash) changes nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from dashboard.extract import ArticleError, extract, read_article
from dashboard.store import Store

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
CANDIDATE_FIELDS = ("country", "actor", "force", "event_type", "date", "date_precision", "troops",
                    "location", "evidence_start", "evidence_end", "confidence", "commodity",
                    "price_value", "price_previous", "unit", "currency", "change_pct")


@dataclass(frozen=True)
class FileResult:
    name: str
    status: str  # stored | duplicate | rejected
    message: str
    article_id: str | None = None
    candidates: int = 0


def ingest_bytes(store: Store, raw: bytes, filename: str, overrides: dict | None = None) -> FileResult:
    try:
        article = read_article(raw, filename, overrides)
    except ArticleError as err:
        return FileResult(filename, "rejected", str(err))
    article_id = article.sha256[:16]
    if not store.query("SELECT 1 FROM articles WHERE sha256 = ?", [article.sha256]).empty:
        return FileResult(filename, "duplicate", "already stored: nothing changed", article_id)
    candidates = extract(article)
    try:
        with store.transaction(data=False) as cur:
            cur.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [article_id, article.sha256, article.title, article.publisher,
                         article.published, article.url, article.language, article.text,
                         filename, dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)])
            for n, cand in enumerate(candidates, start=1):
                values = cand.to_dict()
                cur.execute(
                    f"INSERT INTO candidates VALUES (?, ?, {', '.join('?' * len(CANDIDATE_FIELDS))}, "
                    "'pending', NULL)",
                    [f"{article_id}-{n}", article_id] + [values.get(k) for k in CANDIDATE_FIELDS])
    except Exception as err:  # the transaction rolled back: report, store nothing for this file
        return FileResult(filename, "rejected", f"could not be stored ({type(err).__name__}: {err})")
    return FileResult(filename, "stored", f"{len(candidates)} candidate(s) for review", article_id,
                      len(candidates))


def iter_files(paths) -> list[Path]:
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            out.append(p)
    return out


def ingest_paths(store: Store, paths) -> list[FileResult]:
    results = []
    for path in iter_files(paths):
        try:
            raw = path.read_bytes()
        except OSError as err:
            results.append(FileResult(str(path), "rejected", f"cannot be read: {err.strerror}"))
            continue
        results.append(ingest_bytes(store, raw, str(path)))
    return results
