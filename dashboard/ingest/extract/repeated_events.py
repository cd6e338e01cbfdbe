"""One verb, several events: the same event told again in the same sentence with only a new
date ("seized power in August 2020 and again in May 2021", "le coup d'État du 18 août 2020
et celui du 24 mai 2021"), a list of places each with its own day ("Kidal was returned in
October, Tessalit on Nov. 13 and Timbuktu on Dec. 14"), or the last sentence's event done
again by another place or state ("Gossi followed in April", "le Nigeria a suivi le 13 mars")."""

from __future__ import annotations

import re
from dataclasses import replace

from dashboard.ingest.extract.candidate import Candidate
from dashboard.ingest.extract.gazetteer import Mention

AGAIN_BEFORE = re.compile(
    r"\b(?:and|et|puis|then)\s++(?:again|once again|once more|a nouveau|de nouveau|encore)\s*+,?\s*+"
    r"(?:in|on|en|le|au|at)?\s*+$"
)
# "et celui du 24 mai 2021", "and that of May 2021": the noun left out, the date its own.
PRONOUN_BEFORE = re.compile(
    r"\b(?:and|et)\s++(?:that|the one|celui|celle)\s++(?:of|du|de|d')\s*+(?:l'|la\s++)?$"
)
# Between two dated items of a list: a comma or "and", a short name, a preposition.
LIST_GAP = re.compile(
    r"(?:\s*+,\s*+|,?\s++(?:and|et|then|puis)\s++)(?:the\s++|le\s++|la\s++|l')?[a-z][a-z' -]{1,25}?\s++"
    r"(?:,?\s*+at an? (?:[a-z]+\s+)?ceremony,?\s++|,?\s*+lors d'une (?:[a-z]+\s+)?ceremonie(?:\s+[a-z]+)?,?\s++)?"
    r"(?:on|in|le|en|au)\s++"
)
# Events bound to a place, which a list of places repeats.
PLACE_TYPES = frozenset({"base_handed_over", "base_opened", "deployment", "withdrawal_completed"})


def repeated_events(
    sf: str, found: list, candidates: list[Candidate], local: list[Mention], dates: list
) -> list:
    """Copies of an event for each later date of its stretch of the sentence (up to the next
    trigger) that only repeats it."""
    if not candidates or not found or len(dates) < 2:
        return []
    out = []
    ordered = sorted(found, key=lambda t: t.start)
    for i, t in enumerate(ordered):
        stop = ordered[i + 1].start if i + 1 < len(ordered) else len(sf)
        same = [c for c in candidates if c.event_type == t.event_type and c.date is not None]
        if same:
            out += _repeats(sf, t, same[-1], stop, local, dates)
    return out


def _repeats(sf: str, t, c: Candidate, stop: int, local: list[Mention], dates: list) -> list:
    out = []
    prev_end = None
    for h in dates:
        if h.start < t.start or h.start >= stop or h.kind not in ("event", "report"):
            continue
        if h.date.isoformat() == c.date and prev_end is None:
            prev_end = h.end
            continue
        again = AGAIN_BEFORE.search(sf, max(0, h.start - 40), h.start) or PRONOUN_BEFORE.search(
            sf, max(0, h.start - 30), h.start
        )
        place = None
        if not again and prev_end is not None and t.event_type in PLACE_TYPES:
            if LIST_GAP.fullmatch(sf, prev_end, h.start):
                # a town ("Tessalit on Nov. 13") or another host country ("le Burkina en février 2023")
                place = next(
                    (m for m in local if prev_end <= m.start < h.start and (m.location or m.host)), None
                )
        if not again and place is None:
            break  # a date of something else: the list has ended
        out.append(
            replace(
                c,
                date=h.date.isoformat(),
                date_precision=h.precision,
                location=place.location if place is not None else c.location,
                country=place.host or c.country if place is not None else c.country,
            )
        )
        prev_end = h.end
    return out


# "Gossi followed in April", "le Nigeria a suivi le 13 mars": the same event, another one's.
FOLLOWED = re.compile(
    r"\b(?:followed(?!\s+by\b)(?:\s+suit)?|(?:a|ont|avait|avaient)\s+suivi|suivit|suit|suivent|emboite\w* le pas)\b"
)
FOLLOWED_WORDS = ("follow", "suiv", "suit", "emboit")  # a cheap test before FOLLOWED's search


def names_a_follower(sf: str) -> bool:
    return any(w in sf for w in FOLLOWED_WORDS)


FOLLOWED_TYPES = PLACE_TYPES | {"border_closed", "border_reopened", "sanctions_lifted", "sanctions_imposed"}


def followed_event(sf: str, local: list[Mention], dates: list, last: Candidate | None) -> list:
    """The last sentence's event again, for the place or state this sentence names right
    before "followed", at the date given right after it."""
    if last is None or last.event_type not in FOLLOWED_TYPES or not names_a_follower(sf):
        return []
    f = FOLLOWED.search(sf)
    if f is None:
        return []
    subject = next(
        (
            m
            for m in reversed(local)
            if m.end <= f.start() and f.start() - m.end <= 25 and "," not in sf[m.end : f.start()]
        ),
        None,
    )
    hit = next((h for h in dates if 0 <= h.start - f.end() <= 25 and h.kind in ("event", "report")), None)
    if subject is None or hit is None:
        return []
    if subject.location and last.event_type in PLACE_TYPES:
        return [
            replace(
                last,
                country=subject.host or last.country,
                location=subject.location,
                date=hit.date.isoformat(),
                date_precision=hit.precision,
            )
        ]
    if subject.actor and subject.kind in ("actor", "country") and last.event_type not in PLACE_TYPES:
        return [replace(last, actor=subject.actor, date=hit.date.isoformat(), date_precision=hit.precision)]
    return []
