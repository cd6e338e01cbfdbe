"""Review: a candidate becomes a row of the table its type belongs to, or it is refused.

Nothing a reviewer did not see is stored. The form and the command line start from the values
the candidate carries (`proposal`); a field the candidate left empty stays empty until somebody
fills it, and a required field still empty refuses Accept with a message naming it. Troop events
go to events, price candidates to prices, sanction candidates to sanctions. Every accept,
reject and withdrawal is one transaction and one line of the review log: who, when, what changed.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from pydantic import ValidationError

from dashboard import config
from dashboard.errors import BadInput
from dashboard.records import vocab
from dashboard.records.missing import is_missing, or_none
from dashboard.records.schema import Event, Price, Sanction
from dashboard.store import Store

KIND_BY_TYPE = {
    "price_change": "price",
    "sanctions_imposed": "sanction",
    "sanctions_lifted": "sanction",
    "border_closed": "sanction",
    "border_reopened": "sanction",
}
# The measure a candidate type names by itself; "sanctions imposed" names none.
MEASURE_BY_TYPE = {"border_closed": "border_closure", "border_reopened": "border_closure"}
ENDING_TYPES = ("sanctions_lifted", "border_reopened")  # their date is the measure's end
TABLES = {"event": "events", "price": "prices", "sanction": "sanctions"}
MODELS = {"event": Event, "price": Price, "sanction": Sanction}
KEYS = {"event": "event_id", "price": "price_id", "sanction": "sanction_id"}
FIELDS = {
    "event": (
        "country",
        "actor",
        "force",
        "event_type",
        "date",
        "date_precision",
        "location_id",
        "troops",
        "troops_kind",
        "summary",
        "status",
    ),
    "price": (
        "country",
        "place",
        "location_id",
        "commodity",
        "unit",
        "currency",
        "value",
        "previous_value",
        "change_pct",
        "date",
        "date_precision",
        "context",
        "status",
    ),
    "sanction": (
        "imposer",
        "country",
        "measure",
        "start",
        "start_precision",
        "end",
        "end_precision",
        "summary",
        "status",
    ),
}
SOURCE_FIELDS = ("publisher", "url", "reliability")  # the article's source, graded once
# Whole numbers and amounts a person may type; anything longer is a typing accident.
_COUNT = re.compile(r"[0-9]{1,7}")
COUNTRY_WIDE = ""  # the explicit "no place" choice, distinct from None (nothing chosen)


class ReviewError(BadInput):
    """A candidate that cannot be stored as it stands; the message says what to fix, and
    `missing` lists the required fields still empty (for a form to name them in its language)."""

    def __init__(self, message: str, missing: list[str] | None = None):
        super().__init__(message)
        self.missing = missing or []


_URL = re.compile(r"(https?://[^\s<>\"]+|urn:[a-z0-9:._-]+)", re.IGNORECASE)


def source_url_ok(url) -> bool:
    """An address a source may carry: http(s), or a urn naming an offline document; never
    javascript: or data: (a link a reader might click)."""
    return is_missing(url) or bool(_URL.fullmatch(str(url).strip()))


def kind(event_type) -> str:
    return KIND_BY_TYPE.get(event_type, "event")


def fields(kind_: str) -> tuple[str, ...]:
    return FIELDS[kind_] + SOURCE_FIELDS


def proposal(cand: Mapping, source: Mapping | None = None) -> dict:
    """The values a candidate carries, in the fields of its table; None where it carries none.

    `source` is the article's source row when an earlier accept already graded it."""
    c = {k: or_none(v) for k, v in cand.items()}
    k = kind(c.get("event_type"))
    if k == "event":
        out = {
            "country": c.get("country"),
            "actor": c.get("actor"),
            "force": c.get("force"),
            "event_type": c.get("event_type"),
            "date": c.get("date"),
            "date_precision": c.get("date_precision"),
            "location_id": c.get("location") or COUNTRY_WIDE,
            "troops": None if c.get("troops") is None else int(c["troops"]),
            "troops_kind": None,
            "summary": None,
        }
    elif k == "price":
        commodity = c.get("commodity")
        out = {
            "country": c.get("country"),
            "place": c.get("location"),
            "location_id": COUNTRY_WIDE,
            "commodity": commodity.replace(" ", "_") if commodity else None,
            "unit": c.get("unit"),
            "currency": c.get("currency"),
            "value": c.get("price_value"),
            "previous_value": c.get("price_previous"),
            "change_pct": c.get("change_pct"),
            "date": c.get("date"),
            "date_precision": c.get("date_precision"),
            "context": None,
        }
    else:
        ends = c.get("event_type") in ENDING_TYPES
        date, precision = c.get("date"), c.get("date_precision")
        out = {
            "imposer": c.get("actor"),
            "country": c.get("country"),
            "measure": MEASURE_BY_TYPE.get(c.get("event_type")),
            "start": None if ends else date,
            "start_precision": None if ends else precision,
            "end": date if ends else None,
            "end_precision": precision if ends else None,
            "summary": None,
        }
    # Rows from one reviewed article are unverified until a curator cross-checks them.
    out["status"] = "unverified"
    source = source or {}
    out |= {
        "publisher": or_none(source.get("publisher", c.get("publisher"))),
        "url": or_none(source.get("url", c.get("url"))),
        "reliability": or_none(source.get("reliability")),
    }
    return out


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
        raise ReviewError(f"candidate {candidate_id} is not waiting for review")
    return cand.iloc[0].to_dict()


def source_id(article_id: str) -> str:
    return f"article-{article_id}"


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


def _count(value, field: str):
    if is_missing(value):
        return None
    if isinstance(value, (int,)) and not isinstance(value, bool):
        text = str(value)
    else:
        text = str(value).strip()
    if not _COUNT.fullmatch(text):  # str.isdigit() would take '²'
        raise ReviewError(f"{field} must be a whole number of at most 7 digits, not {text[:20]!r}")
    return int(text)


def _amount(value, field: str):
    if is_missing(value):
        return None
    try:
        number = float(str(value).strip().replace(",", ""))
    except ValueError:
        raise ReviewError(f"{field} must be a number, not {str(value)[:20]!r}") from None
    if not math.isfinite(number) or abs(number) > config.MAX_AMOUNT:
        raise ReviewError(f"{field} must be a number below {config.MAX_AMOUNT:,.0f}")
    return number


def _typed(kind_: str, chosen: dict) -> dict:
    out = {k: v if k == "location_id" else or_none(v) for k, v in chosen.items()}
    if kind_ == "event":
        out["troops"] = _count(out.get("troops"), "troops")
    if kind_ == "price":
        for f in ("value", "previous_value", "change_pct"):
            out[f] = _amount(out.get(f), f)
    return out


def missing_fields(kind_: str, values: dict, source_known: bool) -> list[str]:
    """The required fields still empty in `values` (a proposal or the reviewer's choices)."""
    required = {
        "event": ["country", "actor", "force", "event_type", "date", "date_precision", "summary"],
        "price": ["country", "commodity", "unit", "currency", "date", "date_precision", "context"],
        "sanction": ["imposer", "country", "measure", "start", "start_precision", "summary"],
    }[kind_]
    missing = [f for f in required if is_missing(values.get(f))]
    if values.get("troops") is not None and is_missing(values.get("troops_kind")):
        missing.append("troops_kind")
    if kind_ == "price" and values.get("value") is None and values.get("change_pct") is None:
        missing.append("value_or_change_pct")
    if kind_ == "event" and values.get("location_id") is None:
        missing.append("location_id")  # a listed place, or country-wide: never guessed
    if not source_known:
        missing += [f for f in ("publisher", "reliability") if is_missing(values.get(f))]
    return missing


def _record(kind_: str, cand: dict, values: dict, record_id: str, locations: set[str]) -> dict:
    evidence = str(cand["text"])[int(cand["evidence_start"]) : int(cand["evidence_end"])].strip()
    note = (
        f"from article {cand['article_id']}, characters "
        f"{int(cand['evidence_start'])}-{int(cand['evidence_end'])}"
    )
    base = {
        KEYS[kind_]: record_id,
        "evidence": evidence[:300] or None,
        "source_ids": source_id(cand["article_id"]),
        "notes": note,
    }
    row = {f: values.get(f) for f in FIELDS[kind_]} | base
    if "location_id" in row:
        loc = row["location_id"]
        if loc and loc not in locations:
            raise ReviewError(f"location_id: '{loc}' is not a listed place; choose one, or country-wide")
        row["location_id"] = loc or None
    if kind_ == "price" and row.get("place") in locations and not row.get("location_id"):
        row["location_id"] = row["place"]  # the place named is a mapped one
    return row


def _validated(kind_: str, row: dict) -> dict:
    try:
        return MODELS[kind_].model_validate(row).model_dump()
    except ValidationError as err:
        raise ReviewError(
            "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in err.errors())
        ) from None


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
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise ReviewError("a reviewer name is needed for the review log")
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
    if unknown:
        raise ReviewError(
            f"no such field for a {kind_}: {', '.join(unknown)} (fields: {', '.join(fields(kind_))})"
        )
    if locations is None:
        locations = set(store.table("locations")["location_id"])
    stored_source = _stored_source(store, cand["article_id"])
    proposed = proposal(cand, stored_source)
    chosen = _typed(kind_, proposed | values)
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
    row = _validated(kind_, _record(kind_, cand, chosen, record_id, locations))
    typed_proposal = _typed(kind_, proposed)
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
            raise ReviewError(f"candidate {candidate_id} was reviewed meanwhile")
        _log(cur, reviewer, candidate_id, "accepted", table, record_id, changes)
    return Accepted(table, record_id, changes)


def reject(store: Store, candidate_id: str, reviewer: str, reason: str | None = None) -> None:
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise ReviewError("a reviewer name is needed for the review log")
    with store.transaction(data=False) as cur:
        done = cur.execute(
            "UPDATE candidates SET status = 'rejected' WHERE candidate_id = ? "
            "AND status = 'pending' RETURNING 1",
            [candidate_id],
        ).fetchall()
        if not done:
            raise ReviewError(f"candidate {candidate_id} is not waiting for review")
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
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise ReviewError("a reviewer name is needed for the review log")
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


def log(store: Store, limit: int = 200) -> pd.DataFrame:
    """The newest review decisions first."""
    return store.query("SELECT * FROM review_log ORDER BY reviewed_at DESC LIMIT ?", [limit])


def pending(store: Store) -> pd.DataFrame:
    return store.query(
        "SELECT c.*, a.title, a.publisher, a.url FROM candidates c "
        "JOIN articles a USING (article_id) WHERE c.status = 'pending' "
        "ORDER BY c.confidence DESC NULLS LAST, a.ingested_at, c.candidate_id"
    )
