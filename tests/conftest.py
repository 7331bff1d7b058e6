"""Shared test fixtures: the project's paths and golden-file comparison."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard_data.paths import ProjectPaths

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def paths() -> ProjectPaths:
    return ProjectPaths.at(ROOT)


def assert_matches_golden(frame: pd.DataFrame, name: str) -> None:
    """Compare a normalized table with tests/golden/<name>.csv; UPDATE_GOLDEN=1 rewrites the file."""
    golden = GOLDEN / f"{name}.csv"
    actual = frame.to_csv(index=False, lineterminator="\n")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}; run once with UPDATE_GOLDEN=1 and review it"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"normalized output differs from {golden.name}; diff it, fix or regenerate"


@pytest.fixture
def run_page(monkeypatch):
    """Run one page through the real entry point (app.py, so st.navigation, page links and the share panel are
    all there) from the project root (so .streamlit/ applies), with URL params."""
    monkeypatch.chdir(ROOT)

    def _run(script: str, params: dict[str, str | list[str]] | None = None, timeout: float = 60) -> AppTest:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
        app.run()  # AppTest knows st.navigation's pages only after a first run
        app.switch_page(script)
        app.query_params = dict(params or {})
        app.run()
        return app

    return _run
