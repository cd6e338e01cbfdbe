"""Record types of the curated tables and the validation of a data folder.

Each CSV row is checked by a pydantic model (types, vocabularies, date precision), then the
tables are checked against each other (unique ids, references). Every problem names its file,
its line and its field, so a curator can fix a broken row without reading code.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from dashboard import config
from dashboard.records import outlines, vocab

Country = Literal[vocab.COUNTRIES]  # type: ignore[valid-type]
Precision = Literal[vocab.DATE_PRECISIONS]  # type: ignore[valid-type]
Status = Literal[vocab.STATUSES]  # type: ignore[valid-type]
SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def split_ids(value) -> list[str]:
    """';'-joined ids (source_ids, event_ids) as a list: the one parser of such lists, so that
    spaces, empty parts and missing values (None, NaN, NA) are read the same everywhere."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _blank_to_none(value):
    return None if isinstance(value, str) and value.strip() == "" else value


# Nothing recorded here happened before the three states' independence, nor after today.
FIRST_DATE = dt.date(config.FIRST_YEAR, 1, 1)
_SHORT_DATE = re.compile(r"\d{4}(-\d{2})?")
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_precision(date: dt.date | None, precision: str | None, field: str) -> None:
    """A month-precise date sits on day 1, a year-precise one on 1 January; no date lies in
    the future or before 1960."""
    if date is None:
        return
    if date > dt.date.today():
        raise ValueError(f"{field} {date} lies after today ({dt.date.today()})")
    if date < FIRST_DATE:
        raise ValueError(f"{field} {date} lies before {FIRST_DATE}")
    if precision is None:
        raise ValueError(f"{field} is set but its precision is empty")
    if precision in ("month", "year") and date.day != 1:
        raise ValueError(f"{field} {date} has precision {precision} so its day must be 01")
    if precision == "year" and date.month != 1:
        raise ValueError(f"{field} {date} has precision year so it must be YYYY-01-01")


class Record(BaseModel):
    # allow_inf_nan=False: "nan" in a number cell is an error, not a value.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _blanks(cls, values):
        if not isinstance(values, dict):
            return values
        values = {k: _blank_to_none(v) for k, v in values.items()}
        for field in ("date", "start", "end", "previous_date"):
            value = values.get(field)
            if not isinstance(value, str) or _FULL_DATE.fullmatch(value.strip()):
                continue
            if _SHORT_DATE.fullmatch(value.strip()):
                # '2014-08' says month precision by itself: the table spells it 2014-08-01.
                raise ValueError(
                    f"{field} '{value}' must be written in full, YYYY-MM-DD "
                    "(day 01 for a month, 01-01 for a year) with its precision"
                )
            # pydantic alone would read '0' as a Unix time (1970-01-01) that pandas cannot load.
            raise ValueError(f"{field} '{value}' must be a date written YYYY-MM-DD")
        return values

    def require_sources(self):
        if not self.split_ids(self.source_ids):
            raise ValueError("source_ids needs at least one source")
        return self

    split_ids = staticmethod(split_ids)


# Each source field that must follow a pattern, with what to tell the curator otherwise.
SOURCE_PATTERNS = {
    "source_id": (SLUG, "must be a lowercase slug (a-z, 0-9, . _ -)"),
    "published": (re.compile(r"\d{4}(-\d{2}(-\d{2})?)?"), "must be YYYY, YYYY-MM or YYYY-MM-DD"),
    "url": (re.compile(r"https?://\S+"), "must be an http(s) address"),
    "language": (re.compile(r"[a-z]{2}"), "must be a two-letter language code"),
}


class Source(Record):
    source_id: str
    publisher: str
    title: str
    published: str | None = None
    url: str
    language: str
    reliability: Literal[vocab.SOURCE_GRADES]  # type: ignore[valid-type]
    notes: str | None = None

    @field_validator(*SOURCE_PATTERNS)
    @classmethod
    def _pattern(cls, v, info):
        pattern, message = SOURCE_PATTERNS[info.field_name]
        if v is not None and not pattern.fullmatch(v):
            raise ValueError(message)
        return v


class Location(Record):
    location_id: str
    name: str
    name_fr: str | None = None
    country: str
    admin1: str | None = None
    lat: float
    lon: float
    coord_source: Literal[vocab.COORD_SOURCES]  # type: ignore[valid-type]
    aliases: str | None = None

    @field_validator("country")
    @classmethod
    def _iso3(cls, v):
        if not re.fullmatch(r"[A-Z]{3}", v):
            raise ValueError("must be an ISO3 country code")
        return v

    @model_validator(mode="after")
    def _in_region(self):
        # Everything we map lies in West Africa; a swapped lat/lon lands far outside.
        if not (-5 <= self.lat <= 30 and -20 <= self.lon <= 30):
            raise ValueError(f"lat/lon {self.lat},{self.lon} lie outside West Africa (swapped?)")
        if outlines.in_country(self.country, self.lat, self.lon) is False:
            raise ValueError(f"lat/lon {self.lat},{self.lon} lie outside {self.country}'s outline")
        return self


class Event(Record):
    event_id: str
    date: dt.date
    date_precision: Precision
    country: Country
    location_id: str | None = None
    actor: Literal[vocab.ACTORS]  # type: ignore[valid-type]
    force: str
    event_type: Literal[vocab.EVENT_TYPES]  # type: ignore[valid-type]
    troops: int | None = None
    troops_kind: Literal[vocab.TROOPS_KINDS] | None = None  # type: ignore[valid-type]
    summary: str
    summary_fr: str | None = None  # written in French, not translated word by word
    evidence: str | None = None
    source_ids: str
    status: Status
    notes: str | None = None

    @model_validator(mode="after")
    def _consistent(self):
        check_precision(self.date, self.date_precision, "date")
        if (self.troops is None) != (self.troops_kind is None):
            raise ValueError("troops and troops_kind go together: set both or neither")
        if self.troops is not None and not 0 < self.troops <= config.MAX_TROOPS:
            raise ValueError(f"troops must be a positive count up to {config.MAX_TROOPS:,}")
        return self.require_sources()


class Sanction(Record):
    sanction_id: str
    imposer: Literal[vocab.SANCTION_IMPOSERS]  # type: ignore[valid-type]
    country: Country
    measure: Literal[vocab.SANCTION_MEASURES]  # type: ignore[valid-type]
    start: dt.date
    start_precision: Precision
    end: dt.date | None = None
    end_precision: Precision | None = None
    summary: str
    summary_fr: str | None = None
    evidence: str | None = None
    source_ids: str
    status: Status
    notes: str | None = None

    @model_validator(mode="after")
    def _consistent(self):
        check_precision(self.start, self.start_precision, "start")
        check_precision(self.end, self.end_precision, "end")
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} comes before start {self.start}")
        return self.require_sources()


class Price(Record):
    price_id: str
    country: Country
    place: str | None = None
    location_id: str | None = None
    commodity: str
    commodity_detail: str | None = None
    unit: str
    currency: str
    value: float | None = None
    value_max: float | None = None
    previous_value: float | None = None
    previous_date: dt.date | None = None
    change_pct: float | None = None
    date: dt.date
    date_precision: Precision
    context: Literal[vocab.PRICE_CONTEXTS]  # type: ignore[valid-type]
    evidence: str | None = None
    source_ids: str
    status: Status
    notes: str | None = None

    @model_validator(mode="after")
    def _consistent(self):
        check_precision(self.date, self.date_precision, "date")
        if self.value is None and self.change_pct is None:
            raise ValueError("a price needs a value or a change_pct stated by its source")
        for name in ("value", "value_max", "previous_value"):
            amount = getattr(self, name)
            if amount is not None and not (0 < amount <= config.MAX_AMOUNT):
                raise ValueError(f"{name} {amount} must be a positive amount up to {config.MAX_AMOUNT:g}")
        if self.change_pct is not None and not -100 <= self.change_pct <= 10_000:
            raise ValueError(f"change_pct {self.change_pct} must lie between -100 and 10000")
        if self.value_max is not None and (self.value is None or self.value_max < self.value):
            raise ValueError("value_max needs a value below it (a range low-high)")
        return self.require_sources()


@dataclass(frozen=True)
class Table:
    file: str
    model: type[Record]
    key: str
    required: bool = True


TABLES = (
    Table("sources.csv", Source, "source_id"),
    Table("locations.csv", Location, "location_id"),
    Table("events.csv", Event, "event_id"),
    Table("sanctions.csv", Sanction, "sanction_id", required=False),
    Table("prices.csv", Price, "price_id", required=False),
)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1-based line in the file; the header is line 1
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}, field '{self.field}': {self.message}"


def _read_rows(path: Path) -> list[dict]:
    # utf-8-sig: a spreadsheet's byte-order mark is not part of the first column's name.
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _check_table(table: Table, rows: list[dict]) -> tuple[list[Record], list[Problem]]:
    records, problems, seen = [], [], {}
    expected = list(table.model.model_fields)
    if rows:
        missing = [c for c in expected if c not in rows[0]]
        if missing:
            return [], [Problem(table.file, 1, ", ".join(missing), "column missing from the header")]
    for line, row in enumerate(rows, start=2):
        if None in row:
            problems.append(Problem(table.file, line, "(row)", "more cells than header columns"))
            continue
        try:
            record = table.model.model_validate(row)
        except ValidationError as err:
            for e in err.errors():
                field = ".".join(str(p) for p in e["loc"]) or "(row)"
                problems.append(Problem(table.file, line, field, e["msg"]))
            continue
        key = getattr(record, table.key)
        if key in seen:
            problems.append(Problem(table.file, line, table.key, f"'{key}' repeats line {seen[key]}"))
        seen[key] = line
        records.append((line, record))
    return records, problems


def validate(data_dir: Path | None = None) -> list[Problem]:
    """Every problem in the data folder; an empty list means the data is sound.

    One fault gives one message: a row that fails its own checks still counts as present
    when other tables refer to its id, and references into a table that cannot be read at
    all are not checked (that table's own problem says why)."""
    data_dir = Path(data_dir or config.data_dir())
    problems: list[Problem] = []
    checked: dict[str, list] = {}
    known: dict[str, set[str]] = {}  # ids present in each readable table, valid or not
    for table in TABLES:
        path = data_dir / table.file
        if not path.exists():
            if table.required:
                problems.append(Problem(table.file, 0, "(file)", f"missing from {data_dir}"))
            continue
        try:
            rows = _read_rows(path)
        except (UnicodeDecodeError, csv.Error) as err:
            problems.append(Problem(table.file, 0, "(file)", f"cannot be read as UTF-8 CSV: {err}"))
            continue
        if table.required and not rows:
            problems.append(Problem(table.file, 1, "(file)", "has no rows"))
            continue
        records, table_problems = _check_table(table, rows)
        problems += table_problems
        checked[table.file] = records
        if records or not table_problems or table_problems[0].line > 1:
            known[table.file] = {str(r.get(table.key) or "").strip() for r in rows}
    problems += _check_references(checked, known) + _check_bloc_exits(checked)
    return problems


def row_counts(data_dir: Path | None = None) -> dict[str, int]:
    """Data rows per table file present (the header not counted)."""
    folder = Path(data_dir or config.data_dir())
    return {t.file: len(_read_rows(folder / t.file)) for t in TABLES if (folder / t.file).exists()}


def _check_bloc_exits(checked: dict[str, list]) -> list[Problem]:
    """A state that has left a bloc is no longer suspended from it: a suspension cannot stay in
    force past the completed exit of its country (the AES states left ECOWAS on 29 Jan 2025)."""
    sanctions = checked.get("sanctions.csv", [])
    exits = {r.country: r.end for _, r in sanctions if r.measure == "bloc_exit" and r.end}
    return [
        Problem(
            "sanctions.csv",
            line,
            "end",
            f"a suspension from the bloc cannot stay in force after {r.country} left it "
            f"on {exits[r.country]}",
        )
        for line, r in sanctions
        if r.measure == "suspension_from_bloc"
        and r.country in exits
        and (r.end is None or r.end > exits[r.country])
    ]


def _check_references(checked: dict[str, list], known: dict[str, set[str]]) -> list[Problem]:
    sources = known.get("sources.csv")
    location_ids = known.get("locations.csv")
    locations = {r.location_id: r for _, r in checked.get("locations.csv", [])}
    problems = []
    for file in ("events.csv", "sanctions.csv", "prices.csv"):
        for line, record in checked.get(file, []):
            for sid in record.split_ids(record.source_ids):
                if sources is not None and sid not in sources:
                    problems.append(Problem(file, line, "source_ids", f"unknown source '{sid}'"))
            loc_id = getattr(record, "location_id", None)
            if loc_id is None or location_ids is None:
                continue
            if loc_id not in location_ids:
                problems.append(Problem(file, line, "location_id", f"unknown location '{loc_id}'"))
            elif loc_id in locations and locations[loc_id].country != record.country:
                problems.append(
                    Problem(
                        file,
                        line,
                        "location_id",
                        f"'{loc_id}' lies in {locations[loc_id].country}, not {record.country}",
                    )
                )
    return problems
