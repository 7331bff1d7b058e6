"""The Sources page's content, built from the metadata sidecars and the tables themselves (never typed in), so the
page cannot drift from the data: a dataset added to the registry appears here with its sources, licence, coverage,
row count, known gaps and known disagreements, and every source URL the rows cite is listed with its uses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard_data.metadata import citation

URL_COLUMNS = ("source_url", "source_url_2")
YEAR_UNIT = "calendar year"


@dataclass(frozen=True)
class CatalogEntry:
    """One dataset as the Sources page shows it."""

    name: str
    title: str
    description: str
    rows: int
    coverage: str
    source_urls: int
    licence: dict
    sources: tuple[dict, ...]
    known_gaps: tuple[str, ...]
    known_disagreements: tuple[str, ...]
    how_to_cite: str


def year_columns(meta: dict) -> list[str]:
    """The columns the sidecar declares in calendar years (year, election_year ...)."""
    return [f["name"] for f in meta["fields"] if f.get("unit") == YEAR_UNIT]


def coverage(frame: pd.DataFrame, meta: dict) -> str:
    """'1989–2023' from the calendar-year columns; a table without one is not dated by row."""
    years = pd.concat([frame[column] for column in year_columns(meta) if column in frame.columns]
                      or [pd.Series(dtype="Int64")]).dropna()
    if years.empty:
        return "not dated by row"
    low, high = int(years.min()), int(years.max())
    return str(low) if low == high else f"{low}–{high}"


def cited_urls(frame: pd.DataFrame) -> pd.Series:
    """Every source the rows cite (first and second sources), as stored."""
    columns = [frame[column] for column in URL_COLUMNS if column in frame.columns]
    return pd.concat(columns, ignore_index=True).dropna() if columns else pd.Series(dtype="string")


def how_to_cite(meta: dict, version: str) -> str:
    return f"{citation(meta)} Data version {version}."


def catalog_entry(name: str, frame: pd.DataFrame, meta: dict, version: str) -> CatalogEntry:
    return CatalogEntry(
        name=name, title=meta["title"], description=meta["description"], rows=len(frame),
        coverage=coverage(frame, meta), source_urls=cited_urls(frame).nunique(), licence=meta["licence"],
        sources=tuple(meta["sources"]), known_gaps=tuple(meta.get("known_gaps", [])),
        known_disagreements=tuple(meta.get("known_disagreements", [])), how_to_cite=how_to_cite(meta, version))


def catalog(names: list[str], tables: Mapping[str, pd.DataFrame], sidecars: Mapping[str, dict],
            version: str) -> list[CatalogEntry]:
    """One entry per dataset, in the order given (the registry's)."""
    return [catalog_entry(name, tables[name], sidecars[name], version) for name in names]


def overview_table(entries: list[CatalogEntry]) -> pd.DataFrame:
    return pd.DataFrame({
        "dataset": [e.name for e in entries], "title": [e.title for e in entries],
        "rows": [e.rows for e in entries], "years": [e.coverage for e in entries],
        "source URLs": [e.source_urls for e in entries], "licence": [e.licence["name"] for e in entries],
        "known gaps": [len(e.known_gaps) for e in entries],
        "known disagreements": [len(e.known_disagreements) for e in entries],
    }).astype({"dataset": "string", "title": "string", "years": "string", "licence": "string"})


def source_index(names: list[str], tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every distinct source the rows cite: which datasets use it and in how many rows; web links most used first."""
    uses = pd.concat([pd.DataFrame({"source": cited_urls(tables[name]), "dataset": name}) for name in names],
                     ignore_index=True)
    counted = uses.groupby(["source", "dataset"], sort=False).size().rename("rows").reset_index()
    counted["use"] = counted["dataset"] + " (" + counted["rows"].astype(str) + ")"
    table = counted.groupby("source", sort=False).agg(rows=("rows", "sum"), used_by=("use", "; ".join)).reset_index()
    table.insert(1, "link", table["source"].where(table["source"].str.match(r"https?://")))
    ordered = table.sort_values(["rows", "source"], ascending=[False, True], ignore_index=True)
    return ordered.rename(columns={"used_by": "used by (rows)"}).astype(
        {"source": "string", "link": "string", "used by (rows)": "string"})
