"""Synthetic data folders of any size, valid against dashboard/schema.py.

`python -m bench.synth N OUT [--validate]` writes events.csv (N rows), sources.csv,
locations.csv, sanctions.csv and prices.csv into OUT. The mixes of actors, event types,
countries, date precisions and troop figures follow the bundled data; more events mean denser
reporting on a slowly growing set of forces (as a longer real archive would), not thousands of
invented armies. Everything is vectorised with numpy so that a million rows take seconds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import config
from dashboard.records import outlines, vocab

FIRST = np.datetime64("2013-01-01")
# Up to the end of 2025, but never in the future: a future event would be on no map.
LAST = min(np.datetime64("2025-12-31"), np.datetime64("today", "D"))
# Shares in the bundled events (rounded); the rest of the vocabulary gets a small floor.
ACTOR_MIX = {
    "France": 35,
    "United States": 12,
    "United Nations": 12,
    "Russia": 10,
    "European Union": 9,
    "Germany": 8,
    "Italy": 4,
    "AES": 5,
    "Mali": 3,
    "Burkina Faso": 2,
    "Niger": 1,
    "ECOWAS": 1,
}
TYPE_MIX = {
    "presence_reported": 30,
    "deployment": 13,
    "withdrawal_completed": 10,
    "base_handed_over": 9,
    "agreement_signed": 6,
    "withdrawal_announced": 6,
    "agreement_revoked": 6,
    "coup": 3,
    "operation_ended": 4,
    "base_opened": 3,
    "expulsion_ordered": 3,
    "alliance_formed": 2,
    "mandate_ended": 2,
    "withdrawal_started": 2,
}
COUNTRY_MIX = {"MLI": 51, "NER": 39, "BFA": 10}
# Rough boxes inside each country, for synthetic bases.
BOXES = {
    "MLI": ((11.0, 20.0), (-10.0, 3.5)),
    "NER": ((12.5, 20.0), (1.0, 13.5)),
    "BFA": ((10.5, 14.5), (-4.5, 1.5)),
}
WORDS = (
    "troops convoy base camp patrol drone airfield mission instructors garrison handover "
    "transfer agreement junta command logistics helicopters battalion rotation barracks "
    "withdrawal deployment contingent officers advisers training"
).split()
PUBLISHERS = (
    "Agence Sahel Presse",
    "West Africa Wire",
    "Le Courrier du Niger",
    "Bamako Daily",
    "Ouaga Hebdo",
    "Radio Sahel",
    "Regional Monitor",
    "Defence Weekly",
)
COMMODITIES = (
    ("rice", "kg"),
    ("millet", "100 kg sack"),
    ("diesel", "litre"),
    ("petrol", "litre"),
    ("sugar", "kg"),
    ("cooking_oil", "litre"),
    ("milk_powder", "kg"),
    ("maize", "kg"),
)


def _choice(rng, mix: dict, n: int) -> np.ndarray:
    keys = np.array(list(mix))
    p = np.array(list(mix.values()), dtype=float)
    return keys[rng.choice(len(keys), size=n, p=p / p.sum())]


def _dates(rng, n: int, start=FIRST, end=LAST) -> tuple[np.ndarray, np.ndarray]:
    """Dates with a precision mix like the bundled data (day 72%, month 18%, year 10%),
    snapped as the schema wants: month-precise on day 1, year-precise on 1 January."""
    span = (end - start).astype(int)
    days = start + rng.integers(0, span + 1, size=n).astype("timedelta64[D]")
    precision = _choice(rng, {"day": 72, "month": 18, "year": 10}, n)
    months = days.astype("datetime64[M]").astype("datetime64[D]")
    years = days.astype("datetime64[Y]").astype("datetime64[D]")
    days = np.where(precision == "month", months, np.where(precision == "year", years, days))
    return days, precision


def _sentences(rng, n: int, words: int) -> np.ndarray:
    pool = np.array(WORDS)
    picks = pool[rng.integers(0, len(pool), size=(n, words))]
    return np.array([" ".join(row).capitalize() + "." for row in picks], dtype=object)


def locations(rng, per_country: int) -> pd.DataFrame:
    bundled = pd.read_csv(config.data_dir() / "locations.csv", dtype=str, keep_default_na=False)
    rows = []
    for country, ((lat0, lat1), (lon0, lon1)) in BOXES.items():
        for i in range(per_country):
            # Drawn in the country's box until inside its outline, as validation requires.
            lat, lon = round(rng.uniform(lat0, lat1), 4), round(rng.uniform(lon0, lon1), 4)
            while not outlines.in_country(country, lat, lon):
                lat, lon = round(rng.uniform(lat0, lat1), 4), round(rng.uniform(lon0, lon1), 4)
            rows.append(
                {
                    "location_id": f"syn-{country.lower()}-{i:03d}",
                    "name": f"Synthetic base {country} {i}",
                    "name_fr": f"Base fictive {country} {i}",
                    "country": country,
                    "admin1": "",
                    "lat": lat,
                    "lon": lon,
                    "coord_source": "approximate",
                    "aliases": "",
                }
            )
    return pd.concat([bundled, pd.DataFrame(rows).astype(str)], ignore_index=True)


GRADE_CYCLE = (
    "agency",
    "outlet",
    "official",
    "outlet",
    "agency",
    "outlet",
    "copy",
    "outlet",
    "state_media",
    "weak",
)


def sources(rng, n: int) -> pd.DataFrame:
    days, _ = _dates(rng, n)
    ids = np.char.add("syn-src-", np.char.zfill(np.arange(n).astype(str), 7))
    return pd.DataFrame(
        {
            "source_id": ids,
            "publisher": np.array(PUBLISHERS)[rng.integers(0, len(PUBLISHERS), n)],
            "title": _sentences(rng, n, 7),
            "published": np.datetime_as_string(days, unit="D"),
            "url": np.char.add("https://example.org/synthetic/", ids),
            "language": np.where(rng.random(n) < 0.55, "fr", "en"),
            # Grades in a fixed cycle (not drawn), so the other columns stay as they were.
            "reliability": np.array(GRADE_CYCLE)[np.arange(n) % len(GRADE_CYCLE)],
            "notes": "",
        }
    )


def _source_ids(rng, n: int, source_ids: np.ndarray) -> np.ndarray:
    """One to three distinct sources per row, ';'-joined."""
    first = rng.integers(0, len(source_ids), n)
    second = (first + 1 + rng.integers(0, len(source_ids) - 1, n)) % len(source_ids)
    out = source_ids[first].astype(object)
    two = rng.random(n) < 0.4
    out[two] = out[two] + ";" + source_ids[second[two]]
    return out


def events(rng, n: int, locs: pd.DataFrame, source_ids: np.ndarray) -> pd.DataFrame:
    per_actor = 4 + n // 50_000  # the set of forces grows slowly with the archive
    actor = _choice(rng, ACTOR_MIX, n)
    force_no = rng.integers(0, per_actor, n)
    force = np.char.add(np.char.add(actor.astype(str), " force "), force_no.astype(str)).astype(object)
    # Each force serves in one country, chosen by a hash of its name, at a few bases there.
    codes = np.array(list(COUNTRY_MIX))
    weights = np.cumsum(list(COUNTRY_MIX.values())) / sum(COUNTRY_MIX.values())
    unique_forces, inverse = np.unique(force.astype(str), return_inverse=True)
    force_rng = np.random.default_rng(7)
    force_country = codes[np.searchsorted(weights, force_rng.random(len(unique_forces)))]
    country = force_country[inverse]
    by_country = {c: locs.loc[locs["country"] == c, "location_id"].to_numpy() for c in codes}
    force_bases = np.empty((len(unique_forces), 3), dtype=object)
    for i, c in enumerate(force_country):
        force_bases[i] = force_rng.choice(by_country[c], size=3)
    location = force_bases[inverse, rng.integers(0, 3, n)]
    location[rng.random(n) < 0.57] = ""  # most reports name no base: country-wide
    etype = _choice(rng, TYPE_MIX, n)
    date, precision = _dates(rng, n)
    has_troops = rng.random(n) < 0.3
    troops = np.where(has_troops, rng.integers(20, 5000, n), 0).astype(object)
    troops[~has_troops] = ""
    kind = _choice(rng, {"strength": 67, "leaving": 17, "ceiling": 8, "arriving": 5, "remaining": 3}, n)
    kind = kind.astype(object)
    kind[~has_troops] = ""
    notes = _sentences(rng, n, 12)
    notes[rng.random(n) < 0.5] = ""
    return pd.DataFrame(
        {
            "event_id": np.char.add("syn-ev-", np.char.zfill(np.arange(n).astype(str), 8)),
            "date": np.datetime_as_string(date, unit="D"),
            "date_precision": precision,
            "country": country,
            "location_id": location,
            "actor": actor,
            "force": force,
            "event_type": etype,
            "troops": troops,
            "troops_kind": kind,
            "summary": _sentences(rng, n, 16),
            "summary_fr": "",
            "evidence": _sentences(rng, n, 5),
            "source_ids": _source_ids(rng, n, source_ids),
            "status": _choice(rng, {"verified": 82, "disputed": 12, "unverified": 6}, n),
            "notes": notes,
        }
    )


def sanctions(rng, n: int, source_ids: np.ndarray) -> pd.DataFrame:
    start, start_p = _dates(rng, n, np.datetime64("2020-01-01"))
    length = rng.integers(30, 900, n).astype("timedelta64[D]")
    end = start + length
    ended = (rng.random(n) < 0.6) & (end <= LAST)  # an end still to come is no end yet
    end_p = np.where(ended, "day", "")
    return pd.DataFrame(
        {
            "sanction_id": np.char.add("syn-sanction-", np.arange(n).astype(str)),
            "imposer": _choice(
                rng,
                {
                    "ECOWAS": 11,
                    "Niger": 4,
                    "WAEMU": 2,
                    "Nigeria": 2,
                    "United States": 2,
                    "European Union": 1,
                    "Benin": 1,
                },
                n,
            ),
            "country": _choice(rng, COUNTRY_MIX, n),
            # No bloc exits: a random exit would end random suspensions (validation checks that).
            "measure": rng.choice(np.array([m for m in vocab.SANCTION_MEASURES if m != "bloc_exit"]), n),
            "start": np.datetime_as_string(start, unit="D"),
            "start_precision": start_p,
            "end": np.where(ended, np.datetime_as_string(end, unit="D"), ""),
            "end_precision": end_p,
            "summary": _sentences(rng, n, 14),
            "summary_fr": "",
            "evidence": _sentences(rng, n, 5),
            "source_ids": _source_ids(rng, n, source_ids),
            "status": _choice(rng, {"verified": 90, "disputed": 5, "unverified": 5}, n),
            "notes": "",
        }
    )


def prices(rng, n: int, source_ids: np.ndarray) -> pd.DataFrame:
    date, precision = _dates(rng, n, np.datetime64("2019-01-01"))
    which = rng.integers(0, len(COMMODITIES), n)
    value = rng.uniform(100, 2000, n).round(0).astype(object)
    has_value = rng.random(n) < 0.8
    change = rng.uniform(-30, 120, n).round(1).astype(object)
    change[has_value & (rng.random(n) < 0.7)] = ""
    value[~has_value] = ""
    return pd.DataFrame(
        {
            "price_id": np.char.add("syn-price-", np.arange(n).astype(str)),
            "country": _choice(rng, COUNTRY_MIX, n),
            "place": "",
            "location_id": "",
            "commodity": np.array([c for c, _ in COMMODITIES])[which],
            "commodity_detail": "",
            "unit": np.array([u for _, u in COMMODITIES])[which],
            "currency": "XOF",
            "value": value,
            "value_max": "",
            "previous_value": "",
            "previous_date": "",
            "change_pct": change,
            "date": np.datetime_as_string(date, unit="D"),
            "date_precision": precision,
            "context": _choice(rng, {"pre_coup": 2, "sanctions": 5, "post_sanctions": 3, "other": 2}, n),
            "evidence": _sentences(rng, n, 5),
            "source_ids": _source_ids(rng, n, source_ids),
            "status": "verified",
            "notes": "",
        }
    )


def generate(n_events: int, out: Path, seed: int = 2024) -> Path:
    """Write a data folder with `n_events` events; returns the folder."""
    rng = np.random.default_rng(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    locs = locations(rng, per_country=30)
    srcs = sources(rng, max(300, n_events // 10))
    ids = srcs["source_id"].to_numpy()
    tables = {
        "locations": locs,
        "sources": srcs,
        "events": events(rng, n_events, locs, ids),
        "sanctions": sanctions(rng, 25 + n_events // 5000, ids),
        "prices": prices(rng, 47 + n_events // 500, ids),
    }
    for name, frame in tables.items():
        frame.to_csv(out / f"{name}.csv", index=False)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of events")
    ap.add_argument("out", type=Path)
    ap.add_argument("--validate", action="store_true", help="run dashboard.records.schema.validate after")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    generate(args.n, args.out)
    print(f"{args.n} events written to {args.out} in {time.perf_counter() - t0:.1f} s")
    if args.validate:
        from dashboard.records.schema import validate

        problems = validate(args.out)
        for p in problems[:20]:
            print(p)
        print(f"{len(problems)} problem(s)")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
