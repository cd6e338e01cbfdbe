"""Out-of-range dates and figures: never a crash, never a nonsense candidate, and one bad
file never stops a batch (`python -m dashboard ingest` over a folder)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dashboard import config, ingest
from dashboard.ingest.extract import ArticleError, extract, read_article
from dashboard.ingest.extract import extractor as extractor_module
from dashboard.ingest.extract.dates import find_dates
from dashboard.ingest.extract.numbers import find_price, find_troops
from dashboard.ingest.extract.textnorm import fold
from dashboard.store import Store

ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"
GOOD = ARTICLES / "en01_us_niger_agreement_revoked.txt"
EARLIEST = dt.date(1, 1, 1)
LATEST = dt.date(9999, 12, 31)

RELATIVE = [
    "The last French soldiers left Niger two years ago.",
    "France withdrew its troops from Mali yesterday.",
    "Russia deployed troops to Mali on Sunday.",
    "The last French soldiers left Niger last month.",
    "Les derniers soldats français ont quitté le Niger l'an dernier.",
    "Les soldats sont partis il y a trois jours.",
]
FORWARD = [
    "The last French soldiers left Niger on 22 December.",
    "France will withdraw its troops from Niger next year.",
    "The last French soldiers will leave Niger by 22 December.",
    "France withdrew its troops from Mali yesterday.",
    "Russia deployed troops to Mali in March.",
]


def brief(published: str, body: str = "France withdrew its troops from Mali yesterday.") -> bytes:
    return f"title: t\npublished: {published}\n\n{body}\n".encode()


# --- publication dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "published", ["0001-01-01", "0001-01-01T00:00:00", "9999-12-31", "1899-12-31", "31/12/9999"]
)
def test_implausible_publication_date_is_asked_for(published):
    with pytest.raises(
        ArticleError,
        match=r"a\.txt: the publication date .* treated as unknown"
        r".*published: YYYY-MM-DD",
    ):
        read_article(brief(published), "a.txt")


def test_html_placeholder_date_is_asked_for_and_the_form_can_give_it():
    page = (
        "<html><head><meta property='article:published_time' content='0001-01-01T00:00:00'>"
        "</head><body><p>France withdrew its troops from Mali yesterday.</p></body></html>"
    )
    with pytest.raises(ArticleError, match="treated as unknown"):
        read_article(page.encode(), "a.html")
    a = read_article(page.encode(), "a.html", {"published": "2024-03-17"})
    assert a.published == dt.date(2024, 3, 17)
    assert [c.date for c in extract(a)] == ["2024-03-16"]


def test_html_placeholder_date_gives_way_to_a_real_one_on_the_page():
    page = (
        "<html><head><meta property='article:published_time' content='0001-01-01T00:00:00'>"
        "</head><body><p>France withdrew its troops from Mali yesterday.</p>"
        "<time datetime='2024-03-05T10:00'>5 March</time></body></html>"
    )
    a = read_article(page.encode(), "a.html")
    assert a.published == dt.date(2024, 3, 5)
    assert [c.date for c in extract(a)] == ["2024-03-04"]


def test_plausible_edges_are_accepted():
    assert read_article(brief("1900-01-01"), "a.txt").published == dt.date(1900, 1, 1)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert read_article(brief(tomorrow.isoformat()), "a.txt").published == tomorrow


@pytest.mark.parametrize("text", RELATIVE + FORWARD)
@pytest.mark.parametrize(
    "published",
    [EARLIEST, LATEST, dt.datetime(1, 1, 1)],
    ids=["0001-01-01", "9999-12-31", "0001-01-01T00:00"],
)
def test_extract_with_any_publication_date_never_raises(text, published):
    for c in extract(text, published):
        assert c.date is None and c.date_precision is None


@pytest.mark.parametrize("text", RELATIVE + FORWARD)
@pytest.mark.parametrize("published", [EARLIEST, LATEST])
@pytest.mark.parametrize("future", [False, True])
def test_find_dates_with_any_publication_date_never_raises(text, published, future):
    for hit in find_dates(fold(text), published, future=future):
        assert dt.date(1960, 1, 1) <= hit.date <= dt.date.today()


@pytest.mark.parametrize(
    "text",
    [
        "The last French soldiers left Mali in 1950.",
        "The last French soldiers left Mali on 3 March 2099.",
        "France will withdraw its troops from Niger next year.",
    ],
)
def test_event_dates_outside_1960_to_today_are_dropped(text):
    published = dt.date.today()
    found = extract(text, published)
    assert found and all(c.date is None for c in found)


def test_event_dates_inside_the_range_are_kept():
    assert [
        c.date for c in extract("The last French soldiers left Mali on 15 August 2022.", dt.date(2022, 8, 16))
    ] == ["2022-08-15"]


# --- figures --------------------------------------------------------------------------------


@pytest.mark.parametrize("figure", ["1" * 400, str(2**64 + 1), f"{2**63:,}", "20,000,000"])
def test_huge_troop_figures_are_not_proposed(figure):
    assert find_troops(fold(f"Russia has {figure} troops in Mali.")) == []
    found = extract(f"Russia has {figure} troops stationed in Mali.", dt.date(2024, 3, 1))
    assert found and all(c.troops is None for c in found)


def test_large_plausible_troop_figure_is_kept():
    assert [f.value for f in find_troops(fold("Russia has 9,000,000 troops in Mali."))] == [9_000_000]
    assert config.MAX_TROOPS == 10_000_000


@pytest.mark.parametrize(
    "sentence",
    [
        "In Niamey the price of rice rose to " + "9" * 400 + " CFA francs.",
        "In Niamey the price of rice rose to 2,000,000,000,000 CFA francs.",
        "In Niamey the price of rice rose from " + "9" * 400 + " to " + "8" * 400 + " CFA francs.",
        "In Niamey the price of rice rose from 400 to " + "9" * 300 + " CFA francs.",
        "In Niamey the price of rice rose " + "9" * 400 + " per cent.",
    ],
)
def test_huge_prices_are_not_proposed(sentence):
    price = find_price(fold(sentence))
    assert price is None or (
        price.value is None
        and price.change_pct is None
        and (price.previous is None or price.previous <= config.MAX_AMOUNT)
    )
    for c in extract(sentence, dt.date(2024, 3, 1)):
        assert c.price_value is None and c.change_pct is None


def test_plausible_price_is_kept():
    price = find_price(fold("In Niamey the price of rice rose from 400 to 500 CFA francs."))
    assert (price.previous, price.value, price.change_pct) == (400, 500, 25.0)


# --- batches ----------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path, store_target):
    s = Store(store_target)
    yield s
    s.close()


def candidates(store: Store, name: str):
    return store.query(
        "SELECT c.* FROM candidates c JOIN articles a USING (article_id) WHERE a.filename LIKE ?",
        [f"%{name}"],
    )


def test_folder_with_one_good_and_several_bad_files(store, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a_good.txt")
    (folder / "b_year_one.txt").write_bytes(brief("0001-01-01", "Troops left two years ago."))
    (folder / "c_year_one_time.txt").write_bytes(brief("0001-01-01T00:00:00", "Troops left yesterday."))
    (folder / "d_year_9999.md").write_bytes(brief("9999-12-31", "Troops will leave next year."))
    (folder / "e_placeholder.html").write_bytes(
        b"<html><head><meta name='date' content='0001-01-01T00:00:00'></head>"
        b"<body><p>Russia deployed troops to Mali on Sunday.</p></body></html>"
    )
    (folder / "f_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "g_huge_troops.txt").write_bytes(
        brief(
            "2024-03-01",
            "Russia has "
            + "9" * 400
            + " troops stationed in Mali. Rice rose to "
            + "9" * 400
            + " CFA francs in Niamey.",
        )
    )
    broken = tmp_path / "h_broken_link.txt"
    broken.symlink_to(tmp_path / "missing.txt")

    results = {Path(r.name).name: r for r in ingest.ingest_paths(store, [folder, broken])}
    assert set(results) == {
        "a_good.txt",
        "b_year_one.txt",
        "c_year_one_time.txt",
        "d_year_9999.md",
        "e_placeholder.html",
        "f_binary.txt",
        "g_huge_troops.txt",
        "h_broken_link.txt",
    }
    assert results["a_good.txt"].status == "stored" and results["a_good.txt"].candidates >= 2
    for name in ("b_year_one.txt", "c_year_one_time.txt", "d_year_9999.md", "e_placeholder.html"):
        assert results[name].status == "rejected"
        assert "treated as unknown" in results[name].message, results[name]
    assert results["f_binary.txt"].status == "rejected" and "binary" in results["f_binary.txt"].message
    assert results["h_broken_link.txt"].status == "rejected"
    assert "cannot be read" in results["h_broken_link.txt"].message
    # Out-of-range figures are left empty: the article itself is fine and is stored.
    huge = results["g_huge_troops.txt"]
    assert huge.status == "stored", huge
    rows = candidates(store, "g_huge_troops.txt")
    assert len(rows) == huge.candidates and rows["troops"].isna().all()
    assert rows["price_value"].isna().all()
    stored = store.query("SELECT count(*) AS n FROM articles")["n"].iloc[0]
    assert stored == 2


def test_an_extractor_crash_rejects_that_file_only(store, tmp_path, monkeypatch):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a_good.txt")
    (folder / "b_crash.txt").write_bytes(brief("2024-03-01", "Troops left. CRASH here."))
    real = ingest.extract

    def flaky(article):
        if "CRASH" in article.text:
            raise OverflowError("date value out of range")
        return real(article)

    monkeypatch.setattr(ingest, "extract", flaky)
    results = {Path(r.name).name: r for r in ingest.ingest_paths(store, [folder])}
    assert results["a_good.txt"].status == "stored"
    bad = results["b_crash.txt"]
    assert bad.status == "rejected"
    assert "OverflowError" in bad.message and "internal error" in bad.message
    assert candidates(store, "b_crash.txt").empty


def test_a_reader_crash_rejects_that_file_only(store, tmp_path, monkeypatch):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a_good.txt")
    (folder / "b_crash.txt").write_bytes(brief("2024-03-01"))
    real = ingest.read_article

    def flaky(raw, filename, overrides=None):
        if "b_crash" in filename:
            raise ZeroDivisionError("division by zero")
        return real(raw, filename, overrides)

    monkeypatch.setattr(ingest, "read_article", flaky)
    results = {Path(r.name).name: r for r in ingest.ingest_paths(store, [folder])}
    assert results["a_good.txt"].status == "stored"
    assert results["b_crash.txt"].status == "rejected"
    assert "ZeroDivisionError" in results["b_crash.txt"].message


@pytest.mark.parametrize("exc", [KeyboardInterrupt, SystemExit])
def test_interrupts_are_not_swallowed(store, tmp_path, monkeypatch, exc):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a_good.txt")

    def interrupted(article):
        raise exc()

    monkeypatch.setattr(ingest, "extract", interrupted)
    with pytest.raises(exc):
        ingest.ingest_paths(store, [folder])


def test_time_limit_is_reported_as_such(store, monkeypatch):
    monkeypatch.setattr(config, "EXTRACT_SECONDS", 0.0)
    result = ingest.ingest_bytes(store, GOOD.read_bytes(), GOOD.name)
    assert result.status == "rejected"
    assert "took longer than 0 s" in result.message
    assert "could not be read" not in result.message  # not passed off as a bad article
    assert store.query("SELECT count(*) AS n FROM articles")["n"].iloc[0] == 0
    # Outside the block there is no limit.
    assert extract(read_article(GOOD.read_bytes(), GOOD.name))
    with pytest.raises(extractor_module.ExtractionTimeout):
        with extractor_module.time_limit(0.0):
            extract(read_article(GOOD.read_bytes(), GOOD.name))


def test_oversized_file_in_a_folder_is_rejected_without_reading_it_all(store, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a_good.txt")
    (folder / "b_big.txt").write_bytes(b"a" * (config.MAX_ARTICLE_BYTES + 10))
    results = {Path(r.name).name: r for r in ingest.ingest_paths(store, [folder])}
    assert results["a_good.txt"].status == "stored"
    assert results["b_big.txt"].status == "rejected" and "the limit is" in results["b_big.txt"].message
