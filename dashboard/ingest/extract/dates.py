"""Dates written in a sentence, resolved against the publication date, with their precision.

Our own regexes find the candidate spans (fast, English and French); dateparser only reads
spans the regexes cannot take apart themselves (numeric dates, odd header values), because
dateparser.search over a whole article costs far more than extracting it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from dashboard import config
from dashboard.ingest.extract.date_rules import (
    DAY_RULES,
    OUT_OF_RANGE,
    RULES,
    YEARLESS_DAY,
    active_rules,
    handle,
    plausible_event,
    today,
    weekday_year,
)
from dashboard.ingest.extract.date_words import MONTHS, NUMBER_WORDS, WEEKDAYS
from dashboard.ingest.extract.first_words import WordStarts, scan

# Read by the other modules from here: the word tables and the range test.
__all__ = [
    "DATELINE",
    "MONTHS",
    "NUMBER_WORDS",
    "WEEKDAYS",
    "DateHit",
    "find_dates",
    "iso",
    "parse_span",
    "plausible_event",
]

# Words after a four-digit number that make it a count, not a year.
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:troops|soldiers|men|personnel|soldats|militaires|hommes|"
    r"cfa|fcfa|francs?|tonnes|km|people|personnes|%)"
)
DEADLINE_BEFORE = re.compile(
    r"(?:\bby|\bbefore|\buntil|\btill|no later than|\bd'ici(?: a| au)?|"
    r"\bavant|\bjusqu'(?:au|a|en)|au plus tard)(?: the| le| la| l')?"
    r"(?: end of| fin(?: de| du)?)?\s*$"
)
DEADLINE_AFTER = re.compile(
    r"\s*+(?:as|comme)\s++(?:the\s++|a\s++|la\s++)?(?:deadline|date butoir|date limite|echeance|target date)\b"
)
# A date right after a verb of saying dates the statement, not necessarily the event.
REPORT_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|declared|confirmed|reported|added|"
    r"statement|a annonce|ont annonce|a indique|ont indique|a declare|"
    r"a confirme|ont confirme|a precise|selon)\b[^.;]{0,35}$"
)
# "supérieur de 35 % à celui de février 2023", "higher than in March": a comparison's base.
COMPARE_BEFORE = re.compile(
    r"\b(?:a celui d[eu']|a celle d[eu']|a ceux d[eu']|a celles d[eu']|than in|than that of|than at|"
    r"compared (?:with|to)|par rapport a|relative to|against)\s*+(?:l'|le\s|la\s|the\s)?[a-z ]{0,12}$"
)
RANGE_BEFORE = re.compile(r"\b(?:entre|between|from|de)\s+(?:(?:19|20)\d{2}\s+(?:et|and|to|a)\s+)?$")
REFERENCE_BEFORE = re.compile(r"(?:\bthe|\ba|\ban|\bits|\btheir|\bthis|\bthat|\bde|\bdu|\bof)\s+$")


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    date: dt.date
    precision: str  # "day", "month" or "year"
    kind: str  # "event", "deadline" (by/until ...), "reference" ("the 2013 accord"),
    #                    "report" (said on Monday) or "dateline" (NIAMEY, March 17 -)
    # How the year was known: "text" (written out), "anchor" (a yearless date read in the
    # story's running timeline), "published" (read against the publication date).
    year_from: str = "text"


# "NIAMEY, March 17 -" opening a paragraph: the filing date, not an event date.
# Possessive and bounded: linear on a sentence of spaces.
DATELINE = re.compile(r"^\s*+[a-z][a-z'\- .()/]{1,40},\s{0,8}[^,\-]{3,30}?\s++[-\u2013\u2014]\s")


_SPACE_WORD = re.compile(r"\s+[a-z]")
_OF_BEFORE = re.compile(r"\b(?:de|du|of)\s+$")
# "in the summer of 2014", "à l'été 2014": a part of the year, told as when things happened.
_SEASON_OF_BEFORE = re.compile(
    r"\b(?:spring|summer|autumn|fall|winter|printemps|ete|automne|hiver)\s+(?:of\s+|de\s+)?$"
)


# A sentence naming more dates than this is a list or junk ("2024 2024 2024 ..."): the rest
# are not read, which keeps the work per sentence small (each hit runs several look-behinds).


class _Spans:
    """Non-overlapping spans kept in order: overlap tests by bisection, not by a scan of all
    earlier hits (a sentence of '2024 2024 2024 ...' has hundreds)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        # Spans do not overlap, so the last one starting before `e` ends last among them.
        j = bisect_left(self.starts, e) - 1
        return j >= 0 and self.ends[j] > s

    def starts_within(self, lo: int, hi: int) -> bool:
        k = bisect_left(self.starts, lo)
        return k < len(self.starts) and self.starts[k] <= hi

    def add(self, s: int, e: int) -> None:
        k = bisect_left(self.starts, s)
        self.starts.insert(k, s)
        self.ends.insert(k, e)


# The last sentence read and its dates: a short line is read once to see whether it is a
# live blog's day heading, then again for its events.
_LAST: tuple = (None, ())


def find_dates(
    folded: str,
    published: dt.date | None,
    offset: int = 0,
    future: bool = False,
    year_hint: int | None = None,
    words=None,
    day_only: bool = False,
    anchor: dt.date | None = None,
) -> list[DateHit]:
    """Dates in a folded sentence, in order. `future` says the sentence speaks of what will
    happen, so a yearless '15 September' is looked for after the publication date.
    `year_hint`: the earlier year the text is telling of ("In March 2024 ..., and by
    September ..."); a yearless day or month is then read in that year, not the
    publication's. Weekdays and "yesterday" still count from the publication date.
    `words`: the sentence's [a-z0-9]+ words if the caller has them; `day_only`: only the
    rules that can give a day are run (no other rule takes their words)."""
    global _LAST
    if year_hint is not None and (published is None or year_hint >= published.year):
        year_hint = None
    if anchor is not None and (published is None or anchor >= published):
        anchor = None
    key = (folded, published, offset, future, year_hint, day_only, anchor, today())
    cached = _LAST  # one tuple, read and replaced whole: safe across threads
    if cached[0] == key:
        return list(cached[1])
    hits = _find_dates(folded, published, offset, future, year_hint, words, day_only, anchor)
    _LAST = (key, tuple(hits))
    return hits


_YEARLESS = frozenset({"dm", "md", "m", "holiday"})
# Read against the publication day whatever the story's timeline: "on Tuesday", "yesterday".
_PUB_RELATIVE = frozenset({"weekday", "ago", "rel"})
# A yearless date read in a story's running timeline is the occurrence nearest the last date
# told, looked for up to this many days after it (and as far before).
ANCHOR_DAYS = 200
_PAST_TOLD = re.compile(r"\b(?:had|were|was|avaient|avait|etaient|etait)\b")
_FUTURE_TOLD = re.compile(
    r"\b(?:will|would|shall|must|should|going to|expected|va|vont|sera|seront|"
    r"doi[tv]\w*|devr\w*|d'ici)\b|\w+(?:ra|ront)\b"
)


# Each rule is tried only where a word it can begin with starts (see first_words).
_RULE_STARTS = WordStarts([(name, pattern) for name, pattern, _ in RULES])


def _find_dates(
    folded: str,
    published: dt.date | None,
    offset: int,
    future: bool,
    year_hint: int | None = None,
    words=None,
    day_only: bool = False,
    anchor: dt.date | None = None,
) -> list[DateHit]:
    active = active_rules(folded, words)
    if day_only:
        active &= DAY_RULES
    if not active:
        return []
    # "By Dec. 13, 1,346 soldiers had gone": a deadline told in the past is looked for before
    # the publication date, like any past date.
    past_deadline = None  # looked up at the first deadline: most sentences have none
    starts = _RULE_STARTS.starts(folded, active)
    taken = _Spans()
    hits: list[DateHit] = []
    dateline_end = None  # looked up at the first date found
    for name, pattern, handler in RULES:
        if name not in active:
            continue
        if len(hits) >= config.MAX_DATES_PER_SENTENCE:
            break
        has_prep = "prep" in pattern.groupindex
        if name in _RULE_STARTS.unanchored:
            matches = pattern.finditer(folded)
        else:  # tried only where a word it can begin with starts
            matches = scan(folded, starts.get(name, ()))
        for m in matches:
            if len(hits) >= config.MAX_DATES_PER_SENTENCE:
                break
            s, e = m.span()
            if taken.overlaps(s, e):
                continue
            if name == "year" and _NOT_YEAR_AFTER.match(folded, e):
                continue
            if name == "weekday" and taken.starts_within(e, e + 3):
                continue  # "Saturday 16 March": the date itself is already read
            before = folded[max(0, s - 30) : s]
            prep = (m["prep"] if has_prep else None) or ""
            deadline = bool(DEADLINE_BEFORE.search(before)) or prep in (
                "by",
                "until",
                "before",
                "d'ici",
                "avant",
                "jusqu'en",
                "jusqu'a",
                "jusqu'au",
            )
            if deadline and past_deadline is None:
                past_deadline = bool(_PAST_TOLD.search(folded)) and not _FUTURE_TOLD.search(folded)
            ahead = future or (deadline and not past_deadline)
            against = published
            year_from = "published" if name in _YEARLESS or name in _PUB_RELATIVE else "text"
            if year_hint is not None and name in _YEARLESS:
                against = dt.date(year_hint, 1, 1) if ahead else dt.date(year_hint, 12, 31)
                year_from = "text"
            elif name in _YEARLESS and not ahead and (anchor is not None or hits) and published is not None:
                # The story's running timeline: the occurrence nearest its last date (up to
                # ANCHOR_DAYS ahead of it), never after publication. A date this sentence
                # wrote out earlier ("in January 2023, ..., and Sabre ended on 18 February")
                # is that timeline too.
                told = [
                    h for h in hits if h.end <= s and h.year_from == "text" and h.kind in ("event", "report")
                ]
                base = max(told, key=lambda h: h.end).date if told else anchor
                if base is not None and base < published:
                    against = min(published, base + dt.timedelta(days=ANCHOR_DAYS))
                    if prep == "that":  # "launched only that February": in the year told
                        against = min(published, dt.date(base.year, 12, 31))
                    year_from = "anchor"
            resolved = handle(name, handler, m, against, ahead)
            if name in YEARLESS_DAY and isinstance(resolved, tuple) and published is not None:
                resolved = weekday_year(folded, s, resolved, published)
            if resolved is OUT_OF_RANGE:
                taken.add(s, e)  # "3 March 2099" must not be read again as "3 March"
                continue
            if resolved is None:
                continue
            if not deadline and DEADLINE_AFTER.match(folded, e):
                deadline = True  # "with 15 September as the deadline"
            kind = "deadline" if deadline else "event"
            if dateline_end is None:
                dl = DATELINE.match(folded)
                dateline_end = dl.end() if dl else -1
            if e <= dateline_end:
                kind = "dateline"
            elif name == "year" and RANGE_BEFORE.search(before):
                kind = "reference"  # "between 1977 and 2013" spans a period
            elif (
                name == "year"
                and REFERENCE_BEFORE.search(before)
                and _SPACE_WORD.match(folded, e)
                and not _SEASON_OF_BEFORE.search(before)
            ):
                kind = "reference"  # "the 2013 agreement", "l'accord de 2013 sur ..."
            elif name == "year" and _OF_BEFORE.search(before) and not _SEASON_OF_BEFORE.search(before):
                kind = "reference"
            elif kind == "event" and REPORT_BEFORE.search(before):
                kind = "report"
            elif kind == "event" and COMPARE_BEFORE.search(before):
                kind = "reference"  # "35 % above that of February 2023": the base compared with
            taken.add(s, e)
            hits.append(DateHit(s + offset, e + offset, resolved[0], resolved[1], kind, year_from))
    hits.sort(key=lambda h: h.start)
    if hits and ("le " in folded or "du " in folded or "the " in folded):
        hits = _bare_days(folded, hits, taken, offset)
    return hits


# "le 3 juillet ; l'UEMOA a suivi le 8", "dans la soirée du 22": a day number alone, in the
# month of the date the sentence gave before it.
BARE_DAY = re.compile(
    r"\b(?:le|du|the|on the)\s++(?P<day>[0-3]?\d)(?:er|th|st|nd|rd)?(?=\s*+(?:[,;.)]|et\b|and\b|au\b|$))"
)


def _bare_days(folded: str, hits: list, taken, offset: int) -> list:
    first = BARE_DAY.search(folded)
    if first is None:
        return hits
    out = list(hits)
    for m in BARE_DAY.finditer(folded, first.start()):
        s, e = m.span()
        if taken.overlaps(s, e):
            continue
        prev = [
            h for h in hits if h.end - offset <= s and h.precision == "day" and h.kind in ("event", "report")
        ]
        if not prev:
            continue
        base = prev[-1].date
        try:
            d = base.replace(day=int(m["day"]))
        except ValueError:
            continue
        if d <= base:
            continue  # a later day of the same month only
        out.append(DateHit(s + offset, e + offset, d, "day", "event", prev[-1].year_from))
    out.sort(key=lambda h: h.start)
    return out


@lru_cache(maxsize=1)
def _dateparser():
    """Import dateparser once and build its settings once: both are costly."""
    import dateparser

    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["absolute-time", "custom-formats"],
        "STRICT_PARSING": False,
    }
    day_first = dict(settings, DATE_ORDER="DMY")
    return dateparser, settings, day_first


def parse_span(span: str, day_first: bool = False) -> dt.date | None:
    """Read one short date span with dateparser (None if it cannot)."""
    span = span.strip()
    if not span or len(span) > 60:
        return None
    try:
        dateparser, settings, dmy = _dateparser()
        parsed = dateparser.parse(span, languages=["en", "fr"], settings=dmy if day_first else settings)
    except Exception:  # dateparser raises a variety of errors on odd input
        return None
    return parsed.date() if parsed else None


def iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None
