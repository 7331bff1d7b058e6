"""Links that reproduce a view: the share box carries the filters and the data version; a link made on other
data says so."""

import json
from urllib.parse import parse_qs, urlparse

import pytest
from streamlit.testing.v1 import AppTest

from dashboard_data.registry import DATASETS, load_dataset
from dashboard_data.version import data_version
from support import ROOT

pytestmark = pytest.mark.apptest


@pytest.fixture(scope="module")
def current_version(paths):
    return data_version({name: load_dataset(name, paths) for name in DATASETS})


def frame_run(params: dict) -> AppTest:
    """The default page through app.py (AppTest runs a switched-to page without the entry script's frame)."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params = params
    return app.run()


def test_share_link_carries_the_link_parameters_and_data_version(current_version, monkeypatch):
    monkeypatch.chdir(ROOT)
    url = next(code.value for code in frame_run({"campaign": "memo"}).sidebar.code)
    assert parse_qs(urlparse(url).query) == {"campaign": ["memo"], "v": [current_version]}


def test_a_link_from_the_same_data_shows_no_notice(current_version, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert not [w for w in frame_run({"v": current_version}).warning if "data version" in w.value]


def test_a_link_from_other_data_says_so(current_version, monkeypatch):
    monkeypatch.chdir(ROOT)
    notice = next(w.value for w in frame_run({"v": "0123456789ab"}).warning if "data version" in w.value)
    assert "0123456789ab" in notice
    assert current_version in notice
    assert "what changed is unknown" in notice


def test_the_current_data_version_is_recorded_in_the_history(paths, current_version):
    """A data change must add a line to data/versions.json, so old links can say what changed."""
    history = json.loads((paths.root / "data" / "versions.json").read_text(encoding="utf-8"))
    assert history, "data/versions.json is empty"
    assert history[-1]["version"] == current_version, (
        f"record the new data version {current_version} (date, summary) at the end of data/versions.json")
    assert all({"version", "date", "summary"} <= set(entry) for entry in history)
