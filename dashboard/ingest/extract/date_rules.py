"""The date rules: one regex per way of writing a date (ISO, "9 January 2024", "January 9",
"in March", "two weeks ago", "yesterday", "on Tuesday", a bare year), each with the
function that resolves it against the publication date, and the cheap word test that says
which rules can match a sentence at all."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable

from dashboard.ingest.extract.date_words import MONTHS, NUMBER_WORDS, WEEKDAYS

_FULL = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
    "novembre|decembre"
)
_SHORT = "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|janv|fevr|avr|juil"
_M = rf"(?P<mon>{_FULL}|(?:{_SHORT})\.)"
# Before a live blog's time a short month needs no dot: "Sun 30 Jul, 18:45".
_MD = rf"(?P<mon>{_FULL}|(?:{_SHORT})\.|(?:{_SHORT})(?=,?\s*+\d{{1,2}}[:h.]\d{{2}}))"
_D = r"(?P<day>[0-3]?\d)(?:er|st|nd|rd|th|e)?"
_Y = r"(?P<year>(?:19|20)\d{2})"
_WD = "|".join(WEEKDAYS)
_PREP = (
    r"(?P<prep>in|since|early|late|mid|by|until|before|after|during|end of|the end of|that|"
    r"last|this past|the|of|en|depuis|debut|fin|mi|courant|au mois de|le mois de|avant|"
    r"apres|d'ici|jusqu'en|jusqu'a|jusqu'au|au cours du mois de|de|d')"
)
_NUM = r"(?P<n>\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"


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


# Days named by their feast: "on Christmas Eve", "la veille de Noël", "le jour de l'an".
HOLIDAYS = (
    (r"christmas eve|la veille de noel|le soir de noel", (12, 24)),
    (r"christmas(?: day)?|(?:le jour de )?noel", (12, 25)),
    (r"new year's eve|la saint-sylvestre|le soir du reveillon", (12, 31)),
    (r"new year's day|le jour de l'an|le nouvel an", (1, 1)),
)


def _holiday(m, pub, future):
    month, day = next(md for i, (_, md) in enumerate(HOLIDAYS) if m[f"h{i}"])
    if m["hyear"]:  # "Christmas Eve 2021", "Noël 2021"
        d = _safe_date(int(m["hyear"]), month, day)
    else:
        d = _infer_year(month, day, pub, future)
    return (d, "day") if d else None


def _dm(m, pub, future):
    d = _infer_year(_month_key(m["mon"]), int(m["day"]), pub, future)
    return (d, "day") if d else None


def _my(m, pub, future):
    return _month_start(int(m["year"]), _month_key(m["mon"])), "month"


def _m(m, pub, future):
    if pub is None or (m["prep"] == "that" and m["mon"] in ("may", "march")):
        return None  # "reports that may be true": the modal, not the month
    month = _month_key(m["mon"])
    year = pub.year
    if future and month < pub.month:
        year += 1
    elif not future and month > pub.month:
        year -= 1
    return _month_start(year, month), "month"


def _dm_last(m, pub, future):
    if pub is None:
        return None
    d = _safe_date(pub.year - 1, _month_key(m["mon"]), int(m["day"]))
    return (d, "day") if d else None


def _m_last(m, pub, future):
    if pub is None:
        return None
    return _month_start(pub.year - 1, _month_key(m["mon"])), "month"


def _dm_this(m, pub, future):
    if pub is None:
        return None
    d = _safe_date(pub.year, _month_key(m["mon"]), int(m["day"]))
    return (d, "day") if d else None


def _m_this(m, pub, future):
    if pub is None:
        return None
    return _month_start(pub.year, _month_key(m["mon"])), "month"


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
    (
        r"(?:earlier )?this month|ce mois-ci|en debut de mois|plus tot ce mois|(?:at )?the turn of the month|"
        r"au tournant du mois",
        _relative(months=0),
    ),
    (
        r"(?:early |late |earlier )?last year|"
        r"(?:fin |debut )?(?:de )?l'an(?:nee)? (?:derniere|dernier|passee|passe)",
        _relative(years=-1),
    ),
    (r"(?:earlier )?this year|cette annee|plus tot cette annee|en debut d'annee", _relative(years=0)),
    # "this spring", "cet été": a season of the publication year, told to the year
    (r"this (?:spring|summer|autumn|fall|winter)|ce printemps|cet (?:ete|automne|hiver)", _relative(years=0)),
    (r"next year|l'an prochain|l'annee prochaine", _relative(years=1)),
)

_LAST_YEAR = r"(?:last year|l'an dernier|l'an passe|l'annee derniere|l'annee passee)\b"
_THIS_YEAR = r"(?:this year|cette annee)\b"

RULES: tuple[Rule, ...] = (
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mo>\d{2})-(?P<day>\d{2})\b"), _iso),
    ("numeric", re.compile(r"\b\d{1,2}/\d{1,2}/(?:19|20)\d{2}\b"), _numeric),
    ("dmy", re.compile(rf"\b{_D}\s++(?:of\s++)?{_MD}\.?,?\s++{_Y}\b"), _dmy),
    ("mdy", re.compile(rf"\b{_MD}\s++{_D},?\s++{_Y}\b"), _dmy),
    ("my", re.compile(rf"\b{_M}\s++(?:of\s++|de\s++|d')?{_Y}\b"), _my),
    ("md_last", re.compile(rf"\b{_M}\s++{_D},?\s++{_LAST_YEAR}"), _dm_last),
    ("dm_last", re.compile(rf"\b{_D}\s++(?:of\s++)?{_M}\s++(?:of\s++|de\s++)?{_LAST_YEAR}"), _dm_last),
    # "On 17 February this year", "le 3 mars de cette année": that day of the publication year.
    ("md_this", re.compile(rf"\b{_M}\s++{_D},?\s++{_THIS_YEAR}"), _dm_this),
    ("dm_this", re.compile(rf"\b{_D}\s++(?:of\s++)?{_M}\s++(?:of\s++|de\s++)?{_THIS_YEAR}"), _dm_this),
    ("m_this", re.compile(rf"\b{_M}\s++(?:of\s++|de\s++)?{_THIS_YEAR}"), _m_this),
    ("dm", re.compile(rf"\b{_D}\s++(?:of\s++)?{_MD}(?!\w)"), _dm),
    (
        "holiday",
        re.compile(
            r"\b(?:" + "|".join(f"(?P<h{i}>{p})" for i, (p, _) in enumerate(HOLIDAYS)) + r")\b"
            r"(?:,?\s++(?:of\s++|de\s++)?(?P<hyear>(?:19|20)\d{2})\b)?"
        ),
        _holiday,
    ),
    ("md", re.compile(rf"\b{_MD}\s++{_D}\b(?![,.]?\s*\d)"), _dm),
    # "since March 22 last year", "le 22 mars de l'an dernier": that day of the year before.
    # "since March last year", "en mars de l'année dernière": that month of the year before.
    (
        "m_last",
        re.compile(
            rf"\b{_M}\s++(?:of\s++|de\s++)?(?:last year|l'an dernier|l'an passe|l'annee derniere|"
            r"l'annee passee)\b"
        ),
        _m_last,
    ),
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
    return date is not None and FIRST_EVENT <= date <= today()


_TODAY: tuple = (-1e9, dt.date.today())


def today() -> dt.date:
    """dt.date.today(), looked up at most once a minute (it is asked for every date found)."""
    global _TODAY
    now = time.monotonic()
    if now - _TODAY[0] > 60:
        _TODAY = (now, dt.date.today())
    return _TODAY[1]


OUT_OF_RANGE = "out of range"


def handle(name: str, handler, m: re.Match, pub, future):
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


# Which rules can match at all, from the sentence's words: most sentences hold no date.
_NEEDS_DIGIT = {"iso", "numeric", "dmy", "mdy", "dm", "md", "year", "my"}
# (Not "an", "avant", "apres": "l'an dernier" has "dernier", "avant-hier" "hier",
# "cet apres-midi" "midi"; the bare words are in most sentences.)
_REL_WORDS = frozenset(
    "yesterday hier today morning afternoon evening tonight aujourd midi "
    "matin soir week semaine month mois year annee next prochain "
    # the seasons ("été" alone is in most French sentences: "cet été" is not looked for by it)
    "prochaine passe passee dernier derniere spring summer autumn winter printemps automne hiver".split()
)
_WORDS = re.compile(r"[a-z0-9]+")
_DIGIT = re.compile(r"\d")


DAY_RULES = frozenset({"iso", "numeric", "dmy", "mdy", "dm", "md", "ago", "rel", "weekday", "holiday"})


_MONTH_WORDS = frozenset(MONTHS)
_YEAR_WORD = re.compile(r"(?<![a-z0-9])(?:19|20)[0-9]{2}(?![a-z0-9])")  # a word of the sentence
_WEEKDAY_WORDS = frozenset(WEEKDAYS)


def active_rules(folded: str, words=None) -> set[str]:
    words = set(_WORDS.findall(folded) if words is None else words)
    active = set()
    # Every digit rule needs a \d; the year rule, ISO and numeric dates and the rules with a
    # month and a year need a four-digit year as a word of its own (a word boundary or an
    # apostrophe, slash or hyphen around it); ISO dates need a hyphen, numeric ones a slash.
    digit = bool(_DIGIT.search(folded))
    year = digit and _YEAR_WORD.search(folded) is not None
    if year:
        active.add("year")
        if "-" in folded:
            active.add("iso")
        if "/" in folded:
            active.add("numeric")
    if not words.isdisjoint(_MONTH_WORDS):
        active |= _month_rules(words, digit, year)
    if ("christmas" in words or "noel" in words or "sylvestre" in words or "new" in words) or (
        "an" in words and ("jour de l'an" in folded or "nouvel an" in folded)
    ):
        active.add("holiday")
    if not words.isdisjoint(_WEEKDAY_WORDS):
        active.add("weekday")
    if "ago" in words or "il" in words:
        active.add("ago")
    if not words.isdisjoint(_REL_WORDS):
        active.add("rel")
    return active


def _month_rules(words: set[str], digit: bool, year: bool) -> set[str]:
    """The rules naming a month that can match, from the words they need besides it: a
    day's digits, a year, "last year" or "l'an(née) dernier(ère)"."""
    last_year = ("last" in words and "year" in words) or "an" in words or "annee" in words
    rules = {"m"}
    if digit:
        rules |= {"dm", "md"}
    if year:
        rules |= {"my", "dmy", "mdy"}
    if last_year:
        rules.add("m_last")
        if digit:
            rules |= {"dm_last", "md_last"}
    if ("this" in words and "year" in words) or "annee" in words:
        rules.add("m_this")
        if digit:
            rules |= {"dm_this", "md_this"}
    return rules


YEARLESS_DAY = frozenset({"dm", "md", "holiday"})
# "le vendredi 30 août", "Saturday, March 16": the weekday says which year a yearless day is.
_WEEKDAY_BEFORE = re.compile(rf"\b(?P<wd>{_WD})\s*+,?\s*+(?:the\s+|le\s+)?$")


def weekday_year(folded: str, s: int, resolved: tuple, published: dt.date) -> tuple:
    """The year in which the day falls on the weekday the text gives with it: the reading
    against the publication date first, then the years next to the one read (never after
    publication)."""
    m = _WEEKDAY_BEFORE.search(folded, max(0, s - 14), s)
    if m is None:
        return resolved
    day, wanted = resolved[0], WEEKDAYS[m["wd"]]
    if day.weekday() == wanted:
        return resolved
    for year in dict.fromkeys(
        (published.year, published.year - 1, day.year + 1, day.year - 1, day.year + 2, day.year - 2)
    ):
        try:
            d = day.replace(year=year)
        except ValueError:
            continue
        if d.weekday() == wanted and d <= published + dt.timedelta(days=2):
            return (d, resolved[1])
    return resolved
