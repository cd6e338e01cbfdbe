"""Validation of the shipped data and clear failures on broken copies."""
import shutil
import subprocess
import sys

import pytest

from dashboard import schema

ROOT = schema.DATA_DIR.parent


@pytest.fixture
def broken(tmp_path):
    """A copy of data/ that a test can damage."""
    for t in schema.TABLES:
        src = schema.DATA_DIR / t.file
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
    events = pd.read_csv(schema.DATA_DIR / "events.csv")
    sources = pd.read_csv(schema.DATA_DIR / "sources.csv")
    assert len(events) >= 40
    assert sources["source_id"].nunique() >= 25
    years = pd.to_datetime(events["date"]).dt.year
    assert years.min() <= 2013 and years.max() >= 2025
    cited = {s for ids in events["source_ids"] for s in ids.split(";")}
    assert len(cited) >= 25


@pytest.mark.parametrize("column,value,needle", [
    ("date", "2022-13-45", "date"),
    ("country", "FRA", "country"),
    ("event_type", "teleported", "event_type"),
    ("source_ids", "no-such-source", "unknown source"),
    ("troops", "1000", "troops_kind"),
])
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
    ok = subprocess.run([sys.executable, "-m", "dashboard", "validate"], cwd=ROOT,
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    edit_cell(broken / "events.csv", 4, "status", "probably")
    bad = subprocess.run([sys.executable, "-m", "dashboard", "validate", str(broken)], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert "events.csv: line 4, field 'status'" in bad.stderr
