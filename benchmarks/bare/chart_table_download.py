"""Shape of Trade, The article, Sources and Datasets: a chart, a table and a download."""

import streamlit as st
from baseline import widgets_and_chart

shown = widgets_and_chart()
st.dataframe(shown, hide_index=True)
st.download_button("Download CSV", shown.to_csv(index=False).encode("utf-8"), file_name="synthetic.csv",
                   mime="text/csv", on_click="ignore")
