"""Presence intervals: the logic on small cases, then real cases on the shipped data."""

import pandas as pd
import pytest

from dashboard.logic import presence
from dashboard.records.dataset import load_all, typed


def events(*rows):
    cols = [
        "event_id",
        "date",
        "date_precision",
        "country",
        "location_id",
        "actor",
        "force",
        "event_type",
        "troops",
        "troops_kind",
        "summary",
        "evidence",
        "source_ids",
        "status",
        "notes",
    ]
    frame = pd.DataFrame([dict(zip(cols, r + ("",) * (len(cols) - len(r)))) for r in rows])
    return typed(frame.replace("", None))


US = ("United States", "US forces in Niger")


def us(eid, date, etype, loc="", troops="", kind="", src="s1"):
    return (eid, date, "day", "NER", loc, *US, etype, troops, kind, "x", "", src, "verified")


def test_open_flag_and_close_by_place_and_country():
    ev = events(
        us("a", "2016-04-19", "base_opened", "ab201"),
        us("b", "2019-01-01", "deployment", "ab101"),
        us("c", "2024-03-16", "agreement_revoked"),
        us("d", "2024-07-07", "withdrawal_completed", "ab101"),
        us("e", "2024-08-05", "base_handed_over", "ab201"),
    )
    iv = presence.build_intervals(ev)
    assert set(iv["location_id"]) == {"ab201", "ab101"}
    assert (iv["leaving_since"] == pd.Timestamp("2024-03-16")).all()
    assert len(presence.present_on(iv, "2024-01")) == 2
    assert list(presence.present_on(iv, "2024-07")["location_id"]) == ["ab201"]
    assert presence.present_on(iv, "2024-10").empty
    assert len(presence.left_by(iv, "2024-10", since="2024-06-30")) == 2


def test_country_wide_closing_closes_every_place_and_relocation_is_not_a_withdrawal():
    ev = events(
        us("a", "2013-01-01", "deployment"),
        us("b", "2015-01-01", "deployment", "ab101"),
        us("c", "2016-01-01", "deployment", "ab201"),
        us("d", "2024-09-15", "withdrawal_completed"),
    )
    iv = presence.build_intervals(ev)
    country_wide = iv[iv["location_id"] == ""].iloc[0]
    assert country_wide["end_kind"] == "relocated"
    assert len(presence.left_by(iv, "2025-01")) == 2  # the relocated record is not a departure
    assert presence.present_on(iv, "2024-10").empty


def test_disagreeing_strengths_become_a_range_with_every_source():
    ev = events(
        us("a", "2016-04-19", "base_opened", "ab201"),
        us("b", "2023-08-01", "presence_reported", troops="1100", kind="strength", src="pentagon"),
        us("c", "2023-09-10", "presence_reported", troops="650", kind="strength", src="cbs"),
        us("d", "2023-10-01", "presence_reported", troops="1000", kind="leaving", src="other"),
    )
    s = presence.situation(presence.build_intervals(ev), ev, "2024-01").iloc[0]
    assert (s["troops_min"], s["troops_max"]) == (650, 1100)
    assert set(s["troops_sources"].split(";")) == {"pentagon", "cbs"}
    # Before any report the strength is unknown, not zero.
    early = presence.situation(presence.build_intervals(ev), ev, "2020-01").iloc[0]
    assert pd.isna(early["troops_min"])


def test_as_of_month_means_end_of_month():
    assert presence.as_of("2022-08") == pd.Timestamp("2022-08-31")
    assert presence.as_of("2024-02") == pd.Timestamp("2024-02-29")
    assert presence.as_of("2022-08-15") == pd.Timestamp("2022-08-15")


# --- real cases on the shipped data -------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    ev = load_all()["events"]
    return ev, presence.build_intervals(ev)


def actors_in(iv, when, country):
    present = presence.present_on(iv, when)
    return set(present.loc[present["country"] == country, "actor"])


def test_france_in_mali_2021_gone_sept_2022(real):
    _, iv = real
    assert "France" in actors_in(iv, "2021-06", "MLI")
    assert "France" not in actors_in(iv, "2022-09", "MLI")


def test_us_in_niger_jan_2024_gone_oct_2024(real):
    ev, iv = real
    assert "United States" in actors_in(iv, "2024-01", "NER")
    assert "United States" not in actors_in(iv, "2024-10", "NER")
    us_now = presence.situation(iv, ev, "2024-05").query("actor == 'United States'")
    # Sources disagree on the US strength in 2023-24: the range is kept, not one figure.
    assert us_now["troops_max"].max() > us_now["troops_min"].min()


def test_france_leaves_burkina_and_niger_in_2023(real):
    _, iv = real
    assert "France" in actors_in(iv, "2022-06", "BFA")
    assert "France" not in actors_in(iv, "2023-12", "BFA") or "France" not in actors_in(iv, "2024-01", "BFA")
    assert "France" in actors_in(iv, "2023-06", "NER")
    assert "France" not in actors_in(iv, "2024-01", "NER")


def test_russia_arrives(real):
    _, iv = real
    assert "Russia" not in actors_in(iv, "2021-06", "MLI")
    assert "Russia" in actors_in(iv, "2022-06", "MLI")
    assert "Russia" in actors_in(iv, "2024-06", "NER")
    assert "Russia" in actors_in(iv, "2024-06", "BFA")


def test_minusma_leaves_by_end_2023(real):
    _, iv = real
    assert "United Nations" in actors_in(iv, "2020-01", "MLI")
    assert "United Nations" not in actors_in(iv, "2024-01", "MLI")


def test_changes_between_lists_the_window_newest_first(real):
    ev, _ = real
    ch = presence.changes_between(ev, pd.Timestamp("2022-08-01"), "2022-08")
    assert not ch.empty
    assert ch["date"].between(pd.Timestamp("2022-08-01"), pd.Timestamp("2022-08-31")).all()
    assert ch["date"].is_monotonic_decreasing


def test_a_force_not_confirmed_for_a_year_is_stale_and_so_is_its_figure():
    ev = events(
        us("a", "2019-01-01", "deployment", "ab101", "800", "strength"),
        us("b", "2020-06-01", "presence_reported", "ab101"),
        us("c", "2024-07-07", "withdrawal_completed", "ab101"),
    )
    iv = presence.build_intervals(ev)
    support = presence.support_dates(iv, ev)
    fresh = presence.situation(iv, ev, "2020-12-31", support)
    assert fresh["last_confirmed"].tolist() == [pd.Timestamp("2020-06-01")]
    assert not fresh["stale"].iloc[0]
    assert fresh["troops_stale"].iloc[0]  # the figure dates from January 2019
    # Evidence after the map's date never confirms it: in 2019 the 2020 report does not count.
    early = presence.situation(iv, ev, "2019-03-01", support)
    assert early["last_confirmed"].tolist() == [pd.Timestamp("2019-01-01")]
    later = presence.situation(iv, ev, "2021-06-02", support)
    assert later["stale"].tolist() == [True]
    assert presence.situation(iv, ev, "2024-08-01", support).empty


def test_newest_evidence_overall_and_per_country():
    ev = events(
        us("a", "2019-01-01", "deployment", "ab101"),
        (
            "m",
            "2021-05-24",
            "day",
            "MLI",
            "",
            "Mali",
            "CNSP (Mali)",
            "coup",
            "",
            "",
            "x",
            "",
            "s1",
            "verified",
        ),
    )
    assert presence.newest_evidence(ev, "2020-01") == (
        pd.Timestamp("2019-01-01"),
        {"NER": pd.Timestamp("2019-01-01")},
    )
    newest, per_country = presence.newest_evidence(ev, "2022-01")
    assert newest == pd.Timestamp("2021-05-24") and set(per_country) == {"NER", "MLI"}
    assert presence.newest_evidence(ev, "2010-01") == (None, {})


def test_an_interval_opened_by_a_report_says_so():
    ev = events(
        us("a", "2014-09-24", "presence_reported", "ab101"), us("b", "2016-01-01", "deployment", "ab201")
    )
    iv = presence.build_intervals(ev).set_index("location_id")
    assert iv.loc["ab101", "start_kind"] == "presence_reported"
    assert iv.loc["ab201", "start_kind"] == "deployment"
