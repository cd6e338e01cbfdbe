"""Offline extraction of candidate events from news articles (English and French)."""

from dashboard.ingest.extract.article import Article, ArticleError, read_article
from dashboard.ingest.extract.extractor import CANDIDATE_KEYS, EVENT_TYPES, Candidate, extract

__all__ = ["Article", "ArticleError", "read_article", "Candidate", "extract", "CANDIDATE_KEYS", "EVENT_TYPES"]
