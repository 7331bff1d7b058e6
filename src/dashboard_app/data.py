"""Cached, app-side access to the datasets. The only place the app reads data files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard_data.claims import SOURCE_URL, find_dateline
from dashboard_data.countries import load_geojson
from dashboard_data.errors import DataError
from dashboard_data.paths import ProjectPaths
from dashboard_data.refresh import data_label, snapshot_summary
from dashboard_data.registry import DATASETS, load_dataset, metadata
from dashboard_data.verdicts import Verdict, verdicts_for_claims
from dashboard_data.version import data_version

PATHS = ProjectPaths.at(Path(__file__).resolve().parents[2])


@st.cache_data(show_spinner=False)
def _load(name: str) -> pd.DataFrame:
    return load_dataset(name, PATHS)


@st.cache_data(show_spinner=False)
def sidecar(name: str) -> dict:
    return metadata(name, PATHS)


@st.cache_data(show_spinner=False)
def geojson() -> dict:
    return load_geojson(PATHS)


@st.cache_data(show_spinner=False)
def seed_text() -> str:
    meta = json.loads((PATHS.seeds / "000_dadec4a85cfbf35b.meta.json").read_text(encoding="utf-8"))
    return (PATHS.seeds / meta["file"]).read_text(encoding=meta.get("encoding", "utf-8"))


def dataset(name: str) -> pd.DataFrame:
    """The named dataset; on a data problem, show what is wrong (file, line, column) and stop the page."""
    try:
        return _load(name)
    except DataError as error:
        st.error(f"The dataset '{name}' failed validation, so this page can't show it:")
        st.code(str(error), language=None)
        st.stop()


@st.cache_data(show_spinner=False)
def current_data_version() -> str:
    """The data version of every table; 'unvalidated' while any dataset fails (its page says why)."""
    try:
        return data_version({name: _load(name) for name in DATASETS})
    except DataError:
        return "unvalidated"


@st.cache_data(show_spinner=False)
def showing_label() -> str:
    """'curated figures' or 'curated figures + UN Comtrade snapshot of DATE': which data the app shows."""
    return data_label(snapshot_summary(PATHS))


VERDICT_TABLES = ("trade", "population", "immigration", "knesset_seats", "visits", "events")


@st.cache_resource(show_spinner=False)
def _verdicts(version: str) -> dict[str, Verdict]:
    """Keyed by the data version, so the verdicts are recomputed exactly when the data change.

    One shared copy, not a copy per run: unpickling 36 verdicts with their rows took a third of the article page's
    run on every claim selected. Pages only read them (frozen Verdicts; their rows go to tables and downloads)."""
    year = find_dateline(seed_text(), SOURCE_URL).year
    return verdicts_for_claims(_load("claims"), {name: _load(name) for name in VERDICT_TABLES}, year)


def claim_verdicts() -> dict[str, Verdict]:
    """Every claim of the article with its verdict computed from the datasets (claim_id -> Verdict)."""
    return _verdicts(current_data_version())
