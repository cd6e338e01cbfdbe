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
CAPITALS = {"MLI": ("bamako", 12.6392, -8.0029), "BFA": ("ouagadougou", 12.3714, -1.5197),
            "NER": ("niamey", 13.5116, 2.1254)}
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
    known = {loc: (float(lat), float(lon), name, name_fr if isinstance(name_fr, str) and name_fr else name)
             for loc, lat, lon, name, name_fr in zip(
                 locations["location_id"], locations["lat"], locations["lon"],
                 locations["name"], locations["name_fr"])
             if isinstance(loc, str) and loc}
    capitals = {}
    for country, (cap_id, lat, lon) in CAPITALS.items():
        lat, lon = known[cap_id][:2] if cap_id in known else (lat, lon)
        capitals[country] = (lat, lon, None, None)
    return known, capitals


def spread(frame: pd.DataFrame) -> pd.DataFrame:
    """Move markers that share a place onto a small ring so each stays visible and hoverable."""
    if frame.empty:
        return frame
    at_place = frame.groupby(["lat", "lon"])
    d_lat, d_lon = _ring(at_place.cumcount().tolist(), at_place["lat"].transform("size").tolist())
    return frame.assign(lat=frame["lat"].to_numpy() + d_lat, lon=frame["lon"].to_numpy() + d_lon)


def _ring(i: list[int], n: list[int]) -> tuple[list[float], list[float]]:
    """Offsets of the i-th of n markers at one place (none for a marker alone)."""
    angles = [2 * math.pi * k / m if m > 1 else None for k, m in zip(i, n)]
    return ([0.0 if a is None else SPREAD_DEG * math.sin(a) for a in angles],
            [0.0 if a is None else SPREAD_DEG * math.cos(a) for a in angles])
