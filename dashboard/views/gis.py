"""GIS layers of a filtered view, for QGIS or ArcGIS: places, events, presence intervals,
markets and regions, in EPSG:4326 with every provenance column of the CSV export.

`layers(data, view, markets)` builds them (geopandas frames); `to_gpkg`, `to_geojson` and
`to_shp_zip` write one file each: a GeoPackage with one layer per table, one GeoJSON
FeatureCollection whose features say their `layer`, or a zip of one Shapefile per layer.
The events layer holds exactly the rows of the CSV export of the same view; a country-wide
event has no point (an empty geometry), never one at the capital.
"""

from __future__ import annotations

import io
import json
import tempfile
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pyogrio

from dashboard.logic import filters, selection
from dashboard.logic.filters import Filters
from dashboard.records import regions
from dashboard.views import export, inputs

FORMATS = ("gpkg", "geojson", "shp")


def _points(frame: pd.DataFrame, lat: str = "lat", lon: str = "lon"):
    import geopandas as gpd

    geometry = gpd.points_from_xy(
        pd.to_numeric(frame[lat], errors="coerce"), pd.to_numeric(frame[lon], errors="coerce")
    )
    geometry = [None if g.is_empty else g for g in geometry]  # no invented point
    return gpd.GeoDataFrame(_plain(frame), geometry=geometry, crs=4326)


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns GIS formats hold: text, numbers and dates as ISO text (Shapefiles have no time)."""
    out = frame.reset_index(drop=True).copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
        elif isinstance(out[col].dtype, (pd.StringDtype, pd.BooleanDtype)) or out[col].dtype == object:
            out[col] = out[col].astype(object).where(out[col].notna(), None)
            out[col] = out[col].map(lambda v: v if v is None else str(v))
        elif isinstance(out[col].dtype, (pd.Int64Dtype, pd.Float64Dtype)):
            out[col] = out[col].astype("float64")
    return out


def layers(data, view: Filters, markets: pd.DataFrame | None = None) -> dict:
    """The five layers of the view (markets only when given)."""
    import geopandas as gpd

    locations = data["locations"]
    places = filters.in_places(locations, view.countries, view.admin1)
    events = export.prepare(
        "events",
        selection.select("events", inputs.derived(data, inputs.events), view),
        data["sources"],
        locations,
    )
    intervals = selection.select("intervals", inputs.derived(data, inputs.intervals), view)
    intervals = export.prepare("intervals", intervals, data["sources"], locations)
    regions_layer = filters.in_places(regions.boundaries(), view.countries, view.admin1)
    out = {
        "places": _points(places),
        "events": _points(events),
        "presence_intervals": _points(intervals),
        "regions": gpd.GeoDataFrame(
            _plain(regions_layer.drop(columns="geometry")), geometry=regions_layer.geometry.values, crs=4326
        ),
    }
    if markets is not None and not markets.empty:
        markets = regions.assign(markets, lat="latitude", lon="longitude")
        markets = filters.in_places(markets, view.countries, view.admin1)
        out["markets"] = _points(markets, "latitude", "longitude")
    return out


def to_gpkg(layers_: dict) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sahel.gpkg"
        for name, frame in layers_.items():
            frame.to_file(path, layer=name, driver="GPKG")
        return path.read_bytes()


def to_geojson(layers_: dict) -> bytes:
    features = []
    for name, frame in layers_.items():
        collection = json.loads(frame.assign(layer=name).to_json(drop_id=True, na="null"))
        features += collection["features"]
    collection = {"type": "FeatureCollection", "name": "sahel-presence", "features": features}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def to_shp_zip(layers_: dict) -> bytes:
    """One Shapefile per layer, zipped. The format cuts field names to 10 characters and text
    to 254: `fields.csv` in the zip maps each short name to the full one, and the GeoPackage
    keeps every value whole."""
    buffer = io.BytesIO()
    names = ["layer,field,shapefile_field"]
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, frame in layers_.items():
            path = Path(tmp) / f"{name}.shp"
            with warnings.catch_warnings():  # the cuts above, said once in fields.csv
                warnings.simplefilter("ignore")
                frame.to_file(path, driver="ESRI Shapefile", engine="pyogrio", encoding="UTF-8")
            written = list(pyogrio.read_info(path)["fields"])
            names += [
                f"{name},{full},{short}"
                for full, short in zip([c for c in frame.columns if c != "geometry"], written)
            ]
            for part in sorted(Path(tmp).glob(f"{name}.*")):
                zf.write(part, part.name)
        zf.writestr("fields.csv", "\n".join(names) + "\n")
    return buffer.getvalue()


WRITERS = {"gpkg": to_gpkg, "geojson": to_geojson, "shp": to_shp_zip}
SUFFIX = {"gpkg": "gpkg", "geojson": "geojson", "shp": "zip"}
MIME = {"gpkg": "application/geopackage+sqlite3", "geojson": "application/geo+json", "shp": "application/zip"}
