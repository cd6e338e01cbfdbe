"""Candidate events from an article: sentence by sentence, trigger + who + where + when.

Each candidate keeps the offsets of the sentence it came from, so a reviewer sees the
evidence before accepting anything onto the map. Rules are plain regexes over folded text:
deterministic, offline, and a few milliseconds per article.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import re
import time
from bisect import bisect_left
from contextlib import contextmanager
from dataclasses import replace

from dashboard.ingest.extract import triggers as trg
from dashboard.ingest.extract.article import Article, plausible_published
from dashboard.ingest.extract.candidate import (
    CANDIDATE_KEYS,
    CANDIDATE_ONLY_TYPES,
    EVENT_TYPES,
    Candidate,
    deduplicate,
)
from dashboard.ingest.extract.dates import DATELINE, NUMBER_WORDS, DateHit, find_dates, plausible_event
from dashboard.ingest.extract.gazetteer import Mention, find_mentions
from dashboard.ingest.extract.numbers import _COMMODITY as COMMODITY
from dashboard.ingest.extract.numbers import _commodity_name as commodity_name
from dashboard.ingest.extract.numbers import carries_percent, could_be_price, find_prices, find_troops
from dashboard.ingest.extract.roles import (
    PRESENCE_TYPES,
    Context,
    context_of,
    distance,
    force_of,
    note_host,
    place_of,
    who_where,
)
from dashboard.ingest.extract.sentences import split_sentences
from dashboard.ingest.extract.textnorm import fold
from dashboard.records import vocab

COMPLETION_TYPES = frozenset({"withdrawal_completed", "mandate_ended", "operation_ended", "base_handed_over"})

AMBASSADOR = re.compile(r"\b(?:ambassadors?|ambassadeurs?|diplomats?|diplomates?|envoys?)\b")

# "Earlier in the day": the event shares the last full date the article gave.
SAME_DAY = re.compile(
    r"\b(?:the same day|that day|earlier in the day|later that day|shortly before|"
    r"just before|shortly after|peu avant|juste avant|peu apres|dans la foulee|"
    r"le meme jour|ce jour-la|dans la journee|the following day|the next day|"
    r"le lendemain)\b"
)

NEXT_DAY = re.compile(r"\b(?:the following day|the next day|le lendemain)\b")

# Past-tense cues: an undated presence report then is not "as of publication".
PAST = re.compile(
    r"\b(?:had|was|were|etaient|etait|avait|avaient|at the time|au moment|"
    r"at times|a l'epoque|then|alors)\b"
)

# A date opening the sentence ("On January 9, ...", "Le 9 janvier, ...", "- 19 April: ...",
# after a dateline or a live-blog time stamp) dates every event of the sentence.
LEAD_BEFORE = re.compile(
    r"^[\s\-\u2013\u2014*\u2022]*+(?:\d{1,2}[:h.]\d{2}\s++)?(?:(?:on|le|the|in|en|early|late|"
    r"debut|fin|mi|by|au|courant)\s++)?$"
)
LEAD_AFTER = re.compile(r"\s*+[,:\u2013\u2014-]")
# Present perfect or "now": the statement is dated on the publication day.
PERFECT = re.compile(
    r"\b(?:has|have)\s++(?:(?:now|already|finally|formally|officially|just|also)\s++)?"
    r"(?:been\s++)?[a-z]+(?:ed|en|wn|ut|one|eft|ent|ught|ade|un)\b|"
    r"\b(?:now|maintenant|desormais|today|aujourd'hui)\b"
)
PLUPERFECT = re.compile(r"\b(?:had|avait|avaient|etait|etaient)\b")
# "two months after the coup", "quatre jours apres la denonciation", "eight days earlier".
_COUNT = r"(?P<n>\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"
OFFSET = re.compile(
    rf"\b{_COUNT}\s++(?P<unit>days?|weeks?|months?|jours?|semaines?|mois)\s++"
    r"(?:(?:et demi|and a half|jour pour jour|to the day)\s++)?"
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
# "closed since the coup": a state that began with an event dated earlier in the article.
SINCE_EVENT = re.compile(
    r"\b(?:since|depuis)\s++(?:the|le|la|l'|les)\s*+(?P<what>coup|putsch|sanctions?|"
    r"renversement)"
)

REFERENCE_BEFORE = re.compile(
    r"\b(?:the|le|la|l'|du|des|de la|its|their|son|sa|ses|leur|this|that|since|"
    r"depuis|after|apres|following|before|avant)\s++(?:[a-z'-]+\s++)?$"
)

LOCATIVE_AFTER = re.compile(r"\s+(?:in|at|a|au|aux|en|on|to)\b")
FROM_WORD = re.compile(r"\b(?:from|de|du|des|depuis|venant|via|par)\b")
HQ_SUBJECT = re.compile(
    r"\b(?:command|headquarters|hq|secretariat|quartier general|siege|etat-major|"
    r"commandement)\s+(?:\w+\s+)?$"
)
RELATIVE_BEFORE = re.compile(r"\b(?:who|that|which|qui|que)\b")
UNDO_SANCTION = re.compile(r"\b(?:lev\w*|lift\w*|end\w*|fin)\s+(?:le |la |les |the |of )?$")
# "ordered member states to close / to reopen their borders": the decision is the event.
ORDERED_TO = re.compile(
    r"\b(?:ordered|decided|agreed|voted|ordonne\w*|decide\w*)\b[^,;.]{0,30}\b(?:to|de|d')\s*$"
)
STAY_BEFORE = re.compile(r"\b(?:stay|stays|stayed|remain\w*|restent|reste|restaient|demeurent|still)\s+$")
CLOSURE_NOUN = re.compile(r"closure|fermeture")
STATE_CAUSE_BEFORE = re.compile(
    r"\b(?:by|par|due to|because of|en raison de|a cause de|suite a|"
    r"under|with|avec)\s+(?:the\s+|la\s+|l')$"
)
STATE_GOES_ON = re.compile(
    r"\b(?:continues?|continued|persists?|remains?|still|perdure|dure|"
    r"se poursuit|continue de)\b"
)
ANAPHORIC_NOUN = re.compile(
    r"\s*+(?:the|this|that|le|la|ce|cette|l')\s*+(?:\w+\s+)?(?:deployment|"
    r"deploiement|arrival|arrivee|departure|depart|withdrawal|retrait)\b"
)
REFERS_BACK = re.compile(
    r"\b(?:comes?|came|follows?|followed|intervient|survient|marks?|marque|"
    r"is the first|est le premier|ends?)\b"
)
PLUPERFECT_OR_PAST = re.compile(r"\b(?:had|were|was|etaient|etait|avaient|avait)\b")
STILL_BEFORE = re.compile(r"\b(?:still|toujours|encore|currently|actuellement)\b")
# "a quiet ending to a deployment", "la fin du déploiement": the noun names an event ended.
ENDED_NOUN_BEFORE = re.compile(
    r"\b(?:end|ending|close|fin|terme)\s+(?:to|of|d'|de|du|des|a)\s*(?:a|an|the|its|un|une|la|le|"
    r"l'|son|sa|ce|cette)?\s*+(?:[a-z]+\s+)?$"
)
DEMONSTRATIVE_BEFORE = re.compile(r"\b(?:ce|cet|cette|ces|this|that|these|those)\s+$")
NOUN_TRIGGER = re.compile(
    r"depart|departure|deploiement|deployment|arrivee|arrival|retrait|withdrawal|"
    r"pull-?out|exit"
)
JOIN_AFTER = re.compile(r"\s*+(?:,\s*+)?(?:and|et|then|puis|but|mais|;)\b")
BARE_DEPLOYED_BEFORE = re.compile(r"(?:\d|\b(?:troops|soldiers|forces|personnel|men|servicemen))\s+$")
# Arrival words whose place is a state outside the Sahel: troops (or evacuees) going home.
ARRIVAL = re.compile(r"landed|arriv\w*|atterri\w*")
BARE_SIGNED = re.compile(r"signed|concluded|reached|struck|signee?s?|conclue?s?")
SIGN_AUX = re.compile(
    r"\b(?:was|were|has been|had been|have been|a ete|ont ete|avait ete|avaient ete|"
    r"been|ete)\s+$"
)
BARE_STATIONED = re.compile(r"stationed|stationne(?:e|s|es)?")
STATION_AUX = re.compile(
    r"\b(?:are|is|were|was|been|be|remain\w*|sont|est|etaient|etait|ete|"
    r"etre|restent|reste|demeurent|demeure|qui y|that|which|who)\b"
)
LIPTAKO = re.compile(r"\bliptako")
CHARTER = re.compile(r"\b(?:charter|charte)\b")

BARE_PARTICIPLE_FR = re.compile(r"^deploye(?:e|s|es)$")

FR_AUX_BEFORE = re.compile(
    r"\b(?:ont|a|avaient|avait|ont ete|a ete|avaient ete|avait ete|"
    r"se sont|s'est|sont|est|etaient|etait|seront|sera)\s+(?:\w+\s+)?$"
)

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
}

__all__ = [
    "extract",
    "Candidate",
    "CANDIDATE_KEYS",
    "CANDIDATE_ONLY_TYPES",
    "EVENT_TYPES",
    "ExtractionTimeout",
    "time_limit",
]


class ExtractionTimeout(RuntimeError):
    """Extraction ran past the time limit set with `time_limit` (not a fault of the article's
    format: the upload page says it took too long, and nothing is stored)."""

    def __init__(self, seconds: float, chars: int):
        super().__init__(
            f"extraction took longer than {seconds:g} s ({chars:,} characters of "
            "text) and was stopped; nothing was stored. Split the article into "
            "smaller files and upload them again."
        )
        self.seconds, self.chars = seconds, chars


# (deadline on time.perf_counter, limit in seconds) of the extraction running in this thread
# or context; None: no limit (the command line and the evaluation run without one).
_DEADLINE: contextvars.ContextVar = contextvars.ContextVar("extract_deadline", default=None)


@contextmanager
def time_limit(seconds: float):
    """Make `extract` calls inside the block raise ExtractionTimeout after `seconds`. Every
    rule is linear, so this is a safety net for very large, very dense articles: one upload
    must not hold the Streamlit server (one process for every session) for long."""
    token = _DEADLINE.set((time.perf_counter() + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _check_deadline(chars: int) -> None:
    limit = _DEADLINE.get()
    if limit is not None and time.perf_counter() > limit[0]:
        raise ExtractionTimeout(limit[1], chars)


def extract(
    article_or_text: Article | str, published: dt.date | None = None, language: str | None = None
) -> list[Candidate]:
    """Candidate events of an article (or of raw text), in text order.

    `published` resolves relative dates ("yesterday", "in March"); without it they stay
    unresolved. Both English and French rules always run, so `language` is informative
    only (mixed-language quotes still match).
    """
    if isinstance(article_or_text, Article):
        text, title = article_or_text.text, article_or_text.title
        published = published or article_or_text.published
    else:
        text, title = str(article_or_text or ""), ""
    if isinstance(published, dt.datetime):
        published = published.date()
    published = plausible_published(published)  # 0001-01-01 and the like: unknown
    if not text.strip():
        return []
    folded = fold(text)
    mentions = find_mentions(text, folded)
    ctx = context_of(mentions, find_mentions(title) if title else [], published)
    ctx.original_published = published
    starts = [m.start for m in mentions]
    out: list[Candidate] = []
    previous: list[Candidate] = []
    departed: dict = {}  # (actor, country) -> the withdrawal_completed told so far
    _check_deadline(len(text))
    last_end = 0
    for start, end in split_sentences(text):
        _check_deadline(len(text))
        if text.count("\n", last_end, start) >= 2:
            ctx.paragraph += 1
        last_end = end
        # Each day heading is read against the publication day, not against the last one.
        heading = _heading_date(folded[start:end], published or ctx.published)
        if heading is not None:  # a live blog's "Sunday 30 July 2023": the entries' day
            ctx.published, ctx.last_day = heading.date, heading
            ctx.blog_day = heading.date
            continue
        local = mentions[bisect_left(starts, start) : bisect_left(starts, end)]
        new = _sentence(text, folded, start, end, local, ctx)
        new = _drop_after_departure(new, departed)
        if previous and not any(c.event_type in PRESENCE_TYPES for c in new):
            _figure_from_next(out, previous, folded, start, end)
        previous = [c for c in new if c.event_type in PRESENCE_TYPES and c.troops is None]
        out.extend(new)
    return deduplicate(_merge_weak(out, ctx.weak))


WEAK_DAYS = 7


def _merge_weak(cands: list[Candidate], weak: set) -> list[Candidate]:
    """ "Russian troops have arrived" (dated by the publication day) and "100 servicemen
    flew in on Wednesday": one arrival, at the date the text gives."""

    def is_weak(c):
        return weak.get(id(c)) is c

    if not weak:
        return cands
    firm: dict = {}  # (country, actor, type, day) -> first candidate dated so by the text
    for i, c in enumerate(cands):
        if not is_weak(c) and c.date and c.date_precision == "day":
            firm.setdefault((c.country, c.actor, c.event_type, c.commodity, c.date), i)
    out = list(cands)
    dropped = set()
    for i, c in enumerate(cands):
        if not (is_weak(c) and c.date and c.date_precision == "day"):
            continue
        d = dt.date.fromisoformat(c.date)
        same = [
            firm[k]
            for k in (
                (c.country, c.actor, c.event_type, c.commodity, (d - dt.timedelta(days=n)).isoformat())
                for n in range(WEAK_DAYS + 1)
            )
            if k in firm
        ]
        if same:
            dropped.add(i)
            j = same[0]
            if out[j].troops is None and c.troops is not None:
                out[j] = replace(out[j], troops=c.troops)
    return [c for i, c in enumerate(out) if i not in dropped]


YEAR = re.compile(r"(?<![\d,.])\b(?:19|20)\d{2}\b(?![,.]?\d)")
THAT_YEAR = re.compile(
    r"\b(?:that year|the same year|of that year|cette annee-la|la meme annee|"
    r"cette meme annee)\b"
)


def _year_hint(sf: str, ctx: Context) -> int | None:
    """The year a yearless date of this sentence is read in when the sentence says so: "in
    March 2024, and by September of that year" is September 2024. (Carrying the last year
    written out over to the next sentences was tried: it misdates more than it fixes.)"""
    if not THAT_YEAR.search(sf):
        return None
    years = YEAR.findall(sf)
    return int(years[-1]) if years else None


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


def _anchor(sf: str, ctx: Context, hint: int | None) -> dt.date | None:
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
    r"\b(?:fin|debut|milieu|courant|end|beginning|middle|start)\s+(?:de|d'|of|of the year)\s*+$"
)


def _note_timeline(sf: str, dates: list[DateHit], ctx: Context, frame_only: bool = False) -> None:
    """The story's timeline is set by a date told with its year that opens the sentence
    ("Le 1er juillet 2013, ...", "In December 2021, ...") or makes up a sentence that tells
    no event ("The turning point came at the end of 2021."), and carried on by a date read in
    it; a date read against the publication day ends it. A dated aside further into a
    sentence ("a camp that went up in July 2022") does not set it."""
    told = [
        d
        for d in dates
        if d.kind in ("event", "report") or (d.kind == "reference" and PERIOD_OF.search(sf, 0, d.start))
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
        if not frame_only:
            return  # "the mission, there since 2012": an aside
    d = last.date
    if last.precision == "year":
        d = dt.date(d.year, 7, 1) if not PERIOD_OF.search(sf, 0, last.start) else d
        if sf[max(0, last.start - 12) : last.start].rstrip().endswith(("fin de", "end of", "late")):
            d = dt.date(d.year, 12, 1)
    elif last.precision == "month":
        d = d.replace(day=15)
    ctx.narrative = (d, ctx.paragraph)


def _note_bloc(mentions: list[Mention], ctx: Context) -> None:
    blocs = [m.actor for m in mentions if m.actor in ("ECOWAS", "WAEMU")]
    if blocs:
        ctx.previous_bloc = blocs[-1]


def _drop_after_departure(new: list[Candidate], departed: dict) -> list[Candidate]:
    """A force the article has said is gone is not reported present after it left: "the
    soldiers left in December ... the base they used" is no presence as of publication."""
    kept = []
    for c in new:
        gone = departed.get((c.actor, c.country))
        if c.event_type == "presence_reported" and gone is not None and not c.background:
            width = {"year": 4, "month": 7}.get(gone.date_precision, 10)
            if gone.date and c.date and c.date[:width] > gone.date[:width]:
                continue
        kept.append(c)
    for c in kept:
        if c.event_type == "withdrawal_completed" and not c.background:
            departed[(c.actor, c.country)] = c
    return kept


def _sentence(
    text: str, folded: str, start: int, end: int, mentions: list[Mention], ctx: Context
) -> list[Candidate]:
    sf = folded[start:end]
    mentions = [m for m in mentions if m.end <= end]
    hint = _year_hint(sf, ctx)
    anchor = _anchor(sf, ctx, hint)
    question = sf.rstrip().endswith("?")  # a question states nothing (its answer may)
    words = trg.WORD.findall(sf)
    wanted = trg.candidate_types(sf, words)
    carried = ctx.last_commodity
    ctx.last_commodity = None
    named_commodity = could_be_price(sf, words)
    priced = named_commodity or bool(carried and ("cfa" in sf or carries_percent(sf)))
    raw = trg.find_triggers(sf, wanted=wanted) if wanted and not question else []
    if not raw and not priced:
        # No trigger matches and no price is named: no candidate, only the context the
        # next sentences read (the same updates as below, without the per-trigger work).
        if wanted:
            ctx.last_price_date = None  # as the full path does for a sentence without prices
        presence = [m.actor for m in mentions if m.actor in vocab.PRESENCE_ACTORS]
        if presence:
            ctx.previous_actor = presence[-1]
        _note_bloc(mentions, ctx)
        note_host(sf, [_shift(m, -start) for m in mentions], ctx)
        ctx.previous_envoy = bool(AMBASSADOR.search(sf))
        told = find_dates(sf, ctx.published, year_hint=hint, words=words, anchor=anchor)
        _note_timeline(sf, told, ctx, frame_only=True)
        days = [d for d in told if d.kind in ("event", "report") and d.precision == "day"]
        if days:
            ctx.last_day = days[-1]
        return []
    local = [_shift(m, -start) for m in mentions]
    dates = find_dates(sf, ctx.published, year_hint=hint, words=words, anchor=anchor)
    _note_timeline(sf, dates, ctx)
    found = _resolve_withdrawals(sf, raw, ctx.previous_envoy, local)
    ctx.previous_envoy = bool(AMBASSADOR.search(sf))
    prices = find_prices(sf, carried) if named_commodity or carried else []
    price_of: dict = {}
    for price in prices:
        t = trg.Trigger("price_change", price.start, price.end, price.start, price.end)
        if t not in price_of:
            price_of[t] = price
            found.append(t)
    if not prices and named_commodity:
        named = {commodity_name(m) for m in COMMODITY.finditer(sf)}
        ctx.last_commodity = named.pop() if len(named) == 1 else None
    dates = [d for d in dates if d.kind != "dateline"]
    by_trigger = _nearest(found, dates, sf)
    whole = _sentence_dates(sf, dates)
    presence_found = [t for t in found if t.event_type in PRESENCE_TYPES]
    troops_by = _nearest(presence_found, find_troops(sf), sf) if presence_found else {}
    candidates: list[Candidate] = []
    for t in found:
        for actor, country, explicit in who_where(t, sf, local, ctx):
            date, precision, dated = _pick_date(t, by_trigger, sf, ctx, whole)
            if (
                t.event_type == "agreement_signed"
                and t.start > t.match_start
                and BARE_SIGNED.fullmatch(sf, t.start, t.end)
                and not SIGN_AUX.search(sf, max(0, t.start - 16), t.start)
                and not any(h.kind in ("event", "reference") for h in by_trigger.get(t, []))
                and not any(0 <= h.start - t.end <= 25 for h in dates)
            ):
                break  # "the accords concluded with France": named, not signed here
            if date is not None and not plausible_event(date):
                date = precision = dated = None  # before 1960 or in the future: no date
            figure = troops_by.get(t, [])
            troops = figure[0].value if figure and t.event_type in PRESENCE_TYPES else None
            force = force_of(t, actor, country, local, date)
            place = place_of(t, local, sf)
            conf = 0.35 + (0.25 if explicit[0] else 0.1) + (0.1 if explicit[1] else 0.0)
            conf += {"sentence": 0.15, "context": 0.05, "published": -0.05}.get(dated, 0.0)
            conf += 0.05 if troops else 0.0
            extra = {}
            price = price_of.get(t)
            if t.event_type == "price_change" and price is not None:
                extra = dict(
                    commodity=price.commodity,
                    price_value=price.value,
                    price_previous=price.previous,
                    unit=price.unit,
                    currency=price.currency,
                    change_pct=price.change_pct,
                )
            if dated == "published":
                weak_date = True
            else:
                weak_date = False
            candidates.append(
                Candidate(
                    country=country,
                    actor=actor,
                    force=force,
                    event_type=t.event_type,
                    date=date.isoformat() if date else None,
                    date_precision=precision,
                    troops=troops,
                    location=place,
                    evidence_start=start,
                    evidence_end=end,
                    confidence=round(min(0.95, max(0.05, conf)), 2),
                    background=_background(t, sf, date, precision, ctx),
                    **extra,
                )
            )
            if weak_date:
                ctx.weak[id(candidates[-1])] = candidates[-1]
    presence = [m.actor for m in local if m.actor in vocab.PRESENCE_ACTORS]
    if presence:
        ctx.previous_actor = presence[-1]
    acting = [c.actor for c in candidates if c.actor in vocab.PRESENCE_ACTORS]
    if acting:  # "their commander handed over the camp": the force the last sentence was about
        ctx.previous_actor = max(dict.fromkeys(acting), key=acting.count)
    _note_bloc(local, ctx)
    note_host(sf, local, ctx)
    days = [
        d
        for d in dates
        if d.precision == "day"
        and (
            d.kind in ("event", "report")
            or (d.kind == "deadline" and PLUPERFECT_OR_PAST.search(sf) and not trg.MODAL.search(sf))
        )
    ]
    if days:
        ctx.last_day = days[-1]  # "By Dec. 13, 157 were still there. Nine days later ..."
    for c in candidates:
        if c.date and c.event_type != "price_change":
            old = ctx.event_dates.get(c.event_type)
            if old is None or _RANK[c.date_precision] >= _RANK[old[1]]:
                ctx.event_dates[c.event_type] = (dt.date.fromisoformat(c.date), c.date_precision)
    priced = [c for c in candidates if c.event_type == "price_change" and c.date]
    ctx.last_price_date = (
        (dt.date.fromisoformat(priced[-1].date), priced[-1].date_precision) if priced else None
    )
    return candidates


_RANK = {"year": 0, "month": 1, "day": 2}
# Days before publication beyond which a dated event is earlier context, not the news.
BACKGROUND_DAYS = 45
RELATIVE_CLAUSE = re.compile(
    r"\b(?:which|who|qui|dont|when|lorsque|since|depuis|after|apres|following|"
    r"suite a|before|avant)\b[^,;]{0,60}$"
)


def _background(t: trg.Trigger, sf: str, date, precision, ctx: Context) -> bool:
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
            end = _shift_month_end(date)
        return (pub - end).days > BACKGROUND_DAYS
    lo = max(0, t.start - 40)
    return bool(PLUPERFECT.search(sf, lo, t.start) or RELATIVE_CLAUSE.search(sf[lo : t.start]))


def _shift_month_end(d: dt.date) -> dt.date:
    nxt = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


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
        )
    )
    + r")[\s,.:;\-]*+)?$"
)


# What may follow a live blog's day heading: the entry's time ("Wednesday 26 July, 23:45",
# "mercredi 26 juillet - 14h10", "at 9.30 am GMT").
HEADING_TIME = re.compile(
    r"[\s.,:\-\u2013\u2014]*+(?:(?:at|a)\s+)?(?:\d{1,2}(?:\s*[:h.]\s*\d{2}|\s*h)(?:\s*(?:am|pm))?"
    r"(?:\s*(?:gmt|utc)(?:\s*[+-]\s*\d{1,2})?)?)?[\s.,:]*+"
)


def _heading_date(sf: str, published):
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


def _sentence_dates(sf: str, dates: list) -> dict:
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


def _offset_back(sf: str, t: trg.Trigger, by_trigger: dict, whole: dict, ctx: Context):
    """The event named in "two months after the coup" is dated from the sentence's own date:
    the coup is two months before it."""
    m = OFFSET.search(sf)
    if not m or not m["what"] or not (m.start("what") <= t.start <= m.end() + 60):
        return None
    anchor = whole.get("lead") or whole.get("report")
    if anchor is None:
        hits = [
            h for other, got in by_trigger.items() if other != t for h in got if h.kind in ("event", "report")
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
    if m["unit"].startswith(("month", "mois")):
        total = anchor.date.year * 12 + anchor.date.month - 1 + sign * n
        return dt.date(total // 12, total % 12 + 1, 1), "month"
    return None


def _offset_date(sf: str, ctx: Context):
    """(date, precision) of "two months after the coup" against the article's events."""
    m = OFFSET.search(sf)
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
        return base[0] + dt.timedelta(days=sign * 7 * n), "day"
    if unit.startswith(("month", "mois")) and base[1] in ("day", "month"):
        total = base[0].year * 12 + base[0].month - 1 + sign * n
        return dt.date(total // 12, total % 12 + 1, 1), "month"
    return None


def _figure_from_next(
    out: list[Candidate], previous: list[Candidate], folded: str, start: int, end: int
) -> None:
    """ "The first troops arrived on Monday. About 100 servicemen had flown in": a lone troop
    figure in the next sentence, which reports no presence event of its own, belongs to the
    last event before it that had none. Its evidence then spans both sentences."""
    figures = find_troops(folded[start:end])
    if len(figures) != 1:
        return
    last = previous[-1]
    # One trigger read as several events (a force of all three AES states) shares it.
    targets = {
        id(c)
        for c in previous
        if c.event_type == last.event_type
        and c.evidence_start == last.evidence_start
        and c.actor == last.actor
    }
    left = len(targets)
    for i in range(len(out) - 1, -1, -1):  # they are the last sentence's: at the tail
        if left == 0:
            break
        if id(out[i]) in targets:
            target = out[i]
            out[i] = replace(
                target,
                troops=figures[0].value,
                evidence_end=end,
                confidence=round(min(0.95, target.confidence + 0.02), 2),
            )
            left -= 1


def _shift(m: Mention, delta: int) -> Mention:
    return Mention(m.start + delta, m.end + delta, m.kind, m.actor, m.force, m.country, m.location)


def _resolve_withdrawals(
    sf: str, found: list[trg.Trigger], previous_envoy: bool = False, local: tuple = ()
) -> list[trg.Trigger]:
    """Give generic withdrawal words their phase; drop what is negated, hedged or not an event."""
    out = []
    masked = sf
    for t in found:  # "asked to leave" must not make a nearby withdrawal look planned
        if t.event_type in trg.PHRASE_OWNERS:
            masked = masked[: t.match_start] + " " * (t.match_end - t.match_start) + masked[t.match_end :]
    for t in found:
        event_type = t.event_type
        if event_type == "withdrawal":
            event_type = trg.withdrawal_kind(masked, t)
            if event_type is None:
                continue
        if trg.is_negated(sf, t):
            continue
        if (
            event_type
            in (
                "deployment",
                "presence_reported",
                "operation_ended",
                "base_opened",
                "joint_force_launched",
                "border_reopened",
                "sanctions_lifted",
            )
            and trg.is_modal(sf, t)
            and not ORDERED_TO.search(sf, max(0, t.start - 40), t.start)
        ):
            continue  # "will deploy", "authorised to deploy up to 470": not (yet) an event
        if event_type not in ("withdrawal_announced", "expulsion_ordered") and trg.is_hedged(sf, t):
            continue  # "could impose sanctions", "hope for a lifting": not an event
        if (
            event_type == "expulsion_ordered"
            and (AMBASSADOR.search(sf) or previous_envoy)
            and not re.search(trg.TROOPS, sf)
        ):
            continue  # an envoy sent home (named here or just before) is no troop expulsion
        if event_type == "deployment" and ENDED_NOUN_BEFORE.search(sf, max(0, t.start - 30), t.start):
            continue
        if event_type == "border_closed" and STAY_BEFORE.search(sf, max(0, t.start - 14), t.start):
            continue  # "the crossings stay shut": a state, not a closing
        if (
            event_type == "border_closed"
            and CLOSURE_NOUN.fullmatch(sf, t.start, t.end)
            and (
                STATE_CAUSE_BEFORE.search(sf, max(0, t.start - 24), t.start)
                or STATE_GOES_ON.search(sf, t.end, min(len(sf), t.end + 80))
            )
        ):
            continue  # "disrupted by the closure of the borders": a state, not an event
        if (
            event_type in ("deployment", "withdrawal")
            and ANAPHORIC_NOUN.match(sf)
            and t.start < 25
            and REFERS_BACK.search(sf, t.end, min(len(sf), t.end + 20))
        ):
            continue  # "The deployment comes a year after ...": the event of the last sentence
        if (
            event_type in ("deployment", "withdrawal")
            and DEMONSTRATIVE_BEFORE.search(sf, max(0, t.start - 12), t.start)
            and NOUN_TRIGGER.fullmatch(sf, t.start, t.end)
        ):
            continue  # "avec ce départ", "this withdrawal": the event told just before
        if event_type == "sanctions_imposed" and UNDO_SANCTION.search(sf, max(0, t.start - 16), t.start):
            continue  # "lever le gel des avoirs" lifts a measure
        if event_type == "border_closed" and trg.UNDO_CLOSURE.search(sf, max(0, t.start - 80), t.start):
            continue  # "lifted the closure of borders" reopens them
        if event_type == "deployment" and _adjectival(sf, t):
            continue  # "1 500 soldats ..., déployés sur la base": where they are, not an arrival
        if (
            event_type == "deployment"
            and ARRIVAL.fullmatch(sf, t.start, t.end)
            and LOCATIVE_AFTER.match(sf, t.end)
            and any(
                m.country
                and not m.host
                and 0 <= m.start - t.end <= 40
                and not FROM_WORD.search(sf, t.end, m.start)
                and not any(h.host and t.end <= h.start < m.start for h in local)
                for m in local
            )
        ):
            continue  # "landed in Italy carrying evacuees": an arrival outside the Sahel
        if event_type == "presence_reported" and HQ_SUBJECT.search(sf, max(0, t.start - 30), t.start):
            continue  # "its command is based in Niamey": a headquarters, not a foreign force
        if (
            event_type == "presence_reported"
            and RELATIVE_BEFORE.search(sf, max(0, t.start - 22), t.start)
            and any(o.event_type == "withdrawal" and o.start > t.end for o in found)
        ):
            continue  # "the 1,000 soldiers who were stationed there left": a force gone
        if (
            event_type == "presence_reported"
            and BARE_STATIONED.fullmatch(sf, t.start, t.end)
            and not STATION_AUX.search(sf, max(0, t.start - 30), t.start)
            and sf[: t.start].strip()
            and (trg.MODAL.search(sf) or any(o.event_type == "withdrawal" for o in found))
        ):
            continue  # "the soldiers stationed there will leave": a force on its way out
        out.append(trg.Trigger(event_type, t.start, t.end, t.match_start, t.match_end))
    if any(t.event_type == "agreement_signed" for t in out) and LIPTAKO.search(sf):
        # Signing the Liptako-Gourma charter is the founding of the alliance itself.
        out = [
            trg.Trigger("alliance_formed", t.start, t.end, t.match_start, t.match_end)
            if t.event_type == "agreement_signed" and CHARTER.search(sf, t.match_start, t.match_end + 40)
            else t
            for t in out
        ]
    types = {t.event_type for t in out}
    if "alliance_formed" in types:  # signing the founding charter is the alliance itself
        out = [t for t in out if t.event_type != "agreement_signed"]
    return out


def _same_clause(sf: str, t: trg.Trigger, item) -> bool:
    """Nothing but words between a trigger and a date: no comma, no clause edge."""
    a, b = sorted((t.start, item.start))
    return not re.search(r"[,;:()]", sf[a:b]) and not trg.CLAUSE.search(sf, a, b)


def _adjectival(sf: str, t: trg.Trigger) -> bool:
    """A deployment participle used as an adjective (no auxiliary): describes presence.
    Fronted at the start of the sentence ("Déployés en 2013, les casques bleus ...") it
    still reports the deployment."""
    word = sf[t.start : t.end]
    if not sf[: t.start].strip():
        return False
    if BARE_PARTICIPLE_FR.match(word):
        return not FR_AUX_BEFORE.search(sf[max(0, t.start - 30) : t.start])
    if word != "deployed":
        return False
    if sf[max(0, t.start - 2) : t.start].strip() == ",":
        return True
    # "out of 4,300 deployed across the region", "the troops deployed there": a figure or
    # troop noun right before, with no auxiliary, describes a force already in place.
    return bool(BARE_DEPLOYED_BEFORE.search(sf, max(0, t.start - 30), t.start))


def _reach(sf: str, t: trg.Trigger, item) -> int:
    """How far a date or figure is from a trigger's phrase (its object included: "formed
    the Alliance ... last September"); commas and brackets between them count extra,
    since they usually close the clause the trigger belongs to."""
    s, e = t.match_start, t.match_end
    if s <= item.start < e:
        s, e = t.start, t.end  # inside the phrase: measure from the word itself
    a, b = (e, item.start) if e <= item.start else (item.end, s)
    marks = 0
    if a < b:
        where = _mark_positions(sf)
        marks = bisect_left(where, b) - bisect_left(where, a)
    return distance(s, e, item.start, item.end) + 25 * marks


_MARK_RE = re.compile(r"[,;:()]")
# Where the clause marks of the last sentence asked for are: _reach is called for every
# (trigger, date or figure) pair of a sentence, and counting by slicing made a dense sentence
# quadratic in its length; a count is two bisections in this list.
_POSITIONS: tuple = ("", ())


def _mark_positions(sf: str) -> tuple[int, ...]:
    global _POSITIONS
    cached = _POSITIONS  # one tuple, read and replaced whole: safe across Streamlit's threads
    if cached[0] == sf:
        return cached[1]
    where = tuple(m.start() for m in _MARK_RE.finditer(sf))
    _POSITIONS = (sf, where)
    return where


def _nearest(found: list[trg.Trigger], items: list, sf: str) -> dict:
    """Attach each date or figure to the trigger it sits closest to, closest first."""
    out: dict = {}
    if not found:
        return out
    for item in items:
        best = min(found, key=lambda t: _reach(sf, t, item))
        if best.match_start >= item.end and len(found) > 1:
            # "handed X on October 3 and returned Y on December 2": a date followed by a
            # conjunction closes the phrase before it, not the next one.
            before = [t for t in found if t.match_end <= item.start]
            if before and JOIN_AFTER.match(sf, item.end, best.match_start):
                best = max(before, key=lambda t: t.match_end)
        out.setdefault(best, []).append(item)
    for t, got in out.items():
        got.sort(key=lambda item: _reach(sf, t, item))
    return out


def _pick_date(t: trg.Trigger, by_trigger: dict, sf: str, ctx: Context, whole: dict | None = None):
    """(date, precision, where it came from) for one trigger: its own dates first, then a
    date of a related trigger in the same sentence, then "the same day", then (presence
    only) the publication date."""

    def usable(hits):
        ranked = []
        for h in hits:
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
        return ranked

    if (
        t.event_type == "presence_reported"
        and ctx.published
        and not (whole or {}).get("lead")
        and STILL_BEFORE.search(sf, max(0, t.start - 30), t.end + 12)
        and not PAST.search(sf, 0, t.start)
    ):
        return ctx.published, "day", "published"  # "still have 1,100 troops": as of the article
    own = usable(by_trigger.get(t, []))
    lead = (whole or {}).get("lead")
    if own:
        best = min(own, key=lambda rh: (rh[0], _reach(sf, t, rh[1])))[1]
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
            if rh[0] == 0 and _same_clause(sf, t, rh[1])
        ]
        if related:
            best = min(related, key=lambda rh: _reach(sf, t, rh[1]))[1]
            return best.date, best.precision, "sentence"
    whole = whole or {}
    back = _offset_back(sf, t, by_trigger, whole, ctx)
    if back is not None:
        return back[0], back[1], "context"
    if REFERENCE_BEFORE.search(sf, max(0, t.start - 30), t.start):
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
    offset = _offset_date(sf, ctx)
    if offset is not None:
        return offset[0], offset[1], "context"
    if ctx.last_day is not None and SAME_DAY.search(sf):
        d = ctx.last_day.date + (dt.timedelta(days=1) if NEXT_DAY.search(sf) else dt.timedelta())
        return d, "day", "context"
    if t.event_type == "price_change" and ctx.last_price_date is not None:
        return ctx.last_price_date[0], ctx.last_price_date[1], "context"
    if (
        ctx.blog_day is not None
        and ctx.published == ctx.blog_day
        and not PLUPERFECT.search(sf)
        and not trg.MODAL.search(sf)
        and t.event_type != "coup"
    ):
        return ctx.blog_day, "day", "context"  # an entry under a live blog's day heading
    if (
        ctx.published
        and whole
        and PERFECT.search(sf)
        and not PLUPERFECT.search(sf)
        and t.event_type != "coup"
    ):
        return ctx.published, "day", "published"
    if t.event_type in ("presence_reported", "price_change") and ctx.published and not PAST.search(sf):
        return ctx.published, "day", "published"
    return None, None, None
