"""Country outlines from the base map's own topology (static/africa_50m.json, Natural Earth
1:50m), to check that a place lies in the country it is filed under.

TopoJSON stores shared borders once as delta-encoded arcs; a polygon is a list of rings, each a
list of arc indexes (a negative index ~i means arc i reversed).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from dashboard import config

TOPOLOGY = Path(__file__).resolve().parents[2] / "static" / "africa_50m.json"
# 1:50m outlines are simplified: a border town may fall a few km outside its country's line.


@lru_cache(maxsize=1)
def _outlines(path: Path = TOPOLOGY) -> dict[str, list[list[list[tuple[float, float]]]]]:
    topo = json.loads(Path(path).read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes):
        out: list[tuple[float, float]] = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points if not out else points[1:])
        return out

    countries = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        if not geom.get("id"):
            continue
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        countries[geom["id"]] = [[ring(r) for r in polygon] for polygon in polygons]
    return countries


def _inside(lon: float, lat: float, ring: list[tuple[float, float]]) -> bool:
    """Ray casting: an odd number of edge crossings to the east means inside."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _near(lon: float, lat: float, ring: list[tuple[float, float]], tolerance: float) -> bool:
    return any(math.hypot(lon - x, lat - y) <= tolerance for x, y in ring)


def in_country(
    iso3: str, lat: float, lon: float, tolerance: float = config.OUTLINE_TOLERANCE_DEG
) -> bool | None:
    """True when the point lies in the country's outline (or within `tolerance` degrees of a
    vertex of it); None when the topology has no such country."""
    polygons = _outlines().get(iso3)
    if polygons is None:
        return None
    for outer, *holes in polygons:
        if _inside(lon, lat, outer) and not any(_inside(lon, lat, h) for h in holes):
            return True
    return any(_near(lon, lat, ring, tolerance) for polygon in polygons for ring in polygon)
