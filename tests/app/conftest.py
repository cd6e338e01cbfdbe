import pytest


@pytest.fixture(autouse=True, scope="session")
def _store(tmp_path_factory):
    """Page tests share one throw-away store (the connection is cached per process)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SAHEL_DB", str(tmp_path_factory.mktemp("apptest") / "store.duckdb"))
    yield
    mp.undo()


@pytest.fixture(autouse=True)
def _fresh_limiter():
    """The reviewer door counts failures per process: each test starts with none."""
    from dashboard import auth

    auth.LIMITER.reset()
    yield
