"""Overview: the relationship at a glance — headline numbers per strand, the article's claims, one timeline."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard_app.charts_overview import timeline_figure
from dashboard_app.components import cached_figure, show_chart, source_popover
from dashboard_app.data import claim_verdicts, current_data_version, dataset
from dashboard_app.frame import require_frame
from dashboard_app.params import escape_markdown
from dashboard_data import overview

require_frame()

STATUS_BADGES = {"consistent": ("green", ":material/check:"), "differs": ("orange", ":material/close:"),
                 "mixed": ("violet", ":material/compare_arrows:")}


@st.cache_data(show_spinner=False)
def at_a_glance(version: str) -> overview.Glance:
    """Once per data version, not on every run: it was most of the page's run, and under load every viewer's run
    waits for the others'."""
    return overview.glance(*(dataset(name) for name in ("trade", "immigration", "population", "visits", "events")))


@st.cache_data(show_spinner=False)
def claims_checked(version: str) -> pd.DataFrame:
    return overview.key_claims(dataset("claims"), {cid: v.status for cid, v in claim_verdicts().items()})


version = current_data_version()
figures = at_a_glance(version)
st.title("Russia and Israel at a glance")
st.write(figures.caption)

st.subheader("Latest figures per strand")
st.caption("Trade figures labelled year · reporter · flow; each figure with its qualifier "
           "(> lower bound, < upper bound, ≈ approximate); "
           "its source, date and quote are one click away.")
for column, (_, row) in zip(st.columns(4), figures.latest_trade.iterrows(), strict=False):
    with column:
        st.metric(f"{row['year']} · {row['reporter']} · {row['flow']}", overview.amount_short(row),
                  help=f"{overview.amount_phrase(row)}; {row['qualifier']}. {row['source_label']}")
        source_popover(row, key=f"trade-{row['figure_id']}")

russia, fsu, share = figures.russia, figures.fsu, figures.share
russia_col, fsu_col, share_col, visits_col = st.columns(4)
for column, label, value, row, key in (
        (russia_col, f"Immigrants from Russia · {russia['year']}", f"{int(russia['value_persons']):,}", russia, "ru"),
        (fsu_col, f"Immigrants from the FSU · {fsu['year']}", f"{int(fsu['value_persons']):,}", fsu, "fsu"),
        (share_col, f"Russian speakers · {share['year']}", f"{share['value']:g}%", share, "share")):
    with column:
        st.metric(label, value, help=f"{row['qualifier']} · {row['source_label']}")
        source_popover(row, key=f"card-{key}")
with visits_col:
    st.metric("Netanyahu's trips to Russia, 4th term", figures.fourth_term_trips,
              help="Counted from the visits dataset: rows flagged as fourth-term trips to Russia.")
    st.page_link("pages/visits.py", label="The visits, with sources", icon=":material/flight:")

st.subheader("The article's claims, checked")
verdicts = claim_verdicts()
checked = claims_checked(version)


def claim_line(claim: pd.Series) -> str:
    """One claim as a list item: its verdict badge (word and icon, so colour is not the only cue), its words and
    the verdict's explanation. One Markdown block for the list: a page's elements each cost a render per run."""
    colour, icon = STATUS_BADGES.get(claim["status"], ("gray", ":material/help:"))
    explanation = escape_markdown(verdicts[claim["claim_id"]].explanation)
    return f"- :{colour}-badge[{icon} {claim['status']}] **“{escape_markdown(claim['text'])}”** — {explanation}"


st.markdown("\n".join(claim_line(claim) for _, claim in checked.iterrows()))
st.page_link("pages/article.py", label="Every claim in the article, with the rows behind each verdict",
             icon=":material/article:")

st.subheader("One timeline")
@st.fragment
def timeline(rows: pd.DataFrame, figure: go.Figure) -> None:
    """Selecting a mark reruns only this part (with the rows and figure of the last full run): the headline
    figures and claims above stay as they are."""
    event = show_chart(figure, "timeline", on_select="rerun", selection_mode="points")
    points = event.selection.points if event and event.selection else []
    count = f"{len(rows)} marks, each one sourced figure, visit or event; every source is on the Sources page."
    if not points:
        st.caption(f"Select a mark to open the page and year it belongs to. {count}")
        return
    page, year, _, label = points[0]["customdata"]
    # One element, not a notice and a link: each element costs the browser a render on every selection.
    st.page_link(f"pages/{page}.py", label=f"{escape_markdown(label)}: open the {page} page for {year}",
                 query_params={"year": str(year)} if page == "trade" else {"years": [str(year), str(year)]},
                 icon=":material/open_in_new:")
    st.caption(count)


marks = figures.marks
timeline(marks, cached_figure(timeline_figure, marks, "datasets trade, immigration, visits and events (Sources page)"))
