"""The metadata block at the top of a .txt/.md brief, and Markdown reduced to plain text."""
from __future__ import annotations

import re

# Header keys in English and French, mapped to Article fields.
KEYS = {
    "title": "title", "headline": "title", "titre": "title",
    "publisher": "publisher", "source": "publisher", "site": "publisher", "editeur": "publisher",
    "éditeur": "publisher", "média": "publisher", "media": "publisher",
    "published": "published", "date": "published", "publication": "published",
    "publié": "published", "publie": "published", "published_at": "published",
    "url": "url", "link": "url", "lien": "url",
    "language": "language", "lang": "language", "langue": "language",
}
_LINE = re.compile(r"^\s*([A-Za-zÀ-ÿ_][\wÀ-ÿ -]{0,24}?)\s*:\s*(.*?)\s*$")


def _pairs(lines: list[str]) -> dict[str, str] | None:
    """Known `key: value` pairs, or None if any line is not of that shape."""
    found: dict[str, str] = {}
    for line in lines:
        m = _LINE.match(line)
        if not m:
            return None
        field = KEYS.get(m.group(1).strip().lower())
        if field:
            found.setdefault(field, m.group(2).strip().strip('"\''))
    return found or None


def split_header(text: str) -> tuple[dict[str, str], str]:
    """(metadata, body). Front matter between `---` lines, or leading `Key: value` lines
    up to the first blank line. Text without such a block comes back unchanged."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, min(len(lines), 60)):
            if lines[i].strip() in ("---", "..."):
                meta = _pairs([l for l in lines[1:i] if l.strip()])
                if meta is not None:
                    return meta, "\n".join(lines[i + 1:])
                break
    head = []
    for line in lines:
        if not line.strip():
            break
        head.append(line)
    meta = _pairs(head) if 0 < len(head) <= 12 else None
    if meta is None:
        return {}, text
    return meta, "\n".join(lines[len(head):])


_MD_RULES = (
    (re.compile(r"```.*?```", re.S), ""),                       # code blocks are not prose
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),                  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),              # links keep their words
    (re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$", re.M), "\n\n\\1\n\n"),  # a heading is a block
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),                    # block quotes
    (re.compile(r"^\s*(?:[-*_]\s*){3,}$", re.M), "\n"),          # horizontal rules
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),                   # bold
    (re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"`([^`\n]+)`"), r"\1"),
)


def markdown_to_text(text: str) -> str:
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text


def first_heading(text: str) -> str | None:
    """The first `# Heading` of a Markdown document, used as title when none is given."""
    m = re.search(r"^\s{0,3}#{1,6}\s*(.+?)\s*#*\s*$", text, re.M)
    return m.group(1).strip() if m else None
