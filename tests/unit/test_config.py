"""The README's configuration section says what dashboard/config.py does, name by name."""

from __future__ import annotations

import re

from dashboard import config

README = (config.ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]


def test_every_environment_variable_is_documented_and_none_else():
    documented = set(re.findall(r"`(SAHEL_[A-Z_]+)`", SECTION))
    assert documented == set(config.ENV)


def test_every_limit_in_the_readme_table_has_the_value_of_the_code():
    limits = SECTION.split("| limit |", 1)[1]
    rows = dict(re.findall(r"^\| `([A-Z_]+)` \| ([^|]+?) \|", limits, flags=re.M))
    assert set(rows) == set(config.LIMITS)
    for name, shown in rows.items():
        assert float(shown.replace(",", "").replace("_", "")) == float(config.LIMITS[name]), name


def test_the_environment_is_read_when_asked(monkeypatch, tmp_path):
    monkeypatch.setenv("SAHEL_DATA", str(tmp_path))
    monkeypatch.setenv("SAHEL_DB", str(tmp_path / "x.duckdb"))
    assert config.data_dir() == tmp_path and config.db_target() == str(tmp_path / "x.duckdb")
    monkeypatch.delenv("SAHEL_DATA")
    assert config.data_dir() == config.ROOT / "data"


def test_the_prose_thresholds_are_the_code_s():
    """The README's prose quotes the timeline and map thresholds: 1,500 / 300 / 150."""
    assert (
        f"above {config.MAX_EVENT_MARKERS:,}\nevents" in README
        or f"above {config.MAX_EVENT_MARKERS:,} events" in README
    )
    assert f"above {config.MAX_BARS} presence intervals" in README
    assert f"per actor and place above {config.MARKER_LIMIT}" in README
