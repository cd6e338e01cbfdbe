"""The Sources page's list of every cited source: searched, cut to a readable size, graded."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import config, i18n
from dashboard.ingest.extract import extract, read_article
from dashboard.logic import selection
from dashboard.logic.filters import Filters
from dashboard.records import vocab

SOURCE_ROWS = 2000  # a large archive: the newest here, the search finds the rest
COLUMNS = ("published", "publisher", "title", "reliability", "url", "language")


@dataclass(frozen=True)
class SourceList:
    rows: pd.DataFrame  # COLUMNS, the grade in the page's language
    total: int  # sources in the data
    found: int  # sources the search kept, before the cut


def build(data, needle: str, lang: str) -> SourceList:
    sources = data["sources"]
    shown = selection.select("sources", sources, Filters(text=needle.strip()))
    found = len(shown)
    if found > SOURCE_ROWS:
        shown = shown.sort_values("published", ascending=False, kind="stable").head(SOURCE_ROWS)
    grades = [
        i18n.t(f"grade.{g}", lang) if g in vocab.SOURCE_GRADES else i18n.t("source.ungraded", lang)
        for g in shown.get("reliability", [None] * len(shown))
    ]
    return SourceList(shown.assign(reliability=grades)[list(COLUMNS)], len(sources), found)


# -- the bundled sample briefs, readable by anyone before any article is uploaded -------------
def sample_files() -> list:
    """The briefs bundled in data/articles (test material for the extractor, not map sources)."""
    folder = config.data_dir() / "articles"
    return (
        sorted(
            p
            for p in folder.glob("*")
            if p.is_file() and p.suffix.lower() in config.UPLOAD_TYPES and p.stem.upper() != "README"
        )
        if folder.is_dir()
        else []
    )


@dataclass(frozen=True)
class Sample:
    title: str
    publisher: str
    text: str
    spans: tuple  # the (start, end) evidence spans the extractor found


def sample(name: str) -> Sample | None:
    """One bundled brief, read and extracted as an upload would be, stored nowhere."""
    path = next((p for p in sample_files() if p.name == name), None)
    if path is None:
        return None
    article = read_article(path.read_bytes(), path.name)
    spans = sorted({(c.evidence_start, c.evidence_end) for c in extract(article)})
    return Sample(article.title or path.name, article.publisher or "", article.text, tuple(spans))
