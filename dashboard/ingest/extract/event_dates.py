"""The date of one event of a sentence: its own date, a related event's, the sentence's
leading or report date, a relative offset ("two months after the coup"), "the same day",
a live blog's day heading, and last the publication day for what is told as a present
fact. Dates and troop figures are attached to the trigger they sit closest to."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from dashboard.ingest.extract import triggers as trg
from dashboard.ingest.extract.context import Context
from dashboard.ingest.extract.offsets import offset_back, offset_date
from dashboard.ingest.extract.roles import distance
from dashboard.ingest.extract.tenses import (
    PAST,
    PERFECT,
    PLUPERFECT,
    PLUPERFECT_OR_PAST,
    STILL_BEFORE,
    THEN_WORD,
)
from dashboard.ingest.extract.timeline import THAT_YEAR
from dashboard.ingest.extract.window import before

NO_MORE = re.compile(r"il n'y a plus|plus aucun|no\s|no longer")

COMPLETION_TYPES = frozenset({"withdrawal_completed", "mandate_ended", "operation_ended", "base_handed_over"})

# "Earlier in the day": the event shares the last full date the article gave.
SAME_DAY = re.compile(
    r"\b(?:the same day|that day|earlier in the day|later that day|shortly before|a cette occasion|"
    r"on that occasion|on the same occasion|lors de cette visite|during the visit|dans le meme temps|"
    r"(?:lors|au cours) de la meme ceremonie|at the same ceremony|during the same ceremony|"
    r"by that date|by then|a cette date|a cette date-la|"
    r"just before|shortly after|peu avant|juste avant|peu apres|dans la foulee|"
    r"le meme jour|ce jour-la|dans la journee|the following day|the next day|"
    r"le lendemain)\b"
)

# The month the text was last telling of.
THAT_MONTH = re.compile(
    r"\b(?:that month|the same month|later that month|(?:the )?end of that month|ce mois-la|le meme mois|"
    r"(?:a la )?fin de ce mois-la|plus tard dans le mois)\b"
)
NEXT_DAY = re.compile(r"\b(?:the following day|the next day|le lendemain)\b")

# "closed since the coup": a state that began with an event dated earlier in the article.
SINCE_EVENT = re.compile(
    r"\b(?:since|depuis)\s++(?:the|le|la|l'|les)\s*+(?P<what>coup|putsch|sanctions?|"
    r"renversement)"
)

REFERENCE_BEFORE = re.compile(
    r"\b(?:the|le|la|l'|du|des|de la|its|their|son|sa|ses|leur|this|that|since|"
    r"depuis|after|apres|following|before|avant)\s++(?:[a-z'-]+\s++)?$"
)
# "annoncé la fermeture des frontières", "lifted ..., including the closure": the noun is
# the object of the sentence's own verb, not an event referred to.
OBJECT_OF_VERB = re.compile(
    r"\b(?:annonce\w*|announc\w*|decid\w*|decrete\w*|ordonn\w*|ordered|lev\w*|lifted|dont|including|"
    r"notamment|y compris)\s++(?:[a-z'-]+\s++){0,3}?(?:the\s++|le\s++|la\s++|l'|les\s++)?$"
)

# "also", "aussi": one more measure of the decision just told, on its day.
ALSO = re.compile(r"\b(?:also|aussi|egalement|in addition|en outre|de plus)\b")
MEASURES = frozenset(("sanctions_imposed", "sanctions_lifted", "border_closed", "border_reopened"))
# Events that happen at one time: a date "since" which something lasts is not theirs.
ONE_OFF = frozenset(
    (
        "agreement_revoked",
        "expulsion_ordered",
        "withdrawal_announced",
        "mandate_ended",
        "withdrawal_completed",
        "withdrawal_started",
        "base_handed_over",
        "operation_ended",
        "sanctions_lifted",
        "border_reopened",
    )
)
SINCE_DATE = re.compile(r"\b(?:since|depuis)\s++(?:(?:early|late|mid|the end of|fin|debut|mi)[\s-]++)?$")
# A coup named by its noun ("the coup", "le putsch") is often one told before; a verb
# ("removed the president") tells it where it is.
COUP_NOUN = re.compile(r"coups?(?: d'etat)?|putschs?|prise du pouvoir|renversement|overthrow|takeover")

JOIN_AFTER = re.compile(r"\s*+(?:,\s*+)?(?:and|et|then|puis|but|mais|;)\b")

# Events that share a date when one sentence reports them together ("denounced the accord
# on 18 January and gave the troops a month to leave"). Others never lend their date.
FAMILIES = {
    **dict.fromkeys(
        ("agreement_revoked", "expulsion_ordered", "withdrawal_announced", "mandate_ended"), "ordered_out"
    ),
    **dict.fromkeys(
        ("withdrawal_completed", "withdrawal_started", "base_handed_over", "operation_ended"), "gone"
    ),
    **dict.fromkeys(("deployment", "base_opened"), "arrived"),
    **dict.fromkeys(("sanctions_imposed", "border_closed"), "closed"),
    **dict.fromkeys(("sanctions_lifted", "border_reopened"), "opened"),
    "price_change": "priced",  # "le gasoil passe de 668 à 618 francs, le super de 540 à 499": one date
}


def same_clause(sf: str, t: trg.Trigger, item) -> bool:
    """Nothing but words between a trigger and a date: no comma, no clause edge."""
    a, b = sorted((t.start, item.start))
    return not re.search(r"[,;:()]", sf[a:b]) and not trg.CLAUSE.search(sf, a, b)


# A preposition before a date: the date modifies what was said before it.
PREP_BEFORE = re.compile(r"\b(?:in|on|since|during|en|le|depuis|au|durant)\s++$")


def reach(sf: str, t: trg.Trigger, item) -> int:
    """How far a date or figure is from a trigger's phrase (its object included: "formed
    the Alliance ... last September"); commas and brackets between them count extra,
    since they usually close the clause the trigger belongs to."""
    s, e = t.match_start, t.match_end
    if s <= item.start < e:
        s, e = t.start, t.end  # inside the phrase: measure from the word itself
    a, b = (e, item.start) if e <= item.start else (item.end, s)
    marks = 0
    if a < b:
        where = mark_positions(sf)
        marks = bisect_left(where, b) - bisect_left(where, a)
    penalty = 0
    if item.end <= s and hasattr(item, "precision") and before(PREP_BEFORE, sf, item.start, 12):
        penalty = 12  # "the junta that took power in September 2022 gave ...": the verb before it
    return distance(s, e, item.start, item.end) + 25 * marks + penalty


_MARK_RE = re.compile(r"[,;:()]")

# Where the clause marks of the last sentence asked for are: reach is called for every
# (trigger, date or figure) pair of a sentence, and counting by slicing made a dense sentence
# quadratic in its length; a count is two bisections in this list.
_POSITIONS: tuple = ("", ())


def mark_positions(sf: str) -> tuple[int, ...]:
    global _POSITIONS
    cached = _POSITIONS  # one tuple, read and replaced whole: safe across Streamlit's threads
    if cached[0] == sf:
        return cached[1]
    where = tuple(m.start() for m in _MARK_RE.finditer(sf))
    _POSITIONS = (sf, where)
    return where


LANDMARK_BETWEEN = re.compile(
    r"\b(?:after|following|since|apres|depuis|suite a)\s++(?:the|le|la|l'|les)?\s*+\S*$"
)


def nearest(found: list[trg.Trigger], items: list, sf: str) -> dict:
    """Attach each date or figure to the trigger it sits closest to, closest first."""
    out: dict = {}
    if not found:
        return out
    for item in items:
        # "slapped sanctions on 30 July after the coup": a date before "after the <event>"
        # is not that event's.
        pool = [
            t for t in found if not (item.end <= t.start and LANDMARK_BETWEEN.search(sf, item.end, t.start))
        ]
        best = min(pool or found, key=lambda t: reach(sf, t, item))
        if best.match_start <= item.start and item.end <= best.start:
            # "Serval, the intervention that began in January 2013 and was wound up in
            # July": a date inside a long phrase, after another trigger's word and before
            # "and" and the phrase's own word, belongs to that other word.
            earlier = [
                o for o in found if o is not best and o.end <= item.start and o.start >= best.match_start
            ]
            if earlier and JOIN_AFTER.match(sf, item.end, best.start):
                best = max(earlier, key=lambda o: o.end)
        if best.match_start >= item.end and len(found) > 1:
            # "handed X on October 3 and returned Y on December 2": a date followed by a
            # conjunction closes the phrase before it, not the next one.
            earlier = [t for t in found if t.match_end <= item.start]
            if earlier and JOIN_AFTER.match(sf, item.end, best.match_start):
                best = max(earlier, key=lambda t: t.match_end)
        out.setdefault(best, []).append(item)
    for t, got in out.items():
        got.sort(key=lambda item: reach(sf, t, item))
    return out


def pick_date(t: trg.Trigger, by_trigger: dict, sf: str, ctx: Context, whole: dict | None = None):
    """(date, precision, where it came from) for one trigger: its own dates first, then a
    date of a related trigger in the same sentence, then "the same day", then (presence
    only) the publication date."""

    asides = _asides(sf)

    def usable(hits):
        ranked = []
        for h in hits:
            if any(a <= h.start < b and not a <= t.start < b for a, b in asides):
                continue  # "the group that has worked in the Sahel since 2009": its own date
            if t.event_type in ONE_OFF and before(SINCE_DATE, sf, h.start, 20):
                continue  # "denounced the accord of EUCAP, present since 2012": a state's start
            if t.event_type == "price_change" and before(PREVIOUS_PRICE_BEFORE, sf, h.start, 60):
                continue  # "16 825 francs, après 17 047 francs une semaine plus tôt": the old price's date
            if h.kind == "event":
                ranked.append((0, h))
            elif h.kind == "report":
                ranked.append((1, h))
            elif h.kind == "deadline" and t.event_type in COMPLETION_TYPES:
                ranked.append((2, h))
            elif (
                h.kind == "deadline"
                and t.event_type == "presence_reported"
                and PLUPERFECT_OR_PAST.search(sf)
                and not trg.MODAL.search(sf)
            ):
                ranked.append((1, h))  # "By Dec. 13, 157 soldiers were still there": as of
            elif h.kind == "reference" and h.end <= t.start and t.start - h.end <= 3:
                ranked.append((0, h))  # "the 2013 coup": the year belongs to the noun
            elif h.kind == "reference" and t.event_type == "base_opened" and t.end <= h.start < t.match_end:
                ranked.append((0, h))  # "the hub dated from 2016": the phrase's own year
        return ranked

    if (
        t.event_type == "presence_reported"
        and ctx.published
        and not (whole or {}).get("lead")
        and STILL_BEFORE.search(sf, max(0, t.start - 30), t.end + 12)
        and not PAST.search(sf, 0, t.start)
    ):
        return ctx.published, "day", "published"  # "still have 1,100 troops": as of the article
    # "Le 3 août, une semaine après la prise du pouvoir": the event the offset names is
    # dated by the offset, not by the sentence's own date.
    back = offset_back(sf, t, by_trigger, whole or {}, ctx)
    if back is not None:
        return back[0], back[1], "context"
    own = usable(by_trigger.get(t, []))
    lead = (whole or {}).get("lead")
    if own:
        best = min(own, key=lambda rh: (rh[0], reach(sf, t, rh[1])))[1]
        known = ctx.event_dates.get("coup") if t.event_type == "coup" else None
        if (
            known is not None
            and COUP_NOUN.fullmatch(sf, t.start, t.end)
            and not _names_its_date(t, best)
            and not before(ANOTHER_BEFORE, sf, t.start, 24)
        ):
            # "In October Washington designated the takeover a coup": the coup told before,
            # not one on the sentence's date.
            return known[0], known[1], "context"
        if (
            lead is not None
            and best is not lead
            and best.start > t.end
            and trg.CLAUSE.search(sf, t.end, best.start)
        ):
            # "On July 6, the leaders signed a treaty ..., and in January their exit took
            # effect": a date past a clause edge dates the next clause, not this one.
            best = lead
        return best.date, best.precision, "sentence"
    family = FAMILIES.get(t.event_type)
    if family:
        related = [
            rh
            for other, hits in by_trigger.items()
            if other != t and FAMILIES.get(other.event_type) == family
            for rh in usable(hits)
            if rh[0] == 0 and same_clause(sf, t, rh[1])
        ]
        if related:
            best = min(related, key=lambda rh: reach(sf, t, rh[1]))[1]
            return best.date, best.precision, "sentence"
        # "Les 50 derniers sont partis le 22 décembre, ..., dont la partie occupée a été rendue":
        # the sentence's only date, a related event's, across its commas.
        hits = [h for other, got in by_trigger.items() for h in got if other != t]
        if len(hits) == 1 and hits[0].kind == "event":
            owner = next(other for other, got in by_trigger.items() if hits[0] in got)
            if FAMILIES.get(owner.event_type) == family and owner.end <= t.start:
                return hits[0].date, hits[0].precision, "sentence"
    whole = whole or {}
    if before(REFERENCE_BEFORE, sf, t.start, 30) and not before(OBJECT_OF_VERB, sf, t.start, 50):
        whole = {}  # "after the coup", "la dénonciation de": an event the sentence refers to
    for name in ("lead", "report"):
        hit = whole.get(name)
        if hit is not None:
            return hit.date, hit.precision, "sentence"
    if t.event_type in ("border_closed", "sanctions_imposed"):
        since = SINCE_EVENT.search(sf, t.start)
        if since:
            kind = "coup" if not since["what"].startswith("sanction") else "sanctions_imposed"
            got = ctx.event_dates.get(kind)
            if got is not None:
                return got[0], got[1], "context"
    if ctx.last_told is not None and THAT_MONTH.search(sf):
        return ctx.last_told[0].replace(day=1), "month", "context"  # "before the end of that month"
    if ctx.narrative is not None and not by_trigger and THAT_YEAR.search(sf):
        return dt.date(ctx.narrative[0].year, 1, 1), "year", "context"  # "That year, 100 Americans ..."
    offset = offset_date(sf, ctx)
    if offset is not None:
        return offset[0], offset[1], "context"
    same = SAME_DAY.search(sf)
    if same:
        # "On December 12 they handed over the camp, and aircraft flew the last soldiers out
        # the same day": the day this sentence gave before the phrase, else the last one told.
        here = [
            h
            for hits in by_trigger.values()
            for h in hits
            if h.kind in ("event", "report") and h.precision == "day" and h.end <= same.start()
        ]
        day = min(here, key=lambda h: same.start() - h.end).date if here else None
        if day is None and ctx.last_day is not None:
            day = ctx.last_day.date
        if day is not None:
            return day + (dt.timedelta(days=1) if NEXT_DAY.search(sf) else dt.timedelta()), "day", "context"
    if (
        ctx.last_day is not None
        and t.event_type in MEASURES
        and ctx.last_day_paragraph >= ctx.paragraph - 1
        and ALSO.search(sf)
    ):
        return ctx.last_day.date, "day", "context"  # "ECOWAS also froze the state's assets"
    if (
        ctx.frame is not None
        and ctx.frame[2] == ctx.paragraph
        and not by_trigger
        and not PLUPERFECT.search(sf)
        and not trg.MODAL.search(sf)
    ):
        return ctx.frame[0], ctx.frame[1], "context"  # "That era began on Jan. 11, 2013. Paris launched ..."
    if t.event_type == "price_change" and ctx.last_price_date is not None:
        return ctx.last_price_date[0], ctx.last_price_date[1], "context"
    if t.event_type == "withdrawal_completed" and ctx.published and NO_MORE.match(sf, t.start):
        return ctx.published, "day", "published"  # "il n'y a plus de soldats français": as of today
    if t.event_type == "presence_reported" and ctx.last_told is not None and THEN_WORD.search(sf):
        return ctx.last_told[0], ctx.last_told[1], "context"  # "1,000 US troops were then in the country"
    if (
        ctx.blog_day is not None
        and ctx.published == ctx.blog_day
        and not _named_noun(sf, t)
        and not PLUPERFECT.search(sf)
        and (not trg.MODAL.search(sf) or _decided_measure(sf, t))
        and not (t.event_type == "coup" and COUP_NOUN.fullmatch(sf, t.start, t.end))
    ):
        return ctx.blog_day, "day", "context"  # an entry under a live blog's day heading
    if (
        ctx.published
        and whole
        and PERFECT.search(sf)
        and not PLUPERFECT.search(sf)
        and (t.event_type != "coup" or _perfect_governs(sf, t))
    ):
        return ctx.published, "day", "published"
    if t.event_type in ("presence_reported", "price_change") and ctx.published and not PAST.search(sf):
        return ctx.published, "day", "published"
    return None, None, None


# A relative clause set off by commas: ", the special-operations group that has worked in
# the Sahel since 2009," tells of something else than the sentence's main verb.
ASIDE = re.compile(
    r",[^,;:()]{0,40}?\b(?:that|which|who|whose|qui|dont)\b[^,;:()]{0,120}+,|"
    # ", lui-même arrivé au pouvoir en janvier.": an apposition about the person named
    r",\s*+(?:lui-meme|elle-meme|eux-memes|himself|herself|itself|themselves)\b[^,;:()]{0,120}+(?:,|[.!?]?\s*+$)"
)
_ASIDES: tuple = ("", ())


def _asides(sf: str) -> tuple:
    global _ASIDES
    cached = _ASIDES  # one tuple, read and replaced whole: safe across threads
    if cached[0] == sf:
        return cached[1]
    spans = tuple(m.span() for m in ASIDE.finditer(sf)) if "," in sf else ()
    _ASIDES = (sf, spans)
    return spans


# "Leaders order member states to close their borders": the order is the measure.
DECIDED_BEFORE = re.compile(
    r"\b(?:order\w*|decid\w*|instruct\w*|ordonn\w*|demand\w* aux|enjoin\w*)\s++(?:[a-z'-]+\s++){0,4}?(?:to|de|d')\s*+$|"
    # "Member states are to close their borders": the bloc's decision, told as its terms
    r"\b(?:member states|etats membres)\s++(?:are|were)\s++to\s*+$"
)


# "..., with immediate effect": a measure in force now, whatever tense tells its terms.
IMMEDIATE = re.compile(
    r"\b(?:with immediate effect|effective immediately|avec effet immediat|a effet immediat)\b"
)


def _decided_measure(sf: str, t: trg.Trigger) -> bool:
    return t.event_type in MEASURES and bool(before(DECIDED_BEFORE, sf, t.start, 60) or IMMEDIATE.search(sf))


# A price compared with an earlier one: the date after it is that earlier price's.
PREVIOUS_PRICE_BEFORE = re.compile(
    r"\b(?:contre|apres|against|up from|down from|compared with|from|vs)\s++(?:environ\s++|about\s++|some\s++)?"
    r"\d[\d ,.]*+\s*+(?:f\s?cfa|francs?(?:\s++cfa)?|cfa)?\s*+(?:(?:le|la|a|the|per|par)\s++[a-z]+\s++)?$"
)

# "ce retrait", "the departure": an event named by its noun (trg.EVENT_NOUN), told before or after.
DETERMINER_BEFORE = re.compile(
    r"\b(?:ce|cet|cette|this|that|the|le|la|l'|du|de la|leur|their|its|son|sa)\s*+$"
)


def _named_noun(sf: str, t: trg.Trigger) -> bool:
    return bool(trg.EVENT_NOUN.fullmatch(sf, t.start, t.end)) and bool(
        before(DETERMINER_BEFORE, sf, t.start, 8)
    )


# "a second coup", "un nouveau putsch": not the one told before.
ANOTHER_BEFORE = re.compile(
    r"\b(?:second|new|another|third|fresh|latest|deuxieme|nouveau|nouvel|autre|troisieme|dernier)\s++"
    r"(?:military\s++)?$"
)


def _names_its_date(t: trg.Trigger, hit) -> bool:
    """The date is written onto the noun: "the July 26 coup", "le coup d'État du 18 août"."""
    if hit.end <= t.start:
        return t.start - hit.end <= 4
    return 0 <= hit.start - t.end <= 12


def _perfect_governs(sf: str, t: trg.Trigger) -> bool:
    """ "they have removed the president": the present perfect is the trigger's own verb
    (not "has been in turmoil since ..., when soldiers overthrew")."""
    return not COUP_NOUN.fullmatch(sf, t.start, t.end) and any(
        m.start() < t.end and m.end() >= t.start - 2
        for m in PERFECT.finditer(sf, max(0, t.start - 30), t.end)
    )
