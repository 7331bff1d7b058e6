"""The Overview timeline in a real browser: selecting a mark offers the page and year it belongs to, and following
that link opens the page with the year in its URL."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from browser_support import wait_idle

pytestmark = pytest.mark.browser


def test_selecting_a_mark_links_to_its_page_and_year(open_page):
    page = open_page("").page
    expect(page.get_by_text("Select a mark to open the page and year it belongs to.")).to_be_visible()
    # The Visits lane: each mark is one visit, which the Visits page shows within its year.
    mark = page.locator('[data-testid="stPlotlyChart"] .scatterlayer .trace').nth(2).locator(".point").first
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    link = page.locator('[data-testid="stPageLink"] a').filter(has_text=re.compile(r"open the visits page for \d{4}"))
    expect(link).to_be_visible(timeout=15000)
    year = re.search(r"for (\d{4})", link.inner_text())[1]
    link.click()
    page.wait_for_url("**/visits?**", timeout=15000)
    wait_idle(page)
    assert parse_qs(urlparse(page.url).query)["years"] == [year, year]
    assert page.locator('[data-testid="stException"]').count() == 0
