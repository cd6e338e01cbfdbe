"""The same story once: an article that repeats another (a wire story on several sites,
re-titled, trimmed, with a paragraph added or a footer) joins that article's story.

Two texts are copies when most word runs of the shorter one stand in the longer one
(containment of 4-word shingles, Broder 1997): trimming and added boilerplate leave it high,
while two different stories on the same day and topic share names and phrases but few runs of
four words. rapidfuzz's token-set ratio on the titles and leads breaks near ties. Only articles
in the same language published within STORY_WINDOW_DAYS of each other are compared.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import OrderedDict

from rapidfuzz import fuzz

from dashboard import config

SHINGLE = 4
LEAD_CHARS = 400  # the title and lead compared by rapidfuzz
COMPARED = 400  # recent articles a new one is compared with, at most
_WORD = re.compile(r"\w+")
_cache: OrderedDict[str, tuple[frozenset, str]] = OrderedDict()  # article id -> (shingles, lead)
_CACHE_SIZE = 5_000


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.lower())
    return _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


def shingles(text: str) -> frozenset:
    w = words(text)
    if len(w) < SHINGLE:
        return frozenset([" ".join(w)]) if w else frozenset()
    return frozenset(hash(tuple(w[i : i + SHINGLE])) for i in range(len(w) - SHINGLE + 1))


def _remember(article_id: str, text: str) -> None:
    """Keep an article's shingles and its lead (what a comparison reads), the oldest dropped."""
    _cache[article_id] = (shingles(text), text[:LEAD_CHARS])
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)


def containment(a: frozenset, b: frozenset) -> float:
    """The share of the smaller set found in the larger: 1.0 for a trimmed copy."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


def similarity(text_a: str, text_b: str, a: frozenset | None = None, b: frozenset | None = None) -> float:
    """0..1: shingle containment, nudged by how alike the leads read."""
    shared = containment(a if a is not None else shingles(text_a), b if b is not None else shingles(text_b))
    lead = fuzz.token_set_ratio(text_a[:LEAD_CHARS], text_b[:LEAD_CHARS]) / 100
    return 0.8 * shared + 0.2 * lead


def story_for(cur, article_id: str, text: str, published, language: str | None) -> tuple[str, float | None]:
    """(story id, similarity to it) for a new article, from those already stored (`cur` is
    the ingest transaction's cursor): the story of the most similar recent article at or
    above STORY_MIN_SHARED, else a story of its own (its article id, similarity None)."""
    params: list = [article_id, language]
    where = "a.article_id <> ? AND a.language IS NOT DISTINCT FROM ?"
    if published is not None:
        day = dt.date.fromisoformat(str(published)[:10])
        window = dt.timedelta(days=config.STORY_WINDOW_DAYS)
        where += " AND (a.published IS NULL OR a.published BETWEEN ? AND ?)"
        params += [day - window, day + window]
    rows = cur.execute(
        "SELECT a.article_id, s.story_id FROM articles a "
        f"LEFT JOIN stories s USING (article_id) WHERE {where} "
        f"ORDER BY a.ingested_at DESC LIMIT {COMPARED}",
        params,
    ).fetchall()
    # Texts are read only for articles whose shingles this process has not kept yet.
    unread = [a for a, _ in rows if a not in _cache]
    if unread:
        found = cur.execute(
            f"SELECT article_id, text FROM articles WHERE article_id IN ({', '.join('?' * len(unread))})",
            unread,
        ).fetchall()
        for other_id, other_text in found:
            _remember(other_id, other_text)
    mine = shingles(text)
    best, best_score = None, 0.0
    for other_id, other_story in rows:
        theirs, other_text = _cache.get(other_id, (frozenset(), ""))
        if containment(mine, theirs) < config.STORY_MIN_SHARED / 2:
            continue  # far apart: no need to read the leads
        score = similarity(text, other_text, mine, theirs)
        if score > best_score:
            best, best_score = other_story or other_id, score
    if best is not None and best_score >= config.STORY_MIN_SHARED:
        return best, round(best_score, 3)
    return article_id, None
