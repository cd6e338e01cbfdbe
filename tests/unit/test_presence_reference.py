"""The fast presence and story code gives exactly what the first, plain versions gave.

The reference functions below are those first versions, kept here verbatim as the definition
of the expected output: the bundled data and a 10,000-event synthetic archive must come out
equal, frame for frame."""

import pandas as pd
import pytest
from test_presence import events, us

from bench import synth
from dashboard.logic import presence, story
from dashboard.records import vocab
from dashboard.records.dataset import load_all


def reference_build_intervals(events: pd.DataFrame) -> pd.DataFrame:
    open_: dict[tuple, dict] = {}
    done: list[dict] = []

    def close(key, row, kind):
        interval = open_.pop(key)
        interval.update(end=row.date, end_precision=row.date_precision, end_kind=kind)
        interval["event_ids"].append(row.event_id)
        interval["source_ids"].append(row.source_ids)
        done.append(interval)

    for row in presence.presence_events(events).itertuples(index=False):
        force_key = (row.actor, row.force, row.country)
        loc = row.location_id if isinstance(row.location_id, str) else ""
        keys_of_force = [k for k in open_ if k[:3] == force_key]
        if row.event_type in vocab.OPENS_PRESENCE:
            key = force_key + (loc,)
            if key in open_:
                target = [open_[key]]
            elif loc == "" and keys_of_force:
                target = [open_[k] for k in keys_of_force]
            else:
                if loc and force_key + ("",) in open_:
                    close(force_key + ("",), row, "relocated")
                open_[key] = {
                    "actor": row.actor,
                    "force": row.force,
                    "country": row.country,
                    "location_id": loc,
                    "start": row.date,
                    "start_precision": row.date_precision,
                    "start_kind": row.event_type,
                    "end": pd.NaT,
                    "end_precision": None,
                    "end_kind": None,
                    "leaving_since": pd.NaT,
                    "event_ids": [],
                    "source_ids": [],
                }
                target = [open_[key]]
            for interval in target:
                interval["event_ids"].append(row.event_id)
                interval["source_ids"].append(row.source_ids)
        elif row.event_type in vocab.MARKS_LEAVING:
            for k in keys_of_force:
                if pd.isna(open_[k]["leaving_since"]):
                    open_[k]["leaving_since"] = row.date
                open_[k]["event_ids"].append(row.event_id)
                open_[k]["source_ids"].append(row.source_ids)
        else:
            for k in keys_of_force:
                if loc == "" or k[3] == loc:
                    close(k, row, "withdrawn")
    frame = pd.DataFrame(done + list(open_.values()), columns=presence.INTERVAL_COLUMNS)
    frame["event_ids"] = frame["event_ids"].map(lambda ids: ";".join(dict.fromkeys(ids)))
    frame["source_ids"] = frame["source_ids"].map(
        lambda ids: ";".join(dict.fromkeys(s for part in ids for s in str(part).split(";") if s))
    )
    for col in ("start", "end", "leaving_since"):
        frame[col] = pd.to_datetime(frame[col])
    return frame.sort_values(["start", "actor", "force"], ignore_index=True)


def reference_strength_as_of(events: pd.DataFrame, when) -> pd.DataFrame:
    d = presence.as_of(when)
    reports = events[(events["troops_kind"] == "strength") & events["troops"].notna() & (events["date"] <= d)]
    if reports.empty:
        return pd.DataFrame(
            columns=["actor", "force", "country", "troops_min", "troops_max", "troops_date", "troops_sources"]
        )
    latest = reports.groupby(["actor", "force", "country"])["date"].transform("max")
    recent = reports[reports["date"] > latest - presence.STRENGTH_WINDOW]
    return recent.groupby(["actor", "force", "country"], as_index=False).agg(
        troops_min=("troops", "min"),
        troops_max=("troops", "max"),
        troops_date=("date", "max"),
        troops_sources=(
            "source_ids",
            lambda s: ";".join(dict.fromkeys(x for part in s for x in str(part).split(";"))),
        ),
    )


def reference_changes_between(events: pd.DataFrame, start, end) -> pd.DataFrame:
    lo, hi = pd.Timestamp(start).normalize(), presence.as_of(end)
    mask = (events["date"] >= lo) & (events["date"] <= hi)
    return events[mask].sort_values("date", ascending=False, kind="stable").reset_index(drop=True)


def reference_milestones(events: pd.DataFrame, intervals: pd.DataFrame) -> pd.DataFrame:
    verified = events[events["status"] != "disputed"]
    ids = set(verified.loc[verified["event_type"] == "coup", "event_id"])
    closers = verified[verified["event_type"].isin(vocab.CLOSES_PRESENCE)]
    for (actor, force, country), group in intervals.groupby(["actor", "force", "country"]):
        first = group.sort_values("start").iloc[0]
        ids.add(str(first["event_ids"]).split(";")[0])
        if group["end"].notna().all() and (group["end_kind"] == "withdrawn").any():
            mine = closers[
                (closers["actor"] == actor) & (closers["force"] == force) & (closers["country"] == country)
            ]
            completed = mine[mine["event_type"] == "withdrawal_completed"]
            mine = completed if not completed.empty else mine
            if not mine.empty:
                ids.add(mine.sort_values("date").iloc[-1]["event_id"])
    picked = verified[verified["event_id"].isin(ids)]
    return picked.sort_values(["date", "event_id"], ignore_index=True)


@pytest.fixture(scope="module")
def bundled():
    return load_all()["events"]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    return load_all(synth.generate(10_000, tmp_path_factory.mktemp("syn10k")))["events"]


DATES = ["2012-06", "2013-02", "2016-07", "2020-01", "2022-09", "2023-08-15", "2024-06", "2026-01"]


@pytest.mark.parametrize("data", ["bundled", "synthetic"])
def test_intervals_strength_and_changes_equal_the_reference(data, request):
    ev = request.getfixturevalue(data)
    intervals = presence.build_intervals(ev)
    pd.testing.assert_frame_equal(intervals, reference_build_intervals(ev), check_exact=True)
    reports = presence.strength_reports(ev)
    for when in DATES:
        expected = reference_strength_as_of(ev, when)
        pd.testing.assert_frame_equal(presence.strength_as_of(ev, when), expected)
        pd.testing.assert_frame_equal(presence.strength_as_of(reports, when), expected)
        start = presence.as_of(when) - pd.DateOffset(months=12)
        pd.testing.assert_frame_equal(
            presence.changes_between(ev, start, when), reference_changes_between(ev, start, when)
        )


def test_small_cases_equal_the_reference():
    cases = [
        # nothing ever closes or leaves: empty end and leaving columns keep their type
        events(us("a", "2016-04-19", "base_opened", "ab201")),
        # a country-wide record relocated, a country-wide report of placed forces, then closes
        events(
            us("a", "2013-01-01", "deployment"),
            us("b", "2015-01-01", "deployment", "ab101"),
            us("c", "2015-06-01", "presence_reported"),
            us("d", "2016-01-01", "deployment", "ab201"),
            us("e", "2020-01-01", "withdrawal_announced"),
            us("f", "2021-01-01", "agreement_revoked"),
            us("g", "2024-09-15", "base_handed_over", "ab101"),
            us("h", "2024-10-01", "withdrawal_completed"),
            us("i", "2025-01-01", "deployment", "ab101"),
        ),
        # two places opened the same day: the tie keeps the walk's order
        events(us("b", "2019-01-01", "deployment", "ab201"), us("a", "2019-01-01", "deployment", "ab101")),
    ]
    for ev in cases:
        pd.testing.assert_frame_equal(
            presence.build_intervals(ev), reference_build_intervals(ev), check_exact=True
        )


@pytest.mark.parametrize("data", ["bundled", "synthetic"])
def test_milestones_equal_the_reference(data, request):
    # (The reference breaks a tie between two final closings of a force on one day with an
    # unstable sort; the new code takes the later in table order. Neither data set has one.)
    ev = request.getfixturevalue(data)
    intervals = presence.build_intervals(ev)
    pd.testing.assert_frame_equal(story.milestones(ev, intervals), reference_milestones(ev, intervals))
