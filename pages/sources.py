"""Sources: every dataset with its sources, licence, retrieval dates, coverage, rows, known gaps and known
disagreements and how to cite it, then every source the rows cite. Built from the metadata sidecars and the tables
(dashboard_data.sources_catalog), so the page cannot drift from the data."""

import json

import pandas as pd
import streamlit as st

from dashboard_app.data import current_data_version, dataset, sidecar
from dashboard_app.frame import require_frame
from dashboard_app.params import escape_markdown
from dashboard_data.export import to_csv_bytes
from dashboard_data.registry import DATASETS
from dashboard_data.sources_catalog import CatalogEntry, catalog, overview_table, source_index

require_frame()


def link(title: str, url: str | None) -> str:
    """A Markdown link for a web address (parentheses encoded so they can't end it), else the escaped title."""
    if not url or not url.startswith(("http://", "https://")):
        return escape_markdown(title)
    return f"[{escape_markdown(title)}]({url.replace('(', '%28').replace(')', '%29')})"


def bullets(items: tuple[str, ...], empty: str) -> str:
    return "\n".join(f"- {escape_markdown(item)}" for item in items) if items else empty


def source_line(source: dict) -> str:
    where = source.get("url") or source.get("path")
    parts = [link(source["title"], source.get("url")), escape_markdown(f"retrieved {source['retrieved']}")]
    if source.get("path") and where != source["path"]:
        parts.insert(1, escape_markdown(f"file {source['path']}"))
    elif not source.get("url"):
        parts.insert(1, escape_markdown(f"file {where}"))
    note = f"  \n  {escape_markdown(source['note'])}" if source.get("note") else ""
    return f"- {' · '.join(parts)}{note}"


def download(frame: pd.DataFrame, label: str, file_name: str) -> None:
    st.download_button(label, to_csv_bytes(frame), file_name=file_name, mime="text/csv", key=file_name,
                       icon=":material/download:", on_click="ignore")


def dataset_entry(entry: CatalogEntry) -> None:
    st.markdown(escape_markdown(entry.description))
    st.markdown(f"**Rows:** {entry.rows:,} · **Years:** {escape_markdown(entry.coverage)} · "
                f"**Distinct sources cited by the rows:** {entry.source_urls}")
    licence = entry.licence
    st.markdown(f"**Licence:** {link(licence['name'], licence.get('url'))}")
    if licence.get("note"):
        st.caption(escape_markdown(licence["note"]))
    st.markdown("**Sources**\n\n" + "\n".join(source_line(source) for source in entry.sources))
    st.markdown("**Known gaps**\n\n" + bullets(entry.known_gaps, "None recorded in the metadata."))
    st.markdown("**Known disagreements**\n\n" + bullets(entry.known_disagreements, "None recorded in the metadata."))
    st.markdown("**How to cite**")
    st.code(entry.how_to_cite, language=None, wrap_lines=True)
    st.download_button("Download the metadata (JSON)", json.dumps(sidecar(entry.name), indent=2, ensure_ascii=False),
                       file_name=f"{entry.name}.metadata.json", mime="application/json", key=f"meta-{entry.name}",
                       icon=":material/data_object:", on_click="ignore")


@st.cache_data(show_spinner=False)
def catalog_of(version: str) -> tuple[list[CatalogEntry], pd.DataFrame]:
    """Every dataset's entry and every cited source, once per data version rather than on every run (reading every
    table made this the costliest run of the light pages, and under load every viewer's run waits for the
    others')."""
    names = list(DATASETS)
    tables = {name: dataset(name) for name in names}
    return catalog(names, tables, {name: sidecar(name) for name in names}, version), source_index(names, tables)


version = current_data_version()
entries, index = catalog_of(version)

st.title("Sources")
st.write(f"Where every number on this dashboard comes from: {len(entries)} datasets, read from their metadata and "
         f"their rows (data version {version}). For any single figure, cite the source given in its own row.")

overview = overview_table(entries)
st.dataframe(overview, hide_index=True, column_config={
    "title": st.column_config.TextColumn(width="medium"), "licence": st.column_config.TextColumn(width="small"),
    "known gaps": st.column_config.NumberColumn("gaps"),
    "known disagreements": st.column_config.NumberColumn("disagreements")})
st.caption(f"{overview['rows'].sum():,} rows in {len(overview)} datasets · years from each table's calendar-year "
           "columns · sources counted from the rows' source_url and source_url_2")
download(overview, "Download this table (CSV)", "sources-overview.csv")

st.subheader("Each dataset")
for entry in entries:
    with st.expander(f"{escape_markdown(entry.title)} ({entry.name})", icon=":material/dataset:"):
        dataset_entry(entry)

st.subheader("Every source the rows cite")
needle = st.text_input("Search the sources", key="source_search", placeholder="a domain, a word, a dataset")
shown = index[index["source"].str.contains(needle, case=False, regex=False)
              | index["used by (rows)"].str.contains(needle, case=False, regex=False)] if needle else index
st.dataframe(shown, hide_index=True, column_config={
    "link": st.column_config.LinkColumn("link", display_text=r"https?://(?:www\.)?([^/]+)"),
    "source": st.column_config.TextColumn("source (as stored)", width="large")})
st.caption(f"{len(shown)} of {len(index)} distinct sources · 'rows' counts the rows citing a source as first or "
           "second source; entries without a web address are files of this project or references as printed")
download(shown, "Download the source list (CSV)", "sources-list.csv")

st.subheader("How to cite this dashboard")
st.code(f"Russia–Israel Relations Dashboard, data version {version}. For a figure, cite the source in its row "
        "(source_url, source_label) as well.", language=None, wrap_lines=True)
