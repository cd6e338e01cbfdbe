"""Source reliability grades: an event is as strong as its strongest source.

The grades (vocab.SOURCE_GRADES, strongest first) are set per source in sources.csv and for an
ingested article by its reviewer; data/README.md gives the rule for each. An event whose
strongest source is a copy, foreign state media or a weak site is flagged wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from dashboard.records import vocab
from dashboard.records.schema import split_ids

RANK = {g: i for i, g in enumerate(vocab.SOURCE_GRADES)}


def grade_map(sources: pd.DataFrame) -> dict[str, str]:
    """Each source's grade by source id (sources without a grade are left out)."""
    if "reliability" not in sources:
        return {}
    return {sid: g for sid, g in zip(sources["source_id"], sources["reliability"]) if g in RANK}


def strongest(source_ids, grades: Mapping[str, str]) -> str | None:
    """The strongest grade among the sources (None when no source is graded)."""
    found = [grades[s] for s in split_ids(source_ids) if s in grades]
    return min(found, key=RANK.__getitem__) if found else None


def strongest_each(source_ids: Iterable, grades: Mapping[str, str]) -> list[str | None]:
    return [strongest(ids, grades) for ids in source_ids]


def is_weak(grade: str | None) -> bool:
    """True when nothing stronger than a copy, state media or weak site supports the record."""
    return grade not in vocab.STRONG_GRADES
