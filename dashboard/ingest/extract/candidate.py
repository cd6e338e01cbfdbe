"""The candidate event handed to the review form, and how duplicates are merged."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields, replace

from dashboard.records import vocab

CANDIDATE_ONLY_TYPES = (
    "sanctions_imposed",
    "sanctions_lifted",
    "border_closed",
    "border_reopened",
    "price_change",
)

EVENT_TYPES = vocab.EVENT_TYPES + CANDIDATE_ONLY_TYPES


@dataclass(frozen=True)
class Candidate:
    """One event proposed for review. text[evidence_start:evidence_end] is the sentence it
    was read from; dates are ISO with day 01 / month 01 below day precision (as in the
    curated tables); the price fields are only set for price_change."""

    country: str | None
    actor: str | None
    force: str | None
    event_type: str
    date: str | None
    date_precision: str | None
    troops: int | None
    location: str | None
    evidence_start: int
    evidence_end: int
    confidence: float
    commodity: str | None = None
    price_value: float | None = None
    price_previous: float | None = None
    unit: str | None = None
    currency: str | None = None
    change_pct: float | None = None
    # Told as earlier context rather than as the article's news ("the junta, which seized
    # power in July 2023, ..."): kept for review, flagged.
    background: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


CANDIDATE_KEYS = tuple(f.name for f in fields(Candidate))


_RANK = {None: -1, "year": 0, "month": 1, "day": 2}
_WIDTH = {"year": 4, "month": 7, "day": 10}
_SCAN = 50  # an undated candidate is merged into one of the first kept ones


def _within(coarse: Candidate, fine: Candidate) -> bool:
    """The coarser date names the period the finer one falls in ("2023-12" and
    "2023-12-22"; "2023" and "2023-12"); an undated candidate is within any date."""
    if coarse.date is None:
        return True
    if fine.date is None or _RANK[coarse.date_precision] > _RANK[fine.date_precision]:
        return False
    width = {"year": 4, "month": 7, "day": 10}.get(coarse.date_precision, 10)
    return fine.date[:width] == coarse.date[:width]


def _same_force(c: Candidate, kept: Candidate) -> bool:
    """Two tellings can be one event unless their figures differ. A presence dated to the
    month with a figure is its own report next to one dated to a day without it ("about
    300 in January", "in Timbuktu on 5 January")."""
    if c.troops is not None and kept.troops is not None:
        return c.troops == kept.troops
    if (
        c.event_type == "presence_reported"
        and c.date
        and kept.date
        and c.date_precision != kept.date_precision
    ):
        return c.troops == kept.troops
    return True


COUP_DAYS = 3


def _one_coup(group: list[Candidate]) -> list[Candidate]:
    """A coup told on two days next to each other ("the mutiny broke out on Tuesday", "the
    president resigned overnight, hours after his arrest") is one coup: the earliest day."""
    days = sorted((c for c in group if c.date and c.date_precision == "day"), key=lambda c: c.date)
    drop = set()
    for a, b in zip(days, days[1:]):
        if (
            id(a) not in drop
            and (dt.date.fromisoformat(b.date) - dt.date.fromisoformat(a.date)).days <= COUP_DAYS
        ):
            drop.add(id(b))
    return [c for c in group if id(c) not in drop]


def deduplicate(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per event: the same (country, actor, type, commodity) told twice is kept
    once, at the most precise date ("in December" then "on December 22": the day; a dated
    telling beats an undated one). Two different days (or months) stay two events."""
    groups: dict[tuple, list[Candidate]] = {}
    for c in cands:
        groups.setdefault((c.country, c.actor, c.event_type, c.commodity), []).append(c)
    kept = []
    for key, group in groups.items():
        if key[2] == "coup":
            group = _one_coup(group)
        # Most precise first, then the most confident: each later one either falls within
        # a kept one (merged into it) or is an event of its own.
        group.sort(
            key=lambda c: (-_RANK[c.date_precision if c.date else None], -c.confidence, c.evidence_start)
        )
        chosen: list[Candidate] = []
        # Kept ones by date prefix ("2023", "2023-12", "2023-12-22"), so a candidate only
        # looks at those it could fall within (no pairwise scan of a dense upload).
        by_prefix: dict[str, list[int]] = {}
        for c in group:
            width = _WIDTH.get(c.date_precision, 10) if c.date else 0
            pool = by_prefix.get(c.date[:width], ()) if c.date else range(min(len(chosen), _SCAN))
            into = next(
                (i for i in pool if _within(c, chosen[i]) and _same_force(c, chosen[i])),
                None,
            )
            if into is None:
                chosen.append(c)
                if c.date:
                    for w in (4, 7, 10)[: _RANK[c.date_precision] + 1]:
                        by_prefix.setdefault(c.date[:w], []).append(len(chosen) - 1)
            elif chosen[into].troops is None and c.troops is not None:
                chosen[into] = replace(chosen[into], troops=c.troops)  # keep the figure
        kept.extend(chosen)
    kept.sort(key=lambda c: (c.evidence_start, c.event_type))
    return kept
