"""A shared deep link opened first after a server start must get the full app, not Streamlit's legacy
pages/-folder mode (no navigation registry, no share box, hidden pages listed)."""

import pytest

from browser_support import running_server, wait_idle
from dashboard_app.navigation import PAGES

pytestmark = pytest.mark.browser


def test_first_request_after_start_is_a_deep_link(browser):
    with running_server() as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}/datasets?dataset=visits")
        wait_idle(page)
        links = page.locator('[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]')
        assert links.count() == len([p for p in PAGES if not p.hidden])
        assert page.get_by_text("Share this view").count() == 1
        assert page.locator('[data-testid="stMain"] h1').first.inner_text() == "Datasets"
        context.close()
