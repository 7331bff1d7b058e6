"""Datasets: what the dashboard holds — rows, coverage and sources per dataset."""

import pandas as pd
import streamlit as st

from dashboard_app.components import downloads, page_url_notices, provenance_table, source_caption
from dashboard_app.data import current_data_version, dataset, sidecar
from dashboard_app.frame import require_frame
from dashboard_data.registry import DATASETS

require_frame()

st.title("Datasets")
page_url_notices("datasets")
st.write("Every number on this dashboard comes from one of these tables. Each row keeps its source, "
         "reporter or attribution, unit, period and quality flag.")


def coverage(frame: pd.DataFrame) -> str:
    if "year" not in frame.columns or frame["year"].dropna().empty:
        return "—"
    years = frame["year"].dropna()
    return f"{int(years.min())}–{int(years.max())}"


summary = pd.DataFrame([
    {"dataset": name, "title": sidecar(name)["title"], "rows": len(dataset(name)),
     "years": coverage(dataset(name)),
     "sources": dataset(name)["source_url"].nunique() if "source_url" in dataset(name).columns else 0,
     "licence": sidecar(name)["licence"]["name"]}
    for name in DATASETS
])
st.dataframe(summary, hide_index=True)
st.caption(f"Data version {current_data_version()} · {summary['rows'].sum()} rows in {len(summary)} datasets")

# No format_func: a bound selectbox writes its displayed label into the URL, and links should carry the name.
chosen = st.selectbox("Look inside a dataset", list(DATASETS), key="dataset", bind="query-params")
frame, meta = dataset(chosen), sidecar(chosen)
st.markdown(f"**{meta['title']}**")
st.write(meta["description"])
provenance_table(frame, f"dataset-{chosen}")
source_caption(frame, meta, "as given per column (see the metadata)", f"All rows of '{chosen}'")
downloads(frame, meta, f"all rows of {chosen}", key=chosen)
