"""A SYNTHETIC trade table in the shape of UN Comtrade HS6 data, for benchmarks/bench_scale.py only.

Seeded random numbers, generated in memory inside the benchmark's server: never written to disk, never put in
data/, never shown as data. The columns carry the dashboard's trade vocabulary (reporter, pair, flow, qualifier)
so the trade page's own filters run on it unchanged.
"""

import os

import numpy as np
import pandas as pd
import plotly.express as px
import streamlit as st

from dashboard_data.trade_views import PARTNER_NAMES

ROWS = int(os.environ.get("BENCH_SCALE_ROWS", "1000000"))
FIRST_YEAR, LAST_YEAR = 2000, 2023
REPORTERS = ("Russian official", "partner official")
FLOWS = ("Russian exports", "Russian imports")
HS6_CODES = 5000
LABEL = "SYNTHETIC benchmark table (random numbers in the shape of HS6 trade data): not data"


@st.cache_resource
def hs6_table(rows: int = ROWS, seed: int = 2026) -> pd.DataFrame:
    """One shared copy per server (cache_resource: no per-run copy of a million rows)."""
    rng = np.random.default_rng(seed)
    codes = [f"{code:06d}" for code in rng.choice(np.arange(10000, 970000), HS6_CODES, replace=False)]
    pairs = tuple(PARTNER_NAMES)

    def pick(options: tuple[str, ...] | list[str]) -> pd.Categorical:
        return pd.Categorical.from_codes(rng.integers(0, len(options), rows), options)

    frame = pd.DataFrame({
        "reporter": pick(REPORTERS), "pair": pick(pairs),
        "year": rng.integers(FIRST_YEAR, LAST_YEAR + 1, rows), "flow": pick(FLOWS), "hs6": pick(codes),
        "value": rng.lognormal(12, 2, rows).round(0), "qualifier": pick(("as stated",)),
    })
    return frame.sort_values(["pair", "year", "flow"], ignore_index=True)


def yearly_totals_figure(frame: pd.DataFrame, title: str):
    totals = frame.groupby(["year", "flow"], observed=True, as_index=False)["value"].sum()
    return px.line(totals, x="year", y="value", color="flow", markers=True, title=title)
