"""Hostile input to every parser a user can reach: none may raise.

URL parameters, data folders, CSV exports and uploaded article files are all typed or edited
by people; each parser must answer with notices, problems or a rejection, never a traceback.
"""
import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dashboard import export, filters, ingest, schema, vocab
from dashboard.store import Store

FUZZ = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text likely to reach the interesting branches: digits of other scripts (str.isdigit is true
# for '²', int() refuses it), separators, dates, vocabulary words, markup.
tricky = st.sampled_from(["", " ", ",", ",,", "²", "٣", "１２", "-1", "0", "2024", "2024-02",
                          "2024-02-30", "2024-13", "0000-01", "9999-12-31", "NER", "ner, mli",
                          "france", "coup", "fr", "EN", "<script>", "%00", "\x00", "\ud7ff"])
some_text = st.one_of(tricky, st.text(max_size=40))
param_names = st.one_of(st.sampled_from(filters.PARAMS), st.text(max_size=12))


@FUZZ
@given(st.dictionaries(param_names, st.lists(some_text, max_size=4), max_size=8))
@example({"step": ["²"]})  # a superscript digit: isdigit() but not int()
@example({"date": ["２０２４-01"]})
@example({"from": ["2024-05"], "to": ["2024-01"], "q": []})
def test_from_params_never_raises(params):
    view, notices = filters.from_params(params)
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


@FUZZ
@given(table=st.sampled_from(schema.TABLES), how=st.sampled_from(["replace", "append", "insert"]),
       data=junk, where=st.floats(0, 1))
def test_validate_returns_problems_never_raises(data_copy, table, how, data, where):
    path = data_copy / table.file
    original = (schema.DATA_DIR / table.file).read_bytes()
    cut = int(len(original) * where)
    path.write_bytes({"replace": data, "append": original + data,
                      "insert": original[:cut] + data + original[cut:]}[how])
    try:
        problems = schema.validate(data_copy)
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
    frame = export.read_csv(text)
    assert isinstance(frame, pd.DataFrame)
    assert frame.columns.is_unique


@FUZZ
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


@FUZZ
@given(raw=raw_bytes, name=st.sampled_from(["a.txt", "b.md", "c.html", "d.htm", "e.pdf", "noext", "",
                                            "../../etc/x.txt", "x.TXT"]), meta=overrides)
def test_ingest_bytes_stores_or_rejects_cleanly(store, raw, name, meta):
    before = counts(store)
    result = ingest.ingest_bytes(store, raw, name, meta)
    assert result.status in ("stored", "duplicate", "rejected")
    assert isinstance(result.message, str) and result.message
    after = counts(store)
    if result.status == "stored":
        assert after[0] == before[0] + 1 and after[1] == before[1] + result.candidates
    else:  # a rejected or repeated file leaves both tables as they were
        assert after == before
