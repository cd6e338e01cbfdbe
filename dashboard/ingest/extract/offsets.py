"""Relative offsets: "two months after the coup", "quatre jours après la dénonciation",
"eight days earlier". The event the offset names is dated back from the sentence's own
date; an event told with an offset is dated from the event it counts from."""

from __future__ import annotations

import datetime as dt
import re

from dashboard.ingest.extract import triggers as trg
from dashboard.ingest.extract.context import Context
from dashboard.ingest.extract.dates import NUMBER_WORDS, DateHit
from dashboard.ingest.extract.tenses import PERFECT, ROUGHLY_BEFORE
from dashboard.ingest.extract.window import before

# "two months after the coup", "quatre jours apres la denonciation", "eight days earlier".
_COUNT = r"(?P<n>\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"

OFFSET = re.compile(
    rf"\b{_COUNT}\s++(?P<unit>days?|weeks?|months?|jours?|semaines?|mois)\s++"
    r"(?:(?:et demi|and a half|jour pour jour|to the day|a peine|seulement|only|just|barely)\s++)?"
    r"(?P<dir>after|apres|later|plus tard|before|avant|earlier|plus tot)\b"
    r"(?:\s++(?:the|le|la|l'|les|its|son|sa)?\s*+(?P<what>[a-z']+))?"
)

# The event a relative offset counts from, by the noun that names it.
OFFSET_FROM = (
    ("coup", "coup"),
    ("putsch", "coup"),
    ("renversement", "coup"),
    ("overthrow", "coup"),
    ("sanction", "sanctions_imposed"),
    ("denunciation", "agreement_revoked"),
    ("denonciation", "agreement_revoked"),
    ("revocation", "agreement_revoked"),
    ("annonce", "withdrawal_announced"),
    ("announcement", "withdrawal_announced"),
    ("depart", "withdrawal_completed"),
    ("departure", "withdrawal_completed"),
)

# The offset phrase of the last sentence asked for: every trigger of a sentence asks again.
_OFFSET_SEEN: tuple = ("", None)

# Words an offset phrase cannot do without: most sentences have none, and the count words
# ("a", "un") that open the phrase are in nearly all.
_OFFSET_UNIT = re.compile(r"\b(?:days?|weeks?|months?|jours?|semaines?|mois)\b")


def _offset_in(sf: str):
    global _OFFSET_SEEN
    cached = _OFFSET_SEEN  # one tuple, read and replaced whole: safe across threads
    if cached[0] == sf:
        return cached[1]
    units = "day" in sf or "jour" in sf or "week" in sf or "semaine" in sf or "month" in sf or "mois" in sf
    m = OFFSET.search(sf) if units and _OFFSET_UNIT.search(sf) else None
    _OFFSET_SEEN = (sf, m)
    return m


def offset_back(sf: str, t: trg.Trigger, by_trigger: dict, whole: dict, ctx: Context):
    """The event named in "two months after the coup" is dated from the sentence's own date:
    the coup is two months before it."""
    m = _offset_in(sf)
    if not m or not m["what"] or not (m.start("what") <= t.start <= m.end() + 60):
        return None
    # Only the event the noun names ("after the coup that toppled ..."), not the
    # sentence's other events.
    named = next((k for noun, k in OFFSET_FROM if m["what"].startswith(noun)), None)
    if named is None and t.start <= m.end("what") + 12:
        named = t.event_type  # "une semaine après la prise du pouvoir": the trigger itself
    if t.event_type != named and not (
        named == "withdrawal_completed" and t.event_type.startswith("withdrawal")
    ):
        return None
    anchor = whole.get("lead") or whole.get("report")
    if anchor is None:
        hits = [
            h
            for other, got in by_trigger.items()
            if other.event_type != t.event_type  # "the coup of 26 July, which toppled": its own date
            for h in got
            if h.kind in ("event", "report")
        ]
        anchor = hits[0] if hits else None
    if anchor is None and ctx.published and PERFECT.search(sf):
        anchor = DateHit(0, 0, ctx.published, "day", "event")
    n = NUMBER_WORDS.get(m["n"]) or (int(m["n"]) if m["n"].isdigit() else None)
    if anchor is None or not n:
        return None
    sign = 1 if m["dir"] in ("before", "avant") else -1
    if m["unit"].startswith(("day", "jour")) and anchor.precision == "day":
        return anchor.date + dt.timedelta(days=sign * n), "day"
    if m["unit"].startswith(("week", "semaine")) and anchor.precision == "day":
        return anchor.date + dt.timedelta(days=sign * 7 * n), "day"
    if m["unit"].startswith(("month", "mois")):
        total = anchor.date.year * 12 + anchor.date.month - 1 + sign * n
        return dt.date(total // 12, total % 12 + 1, 1), "month"
    return None


def offset_date(sf: str, ctx: Context):
    """(date, precision) of "two months after the coup" against the article's events."""
    m = _offset_in(sf)
    if not m:
        return None
    n = NUMBER_WORDS.get(m["n"]) or (int(m["n"]) if m["n"].isdigit() else None)
    what = m["what"] or ""
    base = None
    if m["dir"] in ("after", "apres", "before", "avant"):
        kind = next((k for noun, k in OFFSET_FROM if what.startswith(noun)), None)
        base = ctx.event_dates.get(kind) if kind else None
    elif ctx.last_day is not None:
        base = (ctx.last_day.date, "day")
    if base is None or not n:
        return None
    sign = -1 if m["dir"] in ("before", "avant", "earlier", "plus tot") else 1
    unit = m["unit"]
    if unit.startswith(("day", "jour")) and base[1] == "day":
        return base[0] + dt.timedelta(days=sign * n), "day"
    if unit.startswith(("week", "semaine")) and base[1] == "day":
        d = base[0] + dt.timedelta(days=sign * 7 * n)
        if before(ROUGHLY_BEFORE, sf, m.start(), 16):  # "about a week later": its month
            return d.replace(day=1), "month"
        return d, "day"
    if unit.startswith(("month", "mois")) and base[1] in ("day", "month"):
        total = base[0].year * 12 + base[0].month - 1 + sign * n
        return dt.date(total // 12, total % 12 + 1, 1), "month"
    return None
