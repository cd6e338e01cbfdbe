"""The WFP food-price importer: files (HDX `wfp_food_prices_<iso3>.csv`) into the store.

Reading and checking a file is `dashboard.records.wfp.parse` (the file as HDX serves it, with
or without its HXL row, taken whole or refused with the line and column of every fault);
this module stores what it reads through `dashboard.store.market_prices.upsert`, one
transaction per file: `python -m dashboard import-prices FILE...` and the Sources page's upload.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dashboard.errors import BadInput
from dashboard.records.wfp import ATTRIBUTION, LICENCE, MAX_PROBLEMS, PUBLISHER, parse  # noqa: F401
from dashboard.store import market_prices


@dataclass(frozen=True)
class ImportResult:
    name: str
    rows: int  # rows in the file
    inserted: int
    updated: int
    unchanged: int

    def message(self) -> str:
        return f"{self.rows} rows: {self.inserted} new, {self.updated} updated, {self.unchanged} unchanged"


def import_bytes(store, data: bytes, name: str, country: str | None = None) -> ImportResult:
    """Parse one file and store its rows in one transaction (nothing when it is refused)."""
    frame = parse(data, name, country)
    counts = market_prices.upsert(store, frame)
    return ImportResult(name, len(frame), *counts)


def import_files(store, paths, country: str | None = None) -> list[ImportResult]:
    """Each file in turn: a refused file raises BadInput after the files before it were stored
    (each file is its own transaction)."""
    results = []
    for raw in paths:
        path = Path(raw)
        try:
            data = path.read_bytes()
        except OSError as err:
            raise BadInput(f"{path}: {err.strerror or err}") from None
        results.append(import_bytes(store, data, str(path), country))
    return results
