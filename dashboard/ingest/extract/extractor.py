"""Candidate events from an article: sentence by sentence, trigger + who + where + when.

Each candidate keeps the offsets of the sentence it came from, so a reviewer sees the
evidence before accepting anything onto the map. Rules are plain regexes over folded text:
deterministic, offline, and a few milliseconds per article. The work is shared out:
`sentence_reader` reads one sentence (`guards` drop what is no event, `roles` says who and
where, `event_dates` and `timeline` say when), `across_sentences` joins what two sentences
tell together, and `candidate.deduplicate` merges an event told twice.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import time
from bisect import bisect_left
from contextlib import contextmanager

from dashboard.ingest.extract.across_sentences import drop_after_departure, figure_from_next, merge_weak
from dashboard.ingest.extract.article import Article, plausible_published
from dashboard.ingest.extract.candidate import (
    CANDIDATE_KEYS,
    CANDIDATE_ONLY_TYPES,
    EVENT_TYPES,
    Candidate,
    deduplicate,
)
from dashboard.ingest.extract.context import context_of
from dashboard.ingest.extract.gazetteer import find_mentions
from dashboard.ingest.extract.numbers import find_troops
from dashboard.ingest.extract.roles import PRESENCE_TYPES
from dashboard.ingest.extract.sentence_reader import read_sentence
from dashboard.ingest.extract.sentences import split_sentences
from dashboard.ingest.extract.textnorm import fold
from dashboard.ingest.extract.timeline import STAMP_HEAD, TIME_STAMP, entry_stamp, heading_date
from dashboard.records.vocab import PRESENCE_ACTORS

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
        heading = heading_date(folded[start:end], published or ctx.published)
        if heading is not None:  # a live blog's "Sunday 30 July 2023": the entries' day
            ctx.published, ctx.last_day = heading.date, heading
            ctx.blog_day = heading.date
            continue
        if STAMP_HEAD.match(folded, start):  # a digit first: maybe a live-blog entry's stamp
            stamp = entry_stamp(folded[start:end], published or ctx.published)
            if stamp is not None:  # "Sun 30 Jul, 18:45 - ...": the entry's day, as a heading's
                ctx.published, ctx.last_day = stamp.date, stamp
                ctx.blog_day = stamp.date
            elif ctx.blog_day is None and TIME_STAMP.match(folded, start):
                ctx.blog_day = ctx.published  # "16:40 - ...": entries of the publication day
        local = mentions[bisect_left(starts, start) : bisect_left(starts, end)]
        new = read_sentence(text, folded, start, end, local, ctx)
        new = drop_after_departure(new, departed, ctx.weak)
        if previous and not any(c.event_type in PRESENCE_TYPES for c in new):
            # Not when another force is named just before the figure ("Washington held on;
            # its 1,000 troops ...") than the one it would be given to.
            figures = find_troops(folded[start:end])
            near = {
                m.actor
                for m in local
                if m.actor in PRESENCE_ACTORS and figures and 0 <= figures[0].start + start - m.end <= 35
            }
            if not near or previous[-1].actor in near:
                figure_from_next(out, previous, folded, start, end)
        previous = [c for c in new if c.event_type in PRESENCE_TYPES and c.troops is None]
        out.extend(new)
    return deduplicate(merge_weak(out, ctx.weak))
