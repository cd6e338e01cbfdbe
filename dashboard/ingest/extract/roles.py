"""Who acts and where: the actor, host country, force and place of one trigger.

A sentence rarely names everything, so the article as a whole (its dominant country and
foreign actor, the previous sentence's actor) fills what is left implicit.
"""

from __future__ import annotations

import re

from dashboard.ingest.extract import triggers as trg
from dashboard.ingest.extract.context import BLOCS, Context
from dashboard.ingest.extract.dates import DATELINE
from dashboard.ingest.extract.gazetteer import HOST_ACTOR, Mention, default_force, force_country
from dashboard.ingest.extract.measure_actors import (
    BORDER_ACTORS,
    LIST_SEPARATOR,
    REGIONAL,
    SANCTION_ACTORS,
    WITH_BEFORE,
    bloc_referred,
    border_actor,
    capital_subjects,
    in_list_after_with,
)
from dashboard.ingest.extract.repeated_events import FOLLOWED
from dashboard.ingest.extract.window import after, before
from dashboard.records import vocab

# Event types about a foreign force's presence: their actor is the foreign partner.
PRESENCE_TYPES = frozenset(vocab.EVENT_TYPES) - {"coup", "alliance_formed"}

SANCTION_TYPES = frozenset({"sanctions_imposed", "sanctions_lifted"})

BORDER_TYPES = frozenset({"border_closed", "border_reopened"})


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

SPEAKING = re.compile(r"parl\w*|spoke|speaks?|talk\w*|evoqu\w*|fai\w* etat|font etat")

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


# A relay: the force after the verb is the one relieved.
RELAY = re.compile(
    r"(?:(?:assumed|assumes|took|takes|taken)\s+(?:over\s+)?(?:authority|command|the relay)\s+from|"
    r"took over from|takes over from|.*pris\s+(?:[a-z]+\s+){0,2}?le relais d[eu']|"
    r"prend\s+(?:[a-z]+\s+){0,2}?le relais d[eu']|succede a|succeeded|succeeds|replaced)"
)

# "près des frontières sénégalaise et burkinabè", "near the Burkinabe border": a neighbour
# named by its border, not where the story is.
BORDER_OF_BEFORE = re.compile(
    r"\b(?:frontieres?|frontalier\w*|borders?|frontiers?|near|pres d[eu']s?|close to|along)\s+"
    r"(?:the\s+|les\s+|la\s+|du\s+|de\s+la\s+|des\s+)?(?:[a-z]+\s+(?:et|and)\s+(?:du\s+|de\s+la\s+|the\s+)?)?$"
)


def border_of(sf: str, m: Mention) -> bool:
    return _flags(sf)[1] and before(BORDER_OF_BEFORE, sf, m.start, 40) is not None


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
    if kind == "alliance_formed":  # the founding binds all three members
        return [("AES", c, (True, True)) for c in vocab.COUNTRIES]
    if kind in SANCTION_TYPES:
        own = _state_reply(t, sf, local)
        if own:  # "Niamey has stopped all visas for Americans": the host state acts
            return [(own, HOST_ACTOR_COUNTRY[own], (True, True))]
        actors = [m for m in local if m.actor in SANCTION_ACTORS]
        if BLOCKADE.match(sf, t.start):  # only an armed group blockades
            if not any(m.actor == "JNIM" for m in actors):
                return []
            country, c_explicit = _country(t, hosts, ctx, sf=sf)
            return [("JNIM", country, (True, c_explicit))]
        if (
            any(FOLLOWED.match(sf, m.end + 1) for m in actors)
            and (ctx.previous_bloc or ctx.dominant_bloc)
            and not any(_in_clause(sf, t, m) for m in actors)
        ):
            actors = []  # "La levée intervient le 3 juillet ; l'UEMOA suit le 8": the follower is another
        blocs = list(dict.fromkeys(m.actor for m in actors if m.actor in BLOCS))
        if len(blocs) > 1:
            # "La Cédéao a levé ses sanctions le 3 ; l'UEMOA a rétabli les financements le 8":
            # each clause's own bloc, when it names one before its verb.
            lo, _ = trg.clause(sf, t, before=len(sf), after=0)
            own = [m.actor for m in actors if m.actor in BLOCS and lo <= m.start < t.start]
            blocs = list(dict.fromkeys(own)) if own else blocs
        if not blocs and actors:
            blocs = [min(actors, key=lambda m: distance(m.start, m.end, t.start, t.end)).actor]
        explicit = bool(blocs)
        if not blocs and (ctx.previous_bloc or ctx.dominant_bloc):
            blocs = [bloc_referred(sf, ctx)]
        if not blocs and ctx.previous_actor in SANCTION_ACTORS and not REGIONAL.search(sf):
            blocs = [ctx.previous_actor]  # "Pour Bruxelles, ... L'Union avait suspendu son aide"
        targets = [h for h in hosts if h.actor not in blocs]
        listed = _listed_hosts(sf, t, targets)
        if len(listed) > 1:  # "entry suspended for nationals of Mali, Burkina Faso and Niger"
            return [(b, c, (explicit, True)) for b in blocs for c in listed]
        country, c_explicit = _country(t, targets, ctx, sf=sf)
        return [(b, country, (explicit, c_explicit)) for b in blocs]
    if kind in BORDER_TYPES:
        actor, explicit = border_actor(t, sf, local, ctx)
        pair = _joint_subjects(sf, t, local)
        if pair:  # "Le Niger et le Bénin ont rouvert leur frontière commune": both act
            host = next((HOST_ACTOR_COUNTRY[a] for a in pair if a in HOST_ACTOR_COUNTRY), None)
            if host:
                return [(a, host, (True, True)) for a in pair]
        if actor in HOST_ACTOR.values():
            country = next(c for c, a in HOST_ACTOR.items() if a == actor)
            return [(actor, country, (explicit, True))]
        own = [m for m in hosts if not in_list_after_with(sf, m) and not before(WITH_BEFORE, sf, m.start, 12)]
        # The host state's own borders "with Algeria, Mali and Chad": the listed are its
        # neighbours, not where it happens; a bloc's border "with Mali" is Mali's.
        country, c_explicit = _country(t, own if actor is None and explicit else (own or hosts), ctx, sf=sf)
        if actor is None:
            actor = HOST_ACTOR.get(country)
        return [(actor, country, (explicit, c_explicit))] if actor else []
    if kind == "base_handed_over" and t.match_start == t.start and LEFT_TOWN.fullmatch(sf, t.start, t.end):
        town = next((m for m in local if 0 < m.start - t.end <= 4), None)
        if town is None or not town.location or town.kind == "country" or not town.host:
            return []  # left a country, a building, a meeting: not a site given up
    # Presence of a foreign force.
    pool = [m for m in local if m.actor in vocab.PRESENCE_ACTORS]
    if kind == "agreement_signed" and (any(m.actor == "AES" for m in local) or "confederation" in sf):
        named = list(dict.fromkeys(m.host for m in hosts))
        if len(named) < 2:  # an accord of the alliance binds all its members
            named = list(vocab.COUNTRIES)
        return [("AES", c, (True, True)) for c in named]
    if kind == "deployment" and RELAY.fullmatch(sf, t.start, t.end):
        # "It took over from the African-led force AFISMA": the force named after is the one
        # relieved; the one arriving is the subject.
        pool = [m for m in pool if m.end <= t.start]
    if kind == "presence_reported" and SPEAKING.fullmatch(sf, t.start, t.end):
        # "a French official spoke of 450", "des responsables américains parlent de 2 000
        # mercenaires russes": the speaker is not the force; the troops named after are.
        pool = [m for m in pool if m.start > t.end]
    if kind == "presence_reported":
        # "DW quoted US officials putting the total at 2,000, Wagner and Africa Corps
        # together": a nationality naming who speaks is not the force counted.
        if SPEAKER_WORD.search(sf):
            pool = [m for m in pool if not _speaker(sf, m)]
    genitive = GENITIVE_AFTER.match(sf, t.end)
    owner = next((m for m in pool if genitive and t.end <= m.start <= t.end + 60), None)
    if owner is None:
        # "... at a ceremony which a UN official attended": a relative clause opened later
        # the trigger speaks of others.
        kept = [m for m in pool if not (m.start > t.end and RELATIVE_AFTER.search(sf, t.end, m.start))]
        # An accord "qui encadrait la présence des soldats français": the clause says
        # whose accord it is, when nothing else does.
        pool = kept or (
            pool if kind in ("agreement_revoked", "agreement_signed", "expulsion_ordered") else []
        )
    if owner is not None:  # "the departure of French special forces"
        actor, explicit = owner.actor, True
    elif pool:
        subject_like = kind not in ("agreement_revoked", "expulsion_ordered", "agreement_signed")
        lo, hi = trg.clause(sf, t, before=len(sf), after=len(sf))
        in_clause = [m for m in pool if lo <= m.start < hi]
        # A clause without its own subject ("..., and at times had 1,100 troops") shares
        # the sentence's first one.
        first = min(pool, key=lambda m: m.start)
        if (
            not in_clause
            and subject_like
            and first.start > t.start
            and (ctx.previous_actor or ctx.dominant_actor)
        ):
            # "the newspaper estimated the contingent at 300, while a French official ...":
            # only another clause, later this one, names an actor; the story's goes on.
            pool = []
        else:
            pool = in_clause or ([first] if subject_like else pool)

        def rank(m):
            lead_in = sf[max(0, m.start - 25) : m.start]
            subordinate = SUBORDINATE_BEFORE.search(lead_in) and not TROOP_WORD_BEFORE.search(lead_in)
            penalty = 60 if subject_like and subordinate else 0
            return (distance(m.start, m.end, t.start, t.end) + penalty, m.start > t.start)

    if pool and owner is None:
        actor, explicit = min(pool, key=rank).actor, True
    elif owner is None:
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
        later = [m for m in hosts if m.start >= t.start] or hosts
        return [(actor, c, (explicit, True)) for c in dict.fromkeys(m.host for m in later)]
    if kind == "deployment":
        listed = _listed_hosts(sf, t, hosts)
        if len(listed) > 1:  # "launched on 1 August to cover Mali, Niger, Burkina Faso and Chad"
            return [(actor, c, (explicit, True)) for c in listed]
    country, c_explicit = _country(t, hosts, ctx, fallback=force_host, sf=sf)
    both = [actor] + (_joined_partner(sf, t, local, actor) if explicit else [])
    return [(a, country, (explicit, c_explicit)) for a in both]


HOST_ACTOR_COUNTRY = {a: c for c, a in HOST_ACTOR.items()}
JOINED = re.compile(r"\s++(?:and|et)\s++(?:the\s++|les?\s++|la\s++|l')?$")


def _in_clause(sf: str, t: trg.Trigger, m: Mention) -> bool:
    lo, hi = trg.clause(sf, t, before=len(sf), after=len(sf))
    return lo <= m.start < hi


def _joint_subjects(sf: str, t: trg.Trigger, local: list[Mention]) -> tuple:
    """Two states joined by "and" right before a border verb, with nothing but an auxiliary
    between: "Niger and Benin reopened their common border"."""
    before_t = [m for m in local if m.end <= t.start and m.actor in BORDER_ACTORS]
    if len(before_t) < 2:
        return ()
    a, b = before_t[-2], before_t[-1]
    if a.actor == b.actor or not JOINED.fullmatch(sf, a.end, b.start):
        return ()
    gap = sf[b.end : t.start]
    if len(gap.split()) > 3 or re.search(r"[,;:]", gap):
        return ()
    return (a.actor, b.actor)


# The verbs of more_triggers' "base_handed_over#left_town": a town must follow them.
LEFT_TOWN = re.compile(
    r"left|quit|quitt\w*|ont quitte|a quitte|vacated|evacuated|evacue\w*|pulled out of|withdrew from|"
    r"se sont retires de|s'est retiree? de"
)
BLOCKADE = re.compile(r"blockade|blocus")
# Entry and visa measures, and replies in kind: a host state may take them too.
VISA_MEASURE = re.compile(r"\b(?:entry|entree|visas?|reciprocit\w*)\b")
# "visas for Americans": the state named after this is the measure's target, not its author.
TARGET_BEFORE = re.compile(r"\b(?:for|on|against|to|pour|contre|aux?|des)\s++(?:the\s++|les\s++)?$")


def _state_reply(t: trg.Trigger, sf: str, local: list[Mention]) -> str | None:
    """The host state taking an entry or visa measure itself, named (or by its capital) as
    the subject before the verb, with no foreign state or bloc there: "Mali's foreign
    ministry says that, in line with reciprocity", "Niamey has stopped all visas"."""
    if t.event_type != "sanctions_imposed" or not VISA_MEASURE.search(sf, t.start, min(len(sf), t.end + 40)):
        return None
    before_t = [m for m in local + capital_subjects(sf, local) if m.start < t.start]
    if any(m.actor in SANCTION_ACTORS and not before(TARGET_BEFORE, sf, m.start, 14) for m in before_t):
        return None
    states = [m for m in before_t if m.actor in HOST_ACTOR_COUNTRY]
    return max(states, key=lambda m: m.start).actor if states else None


# Who speaks, named by nationality: "US officials", "des responsables américains".
SPEAKER_AFTER = re.compile(
    r"\s++(?:(?:defence|defense|military|intelligence|government|state department)\s++)?"
    r"(?:officials?|diplomats?|sources|spokes(?:man|woman|person)|media|press|newspapers?|intelligence)\b"
)
SPEAKER_BEFORE = re.compile(
    r"\b(?:responsables?|officiels?|diplomates?|sources|porte-parole|medias|presse|journaux|services de renseignement)"
    r"\s++(?:militaires\s++)?$"
)
SPEAKER_WORD = re.compile(
    r"official|diplomat|source|spokes|media|press|newspaper|intelligence|responsable|officiel|porte-parole|journaux"
)


def _speaker(sf: str, m: Mention) -> bool:
    """The mention is the nationality of whoever speaks: "US officials", "des responsables
    américains", "Italian media"."""
    return bool(SPEAKER_AFTER.match(sf, m.end) or before(SPEAKER_BEFORE, sf, m.start, 40))


def _joined_partner(sf: str, t: trg.Trigger, local: list[Mention], actor: str) -> list[str]:
    """A second force joined to the subject by "and": "Les Allemands et les Américains ont
    quitté le Niger", "German and US troops left"."""
    if " and " not in sf and " et " not in sf:
        return []
    before_t = [m for m in local if m.end <= t.start and m.actor in vocab.PRESENCE_ACTORS]
    for a, b in zip(before_t, before_t[1:]):
        if actor in (a.actor, b.actor) and a.actor != b.actor and JOINED.fullmatch(sf, a.end, b.start):
            gap = sf[b.end : t.start]
            if len(gap.split()) <= 4 and not re.search(r"[,;:]", gap):
                return [b.actor if a.actor == actor else a.actor]
    return []


def _listed_hosts(sf: str, t: trg.Trigger, hosts: list[Mention]) -> list[str]:
    """Hosts named as one list listed the trigger, in its clause: "to cover Mali, Niger,
    Burkina Faso, Chad and Mauritania"."""
    _, hi = trg.clause(sf, t, before=0, after=160)
    listed = sorted((m for m in hosts if t.end <= m.start < hi), key=lambda m: m.start)
    if len({m.host for m in listed}) < 2:
        return []
    parts = LIST_SEPARATOR.split(sf[listed[0].start : listed[-1].end])
    if len(parts) < 2 or any(len(p.split()) > 3 for p in parts):
        return []
    return list(dict.fromkeys(m.host for m in listed))


def _leaves_ecowas(t: trg.Trigger, sf: str, local: list[Mention]) -> bool:
    """Sahel states leaving the regional bloc ("withdrawal from ECOWAS"), not troops leaving."""
    if not t.event_type.startswith("withdrawal"):
        return False
    return any(m.actor == "ECOWAS" and 0 <= m.start - t.end <= 40 for m in local) or bool(
        after(ORG_EXIT, sf, t.end, 70)
    )


def _country(
    t: trg.Trigger, hosts: list[Mention], ctx: Context, fallback: str | None = None, sf: str = ""
) -> tuple[str | None, bool]:
    if sf:
        leaving = t.event_type.startswith("withdrawal")
        skip = DESTINATION_BEFORE if leaving else TRANSIT_BEFORE
        named = hosts
        hosts = [
            m
            for m in hosts
            if not skip.search(sf[max(0, m.start - 40) : m.start])
            and not (
                (before(NEIGHBOUR_BEFORE, sf, m.start, 14) or NEIGHBOUR_AFTER.match(sf, m.end))
                and not _subject_of(sf, m, t)
            )
        ]
        if (
            not hosts
            and named
            and all(
                m.end <= t.start
                and not skip.search(sf[max(0, m.start - 40) : m.start])
                and (before(NEIGHBOUR_BEFORE, sf, m.start, 14) or NEIGHBOUR_AFTER.match(sf, m.end))
                for m in named
            )
        ):
            hosts = named  # "Au Mali voisin, des paramilitaires sont déployés": the sentence is there
        when, border = _flags(sf)
        if when:
            hosts = [m for m in hosts if not in_when_clause(sf, m, t.end)] or (
                hosts if not ctx.previous_host else []
            )
        if border:  # "près des frontières sénégalaise et burkinabè": a neighbour named by its border
            hosts = [m for m in hosts if not border_of(sf, m)] or (hosts if not ctx.previous_host else [])
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


# "a platform opened to supply its soldiers in Mali": a purpose names another place.
PURPOSE_BEFORE = re.compile(r"\b(?:pour|afin de|afin d'|in order to|so as to)\s++[a-z']++\s[^,;.]{0,40}+$")


def _subject_of(sf: str, m: Mention, t: trg.Trigger) -> bool:
    """The mention stands right before the trigger with nothing between but a few words:
    "the authorities of neighbouring Niger withdrew" (the neighbour acts)."""
    return m.end <= t.start and t.start - m.end <= 12 and not re.search(r"[,;:()]", sf[m.end : t.start])


# "..., au moment où la France quittait le Mali", ", when Paris left Mali": a clause of time
# after a comma tells of another place than the sentence's own.
WHEN_CLAUSE = re.compile(
    r",\s*+(?:au moment ou|alors que|tandis que|pendant que|lorsque|quand|when|while|just as|as|"
    r"at a time when|at the time when)\s[^,;.]{0,50}+$"
)


WHEN_OPENING = re.compile(
    r",\s*+(?:au moment ou|alors que|tandis que|pendant que|lorsque|quand|when|while|just as|as|"
    r"at a time when|at the time when)\s"
)
_BORDER_OF_WORDS = re.compile(r"front|border|near|pres|close|along")
# Whether the last sentence asked about opens a clause of time or names a border at all:
# asked for each host of each trigger, looked up once per sentence.
_FLAGS: tuple = ("", (False, False))


def _flags(sf: str) -> tuple[bool, bool]:
    global _FLAGS
    cached = _FLAGS  # one tuple, read and replaced whole: safe across threads
    if cached[0] == sf:
        return cached[1]
    flags = (WHEN_OPENING.search(sf) is not None, _BORDER_OF_WORDS.search(sf) is not None)
    _FLAGS = (sf, flags)
    return flags


def in_when_clause(sf: str, m: Mention, t_end: int | None = None) -> bool:
    """The mention sits in a trailing clause of time (that the trigger, if given, is not in)."""
    if not _flags(sf)[0]:
        return False
    lo = max(0, m.start - 70)
    w = WHEN_CLAUSE.search(sf, lo, m.start)
    return w is not None and (t_end is None or t_end <= w.start())


def note_host(sf: str, local: list[Mention], ctx: Context) -> None:
    """The last host country the text was in (not one troops head to or pass through, nor
    one a purpose clause or a trailing clause of time names)."""
    when, border = _flags(sf)
    for m in reversed(local):
        if not m.host:
            continue
        lead_in = sf[max(0, m.start - 60) : m.start]
        if (
            not DESTINATION_BEFORE.search(lead_in[-40:])
            and not PURPOSE_BEFORE.search(lead_in)
            and not (when and in_when_clause(sf, m))
            and not (border and border_of(sf, m))
        ):
            ctx.previous_host = m.host
            return


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
