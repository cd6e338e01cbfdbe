"""Map layers: markers placed and spread, and grouped when a layer holds many intervals."""

import json
import re

import pandas as pd
import pytest

from dashboard import config
from dashboard.figures import charts
from dashboard.logic import geo, presence
from dashboard.records.dataset import load_all

DATA = load_all()
LOCATIONS = DATA["locations"]


def intervals(n: int, leaving_every: int = 0) -> pd.DataFrame:
    """`n` present intervals of 40 forces of three actors spread over the bundled places and
    the capitals (country-wide), each with two sources."""
    places = list(LOCATIONS[["location_id", "country"]].itertuples(index=False))
    actors = ["France", "Russia", "United Nations"]
    rows = []
    leaving = pd.Timestamp("2024-01-01")
    for i in range(n):
        loc, country = places[i % len(places)] if i % 5 else ("", "MLI")
        rows.append(
            {
                "actor": actors[i % 3],
                "force": f"Force {i % 40}",
                "country": country,
                "location_id": loc,
                "start": pd.Timestamp("2020-01-01") + pd.Timedelta(days=i),
                "start_precision": "day",
                "end": pd.NaT,
                "end_precision": None,
                "end_kind": None,
                "leaving_since": leaving if leaving_every and i % leaving_every == 0 else pd.NaT,
                "event_ids": f"e{i}",
                "source_ids": f"s{i};s{i % 7}",
            }
        )
    return pd.DataFrame(rows, columns=presence.INTERVAL_COLUMNS)


def publishers():
    return {f"s{i}": f"Publisher {i}" for i in range(2000)}


def hover_counts(fig: dict) -> list[int]:
    return [
        int(re.match(r"(\d+) periods of presence", text.split("</b>: ")[1]).group(1))
        for trace in fig["data"]
        if trace.get("mode", "").startswith("markers")
        for text in trace["hovertext"]
    ]


def test_a_thousand_present_intervals_make_a_light_honest_map():
    layer = charts.map_layer(intervals(1000, leaving_every=4), LOCATIONS)
    fig = charts.presence_map(layer, layer.iloc[0:0], publishers())
    spec = fig.to_json()
    assert len(spec) < 300_000
    counts = hover_counts(json.loads(spec))
    assert sum(counts) == 1000
    assert len(counts) == len(layer) < 1000
    # Each grouped marker names its actor's forces there and a few publishers, '+N' for the rest.
    text = json.loads(spec)["data"][2]["hovertext"][0]
    assert "forces: Force" in text and "sources: Publisher" in text and re.search(r"\+\d+", text)
    assert layer["leaving"].sum() == 250


def test_grouping_keeps_one_marker_per_actor_and_place():
    placed = geo.place(intervals(600), LOCATIONS)
    grouped = charts.group_markers(placed)
    assert grouped.duplicated(["actor", "lat", "lon"]).sum() == 0
    assert grouped["intervals"].sum() == 600
    for row in grouped.itertuples():
        members = placed[
            (placed["actor"] == row.actor) & (placed["lat"] == row.lat) & (placed["lon"] == row.lon)
        ]
        assert row.intervals == len(members) and row.forces == members["force"].nunique()
        assert set(row.source_ids.split(";")) == set(";".join(members["source_ids"]).split(";"))


def test_left_markers_say_when_their_forces_left():
    left = intervals(400).assign(end=pd.Timestamp("2024-03-05"), end_precision="day", end_kind="withdrawn")
    left.loc[0, "end"] = pd.Timestamp("2023-11-20")
    fig = json.loads(
        charts.presence_map(left.iloc[0:0], charts.map_layer(left, LOCATIONS), publishers()).to_json()
    )
    texts = [
        t for trace in fig["data"] if trace.get("mode", "").startswith("markers") for t in trace["hovertext"]
    ]
    assert sum(hover_counts(fig)) == 400
    assert any("left between November 2023 and March 2024" in t for t in texts)


def test_below_the_limit_every_interval_is_its_own_marker():
    few = intervals(config.MARKER_LIMIT)
    layer = charts.map_layer(few, LOCATIONS)
    assert len(layer) == len(few) and "intervals" not in layer.columns
    pd.testing.assert_frame_equal(layer, geo.spread(geo.place(few, LOCATIONS)))


def test_markers_sharing_a_place_are_spread_on_a_ring():
    """Markers at one place, or at places closer than NEAR_DEG (Niamey and its airport), sit
    on one ring around the first of them; a marker with no neighbour stays where it is."""
    placed = geo.place(intervals(12), LOCATIONS)
    spread = geo.spread(placed)
    lat, lon = placed["lat"].to_numpy(), placed["lon"].to_numpy()
    assert not spread.duplicated(["lat", "lon"]).any()
    for i in range(len(placed)):
        near = ((lat - lat[i]) ** 2 + (lon - lon[i]) ** 2) ** 0.5 < geo.NEAR_DEG
        moved = spread.iloc[i]
        if near.sum() == 1:
            assert (moved["lat"], moved["lon"]) == (lat[i], lon[i])
        else:  # on the ring around one of its neighbours' places
            distance = ((lat[near] - moved["lat"]) ** 2 + (lon[near] - moved["lon"]) ** 2) ** 0.5
            assert (abs(distance - geo.SPREAD_DEG) < 1e-9).any()


def test_layers_are_spread_together_so_none_hides_another():
    """Italy at Air Base 101 and Russia at Niamey, one confirmed and one not: both visible."""
    frame = pd.DataFrame(
        {"country": ["NER", "NER"], "location_id": ["niamey-ab101", "niamey"], "actor": ["Italy", "Russia"]}
    )
    a, b = (geo.place(frame.iloc[[k]].reset_index(drop=True), LOCATIONS) for k in (0, 1))
    one, two = geo.spread_together([a, b])
    assert one.index.tolist() == [0] and two.index.tolist() == [0]
    gap = (
        (one["lat"].iloc[0] - two["lat"].iloc[0]) ** 2 + (one["lon"].iloc[0] - two["lon"].iloc[0]) ** 2
    ) ** 0.5
    assert gap > geo.SPREAD_DEG


def test_places_fall_back_to_the_capital():
    frame = pd.DataFrame({"country": ["NER", "MLI", "BFA"], "location_id": [None, "no-such-place", ""]})
    placed = geo.place(frame, LOCATIONS)
    capitals = LOCATIONS.set_index("location_id").loc[["niamey", "bamako", "ouagadougou"]]
    assert list(placed["lat"]) == [float(x) for x in capitals["lat"]]
    assert placed["place"].isna().all()


@pytest.mark.parametrize("when", ["2013-06", "2022-09", "2024-06"])
def test_bundled_data_is_never_grouped(when):
    iv = presence.build_intervals(DATA["events"])
    for frame in (presence.present_on(iv, when), presence.left_by(iv, when)):
        assert len(frame) <= config.MARKER_LIMIT
        assert "intervals" not in charts.map_layer(frame, LOCATIONS).columns
