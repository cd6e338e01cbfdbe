"""The presentation story is derived from the data: its key moments on the shipped events."""

import pytest

from dashboard.logic import presence, story
from dashboard.records.dataset import load_all


@pytest.fixture(scope="module")
def steps():
    return story.steps(load_all()["events"])


def moments(steps, year):
    [step] = [s for s in steps if s.year == year]
    return {(r.force, r.event_type) for r in step.events.itertuples()}


def test_steps_are_numbered_years_in_order(steps):
    assert [s.number for s in steps] == list(range(1, len(steps) + 1))
    assert [s.year for s in steps] == sorted({s.year for s in steps})


def test_key_moments(steps):
    assert ("Operation Serval", "deployment") in moments(steps, 2013)
    assert ("Operation Barkhane", "deployment") in moments(steps, 2014)
    assert ("Wagner Group", "deployment") in moments(steps, 2021)
    assert ("Operation Barkhane", "withdrawal_completed") in moments(steps, 2022)
    assert {
        ("French forces in Niger", "withdrawal_completed"),
        ("MINUSMA", "withdrawal_completed"),
    } <= moments(steps, 2023)
    assert {
        ("US forces in Niger", "withdrawal_completed"),
        ("Russian forces in Niger", "deployment"),
    } <= moments(steps, 2024)
    assert ("Wagner Group", "operation_ended") in moments(steps, 2025)


def test_each_step_map_shows_its_moment(steps):
    events = load_all()["events"]
    intervals = presence.build_intervals(events)
    step_2024 = next(s for s in steps if s.year == 2024)
    present = presence.present_on(intervals, step_2024.when)
    assert "United States" not in set(present["actor"])
    assert "Russia" in set(present["actor"])
    assert all(s.source_ids for s in steps)
