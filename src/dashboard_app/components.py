"""Shared page parts: URL notices, source captions, provenance popovers, downloads, the share link."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from types import FunctionType
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard_app.charts import IMAGE_FORMATS, alt_text, plotly_config
from dashboard_app.data import current_data_version, showing_label
from dashboard_app.navigation import PAGE_SECTIONS, TAB_KEY
from dashboard_app.params import Spec, escape_markdown, param_notices
from dashboard_app.url_specs import PAGE_SPECS
from dashboard_data.export import to_csv_bytes, zip_bytes

PROVENANCE_FIELDS = ("source_label", "source_url", "source_url_2", "source_date", "quote", "reporter",
                     "qualifier", "flags", "confidence", "raw_file", "raw_line")


def link_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def url_notices(specs: Sequence[Spec]) -> None:
    """Tell the user which link parameters were ignored; Streamlit itself drops them and restores defaults."""
    for notice in param_notices(link_params(), specs):
        st.warning(notice, icon=":material/link_off:")


def page_url_notices(page: str) -> None:
    """url_notices with the page's specs from the shared registry (the one presentation decks are checked with)."""
    raw = link_params()
    url_notices(PAGE_SPECS[page](raw))


def source_caption(frame: pd.DataFrame, sidecar: dict, unit: str, sentence: str | None = None) -> None:
    """The line under every chart: what is shown, its unit, and how many figures from how many sources."""
    sources = frame["source_url"].nunique() if "source_url" in frame.columns else 0
    parts = [sentence] if sentence else []
    parts.append(f"{len(frame)} figure{'s' if len(frame) != 1 else ''} from {sources} source"
                 f"{'s' if sources != 1 else ''}")
    parts.append(f"Unit: {unit}")
    parts.append(f"Dataset: {sidecar['title']} (sources and licence on the Sources page)")
    st.caption(escape_markdown(" · ".join(parts)))


def provenance_lines(row: pd.Series) -> list[str]:
    """Plain-text lines describing where one figure comes from (URL, date, quote, reporter, qualifier)."""
    lines = []
    for field in PROVENANCE_FIELDS:
        if field in row.index and not pd.isna(row[field]) and str(row[field]).strip():
            lines.append(f"{field.replace('_', ' ')}: {row[field]}")
    return lines


def source_popover(row: pd.Series, label: str = "Source", key: str | None = None) -> None:
    """'Where does this number come from?' — one click from any figure to its source row."""
    with st.popover(label, icon=":material/info:", key=key):
        st.markdown(provenance_markdown(row))


def provenance_markdown(row: pd.Series) -> str:
    """The provenance lines as one Markdown block: one element per figure, not one per line, since every element
    costs the browser a render on each rerun and a page holds many of these."""
    lines = []
    for line in provenance_lines(row):
        name, _, value = line.partition(": ")
        lines.append(f"**{name}**: {link_or_text(value)}")
    return "\n\n".join(lines)


def downloads(frame: pd.DataFrame, sidecar: dict, sentence: str, key: str) -> None:
    """CSV of exactly the rows shown, and a zip with the CSV, the metadata and a README (sources, filter).

    The files are built when a button is pressed, not on every run: on a large table writing them took longer
    than the rest of the page. Each builder holds this run's rows and filter, so a file is what the page showed."""
    version = current_data_version()
    row = st.container(horizontal=True)
    row.download_button("Download CSV", partial(to_csv_bytes, frame), file_name=f"{key}.csv", mime="text/csv",
                         key=f"{key}-csv", icon=":material/download:", on_click="ignore")
    row.download_button("Download zip with metadata", partial(zip_bytes, frame, sidecar, sentence, version),
                          file_name=f"{key}.zip", mime="application/zip", key=f"{key}-zip",
                          icon=":material/folder_zip:", on_click="ignore")


def link_columns(frame: pd.DataFrame) -> dict:
    """Column config that shows source URLs as links in st.dataframe."""
    return {c: st.column_config.LinkColumn(c.replace("_", " "), display_text=r"https?://(?:www\.)?([^/]+)")
            for c in ("source_url", "source_url_2") if c in frame.columns}


VERSION_PARAM = "v"


def share_link() -> None:
    """A copyable link to exactly this view: every bound filter plus the data version it was made on.

    Runs after the page so st.query_params already holds the page's current widget values."""
    params = [(key, value) for key in st.query_params if key != VERSION_PARAM
              for value in st.query_params.get_all(key)]
    base = st.context.url or ""
    url = f"{base}?{urlencode([*params, (VERSION_PARAM, current_data_version())])}"
    with st.sidebar:
        st.markdown("**Share this view**")
        st.code(url, language=None, wrap_lines=True)
        st.caption(f"The link keeps every filter and the data version ({current_data_version()}); "
                   "use the copy button at its right.")
        st.caption(f"Showing {showing_label()}.")


def data_version_notice(history: list[dict]) -> None:
    """If the link was made on other data, say so (and what changed, when the history knows)."""
    linked = st.query_params.get(VERSION_PARAM)
    current = current_data_version()
    if not linked or linked == current:
        return
    known = [entry["version"] for entry in history]
    if linked in known:
        newer = history[known.index(linked) + 1:]
        changes = "; ".join(f"{e['date']}: {e['summary']}" for e in newer) or "not recorded"
        detail = f"What changed since: {changes}."
    else:
        detail = "That version is not in this dashboard's data history, so what changed is unknown."
    st.warning(f"This link was made on data version {escape_markdown(linked[:20])}; the dashboard now shows "
               f"version {current}. The numbers may differ from what the sender saw. {detail}",
               icon=":material/update:")


def provenance_table(frame: pd.DataFrame, key: str, **options) -> None:
    """A table whose every row leads to its source: select a row to see where its number comes from."""
    column_config = {**link_columns(frame), **options.pop("column_config", {})}
    event = st.dataframe(frame, hide_index=True, key=f"{key}-rows", on_select="rerun", selection_mode="single-row",
                         placeholder="—", column_config=column_config, **options)
    selected = event.selection.rows if event and event.selection else []
    if not selected:
        st.caption("Select a row to see where its number comes from (source, date, quote, reporter, qualifier, "
                   "raw file and line).")
        return
    row = frame.iloc[selected[0]]
    with st.container(border=True):
        st.markdown("**Where does this number come from?**")
        st.markdown(provenance_markdown(row))


def link_or_text(value: str) -> str:
    """A source URL as a link (angle brackets keep parentheses in URLs intact), anything else as plain text."""
    if value.startswith(("http://", "https://")):
        return f"[{escape_markdown(value)}](<{value}>)"
    return escape_markdown(value)


IMAGE_FORMAT_KEY = "image_format"


def image_format_choice() -> None:
    """One sidebar choice of the format every chart's camera button downloads (PNG or SVG)."""
    st.sidebar.segmented_control("Chart downloads as", IMAGE_FORMATS, default="png", key=IMAGE_FORMAT_KEY,
                                 format_func=str.upper, help="The camera in each chart's toolbar saves the chart, "
                                 "its title and its source line in this format.")


def chart_config(file_name: str) -> dict:
    return plotly_config(file_name, st.session_state.get(IMAGE_FORMAT_KEY) or "png")


def _qualified_name(function: FunctionType) -> str:
    """Pages run as __main__, so a page's builder is named by its file too."""
    return f"{function.__code__.co_filename}:{function.__module__}.{function.__qualname__}"


def figure_spec(builder: Callable[..., go.Figure], *args, **kwargs) -> dict:
    """The plain spec of builder(*args, **kwargs), for a cache to keep (see restored_figure)."""
    return builder(*args, **kwargs).to_dict()


def restored_figure(spec: dict) -> go.Figure:
    """The figure of a kept spec. Its builder's figure was validated when it was made, so the copy is not validated
    again (that alone cost more than the rest of the restore)."""
    return go.Figure(spec, _validate=False)


_figure_spec = st.cache_data(figure_spec, show_spinner=False, max_entries=400,
                             hash_funcs={FunctionType: _qualified_name})


def cached_figure(builder: Callable[..., go.Figure], *args, **kwargs) -> go.Figure:
    """builder(*args, **kwargs), kept across runs and sessions: building a Plotly figure of many small updates
    costs several times more than restoring a copy, and viewers of one shared link ask for the same figures."""
    return restored_figure(_figure_spec(builder, *args, **kwargs))


def show_chart(fig, key: str, **options):
    """st.plotly_chart with the download settings and alt text every chart on the dashboard gets."""
    options.setdefault("alt", alt_text(fig))
    return st.plotly_chart(fig, key=key, config=chart_config(key), **options)


def lazy_sections(page: str) -> str:
    """A row of section buttons of which only the chosen section runs (the page draws it below), bound to the URL
    (?tab=…) so a shared link opens the same section (else the first). Returns the chosen label.

    Not st.tabs: a tab panel re-checks its content for focusable elements on every change inside it, and each
    check forces the browser to recompute the page's layout; while a Plotly chart draws that cost the Trade page's
    filter rerun about a fifth of its time. Every page binds the same key, and Streamlit carries a keyed widget's
    value across a page switch, so a label from another page is forgotten first."""
    labels = PAGE_SECTIONS[page]
    if st.session_state.get(TAB_KEY) not in (None, *labels):
        del st.session_state[TAB_KEY]
    return st.segmented_control("Section", labels, default=labels[0], required=True, key=TAB_KEY,
                                bind="query-params", label_visibility="collapsed")


def opened_expander(label: str, key: str) -> DeltaGenerator | None:
    """An expander whose content is built only once it is opened: its container while open, else None. For content
    behind a click that costs a page's load (a table, a list of records).

    Keep the label fixed (no count of filtered rows in it): a changed label makes a new expander, closed again."""
    expander = st.expander(label, key=key, on_change="rerun")
    return expander if expander.open else None


def forget_out_of_range(key: str, low: int, high: int) -> None:
    """Several pages bind a 'years' slider with different ranges, and Streamlit carries a bound widget's value
    across a page switch; a range from another page that falls outside this page's bounds would raise, so it is
    forgotten and the slider starts from its default."""
    carried = st.session_state.get(key)
    if carried is not None and not all(low <= year <= high for year in carried):
        del st.session_state[key]
