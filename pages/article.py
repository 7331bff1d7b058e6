"""The article: the seed text with every claim marked by its verdict, one claim's verdict with the rows behind it,
all verdicts in one table, and a checker for a claim of your own. Every verdict is computed by
dashboard_data.verdicts from the datasets; none is typed in."""

import re

import pandas as pd
import streamlit as st

from dashboard_app.components import downloads, link_columns, page_url_notices, source_caption
from dashboard_app.data import VERDICT_TABLES, claim_verdicts, current_data_version, dataset, seed_text, sidecar
from dashboard_app.frame import require_frame
from dashboard_app.params import escape_markdown
from dashboard_data.claim_parser import MAX_CHARS, ParseFailure, parse_claim
from dashboard_data.claims import METRIC_LABELS, SOURCE_URL, find_dateline
from dashboard_data.metadata import field_units
from dashboard_data.verdicts import (
    COMPARATOR_RULES,
    STATUSES,
    TOLERANCES,
    Verdict,
    verdict_for_parsed,
)

require_frame()

STATUS_COLOURS = {"consistent": "green", "differs": "orange", "mixed": "violet", "article only": "gray",
                  "no data": "gray", "not checkable": "gray"}
STATUS_ICONS = {"consistent": ":material/check_circle:", "differs": ":material/error:",
                "mixed": ":material/rule:", "article only": ":material/article:", "no data": ":material/block:",
                "not checkable": ":material/remove:"}
VALUE_COLUMNS = {"trade": "value_usd", "population": "value", "immigration": "value_persons",
                 "knesset_seats": "seats"}
PARAGRAPH = re.compile(r"\S[^\n]*")
# Summary columns kept for the download (the figure as printed already shows them on screen).
DOWNLOAD_ONLY = ("value", "unit", "comparator", "sentence", "line", "source_url")
EXAMPLE = "Trade between Israel and Russia exceeded USD 5 billion in 2019"


def highlight(span: str, claim_id: str, status: str) -> str:
    """A claim in the text: coloured by status, with a badge naming it, so colour is never the only cue."""
    colour = STATUS_COLOURS[status]
    return f":{colour}-background[{escape_markdown(span)}] :{colour}-badge[{claim_id} · {status}]"


def article_markdown(text: str, body_start: int, claims: pd.DataFrame, statuses: dict[str, str]) -> str:
    """The article body as escaped Markdown, one paragraph per stored line, each claim highlighted at its offsets.

    The same for every selected claim (the verdict beside it quotes the claim's sentence): the browser then keeps
    the drawn text instead of redrawing the whole article on each selection."""
    spans = sorted(zip(claims["start"], claims["end"], claims["claim_id"], strict=True))
    paragraphs = []
    for paragraph in PARAGRAPH.finditer(text, body_start):
        pieces, position = [], paragraph.start()
        for start, end, claim_id in spans:
            if start < paragraph.start() or end > paragraph.end():
                continue
            pieces.append(escape_markdown(text[position:start]))
            pieces.append(highlight(text[start:end], claim_id, statuses[claim_id]))
            position = end
        pieces.append(escape_markdown(text[position:paragraph.end()].rstrip()))
        paragraphs.append("".join(pieces))
    return "\n\n".join(paragraphs)


def sentence_markdown(claim: pd.Series) -> str:
    """The claim's sentence with the figure in bold (the sentence is stored with its white space collapsed)."""
    before, found, after = claim["sentence"].partition(claim["text"])
    if not found:
        return escape_markdown(claim["sentence"])
    return f"{escape_markdown(before)}**{escape_markdown(found)}**{escape_markdown(after)}"


def status_badge(status: str) -> None:
    st.badge(status, color=STATUS_COLOURS[status], icon=STATUS_ICONS[status], help=STATUSES[status])


def verdict_panel(verdict: Verdict) -> None:
    with st.container(border=True):
        status_badge(verdict.status)
        st.markdown(f"**Read as:** {escape_markdown(verdict.reading)}\n\n{escape_markdown(verdict.explanation)}")
        st.caption(f"Tolerance: {escape_markdown(verdict.tolerance)}")


def rows_unit(name: str) -> str:
    column = VALUE_COLUMNS.get(name)
    return f"{column}: {field_units(sidecar(name))[column]}" if column else "one row per record, no unit"


def verdict_rows(verdict: Verdict, sentence: str, key: str) -> None:
    """The rows behind a verdict, with every provenance column, a source line and downloads."""
    rows = verdict.data_rows
    if rows.empty:
        st.caption("No rows: no dataset holds a figure for this claim.")
        return
    st.dataframe(rows, hide_index=True, column_config=link_columns(rows), key=f"{key}-rows")
    meta = sidecar(verdict.dataset)
    source_caption(rows, meta, rows_unit(verdict.dataset), sentence)
    downloads(rows, meta, sentence, key)


def summary_table(claims: pd.DataFrame, verdicts: dict[str, Verdict]) -> pd.DataFrame:
    return pd.DataFrame({
        "claim": claims["claim_id"], "figure": claims["text"],
        "measure": [METRIC_LABELS[metric] for metric in claims["metric"]],
        "period": claims["period"].fillna("not given"),
        "status": [verdicts[cid].status for cid in claims["claim_id"]],
        "explanation": [verdicts[cid].explanation for cid in claims["claim_id"]],
        "tolerance": [verdicts[cid].tolerance for cid in claims["claim_id"]],
        "rows behind": [len(verdicts[cid].data_rows) for cid in claims["claim_id"]],
        "value": claims["value"], "unit": claims["unit"], "comparator": claims["comparator"],
        "sentence": claims["sentence"], "line": claims["raw_line"], "source_url": claims["source_url"],
    })


def select_from_table(ids: list[str]) -> None:
    """Selecting a row of the summary table selects that claim above (and in the link)."""
    rows = st.session_state["claims-table"].selection.rows
    if rows:
        st.session_state["claim"] = ids[rows[0]]


def remember_claim() -> None:
    st.session_state["checked"] = st.session_state.get("checker_text", "")


def claim_checker() -> None:
    st.text_area("One English sentence with one figure", key="checker_text", max_chars=MAX_CHARS,
                 placeholder=EXAMPLE, help=f"At most {MAX_CHARS:,} characters; the text is read, never rendered.")
    st.button("Check the claim", on_click=remember_claim, icon=":material/fact_check:")
    if "checked" not in st.session_state:
        st.caption(f"For example: {escape_markdown(EXAMPLE)}.")
        return
    if len(st.session_state["checked"]) >= MAX_CHARS:
        st.info(f"The box holds at most {MAX_CHARS:,} characters; a longer text was cut there.",
                icon=":material/content_cut:")
    parsed = parse_claim(st.session_state["checked"])
    if isinstance(parsed, ParseFailure):
        st.warning(escape_markdown(parsed.message), icon=":material/help:")
        return
    for note in parsed.notes:
        st.info(escape_markdown(note), icon=":material/code_off:")
    verdict = verdict_for_parsed(parsed, {name: dataset(name) for name in VERDICT_TABLES})
    verdict_panel(verdict)
    verdict_rows(verdict, f"Rows behind the verdict on the claim '{parsed.describe()}': {verdict.status}. "
                 f"{verdict.explanation}", "checked-claim")


@st.cache_data(show_spinner=False)
def text_and_summary(version: str) -> tuple[str, pd.DataFrame]:
    """The highlighted article and the table of every verdict: the same whichever claim is selected, so built once
    per data version, not on every selection."""
    every_claim, verdicts_now, seed = dataset("claims"), claim_verdicts(), seed_text()
    statuses = {cid: verdicts_now[cid].status for cid in every_claim["claim_id"]}
    marked = article_markdown(seed, find_dateline(seed, SOURCE_URL).body_start, every_claim, statuses)
    return marked, summary_table(every_claim, verdicts_now)


claims = dataset("claims")
marked_text, summary = text_and_summary(current_data_version())
verdicts = claim_verdicts()
ids = list(claims["claim_id"])
checkable = [cid for cid in ids if verdicts[cid].status != "not checkable"]

st.title("The article, checked against the data")
page_url_notices("article")
st.caption(escape_markdown(f"{sidecar('claims')['sources'][0]['title']}. {len(ids)} figures found in its text by "
                           "pattern (dashboard_data.claims); each verdict is computed from the datasets "
                           "(dashboard_data.verdicts)."))
counts = pd.Series([verdicts[cid].status for cid in ids]).value_counts()
st.markdown(" ".join(f":{STATUS_COLOURS[s]}-badge[{s} · {counts[s]}]" for s in STATUSES if s in counts))
with st.expander("How a verdict is reached: statuses and tolerances"):
    st.markdown("\n".join(f"- **{escape_markdown(s)}**: {escape_markdown(m)}" for s, m in STATUSES.items()))
    st.markdown("Tolerances by kind of figure:\n\n" + "\n".join(
        f"- **{kind}**: {escape_markdown(rule)}" for kind, rule in {**TOLERANCES, **COMPARATOR_RULES}.items()))
    st.caption("A figure the article gives without a year is compared with every year up to the article's year. "
               "The article's own rows in the data are shown but never compared with it.")

text_column, verdict_column = st.columns([3, 2], gap="large")
with verdict_column:
    # No format_func: a bound selectbox writes its displayed label into the URL, and links should carry the id.
    chosen = st.selectbox("Claim", ids, index=ids.index(checkable[0]), key="claim", bind="query-params")
    claim = claims.set_index("claim_id").loc[chosen]
    st.markdown(f"**{escape_markdown(claim['text'])}** · {escape_markdown(METRIC_LABELS[claim['metric']])} · "
                f"period: {escape_markdown(claim['period'] if pd.notna(claim['period']) else 'not given')}")
    st.caption(f"“{sentence_markdown(claim)}” (line {claim['raw_line']})")
    verdict_panel(verdicts[chosen])
with text_column, st.container(height=640, border=True):
    st.markdown(marked_text)

st.subheader(f"Rows behind the verdict on {chosen}")
verdict = verdicts[chosen]
verdict_rows(verdict, f"Rows behind the verdict on claim {chosen} ('{claim['text']}'): {verdict.status}. "
             f"{verdict.explanation}", f"verdict-{chosen}")

st.subheader("Every claim and its verdict")
st.dataframe(summary, hide_index=True, key="claims-table", on_select=lambda: select_from_table(ids),
             selection_mode="single-row",
             column_order=[c for c in summary.columns if c not in DOWNLOAD_ONLY],
             column_config={**link_columns(summary), "explanation": st.column_config.TextColumn(width="large")})
source_caption(summary, sidecar("claims"), "as the article prints each figure",
               "Select a row to open its verdict above")
downloads(summary, sidecar("claims"), "All claims of the seed article with their computed verdicts",
          "article-verdicts")

st.subheader("Check a claim of your own")
st.write("Paste one sentence about the relationship (trade, visits, Russian speakers, immigration). A fixed "
         "parser reads its measure, period, value and countries; the same engine then compares it with the data.")
claim_checker()
