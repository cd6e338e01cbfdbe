"""Hostile review edits: whatever a reviewer types into the form, accept either stores the
record (in its own table, with one line in the review log, readable by every page) or raises
review.ReviewError and changes nothing. Never another exception, never a half-written store.

Profiles, the per-case timer and the figures for `python -m bench.fuzz` are those of
test_fuzz_parsers.py (imported from it, so both modules share one profile and one limit).
"""

import datetime as dt
import math
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from test_fuzz_parsers import (  # noqa: F401
    ANY_DAY,
    KNOWN,
    call_known,
    fuzz,
    fuzz_figures,
    outcome,
    some_text,
    warm_up,
)

from dashboard import config, ingest
from dashboard.ingest import review
from dashboard.records import vocab
from dashboard.store import Store
from dashboard.views import export

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
LOG_TABLES = ("ingested_events", "ingested_prices", "ingested_sanctions", "ingested_sources", "review_log")


@pytest.fixture(scope="module")
def store(module_store_target):
    """A store holding every candidate the bundled corpus yields, all pending."""
    tmp = Path(tempfile.mkdtemp(prefix="fuzz-review-"))
    s = Store(module_store_target)
    briefs = sorted(
        p for p in ARTICLES.iterdir() if p.suffix in config.UPLOAD_TYPES and p.name != "README.md"
    )
    for result in ingest.ingest_paths(s, briefs):
        assert result.status == "stored", result.message
    yield s
    s.close()
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def pool(store):
    """Pending candidate ids by kind (event, price, sanction)."""
    pending = review.pending(store)
    out = {
        k: sorted(pending[pending["event_type"].map(review.kind) == k]["candidate_id"]) for k in review.TABLES
    }
    assert all(out.values()), out
    return out


def snapshot_tables(store: Store) -> tuple:
    return tuple(int(store.query(f"SELECT count(*) AS n FROM {t}")["n"].iloc[0]) for t in LOG_TABLES)


def snapshot(store: Store, candidate_id: str) -> tuple:
    rows = snapshot_tables(store)
    status = store.query("SELECT status, event_id FROM candidates WHERE candidate_id = ?", [candidate_id])
    return rows + (status.iloc[0]["status"], status.iloc[0]["event_id"])


def put_back(store: Store, candidate_id: str, article_id: str, record_id: str, kind: str) -> None:
    """Undo one case (the source row it graded, the accept, the withdrawal) so that every case
    starts from the same store."""
    with store.transaction() as cur:
        cur.execute(f"DELETE FROM ingested_{review.TABLES[kind]} WHERE {review.KEYS[kind]} = ?", [record_id])
        cur.execute("DELETE FROM review_log WHERE candidate_id = ?", [candidate_id])
        cur.execute(
            "UPDATE candidates SET status = 'pending', event_id = NULL WHERE candidate_id = ?", [candidate_id]
        )
        cur.execute("DELETE FROM ingested_sources WHERE source_id = ?", [review.source_id(article_id)])


# What a form can send: anything at all, and often a value of the field's own vocabulary, so
# that many cases get past the first check and reach the models and the store.
day_text = st.one_of(ANY_DAY, st.dates(dt.date(1960, 1, 1), dt.date.today())).map(str)
PLAUSIBLE = {
    "country": st.sampled_from(vocab.COUNTRIES + ("ner", " MLI ", "FRA")),
    "actor": st.sampled_from(vocab.ACTORS),
    "imposer": st.sampled_from(vocab.SANCTION_IMPOSERS),
    "event_type": st.sampled_from(vocab.EVENT_TYPES + ("price_change", "sanctions_imposed")),
    "measure": st.sampled_from(vocab.SANCTION_MEASURES),
    "force": st.sampled_from(["Operation Barkhane", "Africa Corps", "x" * 5000]),
    "date": day_text,
    "start": day_text,
    "end": day_text,
    "date_precision": st.sampled_from(vocab.DATE_PRECISIONS),
    "start_precision": st.sampled_from(vocab.DATE_PRECISIONS),
    "end_precision": st.sampled_from(vocab.DATE_PRECISIONS),
    "location_id": st.sampled_from(["", "niamey", "gao", "atlantis", None]),
    "place": st.sampled_from(["Niamey", "niamey", "Zinder", ""]),
    "troops": st.one_of(st.integers(-10, 10**8), st.sampled_from(["1500", "1,500", "²", "1e3", " 7 "])),
    "troops_kind": st.sampled_from(vocab.TROOPS_KINDS),
    "summary": st.sampled_from(["France left.", "<script>alert(1)</script>", "=1+1"]),
    "status": st.sampled_from(vocab.STATUSES + ("pending",)),
    "commodity": st.sampled_from(["rice", "millet", "bag of rice"]),
    "unit": st.sampled_from(["bag", "kg"]),
    "currency": st.sampled_from(["XOF", "EUR"]),
    "value": st.one_of(st.floats(), st.sampled_from(["25,000", "1e12", "1e13", "nan", "-inf", "0x10"])),
    "previous_value": st.floats(),
    "change_pct": st.floats(),
    "context": st.sampled_from(vocab.PRICE_CONTEXTS),
    "publisher": st.sampled_from(["Reuters", "RFI"]),
    "url": st.sampled_from(["https://example.org/a", "javascript:alert(1)", "urn:isbn:1", "ftp://x"]),
    "reliability": st.sampled_from(vocab.SOURCE_GRADES + ("trusted",)),
}
anything = st.one_of(
    st.none(),
    some_text,
    st.text(max_size=40),
    st.integers(),
    st.floats(),
    st.booleans(),
    ANY_DAY,
    st.datetimes(),
    ANY_DAY.map(pd.Timestamp),
    st.just(pd.NA),
    st.just(float("nan")),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.decimals(allow_nan=False),
)  # a signalling NaN is no form value


# What a Streamlit widget or the review CLI hands over: text, numbers, nothing.
form_value = st.one_of(st.none(), some_text, st.text(max_size=40), st.integers(), st.floats())


def field_value(name: str):
    return st.one_of(PLAUSIBLE.get(name, form_value), form_value)


# A complete, valid form per kind (as a reviewer fills it in): cases start from it and change a
# few fields, so that many of them are stored and the store's side is fuzzed too.
VALID = {
    "event": {
        "country": "NER",
        "actor": "France",
        "force": "Test force",
        "date": "2023-08-01",
        "date_precision": "day",
        "location_id": "",
        "troops": 1500,
        "troops_kind": "strength",
        "summary": "Reviewer's summary.",
        "status": "unverified",
    },
    "price": {
        "country": "NER",
        "commodity": "rice",
        "unit": "bag",
        "currency": "XOF",
        "value": "25000",
        "date": "2023-08-01",
        "date_precision": "day",
        "context": "other",
    },
    "sanction": {
        "imposer": "ECOWAS",
        "country": "NER",
        "measure": "economic_sanctions",
        "start": "2023-07-30",
        "start_precision": "day",
        "end": None,
        "end_precision": None,
        "summary": "Reviewer's summary.",
    },
}
SOURCE = {"publisher": "Test publisher", "reliability": "agency", "url": "https://example.org/a"}


@st.composite
def edits(draw):
    kind = draw(st.sampled_from(sorted(review.TABLES)))
    names = review.fields(kind)
    how = draw(st.sampled_from(["edit", "edit", "edit", "odd", "any"]))
    if how == "any":  # any subset of the fields, each with any value of any type
        values = draw(
            st.fixed_dictionaries({}, optional={n: st.one_of(field_value(n), anything) for n in names})
        )
    else:  # a valid form with a few fields changed (one to a value of any type, for "odd")
        values = VALID[kind] | SOURCE
        changes = draw(st.sampled_from([0, 1, 1, 1, 2, 3]))
        for name in draw(st.lists(st.sampled_from(names), min_size=changes, max_size=changes, unique=True)):
            values[name] = draw(field_value(name))
        if how == "odd":
            values[draw(st.sampled_from(names))] = draw(anything)
    if draw(st.integers(0, 19)) == 0:  # a field of another kind, or none at all
        values[
            draw(
                st.one_of(
                    st.sampled_from(["evidence", "event_id", "troops_kind", "value"]), st.text(max_size=8)
                )
            )
        ] = draw(anything)
    return kind, values


@fuzz("review")
@given(
    edit=edits(),
    which=st.sampled_from(range(10)).flatmap(  # about one case in ten names no pending candidate
        lambda k: some_text if k == 7 else st.integers(0, 10**6)
    ),
    reviewer=st.one_of(st.just("fuzzer"), some_text),
    source=st.one_of(st.none(), st.sampled_from(vocab.SOURCE_GRADES)),
    locations=st.one_of(st.none(), st.sets(st.sampled_from(["niamey", "gao", "atlantis", ""]))),
)
@example(edit=("event", {"troops": "²"}), which=0, reviewer="fuzzer", source=None, locations=None)
# Found by this test on 2026-12-01 (TypeError: unhashable type: 'list' at review.py, where
# event_type is looked up in KIND_BY_TYPE); review.py now refuses any value but text or numbers.
@example(
    edit=("event", VALID["event"] | SOURCE | {"event_type": []}),
    which=0,
    reviewer="fuzzer",
    source=None,
    locations=None,
)
@example(
    edit=("event", VALID["event"] | {"reliability": {"a": 1}}),
    which=0,
    reviewer="fuzzer",
    source=None,
    locations=None,
)
@example(edit=("price", {"value": "1e400"}), which=0, reviewer="fuzzer", source=None, locations=None)
@example(
    edit=("sanction", {"end": "0001-01-01", "end_precision": "day"}),
    which=0,
    reviewer="fuzzer",
    source="agency",
    locations=None,
)
def test_accept_stores_or_raises_review_error(store, pool, edit, which, reviewer, source, locations):
    kind, values = edit
    if isinstance(which, str):  # no such candidate (or one in another state): refused, nothing written
        before = snapshot_tables(store)
        refused = call_known(
            "review", (which, values, reviewer), accept_or_refuse, store, which, values, reviewer, locations
        )
        assert isinstance(refused, review.ReviewError), refused
        outcome("review", "refused (no such candidate)")
        assert snapshot_tables(store) == before
        return
    cid = pool[kind][which % len(pool[kind])]
    article_id = store.query("SELECT article_id FROM candidates WHERE candidate_id = ?", [cid])[
        "article_id"
    ].iloc[0]
    initial = snapshot(store, cid)
    try:
        review_case(store, kind, cid, article_id, values, reviewer, source, locations)
    finally:
        put_back(store, cid, article_id, f"ingested-{cid}", kind)
    assert snapshot(store, cid) == initial, "the next case would not start from the same store"


def review_case(store, kind, cid, article_id, values, reviewer, source, locations) -> None:
    if source is not None:  # an earlier accept already graded this article's source
        with store.transaction() as cur:
            cur.execute(
                "INSERT INTO ingested_sources (source_id, publisher, title, published, url, language, "
                "reliability, notes) VALUES (?, 'Fuzz', 'fuzz', '2024-01-01', NULL, 'en', ?, NULL)",
                [review.source_id(article_id), source],
            )
    before = snapshot(store, cid)
    try:
        accepted = call_known(
            "review",
            (cid, values, reviewer, locations, source),
            accept_or_refuse,
            store,
            cid,
            values,
            reviewer,
            locations,
        )
    except Exception:
        assert snapshot(store, cid) == before, "a failed accept changed the store"
        raise
    if accepted is KNOWN:
        outcome("review", "known bug")
        assert snapshot(store, cid) == before, "a failed accept changed the store"
        return
    if isinstance(accepted, review.ReviewError):
        outcome("review", "refused (ReviewError)")
        assert str(accepted)
        assert snapshot(store, cid) == before, "a refused accept changed the store"
        return
    outcome("review", f"stored in {accepted.table}")
    check_stored(store, kind, cid, accepted, before, source is not None)
    # ... and a reviewer can take it back again.
    assert review.withdraw(store, accepted.record_id, "fuzzer") == accepted.table
    assert (
        store.query(
            f"SELECT count(*) AS n FROM ingested_{accepted.table} WHERE {review.KEYS[kind]} = ?",
            [accepted.record_id],
        )["n"].iloc[0]
        == 0
    )


def accept_or_refuse(store, cid, values, reviewer, locations):
    try:
        return review.accept(store, cid, values, reviewer, locations)
    except review.ReviewError as err:
        return err


def check_stored(store: Store, kind: str, cid: str, accepted, before: tuple, had_source: bool) -> None:
    assert isinstance(accepted, review.Accepted)
    assert accepted.table == review.TABLES[kind] and accepted.record_id == f"ingested-{cid}"
    after = snapshot(store, cid)
    grown = [a - b for a, b in zip(after[: len(LOG_TABLES)], before[: len(LOG_TABLES)])]
    expected = [int(t == f"ingested_{accepted.table}") for t in LOG_TABLES[:3]] + [0 if had_source else 1, 1]
    assert grown == expected, (grown, expected)
    assert after[-2:] == ("accepted", accepted.record_id)
    # Every page still reads the table, and exports it.
    table = store.table(accepted.table)
    export.prepare(accepted.table, table, store.table("sources"), store.table("locations"))
    row = store.query(
        f"SELECT * FROM ingested_{accepted.table} WHERE {review.KEYS[kind]} = ?", [accepted.record_id]
    ).iloc[0]
    for col in ("value", "previous_value", "change_pct"):
        if col in row and not pd.isna(row[col]):
            assert math.isfinite(row[col]) and abs(row[col]) <= config.MAX_AMOUNT
    if "troops" in row and not pd.isna(row["troops"]):
        assert 0 <= int(row["troops"]) < 10**7
