"""Baseline 1: the cheapest Streamlit page there is (a title), laid out like the dashboard."""

import streamlit as st

st.set_page_config(page_title="Empty baseline", layout="wide")
st.title("Empty baseline")
