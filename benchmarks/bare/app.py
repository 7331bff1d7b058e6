"""Bare Streamlit baseline for benchmarks/bench_pages.py: the dashboard's three page shapes with nothing of the
dashboard's own code, under the same kind of navigation frame. Synthetic numbers, for timing only."""

import streamlit as st

st.set_page_config(page_title="Bare Streamlit baseline (synthetic numbers)", layout="wide")
st.navigation([
    st.Page("chart_widget.py", title="Chart and widget", url_path="chart_widget", default=True),
    st.Page("chart_table_download.py", title="Chart, table and download", url_path="chart_table_download"),
    st.Page("chart_map.py", title="Chart and map", url_path="chart_map"),
    st.Page("section_chart.py", title="Sections: chart, another chart", url_path="section_chart"),
    st.Page("section_map.py", title="Sections: chart, map", url_path="section_map"),
    st.Page("section_map_table.py", title="Sections: chart, map and table", url_path="section_map_table"),
]).run()
