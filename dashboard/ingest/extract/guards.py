"""Precision guards: which triggers of a sentence report no event. Negated, hedged, planned
or demanded events, states rather than changes ("the crossings stay shut"), references to
an event told before ("this withdrawal"), goods rather than troops arriving, envoys rather
than troops sent home, forces described rather than moved. Generic withdrawal words get
their phase (announced, started, completed) here."""

from __future__ import annotations

import re

from dashboard.ingest.extract import triggers as trg
from dashboard.ingest.extract.window import after, before

# "left in the country", "left behind": the ones who stay, not a departure.
LEFT_IN = re.compile(
    r"left\s++(?:behind|over|there|(?:in|on)\s++(?!(?:the\s++)?(?:early|late|mid|end|summer|winter|spring|"
    r"autumn|january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d)))"
)

# "ont quitté le camp", "left the base": what is left is a site, not the country.
LEFT_BASE = re.compile(
    r"\s++(?:the\s++|le\s++|la\s++|l')?(?:camp|base|site|emprise|compound|garrison|garnison)\b"
)

# A present participle: "operating", "patrolling", "opérant".
PARTICIPLE = re.compile(r"[a-z]+(?:ing|ant)")
# The report of the event is denied later in the sentence.
DENIED_AFTER = re.compile(
    r"\b(?:(?:was|were|has been|have been|a ete|ont ete|avait ete|avaient ete)\s++(?:flatly\s++|formellement\s++)?"
    r"(?:denied|dementie?s?|rejected as false)|denied by|dementie?s? par)\b"
)
# Crowds, not a government: their demand for a departure is no order.
CROWD_BEFORE = re.compile(
    r"\b(?:protesters|demonstrators|crowds?|marchers|rall(?:y|ies)|activists|students|manifestants|foules?|"
    r"militants|etudiants|societe civile|civil society|demonstration|manifestation)\b[^.;]{0,80}$"
)
# "might", "could", "pourrait" right before the verb: what may happen.
SPECULATION_BEFORE = re.compile(r"\b(?:might|could|may|pourrai\w*|pourrait)\s++(?:[a-z]+\s++)?$")
AMBASSADOR = re.compile(r"\b(?:ambassadors?|ambassadeurs?|diplomats?|diplomates?|envoys?)\b")
# The same words, for a test on a sentence's word list (no scan of the text).
ENVOY_WORDS = frozenset(
    "ambassador ambassadors ambassadeur ambassadeurs diplomat diplomats diplomate diplomates envoy envoys".split()
)

# "Quand les frontières sont fermées, ...": a condition told in the present, no event.
WHENEVER = re.compile(
    r"\b(?:when|whenever|quand|lorsque|chaque fois que)\s++(?:the\s+|les\s+|la\s+|le\s+)?[a-z' ]{0,30}?"
    r"\b(?:are|is|sont|est)\s++$"
)

# Goods, not troops, arrive: "through which much of the food arrives", "où le carburant arrive".
GOODS_BEFORE = re.compile(
    r"\b(?:food|fuel|goods|imports?|supplies|merchandise|products|rice|grain|"
    r"vivres|marchandises|carburant|denrees|produits|importations|convois? de vivres)\b"
    r"[^.;,]{0,40}+$"
)

LOCATIVE_AFTER = re.compile(r"(?:\s++[a-z0-9]++){0,2}?\s++(?:in|at|a|au|aux|en|on|to)\b")

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

# "a quiet ending to a deployment", "la fin du déploiement": the noun names an event ended.
ENDED_NOUN_BEFORE = re.compile(
    r"\b(?:end|ending|close|fin|terme)\s+(?:to|of|d'|de|du|des|a)\s*(?:a|an|the|its|un|une|la|le|"
    r"l'|son|sa|ce|cette)?\s*+(?:[a-z]+\s+)?$"
)

DEMONSTRATIVE_BEFORE = re.compile(r"\b(?:ce|cet|cette|ces|this|that|these|those)\s+$")

BARE_DEPLOYED_BEFORE = re.compile(r"(?:\d|\b(?:troops|soldiers|forces|personnel|men|servicemen))\s+$")

# Arrival words whose place is a state outside the Sahel: troops (or evacuees) going home.
ARRIVAL = re.compile(r"landed|arriv\w*|atterri\w*")

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

# Words within some characters before a trigger that say it reports no event of its type.
# "n'a jamais précisé la date à laquelle ses soldats ont quitté le pays", "would not say
# when its troops left": a date kept back, the event told elsewhere if at all.
UNSAID_WHEN_BEFORE = re.compile(
    r"\b(?:la date a laquelle|le jour ou|the date (?:on which|when)|when exactly|quand exactement|"
    r"(?:not|never|refus\w*|declin\w*) (?:to )?(?:say|said|disclose\w*|specif\w*|indicate\w*) when)\b[^.;]{0,60}+$"
)

WORDS_BEFORE: tuple[tuple[frozenset, re.Pattern, int], ...] = (
    (frozenset({"withdrawal_completed", "deployment", "base_handed_over"}), UNSAID_WHEN_BEFORE, 90),
    (frozenset({"deployment"}), ENDED_NOUN_BEFORE, 30),  # "la fin du déploiement"
    (frozenset({"deployment"}), GOODS_BEFORE, 60),  # "where fuel arrives by road": goods
    (frozenset({"border_closed"}), STAY_BEFORE, 14),  # "the crossings stay shut": a state
    (frozenset({"border_closed"}), trg.UNDO_CLOSURE, 80),  # "lifted the closure of borders"
    (frozenset({"sanctions_imposed"}), UNDO_SANCTION, 16),  # "lever le gel des avoirs"
    (frozenset({"presence_reported"}), HQ_SUBJECT, 30),  # "its command is based in Niamey"
)


# WORDS_BEFORE by event type: each trigger only tries its own.
_WORDS_BEFORE_OF: dict[str, tuple] = {}
for _types, _pattern, _width in WORDS_BEFORE:
    for _type in _types:
        _WORDS_BEFORE_OF[_type] = _WORDS_BEFORE_OF.get(_type, ()) + ((_pattern, _width),)


def resolve_triggers(
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
        if DENIED_AFTER.search(sf, t.end):
            continue  # "reports that Russian troops had arrived were denied by the junta"
        if trg.is_negated(sf, t) or any(
            before(pattern, sf, t.start, width) for pattern, width in _WORDS_BEFORE_OF.get(event_type, ())
        ):
            continue
        if event_type.startswith("withdrawal") and LEFT_IN.match(sf, t.start):
            continue  # "the only soldiers left in the country": those who remain
        if (
            event_type == "withdrawal_completed"
            and LEFT_BASE.match(sf, t.end)
            and not after(trg.LEFT_WHAT_RE, sf, t.end, 60)
        ):
            continue  # "the last soldiers left the camp": a site vacated, the force stays
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
            and not before(ORDERED_TO, sf, t.start, 40)
        ):
            continue  # "will deploy", "authorised to deploy up to 470": not (yet) an event
        if event_type not in ("withdrawal_announced", "expulsion_ordered") and trg.is_hedged(sf, t):
            continue  # "could impose sanctions", "hope for a lifting": not an event
        if event_type == "expulsion_ordered" and before(CROWD_BEFORE, sf, t.match_start, 80):
            continue  # "protesters demanded the departure of French troops": a demand
        if event_type == "withdrawal_announced" and before(SPECULATION_BEFORE, sf, t.start, 20):
            continue  # "Washington might pull its troops out": speculation
        if event_type == "expulsion_ordered" and AMBASSADOR.search(
            sf, t.start, min(len(sf), t.match_end + 30)
        ):
            continue  # "expelled its ambassador": the envoy is the one told to go
        if (
            event_type == "expulsion_ordered"
            and (AMBASSADOR.search(sf) or previous_envoy)
            and not re.search(trg.TROOPS, sf)
        ):
            continue  # an envoy sent home (named here or just before) is no troop expulsion
        if event_type in ("border_closed", "border_reopened") and WHENEVER.search(
            sf, max(0, t.match_start - 30), t.start
        ):
            continue  # "when the borders are closed, the consumer pays": a general truth
        if (
            event_type == "border_closed"
            and CLOSURE_NOUN.fullmatch(sf, t.start, t.end)
            and (before(STATE_CAUSE_BEFORE, sf, t.start, 24) or after(STATE_GOES_ON, sf, t.end, 80))
        ):
            continue  # "disrupted by the closure of the borders": a state, not an event
        if (
            event_type == "deployment"
            and ANAPHORIC_NOUN.match(sf)
            and t.start < 25
            and after(REFERS_BACK, sf, t.end, 20)
        ):
            continue  # "The deployment comes a year after ...": the event of the last sentence
        if (
            event_type == "deployment"  # (a withdrawal word here has its phase already)
            and before(DEMONSTRATIVE_BEFORE, sf, t.start, 12)
            and trg.EVENT_NOUN.fullmatch(sf, t.start, t.end)
        ):
            continue  # "avec ce départ", "this withdrawal": the event told just before
        if event_type == "deployment" and adjectival(sf, t):
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
        if (
            event_type == "presence_reported"
            and before(RELATIVE_BEFORE, sf, t.start, 22)
            and any(o.event_type == "withdrawal" and o.start > t.end for o in found)
        ):
            continue  # "the 1,000 soldiers who were stationed there left": a force gone
        if (
            event_type == "presence_reported"
            and BARE_STATIONED.fullmatch(sf, t.start, t.end)
            and not before(STATION_AUX, sf, t.start, 30)
            and sf[: t.start].strip()
            and (trg.MODAL.search(sf) or any(o.event_type == "withdrawal" for o in found))
        ):
            continue  # "the soldiers stationed there will leave": a force on its way out
        if (
            event_type == "presence_reported"
            and sf[max(0, t.start - 3) : t.start].rstrip().endswith(",")
            and PARTICIPLE.fullmatch(sf, t.start, t.end)
            and any(o.event_type in ("deployment", "withdrawal") for o in found)
        ):
            continue  # "sent 100 personnel in 2013, operating from the air base": the force sent
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


def adjectival(sf: str, t: trg.Trigger) -> bool:
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
    return bool(before(BARE_DEPLOYED_BEFORE, sf, t.start, 30))
