"""The words a regular expression can begin with, read from its parsed form, and a scan
that tries patterns only where such a word starts.

Python's regex engine tries a pattern that opens with a word boundary at every position of
a sentence; a trigger or date pattern can only match where one of a few words starts.
`first_words` gives those words, or None when the pattern can begin otherwise (no word
boundary first, a character class, an optional part, a non-word character). The reading is
conservative: every match starts a word (a run of \\w, as \\b sees words) that begins with
one of the prefixes, equals one of the words or begins with a digit. `WordStarts` and `scan`
use it to give exactly the matches `finditer` gives.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Hashable, Iterator, Sequence
from itertools import accumulate
from typing import NamedTuple

_WORD_SPLIT = re.compile(r"(\w+)")  # words as \b sees them
_NOT_WORD = re.compile(r"\W")
_DIGIT_FIRST = re.compile(r"\d")

# Case-blind or ASCII/locale word boundaries: what is read here would not hold.
_OTHER_FLAGS = re.IGNORECASE | re.ASCII | re.LOCALE
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)  # \b, look-aheads, look-behinds
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_LONGEST = 12  # a head this long is selective enough: it is not read further
_DIGIT = ("\\d",)  # the head of a match that begins with a digit (not a string: no literal)


class Heads(NamedTuple):
    prefixes: frozenset[str]  # the match's first word begins with one of these,
    words: frozenset[str]  # or is one of these,
    digit: bool  # or begins with a digit (of any script, as \d takes them)


def first_words(pattern: str) -> Heads | None:
    """How the first word of any match of `pattern` begins (a word: a run of \\w); None when
    that cannot be told."""
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & _OTHER_FLAGS or not _at_boundary(parsed):
        return None
    prefixes, words, digit = set(), set(), False
    for head, _ in _heads(parsed):
        if head is _DIGIT:
            digit = True
            continue
        k = 0
        while k < len(head) and head[k] in _WORD_CHARS:
            k += 1
        if k == 0:
            return None  # the match may begin with a class, a space, an optional part
        # A head cut at a character that ends a word ("s'", "a ") is the whole first word.
        (words if k < len(head) and _NOT_WORD.match(head[k]) else prefixes).add(head[:k])
    words = {w for w in words if not any(w.startswith(p) for p in prefixes)}
    prefixes = {p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes)}
    return Heads(frozenset(prefixes), frozenset(words), digit)


def _at_boundary(items) -> bool:
    """Every match begins at a word boundary (\\b before anything is consumed)."""
    for op, av in items:
        if op is sre.AT and av is sre.AT_BOUNDARY:
            return True
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.SUBPATTERN:
            return _at_boundary(av[3])
        if op is sre.BRANCH:
            return all(_at_boundary(alt) for alt in av[1])
        return False
    return False


def _heads(items) -> set[tuple[str, bool]]:
    """The literal texts a match of the sequence `items` can begin with, each with whether it
    is all of that match (so what follows the sequence may extend it)."""
    out = {("", True)}
    for op, av in items:
        if not any(whole for _, whole in out):
            break
        longer = set()
        following = _op_heads(op, av)
        for text, whole in out:
            if not whole:
                longer.add((text, False))
                continue
            for more, more_whole in following:
                if more is _DIGIT:  # a digit of any script: known only when it comes first
                    longer.add((text or _DIGIT, False))
                    continue
                t = text + more
                longer.add((t, more_whole and len(t) < _LONGEST and (not t or t[-1] in _WORD_CHARS)))
        out = longer
    return out


def _op_heads(op, av) -> set[tuple[str, bool]]:
    if op in _ZERO_WIDTH:
        return {("", True)}
    if op is sre.LITERAL:
        return {(chr(av), True)}
    if op is sre.SUBPATTERN:  # a group, capturing or not
        return {("", False)} if av[1] & _OTHER_FLAGS else _heads(av[3])
    if op is sre.ATOMIC_GROUP:
        return _heads(av)
    if op is sre.BRANCH:
        return set().union(*(_heads(alt) for alt in av[1]))
    if op is sre.IN and all(o is sre.LITERAL or (o is sre.RANGE and c[1] - c[0] < 64) for o, c in av):
        chars = set()  # a small set of characters: [,. ], [0-3]
        for o, c in av:
            chars.update([c] if o is sre.LITERAL else range(c[0], c[1] + 1))
        return {(chr(c), True) for c in chars}
    if op in _REPEATS:
        low, high, body = av
        # Once through the body; after more than one pass nothing further is known.
        once = _heads(body) if high == 1 else {(text, False) for text, _ in _heads(body)}
        return once | {("", True)} if low == 0 else once  # or skipped when optional
    if op is sre.IN and av == [(sre.CATEGORY, sre.CATEGORY_DIGIT)]:
        return {(_DIGIT, False)}
    return {("", False)}  # anything else: the head ends here


class WordStarts:
    """Where in a text each of some keyed patterns can begin. `patterns` holds (key,
    pattern) pairs; a key's patterns are the branches of one alternation, in order."""

    def __init__(self, patterns: Sequence[tuple[Hashable, str | re.Pattern]], cache_words: int = 50_000):
        self.compiled = [(key, re.compile(p)) for key, p in patterns]
        heads = [None if p.flags & _OTHER_FLAGS else first_words(p.pattern) for _, p in self.compiled]
        # A key with a branch of unknown first words is scanned whole (finditer).
        self.unanchored = frozenset(key for (key, _), h in zip(self.compiled, heads) if h is None)
        self._by_prefix: dict[str, list[int]] = {}
        self._by_word: dict[str, list[int]] = {}
        self._by_digit: list[int] = []
        for i, head in enumerate(heads):
            if head is None or self.compiled[i][0] in self.unanchored:
                continue
            for prefix in head.prefixes:
                self._by_prefix.setdefault(prefix, []).append(i)
            for word in head.words:
                self._by_word.setdefault(word, []).append(i)
            if head.digit:
                self._by_digit.append(i)
        self._longest = max(map(len, self._by_prefix), default=0)
        self._cache: dict[str, tuple] = {}
        self._cache_words = cache_words

    def _of_word(self, word: str) -> tuple[tuple[Hashable, tuple[re.Pattern, ...]], ...]:
        """The patterns that can match where `word` starts: (key, its patterns in order)."""
        got = set(self._by_word.get(word, ()))
        if _DIGIT_FIRST.match(word):
            got.update(self._by_digit)
        for k in range(1, min(len(word), self._longest) + 1):
            got.update(self._by_prefix.get(word[:k], ()))
        per_key: dict[Hashable, list[re.Pattern]] = {}
        for i in sorted(got):
            key, pattern = self.compiled[i]
            per_key.setdefault(key, []).append(pattern)
        return tuple((key, tuple(ps)) for key, ps in per_key.items())

    def starts(self, text: str, wanted=None) -> dict[Hashable, list[tuple[int, tuple[re.Pattern, ...]]]]:
        """Per key (of those `wanted`, or all): the positions of the words its patterns can
        begin with, and those patterns."""
        cache = self._cache
        at: dict[Hashable, list] = {}
        for pos, word in zip(*_words(text)):
            got = cache.get(word)
            if got is None:
                got = self._of_word(word)
                if len(cache) >= self._cache_words:  # bounded, whatever the uploads hold
                    cache.clear()
                cache[word] = got
            for key, patterns in got:
                if wanted is None or key in wanted:
                    at.setdefault(key, []).append((pos, patterns))
        return at


# The words of the last text asked for: a sentence is looked at for its triggers, then for
# its dates.
_LAST_WORDS: tuple = ("", ([], []))


def _words(text: str) -> tuple[list[int], list[str]]:
    """The start of each word of `text`, and the words (split() builds them without a match
    object per word)."""
    global _LAST_WORDS
    cached = _LAST_WORDS  # one tuple, read and replaced whole: safe across threads
    if cached[0] == text:
        return cached[1]
    parts = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
    offsets = list(accumulate(map(len, parts), initial=0))
    words = (offsets[1:-1:2], parts[1::2])
    _LAST_WORDS = (text, words)
    return words


def scan(text: str, starts: list[tuple[int, tuple[re.Pattern, ...]]]) -> Iterator[re.Match]:
    """The matches of an alternation of patterns as its finditer gives them: left to right,
    not overlapping, at each position the first pattern that matches. Only the positions in
    `starts` are tried, and there only the patterns listed (a match is never empty: it
    begins with a word)."""
    end = 0
    for pos, patterns in starts:
        if pos < end:
            continue
        for pattern in patterns:
            m = pattern.match(text, pos)
            if m is not None:
                yield m
                end = m.end()
                break
