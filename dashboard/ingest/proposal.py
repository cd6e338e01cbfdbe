"""What a candidate proposes and what a reviewer may store: the fields of the table its type
belongs to, filled from the candidate (`proposal`), typed and checked (`typed`,
`missing_fields`), and made into a validated row (`record`, `validated`). Pure: no store.

A field the candidate left empty stays empty (None) until somebody fills it; country-wide is
an explicit choice (`COUNTRY_WIDE`), never the default of an unset place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from pydantic import ValidationError

from dashboard import config
from dashboard.errors import BadInput
from dashboard.records.missing import is_missing, or_none
from dashboard.records.schema import Event, Price, Sanction

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


class AlreadyReviewed(ReviewError):
    """The candidate is no longer waiting: another session or command reviewed it first."""


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


def source_id(article_id: str) -> str:
    """The source row an article becomes once a candidate of it is accepted."""
    return f"article-{article_id}"


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


def typed(kind_: str, chosen: dict) -> dict:
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


def record(kind_: str, cand: dict, values: dict, record_id: str, locations: set[str]) -> dict:
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


def validated(kind_: str, row: dict) -> dict:
    try:
        return MODELS[kind_].model_validate(row).model_dump()
    except ValidationError as err:
        raise ReviewError(
            "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in err.errors())
        ) from None
