"""Who acts and where: the actor, host country, force and place of one trigger.

A sentence rarely names everything, so the article as a whole (its dominant country and
foreign actor, the previous sentence's actor) fills what is left implicit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from dashboard.ingest.extract import triggers as trg
from dashboard.ingest.extract.dates import DATELINE, DateHit
from dashboard.ingest.extract.gazetteer import HOST_ACTOR, Mention, default_force, force_country
from dashboard.records import vocab

# Event types about a foreign force's presence: their actor is the foreign partner.
PRESENCE_TYPES = frozenset(vocab.EVENT_TYPES) - {"coup", "alliance_formed"}

SANCTION_TYPES = frozenset({"sanctions_imposed", "sanctions_lifted"})

BORDER_TYPES = frozenset({"border_closed", "border_reopened"})

SANCTION_ACTORS = (
    "ECOWAS",
    "WAEMU",
    "United States",
    "European Union",
    "United Nations",
    "France",
    "Nigeria",
    "Benin",
)

BLOCS = ("ECOWAS", "WAEMU")

BORDER_ACTORS = frozenset(("Benin", "Nigeria", "ECOWAS", "WAEMU", "AES") + tuple(HOST_ACTOR.values()))

# Words for the ruling soldiers: they stand for the host state ("the junta closed ...").
JUNTA = re.compile(
    r"\b(?:junta|junte|putschistes?|putschists?|military government|"
    r"military rulers|regime militaire|militaires au pouvoir|military council|"
    r"soldiers in power)\b"
)

OBJECT_BEFORE = re.compile(
    r"(?:\bwith|\bavec|\bfrom|\bde|\bdu|\bd'|\bof|\bon|\bau|\bagainst|"
    r"\bcontre)\s*(?:the\s+|le\s+|la\s+|l')?$"
)

# Hosts written as where troops go or pass through, not where the event happens.
DESTINATION_BEFORE = re.compile(
    r"\b(?:into|to|towards|toward|for|vers|pour|via|par|through|"
    r"rejoindre|en direction d[eu])\s+(?:the\s+|le\s+|la\s+|l')?"
    r"(?:neighbouring\s+|neighboring\s+|voisin\s+)?"
    r"(?:[\w'-]+,?\s+(?:et|and)\s+(?:the\s+|le\s+|la\s+|l')?)?$"
)

TRANSIT_BEFORE = re.compile(
    r"\b(?:via|par|through)\s+(?:the\s+|le\s+|la\s+|l')?"
    r"(?:[\w'-]+,?\s+){0,3}?(?:(?:et|and)\s+(?:the\s+|le\s+|la\s+|l')?)?$"
)

# A foreign actor named after "under", "with", "by" is rarely the one deploying or leaving.
SUBORDINATE_BEFORE = re.compile(
    r"\b(?:under|sous|with|avec|alongside|by|par|against|contre|"
    r"from|de|after|apres|like|comme|unlike)\s+(?:the\s+|le\s+|la\s+|l')?(?:[\w-]+\s+)?$"
)

GENITIVE_AFTER = re.compile(r"\s+(?:of|des|du|de la|de l'|de)\s")

PASSIVE_AGENT_BEFORE = re.compile(r"\b(?:by|par)\s+(?:the\s+|le\s+|la\s+|l')?$")

# States outside the tracked actors: named as the subject, they must not hand their event to
# the previous sentence's actor ("Denmark withdrew its trainers" is not France leaving).
OTHER_STATES = re.compile(
    r"\b(?:denmark|danish|danemark|danois\w*|sweden|swedish|suede|suedois\w*|norway|"
    r"norwegian|norvege|netherlands|dutch|pays-bas|neerlandais\w*|belgium|belgian|"
    r"belgique|belges?|spain|spanish|espagne|espagnol\w*|canada|canadian|canadien\w*|"
    r"britain|british|united kingdom|royaume-uni|britanniques?|china|chinese|chine|"
    r"chinois\w*|estonia|estonian|estonie|czech|tcheque\w*|portugal|portuguese|"
    r"romania|roumanie|hungary|hongrie|austria|autriche|ireland|irlande|chad|chadian|"
    r"tchad|tchadien\w*|togo|togolese|togolais\w*|senegal|senegalese|senegalais\w*|"
    r"ghana|ghanaian|algeria|algerian|algerie|algerien\w*|morocco|maroc|mauritania|"
    r"mauritanie|japan|japon|india|inde|pakistan|egypt|egypte|rwanda|rwandan|"
    r"bangladesh|sri lanka)\b"
)

# "the airfield that until last year hosted American soldiers": a relative clause opened
# after the trigger speaks of something else.
RELATIVE_AFTER = re.compile(
    r"\b(?:that|which|where|whose|qui|que|dont|ou|laquelle|lequel|lesquel\w*|"
    r"auquel|auxquel\w*|a laquelle)\b"
)

# "le millier de soldats américains": the actor qualifies the troops, it is no complement.
TROOP_WORD_BEFORE = re.compile(
    r"\b(?:de|of)\s+(?:troops|soldiers|forces|soldats|militaires|troupes|"
    r"instructeurs|instructors)\s+$"
)

# "neighbouring Mali", "le Mali voisin": a country next door, not where it happens.
NEIGHBOUR_BEFORE = re.compile(r"\b(?:neighbouring|neighboring|nearby)\s+$")
NEIGHBOUR_AFTER = re.compile(r"\s+voisin\b")
# A sentence opened by a subordinate clause, up to its comma.
LEADING_CLAUSE = re.compile(
    r"\s*+(?:after|before|when|since|following|once|apres|avant|lorsque|quand|"
    r"depuis que|des que|une fois)\b[^,;:]{3,120}+,"
)

# "leur retrait de l'organisation régionale": leaving the bloc, told by what it is.
ORG_EXIT = re.compile(r"\b(?:de|from)\s+(?:l'|the\s+)(?:organisation|organization|bloc)\b")

ALL_THREE = re.compile(r"\b(?:three|trois|aes)\b")


@dataclass
class Context:
    """What the article as a whole says, for sentences that leave something implicit."""

    published: dt.date | None
    dominant_country: str | None
    dominant_actor: str | None
    dominant_bloc: str | None
    last_day: DateHit | None = None
    previous_actor: str | None = None
    last_commodity: str | None = None
    # The latest (date, precision) of each event type, for "two months after the coup".
    event_dates: dict = field(default_factory=dict)
    last_price_date: tuple | None = None
    original_published: dt.date | None = None
    previous_envoy: bool = False
    # ids of candidates dated only by the publication day (a present perfect, "now"): the
    # same event dated by the text itself a few days earlier is the one kept.
    weak: dict = field(default_factory=dict)  # id -> the candidate itself
    # The day of the live blog's heading the sentence sits under, if any.
    blog_day: dt.date | None = None
    # The last bloc named, for "the organisation", "the bloc" in the next sentences.
    previous_bloc: str | None = None
    previous_host: str | None = None
    # The story's running timeline: (the last date the text told with its year, or read in
    # that timeline, the paragraph it was told in); None after a date read against the
    # publication day ("on Tuesday"). A yearless "le 14 décembre" is read near it.
    narrative: tuple | None = None
    paragraph: int = 0


def context_of(mentions: list[Mention], title_mentions: list[Mention], published: dt.date | None) -> Context:
    """The article's most named host country, foreign actor and bloc (title counts x3)."""
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
    return Context(published, _top(hosts), _top(actors, unique=True), _top(blocs))


def _top(counter: Counter, unique: bool = False) -> str | None:
    ranked = counter.most_common(2)
    if not ranked:
        return None
    if unique and len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # two foreign actors as prominent: do not guess between them
    return ranked[0][0]


def distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters between two spans (0 when they overlap)."""
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0


def who_where(t: trg.Trigger, sf: str, local: list[Mention], ctx: Context):
    """(actor, country, (actor_explicit, country_explicit)) for each event the trigger
    stands for: usually one, several when an alliance or a list of countries is named."""
    kind = t.event_type
    hosts = [m for m in local if m.host]
    juntas = [mm for mm in JUNTA.finditer(sf)]
    if kind == "price_change":
        country, explicit = _country(t, hosts, ctx, sf=sf)
        return [(None, country, (True, explicit))]
    if kind == "coup":
        if sf[t.start : t.end].startswith("coups") and ALL_THREE.search(sf):
            return [(HOST_ACTOR[c], c, (True, True)) for c in vocab.COUNTRIES]
        country, explicit = _country(t, hosts, ctx, sf=sf)
        return [(HOST_ACTOR[country], country, (explicit, explicit))] if country in HOST_ACTOR else []
    if kind == "joint_force_launched":  # the alliance's force: one event per member state
        return [("AES", c, (True, True)) for c in vocab.COUNTRIES]
    if _leaves_ecowas(t, sf, local):
        # States leaving a bloc withdraw no troops: not a presence event, so no candidate
        # (the data records the exit as the sanction-table measure `bloc_exit`).
        return []
    if kind == "alliance_formed":
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
            blocs = [min(actors, key=lambda m: distance(m.start, m.end, t.start, t.end)).actor]
        explicit = bool(blocs)
        if not blocs and (ctx.previous_bloc or ctx.dominant_bloc):
            blocs = [_bloc_referred(sf, ctx)]
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
        named = list(dict.fromkeys(m.host for m in hosts))
        if len(named) < 2:  # an accord of the alliance binds all its members
            named = list(vocab.COUNTRIES)
        return [("AES", c, (True, True)) for c in named]
    genitive = GENITIVE_AFTER.match(sf, t.end)
    owner = next((m for m in pool if genitive and t.end <= m.start <= t.end + 60), None)
    if owner is None:
        # "... at a ceremony which a UN official attended": a relative clause opened after
        # the trigger speaks of others.
        pool = [m for m in pool if not (m.start > t.end and RELATIVE_AFTER.search(sf, t.end, m.start))]
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
            before = sf[max(0, m.start - 25) : m.start]
            subordinate = SUBORDINATE_BEFORE.search(before) and not TROOP_WORD_BEFORE.search(before)
            penalty = 60 if subject_like and subordinate else 0
            return (distance(m.start, m.end, t.start, t.end) + penalty, m.start > t.start)

        actor, explicit = min(pool, key=rank).actor, True
    else:
        lo, _ = trg.clause(sf, t, before=len(sf), after=0)
        if OTHER_STATES.search(sf, lo, t.start):
            return []  # another state's forces: not one of the tracked actors
        actor = ctx.previous_actor or ctx.dominant_actor
        explicit = False
    if actor is None:
        return []
    force_host = next((force_country(m.force) for m in local if m.force and m.actor == actor), None)
    if kind == "presence_reported" and len({m.host for m in hosts}) > 1:
        lo, hi = trg.clause(sf, t, before=len(sf), after=len(sf))
        hosts = [m for m in hosts if lo <= m.start < hi]  # another clause's hosts are not its own
    if kind == "presence_reported" and len({m.host for m in hosts}) > 1:
        after = [m for m in hosts if m.start >= t.start] or hosts
        return [(actor, c, (explicit, True)) for c in dict.fromkeys(m.host for m in after)]
    country, c_explicit = _country(t, hosts, ctx, fallback=force_host, sf=sf)
    return [(actor, country, (explicit, c_explicit))]


def _leaves_ecowas(t: trg.Trigger, sf: str, local: list[Mention]) -> bool:
    """Sahel states leaving the regional bloc ("withdrawal from ECOWAS"), not troops leaving."""
    if not t.event_type.startswith("withdrawal"):
        return False
    return any(m.actor == "ECOWAS" and 0 <= m.start - t.end <= 40 for m in local) or bool(
        ORG_EXIT.search(sf, t.end, min(len(sf), t.end + 70))
    )


def _country(
    t: trg.Trigger, hosts: list[Mention], ctx: Context, fallback: str | None = None, sf: str = ""
) -> tuple[str | None, bool]:
    if sf:
        leaving = t.event_type.startswith("withdrawal")
        skip = DESTINATION_BEFORE if leaving else TRANSIT_BEFORE
        hosts = [
            m
            for m in hosts
            if not skip.search(sf[max(0, m.start - 40) : m.start])
            and not NEIGHBOUR_BEFORE.search(sf, max(0, m.start - 14), m.start)
            and not NEIGHBOUR_AFTER.match(sf, m.end)
        ]
        lead = LEADING_CLAUSE.match(sf)
        if lead and lead.end() <= t.start:
            # "After the Bundeswehr left Mali in December, an arrangement ... Niamey": the
            # leading clause tells of another place.
            hosts = [m for m in hosts if m.start >= lead.end()] or hosts
    if hosts:
        best = min(hosts, key=lambda m: (distance(m.start, m.end, t.start, t.end), m.start < t.start))
        return best.host, True
    if not fallback and ctx.previous_host:
        # "the last convoy crossed into Niger": the country left is the one the story was in
        return ctx.previous_host, False
    return (fallback or ctx.dominant_country), bool(fallback)


def note_host(sf: str, local: list[Mention], ctx: Context) -> None:
    """The last host country the text was in (not one troops head to or pass through)."""
    for m in reversed(local):
        if m.host and not DESTINATION_BEFORE.search(sf[max(0, m.start - 40) : m.start]):
            ctx.previous_host = m.host
            return


def _border_actor(t, sf, local, juntas, ctx) -> tuple[str | None, bool]:
    """Who closes or opens: the first actor named as a subject (not after 'with'/'avec')."""
    subjects = [
        m
        for m in local
        if m.actor in BORDER_ACTORS and not OBJECT_BEFORE.search(sf[max(0, m.start - 12) : m.start])
    ]
    blocs_before = any(m.actor in BLOCS and m.start < t.start for m in subjects)
    # "the junta" stands for the host only when no bloc is the one acting ("ECOWAS ordered
    # its members to close their borders with the junta-led country").
    junta_cue = [] if blocs_before else [(j.start(), None) for j in juntas if j.start() < t.start]
    before = sorted([(m.start, m.actor) for m in subjects if m.start < t.start] + junta_cue)
    # After the trigger only an agent ("closed by Benin") or the border's owner ("la
    # frontière béninoise") says who acts.
    after = sorted(
        [
            (m.start, m.actor)
            for m in subjects
            if m.start >= t.start
            and (
                PASSIVE_AGENT_BEFORE.search(sf[max(0, m.start - 12) : m.start]) or m.start <= t.match_end + 12
            )
        ]
    )
    for _pos, actor in before + after:
        if actor is None:  # "the junta": the host state, resolved by the caller
            return None, True
        return actor, True
    # No subject: a border "with Benin" is the host's own; one "with Mali" is the bloc's.
    if any(
        m.actor in ("Benin", "Nigeria") and OBJECT_BEFORE.search(sf[max(0, m.start - 12) : m.start])
        for m in local
    ):
        return None, False
    bloc = _bloc_referred(sf, ctx)
    return (bloc, False) if bloc else (None, False)


# "the organisation", "le bloc": the bloc the text named last.
BLOC_NOUN = re.compile(r"\b(?:organisation|organization|bloc|the body|institution)\b")


def _bloc_referred(sf: str, ctx: Context) -> str | None:
    if ctx.previous_bloc and BLOC_NOUN.search(sf):
        return ctx.previous_bloc
    return ctx.dominant_bloc or ctx.previous_bloc


def force_of(t, actor, country, local, date) -> str | None:
    if t.event_type not in PRESENCE_TYPES or actor is None:
        return None
    named = [m for m in local if m.force and m.actor == actor]
    if named:
        return min(named, key=lambda m: distance(m.start, m.end, t.start, t.end)).force
    return default_force(actor, country, date)


def place_of(t, local, sf: str = "") -> str | None:
    dl = DATELINE.match(sf)
    # The dateline city says where the story was filed, not where the event happened.
    places = [m for m in local if m.location and not (dl and m.end <= dl.end())]
    if not places:
        return None
    return min(places, key=lambda m: distance(m.start, m.end, t.start, t.end)).location
