"""Who imposes or lifts sanctions and who closes or reopens a border: the bloc or state
named as the subject (not one named after "with"), the host for "the junta" or for "the
country's own borders", else the bloc the text named last."""

from __future__ import annotations

import re

from dashboard.ingest.extract import triggers as trg
from dashboard.ingest.extract.context import BLOCS, Context
from dashboard.ingest.extract.gazetteer import HOST_ACTOR, Mention
from dashboard.ingest.extract.window import before

SANCTION_ACTORS = (
    "ECOWAS",
    "WAEMU",
    "United States",
    "European Union",
    "United Nations",
    "France",
    "Nigeria",
    "Benin",
    "JNIM",
)

# "regional sanctions", "les sanctions ouest-africaines": a bloc's, whoever was named before.
REGIONAL = re.compile(r"\b(?:regional|regionales?|west african|ouest-africaine?s?|sous-regionales?)\b")

BORDER_ACTORS = frozenset(("Benin", "Nigeria", "ECOWAS", "WAEMU", "AES") + tuple(HOST_ACTOR.values()))

# Words for the ruling soldiers: they stand for the host state ("the junta closed ...").
JUNTA = re.compile(
    r"\b(?:junta|junte|putschistes?|putschists?|military government|"
    r"military rulers|regime militaire|militaires au pouvoir|military council|"
    r"soldiers in power|military authorities|autorites militaires|transitional authorities|"
    r"autorites de (?:la )?transition)\b"
)

OBJECT_BEFORE = re.compile(
    r"(?:\bwith|\bavec|\bfrom|\bde|\bdu|\bd'|\bof|\bon|\bau|\bagainst|"
    r"\bcontre)\s*(?:the\s+|le\s+|la\s+|l')?$"
)

PASSIVE_AGENT_BEFORE = re.compile(r"\b(?:by|par)\s+(?:the\s+|le\s+|la\s+|l')?$")

# "the country's land and air borders", "ses frontières": the host's own borders.
OWN_BORDER_BEFORE = re.compile(
    r"\b(?:the country's|the nation's|its|their|ses|leurs|sa|son|the junta's)\s++(?:[a-z]++\s++){0,3}$"
)

BLOC_WORDS = re.compile(r"\b(?:organisation|organization|bloc|measures|mesures|sanctions|summit|sommet)\b")
# A state's whole frontier, named without a neighbour: its own.
LAND_AND_AIR = re.compile(r"\b(?:land and air (?:borders|frontiers)|frontieres terrestres et aeriennes)\b")

WITH_WORD = re.compile(r"\b(?:with|avec|entre|between)\s")

WITH_BEFORE = re.compile(r"\b(?:with|avec)\s++(?:the\s++|le\s++|la\s++|l')?$")

LIST_SEPARATOR = re.compile(r",|\band\b|\bet\b")


def in_list_after_with(sf: str, m: Mention) -> bool:
    """ "the frontiers with Algeria, Burkina Faso, Mali and Chad": a name further down a
    list opened by "with" is a neighbour, not the one acting."""
    lo = max(0, m.start - 80)
    last = None
    for w in WITH_WORD.finditer(sf, lo, m.start):
        last = w
    if last is None:
        return False
    parts = LIST_SEPARATOR.split(sf[last.end() : m.start])
    return len(parts) > 1 and all(len(p.split()) <= 3 for p in parts)


# "les chefs d'État de la Cédéao ont fermé": the bloc of its leaders is the subject.
LEADERS_OF_BEFORE = re.compile(
    r"\b(?:leaders?|heads? of state|chefs? d'etat|dirigeants?|ministres?|ministers?|summit|sommet|"
    r"members?|membres?|presidents?|commission)\s++(?:of|de|du|des)\s*+(?:the\s++|la\s++|l')?$"
)

# A capital as the subject stands for its state in a measure: "Niamey reopened the border".
CAPITAL_STATE = {
    "niamey": "Niger",
    "bamako": "Mali",
    "ouagadougou": "Burkina Faso",
    "cotonou": "Benin",
    "abuja": "Nigeria",
}
PLACE_BEFORE = re.compile(
    r"\b(?:at|in|a|au|aux|de|d'|du|from|to|near|vers|of|with|avec|via|par|sur|on|entre|between)\s*+$"
)


def capital_subjects(sf: str, local: list[Mention]) -> list[Mention]:
    """Capitals named as the subject of the sentence, given their state as the actor."""
    out = []
    for m in local:
        state = CAPITAL_STATE.get(sf[m.start : m.end])
        if state and m.kind == "place" and not PLACE_BEFORE.search(sf, max(0, m.start - 12), m.start):
            out.append(Mention(m.start, m.end, m.kind, state, m.force, m.country, m.location))
    return out


# A pronoun as the subject of the measure: the state the last sentence named.
PRONOUN_SUBJECT = re.compile(r"\b(?:il|elle|it)\s++(?:[a-z']+\s++){0,2}$")

# ", qui a ordonné ...", ", which ordered ...": the relative clause's subject is the name before it.
RELATIVE_SUBJECT = re.compile(r"\s*+,?\s*+(?:qui|which|who|that)\b")


def border_actor(t, sf, local, ctx) -> tuple[str | None, bool]:
    """Who closes or opens: the first actor named as a subject (not later 'with'/'avec')."""
    subjects = [
        m
        for m in local + capital_subjects(sf, local)
        if m.actor in BORDER_ACTORS
        and (
            not OBJECT_BEFORE.search(sf[max(0, m.start - 12) : m.start])
            or before(LEADERS_OF_BEFORE, sf, m.start, 40)
        )
        and not in_list_after_with(sf, m)
    ]
    blocs_before = any(m.actor in BLOCS and m.start < t.start for m in subjects)
    if not blocs_before and before(OWN_BORDER_BEFORE, sf, t.match_start, 40):
        return None, True  # "the country's land and air borders are closed": the host's own
    own = LAND_AND_AIR.search(sf) if t.event_type == "border_closed" else None
    if (
        own
        and not any(m.actor in BLOCS for m in subjects)
        and not WITH_WORD.search(sf, own.end())
        and not BLOC_WORDS.search(sf)
    ):
        return None, True  # "The land and air borders have been closed" (with no one, in no bloc's terms)
    # "the junta" stands for the host only when no bloc is the one acting ("ECOWAS ordered
    # its members to close their borders with the junta-led country").
    junta_cue = [] if blocs_before else [(j.start(), None) for j in JUNTA.finditer(sf, 0, t.start)]
    earlier = sorted([(m.start, m.actor) for m in subjects if m.start < t.start] + junta_cue)
    # After the trigger only an agent ("closed by Benin") or the border's owner ("la
    # frontière béninoise") says who acts.
    later = sorted(
        [
            (m.start, m.actor)
            for m in subjects
            if m.start >= t.start
            and (
                PASSIVE_AGENT_BEFORE.search(sf[max(0, m.start - 12) : m.start]) or m.start <= t.match_end + 12
            )
        ]
    )
    for m in reversed([m for m in local if m.actor in BORDER_ACTORS and m.end <= t.start]):
        rel = RELATIVE_SUBJECT.match(sf, m.end)
        if rel and not trg.CLAUSE.search(sf, rel.end(), t.start):
            return m.actor, True  # "les sanctions de la Cédéao, qui a ordonné la fermeture": its antecedent
    for _pos, actor in earlier + later:
        if actor is None:  # "the junta": the host state, resolved by the caller
            return None, True
        return actor, True
    if ctx.previous_state and before(PRONOUN_SUBJECT, sf, t.match_start, 30):
        return ctx.previous_state, False  # "Le Bénin n'a pas tardé. Il a rouvert sa frontière"
    # No subject: a border "with Benin" is the host's own; one "with Mali" is the bloc's.
    if any(
        m.actor in ("Benin", "Nigeria") and OBJECT_BEFORE.search(sf[max(0, m.start - 12) : m.start])
        for m in local
    ):
        return None, False
    bloc = bloc_referred(sf, ctx)
    return (bloc, False) if bloc else (None, False)


# "the organisation", "le bloc": the bloc the text named last.
BLOC_NOUN = re.compile(r"\b(?:organisation|organization|bloc|the body|institution)\b")


def bloc_referred(sf: str, ctx: Context) -> str | None:
    if ctx.previous_bloc and (ctx.bloc_just_named or BLOC_NOUN.search(sf)):
        return ctx.previous_bloc  # "The ECOWAS summit has decided. Member states are to close ..."
    return ctx.dominant_bloc or ctx.previous_bloc
