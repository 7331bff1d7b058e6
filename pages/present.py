"""present page (being built)."""

import streamlit as st

st.title("Present")
st.info("This page is being built.")
