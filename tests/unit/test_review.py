"""Review stores only what the candidate carried or the reviewer chose, in the right table."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard import config, ingest
from dashboard.ingest import review
from dashboard.ingest.extract.candidate import EVENT_TYPES
from dashboard.records.missing import is_missing
from dashboard.store import Store

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
# What a reviewer types into a field the candidate left empty (one plausible value each).
FILLS = {
    "summary": "Reviewer's own one-line summary.",
    "reliability": "agency",
    "force": "Test force",
    "context": "other",
    "measure": "economic_sanctions",
    "date": "2023-08-01",
    "date_precision": "day",
    "start": "2023-07-30",
    "start_precision": "day",
    "troops_kind": "strength",
    "country": "NER",
    "actor": "France",
    "imposer": "ECOWAS",
    "commodity": "rice",
    "unit": "bag",
    "currency": "XOF",
    "publisher": "Test publisher",
}


@pytest.fixture(scope="module")
def store(module_store_target):
    s = Store(module_store_target)
    briefs = sorted(
        p for p in ARTICLES.iterdir() if p.suffix in config.UPLOAD_TYPES and p.name != "README.md"
    )
    for result in ingest.ingest_paths(s, briefs):
        assert result.status == "stored", result.message
    yield s
    s.close()


def stored(store, table, record_id):
    rows = store.table(table)
    key = review.KEYS[{v: k for k, v in review.TABLES.items()}[table]]
    found = rows[rows[key] == record_id]
    return None if found.empty else found.iloc[0].to_dict()


def same(a, b) -> bool:
    if a is None or (not isinstance(a, str) and pd.isna(a)):
        return b is None or (not isinstance(b, str) and pd.isna(b))
    if isinstance(a, pd.Timestamp) or isinstance(b, pd.Timestamp):
        return pd.Timestamp(a) == pd.Timestamp(b)
    if isinstance(a, (int, float)) and not isinstance(a, bool):
        return float(a) == float(b)
    return a == b


def test_the_corpus_yields_every_kind_of_candidate(store):
    kinds = {review.kind(t) for t in review.pending(store)["event_type"]}
    assert kinds == {"event", "price", "sanction"}
    assert set(review.pending(store)["event_type"]) <= set(EVENT_TYPES)


def test_unedited_accept_stores_exactly_the_candidate_or_is_refused(store):
    """Every candidate of the corpus, accepted as it stands: refused with the missing fields
    named, or stored in its own table with its own values. Then with only the named fields
    filled: stored, every value the candidate carried unchanged."""
    refused = stored_unedited = 0
    for cand in review.pending(store).to_dict("records"):
        cid, kind = cand["candidate_id"], review.kind(cand["event_type"])
        proposal = review.proposal_of(store, cid)
        counts = {t: len(store.table(t)) for t in review.TABLES.values()}
        try:
            review.accept(store, cid, {}, "tester")
            stored_unedited += 1
            fills = {}
        except review.ReviewError as err:
            refused += 1
            # Refused: nothing written anywhere, and the message names what is missing.
            assert {t: len(store.table(t)) for t in review.TABLES.values()} == counts
            missing = review.missing_fields(kind, proposal, proposal["reliability"] is not None)
            assert missing and all(m.split(" ")[0] in str(err) for m in missing), (cid, err)
            fills = {m.split(" ")[0]: FILLS.get(m.split(" ")[0]) for m in missing if m.split(" ")[0] in FILLS}
            if "value" in " ".join(missing):
                fills["change_pct"] = "10"
            if "location_id" in " ".join(missing):
                fills["location_id"] = ""
            try:
                review.accept(store, cid, fills, "tester")
            except review.ReviewError as again:
                # Only a value the candidate itself carried can still be wrong (e.g. a date
                # after today, or an end before the start): never a default.
                assert "fill in or choose" not in str(again), (cid, again)
                continue
        table = review.TABLES[kind]
        row = stored(store, table, f"ingested-{cid}")
        assert row is not None, cid
        for other in set(review.TABLES.values()) - {table}:
            assert stored(store, other, f"ingested-{cid}") is None
        for field in review.FIELDS[kind]:
            want = fills.get(field, proposal.get(field))
            if field == "location_id":
                want = want or None
                if kind == "price" and want is None and not is_missing(row.get("location_id")):
                    assert row["location_id"] == row["place"]  # the place named is mapped
                    continue
            if field in ("value", "previous_value", "change_pct") and isinstance(want, str):
                want = float(want)
            if field == "troops" and want is not None:
                want = int(want)
            assert same(want, row.get(field)), (cid, field, want, row.get(field))
        for value in row.values():
            assert not (isinstance(value, str) and value.lower() in ("nan", "none", "nat"))
    assert refused > 0


def test_a_price_candidate_never_becomes_an_event(store):
    queue = review.pending(store)
    prices = queue[queue["event_type"] == "price_change"]
    for cid in prices["candidate_id"]:
        assert stored(store, "events", f"ingested-{cid}") is None


def test_bad_values_are_refused_with_a_reason(tmp_path, store_target):
    s = Store(store_target)
    try:
        ingest.ingest_bytes(s, (ARTICLES / "fr05_derniers_soldats_niger.txt").read_bytes(), "fr05.txt")
        queue = review.pending(s)
        cid = queue[queue["troops"].notna()]["candidate_id"].iloc[0]
        base = {"summary": "x", "reliability": "agency", "troops_kind": "remaining"}
        for values, words in (
            ({"troops": "²"}, "whole number"),
            ({"troops": "99999999999999999999"}, "whole number"),
            ({"date": "9999-12-31", "date_precision": "day"}, "after today"),
            ({"date": "0001-01-01", "date_precision": "day"}, "before 1960"),
            ({"actor": "Atlantis"}, "actor"),
            ({"location_id": "nowhere"}, "not a listed place"),
            ({"reliability": "gossip"}, "reliability"),
            ({"colour": "red"}, "no such field"),
            ({"force": "\x00"}, "control character is not text: force"),  # PostgreSQL refused it
            ({"summary": "seen\x1b[31m"}, "control character is not text: summary"),
        ):
            with pytest.raises(review.ReviewError, match=words):
                review.accept(s, cid, base | values, "tester")
        with pytest.raises(review.ReviewError, match="reviewer"):
            review.accept(s, cid, base, " ")
        with pytest.raises(review.ReviewError, match="control character is not text: reviewer"):
            review.accept(s, cid, base, "test\x00er")
        with pytest.raises(review.ReviewError, match="control character is not text: reason"):
            review.reject(s, cid, "tester", "dup\x00")
        assert s.query("SELECT count(*) AS n FROM review_log")["n"].iloc[0] == 0
        review.reject(s, cid, "tester", "duplicate of a curated row")
        [log] = review.log(s).to_dict("records")
        assert (log["action"], log["reason"], log["reviewer"]) == (
            "rejected",
            "duplicate of a curated row",
            "tester",
        )
        with pytest.raises(review.ReviewError, match="not waiting"):
            review.accept(s, cid, base, "tester")
    finally:
        s.close()


def test_select_boxes_start_empty_for_values_the_candidate_lacks(store):
    for cand in review.pending(store).head(30).to_dict("records"):
        proposal = review.proposal_of(store, cand["candidate_id"])
        if review.kind(cand["event_type"]) == "event":
            assert proposal["troops_kind"] is None and proposal["summary"] is None
            assert proposal["force"] == (cand["force"] if isinstance(cand["force"], str) else None)
        if review.kind(cand["event_type"]) == "price":
            assert proposal["context"] is None
        if cand["event_type"] == "sanctions_imposed":
            assert proposal["measure"] is None


def cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "review", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_review_command_line(tmp_path, store_target):
    env = {k: v for k, v in os.environ.items() if k != "SAHEL_REVIEWER_TOKEN"}
    env["SAHEL_DB"] = str(store_target)
    refused = cli("list", env=env)
    assert refused.returncode == 2 and "read-only" in refused.stderr
    env["SAHEL_REVIEWER_TOKEN"] = "a-reviewer-token-for-tests"
    ingested = subprocess.run(
        [sys.executable, "-m", "dashboard", "ingest", str(ARTICLES / "en04_niger_food_prices.txt")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ingested.returncode == 0, ingested.stderr
    lines = [json.loads(line) for line in cli("list", "--json", env=env).stdout.splitlines()]
    rice = next(c for c in lines if c["kind"] == "price" and c["proposal"]["commodity"] == "rice")
    assert rice["table"] == "prices" and "context" in rice["missing"]
    bare = cli("accept", rice["candidate_id"], env=env)
    assert bare.returncode == 1 and "context" in bare.stderr
    done = cli(
        "--reviewer",
        "Awa",
        "accept",
        rice["candidate_id"],
        "--set",
        "context=sanctions",
        "--set",
        "reliability=outlet",
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "in prices" in done.stdout
    s = Store(store_target)
    try:
        assert f"ingested-{rice['candidate_id']}" in set(s.table("prices")["price_id"])
        assert f"ingested-{rice['candidate_id']}" not in set(s.table("events")["event_id"])
        [log] = review.log(s).to_dict("records")
        assert log["reviewer"] == "Awa"
        other = next(c for c in review.pending(s).to_dict("records"))["candidate_id"]
    finally:
        s.close()
    assert cli("reject", other, "--reason", "test", env=env).returncode == 0


def test_an_accepted_record_can_be_withdrawn_and_the_log_keeps_both(tmp_path, store_target):
    s = Store(store_target)
    try:
        ingest.ingest_bytes(s, (ARTICLES / "en04_niger_food_prices.txt").read_bytes(), "en04.txt")
        queue = review.pending(s)
        rice = queue[queue["commodity"] == "rice"]["candidate_id"].iloc[0]
        done = review.accept(s, rice, {"context": "sanctions", "reliability": "outlet"}, "Awa")
        assert done.record_id in set(s.table("prices")["price_id"])
        assert list(review.accepted(s)["record_id"]) == [done.record_id]
        assert review.withdraw(s, done.record_id, "Binta", "wrong market") == "prices"
        assert done.record_id not in set(s.table("prices")["price_id"])
        assert review.accepted(s).empty and rice not in set(review.pending(s)["candidate_id"])
        actions = review.log(s)[["action", "reviewer", "reason"]].fillna("").values.tolist()
        assert actions == [["withdrawn", "Binta", "wrong market"], ["accepted", "Awa", ""]]
        with pytest.raises(review.ReviewError, match="not an accepted record"):
            review.withdraw(s, done.record_id, "Binta")
    finally:
        s.close()


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://example.org/a", True),
        ("urn:brief:04", True),
        (None, True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("http://a b", False),
    ],
)
def test_source_addresses_are_http_or_urn(url, ok):
    assert review.source_url_ok(url) is ok


def test_a_candidate_already_in_the_curated_data_is_found(tmp_path, store_target):
    """fr05 reports the last French troops leaving Niger on 22 Dec 2023: the curated data has it."""
    s = Store(store_target)
    try:
        ingest.ingest_bytes(s, (ARTICLES / "fr05_derniers_soldats_niger.txt").read_bytes(), "fr05.txt")
        queue = review.pending(s)
        cid = queue[queue["date"] == "2023-12-22"]["candidate_id"].iloc[0]
        twins = review.similar(s, review.proposal_of(s, cid))
        curated = s.table("events")
        want = curated[
            (curated["country"] == "NER")
            & (curated["actor"] == "France")
            & (curated["event_type"] == "withdrawal_completed")
            & (curated["date"] == pd.Timestamp("2023-12-22"))
        ]
        assert not want.empty and set(twins["event_id"]) == set(want["event_id"])
        other = review.proposal_of(s, cid) | {"date": "2019-05-01"}
        assert review.similar(s, other).empty
    finally:
        s.close()
