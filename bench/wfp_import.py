"""WFP food-price import speed: `python -m bench.wfp_import [--rows N]`.

The file is the bundled Niger subset (data/wfp/) repeated under new market ids until it holds
N rows (default 100,000; a benchmark input, never stored in data/), written with its HXL row.
Timed in the same run: pandas' own `read_csv` of the file (the baseline: reading it at all),
`dashboard.ingest.wfp.parse` (reading and checking every cell), and the whole import into a new
store (parse and the one-transaction upsert), then the same file again (nothing changes, nothing
is written) and a file with every price changed (every row updated in place); the grading of
every series in the manner of ALPS (dashboard.logic.alps) last. Prints figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from dashboard.ingest import wfp
from dashboard.logic import alps
from dashboard.store import Store, market_prices

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "wfp" / "wfp_food_prices_ner_subset.csv"
HXL = "#date,#adm1+name,#adm2+name,#loc+market+name,#loc+market+code,#geo+lat,#geo+lon,#item+type,#item+name,#item+code,#item+unit,#item+price+flag,#item+price+type,#currency,#value,#value+usd"


def synthetic(rows: int, bump: int = 0) -> bytes:
    """`rows` rows: the bundled ones again and again, each copy under market ids of its own;
    `bump` is added to every price (a newer file that changes every row)."""
    with BUNDLED.open(newline="", encoding="utf-8") as fh:
        reader = list(csv.reader(fh))
    header, body = reader[0], reader[1:]
    col = {h: i for i, h in enumerate(header)}
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    out.write(HXL + "\n")
    copy, written = 0, 0
    while written < rows:
        for r in body:
            if written >= rows:
                break
            r = list(r)
            r[col["market_id"]] = str(int(r[col["market_id"]]) + 100_000 * copy)
            r[col["market"]] = f"{r[col['market']]} {copy}" if copy else r[col["market"]]
            r[col["price"]] = str(int(r[col["price"]]) + bump)
            w.writerow(r)
            written += 1
        copy += 1
    return out.getvalue().encode("utf-8")


def best(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run(rows: int, reps: int) -> dict:
    data = synthetic(rows)
    newer = synthetic(rows, bump=5)
    name = "wfp_food_prices_ner.csv"
    baseline = best(
        lambda: pd.read_csv(io.BytesIO(data), skiprows=[1], dtype=str, keep_default_na=False), reps
    )
    parse = best(lambda: wfp.parse(data, name), reps)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        for table in ("events", "sources", "locations", "prices", "sanctions"):
            (data_dir / f"{table}.csv").write_bytes((ROOT / "data" / f"{table}.csv").read_bytes())
        store = Store(Path(tmp) / "bench.duckdb", data_dir=data_dir)  # no bundled WFP rows
        t0 = time.perf_counter()
        first = wfp.import_bytes(store, data, name)
        full = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = wfp.import_bytes(store, data, name)
        same = time.perf_counter() - t0
        t0 = time.perf_counter()
        changed = wfp.import_bytes(store, newer, name)
        update = time.perf_counter() - t0
        frame = market_prices.read(store)
        t0 = time.perf_counter()
        graded = alps.with_alps(frame)
        grading = time.perf_counter() - t0
        series = int(alps.series_id(graded).nunique())
        store.close()
    assert (first.inserted, again.unchanged, changed.updated) == (rows, rows, rows)
    return {
        "rows": rows,
        "bytes": len(data),
        "read_csv_s": baseline,
        "parse_s": parse,
        "import_s": full,
        "reimport_unchanged_s": same,
        "import_all_updated_s": update,
        "alps_s": grading,
        "series": series,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.wfp_import")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"$ python -m bench.wfp_import --rows {args.rows} --reps {args.reps}")
    r = run(args.rows, args.reps)
    base = r["read_csv_s"]
    print(f"file: {r['rows']:,} rows, {r['bytes'] / 1e6:.1f} MB, with its HXL row")
    print(f"{'step':34} {'seconds':>8} {'rows/s':>10} {'x read_csv':>10}")
    for label, key in (
        ("pandas.read_csv (baseline)", "read_csv_s"),
        ("wfp.parse (read and check)", "parse_s"),
        ("import into a new store", "import_s"),
        ("same file again (nothing written)", "reimport_unchanged_s"),
        ("every price changed (all updated)", "import_all_updated_s"),
    ):
        print(f"{label:34} {r[key]:8.2f} {r['rows'] / r[key]:10,.0f} {r[key] / base:10.1f}")
    print(f"ALPS grades of {r['series']:,} series: {r['alps_s']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
