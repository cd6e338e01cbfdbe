"""Case- and accent-folding that keeps every character at its offset.

Matching runs on the folded copy of a text, and the offsets it finds are used on the
original, so folding must never change the length of the string.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate

# Punctuation variants that would otherwise break word matching ("d’État", "1 500").
_PUNCT = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "`": "'",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2007": " ",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u0153": "o",
    "\u00e6": "a",
    "\u00df": "s",
}

WORD_RE = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table = {ord(k): v for k, v in _PUNCT.items()}
    # Latin-1 supplement and Latin Extended-A/B: strip the accent, keep the base letter.
    for code in range(0x00C0, 0x0250):
        ch = chr(code).lower()
        if len(ch) != 1:
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii():
            table[code] = base
            table[ord(ch)] = base
    return table


def fold(text: str) -> str:
    """Lowercase, strip Latin accents and unify quotes/spaces, same length as `text`."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (e.g. U+0130) lowercase into two
        low = "".join((c.lower() or c)[0] for c in text)
    return low.translate(_table())


def words(folded: str) -> list[tuple[int, int, str]]:
    """Word tokens (letters and digits) with their offsets."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(folded)]


# WORD_RE as a group: split() then returns the words between the gaps.
_WORD_SPLIT = re.compile(r"([^\W_]+)")


def word_spans(folded: str) -> tuple[list[int], list[int], list[str]]:
    """words() as three lists (starts, ends, words), built without a match object per word."""
    parts = _WORD_SPLIT.split(folded)  # gap, word, gap, word, ..., gap
    offsets = list(accumulate(map(len, parts), initial=0))
    return offsets[1:-1:2], offsets[2::2], parts[1::2]


def phrase_key(text: str) -> str:
    """The lookup key of an alias: its folded words joined by single spaces."""
    return " ".join(WORD_RE.findall(fold(text)))
