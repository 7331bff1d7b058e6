"""Overview: the relationship at a glance — headline numbers per strand, the article's claims, one timeline."""

import streamlit as st

from dashboard_app.charts import plotly_config
from dashboard_app.charts_overview import timeline_figure
from dashboard_app.components import source_popover
from dashboard_app.data import dataset, sidecar
from dashboard_app.frame import require_frame
from dashboard_data import overview
from dashboard_data.visits import netanyahu_fourth_term_trips

require_frame()

trade, immigration, population = dataset("trade"), dataset("immigration"), dataset("population")
visits, events = dataset("visits"), dataset("events")

st.title("Russia and Israel at a glance")
st.write(overview.caption(trade, immigration, population, visits))

st.subheader("Latest figures per strand")
columns = st.columns(4)
for column, (_, row) in zip(columns, overview.latest_trade_per_reporter(trade).iterrows(), strict=False):
    with column:
        st.metric(f"Trade · {row['reporter']} · {row['year']}", overview.amount_phrase(row),
                  help=f"{row['flow']}; {row['qualifier']}. {row['source_label']}")
        source_popover(row, key=f"trade-{row['figure_id']}")

fsu, russia = (overview.latest_count(overview.calendar_counts(immigration, origin_group="FSU")),
               overview.latest_count(overview.calendar_counts(immigration, origin_iso3="RUS")))
share = overview.russian_speaking_share(population)
fourth_term = netanyahu_fourth_term_trips(visits)
cards = [
    (f"Immigrants from Russia · {russia['year']}", f"{int(russia['value_persons']):,}", russia, "russia"),
    (f"Immigrants from the FSU · {fsu['year']}", f"{int(fsu['value_persons']):,}", fsu, "fsu"),
    (f"Russian speakers · {share['year']}", f"{share['value']:g}%", share, "share"),
]
for column, (label, value, row, key) in zip(st.columns(4), cards, strict=False):
    with column:
        st.metric(label, value, help=f"{row.get('qualifier', '')} · {row['source_label']}")
        source_popover(row, key=f"card-{key}")
with st.columns(4)[3]:
    st.metric("Netanyahu trips to Russia, 4th term", len(fourth_term),
              help="Counted from the visits dataset (rows flagged as fourth-term trips to Russia).")
    st.page_link("pages/visits.py", label="See the visits", icon=":material/flight:")

st.subheader("One timeline")
rows = overview.timeline_rows(trade, immigration, visits, events)
sources = ", ".join(sidecar(name)["title"] for name in ("trade", "immigration", "visits", "events"))
event = st.plotly_chart(timeline_figure(rows, sources), key="overview-timeline", on_select="rerun",
                        selection_mode="points", config=plotly_config("russia-israel-timeline"))
points = event.selection.points if event and event.selection else []
if points:
    page, year, source, label = points[0]["customdata"]
    st.info(f"Selected: {label}", icon=":material/ads_click:")
    st.page_link(f"pages/{page}.py", label=f"Open the {page} page for {year}",
                 query_params={"year": str(year)} if page == "trade" else {"years": [str(year), str(year)]},
                 icon=":material/open_in_new:")
else:
    st.caption("Select a mark to open the page and year it belongs to.")
st.caption(f"{len(rows)} marks · Sources: {sources} · the full list with sources is on the Sources page.")
