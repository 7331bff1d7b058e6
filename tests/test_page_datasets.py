"""AppTest for the Datasets page: every dataset listed with its rows; a dataset opens from the URL."""

import pytest

from dashboard_data.registry import DATASETS, load_dataset

pytestmark = pytest.mark.apptest


def test_lists_every_dataset_with_its_row_count(run_page, paths):
    app = run_page("pages/datasets.py")
    assert not app.exception
    summary = app.dataframe[0].value
    assert summary["dataset"].tolist() == list(DATASETS)
    expected_rows = {name: len(load_dataset(name, paths)) for name in DATASETS}
    assert dict(zip(summary["dataset"], summary["rows"], strict=True)) == expected_rows


def test_the_url_opens_a_dataset_and_a_bad_one_falls_back(run_page):
    app = run_page("pages/datasets.py", {"dataset": "visits"})
    assert app.selectbox(key="dataset").value == "visits"
    assert len(app.dataframe[1].value) == 31
    fallback = run_page("pages/datasets.py", {"dataset": "nonsense"})
    assert fallback.selectbox(key="dataset").value == next(iter(DATASETS))
    assert any("`dataset` not understood" in w.value for w in fallback.warning)
