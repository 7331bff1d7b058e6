"""Scale benchmark app: one filter page over a SYNTHETIC million-row table, bare and with the dashboard's code."""

import streamlit as st

st.set_page_config(page_title="Scale benchmark (synthetic table)", layout="wide")
st.navigation([st.Page("bare_filter.py", title="Bare filter page", default=True),
               st.Page("project_filter.py", title="Dashboard filter page", url_path="project_filter")]).run()
