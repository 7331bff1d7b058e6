"""Entry point: `streamlit run app.py`. Sets up the frame and the page registry; pages do the rest."""

import json

import streamlit as st

from dashboard_app.components import data_version_notice, image_format_choice, share_link
from dashboard_app.frame import app_pages, mark_frame
from dashboard_app.heap import settle_after_first_run
from dashboard_app.navigation import ROOT
from dashboard_app.theme import register_template

st.set_page_config(page_title="Russia–Israel Relations Dashboard", page_icon="🤝",
                   layout="wide")
register_template()

current = st.navigation(app_pages())
mark_frame()
data_version_notice(json.loads((ROOT / "data" / "versions.json").read_text(encoding="utf-8")))
current.run()
if not st.context.is_embedded:
    share_link()
    image_format_choice()
settle_after_first_run(current.url_path)
