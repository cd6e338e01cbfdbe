"""Admin-1 regions: the boundary file, the spatial join, the `admin1` filter, the region layer
and the GIS exports."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from dashboard.figures import regions as region_figure
from dashboard.logic import filters, selection
from dashboard.records import regions
from dashboard.records.dataset import load_all
from dashboard.views import gis, home, inputs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def data():
    return load_all()


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """The tables of a fresh store seeded from data/, and its WFP markets graded."""
    from dashboard.store import Store
    from dashboard.views import markets as markets_view

    store = Store(tmp_path_factory.mktemp("regions") / "s.duckdb")
    try:
        tables = {n: store.table(n) for n in ("events", "sources", "locations", "sanctions", "prices")}
        return tables, markets_view.market_data(tables, store.query)
    finally:
        store.close()


def test_the_boundary_file_is_a_clean_coverage():
    shapes = regions.boundaries()
    assert len(shapes) == 30 and shapes["admin1_code"].is_unique
    assert shapes.groupby("country").size().to_dict() == {"BFA": 13, "MLI": 9, "NER": 8}
    assert shapes.is_valid.all()
    assert shapely.coverage_is_valid(shapes.geometry.values)  # neighbours share edges exactly
    metric = shapes.to_crs(6933)
    for i, a in metric.iterrows():  # across national borders too: an edge, never an area
        for j, b in metric.iterrows():
            if i < j:
                assert a.geometry.intersection(b.geometry).area < 1.0, (a.admin1_code, b.admin1_code)
    for country, group in shapes.groupby("country"):  # no gap between neighbours
        union = shapely.union_all(group.geometry.values)
        holes = sum(len(p.interiors) for p in getattr(union, "geoms", [union]))
        assert holes == 0, country
    for polygon in shapes.geometry.explode():  # clockwise outer rings, as plotly draws them
        assert not polygon.exterior.is_ccw


@pytest.mark.parametrize(
    "location_id, code, name",
    [
        ("agadez-ab201", "NE-1", "Agadez"),
        ("gao-camp-castor", "ML-7", "Gao"),
        ("ouagadougou-kamboinsin", "BF-03", "Centre"),
        ("ouallam", "NE-6", "Tillabéri"),
        ("timbuktu", "ML-6", "Tombouctou"),
    ],
)
def test_places_get_their_region(data, location_id, code, name):
    row = data["locations"].set_index("location_id").loc[location_id]
    assert (row["admin1_code"], row["admin1_name"]) == (code, name)


def test_a_point_outside_its_country_s_regions_gets_none():
    points = pd.DataFrame(
        {
            "country": ["BEN", "NER", "MLI", "NER"],
            "lat": [6.37, 13.5, 13.5, None],  # Cotonou; Niamey filed under Mali; no point
            "lon": [2.43, 2.11, 2.11, None],
        }
    )
    got = regions.assign(points)
    assert list(got["admin1_code"].astype(object).where(got["admin1_code"].notna(), None)) == [
        None,
        "NE-8",
        None,
        None,
    ]


def test_katako_market_is_in_niamey(tmp_path, monkeypatch):
    from dashboard.store import Store, market_prices

    store = Store(tmp_path / "s.duckdb")
    try:
        markets = regions.assign(market_prices.markets(store.query), lat="latitude", lon="longitude")
    finally:
        store.close()
    assert markets.set_index("market").loc["Katako", "admin1_code"] == "NE-8"


@pytest.mark.parametrize("given", ["Tillaberi", "tillabéri", "NE-6", "ne-6", " TILLABÉRI "])
def test_the_url_names_a_region_by_code_or_name(given):
    view, notices = filters.from_params({"admin1": [given]})
    assert view.admin1 == ("NE-6",)
    assert not notices
    assert filters.to_params(view)["admin1"] == ["NE-6"]


def test_timbuktu_and_tombouctou_are_one_region_and_nowhere_is_refused():
    view, notices = filters.from_params({"admin1": ["Timbuktu,Tombouctou", "Atlantis"]})
    assert view.admin1 == ("ML-6",)
    assert [(n.name, n.value) for n in notices] == [("admin1", "Atlantis")]


def test_admin1_narrows_events_and_the_home_map(data):
    view, _ = filters.from_params({"admin1": ["Gao"]})
    events = selection.select("events", inputs.events(data), view)
    assert len(events) > 0 and set(events["admin1_code"]) == {"ML-7"}
    shown = home.build(data, pd.Timestamp("2023-10-31"), 12, "en", admin1=("NE-6",))
    assert shown.situation.present.empty
    assert list(shown.situation.left["location_id"]) == ["ouallam"]  # French forces left Ouallam
    everywhere = home.build(data, pd.Timestamp("2023-10-31"), 12, "en")
    assert len(everywhere.situation.present) > 0


def test_the_region_layer_shades_where_forces_are_and_stays_light(data):
    shown = home.build(data, pd.Timestamp("2023-10-31"), 12, "fr", region_layer=True)
    [layer] = [t for t in shown.situation.figure.data if t.type == "choropleth" and t.featureidkey]
    present = set(shown.situation.present["admin1_code"].dropna())
    assert present and present <= set(layer.locations)
    assert {f["properties"]["admin1_code"] for f in layer.geojson["features"]} == set(layer.locations)
    assert len(shown.situation.figure.to_json()) < 300_000
    assert shown.situation.figure.data[-1].type == "scattergeo"  # markers drawn above the regions
    assert region_figure.PRESENT_FILL in str(layer.colorscale)


def test_the_geopackage_has_the_csv_export_s_rows(tmp_path):
    env = {"SAHEL_DB": str(tmp_path / "s.duckdb"), "PATH": "/usr/bin:/bin"}
    args = ["--country", "NER", "--from", "2023-01-01"]
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "dashboard", "export", *a, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    done = run("--format", "gpkg", "--out", str(tmp_path / "v.gpkg"))
    assert done.returncode == 0, done.stderr
    layers = dict(pyogrio.list_layers(tmp_path / "v.gpkg"))
    assert set(layers) == {"places", "events", "presence_intervals", "regions", "markets"}
    csv = run("--what", "events", "--format", "csv")
    rows = pd.read_csv(io.StringIO(csv.stdout))
    events = gpd.read_file(tmp_path / "v.gpkg", layer="events")
    assert len(events) == len(rows) > 0
    assert set(events["event_id"]) == set(rows["event_id"])
    assert events.crs.to_epsg() == 4326
    for column in ("source_publishers", "source_urls", "strongest_grade", "admin1_code", "evidence"):
        assert column in events
    countrywide = events[events["location_id"].isna()]
    assert countrywide.geometry.isna().all() or countrywide.geometry.is_empty.all()  # never a guess
    regions_layer = gpd.read_file(tmp_path / "v.gpkg", layer="regions")
    assert set(regions_layer["country"]) == {"NER"} and len(regions_layer) == 8


def test_the_shapefile_zip_says_how_it_cut_the_names(data):
    view, _ = filters.from_params({"country": ["MLI"]})
    zipped = zipfile.ZipFile(io.BytesIO(gis.to_shp_zip(gis.layers(data, view))))
    names = set(zipped.namelist())
    assert {"events.shp", "events.dbf", "events.prj", "regions.shp", "fields.csv"} <= names
    fields = pd.read_csv(zipped.open("fields.csv"))
    assert ("events", "source_publishers", "source_pub") in set(map(tuple, fields.values))


def test_distances_are_geodesic_kilometres():
    from dashboard.logic import distances

    niamey, agadez = (13.51, 2.11), (16.97, 7.99)  # about 740 km apart as the crow flies
    assert 700 < float(distances.km(*niamey, *agadez)) < 780
    assert float(distances.km(*niamey, *niamey)) == 0


def test_a_base_counts_only_while_a_force_is_there():
    from dashboard.logic import distances

    base = pd.DataFrame(
        {
            "force": ["X"],
            "location_id": ["b"],
            "lat": [13.5],
            "lon": [2.1],
            "start": [pd.Timestamp("2020-01-01")],
            "end": [pd.Timestamp("2021-01-01")],
        }
    )
    events = pd.DataFrame(
        {
            "lat": [13.6, 13.6, 16.9, None],
            "lon": [2.1, 2.1, 8.0, None],
            "date": pd.to_datetime(["2020-06-01", "2022-06-01", "2020-06-01", "2020-06-01"]),
        }
    )
    assert list(distances.near_bases(events, base, 50)) == [True, False, False, False]
    near = distances.nearest(events, distances.bases(base, "2020-06-01"))
    assert near["base_km"].iloc[0] < 15 and pd.isna(near["base_km"].iloc[3])
    assert distances.nearest(events, distances.bases(base, "2022-06-01"))["base_km"].isna().all()


def test_the_markets_say_how_far_the_nearest_base_is(stored):
    from dashboard.views import market_places

    data, markets = stored
    view, _ = filters.from_params({"country": ["NER"]})
    table = market_places.market_places(data, view, markets, "2023-10").set_index("market")
    assert table.loc["Katako", "base_km"] < 10  # Niamey: bases at the airport and in town
    assert table.loc["Katako", "admin1_name"] == "Niamey"
    assert table["base_km"].between(0, 1500).all()


def test_with_the_region_layer_a_country_wide_force_shades_its_country_not_the_capital(data):
    plain = home.build(data, pd.Timestamp("2023-10-31"), 12, "en")
    layered = home.build(data, pd.Timestamp("2023-10-31"), 12, "en", region_layer=True)
    wide = plain.situation.shown[plain.situation.shown["location_id"].fillna("") == ""]
    assert not wide.empty  # EUTM Mali and EUMPM Niger: no place given
    shaded = [
        t
        for t in layered.situation.figure.data
        if t.type == "choropleth" and t.name != "countries" and t.locationmode == "ISO-3"
    ]
    [country_layer] = shaded
    assert set(country_layer.locations) == set(wide["country"])
    assert all(f in " ".join(country_layer.hovertext) for f in wide["force"])
    assert len(layered.situation.layer("present")) + len(layered.situation.layer("stale")) == len(
        plain.situation.shown
    ) - len(wide)


def test_the_market_map_shades_each_region_by_its_worst_market(stored):
    from dashboard.views import markets as markets_view

    data, markets = stored
    view, _ = filters.from_params({"country": ["NER"]})
    millet = next(g for g in markets_view.good_options(markets, view, []) if g[0] == "Millet")
    fig = markets_view.market_map(data, view, markets, millet, "2024-08")
    [shaded] = [t for t in fig.data if t.type == "choropleth" and t.featureidkey]
    assert set(shaded.locations) == {"NE-1", "NE-3", "NE-4", "NE-6", "NE-8"}  # the five markets' regions
    month = markets.graded[
        (markets.graded["commodity"] == "Millet") & (markets.graded["date"].dt.strftime("%Y-%m") == "2024-08")
    ]
    katako = month[month["market"] == "Katako"]["alert"].iloc[0]
    niamey = list(shaded.locations).index("NE-8")
    assert (
        str(katako) in shaded.hovertext[niamey]
        or markets_view.markets_fig.grade_name(katako, "en") in shaded.hovertext[niamey]
    )
