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
    locs = locations.set_index("location_id")
    lats, lons, names, names_fr = [], [], [], []
    for row in frame.itertuples(index=False):
        loc = row.location_id if isinstance(row.location_id, str) and row.location_id else None
        if loc is None or loc not in locs.index:
            cap_id, lat, lon = CAPITALS[row.country]
            if cap_id in locs.index:
                rec = locs.loc[cap_id]
                lat, lon = float(rec["lat"]), float(rec["lon"])
            lats.append(lat), lons.append(lon), names.append(None), names_fr.append(None)
        else:
            rec = locs.loc[loc]
            lats.append(float(rec["lat"])), lons.append(float(rec["lon"]))
            names.append(rec["name"]), names_fr.append(rec.get("name_fr") or rec["name"])
    return frame.assign(lat=lats, lon=lons, place=names, place_fr=names_fr)


def spread(frame: pd.DataFrame) -> pd.DataFrame:
    """Move markers that share a place onto a small ring so each stays visible and hoverable."""
    if frame.empty:
        return frame
    frame = frame.copy()
    for _, idx in frame.groupby(["lat", "lon"]).groups.items():
        n = len(idx)
        if n < 2:
            continue
        for i, row_id in enumerate(idx):
            angle = 2 * math.pi * i / n
            frame.loc[row_id, "lat"] += SPREAD_DEG * math.sin(angle)
            frame.loc[row_id, "lon"] += SPREAD_DEG * math.cos(angle)
    return frame
