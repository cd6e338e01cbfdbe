"""Source grades: an event is as strong as its strongest source, and weak ones are flagged."""

import pandas as pd

from dashboard.figures import text
from dashboard.records import grades
from dashboard.views import export, export_reader

SOURCES = pd.DataFrame(
    {
        "source_id": ["a", "b", "c", "d"],
        "publisher": ["A", "B", "C", "D"],
        "url": ["https://a", "https://b", "https://c", "https://d"],
        "reliability": ["agency", "copy", "state_media", None],
    }
)
GRADES = grades.grade_map(SOURCES)


def test_strongest_grade_and_weak_flag():
    assert grades.strongest("b;a", GRADES) == "agency"
    assert grades.strongest(" b ; c ", GRADES) == "copy"
    assert grades.strongest("d", GRADES) is None and grades.strongest(None, GRADES) is None
    assert grades.is_weak("copy") and grades.is_weak("state_media") and grades.is_weak(None)
    assert not grades.is_weak("official")


def test_the_grade_line_warns_in_both_languages():
    assert text.grade_line("a", GRADES, "en") == "strongest source: news agency"
    assert text.grade_line("b;c", GRADES, "en").startswith("⚠ only copies")
    assert text.grade_line("c", GRADES, "fr").startswith("⚠ seulement")
    assert text.grade_line("d", GRADES, "en") == "sources not graded"


def test_exports_carry_each_grade_and_the_strongest():
    events = pd.DataFrame({"event_id": ["e1", "e2"], "source_ids": ["b;a", "c"]})
    out = export.prepare("events", events, SOURCES)
    assert out["source_grades"].tolist() == ["copy;agency", "state_media"]
    assert out["strongest_grade"].tolist() == ["agency", "state_media"]
    text = export.to_csv(out, "events", hxl=True)
    assert "#meta+grade+strongest" in text.splitlines()[1]
    back = export_reader.read_csv(text)
    assert back["strongest_grade"].tolist() == ["agency", "state_media"]


def test_the_situation_export_keeps_last_confirmed_and_stale():
    present = pd.DataFrame(
        {
            "actor": ["Italy"],
            "force": ["MISIN"],
            "country": ["NER"],
            "location_id": [None],
            "start": [pd.Timestamp("2018-01-01")],
            "start_precision": ["year"],
            "last_confirmed": [pd.Timestamp("2025-03-01")],
            "stale": [True],
            "troops_min": [250],
            "troops_max": [350],
            "troops_date": [pd.Timestamp("2023-08-05")],
            "troops_stale": [True],
            "source_ids": ["a"],
        }
    )
    out = export.prepare("situation", present, SOURCES)
    text = export.to_csv(out, "situation", hxl=False)
    header, row = (line.split(",") for line in text.splitlines()[:2])
    cells = dict(zip(header, row))
    assert [cells[c] for c in ("start", "start_precision", "last_confirmed", "stale")] == [
        "2018-01-01",
        "year",
        "2025-03-01",
        "true",
    ]
    back = export_reader.read_csv(text)
    assert bool(back["stale"].iloc[0]) and back["troops_min"].iloc[0] == 250
