"""One sentence read into candidate events: its triggers (less those the guards drop), who
and where for each, its date and troop figure, a confidence, and the context the next
sentences read (the last actor, host, bloc, day and dated events)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from dashboard.ingest.extract import triggers as trg
from dashboard.ingest.extract.across_sentences import ACCORD_WORD, accords_of_year, gapped_events, since_kind
from dashboard.ingest.extract.candidate import Candidate
from dashboard.ingest.extract.context import BLOCS, Context
from dashboard.ingest.extract.dates import find_dates, plausible_event
from dashboard.ingest.extract.event_dates import nearest, pick_date
from dashboard.ingest.extract.gazetteer import Mention
from dashboard.ingest.extract.guards import ENVOY_WORDS, resolve_triggers
from dashboard.ingest.extract.numbers import _COMMODITY as COMMODITY
from dashboard.ingest.extract.numbers import _commodity_name as commodity_name
from dashboard.ingest.extract.numbers import (
    carries_percent,
    could_be_price,
    find_prices,
    find_troops,
    parse_number,
)
from dashboard.ingest.extract.repeated_events import followed_event, names_a_follower, repeated_events
from dashboard.ingest.extract.roles import (
    BORDER_TYPES,
    PRESENCE_TYPES,
    SANCTION_TYPES,
    force_of,
    note_host,
    place_of,
    who_where,
)
from dashboard.ingest.extract.tenses import PLUPERFECT_OR_PAST
from dashboard.ingest.extract.timeline import (
    is_background,
    note_timeline,
    sentence_dates,
    timeline_anchor,
    year_hint,
)
from dashboard.ingest.extract.window import before
from dashboard.records import vocab

# "trained more than 20,000 Malian soldiers": those trained, not the force's strength.
TRAINED_BEFORE = re.compile(
    r"\b(?:trained|trains|training|formed|forme|formes|formees|a forme|ont forme|instruit)\s++"
    r"(?:[a-z,]+\s++){0,3}$|"
    # "with a ceiling of 470 soldiers", "un plafond de 470 militaires": a cap, not a count
    r"\b(?:ceiling|cap|plafond|limit|limite)\s++(?:of|de|d')\s*+(?:[a-z]+\s++)?$"
)
# A presence phrase that opens with its figure: "157 restaient", "about 300 remained".
LEADING_FIGURE = re.compile(r"(\d{1,3}(?:[ ,.]\d{3})++|\d++)\s")
# "gave the troops a month to leave": the notice that goes with a denunciation.
NOTICE = re.compile(r"\b(?:gave|given|giving|donn\w*|accord\w*)\b")

BARE_SIGNED = re.compile(r"signed|concluded|reached|struck|signee?s?|conclue?s?")

SIGN_AUX = re.compile(
    r"\b(?:was|were|has been|had been|have been|a ete|ont ete|avait ete|avaient ete|"
    r"been|ete)\s+$"
)


STATES = frozenset(("Benin", "Nigeria", "Niger", "Mali", "Burkina Faso"))


def note_bloc(mentions: list[Mention], ctx: Context) -> None:
    blocs = [m.actor for m in mentions if m.actor in ("ECOWAS", "WAEMU")]
    ctx.bloc_just_named = bool(blocs)
    if blocs:
        ctx.previous_bloc = blocs[-1]
    for m in mentions:  # the sentence's first actor, if a state ("Le Bénin n'a pas tardé.")
        if m.actor and m.kind in ("actor", "country"):
            ctx.previous_state = m.actor if m.actor in STATES else None
            break


# "after the departure of", "depuis le retrait de": an event named as a landmark.
LANDMARK_BEFORE = re.compile(
    r"\b(?:after|since|following|before|apres|depuis|avant|suite a)\s++(?:the\s++|le\s++|la\s++|l'|leur\s++|"
    r"their\s++|its\s++|son\s++|sa\s++)?(?:final\s++|dernier\s++)?$"
)


def _named_in_passing(sf: str, t: trg.Trigger) -> bool:
    """An event noun after "after", "since" and the like, which the text does not date."""
    return bool(trg.EVENT_NOUN.fullmatch(sf, t.start, t.end)) and bool(
        before(LANDMARK_BEFORE, sf, t.start, 30)
    )


def _price_fields(prices) -> list[dict]:
    """The price fields of each commodity a price trigger stands for ({} for other events)."""
    if not prices:
        return [{}]
    return [
        dict(
            commodity=p.commodity,
            price_value=p.value,
            price_previous=p.previous,
            unit=p.unit,
            currency=p.currency,
            change_pct=p.change_pct,
        )
        for p in prices
    ]


def note_told(dates: list, ctx: Context) -> None:
    """The last date told as an event's or a report's, with a day or a month."""
    told = [d for d in dates if d.kind in ("event", "report") and d.precision in ("day", "month")]
    if told:
        ctx.last_told = (told[-1].date, told[-1].precision)


def _followed(sf: str, start: int, end: int, mentions: list[Mention], dates: list, ctx: Context) -> list:
    """ "Gossi followed in April": the last event again, told by this sentence."""
    local = [shift_mention(m, -start) for m in mentions]
    got = followed_event(sf, local, dates, ctx.last_event)
    return [replace(c, evidence_start=start, evidence_end=end) for c in got]


def frame_of(dates: list, ctx: Context) -> tuple | None:
    """A sentence of no event that tells one date with its year sets the frame of the next."""
    if len(dates) != 1 or dates[0].kind not in ("event", "report") or dates[0].year_from != "text":
        return None
    return (dates[0].date, dates[0].precision, ctx.paragraph)


def shift_mention(m: Mention, delta: int) -> Mention:
    return Mention(m.start + delta, m.end + delta, m.kind, m.actor, m.force, m.country, m.location)


_RANK = {"year": 0, "month": 1, "day": 2}


def read_sentence(
    text: str, folded: str, start: int, end: int, mentions: list[Mention], ctx: Context
) -> list[Candidate]:
    sf = folded[start:end]
    mentions = [m for m in mentions if m.end <= end]
    hint = year_hint(sf, ctx)
    anchor = timeline_anchor(sf, ctx, hint)
    question = sf.rstrip().endswith("?")  # a question states nothing (its answer may)
    words = trg.WORD.findall(sf)
    wanted = trg.candidate_types(sf, words)
    carried = ctx.last_commodity
    ctx.last_commodity = None
    named_commodity = could_be_price(sf, words)
    priced = named_commodity or bool(carried and ("cfa" in sf or "franc" in sf or carries_percent(sf)))
    raw = trg.find_triggers(sf, wanted=wanted) if wanted and not question else []
    accords = accords_of_year(sf, ctx.published) if not question and ACCORD_WORD.search(sf) else {}
    if not raw and not priced and not accords:
        # No trigger matches and no price is named: no candidate, only the context the
        # next sentences read (the same updates as below, without the per-trigger work).
        # (The last price date is kept: a sentence that tells nothing, "La tendance est
        # encore plus nette pour les autres produits.", does not end the price report.)
        presence = [m.actor for m in mentions if m.actor in vocab.PRESENCE_ACTORS and m.actor not in BLOCS]
        if presence:
            ctx.previous_actor = presence[-1]
        note_bloc(mentions, ctx)
        note_host(sf, [shift_mention(m, -start) for m in mentions], ctx)
        ctx.previous_envoy = not ENVOY_WORDS.isdisjoint(words)
        told = find_dates(sf, ctx.published, year_hint=hint, words=words, anchor=anchor)
        note_timeline(sf, told, ctx, frame_only=True)
        days = [d for d in told if d.kind in ("event", "report") and d.precision == "day"]
        if days:
            ctx.last_day, ctx.last_day_paragraph = days[-1], ctx.paragraph
        note_told(told, ctx)
        ctx.frame = frame_of(told, ctx) if told else None
        if ctx.last_event is not None and ("follow" in sf or "suivi" in sf or "emboit" in sf):
            return _followed(sf, start, end, mentions, told, ctx)
        return []
    local = [shift_mention(m, -start) for m in mentions]
    dates = find_dates(sf, ctx.published, year_hint=hint, words=words, anchor=anchor)
    note_timeline(sf, dates, ctx)
    found = resolve_triggers(sf, raw, ctx.previous_envoy, local)
    if accords and not any(t.event_type in ("agreement_signed", "agreement_revoked") for t in found):
        found.extend(accords)
        found.sort(key=lambda t: t.start)
    ctx.previous_envoy = not ENVOY_WORDS.isdisjoint(words)
    prices = find_prices(sf, carried) if named_commodity or carried else []
    price_of: dict = {}  # trigger -> its prices (two for "both super and diesel at 1,300")
    for price in prices:
        t = trg.Trigger("price_change", price.start, price.end, price.start, price.end)
        if t not in price_of:
            found.append(t)
        if price.commodity not in {p.commodity for p in price_of.get(t, ())}:
            price_of.setdefault(t, []).append(price)
    if not prices and named_commodity:
        named = {commodity_name(m) for m in COMMODITY.finditer(sf)}
        ctx.last_commodity = named.pop() if len(named) == 1 else None
    elif prices and named_commodity and all(p.commodity == prices[0].commodity for p in prices):
        # "Le gasoil est passé à 760 francs. Il atteignait 889 francs en juillet.": the
        # next figure alone is the same good's.
        ctx.last_commodity = prices[0].commodity
    dates = [d for d in dates if d.kind != "dateline"]
    by_trigger = nearest(found, dates, sf)
    whole = sentence_dates(sf, dates)
    presence_found = [t for t in found if t.event_type in PRESENCE_TYPES]
    figures = (
        [f for f in find_troops(sf) if not before(TRAINED_BEFORE, sf, f.start, 30)] if presence_found else []
    )
    troops_by = nearest(presence_found, figures, sf) if figures else {}
    candidates: list[Candidate] = []
    passing: list[trg.Trigger] = []
    for t in found:
        for actor, country, explicit in who_where(t, sf, local, ctx):
            if t in accords:
                date, precision, dated = accords[t], "year", "sentence"
            else:
                date, precision, dated = pick_date(t, by_trigger, sf, ctx, whole)
                if t.event_type == "presence_reported" and dated == "sentence" and date is not None:
                    since = since_kind(sf, t, date, dates, counted=bool(troops_by.get(t)))
                    if since:  # "deployed there since late 2021", "had a base there since 2019"
                        t = trg.Trigger(since, t.start, t.end, t.match_start, t.match_end)
            if (
                t.event_type == "agreement_signed"
                and t.start > t.match_start
                and BARE_SIGNED.fullmatch(sf, t.start, t.end)
                and not before(SIGN_AUX, sf, t.start, 16)
                and not any(h.kind in ("event", "reference") for h in by_trigger.get(t, []))
                and not any(0 <= h.start - t.end <= 25 for h in dates)
            ):
                break  # "the accords concluded with France": named, not signed here
            if (
                t.event_type == "expulsion_ordered"
                and NOTICE.match(sf, t.match_start)
                and (actor, country) in ctx.revoked
                and not any(o.event_type == "agreement_revoked" for o in found)
            ):
                continue  # "The denunciation gave them a month to go": the notice told before
            if date is None and t.event_type in PRESENCE_TYPES and _named_in_passing(sf, t):
                passing.append(t)
                continue  # "un an après le départ des forces spéciales": an undated reference
            if date is not None and not plausible_event(date):
                date = precision = dated = None  # before 1960 or in the future: no date
            figure = troops_by.get(t, [])
            troops = figure[0].value if figure and t.event_type in PRESENCE_TYPES else None
            lead = LEADING_FIGURE.match(sf, t.match_start) if t.event_type == "presence_reported" else None
            if lead is not None:  # "1 346 étaient partis et 157 restaient": the figure that remains
                troops = parse_number(lead.group(1)) or troops
            force = force_of(t, actor, country, local, date)
            place = place_of(t, local, sf)
            conf = 0.35 + (0.25 if explicit[0] else 0.1) + (0.1 if explicit[1] else 0.0)
            conf += {"sentence": 0.15, "context": 0.05, "published": -0.05}.get(dated, 0.0)
            conf += 0.05 if troops else 0.0
            weak_date = dated == "published"
            for extra in _price_fields(price_of.get(t) if t.event_type == "price_change" else None):
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
                        background=is_background(t, sf, date, precision, ctx),
                        **extra,
                    )
                )
                if weak_date:
                    ctx.weak[id(candidates[-1])] = candidates[-1]
    candidates += gapped_events(sf, found, candidates, local, dates)
    if len(dates) > 1 and candidates:
        candidates += repeated_events(sf, found, candidates, local, dates)
    follows = names_a_follower(sf)
    again = []
    if follows and candidates:
        # "La levée intervient le 3 juillet ; l'UEMOA suit le 8": this sentence's event again
        last = candidates[-1]
        again = [
            c for c in followed_event(sf, local, dates, last) if (c.actor, c.date) != (last.actor, last.date)
        ]
    if again:
        candidates += again
    elif follows and ctx.last_event is not None:
        if not any(c.event_type == ctx.last_event.event_type for c in candidates):
            candidates += _followed(sf, start, end, mentions, dates, ctx)
    # The force of an event named in passing is not the one the next sentences speak of.
    presence = [
        m.actor
        for m in local
        if m.actor in vocab.PRESENCE_ACTORS
        and m.actor not in BLOCS
        and not any(p.start <= m.start <= p.end + 60 for p in passing)
    ]
    if presence:
        ctx.previous_actor = presence[-1]
    acting = [
        c.actor
        for c in candidates
        if c.actor in vocab.PRESENCE_ACTORS and c.event_type not in SANCTION_TYPES | BORDER_TYPES
    ]
    if acting:  # "their commander handed over the camp": the force the last sentence was about
        ctx.previous_actor = max(dict.fromkeys(acting), key=acting.count)
    note_bloc(local, ctx)
    note_host(sf, local, ctx)
    ctx.revoked.update((c.actor, c.country) for c in candidates if c.event_type == "agreement_revoked")
    note_told(dates, ctx)
    ctx.frame = None
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
        ctx.last_day, ctx.last_day_paragraph = (
            days[-1],
            ctx.paragraph,
        )  # "By Dec. 13, 157 were still there. Nine days later ..."
    for c in candidates:
        if c.date and c.event_type != "price_change":
            old = ctx.event_dates.get(c.event_type)
            if old is None or _RANK[c.date_precision] >= _RANK[old[1]]:
                ctx.event_dates[c.event_type] = (dt.date.fromisoformat(c.date), c.date_precision)
    if candidates:
        ctx.last_event = candidates[-1]
    priced = [c for c in candidates if c.event_type == "price_change" and c.date]
    ctx.last_price_date = (
        (dt.date.fromisoformat(priced[-1].date), priced[-1].date_precision) if priced else None
    )
    return candidates
