"""Article files -> stored articles and their candidates, waiting for review (dashboard.ingest.review).

One file is one transaction: its article and all its candidates land together or not at all.
Re-ingesting an article already stored (same normalised-text hash) changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from dashboard import config, i18n
from dashboard.ingest.extract import ArticleError, extract, read_article
from dashboard.ingest.extract.extractor import ExtractionTimeout, time_limit
from dashboard.ingest.stories import story_for
from dashboard.store import Store

CANDIDATE_FIELDS = (
    "country",
    "actor",
    "force",
    "event_type",
    "date",
    "date_precision",
    "troops",
    "location",
    "evidence_start",
    "evidence_end",
    "confidence",
    "commodity",
    "price_value",
    "price_previous",
    "unit",
    "currency",
    "change_pct",
)


@dataclass(frozen=True)
class FileResult:
    """What became of one file: `message` in English (the command line), `text(lang)` in the
    reader's language (the Sources page), both from the i18n key `key` and its `values`."""

    name: str
    status: str  # stored | duplicate | rejected
    key: str
    values: dict = field(default_factory=dict)
    article_id: str | None = None
    candidates: int = 0

    def text(self, lang: str) -> str:
        """What became of the file, without its name, in `lang`."""
        values = {k: i18n.fmt_number(v, lang) if isinstance(v, int) else v for k, v in self.values.items()}
        if "step" in values:
            values["step"] = i18n.t(f"ingest.step_{values['step']}", lang)
        return i18n.t(self.key, lang, **values)

    @property
    def message(self) -> str:
        return self.text("en")


def _failure(name: str, step: str, err: Exception) -> FileResult:
    """An internal error, not a fault of the article: the message names what failed and the
    error type, so it is never mistaken for a bad upload."""
    detail = " ".join(str(err).split())[:200]
    return FileResult(
        name,
        "rejected",
        "ingest.internal",
        {"step": step, "error": f"{type(err).__name__}{': ' + detail if detail else ''}"},
    )


def _store_failed(name: str, err: Exception) -> FileResult:
    """The store refused the write (locked, full, damaged): said as such, not as our bug."""
    error = f"{type(err).__name__}: {' '.join(str(err).split())[:200]}"
    return FileResult(name, "rejected", "ingest.store_failed", {"error": error})


def ingest_bytes(
    store: Store, raw: bytes, filename: str, overrides: dict | None = None, then=None
) -> FileResult:
    """Read, extract and store one file. Never raises for a problem with this one file (an
    ArticleError is the user's to fix, anything else is reported as an internal error);
    KeyboardInterrupt and SystemExit are not caught.

    The article joins the story of a stored copy of it (`stories.story_for`). `then(cur,
    article_id)` runs inside the same transaction (a feed records its item there), so the
    article, its candidates and that record land together or not at all."""
    try:
        article = read_article(raw, filename, overrides)
    except ArticleError as err:
        return FileResult(filename, "rejected", err.key, err.values)
    except Exception as err:  # a bug in the reader must not stop a batch
        return _failure(filename, "read", err)
    article_id = article.sha256[:16]
    try:
        seen = not store.query("SELECT 1 FROM articles WHERE sha256 = ?", [article.sha256]).empty
    except Exception as err:  # the store failing: this file is not stored, and says why
        return _store_failed(filename, err)
    if seen:
        return FileResult(filename, "duplicate", "ingest.duplicate", {}, article_id)
    try:
        with time_limit(config.EXTRACT_SECONDS):  # every rule is linear: 1 MB of prose takes ~1.3 s
            candidates = extract(article)
    except ExtractionTimeout as err:  # too slow, not a bad article: said as such
        return FileResult(
            filename, "rejected", "ingest.too_slow", {"seconds": f"{err.seconds:g}", "chars": err.chars}
        )
    except Exception as err:  # a bug in the extractor must not stop a batch
        return _failure(filename, "extracted", err)
    try:
        with store.transaction(data=False) as cur:
            stored = cur.execute(
                # Another process may have stored it since the check above (a replica taking
                # the same upload, a command): then it is a copy, and nothing is written.
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
                [
                    article_id,
                    article.sha256,
                    article.title,
                    article.publisher,
                    article.published,
                    article.url,
                    article.language,
                    article.text,
                    filename,
                    dt.datetime.now(dt.UTC).replace(tzinfo=None),
                ],
            ).fetchall()
            if not stored:
                raise _StoredMeanwhile
            for n, cand in enumerate(candidates, start=1):
                values = cand.to_dict()
                cur.execute(
                    f"INSERT INTO candidates VALUES (?, ?, {', '.join('?' * len(CANDIDATE_FIELDS))}, "
                    "'pending', NULL)",
                    [f"{article_id}-{n}", article_id] + [values.get(k) for k in CANDIDATE_FIELDS],
                )
            story, score = story_for(cur, article_id, article.text, article.published, article.language)
            cur.execute("INSERT INTO stories VALUES (?, ?, ?)", [article_id, story, score])
            if then is not None:
                then(cur, article_id)
    except _StoredMeanwhile:
        return FileResult(filename, "duplicate", "ingest.duplicate", {}, article_id)
    except Exception as err:  # the transaction rolled back: report, store nothing for this file
        return _store_failed(filename, err)
    return FileResult(
        filename, "stored", "ingest.stored", {"n": len(candidates)}, article_id, len(candidates)
    )


def iter_files(paths) -> list[Path]:
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in config.UPLOAD_TYPES)
        else:
            out.append(p)
    return out


class _StoredMeanwhile(Exception):
    """The article was stored by another process between the check and the write."""


def ingest_paths(store: Store, paths, progress=None) -> list[FileResult]:
    """Every article file under `paths`, each in its own transaction; `progress(result)` is
    called as each one is done (a long command line run says how far it got)."""
    results = []
    for path in iter_files(paths):
        results.append(_ingest_path(store, path))
        if progress is not None:
            progress(results[-1])
    return results


def _ingest_path(store: Store, path: Path) -> FileResult:
    try:
        raw = _read_file(path)
    except OSError as err:
        return FileResult(
            str(path), "rejected", "ingest.unreadable", {"error": err.strerror or type(err).__name__}
        )
    except ArticleError as err:
        return FileResult(str(path), "rejected", err.key, err.values)
    try:
        return ingest_bytes(store, raw, str(path))
    except Exception as err:  # e.g. the store itself failing: report, go on with the next
        return _failure(str(path), "ingested", err)


def _read_file(path: Path) -> bytes:
    """The file's bytes, refusing (without reading it all) one far over the upload limit."""
    with path.open("rb") as f:
        raw = f.read(config.MAX_ARTICLE_BYTES + 1)
    if len(raw) > config.MAX_ARTICLE_BYTES:
        size = path.stat().st_size
        raise ArticleError("too_big", path.name, size=size, limit=config.MAX_ARTICLE_BYTES)
    return raw
