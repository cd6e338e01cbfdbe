"""Plain text and metadata of an HTML page, with the standard library's tolerant parser."""
from __future__ import annotations

import re
from html.parser import HTMLParser

# Content that is never article text.
SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "nav", "object", "canvas",
        "head", "select", "button"}
# Elements that end a paragraph: their boundaries become blank lines, so sentences never
# run from one block into the next.
BLOCK = {"p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3",
         "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th",
         "blockquote", "pre", "figure", "figcaption", "hr", "address", "form", "fieldset",
         "details", "summary", "caption", "body", "html"}
# Elements without a closing tag: they must not open a skipped region.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param"}
META_KEYS = {
    "og:title": "title", "twitter:title": "title",
    "article:published_time": "published", "og:published_time": "published",
    "datepublished": "published", "date": "published", "pubdate": "published",
    "publish-date": "published", "dc.date": "published", "dc.date.issued": "published",
    "og:site_name": "publisher", "og:url": "url", "og:locale": "language",
}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.skip_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.time_value: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.meta.setdefault("lang", a["lang"])
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            field = META_KEYS.get(key)
            if field and a.get("content", "").strip():
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


_SPACES = re.compile(r"[ \t\r\f\v]+")
_BREAKS = re.compile(r"[ \t]*\n[ \t\n]*")


def html_to_text(source: str) -> tuple[str, dict[str, str]]:
    """(text, metadata). Raises ValueError when the parser gives up on the markup."""
    parser = _Collector()
    try:
        parser.feed(source)
        parser.close()
    except Exception as exc:  # the tolerant parser still asserts on a few malformed inputs
        raise ValueError(str(exc)) from exc
    raw = "".join(parser.parts)
    # Inline whitespace collapses to one space; any run holding a blank line stays one.
    text = _BREAKS.sub(lambda m: "\n\n" if m.group().count("\n") > 1 else "\n",
                       _SPACES.sub(" ", raw)).strip()
    meta = dict(parser.meta)
    title = " ".join("".join(parser.title_parts).split())
    if title:
        meta.setdefault("title", title)
    if parser.time_value:
        meta.setdefault("published", parser.time_value)
    if "url" not in meta and "canonical" in meta:
        meta["url"] = meta["canonical"]
    meta.pop("canonical", None)
    if "lang" in meta:
        meta["language"] = meta.pop("lang")
    return text, meta
