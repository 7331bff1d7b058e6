"""AppTest for the Sources page: exactly the registered datasets, each with its sources, and every cited source."""

import re

import pytest

from dashboard_data.registry import DATASETS, load_dataset, metadata
from dashboard_data.sources_catalog import source_index

pytestmark = pytest.mark.apptest


@pytest.fixture(scope="module")
def index(paths):
    return source_index(list(DATASETS), {name: load_dataset(name, paths) for name in DATASETS})


def test_the_page_lists_exactly_the_registered_datasets(run_page):
    app = run_page("pages/sources.py")
    assert not app.exception
    assert app.dataframe[0].value["dataset"].tolist() == list(DATASETS)
    named = [re.search(r"\((\w+)\)$", expander.label).group(1) for expander in app.expander]
    assert named == list(DATASETS)


def test_each_dataset_shows_its_sources_gaps_disagreements_and_citation(run_page, paths):
    app = run_page("pages/sources.py")
    shown = "\n".join(m.value for m in app.markdown).replace("\\", "")
    cited = [code.value for code in app.code]
    for name in DATASETS:
        meta = metadata(name, paths)
        for source in meta["sources"]:
            assert f"retrieved {source['retrieved']}" in shown
        for item in [*meta.get("known_gaps", []), *meta.get("known_disagreements", [])]:
            assert item in shown, (name, item)
        assert any(f"dataset '{name}'" in code for code in cited), name


def test_every_cited_source_is_listed_and_searchable(run_page, index):
    app = run_page("pages/sources.py")
    assert len(app.dataframe[1].value) == len(index)
    app.text_input(key="source_search").input("naturalearthdata").run()
    found = app.dataframe[1].value
    assert len(found) >= 1
    assert found["source"].str.contains("naturalearthdata").all()
