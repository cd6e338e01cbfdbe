"""What the story as a whole says about time: the year a sentence means ("by September of
that year"), the running timeline a yearless date is read in, a live blog's day headings,
the dates that open a sentence or report it, and whether an event is told as background."""

from __future__ import annotations

import datetime as dt
import re

from dashboard.ingest.extract import triggers as trg
from dashboard.ingest.extract.context import Context
from dashboard.ingest.extract.dates import DATELINE, DateHit, find_dates
from dashboard.ingest.extract.tenses import PLUPERFECT

# A date opening the sentence ("On January 9, ...", "Le 9 janvier, ...", "- 19 April: ...",
# after a dateline or a live-blog time stamp) dates every event of the sentence.
LEAD_BEFORE = re.compile(
    r"^[\s\-\u2013\u2014*\u2022]*+(?:\d{1,2}[:h.]\d{2}\s++)?(?:(?:on|le|the|in|en|early|late|"
    r"debut|fin|mi|by|au|courant|at|a|la|les|dans|vers|towards?|during|since|depuis)\s++){0,2}"
    # "In the last days of 2021,", "Dans les premières semaines de 2022,", "At the end of"
    r"(?:(?:(?:last|final|first|closing|opening|derniers|dernieres|premiers|premieres)\s++"
    r"(?:days|weeks|months|jours|semaines|mois)|end|beginning|start|middle|fin|debut|milieu)\s++"
    r"(?:of|de|d')\s*+)?$"
)

LEAD_AFTER = re.compile(r"\s*+[,:\u2013\u2014-]")

YEAR = re.compile(r"(?<![\d,.])\b(?:19|20)\d{2}\b(?![,.]?\d)")

THAT_YEAR = re.compile(
    r"\b(?:that year|the same year|of that year|cette annee-la|la meme annee|"
    r"cette meme annee)\b"
)


def year_hint(sf: str, ctx: Context) -> int | None:
    """The year a yearless date of this sentence is read in when the sentence says so: "in
    March 2024, and by September of that year" is September 2024. (Carrying the last year
    written out over to the next sentences was tried: it misdates more than it fixes.)"""
    if ("year" not in sf and "annee" not in sf) or not THAT_YEAR.search(sf):
        return None
    years = YEAR.findall(sf)
    if years:
        return int(years[-1])
    # "on Jan. 11 of that year", with the year told in an earlier sentence
    told = ctx.narrative[0] if ctx.narrative is not None else (ctx.last_told[0] if ctx.last_told else None)
    return told.year if told is not None else None


# Words that tie a sentence to the timeline the story was telling, across a paragraph break:
# "Dix jours plus tôt, le 14 décembre", "Meanwhile, on 12 December".
CONTINUES = re.compile(
    r"\b(?:plus tot|plus tard|earlier|later|entre-temps|entretemps|meanwhile|in the meantime|"
    r"des lors|la veille|le lendemain|l'annee suivante|le mois suivant|the following|"
    r"the next (?:day|week|month)|the day before|a l'epoque|at the time|ce mois-la|that month)\b"
)

# The sentence says which year it means.
OWN_YEAR = re.compile(r"\b(?:this year|last year|cette annee|l'an dernier|l'annee derniere|l'an passe)\b")

# A timeline this recent is read the same way as the publication day would be read.
NARRATIVE_MIN_DAYS = 365


def timeline_anchor(sf: str, ctx: Context, hint: int | None) -> dt.date | None:
    """The date a yearless date of this sentence is read near: the story's running timeline
    when the sentence is in the paragraph that told it or says it goes on from it, and the
    timeline is well before publication (else the publication day reads it as well)."""
    if hint is not None or ctx.narrative is None or ctx.published is None or OWN_YEAR.search(sf):
        return None
    date, paragraph = ctx.narrative
    if (ctx.published - date).days < NARRATIVE_MIN_DAYS:
        return None
    if paragraph == ctx.paragraph or CONTINUES.search(sf):
        return date
    return None


PERIOD_OF = re.compile(
    r"\b(?:fin|debut|milieu|courant|end|beginning|middle|start|spring|summer|autumn|fall|winter|printemps|"
    r"ete|automne|hiver|(?:last|final|first|derniers|dernieres|"
    r"premiers|premieres)\s+(?:days|weeks|months|jours|semaines|mois))\s+(?:de|d'|of|of the year)\s*+$"
)
SEASON = re.compile(
    r"\b(?P<s>spring|summer|autumn|fall|winter|printemps|ete|automne|hiver)\s+(?:of\s+|de\s+)?$"
)
SEASON_MONTH = {"spring": 3, "printemps": 3, "summer": 6, "ete": 6, "autumn": 9, "fall": 9, "automne": 9}
SEASON_MONTH.update(winter=1, hiver=1)
# The part of a year a period names: its end, or its start.
LATE_IN = re.compile(r"\b(?:fin|end|late|last|final|derniers|dernieres)\b[^0-9]{0,16}$")
EARLY_IN = re.compile(r"\b(?:debut|beginning|start|early|first|premiers|premieres)\b[^0-9]{0,16}$")


def note_timeline(sf: str, dates: list[DateHit], ctx: Context, frame_only: bool = False) -> None:
    """The story's timeline is set by a date told with its year that opens the sentence
    ("Le 1er juillet 2013, ...", "In December 2021, ...") or makes up a sentence that tells
    no event ("The turning point came at the end of 2021."), and carried on by a date read in
    it; a date read against the publication day ends it. A dated aside further into a
    sentence ("a camp that went up in July 2022") does not set it."""
    told = [
        d
        for d in dates
        if d.kind in ("event", "report")
        or (d.kind == "reference" and PERIOD_OF.search(sf, 0, d.start))
        # "By early January 2022 the newspaper estimated ...": a deadline opening a sentence
        # told in the past sets the time of the story too.
        or (d.kind == "deadline" and LEAD_BEFORE.match(sf[: d.start]) and not trg.MODAL.search(sf))
    ]
    if not told:
        return
    last = told[-1]
    if last.year_from == "published":
        ctx.narrative = None
        return
    if (
        last.year_from == "text"
        and ctx.narrative is None
        and not LEAD_BEFORE.match(sf[: last.start])
        and not (frame_only and last.precision == "year")
    ):
        return
    if last.year_from == "text" and last.precision == "year" and not LEAD_BEFORE.match(sf[: last.start]):
        if not frame_only or not PERIOD_OF.search(sf, 0, last.start):
            return  # "the mission, there since 2012", "a base opened in 2016 to ...": an aside
    d = last.date
    if last.precision == "year":
        d = dt.date(d.year, 7, 1) if not PERIOD_OF.search(sf, 0, last.start) else d
        lead_in = sf[max(0, last.start - 40) : last.start]
        season = SEASON.search(lead_in)
        if season:  # "in the summer of 2014": the timeline starts with that season
            d = dt.date(d.year, SEASON_MONTH[season["s"]], 1)
        elif LATE_IN.search(lead_in):  # "fin 2021", "in the last days of 2021"
            d = dt.date(d.year, 12, 1)
        elif EARLY_IN.search(lead_in):
            d = dt.date(d.year, 1, 15)
    elif last.precision == "month":
        d = d.replace(day=15)
    ctx.narrative = (d, ctx.paragraph)


def sentence_dates(sf: str, dates: list) -> dict:
    """Dates that speak for the whole sentence: a leading one, a report date."""
    lead = None
    dl = DATELINE.match(sf)
    head = dl.end() if dl else 0
    for d in dates:
        if (
            d.kind in ("event", "report")
            and LEAD_BEFORE.match(sf[head : d.start])
            and LEAD_AFTER.match(sf, d.end)
        ):
            lead = d
        break
    report = next((d for d in dates if d.kind == "report"), None)
    return {"lead": lead, "report": report}


HEADING_REST = re.compile(
    r"[\s,.:;\-\u2013\u2014]*+(?:(?:"
    + "|".join(
        (
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "lundi",
            "mardi",
            "mercredi",
            "jeudi",
            "vendredi",
            "samedi",
            "dimanche",
            "updated",
            "mis a jour",
            "le",
            "on",
            # short forms of the stamps: "Sun 30 Jul", "sam. 5 août"
            "mon",
            "tue",
            "tues",
            "wed",
            "thu",
            "thur",
            "thurs",
            "fri",
            "sat",
            "sun",
            "lun",
            "mer",
            "jeu",
            "ven",
            "sam",
            "dim",
        )
    )
    + r")[\s,.:;\-]*+){0,2}$"
)

# What may follow a live blog's day heading: the entry's time ("Wednesday 26 July, 23:45",
# "mercredi 26 juillet - 14h10", "at 9.30 am GMT").
HEADING_TIME = re.compile(
    r"[\s.,:\-\u2013\u2014]*+(?:(?:at|a)\s+)?(?:\d{1,2}(?:\s*[:h.]\s*\d{2}|\s*h)(?:\s*(?:am|pm))?"
    r"(?:\s*(?:gmt|utc)(?:\s*[+-]\s*\d{1,2})?)?)?[\s.,:]*+"
)


def heading_date(sf: str, published):
    """The date a line made only of a full date stands for (a live blog's day heading)."""
    if len(sf) > 40 or published is None:
        return None
    hits = [d for d in find_dates(sf, published) if d.precision == "day"]
    if len(hits) != 1:
        return None
    h = hits[0]
    if not (HEADING_REST.match(sf[: h.start]) and HEADING_TIME.fullmatch(sf, h.end)):
        return None
    return h if h.date <= published else None


# A live-blog entry that opens with its own day and time ("Sun 30 Jul, 18:45 - ECOWAS has
# spoken."): the stamp before the dash, read like a day heading.
ENTRY_DASH = re.compile(r"\s[-\u2013\u2014]\s")
# Its first words: a day number, or one short word (the weekday) and then a day number.
ENTRY_HEAD = re.compile(
    r"\s*+(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\.?,?\s++)?\d"
)


# What every stamp opens with: a digit, or one word and a digit ("Sun 30 Jul", "16:40").
STAMP_HEAD = re.compile(r"\s*+(?:[a-z]{2,9}\.?,?\s++)?\d")

# An entry stamped with its time only ("16:40 - ...", "14h20 - ..."): a blog of one day.
TIME_STAMP = re.compile(r"\s*+\d{1,2}(?:[:h.]\d{2}){1,2}\s*+(?:gmt|utc)?\s*+[-\u2013\u2014]\s")


def entry_stamp(sf: str, published):
    """The day of a live-blog entry whose first words are only its date (and time) and a dash."""
    if not ENTRY_HEAD.match(sf):
        return None
    dash = ENTRY_DASH.search(sf, 0, 40)
    if dash is None:
        return None
    return heading_date(sf[: dash.start()], published)


# Days before publication beyond which a dated event is earlier context, not the news.
BACKGROUND_DAYS = 45

RELATIVE_CLAUSE = re.compile(
    r"\b(?:which|who|qui|dont|when|lorsque|since|depuis|after|apres|following|"
    r"suite a|before|avant)\b[^,;]{0,60}$"
)


def is_background(t: trg.Trigger, sf: str, date, precision, ctx: Context) -> bool:
    """True when the event is told as earlier context: dated well before the article (the
    end of its month or year when that is all the text gives), or undated and told in the
    pluperfect or in a subordinate clause."""
    pub = ctx.original_published or ctx.published
    if pub is None:
        return False
    if date is not None:
        end = date
        if precision == "year":
            end = dt.date(date.year, 12, 31)
        elif precision == "month":
            end = month_end(date)
        return (pub - end).days > BACKGROUND_DAYS
    lo = max(0, t.start - 40)
    return bool(PLUPERFECT.search(sf, lo, t.start) or RELATIVE_CLAUSE.search(sf[lo : t.start]))


def month_end(d: dt.date) -> dt.date:
    nxt = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)
