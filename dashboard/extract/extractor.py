"""Candidate events from an article: sentence by sentence, trigger + who + where + when.

Each candidate keeps the offsets of the sentence it came from, so a reviewer sees the
evidence before accepting anything onto the map. Rules are plain regexes over folded text:
deterministic, offline, and a few milliseconds per article.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import asdict, dataclass, fields
from typing import Optional, Union

from dashboard import vocab
from dashboard.extract import triggers as trg
from dashboard.extract.article import Article
from dashboard.extract.dates import DATELINE, DateHit, find_dates
from dashboard.extract.gazetteer import (HOST_ACTOR, Mention, default_force, find_mentions,
                                         force_country)
from dashboard.extract.numbers import find_price, find_troops
from dashboard.extract.sentences import split_sentences
from dashboard.extract.textnorm import fold

CANDIDATE_ONLY_TYPES = ("sanctions_imposed", "sanctions_lifted", "border_closed",
                        "border_reopened", "price_change")
EVENT_TYPES = vocab.EVENT_TYPES + CANDIDATE_ONLY_TYPES

# Event types about a foreign force's presence: their actor is the foreign partner.
PRESENCE_TYPES = frozenset(vocab.EVENT_TYPES) - {"coup", "alliance_formed"}
SANCTION_TYPES = frozenset({"sanctions_imposed", "sanctions_lifted"})
BORDER_TYPES = frozenset({"border_closed", "border_reopened"})
SANCTION_ACTORS = ("ECOWAS", "WAEMU", "United States", "European Union", "United Nations",
                   "France", "Nigeria", "Benin")
BLOCS = ("ECOWAS", "WAEMU")
BORDER_ACTORS = frozenset(("Benin", "Nigeria", "ECOWAS", "WAEMU", "AES") + tuple(HOST_ACTOR.values()))
COMPLETION_TYPES = frozenset({"withdrawal_completed", "mandate_ended", "operation_ended",
                              "base_handed_over"})

# Words for the ruling soldiers: they stand for the host state ("the junta closed ...").
JUNTA = re.compile(r"\b(?:junta|junte|putschistes?|putschists?|military government|military "
                   r"rulers|regime militaire|militaires au pouvoir|military council|soldiers in power)\b")
AMBASSADOR = re.compile(r"\b(?:ambassador|ambassadeur|diplomat\w*|envoy)\b")
OBJECT_BEFORE = re.compile(r"(?:\bwith|\bavec|\bfrom|\bwith the|\bde|\bdu|\bd'|\bof|\bon|\bau|\bagainst|\bcontre)\s*(?:the\s+|le\s+|la\s+|l')?$")
SAME_DAY = re.compile(r"\b(?:the same day|that day|earlier in the day|later that day|le meme jour|"
                      r"ce jour-la|dans la journee|the following day|the next day|le lendemain)\b")
NEXT_DAY = re.compile(r"\b(?:the following day|the next day|le lendemain)\b")
PAST = re.compile(r"\b(?:had|was|were|etaient|etait|avait|avaient|at the time|au moment|"
                  r"at times|a l'epoque|then|alors)\b")
# Hosts written as where troops go or pass through, not where the event happens.
DESTINATION_BEFORE = re.compile(r"\b(?:into|to|towards|toward|for|vers|pour|via|par|through|"
                                r"rejoindre|en direction d[eu])\s+(?:the\s+|le\s+|la\s+|l')?"
                                r"(?:neighbouring\s+|neighboring\s+|voisin\s+)?"
                                r"(?:[\w'-]+,?\s+(?:et|and)\s+(?:the\s+|le\s+|la\s+|l')?)?$")
TRANSIT_BEFORE = re.compile(r"\b(?:via|par|through)\s+(?:the\s+|le\s+|la\s+|l')?"
                            r"(?:[\w'-]+,?\s+){0,3}?(?:(?:et|and)\s+(?:the\s+|le\s+|la\s+|l')?)?$")
# A foreign actor named after "under", "with", "by" is rarely the one deploying or leaving.
SUBORDINATE_BEFORE = re.compile(r"\b(?:under|sous|with|avec|alongside|by|par|against|contre|"
                                r"from|de)\s+(?:the\s+|le\s+|la\s+|l')?(?:[\w-]+\s+)?$")
GENITIVE_AFTER = re.compile(r"\s+(?:of|des|du|de la|de l'|de)\s")
PASSIVE_AGENT_BEFORE = re.compile(r"\b(?:by|par)\s+(?:the\s+|le\s+|la\s+|l')?$")
BARE_PARTICIPLE_FR = re.compile(r"^deploye(?:e|s|es)$")
FR_AUX_BEFORE = re.compile(r"\b(?:ont|a|avaient|avait|ont ete|a ete|avaient ete|avait ete|se sont|"
                           r"s'est|sont|est|etaient|etait|seront|sera)\s+(?:\w+\s+)?$")
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
ALL_THREE = re.compile(r"\b(?:three|trois|aes)\b")


@dataclass(frozen=True)
class Candidate:
    country: Optional[str]
    actor: Optional[str]
    force: Optional[str]
    event_type: str
    date: Optional[str]
    date_precision: Optional[str]
    troops: Optional[int]
    location: Optional[str]
    evidence_start: int
    evidence_end: int
    confidence: float
    commodity: Optional[str] = None
    price_value: Optional[float] = None
    price_previous: Optional[float] = None
    unit: Optional[str] = None
    currency: Optional[str] = None
    change_pct: Optional[float] = None

    def to_dict(self) -> dict:
        return asdict(self)


CANDIDATE_KEYS = tuple(f.name for f in fields(Candidate))


@dataclass
class _Context:
    """What the article as a whole says, for sentences that leave something implicit."""
    published: Optional[dt.date]
    dominant_country: Optional[str]
    dominant_actor: Optional[str]
    dominant_bloc: Optional[str]
    last_day: Optional[DateHit] = None
    previous_actor: Optional[str] = None


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
    if not text.strip():
        return []
    folded = fold(text)
    mentions = find_mentions(text, folded)
    ctx = _context(mentions, find_mentions(title) if title else [], published)
    out: list[Candidate] = []
    for start, end in split_sentences(text):
        out.extend(_sentence(text, folded, start, end, mentions, ctx))
    return _deduplicate(out)


def _context(mentions: list[Mention], title_mentions: list[Mention],
             published: Optional[dt.date]) -> _Context:
    hosts: Counter = Counter()
    actors: Counter = Counter()
    blocs: Counter = Counter()
    for weight, group in ((3, title_mentions), (1, mentions)):
        for m in group:
            if m.host:
                hosts[m.host] += weight
            if m.actor in vocab.PRESENCE_ACTORS:
                actors[m.actor] += weight
            if m.actor in BLOCS:
                blocs[m.actor] += weight
    return _Context(published, _top(hosts), _top(actors, unique=True), _top(blocs))


def _top(counter: Counter, unique: bool = False) -> Optional[str]:
    ranked = counter.most_common(2)
    if not ranked:
        return None
    if unique and len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # two foreign actors as prominent: do not guess between them
    return ranked[0][0]


def _sentence(text: str, folded: str, start: int, end: int, all_mentions: list[Mention],
              ctx: _Context) -> list[Candidate]:
    sf = folded[start:end]
    mentions = [m for m in all_mentions if start <= m.start and m.end <= end]
    local = [_shift(m, -start) for m in mentions]
    dates = find_dates(sf, ctx.published)
    found = _resolve_withdrawals(sf, trg.find_triggers(sf))
    price = find_price(sf)
    if price is not None and not any(t.event_type == "price_change" for t in found):
        found.append(trg.Trigger("price_change", price.start, price.end, price.start, price.end))
    dates = [d for d in dates if d.kind != "dateline"]
    by_trigger = _nearest(found, dates, sf)
    troops_by = _nearest([t for t in found if t.event_type in PRESENCE_TYPES], find_troops(sf), sf)
    candidates: list[Candidate] = []
    for t in found:
        for actor, country, explicit in _who_where(t, sf, local, ctx):
            date, precision, dated = _pick_date(t, by_trigger, sf, ctx)
            figure = troops_by.get(t, [])
            troops = figure[0].value if figure and t.event_type in PRESENCE_TYPES else None
            force = _force(t, actor, country, local, date)
            place = _place(t, local, sf)
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


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0


def _reach(sf: str, t: trg.Trigger, item) -> int:
    """How far a date or figure is from a trigger's phrase (its object included: "formed
    the Alliance ... last September"); commas and brackets between them count extra,
    since they usually close the clause the trigger belongs to."""
    s, e = t.match_start, t.match_end
    if s <= item.start < e:
        s, e = t.start, t.end  # inside the phrase: measure from the word itself
    a, b = (e, item.start) if e <= item.start else (item.end, s)
    between = sf[a:b] if a < b else ""
    return _distance(s, e, item.start, item.end) + 25 * sum(between.count(c) for c in ",;:()")


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


def _who_where(t: trg.Trigger, sf: str, local: list[Mention], ctx: _Context):
    """(actor, country, (actor_explicit, country_explicit)) for each event the trigger
    stands for: usually one, several when an alliance or a list of countries is named."""
    kind = t.event_type
    hosts = [m for m in local if m.host]
    juntas = [mm for mm in JUNTA.finditer(sf)]
    if kind == "price_change":
        country, explicit = _country(t, hosts, ctx, sf=sf)
        return [(None, country, (True, explicit))]
    if kind == "coup":
        if sf[t.start:t.end].startswith("coups") and ALL_THREE.search(sf):
            return [(HOST_ACTOR[c], c, (True, True)) for c in vocab.COUNTRIES]
        country, explicit = _country(t, hosts, ctx, sf=sf)
        return [(HOST_ACTOR[country], country, (explicit, explicit))] if country in HOST_ACTOR else []
    if kind == "alliance_formed" or _leaves_ecowas(t, sf, local):
        named = list(dict.fromkeys(m.host for m in hosts))
        if len(named) < 2 and ALL_THREE.search(sf):
            named = list(vocab.COUNTRIES)
        if not named:
            named = [ctx.dominant_country] if ctx.dominant_country else []
        return [("AES", c, (True, True)) for c in named]
    if kind in SANCTION_TYPES:
        actors = [m for m in local if m.actor in SANCTION_ACTORS]
        blocs = list(dict.fromkeys(m.actor for m in actors if m.actor in BLOCS))
        if not blocs and actors:
            blocs = [min(actors, key=lambda m: _distance(m.start, m.end, t.start, t.end)).actor]
        explicit = bool(blocs)
        if not blocs and ctx.dominant_bloc:
            blocs = [ctx.dominant_bloc]
        country, c_explicit = _country(t, [h for h in hosts if h.actor not in blocs], ctx, sf=sf)
        return [(b, country, (explicit, c_explicit)) for b in blocs]
    if kind in BORDER_TYPES:
        actor, explicit = _border_actor(t, sf, local, juntas, ctx)
        if actor in HOST_ACTOR.values():
            country = next(c for c, a in HOST_ACTOR.items() if a == actor)
            return [(actor, country, (explicit, True))]
        country, c_explicit = _country(t, hosts, ctx, sf=sf)
        if actor is None:
            actor = HOST_ACTOR.get(country)
        return [(actor, country, (explicit, c_explicit))] if actor else []
    # Presence of a foreign force.
    pool = [m for m in local if m.actor in vocab.PRESENCE_ACTORS]
    if kind == "agreement_signed" and (any(m.actor == "AES" for m in local) or "confederation" in sf):
        return [("AES", c, (True, True)) for c in dict.fromkeys(m.host for m in hosts)] or []
    genitive = GENITIVE_AFTER.match(sf, t.end)
    owner = next((m for m in pool if genitive and t.end <= m.start <= t.end + 60), None)
    if owner is not None:  # "the departure of French special forces"
        actor, explicit = owner.actor, True
    elif pool:
        subject_like = kind not in ("agreement_revoked", "expulsion_ordered", "agreement_signed")
        lo, hi = trg.clause(sf, t, before=len(sf), after=len(sf))
        in_clause = [m for m in pool if lo <= m.start < hi]
        # A clause without its own subject ("..., and at times had 1,100 troops") shares
        # the sentence's first one.
        pool = in_clause or ([min(pool, key=lambda m: m.start)] if subject_like else pool)

        def rank(m):
            penalty = 60 if subject_like and SUBORDINATE_BEFORE.search(sf[max(0, m.start - 25):m.start]) else 0
            return (_distance(m.start, m.end, t.start, t.end) + penalty, m.start > t.start)
        actor, explicit = min(pool, key=rank).actor, True
    else:
        actor = ctx.previous_actor or ctx.dominant_actor
        explicit = False
    if actor is None:
        return []
    force_host = next((force_country(m.force) for m in local if m.force and m.actor == actor), None)
    if kind == "presence_reported" and len({m.host for m in hosts}) > 1:
        after = [m for m in hosts if m.start >= t.start] or hosts
        return [(actor, c, (explicit, True)) for c in dict.fromkeys(m.host for m in after)]
    country, c_explicit = _country(t, hosts, ctx, fallback=force_host, sf=sf)
    return [(actor, country, (explicit, c_explicit))]


def _leaves_ecowas(t: trg.Trigger, sf: str, local: list[Mention]) -> bool:
    """Sahel states leaving the regional bloc: the actor is their alliance, not ECOWAS."""
    if not t.event_type.startswith("withdrawal"):
        return False
    return any(m.actor == "ECOWAS" and 0 <= m.start - t.end <= 40 for m in local)


def _country(t: trg.Trigger, hosts: list[Mention], ctx: _Context,
             fallback: Optional[str] = None, sf: str = "") -> tuple[Optional[str], bool]:
    if sf:
        leaving = t.event_type.startswith("withdrawal")
        skip = DESTINATION_BEFORE if leaving else TRANSIT_BEFORE
        hosts = [m for m in hosts if not skip.search(sf[max(0, m.start - 40):m.start])]
    if hosts:
        best = min(hosts, key=lambda m: (_distance(m.start, m.end, t.start, t.end), m.start < t.start))
        return best.host, True
    return (fallback or ctx.dominant_country), bool(fallback)


def _border_actor(t, sf, local, juntas, ctx) -> tuple[Optional[str], bool]:
    """Who closes or opens: the first actor named as a subject (not after 'with'/'avec')."""
    subjects = [m for m in local if m.actor in BORDER_ACTORS
                and not OBJECT_BEFORE.search(sf[max(0, m.start - 12):m.start])]
    junta_cue = [(j.start(), None) for j in juntas]
    before = sorted([(m.start, m.actor) for m in subjects if m.start < t.start] + junta_cue)
    # After the trigger only an agent ("closed by Benin") or the border's owner ("la
    # frontière béninoise") says who acts.
    after = sorted([(m.start, m.actor) for m in subjects if m.start >= t.start
                    and (PASSIVE_AGENT_BEFORE.search(sf[max(0, m.start - 12):m.start])
                         or m.start <= t.match_end + 12)])
    for pos, actor in before + after:
        if actor is None:  # "the junta": the host state, resolved by the caller
            return None, True
        return actor, True
    # No subject: a border "with Benin" is the host's own; one "with Mali" is the bloc's.
    if any(m.actor in ("Benin", "Nigeria") and OBJECT_BEFORE.search(sf[max(0, m.start - 12):m.start])
           for m in local):
        return None, False
    return (ctx.dominant_bloc, False) if ctx.dominant_bloc else (None, False)


def _pick_date(t: trg.Trigger, by_trigger: dict, sf: str, ctx: _Context):
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


def _force(t, actor, country, local, date) -> Optional[str]:
    if t.event_type not in PRESENCE_TYPES or actor is None:
        return None
    named = [m for m in local if m.force and m.actor == actor]
    if named:
        return min(named, key=lambda m: _distance(m.start, m.end, t.start, t.end)).force
    return default_force(actor, country, date)


def _place(t, local, sf: str = "") -> Optional[str]:
    dl = DATELINE.match(sf)
    # The dateline city says where the story was filed, not where the event happened.
    places = [m for m in local if m.location and not (dl and m.end <= dl.end())]
    if not places:
        return None
    return min(places, key=lambda m: _distance(m.start, m.end, t.start, t.end)).location


def _deduplicate(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per (country, actor, type, commodity, date); an undated one is dropped
    when the same event is also found with a date."""
    best: dict[tuple, Candidate] = {}
    for c in cands:
        key = (c.country, c.actor, c.event_type, c.commodity, c.date)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    dated = {k[:4] for k, c in best.items() if c.date}
    kept = [c for k, c in best.items() if c.date or k[:4] not in dated]
    kept.sort(key=lambda c: (c.evidence_start, c.event_type))
    return kept
