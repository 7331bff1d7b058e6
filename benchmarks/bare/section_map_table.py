"""Shape of the Diaspora's sections: filters above a row of section buttons; a chart, and in the second a pydeck
map over the dashboard's country layer with a table of the rows under it (the page's first table)."""

import streamlit as st
from baseline import chart, country_map, filtered, section

shown, series = filtered()
if section("Map") == "Chart":
    chart(shown, series)
else:
    country_map()
    st.dataframe(shown, hide_index=True, height=250)
