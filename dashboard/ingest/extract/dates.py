"""Dates written in a sentence, resolved against the publication date, with their precision.

Our own regexes find the candidate spans (fast, English and French); dateparser only reads
spans the regexes cannot take apart themselves (numeric dates, odd header values), because
dateparser.search over a whole article costs far more than extracting it.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from dashboard import config

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "janv": 1,
    "fevr": 2,
    "avr": 4,
    "juil": 7,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
}

_FULL = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
    "novembre|decembre"
)
_M = rf"(?P<mon>{_FULL}|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|janv|fevr|avr|juil)\.)"
_D = r"(?P<day>[0-3]?\d)(?:er|st|nd|rd|th|e)?"
_Y = r"(?P<year>(?:19|20)\d{2})"
_WD = "|".join(WEEKDAYS)
_PREP = (
    r"(?P<prep>in|since|early|late|mid|by|until|before|after|during|end of|the end of|"
    r"last|this past|the|of|en|depuis|debut|fin|mi|courant|au mois de|le mois de|avant|"
    r"apres|d'ici|jusqu'en|jusqu'a|jusqu'au|au cours du mois de|de|d')"
)
_NUM = r"(?P<n>\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"

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
# A date right after a verb of saying dates the statement, not necessarily the event.
REPORT_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|declared|confirmed|reported|added|"
    r"statement|a annonce|ont annonce|a indique|ont indique|a declare|"
    r"a confirme|ont confirme|a precise|selon)\b[^.;]{0,35}$"
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


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def _shift_months(d: dt.date, months: int) -> dt.date:
    total = d.year * 12 + d.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def _infer_year(month: int, day: int, pub: dt.date | None, future: bool) -> dt.date | None:
    """A day-month without a year: the publication year, or the year before when that would
    put a past event in the future (a January article about '22 December')."""
    if pub is None:
        return None
    for year in (pub.year, pub.year + 1) if future else (pub.year, pub.year - 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return None
        if future and d >= pub - dt.timedelta(days=1):
            return d
        if not future and d <= pub + dt.timedelta(days=2):
            return d
    return None


def _month_key(text: str) -> int | None:
    return MONTHS.get(text.rstrip(".").strip())


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# Each rule: (name, regex, handler(match, pub, future) -> (date, precision) | None).
Rule = tuple[str, re.Pattern, Callable]


def _dmy(m, pub, future):
    d = _safe_date(int(m["year"]), _month_key(m["mon"]), int(m["day"]))
    return (d, "day") if d else None


def _dm(m, pub, future):
    d = _infer_year(_month_key(m["mon"]), int(m["day"]), pub, future)
    return (d, "day") if d else None


def _my(m, pub, future):
    return _month_start(int(m["year"]), _month_key(m["mon"])), "month"


def _m(m, pub, future):
    if pub is None:
        return None
    month = _month_key(m["mon"])
    year = pub.year
    if future and month < pub.month:
        year += 1
    elif not future and month > pub.month:
        year -= 1
    return _month_start(year, month), "month"


def _iso(m, pub, future):
    d = _safe_date(int(m["year"]), int(m["mo"]), int(m["day"]))
    return (d, "day") if d else None


def _numeric(m, pub, future):
    # Read here rather than by dateparser (a millisecond a call: 50,000 such dates in one
    # upload took a minute): day first, month first when that is the only valid reading,
    # as dateparser with DATE_ORDER=DMY reads them.
    day, month, year = (int(x) for x in m.group(0).split("/"))
    d = _safe_date(year, month, day) or _safe_date(year, day, month)
    return (d, "day") if d else None


def _year(m, pub, future):
    return dt.date(int(m["year"]), 1, 1), "year"


def _weekday(m, pub, future):
    if pub is None:
        return None
    back = (pub.weekday() - WEEKDAYS[m["wd"]]) % 7
    if back == 0 and (m["last"] or m["last2"]):
        back = 7  # "last Sunday" written on a Sunday is a week ago
    if future:
        return pub + dt.timedelta(days=(WEEKDAYS[m["wd"]] - pub.weekday()) % 7), "day"
    return pub - dt.timedelta(days=back), "day"


def _ago(m, pub, future):
    if pub is None:
        return None
    n = int(m["n"])
    unit = m["unit"]
    if unit.startswith(("day", "jour")):
        return pub - dt.timedelta(days=n), "day"
    if unit.startswith(("week", "semaine")):
        d = pub - dt.timedelta(weeks=n)
        return _month_start(d.year, d.month), "month"
    if unit.startswith(("month", "mois")):
        return _shift_months(pub, -n), "month"
    return dt.date(pub.year - n, 1, 1), "year"


def _relative(offset_days=None, months=None, years=None):
    """A handler for fixed relative phrases ('yesterday', 'last month', 'l'an dernier')."""

    def handler(m, pub, future):
        if pub is None:
            return None
        if offset_days is not None:
            return pub + dt.timedelta(days=offset_days), "day"
        if months is not None:
            return _shift_months(pub, months), "month"
        return dt.date(pub.year + years, 1, 1), "year"

    return handler


_RELATIVE: tuple[tuple[str, Callable], ...] = (
    (r"the day before yesterday|avant-hier", _relative(offset_days=-2)),
    (r"yesterday|hier", _relative(offset_days=-1)),
    (
        r"today|this morning|this afternoon|this evening|tonight|aujourd'hui|ce matin|"
        r"cet apres-midi|ce soir",
        _relative(offset_days=0),
    ),
    (r"last week|la semaine derniere|la semaine passee", _relative(months=0)),
    (r"(?:earlier )?this week|cette semaine|en debut de semaine", _relative(months=0)),
    (r"last month|le mois dernier|le mois passe", _relative(months=-1)),
    (r"(?:earlier )?this month|ce mois-ci|en debut de mois|plus tot ce mois", _relative(months=0)),
    (
        r"(?:early |late |earlier )?last year|"
        r"(?:fin |debut )?(?:de )?l'an(?:nee)? (?:derniere|dernier|passee|passe)",
        _relative(years=-1),
    ),
    (r"(?:earlier )?this year|cette annee|plus tot cette annee|en debut d'annee", _relative(years=0)),
    (r"next year|l'an prochain|l'annee prochaine", _relative(years=1)),
)

RULES: tuple[Rule, ...] = (
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mo>\d{2})-(?P<day>\d{2})\b"), _iso),
    ("numeric", re.compile(r"\b\d{1,2}/\d{1,2}/(?:19|20)\d{2}\b"), _numeric),
    ("dmy", re.compile(rf"\b{_D}\s++(?:of\s++)?{_M}\.?,?\s++{_Y}\b"), _dmy),
    ("mdy", re.compile(rf"\b{_M}\s++{_D},?\s++{_Y}\b"), _dmy),
    ("dm", re.compile(rf"\b{_D}\s++(?:of\s++)?{_M}(?!\w)"), _dm),
    ("md", re.compile(rf"\b{_M}\s++{_D}\b(?![,.]?\s*\d)"), _dm),
    ("my", re.compile(rf"\b{_M}\s++(?:of\s++|de\s++|d')?{_Y}\b"), _my),
    ("m", re.compile(rf"\b{_PREP}\s*+-?\s*+{_M}(?!\w)"), _m),
    (
        "ago",
        re.compile(
            rf"\b(?:(?:nearly|almost|about|some|more than)\s++)?{_NUM}\s++"
            r"(?P<unit>days?|weeks?|months?|years?)\s++ago\b|"
            r"\bil y a\s++(?:pres d'|pres de |environ |plus d'|plus de |presque )?"
            rf"{_NUM.replace('?P<n>', '?P<n2>')}\s++"
            r"(?P<unit2>jours?|semaines?|mois|ans?|annees?)\b"
        ),
        None,
    ),
    (
        "rel",
        re.compile(r"\b(?:" + "|".join(f"(?P<r{i}>{p})" for i, (p, _) in enumerate(_RELATIVE)) + r")(?!\w)"),
        None,
    ),
    (
        "weekday",
        re.compile(rf"\b(?:(?P<last>last|this past)\s++)?(?P<wd>{_WD})(?:\s++(?P<last2>dernier))?\b"),
        _weekday,
    ),
    ("year", re.compile(rf"(?<![\d,.])\b{_Y}\b(?![,.]?\d)"), _year),
)


# Resolved dates outside these bounds are misreadings (or come from a placeholder publication
# date such as 0001-01-01): the candidate gets no date rather than a wrong one.
FIRST_EVENT = dt.date(1960, 1, 1)


def plausible_event(date: dt.date | None) -> bool:
    return date is not None and FIRST_EVENT <= date <= _today()


_TODAY: tuple = (-1e9, dt.date.today())


def _today() -> dt.date:
    """dt.date.today(), looked up at most once a minute (it is asked for every date found)."""
    global _TODAY
    now = time.monotonic()
    if now - _TODAY[0] > 60:
        _TODAY = (now, dt.date.today())
    return _TODAY[1]


OUT_OF_RANGE = "out of range"


def _handle(name: str, handler, m: re.Match, pub, future):
    """The (date, precision) a match stands for; None when it cannot be resolved (no
    publication date, 31 February); OUT_OF_RANGE when it is no real event date: before 1960,
    in the future, or off the calendar (arithmetic on a publication date of 0001-01-01 or
    9999-12-31)."""
    try:
        resolved = _resolve(name, handler, m, pub, future)
    except (ValueError, OverflowError):
        return OUT_OF_RANGE
    if resolved is None or resolved[0] is None:
        return None
    return resolved if plausible_event(resolved[0]) else OUT_OF_RANGE


def _resolve(name: str, handler, m: re.Match, pub, future):
    if name == "ago":
        n = m["n"] or m["n2"]
        unit = m["unit"] or m["unit2"]
        count = NUMBER_WORDS[n] if n in NUMBER_WORDS else int(n)
        fake = {"n": str(count), "unit": unit}
        return _ago(fake, pub, future)
    if name == "rel":
        for i, (_, h) in enumerate(_RELATIVE):
            if m[f"r{i}"]:
                return h(m, pub, future)
        return None
    return handler(m, pub, future)


# "NIAMEY, March 17 -" opening a paragraph: the filing date, not an event date.
# Possessive and bounded: linear on a sentence of spaces.
DATELINE = re.compile(r"^\s*+[a-z][a-z'\- .()/]{1,40},\s{0,8}[^,\-]{3,30}?\s++[-\u2013\u2014]\s")


# Which rules can match at all, from the sentence's words: most sentences hold no date.
_NEEDS_DIGIT = {"iso", "numeric", "dmy", "mdy", "dm", "md", "year", "my"}
_REL_WORDS = frozenset(
    "yesterday hier avant today morning afternoon evening tonight aujourd "
    "matin apres soir week semaine month mois year annee an next prochain "
    "prochaine passe passee".split()
)
_WORDS = re.compile(r"[a-z0-9]+")
_DIGIT = re.compile(r"\d")


_DAY_RULES = frozenset({"iso", "numeric", "dmy", "mdy", "dm", "md", "ago", "rel", "weekday"})


def _active_rules(folded: str, words=None) -> set[str]:
    words = set(_WORDS.findall(folded) if words is None else words)
    active = set()
    if _DIGIT.search(folded):  # every digit rule needs a \d; those naming a month need its
        active.add("year")  # word too (added below), ISO dates a hyphen, numeric ones a slash
        if "-" in folded:
            active.add("iso")
        if "/" in folded:
            active.add("numeric")
    if words & MONTHS.keys():
        active |= {"my", "m", "dm", "md", "dmy", "mdy"}
    if words & WEEKDAYS.keys():
        active.add("weekday")
    if "ago" in words or "il" in words:
        active.add("ago")
    if words & _REL_WORDS:
        active.add("rel")
    return active


_SPACE_WORD = re.compile(r"\s+[a-z]")
_OF_BEFORE = re.compile(r"\b(?:de|du|of)\s+$")


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
    key = (folded, published, offset, future, year_hint, day_only, anchor, _today())
    cached = _LAST  # one tuple, read and replaced whole: safe across threads
    if cached[0] == key:
        return list(cached[1])
    hits = _find_dates(folded, published, offset, future, year_hint, words, day_only, anchor)
    _LAST = (key, tuple(hits))
    return hits


_YEARLESS = frozenset({"dm", "md", "m"})
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
    active = _active_rules(folded, words)
    if day_only:
        active &= _DAY_RULES
    if not active:
        return []
    # "By Dec. 13, 1,346 soldiers had gone": a deadline told in the past is looked for before
    # the publication date, like any past date.
    past_deadline = bool(_PAST_TOLD.search(folded)) and not _FUTURE_TOLD.search(folded)
    taken = _Spans()
    hits: list[DateHit] = []
    dl = DATELINE.match(folded)
    dateline_end = dl.end() if dl else -1
    for name, pattern, handler in RULES:
        if name not in active:
            continue
        if len(hits) >= config.MAX_DATES_PER_SENTENCE:
            break
        for m in pattern.finditer(folded):
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
            prep = m.groupdict().get("prep") or ""
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
            ahead = future or (deadline and not past_deadline)
            against = published
            year_from = "published" if name in _YEARLESS or name in _PUB_RELATIVE else "text"
            if year_hint is not None and name in _YEARLESS:
                against = dt.date(year_hint, 1, 1) if ahead else dt.date(year_hint, 12, 31)
                year_from = "text"
            elif anchor is not None and name in _YEARLESS and not ahead:
                # The story's running timeline: the occurrence nearest its last date (up to
                # ANCHOR_DAYS ahead of it), never after publication.
                against = min(published, anchor + dt.timedelta(days=ANCHOR_DAYS))
                year_from = "anchor"
            resolved = _handle(name, handler, m, against, ahead)
            if resolved is OUT_OF_RANGE:
                taken.add(s, e)  # "3 March 2099" must not be read again as "3 March"
                continue
            if resolved is None:
                continue
            kind = "deadline" if deadline else "event"
            if e <= dateline_end:
                kind = "dateline"
            elif name == "year" and RANGE_BEFORE.search(before):
                kind = "reference"  # "between 1977 and 2013" spans a period
            elif name == "year" and REFERENCE_BEFORE.search(before) and _SPACE_WORD.match(folded, e):
                kind = "reference"  # "the 2013 agreement", "l'accord de 2013 sur ..."
            elif name == "year" and _OF_BEFORE.search(before):
                kind = "reference"
            elif kind == "event" and REPORT_BEFORE.search(before):
                kind = "report"
            taken.add(s, e)
            hits.append(DateHit(s + offset, e + offset, resolved[0], resolved[1], kind, year_from))
    hits.sort(key=lambda h: h.start)
    return hits


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
