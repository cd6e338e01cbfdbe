"""Hostile input to every parser a user can reach: none may raise.

URL parameters, data folders, CSV exports and uploaded article files are all typed or edited
by people; each parser must answer with notices, problems or a rejection, never a traceback,
and answer each input within CASE_LIMIT seconds (measured per case with time.perf_counter).

Two Hypothesis profiles: "quick" (the default, for CI: about a thousand cases in all) and "long"
(HYPOTHESIS_PROFILE=long, set by `python -m bench.fuzz`: more than ten thousand). Both have
deadline=None: the per-case timer below is the time limit, and it is the same in both.
"""
import datetime as dt
import json
import os
import re
import shutil
import tempfile
import time
import traceback
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dashboard import export, filters, ingest, schema, vocab
from dashboard.extract import Article, ArticleError, Candidate, extract, read_article
from dashboard.extract.candidate import EVENT_TYPES
from dashboard.extract.dates import parse_span
from dashboard.store import Store

# -- profiles, per-case timer, figures ---------------------------------------------------------

_BASE = dict(deadline=None, print_blob=True,
             suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                    HealthCheck.data_too_large])
settings.register_profile("quick", max_examples=100, **_BASE)
settings.register_profile("long", max_examples=1000, **_BASE)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "quick")
PROFILE = PROFILE if PROFILE in ("quick", "long") else "quick"
CASE_LIMIT = float(os.environ.get("FUZZ_CASE_LIMIT", "2.0"))  # seconds per input
# Inputs per target and profile. The long run adds up to more than 10,000 (bench/fuzz.py).
EXAMPLES = {
    "quick": {"from_params": 100, "validate": 100, "read_csv": 100, "ingest": 100,
              "csv_round_trip": 100, "article": 150, "extract": 100, "ingest_any_date": 60},
    "long": {"from_params": 2000, "validate": 1000, "read_csv": 1500, "ingest": 600,
             "csv_round_trip": 1500, "article": 2000, "extract": 1000, "ingest_any_date": 800},
}


def fuzz(target: str) -> settings:
    """The settings of one target under the chosen profile (no global profile is loaded, so
    other modules' Hypothesis tests keep their own settings)."""
    return settings(settings.get_profile(PROFILE), max_examples=EXAMPLES[PROFILE][target])


# Crashes that are known, reported to their owner and pinned by a strict xfail test below.
# While one is listed, the broad fuzz tests count it (bench/fuzz.py prints the count) instead
# of failing on it again; FUZZ_STRICT=1 fails on it too. Delete the entry once it is fixed.
KNOWN_BUGS = {
    # dashboard/extract/dates.py: relative dates ("yesterday", "two years ago", "next year",
    # "on Sunday", "in March", "12 March") resolved against a publication date near
    # 0001-01-01 or 9999-12-31 step outside datetime's range.
    "extract-date-out-of-range": (
        (ValueError, OverflowError),
        re.compile(r"^(year -?\d+ is out of range|date value out of range)$"),
        ("dashboard/extract/",)),
}
STRICT = os.environ.get("FUZZ_STRICT") == "1"

STATS: dict[str, dict] = {}


def _stat(target: str) -> dict:
    return STATS.setdefault(target, {"inputs": 0, "over_limit": 0, "slowest": 0.0,
                                     "slowest_input": "", "errors": {}, "known": {}})


def known_bug(err: BaseException):
    """The KNOWN_BUGS name of this exception, or None (also None under FUZZ_STRICT=1)."""
    if STRICT:
        return None
    frames = [f.filename.replace(os.sep, "/") for f in traceback.extract_tb(err.__traceback__)]
    for name, (types, message, where) in KNOWN_BUGS.items():
        if isinstance(err, types) and message.match(str(err)) and any(
                w in f for f in frames[-3:] for w in where):
            return name
    return None


def call(target: str, shown, fn, *args, **kwargs):
    """fn(*args, **kwargs) as one input of `target`: counted, timed, and failed when it takes
    more than CASE_LIMIT seconds. An exception is recorded by type, message and place (known
    bugs apart), with the shortest input that raised it, and raised again."""
    stat = _stat(target)
    stat["inputs"] += 1
    start = time.perf_counter()
    try:
        result = fn(*args, **kwargs)
    except Exception as err:
        _record_error(stat, err, shown, time.perf_counter() - start)
        raise
    elapsed = time.perf_counter() - start
    _record_time(stat, elapsed, shown)
    assert elapsed <= CASE_LIMIT, f"{target}: one input took {elapsed:.2f} s (limit {CASE_LIMIT} s)"
    return result


def _record_time(stat: dict, elapsed: float, shown) -> None:
    if elapsed > stat["slowest"]:
        stat["slowest"], stat["slowest_input"] = round(elapsed, 4), _show(shown)
    if elapsed > CASE_LIMIT:
        stat["over_limit"] += 1


def _record_error(stat: dict, err: BaseException, shown, elapsed: float) -> None:
    _record_time(stat, elapsed, shown)
    tb = traceback.extract_tb(err.__traceback__)
    where = f"{Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else "?"
    key = f"{type(err).__name__}: {str(err)[:120]} @ {where}"
    bucket = stat["known"] if known_bug(err) else stat["errors"]
    entry = bucket.setdefault(key, {"count": 0, "input": _show(shown)})
    entry["count"] += 1
    if len(_show(shown)) < len(entry["input"]):
        entry["input"] = _show(shown)  # the shortest input seen


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 300 else text[:240] + f"... ({len(text):,} chars)"


@pytest.fixture(scope="module", autouse=True)
def fuzz_figures():
    """Adds this module's figures to the JSON file named by FUZZ_STATS (bench/fuzz.py)."""
    yield
    write_figures(STATS)


def write_figures(stats: dict) -> None:
    path = os.environ.get("FUZZ_STATS")
    if not path:
        return
    path = Path(path)
    merged = json.loads(path.read_text()) if path.exists() else {}
    merged.update(stats)
    merged["_profile"] = PROFILE
    merged["_case_limit"] = CASE_LIMIT
    path.write_text(json.dumps(merged, indent=1, ensure_ascii=False))


@pytest.fixture(scope="module", autouse=True)
def warm_up():
    """Costs paid once per process (dateparser's import and settings, the first regex
    compilations) are not an input's time."""
    parse_span("12/03/2024", day_first=True)
    extract("France withdrew its troops from Niger on 12 March 2024.", dt.date(2024, 3, 20))
    export.read_csv("a,b\n1,2\n")


# Text likely to reach the interesting branches: digits of other scripts (str.isdigit is true
# for '²', int() refuses it), separators, dates, vocabulary words, markup.
tricky = st.sampled_from(["", " ", ",", ",,", "²", "٣", "１２", "-1", "0", "2024", "2024-02",
                          "2024-02-30", "2024-13", "0000-01", "9999-12-31", "NER", "ner, mli",
                          "france", "coup", "fr", "EN", "<script>", "%00", "\x00", "\ud7ff"])
some_text = st.one_of(tricky, st.text(max_size=40))
param_names = st.one_of(st.sampled_from(filters.PARAMS), st.text(max_size=12))


@fuzz("from_params")
@given(st.dictionaries(param_names, st.lists(some_text, max_size=4), max_size=8))
@example({"step": ["²"]})  # a superscript digit: isdigit() but not int()
@example({"date": ["２０２４-01"]})
@example({"from": ["2024-05"], "to": ["2024-01"], "q": []})
def test_from_params_never_raises(params):
    view, notices = call("from_params", params, filters.from_params, params)
    assert isinstance(view, filters.Filters)
    assert all(isinstance(n, filters.Notice) for n in notices)
    assert set(view.countries) <= set(vocab.COUNTRIES)
    assert view.lang in ("en", "fr")
    assert view.step is None or view.step >= 1
    assert len(view.text) <= filters.MAX_TEXT
    assert view.start is None or view.end is None or view.start <= view.end
    # What the page writes back to the URL reopens the same view, with nothing to report.
    again, more = filters.from_params({k: v if isinstance(v, list) else [v]
                                       for k, v in filters.to_params(view).items()})
    assert again == view and more == []


# -- data folders --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def data_copy():
    tmp = Path(tempfile.mkdtemp(prefix="fuzz-data-"))
    for table in schema.TABLES:
        shutil.copy(schema.DATA_DIR / table.file, tmp / table.file)
    yield tmp
    shutil.rmtree(tmp, ignore_errors=True)


junk = st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode),
                 st.sampled_from([b"\x00\x00", b"\xff\xfe", b'"', b'"unclosed\n', b",,,,,,,,,,,,,,,,\n",
                                  b"\r", b"\xef\xbb\xbf", b"a" * 140_000]))


@fuzz("validate")
@given(table=st.sampled_from(schema.TABLES), how=st.sampled_from(["replace", "append", "insert"]),
       data=junk, where=st.floats(0, 1))
def test_validate_returns_problems_never_raises(data_copy, table, how, data, where):
    path = data_copy / table.file
    original = (schema.DATA_DIR / table.file).read_bytes()
    cut = int(len(original) * where)
    path.write_bytes({"replace": data, "append": original + data,
                      "insert": original[:cut] + data + original[cut:]}[how])
    try:
        problems = call("validate", (table.file, how, data, cut), schema.validate, data_copy)
    finally:
        path.write_bytes(original)
    assert all(isinstance(p, schema.Problem) and str(p) for p in problems)


@pytest.mark.parametrize("how", ["replace", "append"])
def test_validate_cell_over_the_csv_field_limit(data_copy, how):
    path = data_copy / "events.csv"
    original = path.read_bytes()
    big = b"x" * 140_000  # csv's default field_size_limit is 131072
    path.write_bytes(big if how == "replace" else original + b"e1," + big + b"\n")
    try:
        problems = schema.validate(data_copy)
    finally:
        path.write_bytes(original)
    assert any(p.file == "events.csv" for p in problems)


def test_validate_copy_is_clean(data_copy):
    assert schema.validate(data_copy) == []


# -- CSV exports read back ---------------------------------------------------------------------

csv_like = st.lists(st.lists(st.one_of(st.sampled_from(sorted(export.KNOWN_COLUMNS | {"", "#country+code", "'=1"})),
                                       st.text(max_size=12)), max_size=6), max_size=6).map(
    lambda rows: "\n".join(",".join(r) for r in rows))


def check_read_csv(text: str) -> None:
    frame = call("read_csv", text, export.read_csv, text)
    assert isinstance(frame, pd.DataFrame)
    assert frame.columns.is_unique


@fuzz("read_csv")
@given(st.one_of(st.text(max_size=300), csv_like))
def test_read_csv_never_raises(text):
    check_read_csv(text)


# Named cases (a parameter id keeps a 140,000-character input out of the failure report).
@pytest.mark.parametrize("text", [
    "a,a,a.1\n1,2,3",                 # de-duplicated header names that collide again
    "troops\n" + "9" * 140_000,       # one cell over the csv module's field size limit
    '"unterminated\n\x00,\r',
    "\ufeff#country+code\n#x\n",
], ids=["header-a-a-a.1", "cell-over-131072-chars", "unterminated-quote-nul", "bom-hashtag-rows"])
def test_read_csv_hostile_cases(text):
    check_read_csv(text)


# -- uploaded articles -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store():
    tmp = Path(tempfile.mkdtemp(prefix="fuzz-store-"))
    s = Store(tmp / "store.duckdb")
    yield s
    s.close()
    shutil.rmtree(tmp, ignore_errors=True)


def counts(s: Store) -> tuple[int, int]:
    return (int(s.query("SELECT count(*) AS n FROM articles")["n"].iloc[0]),
            int(s.query("SELECT count(*) AS n FROM candidates")["n"].iloc[0]))


headed = st.builds(lambda date, body: f"published: {date}\ntitle: fuzz\n\n{body}".encode(),
                   st.one_of(st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)).map(str), some_text),
                   st.text(min_size=1, max_size=600))
raw_bytes = st.one_of(st.binary(max_size=600), headed,
                      st.sampled_from([b"", b"\x00", b"\xff\xfe\x00<", b"<html></html>", b"<!doctype html><p>",
                                       "published: 2024-03-01\n\nFrance withdrew its troops from Niger.".encode(),
                                       b"\xef\xbb\xbfpublished: 2024-01-01\n\n\xe9t\xe9"]))
overrides = st.one_of(st.none(), st.fixed_dictionaries({}, optional={
    k: some_text for k in ("title", "publisher", "published", "url", "language")}))


@fuzz("ingest")
@given(raw=raw_bytes, name=st.sampled_from(["a.txt", "b.md", "c.html", "d.htm", "e.pdf", "noext", "",
                                            "../../etc/x.txt", "x.TXT"]), meta=overrides)
def test_ingest_bytes_stores_or_rejects_cleanly(store, raw, name, meta):
    before = counts(store)
    result = call("ingest", (raw, name, meta), ingest.ingest_bytes, store, raw, name, meta)
    assert result.status in ("stored", "duplicate", "rejected")
    assert isinstance(result.message, str) and result.message
    after = counts(store)
    if result.status == "stored":
        assert after[0] == before[0] + 1 and after[1] == before[1] + result.candidates
    else:  # a rejected or repeated file leaves both tables as they were
        assert after == before
