"""Diagnostic page: the home page's own map figure, alone on a page (no sidebar, lists, metrics).

Set between the geo baseline and the home page, it splits the home page's extra time into
what its figure costs to draw (choropleth outlines, labels, markers, click selection) and what
the rest of the page costs. The figure is built as pages/map.py builds it, on the bundled data.
"""

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.figures import charts
from dashboard.logic import geo, presence
from dashboard.records.dataset import load_all

st.set_page_config(page_title="Home figure baseline", layout="wide")
st.title("Home figure baseline")


@st.cache_resource
def figure():
    data = load_all()
    events, sources, locations = data["events"], data["sources"], data["locations"]
    intervals = presence.build_intervals(events)
    when = presence.as_of(str(pd.Period(pd.Timestamp.today(), "M")))
    present = presence.situation(intervals, events, when)
    left = presence.left_by(intervals, when, since=when - pd.DateOffset(months=12))
    return charts.presence_map(
        geo.spread(geo.place(present, locations)), geo.spread(geo.place(left, locations)), sources, "en"
    )


st.plotly_chart(
    figure(),
    config=ui.PLOTLY_CONFIG,
    width="stretch",
    key="presence_map",
    on_select="rerun",
    selection_mode="points",
)
