"""The same page built the dashboard's way: link-parameter notices, the trade page's own filters and sentence, the
in-figure source line, the source caption and the CSV + zip downloads."""

import streamlit as st
from synthetic import FIRST_YEAR, FLOWS, LABEL, LAST_YEAR, REPORTERS, hs6_table, yearly_totals_figure

from dashboard_app.charts import plotly_config, with_source
from dashboard_app.components import downloads, source_caption, url_notices
from dashboard_app.params import Choice, YearRange
from dashboard_data.filters import apply_all, describe
from dashboard_data.trade_views import PAIR_BY_PARTNER, QUALIFIER_ORDER, TradeSelection, selection_filters

SIDECAR = {"name": "synthetic_hs6", "title": LABEL, "description": LABEL, "licence": {"name": "none (synthetic)"},
           "sources": [{"title": "numpy.random, seeded", "path": "benchmarks/scale/synthetic.py",
                        "retrieved": "generated at run time"}]}

st.warning(LABEL)
url_notices([Choice("pair", tuple(PAIR_BY_PARTNER)), YearRange("years", FIRST_YEAR, LAST_YEAR),
             Choice("flow", FLOWS, many=True), Choice("reporter", REPORTERS, many=True)])
table = hs6_table()
partner = st.selectbox("Russia's trade with", list(PAIR_BY_PARTNER), key="pair", bind="query-params")
years = st.slider("Years", FIRST_YEAR, LAST_YEAR, (FIRST_YEAR, LAST_YEAR), key="years", bind="query-params")
flows = st.pills("Flow", FLOWS, selection_mode="multi", default=FLOWS, key="flow", bind="query-params")
reporters = st.pills("Reporter", REPORTERS, selection_mode="multi", default=REPORTERS, key="reporter",
                     bind="query-params")
filters = selection_filters(TradeSelection(tuple(years), True, partner, tuple(flows), tuple(reporters),
                                           QUALIFIER_ORDER))
shown = apply_all(table, filters)
sentence = describe(filters, shown)
fig = with_source(yearly_totals_figure(shown, ""), f"Synthetic totals, {partner}", f"Source: {LABEL} · Unit: USD")
st.plotly_chart(fig, key="chart", config=plotly_config("synthetic"))
source_caption(shown, SIDECAR, "USD", sentence)
st.dataframe(shown, hide_index=True)
downloads(shown, SIDECAR, sentence, key="synthetic")
