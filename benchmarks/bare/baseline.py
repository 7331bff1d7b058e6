"""The parts bare pages share: a synthetic series, a slider, a selectbox, one Plotly chart whose points can be
selected (so each bare page offers the same interactions as a dashboard page: slider, select, chart point), a
pydeck map over the dashboard's country layer, and a row of section buttons."""

from pathlib import Path

import numpy as np
import pandas as pd
import plotly.express as px
import pydeck as pdk
import streamlit as st

from dashboard_data.countries import load_geojson
from dashboard_data.paths import ProjectPaths

ROOT = Path(__file__).resolve().parents[2]
SERIES = ("series A", "series B", "series C")
FIRST_YEAR, LAST_YEAR = 1991, 2023
ARCS = [{"from": [37.6, 55.8], "to": [35.2, 31.8]}, {"from": [30.5, 50.5], "to": [34.8, 32.1]}]


@st.cache_data
def synthetic_frame() -> pd.DataFrame:
    """Not data: seeded random numbers in the shape of a yearly series, for timing only."""
    rng = np.random.default_rng(7)
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    return pd.DataFrame([{"year": int(y), "series": s, "value": float(v)}
                         for s in SERIES for y, v in zip(years, rng.uniform(1, 5, len(years)), strict=True)])


@st.cache_data
def countries() -> dict:
    return load_geojson(ProjectPaths.at(ROOT))


def filtered() -> tuple[pd.DataFrame, str]:
    st.caption("Benchmark baseline: synthetic numbers, not data.")
    years = st.slider("Years", FIRST_YEAR, LAST_YEAR, (FIRST_YEAR, LAST_YEAR), key="years", bind="query-params")
    series = st.selectbox("Series", SERIES, key="series", bind="query-params")
    frame = synthetic_frame()
    return frame[frame["year"].between(*years)], series


def chart(shown: pd.DataFrame, series: str, *, bars: bool = False) -> None:
    title = f"Synthetic values ({series})"
    fig = (px.bar(shown, x="year", y="value", color="series", title=title) if bars
           else px.line(shown, x="year", y="value", color="series", markers=True, title=title))
    st.plotly_chart(fig, key="chart", on_select="rerun", selection_mode="points")


def widgets_and_chart() -> pd.DataFrame:
    shown, series = filtered()
    chart(shown, series)
    return shown


def country_map() -> None:
    layers = [pdk.Layer("GeoJsonLayer", countries(), filled=True, stroked=True, get_fill_color=[217, 217, 217],
                        get_line_color=[120, 120, 120], line_width_min_pixels=0.5),
              pdk.Layer("ArcLayer", ARCS, get_source_position="from", get_target_position="to", get_width=3,
                        get_source_color=[0, 114, 178], get_target_color=[213, 94, 0])]
    view = pdk.ViewState(latitude=45, longitude=35, zoom=2.3)
    st.pydeck_chart(pdk.Deck(layers=layers, initial_view_state=view, map_style=None, map_provider=None), key="map",
                    height=520)


def section(second: str) -> str:
    """Plain Streamlit's row of section buttons, bound to the link like the dashboard's (key `tab`)."""
    return st.segmented_control("Section", ["Chart", second], default="Chart", required=True, key="tab",
                                bind="query-params", label_visibility="collapsed")
