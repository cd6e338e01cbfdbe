"""Read an uploaded news article (.txt, .md or .html) into text plus metadata.

Every failure a user can cause raises ArticleError with a message that names the file and
says what to do, so the upload form can show it as is.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from dashboard import config, i18n
from dashboard.errors import BadInput
from dashboard.ingest.extract.header import first_heading, markdown_to_text, split_header
from dashboard.ingest.extract.htmltext import html_to_text
from dashboard.ingest.extract.language import guess_language, normalise_code

TEXT_EXT = {"", *config.TEXT_TYPES}  # a file named without a suffix is read as text
MD_EXT = set(config.MARKDOWN_TYPES)
HTML_EXT = set(config.HTML_TYPES)
FIELDS = ("title", "publisher", "published", "url", "language")


class ArticleError(BadInput):
    """A problem with an uploaded article, worded for the person who uploaded it: the text of
    i18n key `article.<key>` filled from `values`, after the file's name (English as the
    message; the Sources page shows it in the reader's language)."""

    def __init__(self, key: str, name: str, **values):
        self.key, self.name, self.values = f"article.{key}", name, values
        super().__init__(f"{name}: {self.text('en')}")

    def text(self, lang: str) -> str:
        """The reason without the file's name, in `lang`."""
        return i18n.t(self.key, lang, **_shown(self.values, lang))


def _shown(values: dict, lang: str) -> dict:
    """Counts formatted for the language (1,000,000 / 1 000 000); text as it is."""
    return {k: i18n.fmt_number(v, lang) if isinstance(v, int) else v for k, v in values.items()}


@dataclass(frozen=True)
class Article:
    title: str
    publisher: str | None
    published: dt.date
    url: str | None
    language: str  # "en" or "fr"
    text: str  # plain text; evidence offsets point into it
    sha256: str  # of `text`, to spot the same article uploaded twice


def read_article(raw: bytes, filename: str, overrides: dict | None = None) -> Article:
    """Decode, strip markup and collect metadata; `overrides` (from the form) win."""
    name = PurePath(filename or "article").name or "article"
    ext = PurePath(name).suffix.lower()
    if ext not in TEXT_EXT | MD_EXT | HTML_EXT:
        raise ArticleError("unsupported", name, ext=ext)
    overrides = _clean_overrides(overrides)
    if not raw:
        raise ArticleError("empty", name)
    if len(raw) > config.MAX_ARTICLE_BYTES:
        raise ArticleError("too_big", name, size=len(raw), limit=config.MAX_ARTICLE_BYTES)
    source = _decode(raw, name).replace("\r\n", "\n").replace("\r", "\n")
    is_html = ext in HTML_EXT or re.match(r"\s*<(!doctype html|html[\s>])", source[:200], re.I)
    if is_html:
        try:
            body, meta = html_to_text(source)
        except ValueError as exc:
            raise ArticleError("html_unreadable", name, error=str(exc)) from None
        if not body.strip():
            raise ArticleError("html_empty", name)
    else:
        meta, body = split_header(collapse_runs(source))
        if ext in MD_EXT:
            meta.setdefault("title", first_heading(body) or "")
            body = markdown_to_text(body)
    text = normalise_text(body)
    if not text:
        raise ArticleError("no_text", name)
    meta = {k: v for k, v in meta.items() if v}
    meta.update(overrides)
    return Article(
        title=_one_line(meta.get("title")) or _first_line(text) or PurePath(name).stem,
        publisher=_one_line(meta.get("publisher")) or None,
        published=_published(meta.get("published"), name),
        url=_one_line(meta.get("url")) or None,
        language=normalise_code(meta.get("language")) or guess_language(text),
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def _clean_overrides(overrides: dict | None) -> dict:
    if not overrides:
        return {}
    unknown = set(overrides) - set(FIELDS)
    if unknown:
        raise BadInput(f"unknown override field(s): {', '.join(sorted(unknown))}")
    return {k: v for k, v in overrides.items() if v not in (None, "")}


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _check_text(raw.decode("utf-16"), name)
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        raise ArticleError("binary_nul", name)
    try:
        return _check_text(raw.decode("utf-8-sig"), name)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible(text):
        return _check_text(text, name)
    raise ArticleError("encoding", name, byte=f"0x{raw[utf8_error.start]:02x}", position=utf8_error.start)


def _oddness(text: str) -> float:
    """Share of characters that do not belong in prose (controls, unassigned, private use)."""
    if not text:
        return 0.0
    odd = sum(1 for c in text if c not in "\n\r\t\f" and unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs"))
    return odd / len(text)


def _plausible(text: str) -> bool:
    """cp1252 decodes almost any bytes; accept it only if the result reads like prose:
    few control characters and mostly letters, digits, spaces and punctuation."""
    if _oddness(text) > 0.01:
        return False
    letters = sum(1 for c in text if c.isalnum() or c.isspace())
    symbols = sum(1 for c in text if ord(c) > 127 and not c.isalpha())
    return letters / len(text) > 0.7 and symbols / len(text) < 0.05


def _check_text(text: str, name: str) -> str:
    if _oddness(text) > 0.05:
        raise ArticleError("binary", name)
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff]")

# Every pattern applied to uploaded text must run in linear time: a run of the same blank or
# punctuation character is where backtracking regexes blow up, and in prose a long run means
# nothing (layout, padding or an attack). Runs are shortened before any other rule runs.
_LONG_BLANKS = re.compile(r"[^\S\n]{9,}")  # a run of 9+ blanks -> one space
_LONG_NEWLINES = re.compile(r"\n{3,}")  # at most one blank line
_LONG_PUNCT = re.compile(r"([^\w\s])\1{8,}")  # a 9+ run of one symbol -> 8 of them


def collapse_runs(text: str) -> str:
    """Shorten runs of blanks, line breaks and repeated symbols (all linear regexes: each
    is a single character class or a backreference to one character)."""
    text = _LONG_BLANKS.sub(" ", text)
    text = _LONG_NEWLINES.sub("\n\n", text)
    return _LONG_PUNCT.sub(lambda m: m.group(1) * 8, text)


def normalise_text(text: str) -> str:
    """NFC, Unix line ends, no control characters, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text.replace("\t", " "))
    # Blanks at line ends go (str.rstrip per line: a regex like `[ ]+\n` is quadratic on a
    # long run of spaces that is not followed by a line break).
    text = "\n".join(line.rstrip(" \u00a0") for line in text.split("\n"))
    return collapse_runs(text).strip()


def _one_line(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _first_line(text: str) -> str:
    line = text.split("\n", 1)[0].strip()
    return line if len(line) <= 160 else line[:157].rstrip() + "..."


_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_DMY = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")


def parse_published(value) -> dt.date | None:
    """A publication date from a header, meta tag or form: date, ISO or written out."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        return None
    s = str(value).strip()
    for pattern, order in ((_ISO, (0, 1, 2)), (_DMY, (2, 1, 0))):
        m = pattern.match(s)
        if m:
            parts = [int(g) for g in m.groups()]
            try:
                return dt.date(parts[order[0]], parts[order[1]], parts[order[2]])
            except ValueError:
                return None
    if len(s) > 60:
        return None
    from dashboard.ingest.extract.dates import parse_span  # dateparser stays out of the import path

    return parse_span(s)


# A publication date outside these years is a placeholder ("0001-01-01" is how many pages
# say "no date") or a typo: it is treated as unknown, and the reader asks for it.
FIRST_PUBLISHED = dt.date(1900, 1, 1)


def latest_published() -> dt.date:
    """The latest plausible publication date: one year from today."""
    today = dt.date.today()
    return (
        today.replace(year=today.year + 1)
        if (today.month, today.day) != (2, 29)
        else today + dt.timedelta(days=365)
    )


def plausible_published(date: dt.date | None) -> dt.date | None:
    """`date` if it can be an article's publication date, else None."""
    if date is None or not FIRST_PUBLISHED <= date <= latest_published():
        return None
    return date


def _published(value, name: str) -> dt.date:
    date = parse_published(value)
    if date is not None and plausible_published(date) is None:
        raise ArticleError(
            "date_implausible",
            name,
            value=_one_line(value)[:40],
            first=str(FIRST_PUBLISHED.year),
            last=str(latest_published().year),
        )
    if date is not None:
        return date
    if value not in (None, ""):
        raise ArticleError("date_unreadable", name, value=value)
    raise ArticleError("no_date", name)
