"""News feeds into the review queue: `sources` (the feeds file), `http` (polite requests),
`items` (RSS, Atom, ReliefWeb, folders), `fetch` (one run into the inbox), `inbox` (what waits
to be stored), `drain` (the store takes the inbox), `log` (the fetch log per source).

`fetch_and_store` is what `python -m dashboard fetch` does: fetch, then store what was fetched
when the store can be written now, else leave it in the inbox for the serving dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dashboard.errors import StoreUnavailable
from dashboard.ingest.feeds import drain as _drain
from dashboard.ingest.feeds import fetch, inbox, sources
from dashboard.ingest.feeds.http import Client


@dataclass(frozen=True)
class Outcome:
    runs: list[dict]
    drained: _drain.Drained | None  # None: the store could not be written, entries wait
    waiting: int  # items left in the inbox
    store_problem: str | None = None


def fetch_and_store(
    feeds_file: Path,
    folder: Path,
    open_store,
    only: str | None = None,
    since: str | None = None,
    client: Client | None = None,
) -> Outcome:
    chosen = sources.load(feeds_file)
    if only and only not in {s.name for s in chosen}:
        raise sources.FeedConfigError(f"no source named {only!r} in {feeds_file}")
    runs = fetch.run(chosen, folder, only=only, since=since, client=client)
    try:
        store = open_store()
    except StoreUnavailable as err:  # e.g. the dashboard holds the DuckDB file: the inbox waits
        return Outcome(runs, None, inbox.pending(folder), str(err))
    try:
        drained = _drain.drain(store, folder)
        problem = None
    except StoreUnavailable as err:
        drained, problem = None, str(err)
    finally:
        store.close()
    return Outcome(runs, drained, inbox.pending(folder), problem)
