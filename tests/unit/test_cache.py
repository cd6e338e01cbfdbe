"""The page caches: keyed on the builder and what it reads, never mixing two store versions."""

from __future__ import annotations

import pytest

from dashboard.errors import StoreChanged
from dashboard.store import Store
from dashboard.ui import cache


@pytest.fixture
def store(tmp_path, monkeypatch, store_target):
    s = Store(store_target)
    monkeypatch.setattr(cache, "store", lambda: s)
    monkeypatch.setattr(cache, "_caches", {})
    yield s
    s.close()


def _count(data, country):
    return int((data["events"]["country"] == country).sum())


def _count_twice(data, country):
    return 2 * _count(data, country)


def test_two_builders_with_the_same_inputs_keep_their_own_results(store):
    assert cache.cached(_count, "NER") * 2 == cache.cached(_count_twice, "NER")
    assert cache.cached(_count, "NER") > 0


def test_a_result_is_built_once_per_version_and_inputs(store):
    calls = []

    def build(data, x):
        calls.append(x)
        return x

    assert [cache.cached(build, 1), cache.cached(build, 1), cache.cached(build, 2)] == [1, 1, 2]
    assert calls == [1, 2]
    with store.transaction() as cur:  # a write moves the version on: built again
        cur.execute("SELECT 1")
    cache.cached(build, 1)
    assert calls == [1, 2, 1]


def test_each_builder_keeps_a_bounded_number_of_results(store):
    def build(data, x):
        return x

    for i in range(cache.ENTRIES + 5):
        cache.cached(build, i)
    assert len(cache._caches[build].items) == cache.ENTRIES


def test_tables_of_an_old_version_refuse_to_read_the_new_store(store):
    old = cache.tables()
    with store.transaction() as cur:
        cur.execute("SELECT 1")
    with pytest.raises(StoreChanged):
        old["events"]
    assert len(cache.tables()["events"]) > 0


def test_derived_values_are_shared_per_version(store):
    data = cache.tables()
    calls = []

    def build(d):
        calls.append(1)
        return len(d["sources"])

    assert data.derived(build) == data.derived(build) > 0
    assert calls == [1]
