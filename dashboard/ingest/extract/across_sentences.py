"""Reading across sentences: a troop figure given in the next sentence, an event dated by
the publication day merged into the same event the text dates a few days earlier, a force
not reported present after the article says it left, a clause that leaves its verb out
("..., et le Nigeria le 13 mars"), and accords named by their year."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from dashboard.ingest.extract import triggers as trg
from dashboard.ingest.extract.candidate import Candidate
from dashboard.ingest.extract.gazetteer import Mention
from dashboard.ingest.extract.numbers import find_troops
from dashboard.ingest.extract.roles import BORDER_TYPES, SANCTION_TYPES
from dashboard.ingest.extract.window import before
from dashboard.records import vocab

WEAK_DAYS = 7


def merge_weak(cands: list[Candidate], weak: set) -> list[Candidate]:
    """ "Russian troops have arrived" (dated by the publication day) and "100 servicemen
    flew in on Wednesday": one arrival, at the date the text gives. (Not presence reports:
    "some 2,000 are there now" and "Africa Corps said on Friday it stays" are two.)"""

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
        if not (is_weak(c) and c.date and c.date_precision == "day") or c.event_type == "presence_reported":
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


def drop_after_departure(new: list[Candidate], departed: dict, weak: dict | None = None) -> list[Candidate]:
    """A force the article has said is gone is not reported present after it left: "the
    soldiers left in December ... the base they used" is no presence as of publication; nor
    is its state today ("no French soldier is left") a departure of its own."""
    kept = []
    for c in new:
        gone = departed.get((c.actor, c.country))
        if c.event_type == "withdrawal_completed" and gone is not None and weak and weak.get(id(c)) is c:
            continue
        if c.event_type == "presence_reported" and gone is not None and not c.background:
            width = {"year": 4, "month": 7}.get(gone.date_precision, 10)
            if gone.date and c.date and c.date[:width] > gone.date[:width]:
                continue
        kept.append(c)
    for c in kept:
        if c.event_type == "withdrawal_completed" and not c.background:
            departed[(c.actor, c.country)] = c
    return kept


def figure_from_next(
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


# "un accord de 2012 encadrait ...", "the 2018 defence agreement": an accord dated by its year.
_ACCORD = r"(?:(?:defen[cs]e|security|military|status-of-forces)\s+)?(?:agreements?|accords?|pacts?|treaty|treaties)"

ACCORD_OF_YEAR = re.compile(
    rf"\b(?P<t>{_ACCORD})(?:\s+(?:de\s+(?:defense|cooperation)(?:\s+militaire)?|of\s+defen[cs]e))?\s+"
    r"(?:de|of|signed in|signe en|conclu en|concluded in)\s+(?P<y>(?:19|20)\d{2})\b(?![,.]?\d)|"
    rf"\b(?P<y2>(?:19|20)\d{{2}})\s+(?P<t2>{_ACCORD})\b"
)

ACCORD_WORD = re.compile(r"accord|agreement|pact|treat")


MAX_ACCORDS = 4


def accords_of_year(sf: str, published) -> dict:
    """Triggers for accords named with the year they were made ("l'accord de 2018 qui
    encadrait la présence des soldats français"): the signing, as background, at that year."""
    out = {}
    for m in ACCORD_OF_YEAR.finditer(sf):
        key = "t" if m["t"] else "t2"
        year = int(m["y"] or m["y2"])
        if published is not None and year > published.year:
            continue
        t = trg.Trigger("agreement_signed", m.start(key), m.end(key), m.start(), m.end())
        out[t] = dt.date(year, 1, 1)
        if len(out) >= MAX_ACCORDS:
            break  # a sentence naming more is a list or junk: the work per sentence stays small
    return out


SINCE_BEFORE = re.compile(r"\b(?:since|depuis)\s++(?:(?:early|late|mid|the end of|fin|debut|mi)[\s-]++)?$")

BASE_WORD = re.compile(r"\b(?:base|bases|plateforme|platform|camp|emprise|hub|facility)\b")


# A stay told as over: "had been in Mali since 2013", "servaient au Mali depuis 2013".
TOLD_PAST = re.compile(r"\b(?:had|was|were|etaient|etait|avaient|avait)\b|\b[a-z]+(?:aient|ait)\b")
HAS_BEEN = re.compile(r"\b(?:has|have) been\b")
STATIONED = re.compile(r"station\w*|bas(?:ed|e|ee|es|ees)\b")


def since_kind(sf: str, t: trg.Trigger, date, dates: list, counted: bool = False) -> str | None:
    """A base held "since" a date, the date inside the phrase ("disposait depuis 2019 d'une
    base de drones"): the base's opening at that date. A force there "since" a date, right
    after the phrase and with no figure of its own ("German soldiers had served in Mali since
    2013"): its arrival at that date."""
    hit = next((h for h in dates if h.date == date and t.match_start <= h.start < h.end <= t.match_end), None)
    if hit is None:
        hit = next((h for h in dates if h.date == date and 0 <= h.start - t.match_end <= 30), None)
        if (
            hit is not None
            and before(SINCE_BEFORE, sf, hit.start, 24)
            and BASE_WORD.search(sf, hit.end, hit.end + 30)
        ):
            return "base_opened"  # "installé depuis 2010 au camp de Kamboinsin": the camp's opening
        if (
            hit is not None
            and not counted
            and HAS_BEEN.search(sf, t.start, t.end)
            and before(SINCE_BEFORE, sf, hit.start, 24)
            and not re.search(r"[,;:()]", sf[t.match_end : hit.start])
        ):
            return "deployment"  # "whose mission has been in Niger since 2018": there from 2018 on
        if (
            hit is None
            or counted
            or not TOLD_PAST.search(
                sf, max(0, t.start - 30), hit.start
            )  # "operate there since 2022": still there
            or STATIONED.search(sf, t.start, t.end)  # "stationed there since 2010": where, not when they came
            or not before(SINCE_BEFORE, sf, hit.start, 24)
            or BASE_WORD.search(sf, t.match_start, hit.start)
            or re.search(r"[,;:()]", sf[t.match_end : hit.start])
        ):
            return None
        return "deployment"
    if not before(SINCE_BEFORE, sf, hit.start, 24):
        return None
    return "base_opened" if BASE_WORD.search(sf, t.match_start, t.match_end) else None


# "Le Bénin a rouvert sa frontière, et le Nigeria le 13 mars": the verb is left out.
GAP_BEFORE = re.compile(r",\s*+(?:et|and|puis|then)\s++(?:le\s++|la\s++|l'|the\s++)?$")

GAP_AFTER = re.compile(r"\s*+,?\s*+(?:le|on|in|en|au|the)?\s*+$")

GAP_END = re.compile(r"\s*+[.;!]?\s*+$")


# "landed in Ouagadougou in January and in Niamey in April": the place is left its own verb.
PLACE_GAP_BEFORE = re.compile(r"(?:,\s*+|\s)(?:and|et|puis|then)\s++(?:in|to|at|a|au|en|dans|on)\s++$")


def _gapped_place(sf: str, last, candidates: list[Candidate], local: list[Mention], dates: list) -> list:
    places = [m for m in local if m.start >= last.match_end and m.host and not m.actor]
    if len(places) < 2 or not PLACE_GAP_BEFORE.search(sf, max(0, places[-1].start - 20), places[-1].start):
        return []
    m = places[-1]
    hit = next((h for h in dates if h.start >= m.end), None)
    if hit is None or not GAP_AFTER.fullmatch(sf, m.end, hit.start) or not GAP_END.fullmatch(sf, hit.end):
        return []
    same = [c for c in candidates if c.event_type == last.event_type and c.country != m.host]
    if not same or same[-1].event_type not in ("deployment", "withdrawal_completed", "presence_reported"):
        return []
    c = same[-1]
    return [
        replace(
            c, country=m.host, location=m.location, date=hit.date.isoformat(), date_precision=hit.precision
        )
    ]


def gapped_events(
    sf: str, found: list, candidates: list[Candidate], local: list[Mention], dates: list
) -> list:
    """An actor and a date after the last event, joined by "and" with no verb of their own:
    the same event again for that actor, at that date."""
    if not candidates or not found:
        return []
    last = max(found, key=lambda t: t.match_end)
    tail = [m for m in local if m.start >= last.match_end and m.actor]
    if len(tail) != 1 or not GAP_BEFORE.search(sf, last.match_end, tail[0].start):
        return _gapped_place(sf, last, candidates, local, dates)
    m = tail[0]
    hit = next((h for h in dates if h.start >= m.end), None)
    if hit is None or not GAP_AFTER.fullmatch(sf, m.end, hit.start) or not GAP_END.fullmatch(sf, hit.end):
        return []
    same = [c for c in candidates if c.event_type == last.event_type and c.actor != m.actor]
    if not same:
        return []
    c = same[-1]
    host_actor = c.event_type in BORDER_TYPES or c.event_type in SANCTION_TYPES
    if not host_actor and m.actor not in vocab.PRESENCE_ACTORS:
        return []
    return [replace(c, actor=m.actor, date=hit.date.isoformat(), date_precision=hit.precision)]
