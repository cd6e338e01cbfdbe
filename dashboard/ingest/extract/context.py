"""What the article as a whole says, for sentences that leave something implicit: its most
named host, foreign actor and bloc, and what the sentences read so far have told (the last
actor, host, bloc, day, dated events and the story's running timeline)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from dashboard.ingest.extract.dates import DateHit
from dashboard.ingest.extract.gazetteer import Mention
from dashboard.records import vocab

BLOCS = ("ECOWAS", "WAEMU")


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
    bloc_just_named: bool = False  # the last sentence named previous_bloc
    previous_host: str | None = None
    # The last state named as an actor (Benin, Nigeria, a host state), for "il a rouvert".
    previous_state: str | None = None
    # The story's running timeline: (the last date the text told with its year, or read in
    # that timeline, the paragraph it was told in); None after a date read against the
    # publication day ("on Tuesday"). A yearless "le 14 décembre" is read near it.
    narrative: tuple | None = None
    paragraph: int = 0
    # (actor, country) of the accords the text said were denounced: "gave the troops a month
    # to leave" then is the notice of that denunciation, not an expulsion of its own.
    revoked: set = field(default_factory=set)
    # (date, precision) of the last date the text told, for "before the end of that month".
    last_told: tuple | None = None
    # The paragraph the last full date (last_day) was told in.
    last_day_paragraph: int = -1
    # (date, precision, paragraph) of a sentence that told one date and no event ("That era
    # is usually dated to Jan. 11, 2013."): the undated events of the next sentence take it.
    frame: tuple | None = None
    # The last event read, for "Gossi followed in April".
    last_event: object | None = None


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
