"""Caches of what pages build, shared by every session, keyed on what a build reads.

A build is a function `build(data, *inputs)`: `data` is the store's tables at one version
(`Tables`), `inputs` are the hashable values it depends on (a filter narrowed to what selects
data, a date, a language). The key is (the builder itself, the version, the inputs): two
builders can never return each other's result, and a build that ignores the language is not
built again for each. Each builder has its own small LRU, so the figures of one page cannot
push out the tables every page needs. Results are shared: never modify one in place.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.errors import StoreUnavailable
from dashboard.records.dataset import TABLE_NAMES
from dashboard.store import Store

log = logging.getLogger("dashboard.ui")

ENTRIES = 16  # results kept per builder: a few views of a few concurrent users


class _LRU:
    def __init__(self, entries: int):
        self.entries = entries
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, make: Callable):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = make()  # outside the lock: a slow build does not hold other builders up
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.entries:
                self.items.popitem(last=False)
        return value


_caches: dict[Callable, _LRU] = {}
_caches_lock = threading.Lock()


def _cache_of(build: Callable, entries: int) -> _LRU:
    with _caches_lock:
        return _caches.setdefault(build, _LRU(entries))


class _Held:
    """The process's store. When it could not be opened (a command holding the DuckDB file, a
    database down) the pages are served from the bundled copy, and the store is tried again
    every REATTACH_SECONDS: the dashboard comes back to it by itself once it is free."""

    def __init__(self):
        self.store = Store()
        self.tried = time.monotonic()
        self.lock = threading.Lock()

    def current(self) -> Store:
        due = time.monotonic() - self.tried >= config.REATTACH_SECONDS
        if self.store.warning and due and self.lock.acquire(blocking=False):
            try:
                self.tried = time.monotonic()
                self.store = Store(fallback=False)
                log.warning("the store is open again: %s", self.store.path)
            except StoreUnavailable:
                pass  # still held: the bundled copy goes on serving
            finally:
                self.lock.release()
        return self.store


@st.cache_resource
def _held() -> _Held:
    return _Held()


def store() -> Store:
    """One store per server process (DuckDB allows one writer per file)."""
    return _held().current()


def forget_store() -> None:
    """Close the process's store; the next page opens it again (tests that change SAHEL_DB)."""
    _held().store.close()
    _held.clear()


class Tables(Mapping):
    """The store's tables at one version, each read on first use (a page that never looks at
    the events does not wait for a million of them) and only if the store is still at that
    version (Store.table_at raises StoreChanged otherwise)."""

    def __init__(self, version: str):
        self.version = version

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLE_NAMES:
            raise KeyError(name)
        return _built(_table, self.version, (name,), len(TABLE_NAMES))

    def derived(self, build: Callable) -> object:
        """`build(self)`, once per version for every session (dashboard.views.inputs.derived)."""
        return _built(build, self.version, (), ENTRIES)

    def __iter__(self):
        return iter(TABLE_NAMES)

    def __len__(self) -> int:
        return len(TABLE_NAMES)


def _table(data: Tables, name: str) -> pd.DataFrame:
    return store().table_at(name, data.version)


def _built(build: Callable, version: str, inputs: tuple, entries: int):
    return _cache_of(build, entries).get((version, inputs), lambda: build(Tables(version), *inputs))


def cached(build: Callable, *inputs, entries: int = ENTRIES):
    """`build(Tables(version), *inputs)` for the store's current version, built once for every
    session and rerun."""
    return _built(build, store().version(), inputs, entries)


def tables() -> Tables:
    return Tables(store().version())
