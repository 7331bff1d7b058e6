"""Shape of Diaspora and Visits: a chart and a pydeck map over the dashboard's country layer (the same GeoJSON)."""

from pathlib import Path

import pydeck as pdk
import streamlit as st
from baseline import widgets_and_chart

from dashboard_data.countries import load_geojson
from dashboard_data.paths import ProjectPaths

ROOT = Path(__file__).resolve().parents[2]
ARCS = [{"from": [37.6, 55.8], "to": [35.2, 31.8]}, {"from": [30.5, 50.5], "to": [34.8, 32.1]}]


@st.cache_data
def countries() -> dict:
    return load_geojson(ProjectPaths.at(ROOT))


widgets_and_chart()
layers = [pdk.Layer("GeoJsonLayer", countries(), filled=True, stroked=True, get_fill_color=[217, 217, 217],
                    get_line_color=[120, 120, 120], line_width_min_pixels=0.5),
          pdk.Layer("ArcLayer", ARCS, get_source_position="from", get_target_position="to", get_width=3,
                    get_source_color=[0, 114, 178], get_target_color=[213, 94, 0])]
view = pdk.ViewState(latitude=45, longitude=35, zoom=2.3)
st.pydeck_chart(pdk.Deck(layers=layers, initial_view_state=view, map_style=None, map_provider=None), key="map",
                height=520)
