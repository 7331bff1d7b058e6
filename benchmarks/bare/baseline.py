"""The part every bare page has: a synthetic series, a slider, a selectbox and one Plotly chart whose points can
be selected, so each bare page offers the same interactions (slider, select, chart point) as a dashboard page."""

import numpy as np
import pandas as pd
import plotly.express as px
import streamlit as st

SERIES = ("series A", "series B", "series C")
FIRST_YEAR, LAST_YEAR = 1991, 2023


@st.cache_data
def synthetic_frame() -> pd.DataFrame:
    """Not data: seeded random numbers in the shape of a yearly series, for timing only."""
    rng = np.random.default_rng(7)
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    return pd.DataFrame([{"year": int(y), "series": s, "value": float(v)}
                         for s in SERIES for y, v in zip(years, rng.uniform(1, 5, len(years)), strict=True)])


def widgets_and_chart() -> pd.DataFrame:
    st.caption("Benchmark baseline: synthetic numbers, not data.")
    years = st.slider("Years", FIRST_YEAR, LAST_YEAR, (FIRST_YEAR, LAST_YEAR), key="years", bind="query-params")
    series = st.selectbox("Series", SERIES, key="series", bind="query-params")
    frame = synthetic_frame()
    shown = frame[frame["year"].between(*years)]
    fig = px.line(shown, x="year", y="value", color="series", markers=True, title=f"Synthetic values ({series})")
    st.plotly_chart(fig, key="chart", on_select="rerun", selection_mode="points")
    return shown
