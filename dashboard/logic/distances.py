"""How far a place is from the nearest foreign base: geodesic distances on the WGS84 ellipsoid
(pyproj.Geod), exact at any range, where a projected CRS would stretch them across a region
the size of the Sahel.

A base is a place where a foreign force is present on the date asked (a presence interval at a
located place: started by then and not yet ended). Country-wide presence has no place and is
no base.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pyproj import Geod

GEOD = Geod(ellps="WGS84")


def km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Geodesic distance in km between points (arrays broadcast against each other)."""
    lat1, lon1, lat2, lon2 = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (lat1, lon1, lat2, lon2))
    )
    _, _, metres = GEOD.inv(lon1.ravel(), lat1.ravel(), lon2.ravel(), lat2.ravel())
    return np.asarray(metres).reshape(lat1.shape) / 1000.0


def bases(intervals: pd.DataFrame, when) -> pd.DataFrame:
    """Located intervals present at `when` (intervals with lat and lon, e.g. from geo.place)."""
    when = pd.Timestamp(when)
    mask = (intervals["start"] <= when) & (intervals["end"].isna() | (intervals["end"] >= when))
    return intervals[mask.fillna(False).astype(bool) & intervals["lat"].notna() & intervals["lon"].notna()]


def nearest(points: pd.DataFrame, bases_: pd.DataFrame) -> pd.DataFrame:
    """For each point (lat, lon): `base_km` to the nearest base, and that base's `base_force`
    and `base_place`; empty where the point has no coordinates or there is no base."""
    out = pd.DataFrame(index=points.index)
    out["base_km"] = pd.Series(np.nan, index=points.index)
    out["base_force"] = pd.Series(pd.NA, index=points.index, dtype="string")
    out["base_place"] = pd.Series(pd.NA, index=points.index, dtype="string")
    located = points["lat"].notna() & points["lon"].notna()
    if bases_.empty or not located.any():
        return out
    p = points[located]
    d = km(
        p["lat"].to_numpy(float)[:, None],
        p["lon"].to_numpy(float)[:, None],
        bases_["lat"].to_numpy(float)[None, :],
        bases_["lon"].to_numpy(float)[None, :],
    )
    best = d.argmin(axis=1)
    out.loc[located, "base_km"] = d[np.arange(len(p)), best].round(1)
    out.loc[located, "base_force"] = bases_["force"].to_numpy()[best]
    if "location_id" in bases_:
        out.loc[located, "base_place"] = bases_["location_id"].to_numpy()[best]
    return out


def near_bases(events: pd.DataFrame, located_intervals: pd.DataFrame, within_km: float) -> pd.Series:
    """True for an event (with lat, lon and date) within `within_km` of a foreign base present
    on its own date; False for a country-wide event or one with no base that near."""
    keep = pd.Series(False, index=events.index)
    has = events["lat"].notna() & events["lon"].notna() & events["date"].notna()
    if located_intervals.empty or not has.any():
        return keep
    iv = located_intervals[located_intervals["lat"].notna() & located_intervals["lon"].notna()]
    e = events[has]
    d = km(
        e["lat"].to_numpy(float)[:, None],
        e["lon"].to_numpy(float)[:, None],
        iv["lat"].to_numpy(float)[None, :],
        iv["lon"].to_numpy(float)[None, :],
    )
    dates = e["date"].to_numpy()[:, None]
    present = (iv["start"].to_numpy()[None, :] <= dates) & (
        pd.isna(iv["end"]).to_numpy()[None, :] | (iv["end"].to_numpy()[None, :] >= dates)
    )
    keep.loc[e.index] = ((d <= within_km) & present).any(axis=1)
    return keep
