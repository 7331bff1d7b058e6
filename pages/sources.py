"""sources page (being built)."""

import streamlit as st

st.title("Sources")
st.info("This page is being built.")
