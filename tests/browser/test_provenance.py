"""'Where does this number come from?': selecting a table row shows that row's source."""

import pytest

from browser_support import wait_idle

pytestmark = pytest.mark.browser

HEADER_AND_HALF_ROW = 35 + 17


def test_selecting_a_row_shows_its_source(open_page):
    page = open_page("datasets?dataset=visits").page
    table = page.locator('[data-testid="stDataFrame"]').nth(1)
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    # The grid is a canvas: hover first so the row's selection box is live, then click it (first data row).
    page.mouse.move(box["x"] + 12, box["y"] + HEADER_AND_HALF_ROW)
    page.wait_for_timeout(500)
    page.mouse.click(box["x"] + 12, box["y"] + HEADER_AND_HALF_ROW)
    wait_idle(page)
    panel = page.get_by_text("Where does this number come from?")
    panel.wait_for(timeout=10000)
    details = page.locator('[data-testid="stMain"]').inner_text().partition("Where does this number come from?")[2]
    assert "source url: https://imemc.org/article/10704/" in details
    assert "raw file: data/raw/curated/visits.csv" in details
    assert "raw line: 2" in details
