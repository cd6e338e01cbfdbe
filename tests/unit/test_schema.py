"""Validation of the shipped data and clear failures on broken copies."""

import shutil
import subprocess
import sys

import pytest

from dashboard import config
from dashboard.records import schema

ROOT = config.data_dir().parent


@pytest.fixture
def broken(tmp_path):
    """A copy of data/ that a test can damage."""
    for t in schema.TABLES:
        src = config.data_dir() / t.file
        if src.exists():
            shutil.copy(src, tmp_path / t.file)
    return tmp_path


def edit_cell(path, line: int, column: str, value: str):
    import csv

    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
        fields = list(rows[0])
    rows[line - 2][column] = value
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def test_shipped_data_is_valid():
    assert schema.validate() == []


def test_shipped_data_covers_the_brief():
    import pandas as pd

    events = pd.read_csv(config.data_dir() / "events.csv")
    sources = pd.read_csv(config.data_dir() / "sources.csv")
    assert len(events) >= 40
    assert sources["source_id"].nunique() >= 25
    years = pd.to_datetime(events["date"]).dt.year
    assert years.min() <= 2013 and years.max() >= 2025
    cited = {s for ids in events["source_ids"] for s in ids.split(";")}
    assert len(cited) >= 25


@pytest.mark.parametrize(
    "column,value,needle",
    [
        ("date", "2022-13-45", "date"),
        ("country", "FRA", "country"),
        ("event_type", "teleported", "event_type"),
        ("source_ids", "no-such-source", "unknown source"),
        ("troops", "1000", "troops_kind"),
    ],
)
def test_broken_event_names_file_line_and_field(broken, column, value, needle):
    path = broken / "events.csv"
    edit_cell(path, 3, column, value)
    if column == "troops":
        edit_cell(path, 3, "troops_kind", "")
    problems = schema.validate(broken)
    assert problems, "a broken copy must not validate"
    p = problems[0]
    assert p.file == "events.csv" and p.line == 3
    assert needle in (p.field + " " + p.message)


def test_month_precision_must_sit_on_day_one(broken):
    edit_cell(broken / "events.csv", 2, "date_precision", "month")
    edit_cell(broken / "events.csv", 2, "date", "2020-05-17")
    [p] = [p for p in schema.validate(broken) if p.line == 2]
    assert "day must be 01" in p.message


def test_duplicate_ids_and_missing_file(broken):
    import csv

    with (broken / "sources.csv").open(encoding="utf-8") as f:
        first = list(csv.DictReader(f))[0]
    edit_cell(broken / "sources.csv", 3, "source_id", first["source_id"])
    (broken / "locations.csv").unlink()
    messages = [str(p) for p in schema.validate(broken)]
    assert any("sources.csv, line 3, field 'source_id'" in m and "repeats line 2" in m for m in messages)
    assert any("locations.csv" in m and "missing" in m for m in messages)


def test_cli_validate_exit_codes(broken):
    ok = subprocess.run(
        [sys.executable, "-m", "dashboard", "validate"], cwd=ROOT, capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stderr
    edit_cell(broken / "events.csv", 4, "status", "probably")
    bad = subprocess.run(
        [sys.executable, "-m", "dashboard", "validate", str(broken)], cwd=ROOT, capture_output=True, text=True
    )
    assert bad.returncode == 1
    assert "events.csv: line 4, field 'status'" in bad.stderr


def line_of(path, column: str, value: str) -> int:
    import csv

    with path.open(newline="", encoding="utf-8") as f:
        return next(i for i, row in enumerate(csv.DictReader(f), start=2) if row[column] == value)


@pytest.mark.parametrize(
    "table, column, value, needle",
    [
        ("events.csv", "date", "2999-01-05", "after today"),
        ("prices.csv", "date", "2999-01-05", "after today"),
        ("events.csv", "date", "0001-01-01", "before 1960"),
        ("events.csv", "date", "2014-08", "written in full"),
        ("sources.csv", "reliability", "", "reliability"),
        ("sources.csv", "reliability", "trustworthy", "reliability"),
        ("events.csv", "source_ids", "no-such-source", "unknown source"),
    ],
)
def test_validate_refuses(broken, table, column, value, needle):
    if table == "events.csv" and column == "date":
        edit_cell(broken / table, 2, "date_precision", "day")
    edit_cell(broken / table, 2, column, value)
    problems = [p for p in schema.validate(broken) if p.file == table and p.line == 2]
    assert problems and any(needle in p.message or needle == p.field for p in problems), problems


def test_a_suspension_cannot_outlast_the_exit_from_the_bloc(broken):
    line = line_of(broken / "sanctions.csv", "sanction_id", "ecowas-mli-suspension-2021-05-30")
    assert schema.validate(broken) == []
    edit_cell(broken / "sanctions.csv", line, "end", "")
    edit_cell(broken / "sanctions.csv", line, "end_precision", "")
    [problem] = schema.validate(broken)
    assert (problem.file, problem.line, problem.field) == ("sanctions.csv", line, "end")
    assert "left it on 2025-01-29" in problem.message


def test_most_events_rest_on_a_strong_source():
    """The target of the data: at least 90% of events cite an official, agency or outlet source."""
    from dashboard.records import grades
    from dashboard.records.dataset import load_all

    data = load_all()
    strongest = grades.strongest_each(data["events"]["source_ids"], grades.grade_map(data["sources"]))
    strong = sum(not grades.is_weak(g) for g in strongest)
    assert strong / len(strongest) >= 0.9


@pytest.mark.parametrize(
    "table, column, value, needle",
    [
        ("prices.csv", "value", "-5", "positive amount"),
        ("prices.csv", "value", "nan", "finite"),
        ("prices.csv", "value", "1e400", "finite"),
        ("events.csv", "troops", "99999999999999999999", "troops"),
        ("locations.csv", "lat", "6.45", "outline"),  # Niamey moved to Lagos
    ],
)
def test_validate_refuses_absurd_values(broken, table, column, value, needle):
    line = 2
    if table == "locations.csv":
        line = line_of(broken / table, "location_id", "niamey")
        edit_cell(broken / table, line, "lon", "3.39")
    if column == "troops":
        edit_cell(broken / table, line, "troops_kind", "strength")
    edit_cell(broken / table, line, column, value)
    problems = [p for p in schema.validate(broken) if p.file == table and p.line == line]
    assert problems and any(needle in p.message.lower() or needle in p.field for p in problems), problems


def test_an_empty_events_table_is_refused(broken):
    (broken / "events.csv").write_text((broken / "events.csv").read_text().splitlines()[0] + "\n")
    assert [str(p) for p in schema.validate(broken)] == ["events.csv, line 1, field '(file)': has no rows"]


def test_a_byte_order_mark_and_crlf_are_read(broken):
    path = broken / "sources.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert schema.validate(broken) == []


def test_one_fault_gives_one_message(broken):
    """A broken source row is one problem, not one per event that cites it."""
    import csv

    with (broken / "sources.csv").open(encoding="utf-8") as f:
        ids = [row["source_id"] for row in csv.DictReader(f)]
    events = (broken / "events.csv").read_text(encoding="utf-8")
    busiest = max(ids, key=events.count)
    assert events.count(busiest) >= 3
    line = line_of(broken / "sources.csv", "source_id", busiest)
    edit_cell(broken / "sources.csv", line, "url", "javascript:alert(1)")
    assert [(p.file, p.line, p.field) for p in schema.validate(broken)] == [("sources.csv", line, "url")]


def test_a_store_never_seeds_from_data_that_fails_validation(broken, tmp_path, store_target):
    from dashboard.store import Store

    db = store_target
    good = Store(db, data_dir=broken)
    n = len(good.table("events"))
    assert good.data_warning is None and n > 0
    good.close()
    edit_cell(broken / "events.csv", 2, "date", "2999-01-01")
    again = Store(db, data_dir=broken)
    try:
        assert "was not loaded" in again.data_warning and "events.csv, line 2" in again.data_warning
        assert len(again.table("events")) == n  # the data as last loaded
    finally:
        again.close()
    fresh = Store(tmp_path / "fresh.duckdb", data_dir=broken)
    try:
        assert fresh.data_warning and fresh.table("events").empty  # nothing half-loaded
        assert list(fresh.table("events").columns)[:3] == ["event_id", "date", "date_precision"]
    finally:
        fresh.close()


def test_every_curated_summary_has_a_french_one():
    from dashboard.records.dataset import load_all

    data = load_all()
    for name in ("events", "sanctions"):
        missing = data[name][data[name]["summary_fr"].isna()]
        assert missing.empty, (name, list(missing.iloc[:, 0]))
