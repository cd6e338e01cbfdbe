"""Article files -> stored articles and candidate events -> reviewed events.

One file is one transaction: its article and all its candidates land together or not at all.
Re-ingesting an article already stored (same normalised-text hash) changes nothing. Accepting a
candidate validates it as a curated event would be, then stores it with the article as source.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from dashboard.extract import ArticleError, extract, read_article
from dashboard.schema import Event
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


def article_source_id(article_id: str) -> str:
    return f"article-{article_id}"


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


def pending(store: Store) -> pd.DataFrame:
    return store.query("SELECT c.*, a.title, a.publisher FROM candidates c "
                       "JOIN articles a USING (article_id) WHERE c.status = 'pending' "
                       "ORDER BY a.ingested_at, c.candidate_id")


def accept(store: Store, candidate_id: str, edits: dict | None = None) -> str:
    """Store a reviewed candidate as an event; raises ValueError with a readable reason."""
    cand = store.query("SELECT c.*, a.title, a.publisher, a.published, a.url, a.language, a.text "
                       "FROM candidates c JOIN articles a USING (article_id) "
                       "WHERE candidate_id = ? AND status = 'pending'", [candidate_id])
    if cand.empty:
        raise ValueError(f"candidate {candidate_id} is not pending")
    c = cand.iloc[0].to_dict() | (edits or {})
    evidence = str(c["text"])[int(c["evidence_start"]):int(c["evidence_end"])].strip()
    source_id = article_source_id(c["article_id"])
    record = {
        "event_id": f"ingested-{candidate_id}", "date": c.get("date"),
        "date_precision": c.get("date_precision"), "country": c.get("country"),
        "location_id": c.get("location") or None, "actor": c.get("actor"),
        "force": c.get("force") or c.get("actor"), "event_type": c.get("event_type"),
        "troops": None if pd.isna(c.get("troops")) else int(c["troops"]),
        "troops_kind": c.get("troops_kind") or (None if pd.isna(c.get("troops")) else "strength"),
        "summary": c.get("summary") or evidence[:200], "evidence": evidence[:300],
        "source_ids": source_id, "status": c.get("status_after") or "unverified",
        "notes": f"from article {c['article_id']}, characters {c['evidence_start']}-{c['evidence_end']}",
    }
    try:
        event = Event.model_validate({k: (None if v is None or (not isinstance(v, str) and pd.isna(v))
                                          else v) for k, v in record.items()})
    except ValidationError as err:
        raise ValueError("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                                   for e in err.errors())) from None
    row = event.model_dump()
    with store.transaction() as cur:
        if cur.execute("SELECT 1 FROM ingested_sources WHERE source_id = ?", [source_id]).fetchone() is None:
            cur.execute("INSERT INTO ingested_sources (source_id, publisher, title, published, url, "
                        "language, notes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [source_id, c["publisher"], c["title"], str(c["published"])[:10],
                         c["url"] or "", c["language"], f"ingested article {c['article_id']}"])
        cols = list(row)
        cur.execute(f"INSERT INTO ingested_events ({', '.join(cols)}) VALUES "
                    f"({', '.join('?' * len(cols))})", [row[k] for k in cols])
        updated = cur.execute("UPDATE candidates SET status = 'accepted', event_id = ? "
                              "WHERE candidate_id = ? AND status = 'pending' RETURNING 1",
                              [row["event_id"], candidate_id]).fetchall()
        if not updated:  # another session took it meanwhile: roll the event back
            raise ValueError(f"candidate {candidate_id} was reviewed meanwhile")
    return row["event_id"]


def reject(store: Store, candidate_id: str) -> None:
    with store.transaction(data=False) as cur:
        cur.execute("UPDATE candidates SET status = 'rejected' WHERE candidate_id = ? "
                    "AND status = 'pending'", [candidate_id])
