"""Plain text and metadata of an HTML page, with a small tolerant tokenizer of our own.

The standard library's html.parser rescans the rest of the document from every `<` it cannot
close (`<p <p <p ...`, `<!<!<!`, `</</</`): quadratic time, and one upload blocks the
Streamlit server for minutes. This tokenizer moves forward only: every construct is closed by
`str.find` or by a possessive regex, and one that never closes runs to the end of the page
and is dropped there, as a browser drops an unfinished tag. So the work is linear in the
length of the page, whatever the markup.
"""

from __future__ import annotations

import html
import re

# Content that is never article text.
SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "nav",
    "object",
    "canvas",
    "head",
    "select",
    "button",
}
# Elements that end a paragraph: their boundaries become blank lines, so sentences never
# run from one block into the next.
BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "hr",
    "address",
    "form",
    "fieldset",
    "details",
    "summary",
    "caption",
    "body",
    "html",
}
# Elements without a closing tag: they must not open a skipped region.
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
    "param",
}
META_KEYS = {
    "og:title": "title",
    "twitter:title": "title",
    "article:published_time": "published",
    "og:published_time": "published",
    "datepublished": "published",
    "date": "published",
    "pubdate": "published",
    "publish-date": "published",
    "dc.date": "published",
    "dc.date.issued": "published",
    "og:site_name": "publisher",
    "og:url": "url",
    "og:locale": "language",
}


class _Collector:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.skip_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.time_value: str | None = None
        self.dates: list[str] = []  # publication dates of the meta tags, in page order

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.meta.setdefault("lang", a["lang"])
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            field = META_KEYS.get(key)
            if field == "published" and a.get("content", "").strip():
                self.dates.append(a["content"].strip())
            elif field and a.get("content", "").strip():
                self.meta.setdefault(field, a["content"].strip())
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("canonical", a["href"].strip())
        elif tag == "time" and a.get("datetime") and self.time_value is None:
            self.time_value = a["datetime"].strip()
        if tag == "title":
            self.in_title = True
        elif tag == "body":  # an unclosed <head> must not swallow the page
            self.skip_depth = 0
            self.parts.append("\n\n")
        elif tag in SKIP and tag not in VOID:
            self.skip_depth += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        # <br/>, <meta/> and friends: same as an opening tag, but never open a region.
        if tag in SKIP and tag not in VOID:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in SKIP and tag not in VOID:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
        elif self.skip_depth == 0:
            self.parts.append(data)


# The tag name, then attributes up to the closing `>`. Each alternative starts on a different
# character class and every quantifier is possessive, so a match is a single forward pass; it
# fails only at the end of the page (no `>` left).
_START_TAG = re.compile(
    r"""<([a-zA-Z][^\s/>\x00]*+)((?:[\s/]++|[^\s/>][^\s/>=]*+"""
    r"""(?:\s*+=++\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]*+))?+)*+)>"""
)
# Where markup can start; any other `<` is text ("a < b", "<3").
_MARKUP = re.compile(r"<[a-zA-Z/!?]")
_END_TAG = re.compile(r"</([a-zA-Z][^\s/>\x00]*+)[^>]*+>")
_ATTR = re.compile(r"""([^\s/>][^\s/>=]*+)(?:\s*+=++\s*+("[^"]*+"|'[^']*+'|[^\s>]*+))?+""")
# Elements whose content is raw text up to their end tag.
RAW_TEXT = ("script", "style")
_RAW_END = {tag: re.compile(rf"</{tag}\s*+>", re.I) for tag in RAW_TEXT}
# Only these elements' attributes are read.
WITH_ATTRS = {"html", "meta", "link", "time"}


def _attrs(text: str) -> list[tuple[str, str | None]]:
    out = []
    for m in _ATTR.finditer(text):
        value = m.group(2)
        if value is not None:
            if value[:1] in "\"'" and len(value) > 1 and value[-1] == value[0]:
                value = value[1:-1]
            value = html.unescape(value)
        out.append((m.group(1).lower(), value))
    return out


def _feed(parser: _Collector, src: str) -> None:
    """Tokenize `src` into the collector's handlers, in one forward pass."""
    i, n = 0, len(src)
    while i < n:
        found = _MARKUP.search(src, i)
        if found is None:
            parser.handle_data(html.unescape(src[i:]))
            return
        lt = found.start()
        if lt > i:
            parser.handle_data(html.unescape(src[i:lt]))
        nxt = src[lt + 1]
        if nxt != "/" and nxt != "!" and nxt != "?":
            m = _START_TAG.match(src, lt)
            if m is None:
                return  # an unfinished tag runs to the end: dropped
            tag = m.group(1).lower()
            attrs = _attrs(m.group(2)) if tag in WITH_ATTRS else []
            i = m.end()
            if m.group(2).endswith("/"):
                parser.handle_startendtag(tag, attrs)
                continue
            parser.handle_starttag(tag, attrs)
            if tag in RAW_TEXT:
                end = _RAW_END[tag].search(src, i)
                if end is None:
                    return  # unclosed script: the rest is script
                parser.handle_data(src[i : end.start()])
                parser.handle_endtag(tag)
                i = end.end()
            continue
        if nxt == "/":
            m = _END_TAG.match(src, lt)
            if m is not None:
                parser.handle_endtag(m.group(1).lower())
                i = m.end()
                continue
            close = src.find(">", lt + 2)  # `</>`, `</ x>`: a bogus comment
            if close < 0:
                return
            i = close + 1
            continue
        if src.startswith("<!--", lt):
            close = src.find("-->", lt + 4)
            if close < 0:
                return  # an unclosed comment hides the rest
            i = close + 3
            continue
        if src.startswith("<![CDATA[", lt):
            close = src.find("]]>", lt + 9)
            if close < 0:
                return
            i = close + 3
            continue
        close = src.find(">", lt + 2)  # doctype, declarations, processing instructions
        if close < 0:
            return
        i = close + 1


_SPACES = re.compile(r"[ \t\r\f\v]+")
_BREAKS = re.compile(r"[ \t]*\n[ \t\n]*")


def _best_date(values: list[str]) -> str:
    """The first value that is a plausible publication date: pages often carry a placeholder
    ("0001-01-01T00:00:00") in one tag and the real date in another. If none is, the first
    (the reader then says why it cannot be used)."""
    from dashboard.ingest.extract.article import parse_published, plausible_published

    for value in values[:10]:
        if plausible_published(parse_published(value[:100])) is not None:
            return value
    return values[0]


def html_to_text(source: str) -> tuple[str, dict[str, str]]:
    """(text, metadata). Any markup is accepted; what cannot be read is dropped."""
    parser = _Collector()
    _feed(parser, source)
    raw = "".join(parser.parts)
    # Inline whitespace collapses to one space; any run holding a blank line stays one.
    text = _BREAKS.sub(lambda m: "\n\n" if m.group().count("\n") > 1 else "\n", _SPACES.sub(" ", raw)).strip()
    meta = dict(parser.meta)
    title = " ".join("".join(parser.title_parts).split())
    if title:
        meta.setdefault("title", title)
    dates = parser.dates + ([parser.time_value] if parser.time_value else [])
    if dates:
        meta["published"] = _best_date(dates)
    if "url" not in meta and "canonical" in meta:
        meta["url"] = meta["canonical"]
    meta.pop("canonical", None)
    if "lang" in meta:
        meta["language"] = meta.pop("lang")
    return text, meta
