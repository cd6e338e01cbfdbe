"""Configuration: the environment, read at call time, and every limit named once.

The README's "Configuration" section lists the same names and values; a test keeps the two
in step (tests/unit/test_config.py).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Environment variables (name -> what it sets). Read when asked, never at import: a test or
# a benchmark that sets one after importing the library is obeyed.
ENV = {
    "SAHEL_DB": "the store: a DuckDB file (default var/sahel.duckdb) or a PostgreSQL address postgresql://...",
    "SAHEL_DATA": "another curated data folder (default data/)",
    "SAHEL_REVIEWER_TOKEN": "the reviewer credential, at least MIN_TOKEN_LENGTH characters",
    "SAHEL_FEEDS": "the feed sources file read by `fetch` (default feeds.toml)",
    "SAHEL_INBOX": "where `fetch` leaves fetched articles until they are stored (default var/inbox)",
    "SAHEL_RELIEFWEB_APPNAME": "the appname ReliefWeb approved for its API (reliefweb sources)",
}


def data_dir() -> Path:
    return Path(os.environ.get("SAHEL_DATA") or ROOT / "data")


def db_target() -> str:
    """The store: a DuckDB file's path, or a PostgreSQL address (postgresql://...)."""
    return os.environ.get("SAHEL_DB") or str(ROOT / "var" / "sahel.duckdb")


def reviewer_token() -> str | None:
    return os.environ.get("SAHEL_REVIEWER_TOKEN") or None


def feeds_file() -> Path:
    return Path(os.environ.get("SAHEL_FEEDS") or ROOT / "feeds.toml")


def inbox_dir() -> Path:
    return Path(os.environ.get("SAHEL_INBOX") or ROOT / "var" / "inbox")


def reliefweb_appname() -> str | None:
    return os.environ.get("SAHEL_RELIEFWEB_APPNAME") or None


def chromium_path() -> Path:
    """The Chromium that prints the briefing PDF (CHROMIUM, the name the browser tests use too)."""
    return Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")


def secrets_file() -> Path:
    return ROOT / ".streamlit" / "secrets.toml"


# -- records: what a value may be --------------------------------------------------------------
MAX_TROOPS = 10_000_000  # above any force on earth: a larger figure is a typing or reading error
MAX_AMOUNT = 1e12  # a price in CFA francs; also rules out NaN and infinity
MAX_CHANGE_PCT = 1e6  # a stated price change, in per cent (the extractor's bound)
FIRST_YEAR = 1960  # no record is dated before independence
OUTLINE_TOLERANCE_DEG = 0.1  # a place may lie this far outside its country's 1:50m outline

# -- articles and ingestion ---------------------------------------------------------------------
# The article files read: one list for the upload widget, `ingest` on folders and the reader.
TEXT_TYPES = (".txt", ".text")
MARKDOWN_TYPES = (".md", ".markdown")
HTML_TYPES = (".html", ".htm", ".xhtml")
UPLOAD_TYPES = TEXT_TYPES + MARKDOWN_TYPES + HTML_TYPES
MAX_ARTICLE_BYTES = 1_000_000  # an uploaded or ingested article file, in bytes
# One file may be read this long (seconds) before it is rejected as too slow: Streamlit runs
# every session in one process, so one upload must never hold the server.
EXTRACT_SECONDS = 1.5
MAX_SENTENCE_CHARS = 800  # a longer "sentence" is cut: no rule sees more than this at once
MAX_DATES_PER_SENTENCE = 40  # dates read in one sentence

# -- news feeds (`fetch`) --------------------------------------------------------------------------
FETCH_TIMEOUT = 20  # seconds to connect and between two reads of one answer
FETCH_MAX_BYTES = 5_000_000  # a feed or page is read this far, then refused as too big
FETCH_HOST_INTERVAL = 1.0  # seconds between two requests to one host
FETCH_MAX_REDIRECTS = 5  # redirects followed before a request fails as a loop
FEED_MAX_ITEMS = 1_000  # items read of one feed in one run, newest first
FEED_FAILING_RUNS = 3  # runs in a row that failed before a source is flagged
INBOX_PER_VISIT = 200  # fetched articles the Sources page stores per visit (a few seconds' work)
MIN_CONTENT_CHARS = 600  # an item's own text shorter than this: its linked page is read
STORY_WINDOW_DAYS = 3  # copies of one story are published within this many days of each other
STORY_MIN_SHARED = 0.5  # similarity (shared word runs, then the leads) at which an article joins a story

# -- market prices (WFP) --------------------------------------------------------------------------
# A whole country's file since 1990 is about 8 MB; this leaves room for the largest ones (the
# Sources page's upload stops earlier, at Streamlit's server.maxUploadSize).
MAX_FILE_BYTES = 100_000_000  # a WFP food-price file, in bytes
MAX_PROBLEMS = 20  # faults listed in one refusal of a price file; the count says how many more
MIN_MONTHS = 36  # monthly prices a series needs to be graded in the manner of ALPS (three years)
MIN_COVERAGE = 0.7  # share of the months from a series' first to its last price that it reports
# An article's change agrees with the market series when the two differ by at most this many
# percentage points (monthly market prices cannot resolve finer: a month's price is one figure).
AGREE_PP = 10.0
MIN_CLAIM_DAYS = 28  # a stated change over fewer days is not compared with monthly prices
MAX_MARKET_LINES = 8  # markets drawn one line each; more are drawn as their country median
MAX_TREND_LINES = 3  # market lines up to which each line's seasonal trend is drawn dotted

# -- what a page draws ----------------------------------------------------------------------------
STALE_AFTER_DAYS = 365  # a force with no newer evidence is drawn as "last confirmed"
MAX_EVENT_MARKERS = 1_500  # above this, the timeline draws events as counts per month, quarter, year
MAX_BARS = 300  # above this, each force-country row is drawn as the union of its intervals
MAX_CELLS = 8_000  # heat-strip cells above which a cell is a quarter, then a year
MARKER_LIMIT = 150  # map intervals in one layer above which a marker stands for an actor at a place
SOURCES_LINKED = 30  # links in one source list; a grouped marker may cite thousands
MAX_FILTER_TEXT = 200  # characters kept of a free-text filter (URL parameter q)
MAX_NEAR_KM = 3_000  # the farthest "within N km of a foreign base" (URL parameter near)

# -- the store and its reviewers ---------------------------------------------------------------
SYNC_SECONDS = 1.0  # a PostgreSQL store's in-process copy checks for other processes' writes this often
REATTACH_SECONDS = 5  # a dashboard serving the bundled copy tries its store again this often
QUEUE_POLL_SECONDS = 2  # a reviewer's open queue looks for new stories this often
CLAIM_MINUTES = 15  # a review card one reviewer has open is kept from the others this long

# -- the reviewer credential ----------------------------------------------------------------------
MIN_TOKEN_LENGTH = 16  # characters of the reviewer token, at least
MAX_FAILURES = 10  # wrong guesses within FAILURE_WINDOW seconds that lock a client out
FAILURE_WINDOW = 15 * 60  # seconds a wrong guess counts towards the lockout
LOCKOUT_SECONDS = 15 * 60  # seconds a locked-out client is refused
BASE_DELAY = 1.0  # seconds of wait after the first wrong guess; doubles after each
MAX_DELAY = 60.0  # the longest wait between two guesses, in seconds
MAX_CLIENTS = 10_000  # clients remembered at once; the stalest are forgotten first

LIMITS = {
    name: value
    for name, value in globals().items()
    if name.isupper() and isinstance(value, (int, float)) and not isinstance(value, bool)
}
