"""The candidate event handed to the review form, and how duplicates are merged."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
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
    # Told as earlier context rather than as the article's news ("the junta, which seized
    # power in July 2023, ..."): kept for review, flagged.
    background: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


CANDIDATE_KEYS = tuple(f.name for f in fields(Candidate))


_RANK = {None: -1, "year": 0, "month": 1, "day": 2}


def _within(coarse: Candidate, fine: Candidate) -> bool:
    """The coarser date names the period the finer one falls in ("2023-12" and
    "2023-12-22"; "2023" and "2023-12"); an undated candidate is within any date."""
    if coarse.date is None:
        return True
    if fine.date is None or _RANK[coarse.date_precision] > _RANK[fine.date_precision]:
        return False
    width = {"year": 4, "month": 7, "day": 10}.get(coarse.date_precision, 10)
    return fine.date[:width] == coarse.date[:width]


def deduplicate(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per event: the same (country, actor, type, commodity) told twice is kept
    once, at the most precise date ("in December" then "on December 22": the day; a dated
    telling beats an undated one). Two different days (or months) stay two events."""
    groups: dict[tuple, list[Candidate]] = {}
    for c in cands:
        groups.setdefault((c.country, c.actor, c.event_type, c.commodity), []).append(c)
    kept = []
    for group in groups.values():
        # Most precise first, then the most confident: each later one either falls within
        # a kept one (merged into it) or is an event of its own.
        group.sort(key=lambda c: (-_RANK[c.date_precision if c.date else None], -c.confidence,
                                  c.evidence_start))
        chosen: list[Candidate] = []
        for c in group:
            into = next((i for i, k in enumerate(chosen) if _within(c, k)), None)
            if into is None:
                chosen.append(c)
            elif chosen[into].troops is None and c.troops is not None:
                chosen[into] = replace(chosen[into], troops=c.troops)  # keep the figure
        kept.extend(chosen)
    kept.sort(key=lambda c: (c.evidence_start, c.event_type))
    return kept
