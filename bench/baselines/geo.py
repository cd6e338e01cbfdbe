"""Baseline 2: one small plotly geo chart, drawn the way the dashboard draws its map.

Same scope, resolution, size and local topology (app/static/, no CDN) as the home map, three
markers: the page's time-to-chart is what plotly's geo drawing costs by itself.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Geo baseline", layout="wide")
st.title("Geo baseline")
fig = go.Figure(
    go.Scattergeo(lat=[12.64, 13.51, 12.37], lon=[-8.0, 2.13, -1.52], mode="markers", marker=dict(size=14))
)
fig.update_geos(
    scope="africa",
    resolution=50,
    projection_type="mercator",
    lonaxis_range=[-13.5, 17.0],
    lataxis_range=[6.0, 25.5],
    showcountries=True,
)
fig.update_layout(height=620, margin=dict(l=0, r=0, t=0, b=0))
st.plotly_chart(fig, config={"topojsonURL": "app/static/", "displaylogo": False}, width="stretch")
