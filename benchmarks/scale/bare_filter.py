"""Bare Streamlit: filter widgets, pandas masks, one chart, the table and a CSV download."""

import streamlit as st
from synthetic import FIRST_YEAR, FLOWS, LABEL, LAST_YEAR, REPORTERS, hs6_table, yearly_totals_figure

from dashboard_data.trade_views import PAIR_BY_PARTNER

st.warning(LABEL)
table = hs6_table()
partner = st.selectbox("Russia's trade with", list(PAIR_BY_PARTNER), key="pair", bind="query-params")
years = st.slider("Years", FIRST_YEAR, LAST_YEAR, (FIRST_YEAR, LAST_YEAR), key="years", bind="query-params")
flows = st.pills("Flow", FLOWS, selection_mode="multi", default=FLOWS, key="flow", bind="query-params")
reporters = st.pills("Reporter", REPORTERS, selection_mode="multi", default=REPORTERS, key="reporter",
                     bind="query-params")
shown = table[table["pair"].eq(PAIR_BY_PARTNER[partner]) & table["year"].between(*years)
              & table["flow"].isin(flows) & table["reporter"].isin(reporters)]
st.plotly_chart(yearly_totals_figure(shown, f"Synthetic totals, {partner}"), key="chart")
st.dataframe(shown, hide_index=True)
st.download_button("Download CSV", shown.to_csv(index=False).encode("utf-8"), file_name="synthetic.csv",
                   mime="text/csv", on_click="ignore")
