"""Places on the map: coordinates of locations, capitals for country-wide records, map frame.

The base map (country outlines) is plotly's own topology, served from static/ by Streamlit so
that no request leaves the server: see static/NOTICE.md and scripts/build_static.sh.
"""

from __future__ import annotations

import math

import pandas as pd

# Where plotly fetches `<scope>_<resolution>m.json`; relative, so it follows the server's path.
TOPOJSON_URL = "app/static/"
SCOPE, RESOLUTION = "africa", 50
# The view: the three countries and their neighbours.
LON_RANGE = (-13.5, 17.0)
LAT_RANGE = (6.0, 25.5)
FOCUS = ("MLI", "BFA", "NER")
NEIGHBOURS = ("DZA", "LBY", "TCD", "NGA", "BEN", "TGO", "GHA", "CIV", "GIN", "SEN", "MRT")
# Country-wide records are drawn at the capital; these are the fallbacks if locations.csv
# lacks the capital (approximate city centres).
CAPITALS = {
    "MLI": ("bamako", 12.6392, -8.0029),
    "BFA": ("ouagadougou", 12.3714, -1.5197),
    "NER": ("niamey", 13.5116, 2.1254),
}
# Where the country's name label sits (inside its outline, clear of the capitals).
LABELS = {"MLI": (17.5, -3.5), "BFA": (11.6, -1.9), "NER": (17.0, 10.0)}
SPREAD_DEG = 0.45  # radius of the ring on which markers sharing one place are spread


def place(frame: pd.DataFrame, locations: pd.DataFrame) -> pd.DataFrame:
    """Add lat, lon and place name to rows keyed by (country, location_id)."""
    known, capitals = _coordinates(locations)
    lats, lons, names, names_fr = [], [], [], []
    for loc, country in zip(frame["location_id"].tolist(), frame["country"].tolist()):
        lat, lon, name, name_fr = known.get(loc) or capitals[country]
        lats.append(lat), lons.append(lon), names.append(name), names_fr.append(name_fr)
    return frame.assign(lat=lats, lon=lons, place=names, place_fr=names_fr)


def _coordinates(locations: pd.DataFrame) -> tuple[dict, dict]:
    """(lat, lon, name, French name) per location id, and per country its capital's
    coordinates without a name (country-wide records are drawn there)."""
    known = {
        loc: (float(lat), float(lon), name, name_fr if isinstance(name_fr, str) and name_fr else name)
        for loc, lat, lon, name, name_fr in zip(
            locations["location_id"],
            locations["lat"],
            locations["lon"],
            locations["name"],
            locations["name_fr"],
        )
        if isinstance(loc, str) and loc
    }
    capitals = {}
    for country, (cap_id, lat, lon) in CAPITALS.items():
        lat, lon = known[cap_id][:2] if cap_id in known else (lat, lon)
        capitals[country] = (lat, lon, None, None)
    return known, capitals


NEAR_DEG = 0.2  # places closer than this (Niamey and its airport) share one ring


def _anchors(lats: list[float], lons: list[float], near: float) -> list[tuple[float, float]]:
    """Each point's anchor: the first earlier point within `near` degrees, else itself."""
    anchors: list[tuple[float, float]] = []
    out = []
    for lat, lon in zip(lats, lons):
        anchor = next((a for a in anchors if math.hypot(a[0] - lat, a[1] - lon) < near), None)
        if anchor is None:
            anchor = (lat, lon)
            anchors.append(anchor)
        out.append(anchor)
    return out


def spread(frame: pd.DataFrame, near: float = NEAR_DEG) -> pd.DataFrame:
    """Move markers that share a place, or stand at places closer than `near`, onto a small
    ring around the first of them, so each stays visible and hoverable."""
    if frame.empty:
        return frame
    anchors = _anchors(frame["lat"].tolist(), frame["lon"].tolist(), near)
    keyed = pd.DataFrame(anchors, columns=["a_lat", "a_lon"], index=frame.index)
    at_place = keyed.groupby(["a_lat", "a_lon"])
    d_lat, d_lon = _ring(at_place.cumcount().tolist(), at_place["a_lat"].transform("size").tolist())
    return frame.assign(lat=keyed["a_lat"].to_numpy() + d_lat, lon=keyed["a_lon"].to_numpy() + d_lon)


def spread_together(frames: list[pd.DataFrame], near: float = NEAR_DEG) -> list[pd.DataFrame]:
    """`spread` over several map layers at once (present, last confirmed, left), so that a
    marker of one layer never hides one of another; each layer keeps its rows and index."""
    shown = [f for f in frames if not f.empty]
    if not shown:
        return frames
    both = spread(pd.concat([f[["lat", "lon"]] for f in shown], ignore_index=True), near)
    out, at = [], 0
    for f in frames:
        if f.empty:
            out.append(f)
            continue
        part = both.iloc[at : at + len(f)]
        out.append(f.assign(lat=part["lat"].to_numpy(), lon=part["lon"].to_numpy()))
        at += len(f)
    return out


def _ring(i: list[int], n: list[int]) -> tuple[list[float], list[float]]:
    """Offsets of the i-th of n markers at one place (none for a marker alone)."""
    angles = [2 * math.pi * k / m if m > 1 else None for k, m in zip(i, n)]
    return (
        [0.0 if a is None else SPREAD_DEG * math.sin(a) for a in angles],
        [0.0 if a is None else SPREAD_DEG * math.cos(a) for a in angles],
    )
