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
from itertools import accumulate
from typing import Optional, Union

from dashboard.records import vocab
from dashboard.ingest.extract import triggers as trg
from dashboard.ingest.extract.article import Article, plausible_published
from dashboard.ingest.extract.candidate import (CANDIDATE_KEYS, CANDIDATE_ONLY_TYPES, EVENT_TYPES,
                                         Candidate, deduplicate)
from dashboard.ingest.extract.dates import find_dates, plausible_event
from dashboard.ingest.extract.gazetteer import Mention, find_mentions
from dashboard.ingest.extract.numbers import could_be_price, find_price, find_troops
from dashboard.ingest.extract.roles import (PRESENCE_TYPES, Context, context_of, distance, force_of,
                                     place_of, who_where)
from dashboard.ingest.extract.sentences import split_sentences
from dashboard.ingest.extract.textnorm import fold

COMPLETION_TYPES = frozenset({"withdrawal_completed", "mandate_ended", "operation_ended",
                              "base_handed_over"})

AMBASSADOR = re.compile(r"\b(?:ambassador|ambassadeur|diplomat\w*|envoy)\b")

# "Earlier in the day": the event shares the last full date the article gave.
SAME_DAY = re.compile(r"\b(?:the same day|that day|earlier in the day|later that day|"
                      r"le meme jour|ce jour-la|dans la journee|the following day|the next day|"
                      r"le lendemain)\b")

NEXT_DAY = re.compile(r"\b(?:the following day|the next day|le lendemain)\b")

# Past-tense cues: an undated presence report then is not "as of publication".
PAST = re.compile(r"\b(?:had|was|were|etaient|etait|avait|avaient|at the time|au moment|"
                  r"at times|a l'epoque|then|alors)\b")

BARE_PARTICIPLE_FR = re.compile(r"^deploye(?:e|s|es)$")

FR_AUX_BEFORE = re.compile(r"\b(?:ont|a|avaient|avait|ont ete|a ete|avaient ete|avait ete|"
                           r"se sont|s'est|sont|est|etaient|etait|seront|sera)\s+(?:\w+\s+)?$")

# Events that share a date when one sentence reports them together ("denounced the accord
# on 18 January and gave the troops a month to leave"). Others never lend their date.
FAMILIES = {
    **dict.fromkeys(("agreement_revoked", "expulsion_ordered", "withdrawal_announced",
                     "mandate_ended"), "ordered_out"),
    **dict.fromkeys(("withdrawal_completed", "withdrawal_started", "base_handed_over",
                     "operation_ended"), "gone"),
    **dict.fromkeys(("deployment", "base_opened"), "arrived"),
    **dict.fromkeys(("sanctions_imposed", "border_closed"), "closed"),
    **dict.fromkeys(("sanctions_lifted", "border_reopened"), "opened"),
}

__all__ = ["extract", "Candidate", "CANDIDATE_KEYS", "CANDIDATE_ONLY_TYPES", "EVENT_TYPES",
           "ExtractionTimeout", "time_limit"]


class ExtractionTimeout(RuntimeError):
    """Extraction ran past the time limit set with `time_limit` (not a fault of the article's
    format: the upload page says it took too long, and nothing is stored)."""

    def __init__(self, seconds: float, chars: int):
        super().__init__(f"extraction took longer than {seconds:g} s ({chars:,} characters of "
                         "text) and was stopped; nothing was stored. Split the article into "
                         "smaller files and upload them again.")
        self.seconds = seconds


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


def extract(article_or_text: Union[Article, str], published: Optional[dt.date] = None,
            language: Optional[str] = None) -> list[Candidate]:
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
    starts = [m.start for m in mentions]
    out: list[Candidate] = []
    _check_deadline(len(text))
    for start, end in split_sentences(text):
        _check_deadline(len(text))
        local = mentions[bisect_left(starts, start):bisect_left(starts, end)]
        out.extend(_sentence(text, folded, start, end, local, ctx))
    return deduplicate(out)


def _sentence(text: str, folded: str, start: int, end: int, mentions: list[Mention],
              ctx: Context) -> list[Candidate]:
    sf = folded[start:end]
    mentions = [m for m in mentions if m.end <= end]
    wanted = trg.candidate_types(sf)
    if not wanted and not could_be_price(sf):
        # No trigger can match and no price is named: no candidate, only the context the
        # next sentences read (the same updates as below, without the per-trigger work).
        presence = [m.actor for m in mentions if m.actor in vocab.PRESENCE_ACTORS]
        if presence:
            ctx.previous_actor = presence[-1]
        days = [d for d in find_dates(sf, ctx.published) if d.kind in ("event", "report")
                and d.precision == "day"]
        if days:
            ctx.last_day = days[-1]
        return []
    local = [_shift(m, -start) for m in mentions]
    dates = find_dates(sf, ctx.published)
    found = _resolve_withdrawals(sf, trg.find_triggers(sf, wanted=wanted))
    price = find_price(sf)
    if price is not None and not any(t.event_type == "price_change" for t in found):
        found.append(trg.Trigger("price_change", price.start, price.end, price.start, price.end))
    dates = [d for d in dates if d.kind != "dateline"]
    by_trigger = _nearest(found, dates, sf)
    troops_by = _nearest([t for t in found if t.event_type in PRESENCE_TYPES], find_troops(sf), sf)
    candidates: list[Candidate] = []
    for t in found:
        for actor, country, explicit in who_where(t, sf, local, ctx):
            date, precision, dated = _pick_date(t, by_trigger, sf, ctx)
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
            if t.event_type == "price_change" and price is not None:
                extra = dict(commodity=price.commodity, price_value=price.value,
                             price_previous=price.previous, unit=price.unit,
                             currency=price.currency, change_pct=price.change_pct)
            candidates.append(Candidate(
                country=country, actor=actor, force=force, event_type=t.event_type,
                date=date.isoformat() if date else None, date_precision=precision,
                troops=troops, location=place, evidence_start=start, evidence_end=end,
                confidence=round(min(0.95, max(0.05, conf)), 2), **extra))
    presence = [m.actor for m in local if m.actor in vocab.PRESENCE_ACTORS]
    if presence:
        ctx.previous_actor = presence[-1]
    days = [d for d in dates if d.kind in ("event", "report") and d.precision == "day"]
    if days:
        ctx.last_day = days[-1]
    return candidates


def _shift(m: Mention, delta: int) -> Mention:
    return Mention(m.start + delta, m.end + delta, m.kind, m.actor, m.force, m.country, m.location)


def _resolve_withdrawals(sf: str, found: list[trg.Trigger]) -> list[trg.Trigger]:
    """Give generic withdrawal words their phase; drop what is negated, hedged or not an event."""
    out = []
    masked = sf
    for t in found:  # "asked to leave" must not make a nearby withdrawal look planned
        if t.event_type in trg.PHRASE_OWNERS:
            masked = masked[:t.match_start] + " " * (t.match_end - t.match_start) + masked[t.match_end:]
    for t in found:
        event_type = t.event_type
        if event_type == "withdrawal":
            event_type = trg.withdrawal_kind(masked, t)
            if event_type is None:
                continue
        if trg.is_negated(sf, t):
            continue
        if event_type in ("deployment", "presence_reported", "operation_ended",
                          "base_opened") and trg.is_modal(sf, t):
            continue  # "will deploy", "authorised to deploy up to 470": not (yet) an event
        if event_type == "expulsion_ordered" and AMBASSADOR.search(sf) and not re.search(
                trg.TROOPS, sf):
            continue  # an envoy sent home is a diplomatic row, not a troop expulsion
        if event_type == "border_closed" and trg.UNDO_CLOSURE.search(sf, max(0, t.start - 80), t.start):
            continue  # "lifted the closure of borders" reopens them
        if event_type == "deployment" and _adjectival(sf, t):
            continue  # "1 500 soldats ..., déployés sur la base": where they are, not an arrival
        out.append(trg.Trigger(event_type, t.start, t.end, t.match_start, t.match_end))
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
    word = sf[t.start:t.end]
    if not sf[:t.start].strip():
        return False
    if BARE_PARTICIPLE_FR.match(word):
        return not FR_AUX_BEFORE.search(sf[max(0, t.start - 30):t.start])
    return word == "deployed" and sf[max(0, t.start - 2):t.start].strip() == ","


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
        prefix = _mark_prefix(sf)
        n = len(sf)
        marks = prefix[min(b, n)] - prefix[min(a, n)]
    return distance(s, e, item.start, item.end) + 25 * marks


_MARKS = frozenset(",;:()")
# Running count of clause marks in the last sentence asked for: _reach is called for every
# (trigger, date or figure) pair of a sentence, and counting by slicing made a dense sentence
# quadratic in its length.
_PREFIX: tuple = ("", (0,))


def _mark_prefix(sf: str) -> tuple[int, ...]:
    global _PREFIX
    cached = _PREFIX  # one tuple, read and replaced whole: safe across Streamlit's threads
    if cached[0] == sf:
        return cached[1]
    prefix = (0, *accumulate(c in _MARKS for c in sf))
    _PREFIX = (sf, prefix)
    return prefix


def _nearest(found: list[trg.Trigger], items: list, sf: str) -> dict:
    """Attach each date or figure to the trigger it sits closest to, closest first."""
    out: dict = {}
    if not found:
        return out
    for item in items:
        best = min(found, key=lambda t: _reach(sf, t, item))
        out.setdefault(best, []).append(item)
    for t, got in out.items():
        got.sort(key=lambda item: _reach(sf, t, item))
    return out


def _pick_date(t: trg.Trigger, by_trigger: dict, sf: str, ctx: Context):
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
            elif h.kind == "reference" and h.end <= t.start and t.start - h.end <= 3:
                ranked.append((0, h))  # "the 2013 coup": the year belongs to the noun
        return ranked

    own = usable(by_trigger.get(t, []))
    if own:
        best = min(own, key=lambda rh: (rh[0], _reach(sf, t, rh[1])))[1]
        return best.date, best.precision, "sentence"
    family = FAMILIES.get(t.event_type)
    if family:
        related = [rh for other, hits in by_trigger.items() if other != t
                   and FAMILIES.get(other.event_type) == family
                   for rh in usable(hits) if rh[0] == 0 and _same_clause(sf, t, rh[1])]
        if related:
            best = min(related, key=lambda rh: _reach(sf, t, rh[1]))[1]
            return best.date, best.precision, "sentence"
    if ctx.last_day is not None and SAME_DAY.search(sf):
        d = ctx.last_day.date + (dt.timedelta(days=1) if NEXT_DAY.search(sf) else dt.timedelta())
        return d, "day", "context"
    if t.event_type == "presence_reported" and ctx.published and not PAST.search(sf):
        return ctx.published, "day", "published"
    return None, None, None
