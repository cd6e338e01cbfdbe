"""Sentence boundaries with character offsets, so evidence can point back into the text."""

from __future__ import annotations

import re

from dashboard import config

# Words that end with a dot without ending a sentence ("Gen. Tiani", "M. Macron", "U.S.").
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen col lt capt maj sgt cpl adm brig cmdr gov sen rep pres prof "
    "jr sr no nos vs approx dept est fig art ch vol ed eds inc ltd co corp jan feb mar apr "
    "jun jul aug sep sept oct nov dec mme mmes mlle mm me lt.-col gal cdt st-cyr etc.al".split()
)
# All linear, even on a run of 64,000 dots or spaces: a run of end marks is only tried from
# its first character (the lookbehind), and every quantifier that cannot usefully give
# characters back is possessive.
_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'»”’)\]]*+(?=\s)")
_NEXT_STARTS_SENTENCE = re.compile(r"\s++[\"'«“(\[]?+\s*+[A-ZÀ-Ý0-9]")
_BLOCK = re.compile(r"\n[ \t]*+\n|\n(?=[ \t]*+(?:[-*•#>]|\d++[.)])\s)")
_LINE_END_CHARS = frozenset(".!?:;…\"'»”’)")


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs, headings and list items: sentences never cross them."""
    spans, start = [], 0
    for m in _BLOCK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        # Inside a block, a line break ends a sentence only after closing punctuation or
        # after a short unpunctuated line (a heading or dateline); wrapped lines continue.
        # The text since the last break is never re-read: only the line just ended is looked
        # at, and where the pending text starts is found once, so a block of thousands of
        # wrapped lines costs one pass.
        line_start = prev = a
        first = last = -1  # non-blank ends of the pending text, if any
        nl = text.find("\n", a, b)
        while nl >= 0:
            if first < 0:
                f = _first_non_space(text, prev, nl)
                first = f if f < nl else -1
            lst = _last_non_space(text, prev, nl)
            if lst >= prev:
                last = lst
            ends = last >= 0 and text[last] in _LINE_END_CHARS
            if ends or (first >= 0 and last + 1 - first < 50):
                out.append((line_start, nl))
                line_start = nl + 1
                first = last = -1
            prev = nl + 1
            nl = text.find("\n", prev, b)
        out.append((line_start, b))
    return out


def _first_non_space(text: str, a: int, b: int) -> int:
    """Index of the first non-blank character in text[a:b], or b."""
    chunk = text[a:b]
    return a + (len(chunk) - len(chunk.lstrip()))


def _last_non_space(text: str, a: int, b: int) -> int:
    """Index of the last non-blank character in text[a:b], or a - 1."""
    return a + len(text[a:b].rstrip()) - 1


def _is_abbreviation(text: str, dot: int) -> bool:
    """The dot at `dot` closes an abbreviation or an initial rather than a sentence."""
    if text[dot] != ".":
        return False
    m = re.search(r"([\w.\-]+)$", text[max(0, dot - 12) : dot])
    if not m:
        return False
    word = m.group(1).lower().lstrip(".")
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "M.", "J. Smith"
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return True  # "u.s", "u.n"
    return word in ABBREVIATIONS


# Longer "sentences" (lists, tables, unpunctuated dumps) are cut, so work per sentence
# stays bounded whatever the upload.


def _cut(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split an over-long span at the last comma or space before config.MAX_SENTENCE_CHARS."""
    out = []
    while b - a > config.MAX_SENTENCE_CHARS:
        window = text[a : a + config.MAX_SENTENCE_CHARS]
        cut = max(window.rfind(", "), window.rfind("; "))
        if cut < config.MAX_SENTENCE_CHARS // 2:
            cut = window.rfind(" ")
        cut = a + (cut + 1 if cut > 0 else config.MAX_SENTENCE_CHARS)
        out.append((a, cut))
        a = cut
    out.append((a, b))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed; text[start:end] is the sentence."""
    spans: list[tuple[int, int]] = []
    for a, b in _blocks(text):
        start = a
        for m in _END.finditer(text, a, b):
            end = m.end()
            if not _NEXT_STARTS_SENTENCE.match(text, end, b):
                continue
            if _is_abbreviation(text, m.start()) and m.group() == ".":
                continue
            spans.append((start, end))
            start = end
        spans.append((start, b))
    trimmed = []
    for a, b in (piece for span in spans for piece in _cut(text, *span)):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed
