"""The pages' lazy sections: a section label carried over from another page (Streamlit keeps a keyed widget's value
across a page switch) is forgotten, so the next page opens its first section instead of raising."""

from __future__ import annotations

import pytest

from dashboard_app.navigation import PAGE_SECTIONS, TAB_KEY

pytestmark = pytest.mark.apptest


@pytest.mark.parametrize(("origin", "destination"), [("trade", "diaspora"), ("diaspora", "visits"),
                                                     ("visits", "trade")])
def test_a_section_from_another_page_is_forgotten(run_page, origin, destination):
    app = run_page(f"pages/{origin}.py", {TAB_KEY: PAGE_SECTIONS[origin][-1]})
    assert app.session_state[TAB_KEY] == PAGE_SECTIONS[origin][-1]
    app.query_params = {}
    app.switch_page(f"pages/{destination}.py")
    app.run()
    assert not app.exception
    assert app.session_state[TAB_KEY] == PAGE_SECTIONS[destination][0]
