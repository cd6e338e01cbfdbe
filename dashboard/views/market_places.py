"""Where the WFP markets are: each market's admin-1 region and the nearest foreign base present
in a month (geodesic distance, logic.distances), for the indicators page's markets table."""

from __future__ import annotations

import pandas as pd

from dashboard import i18n
from dashboard.logic import distances, filters, presence
from dashboard.logic.filters import Filters
from dashboard.records import regions
from dashboard.views import inputs
from dashboard.views.markets import Markets


def market_places(data: inputs.Data, f: Filters, markets: Markets, month: str) -> pd.DataFrame:
    """Every market of the view with its admin-1 region and the nearest foreign base present
    at the end of `month` (YYYY-MM): how far, which force, where."""
    placed = filters.in_places(
        regions.assign(markets.catalogue, lat="latitude", lon="longitude"), f.countries, f.admin1
    )
    when = presence.as_of(month)
    located = inputs.derived(data, inputs.located_intervals)
    near = distances.nearest(
        placed.rename(columns={"latitude": "lat", "longitude": "lon"}), distances.bases(located, when)
    )
    names = data["locations"].set_index("location_id")["name"]
    lang = f.lang
    return pd.DataFrame(
        {
            "market": list(placed["market"]),
            "admin1_name": [
                regions.name(c, lang) or i18n.t("region.unknown", lang) for c in placed["admin1_code"]
            ],
            "base_km": list(near["base_km"]),
            "base_force": [
                i18n.name("force", x, lang) if isinstance(x, str) else None for x in near["base_force"]
            ],
            "base_place": [names.get(p) if isinstance(p, str) else None for p in near["base_place"]],
            # where the rows come from: WFP's market list, our presence data for the bases
            "grade": [i18n.t("wfp.source_kind", lang)] * len(placed),
        }
    ).sort_values("base_km", na_position="last", kind="stable", ignore_index=True)
