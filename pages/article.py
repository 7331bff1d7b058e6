"""article page (being built)."""

import streamlit as st

st.title("Article")
st.info("This page is being built.")
