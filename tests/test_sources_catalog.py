"""The Sources page's content: one entry per registered dataset, built from its sidecar and its rows."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard_data.metadata import citation
from dashboard_data.registry import DATASETS, load_dataset, metadata
from dashboard_data.sources_catalog import catalog, coverage, overview_table, source_index

VERSION = "0123456789ab"


@pytest.fixture(scope="module")
def tables(paths) -> dict[str, pd.DataFrame]:
    return {name: load_dataset(name, paths) for name in DATASETS}


@pytest.fixture(scope="module")
def sidecars(paths) -> dict[str, dict]:
    return {name: metadata(name, paths) for name in DATASETS}


@pytest.fixture(scope="module")
def entries(tables, sidecars):
    return catalog(list(DATASETS), tables, sidecars, VERSION)


def test_every_registered_dataset_has_an_entry(entries):
    assert [entry.name for entry in entries] == list(DATASETS)
    assert overview_table(entries)["dataset"].tolist() == list(DATASETS)


def test_each_entry_is_built_from_its_sidecar_and_its_rows(entries, tables, sidecars):
    for entry in entries:
        meta, frame = sidecars[entry.name], tables[entry.name]
        assert entry.rows == len(frame)
        assert entry.sources == tuple(meta["sources"])
        assert all(source["retrieved"] for source in entry.sources)
        assert entry.licence == meta["licence"]
        assert entry.known_gaps == tuple(meta.get("known_gaps", []))
        assert entry.known_disagreements == tuple(meta.get("known_disagreements", []))
        assert entry.how_to_cite == f"{citation(meta)} Data version {VERSION}."


def test_coverage_and_source_counts_of_the_real_tables(entries):
    by_name = {entry.name: entry for entry in entries}
    assert by_name["visits"].coverage == "2005–2022"
    assert by_name["knesset_seats"].coverage == "1999–2022"
    assert by_name["census2022"].coverage == "not dated by row"
    assert by_name["claims"].source_urls == 1


def meta_with_year(column: str = "year") -> dict:
    return {"fields": [{"name": column, "type": "integer", "unit": "calendar year"},
                       {"name": "value", "type": "number", "unit": None}]}


@pytest.mark.parametrize(("years", "column", "expected"), [
    ([2019, 2005, None], "year", "2005–2019"),
    ([2020], "year", "2020"),
    ([None], "year", "not dated by row"),
    ([1999, 2022], "election_year", "1999–2022"),
])
def test_coverage_reads_the_calendar_year_columns(years, column, expected):
    frame = pd.DataFrame({column: pd.array(years, dtype="Int64"), "value": 1.0})
    assert coverage(frame, meta_with_year(column)) == expected


def test_coverage_without_a_year_column():
    assert coverage(pd.DataFrame({"value": [1.0]}), {"fields": [{"name": "value", "unit": None}]}) == \
        "not dated by row"


def test_the_source_index_counts_every_use_of_a_source():
    tables = {
        "a": pd.DataFrame({"source_url": ["https://x.org/1", "https://x.org/1", "seeds/s.txt"],
                           "source_url_2": [None, "https://y.org/2", None]}),
        "b": pd.DataFrame({"source_url": ["https://x.org/1"]}),
    }
    index = source_index(["a", "b"], tables).set_index("source")
    assert index.loc["https://x.org/1", "rows"] == 3
    assert index.loc["https://x.org/1", "used by (rows)"] == "a (2); b (1)"
    assert index.loc["https://y.org/2", "rows"] == 1
    assert pd.isna(index.loc["seeds/s.txt", "link"])
    assert index.loc["https://y.org/2", "link"] == "https://y.org/2"


def test_the_source_index_covers_every_cited_source(tables):
    index = source_index(list(DATASETS), tables)
    cited = set()
    for frame in tables.values():
        for column in ("source_url", "source_url_2"):
            if column in frame.columns:
                cited |= set(frame[column].dropna())
    assert set(index["source"]) == cited
    assert index["source"].is_unique
