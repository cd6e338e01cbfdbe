"""The WFP food-price importer: the file as HDX serves it, whole or not at all, by natural key."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard import cli
from dashboard.errors import BadInput
from dashboard.ingest import wfp
from dashboard.store import Store, market_prices

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "data" / "wfp" / "wfp_food_prices_ner_subset.csv"
NAME = "wfp_food_prices_ner.csv"
# The hashtag row HDX files carried until February 2026 (one tag per column of the header).
HXL = {
    "date": "#date",
    "admin1": "#adm1+name",
    "admin2": "#adm2+name",
    "market": "#loc+market+name",
    "market_id": "#loc+market+code",
    "latitude": "#geo+lat",
    "longitude": "#geo+lon",
    "category": "#item+type",
    "commodity": "#item+name",
    "commodity_id": "#item+code",
    "unit": "#item+unit",
    "priceflag": "#item+price+flag",
    "pricetype": "#item+price+type",
    "currency": "#currency",
    "price": "#value",
    "usdprice": "#value+usd",
}


def raw_rows() -> tuple[list[str], list[list[str]]]:
    with BUNDLED.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def write(header, rows, newline="\n", bom=False) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator=newline)
    w.writerow(header)
    w.writerows(rows)
    return (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")


def with_hxl() -> bytes:
    header, rows = raw_rows()
    return write(header, [[HXL[h] for h in header], *rows])


def reordered() -> bytes:
    """Columns reversed, an extra column, CRLF line ends and a byte-order mark."""
    header, rows = raw_rows()
    order = list(reversed(range(len(header))))
    return write(
        [header[i] for i in order] + ["notes"],
        [[r[i] for i in order] + ["extra text"] for r in rows],
        newline="\r\n",
        bom=True,
    )


@pytest.fixture
def store(tmp_path, monkeypatch, store_target):
    """A store on a data folder without the bundled WFP subset: it starts with no market price."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("articles", "wfp"))
    s = Store(store_target, data_dir=data)
    yield s
    s.close()


def stored(s: Store) -> pd.DataFrame:
    return market_prices.read(s).drop(columns="imported_at")


def test_the_bundled_subset_reads_as_the_file_says():
    frame = wfp.parse(BUNDLED.read_bytes(), BUNDLED.name)
    header, rows = raw_rows()
    assert len(frame) == len(rows) == 1472
    file = pd.DataFrame(rows, columns=header)
    assert list(frame["price"].astype(float)) == [float(v) for v in file["price"]]
    assert list(frame["date"].dt.strftime("%Y-%m-%d")) == list(file["date"])
    assert list(frame["market_id"].astype(int)) == [int(v) for v in file["market_id"]]
    for col in ("market", "commodity", "unit", "pricetype", "priceflag", "currency", "admin1"):
        assert list(frame[col]) == list(file[col]), col
    assert set(frame["country"]) == {"NER"}  # from the file's name
    assert set(frame["source"]) == {"WFP, via HDX"} and set(frame["source_file"]) == {BUNDLED.name}
    text = frame[["country", "market", "commodity", "unit", "pricetype", "priceflag", "currency", "admin1"]]
    assert text.notna().all().all() and not text.isin(["nan", "", "None"]).any().any()


def test_with_or_without_hxl_row_and_reordered_columns_store_identical_rows(tmp_path):
    stores = []
    for i, data in enumerate((BUNDLED.read_bytes(), with_hxl(), reordered())):
        data_dir = tmp_path / f"data{i}"
        shutil.copytree(ROOT / "data", data_dir, ignore=shutil.ignore_patterns("articles", "wfp"))
        s = Store(tmp_path / f"s{i}.duckdb", data_dir=data_dir)
        result = wfp.import_bytes(s, data, NAME)
        assert (result.rows, result.inserted, result.updated) == (1472, 1472, 0)
        stores.append(stored(s))
        s.close()
    pd.testing.assert_frame_equal(stores[0], stores[1])
    pd.testing.assert_frame_equal(stores[0], stores[2])


def test_a_reimport_changes_nothing_and_a_newer_file_updates_in_place(store):
    wfp.import_bytes(store, BUNDLED.read_bytes(), NAME)
    version, before = store.version(), market_prices.read(store)
    again = wfp.import_bytes(store, BUNDLED.read_bytes(), NAME)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1472)
    assert store.version() == version  # no write at all: caches keyed on the version stay
    pd.testing.assert_frame_equal(market_prices.read(store), before)

    header, rows = raw_rows()
    col = {h: i for i, h in enumerate(header)}
    target = next(r for r in rows if r[col["market"]] == "Katako" and r[col["commodity"]] == "Millet")
    newer = [list(r) for r in rows]
    newer[rows.index(target)][col["price"]] = str(int(target[col["price"]]) + 7)
    extra = list(target)
    extra[col["date"]] = "2026-09-15"
    result = wfp.import_bytes(store, write(header, newer + [extra]), NAME)
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 1471)
    after = market_prices.read(store)
    assert len(after) == 1473
    key = (after["market"] == "Katako") & (after["commodity"] == "Millet")
    first = after[key & (after["date"] == pd.Timestamp(target[col["date"]]))]
    assert float(first["price"].iloc[0]) == int(target[col["price"]]) + 7
    untouched = after[~key].drop(columns="imported_at").reset_index(drop=True)
    pd.testing.assert_frame_equal(
        untouched,
        before[~((before["market"] == "Katako") & (before["commodity"] == "Millet"))]
        .drop(columns="imported_at")
        .reset_index(drop=True),
    )
    assert store.version() != version


def refused(store, data: bytes, name: str = NAME) -> str:
    version, count = store.version(), len(market_prices.read(store))
    with pytest.raises(BadInput) as err:
        wfp.import_bytes(store, data, name)
    assert store.version() == version and len(market_prices.read(store)) == count  # nothing stored
    return str(err.value)


def test_a_missing_required_column_is_refused_naming_it(store):
    header, rows = raw_rows()
    drop = header.index("price")
    message = refused(
        store,
        write(
            [h for i, h in enumerate(header) if i != drop],
            [[v for i, v in enumerate(r) if i != drop] for r in rows],
        ),
    )
    assert "line 1, column 'price'" in message and "nothing stored" in message


@pytest.mark.parametrize("hxl", [False, True])
def test_a_price_that_is_not_a_number_is_refused_with_its_line(store, hxl):
    header, rows = raw_rows()
    rows = [list(r) for r in rows]
    rows[9][header.index("price")] = "12O"  # a letter O: line 11 of the file (12 with the HXL row)
    body = [[HXL[h] for h in header], *rows] if hxl else rows
    message = refused(store, write(header, body))
    line = 12 if hxl else 11
    assert f"line {line}, column 'price': '12O' is not a number" in message


def test_a_half_stored_file_is_impossible(store):
    """The fault is on the last line: no earlier row reaches the store."""
    header, rows = raw_rows()
    rows = [list(r) for r in rows]
    rows[-1][header.index("date")] = "2024-13-45"
    message = refused(store, write(header, rows))
    assert f"line {len(rows) + 1}, column 'date'" in message


def test_other_faults_name_line_and_column(store):
    header, rows = raw_rows()
    short = [list(r) for r in rows]
    short[3] = short[3][:-2]
    assert "line 5, column '*': 14 fields where the header has 16" in refused(store, write(header, short))
    doubled = [list(r) for r in rows] + [list(rows[0])]
    assert f"line {len(rows) + 2}, column 'date': a second price" in refused(store, write(header, doubled))
    assert "of line 2" in refused(store, write(header, doubled))
    bad_id = [list(r) for r in rows]
    bad_id[0][header.index("market_id")] = "59O"
    assert "line 2, column 'market_id': '59O' is not a whole number" in refused(store, write(header, bad_id))
    negative = [list(r) for r in rows]
    negative[1][header.index("price")] = "-5"
    assert "line 3, column 'price'" in refused(store, write(header, negative))
    assert "the file is empty" in refused(store, b"")
    assert "no data rows" in refused(store, write(header, []))
    assert "not UTF-8" in refused(store, BUNDLED.read_bytes().replace(b"Katako", b"K\xe9tako", 1))


def test_the_country_comes_from_a_column_the_name_or_the_caller(store):
    header, rows = raw_rows()
    assert "pass the country" in refused(store, BUNDLED.read_bytes(), "prices.csv")
    result = wfp.import_bytes(store, BUNDLED.read_bytes(), "prices.csv", country="NER")
    assert result.inserted == 1472
    with_col = write(header + ["countryiso3"], [r + ["NER"] for r in rows])
    assert wfp.parse(with_col, "prices.csv")["country"].eq("NER").all()
    wrong = write(header + ["countryiso3"], [r + ["NGA"] for r in rows])
    assert "'NGA' is not one of" in refused(store, wrong, "prices.csv")
    assert "country 'NGA'" in refused(store, BUNDLED.read_bytes(), "wfp_food_prices_nga.csv")


def test_many_faults_are_counted_not_all_listed(store):
    header, rows = raw_rows()
    rows = [list(r) for r in rows]
    for r in rows:
        r[header.index("price")] = "n/a"
    message = refused(store, write(header, rows))
    assert message.count("column 'price'") == wfp.MAX_PROBLEMS
    assert f"(and {len(rows) - wfp.MAX_PROBLEMS} more)" in message


def test_the_bundled_subset_is_seeded_and_never_overwrites_a_newer_file(tmp_path, store_target):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("articles"))
    s = Store(store_target, data_dir=data)
    assert len(market_prices.read(s)) == 1472 and s.data_warning is None
    header, rows = raw_rows()
    newer = [list(r) for r in rows]
    newer[0][header.index("price")] = "999"
    result = wfp.import_bytes(s, write(header, newer), NAME)
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 1471)
    s.close()
    # the bundled file changes (a git pull): it is seeded again, but the newer file's row stays
    bundled = data / "wfp" / BUNDLED.name
    bundled.write_bytes(bundled.read_bytes() + b"\n")
    s = Store(store_target, data_dir=data)
    rows_now = market_prices.read(s)
    first = rows_now[rows_now["source_file"] == NAME]
    assert len(first) == 1 and float(first["price"].iloc[0]) == 999
    assert len(rows_now) == 1472 and (rows_now["source_file"] == BUNDLED.name).sum() == 1471
    s.close()


def test_a_broken_bundled_file_is_not_seeded_and_says_so(tmp_path, store_target):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("articles"))
    bundled = data / "wfp" / BUNDLED.name
    bundled.write_bytes(bundled.read_bytes().replace(b",316,", b",x,", 1))
    s = Store(store_target, data_dir=data)
    assert len(market_prices.read(s)) == 0
    assert "column 'price'" in s.data_warning
    s.close()


def test_the_command_line_imports_and_refuses(tmp_path, monkeypatch, capsys, store_target):
    monkeypatch.setenv("SAHEL_DB", str(store_target))
    path = tmp_path / NAME
    path.write_bytes(with_hxl())
    assert cli.main(["import-prices", str(path)]) == 0
    assert "1472 rows: 0 new, 0 updated, 1472 unchanged" in capsys.readouterr().out  # the bundled seed
    bad = tmp_path / "wfp_food_prices_ner_bad.csv"
    bad.write_bytes(b"date,market\n2024-01-15,x\n")
    assert cli.main(["import-prices", str(bad)]) == 1
    assert "column 'price': required column missing" in capsys.readouterr().err
