"""Shared test fixtures: the project's paths and AppTest runs of a page."""

from __future__ import annotations

import pytest
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from dashboard_data.paths import ProjectPaths
from support import ROOT


@pytest.fixture(scope="session")
def paths() -> ProjectPaths:
    return ProjectPaths.at(ROOT)


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


@pytest.fixture
def download_builders(monkeypatch) -> dict:
    """Each download button's file builder by key, as the page handed it over. Files are built on click, so a test
    calls the builder as the click would."""
    builders = {}
    button = DeltaGenerator.download_button

    def keep(self, label, data, **options):
        builders[options["key"]] = data
        return button(self, label, data, **options)

    monkeypatch.setattr(DeltaGenerator, "download_button", keep)
    return builders
