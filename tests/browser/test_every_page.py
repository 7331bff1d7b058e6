"""Every registered page and each of its tabs, opened in a real browser with no network: no exception, no console
error, and every chart and map actually drawn."""

from __future__ import annotations

import pytest

from browser_support import VIEWS
from dashboard_app.navigation import PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("view", VIEWS, ids=[v.name for v in VIEWS])
def test_every_page_and_tab_renders_offline_without_errors(open_page, view):
    opened = open_page(view.path)
    page = opened.page
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.inner_text()
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    assert opened.page_errors == []
    assert opened.unexpected_console_errors() == []
    charts = page.locator('[data-testid="stPlotlyChart"]')
    for index in range(charts.count()):
        assert charts.nth(index).locator(".main-svg").count() > 0, f"Plotly chart {index} not drawn"
    maps = page.locator('[data-testid="stDeckGlJsonChart"]')
    for index in range(maps.count()):
        maps.nth(index).scroll_into_view_if_needed()
        maps.nth(index).locator("canvas").first.wait_for(state="attached", timeout=30000)


def test_navigation_lists_every_visible_page(open_page):
    page = open_page("").page
    links = page.locator('[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]')
    # A link's text is its Material icon's name, then the title.
    titles = [links.nth(i).inner_text().strip().splitlines()[-1] for i in range(links.count())]
    assert titles == [p.title for p in PAGES if not p.hidden]
