"""The metadata block at the top of a .txt/.md brief, and Markdown reduced to plain text."""

from __future__ import annotations

import re

# Header keys in English and French, mapped to Article fields.
KEYS = {
    "title": "title",
    "headline": "title",
    "titre": "title",
    "publisher": "publisher",
    "source": "publisher",
    "site": "publisher",
    "editeur": "publisher",
    "éditeur": "publisher",
    "média": "publisher",
    "media": "publisher",
    "published": "published",
    "date": "published",
    "publication": "published",
    "publié": "published",
    "publie": "published",
    "published_at": "published",
    "url": "url",
    "link": "url",
    "lien": "url",
    "language": "language",
    "lang": "language",
    "langue": "language",
}
# Possessive `*+` and no lazy `(.*?)\s*$` tail: linear however long the line (the value is
# stripped in Python instead).
_LINE = re.compile(r"\s*+([A-Za-zÀ-ÿ_][\wÀ-ÿ -]{0,24}?)\s*+:(.*)", re.S)


def _pairs(lines: list[str]) -> dict[str, str] | None:
    """Known `key: value` pairs, or None if any line is not of that shape."""
    found: dict[str, str] = {}
    for line in lines:
        m = _LINE.match(line)
        if not m:
            return None
        field = KEYS.get(m.group(1).strip().lower())
        if field:
            found.setdefault(field, m.group(2).strip().strip("\"'"))
    return found or None


def split_header(text: str) -> tuple[dict[str, str], str]:
    """(metadata, body). Front matter between `---` lines, or leading `Key: value` lines
    up to the first blank line. Text without such a block comes back unchanged."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, min(len(lines), 60)):
            if lines[i].strip() in ("---", "..."):
                meta = _pairs([line for line in lines[1:i] if line.strip()])
                if meta is not None:
                    return meta, "\n".join(lines[i + 1 :])
                break
    head = []
    for line in lines:
        if not line.strip():
            break
        head.append(line)
    meta = _pairs(head) if 0 < len(head) <= 12 else None
    if meta is None:
        return {}, text
    return meta, "\n".join(lines[len(head) :])


# Every rule must stay linear on hostile input (a Streamlit upload runs in the server's only
# process): brackets and parentheses are scanned only up to the next opening one, so no two
# attempts rescan the same text, and line-shaped rules (headings, rules, quotes) work on
# single lines with plain string methods instead of `^\s*...\s*$` patterns.
_URL = r"\((?:[^()]|\([^()]*\))*\)"  # one level of nested parentheses
_INLINE_RULES = (
    (re.compile(r"```.*?```", re.S), ""),  # code blocks are not prose
    (re.compile(r"!\[[^\[\]]*\]" + _URL), ""),  # images
    (re.compile(r"\[([^\[\]]+)\]" + _URL), r"\1"),  # links keep their words
)
_SPAN_RULES = (
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"`([^`\n]+)`"), r"\1"),
)
_HEADING = re.compile(r"[^\S\n]{0,3}#{1,6}")
_QUOTE = re.compile(r"[^\S\n]{0,3}>[^\S\n]?")
_RULE = re.compile(r"(?:[-*_][^\S\n]*+){3,}")


def _heading(line: str) -> str | None:
    """The words of a `## Heading ##` line, or None if the line is not a heading."""
    m = _HEADING.match(line)
    if not m:
        return None
    return line[m.end() :].strip().rstrip("#").rstrip()


def _block_line(line: str) -> str:
    heading = _heading(line)
    if heading is not None:
        return f"\n\n{_quote_or_rule(heading)}\n\n"  # a heading is a block
    return _quote_or_rule(line)


def _quote_or_rule(line: str) -> str:
    m = _QUOTE.match(line)
    if m:
        line = line[m.end() :]  # block quotes
    if _RULE.fullmatch(line.strip()):
        return "\n"  # horizontal rules
    return line


def markdown_to_text(text: str) -> str:
    for pattern, repl in _INLINE_RULES:
        text = pattern.sub(repl, text)
    text = "\n".join(_block_line(line) for line in text.split("\n"))
    for pattern, repl in _SPAN_RULES:
        text = pattern.sub(repl, text)
    return text


def first_heading(text: str) -> str | None:
    """The first `# Heading` of a Markdown document, used as title when none is given."""
    for line in text.split("\n"):
        heading = _heading(line)
        if heading:
            return heading
    return None
