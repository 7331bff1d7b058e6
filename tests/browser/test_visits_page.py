"""The Visits page in a real browser, offline: a filter change is written into the link, a link restores the
filters, and a selected visit goes into the link and shows its sources and its trade-year link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROW_HEIGHT = 35


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_a_filter_change_goes_into_the_link(open_page):
    page = open_page("visits").page
    page.get_by_text("Only Netanyahu's fourth-term trips to Russia").click()
    page.wait_for_url("**fourth_term=true**")
    assert query(page)["fourth_term"] == ["true"]
    expect(page.get_by_text("12 visit legs from").first).to_be_visible()


def test_a_link_restores_the_filters(open_page):
    opened = open_page("visits?leader=Vladimir+Putin&context=false&map=Israel+close-up&tab=Map")
    page = opened.page
    expect(page.get_by_text("Vladimir Putin visitors, all directions, 2005–2022, without context stops").first) \
        .to_be_visible()
    page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(timeout=15000)
    assert opened.unexpected_console_errors() == []


def test_selecting_a_visit_links_it_and_shows_its_sources(open_page):
    page = open_page("visits?leader=Vladimir+Putin&tab=Table").page
    grid = page.locator('[data-testid="stDataFrame"]').last
    grid.locator("canvas").first.wait_for(timeout=15000)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The first row of the table (V2005a), clicked on its row-selection marker at the left edge.
    page.mouse.click(box["x"] + 12, box["y"] + ROW_HEIGHT * 1.5)
    page.wait_for_url("**visit=V2005a**", timeout=15000)
    expect(page.get_by_text("imemc.org/article/10704").first).to_be_visible()
    link = page.locator('[data-testid="stPageLink"] a')
    expect(link).to_contain_text("Trade figures for 2005")
    # The trade page has no headline for 2005, so the link narrows its year range instead.
    assert "years=2005&years=2005" in link.get_attribute("href")
