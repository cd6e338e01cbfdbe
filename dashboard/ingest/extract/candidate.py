"""The candidate event handed to the review form, and how duplicates are merged."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Optional

from dashboard.records import vocab

CANDIDATE_ONLY_TYPES = ("sanctions_imposed", "sanctions_lifted", "border_closed",
                        "border_reopened", "price_change")

EVENT_TYPES = vocab.EVENT_TYPES + CANDIDATE_ONLY_TYPES


@dataclass(frozen=True)
class Candidate:
    """One event proposed for review. text[evidence_start:evidence_end] is the sentence it
    was read from; dates are ISO with day 01 / month 01 below day precision (as in the
    curated tables); the price fields are only set for price_change."""
    country: Optional[str]
    actor: Optional[str]
    force: Optional[str]
    event_type: str
    date: Optional[str]
    date_precision: Optional[str]
    troops: Optional[int]
    location: Optional[str]
    evidence_start: int
    evidence_end: int
    confidence: float
    commodity: Optional[str] = None
    price_value: Optional[float] = None
    price_previous: Optional[float] = None
    unit: Optional[str] = None
    currency: Optional[str] = None
    change_pct: Optional[float] = None

    def to_dict(self) -> dict:
        return asdict(self)


CANDIDATE_KEYS = tuple(f.name for f in fields(Candidate))


def deduplicate(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per (country, actor, type, commodity, date); an undated one is dropped
    when the same event is also found with a date."""
    best: dict[tuple, Candidate] = {}
    for c in cands:
        key = (c.country, c.actor, c.event_type, c.commodity, c.date)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    dated = {k[:4] for k, c in best.items() if c.date}
    kept = [c for k, c in best.items() if c.date or k[:4] not in dated]
    kept.sort(key=lambda c: (c.evidence_start, c.event_type))
    return kept
