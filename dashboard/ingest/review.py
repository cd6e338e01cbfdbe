"""Review: a candidate becomes a row of the table its type belongs to, or it is refused.

Nothing a reviewer did not see is stored. The form and the command line start from the values
the candidate carries (`proposal`); a field the candidate left empty stays empty until somebody
fills it, and a required field still empty refuses Accept with a message naming it. Troop events
go to events, price candidates to prices, sanction candidates to sanctions. Every accept,
reject and withdrawal is one transaction and one line of the review log: who, when, what changed.
The pure part (fields, proposals, checks) is `ingest.proposal`; this module reads and writes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.ingest.proposal import (  # noqa: F401  (the names review's callers use)
    COUNTRY_WIDE,
    FIELDS,
    KEYS,
    KIND_BY_TYPE,
    SOURCE_FIELDS,
    TABLES,
    AlreadyReviewed,
    ReviewError,
    fields,
    kind,
    missing_fields,
    proposal,
    record,
    source_id,
    source_url_ok,
    typed,
    validated,
)
from dashboard.records import vocab
from dashboard.records.missing import is_missing, or_none
from dashboard.store import Store


@dataclass(frozen=True)
class Accepted:
    table: str
    record_id: str
    changes: dict


def similar(store: Store, proposed: Mapping) -> pd.DataFrame:
    """Stored events that may already say what a troop-event proposal says: same country,
    actor and event type, force when given, dated in the same day, month or year as the
    proposal's precision says. Empty for other kinds or undated proposals."""
    date, precision = proposed.get("date"), proposed.get("date_precision")
    if (
        kind(proposed.get("event_type")) != "event"
        or is_missing(date)
        or precision not in vocab.DATE_PRECISIONS
    ):
        return pd.DataFrame(columns=["event_id", "date", "summary"])
    try:
        day = pd.Timestamp(str(date))
    except ValueError:
        return pd.DataFrame(columns=["event_id", "date", "summary"])
    # `precision` is one of day, month, year (checked above): DuckDB's names for those spans.
    sql = (
        "SELECT event_id, date, force, summary FROM all_events WHERE country = ? AND actor = ? "
        f"AND event_type = ? AND date_trunc('{precision}', date) = "
        f"date_trunc('{precision}', ?::TIMESTAMP)"
    )
    params = [proposed.get("country"), proposed.get("actor"), proposed.get("event_type"), day]
    if not is_missing(proposed.get("force")):
        sql += " AND force = ?"
        params.append(proposed["force"])
    return store.query(sql + " ORDER BY date", params)


def _pending(store: Store, candidate_id: str) -> dict:
    cand = store.query(
        "SELECT c.*, a.title, a.publisher, a.published, a.url, a.language, a.text "
        "FROM candidates c JOIN articles a USING (article_id) "
        "WHERE candidate_id = ? AND status = 'pending'",
        [candidate_id],
    )
    if cand.empty:
        raise AlreadyReviewed(f"candidate {candidate_id} is not waiting for review")
    return cand.iloc[0].to_dict()


def _stored_source(store: Store, article_id: str) -> dict | None:
    rows = store.query("SELECT * FROM ingested_sources WHERE source_id = ?", [source_id(article_id)])
    return None if rows.empty else rows.iloc[0].to_dict()


def proposal_of(store: Store, candidate_id: str) -> dict:
    cand = _pending(store, candidate_id)
    return proposal(cand, _stored_source(store, cand["article_id"]))


def proposals(store: Store, queue: pd.DataFrame) -> dict[str, dict]:
    """The proposal of every candidate in `queue` (rows of `pending`), with one look-up of the
    articles' sources already graded, rather than two queries per candidate."""
    ids = sorted({source_id(a) for a in queue["article_id"]})
    graded = (
        {}
        if not ids
        else {
            row["source_id"]: row
            for row in store.query(
                f"SELECT * FROM ingested_sources WHERE source_id IN ({', '.join('?' * len(ids))})", ids
            ).to_dict("records")
        }
    )
    return {
        c["candidate_id"]: proposal(c, graded.get(source_id(c["article_id"])))
        for c in queue.to_dict("records")
    }


# Nobody types a control character, and PostgreSQL refuses NUL in text: a value holding one is
# refused by name on both backends (tab and line ends are text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control(what: Mapping) -> None:
    bad = sorted(f for f, v in what.items() if isinstance(v, str) and _CONTROL.search(v))
    if bad:
        raise ReviewError(f"a control character is not text: {', '.join(bad)}")


def _reviewer(name: str | None, reason: str | None = None) -> str:
    """The reviewer's name for the log, stripped; refused when empty, and refused (with the
    reason given) when either holds a control character."""
    name = (name or "").strip()
    if not name:
        raise ReviewError("a reviewer name is needed for the review log")
    _no_control({"reviewer": name, "reason": reason})
    return name


def _plain(value):
    """A value as the log writes it: JSON-safe, missing as null."""
    if is_missing(value):
        return None
    if isinstance(value, (dt.date, pd.Timestamp)):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    return value.item() if hasattr(value, "item") else value


def accept(
    store: Store, candidate_id: str, values: Mapping | None, reviewer: str, locations: set[str] | None = None
) -> Accepted:
    """Store a candidate in its table with the reviewer's values over the proposal.

    Raises ReviewError, storing nothing, when a required field is empty or a value is invalid."""
    reviewer = _reviewer(reviewer)
    cand = _pending(store, candidate_id)
    kind_ = kind(cand.get("event_type"))
    values = dict(values or {})
    unknown = sorted(set(values) - set(fields(kind_)))
    odd = sorted(
        f
        for f, v in values.items()
        if isinstance(v, bool) or not isinstance(v, (str, int, float, type(None)))
    )
    if odd:  # a form or a script sends text or numbers; anything else is a caller's mistake
        raise ReviewError(f"expected text or a number for: {', '.join(map(str, odd))}")
    _no_control(values)
    if unknown:
        raise ReviewError(
            f"no such field for a {kind_}: {', '.join(unknown)} (fields: {', '.join(fields(kind_))})"
        )
    if locations is None:
        locations = set(store.table("locations")["location_id"])
    stored_source = _stored_source(store, cand["article_id"])
    proposed = proposal(cand, stored_source)
    chosen = typed(kind_, proposed | values)
    if kind_ == "event" and chosen.get("event_type") in KIND_BY_TYPE:
        raise ReviewError(f"event_type: '{chosen['event_type']}' is not a troop event")
    missing = missing_fields(kind_, chosen, stored_source is not None)
    if missing:
        raise ReviewError("fill in or choose: " + ", ".join(missing), missing)
    if not stored_source and chosen["reliability"] not in vocab.SOURCE_GRADES:
        raise ReviewError(f"reliability must be one of {', '.join(vocab.SOURCE_GRADES)}")
    if not stored_source and not source_url_ok(chosen.get("url")):
        raise ReviewError("url must be an http(s) address (or left empty)")
    record_id = f"ingested-{candidate_id}"
    copies = story_copies(store, cand["article_id"])
    draft = record(kind_, cand, chosen, record_id, locations)
    # The same story from other sites: every copy is a source of the record, which counts once.
    draft["source_ids"] = ";".join([draft["source_ids"]] + [source_id(c["article_id"]) for c in copies])
    row = validated(kind_, draft)
    typed_proposal = typed(kind_, proposed)
    changes = {
        f: [_plain(typed_proposal.get(f)), _plain(chosen.get(f))]
        for f in fields(kind_)
        if _plain(typed_proposal.get(f)) != _plain(chosen.get(f))
    }
    table = TABLES[kind_]
    with store.transaction() as cur:
        if stored_source is None:
            published = cand.get("published")
            cur.execute(
                "INSERT INTO ingested_sources (source_id, publisher, title, published, url, "
                "language, reliability, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    source_id(cand["article_id"]),
                    chosen["publisher"],
                    or_none(cand.get("title")) or or_none(cand.get("filename")),
                    None if is_missing(published) else pd.Timestamp(published).strftime("%Y-%m-%d"),
                    chosen.get("url"),
                    or_none(cand.get("language")),
                    chosen["reliability"],
                    f"ingested article {cand['article_id']}",
                ],
            )
        for copy in copies:  # a copy cited before keeps the source row it has
            cur.execute(
                "INSERT INTO ingested_sources (source_id, publisher, title, published, url, "
                "language, reliability, notes) SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS "
                "(SELECT 1 FROM ingested_sources WHERE source_id = ?)",
                [
                    source_id(copy["article_id"]),
                    copy["publisher"],
                    copy["title"],
                    None
                    if is_missing(copy["published"])
                    else pd.Timestamp(copy["published"]).strftime("%Y-%m-%d"),
                    copy["url"],
                    copy["language"],
                    copy["grade"],
                    f"ingested article {copy['article_id']}, a copy of {cand['article_id']}",
                    source_id(copy["article_id"]),
                ],
            )
        if copies:  # the copies' own candidates for the same event are this record too
            cur.execute(
                "UPDATE candidates SET status = 'merged', event_id = ? WHERE status = 'pending' "
                f"AND article_id IN ({', '.join('?' * len(copies))}) AND event_type = ? "
                "AND country IS NOT DISTINCT FROM ? AND actor IS NOT DISTINCT FROM ?",
                [
                    record_id,
                    *(c["article_id"] for c in copies),
                    cand["event_type"],
                    cand["country"],
                    cand["actor"],
                ],
            )
        cols = list(row)
        quoted = ", ".join(f'"{c}"' for c in cols)  # 'end' is an SQL keyword
        cur.execute(
            f"INSERT INTO ingested_{table} ({quoted}) VALUES ({', '.join('?' * len(cols))})",
            [row[k] for k in cols],
        )
        taken = cur.execute(
            "UPDATE candidates SET status = 'accepted', event_id = ? "
            "WHERE candidate_id = ? AND status = 'pending' RETURNING 1",
            [record_id, candidate_id],
        ).fetchall()
        if not taken:  # another session took it meanwhile: the whole block rolls back
            raise AlreadyReviewed(f"candidate {candidate_id} was reviewed meanwhile")
        _log(cur, reviewer, candidate_id, "accepted", table, record_id, changes)
    return Accepted(table, record_id, changes)


def reject(store: Store, candidate_id: str, reviewer: str, reason: str | None = None) -> None:
    reviewer = _reviewer(reviewer, reason)
    with store.transaction(data=False) as cur:
        done = cur.execute(
            "UPDATE candidates SET status = 'rejected' WHERE candidate_id = ? "
            "AND status = 'pending' RETURNING 1",
            [candidate_id],
        ).fetchall()
        if not done:
            raise AlreadyReviewed(f"candidate {candidate_id} is not waiting for review")
        _log(cur, reviewer, candidate_id, "rejected", None, None, {}, or_none(reason))


def accepted(store: Store) -> pd.DataFrame:
    """Candidates accepted and still stored: what a reviewer may withdraw."""
    return store.query(
        "SELECT candidate_id, event_id AS record_id, event_type FROM candidates "
        "WHERE status = 'accepted' ORDER BY candidate_id"
    )


def withdraw(store: Store, record_id: str, reviewer: str, reason: str | None = None) -> str:
    """Take an accepted record off every page; the log keeps the accept and the withdrawal,
    and the candidate is marked withdrawn (it is not offered for review again)."""
    reviewer = _reviewer(reviewer, reason)
    found = store.query(
        "SELECT candidate_id, event_type FROM candidates WHERE event_id = ? AND status = 'accepted'",
        [record_id],
    )
    if found.empty:
        raise ReviewError(f"{record_id} is not an accepted record")
    candidate_id, event_type = found.iloc[0]["candidate_id"], found.iloc[0]["event_type"]
    kind_ = kind(event_type)
    table = TABLES[kind_]
    with store.transaction() as cur:
        cur.execute(f"DELETE FROM ingested_{table} WHERE {KEYS[kind_]} = ?", [record_id])
        cur.execute("UPDATE candidates SET status = 'withdrawn' WHERE candidate_id = ?", [candidate_id])
        _log(cur, reviewer, candidate_id, "withdrawn", table, record_id, {}, or_none(reason))
    return table


def _log(cur, reviewer, candidate_id, action, table, record_id, changes, reason=None) -> None:
    cur.execute(
        "INSERT INTO review_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            dt.datetime.now(dt.UTC).replace(tzinfo=None),
            reviewer,
            candidate_id,
            action,
            table,
            record_id,
            json.dumps(changes, ensure_ascii=False),
            reason,
        ],
    )


def decided_by(store: Store, candidate_id: str) -> str | None:
    """Who last reviewed a candidate (None while it waits, or when nobody did)."""
    found = store.query(
        "SELECT reviewer FROM review_log WHERE candidate_id = ? ORDER BY reviewed_at DESC LIMIT 1",
        [candidate_id],
    )
    return None if found.empty else str(found["reviewer"].iloc[0])


def log(store: Store, limit: int = 200) -> pd.DataFrame:
    """The newest review decisions first."""
    return store.query("SELECT * FROM review_log ORDER BY reviewed_at DESC LIMIT ?", [limit])


# Per article: its story, its grade (from the feed that brought it) and its rank in the story,
# the strongest source first, then the earliest stored.
_STORY_RANK = """
SELECT a.article_id, a.publisher, coalesce(s.story_id, a.article_id) AS story_id, f.grade,
       row_number() OVER (PARTITION BY coalesce(s.story_id, a.article_id)
                          ORDER BY {grade_rank} NULLS LAST, a.ingested_at, a.article_id) AS story_rank,
       count(*) OVER (PARTITION BY coalesce(s.story_id, a.article_id)) AS story_articles
FROM articles a LEFT JOIN stories s USING (article_id)
LEFT JOIN {best_grade} f USING (article_id)
"""


def _grade_rank(column: str = "f.grade") -> str:
    whens = " ".join(f"WHEN '{g}' THEN {i}" for i, g in enumerate(vocab.SOURCE_GRADES))
    return f"CASE {column} {whens} END"


def _best_grade() -> str:
    """SQL: each article's strongest feed grade (one article may come from several feeds)."""
    return f"(SELECT article_id, arg_min(grade, {_grade_rank('grade')}) AS grade FROM feed_items GROUP BY article_id)"


def pending(store: Store) -> pd.DataFrame:
    """Every candidate waiting, with its article's story: `story_id`, `story_rank` (1 for the
    story's lead article) and `story_articles` (how many sites told it), and its place's
    admin-1 region."""
    return store.query(
        "SELECT c.*, a.title, a.publisher, a.url, r.story_id, r.grade, r.story_rank, r.story_articles, "
        "l.admin1_code, l.admin1_name "
        f"FROM candidates c JOIN articles a USING (article_id) JOIN ({_STORY_RANK.format(grade_rank=_grade_rank(), best_grade=_best_grade())}) r "
        "USING (article_id) LEFT JOIN locations l ON l.location_id = c.location WHERE c.status = 'pending' "
        "ORDER BY c.confidence DESC NULLS LAST, a.ingested_at, c.candidate_id"
    )


def queue(store: Store) -> pd.DataFrame:
    """What a reviewer works through: one card per story, the candidates of its lead article
    (the strongest source, then the earliest), with `also`, the other publishers of the story.
    A copy's candidates wait behind their lead's and are closed with it (`accept`)."""
    waiting = pending(store)
    lead = waiting[waiting["story_rank"] == 1].copy()
    others = store.query(
        f"SELECT story_id, list(publisher ORDER BY story_rank) AS also FROM ({_STORY_RANK.format(grade_rank=_grade_rank(), best_grade=_best_grade())}) "
        "WHERE story_rank > 1 GROUP BY story_id"
    )
    also = dict(zip(others["story_id"], others["also"]))
    lead["also"] = [list(also.get(s, [])) for s in lead["story_id"]]
    return lead.reset_index(drop=True)


def story_copies(store: Store, article_id: str) -> list[dict]:
    """The other articles of `article_id`'s story that can stand as sources (their publisher and
    grade are known, from the feed that brought them)."""
    return store.query(
        "SELECT a.article_id, a.publisher, a.title, a.published, a.url, a.language, f.grade "
        "FROM stories s JOIN stories t ON t.story_id = s.story_id AND t.article_id <> s.article_id "
        "JOIN articles a ON a.article_id = t.article_id "
        f"JOIN {_best_grade()} f ON f.article_id = a.article_id "
        "WHERE s.article_id = ? AND a.publisher IS NOT NULL AND f.grade IS NOT NULL ORDER BY a.ingested_at",
        [article_id],
    ).to_dict("records")
