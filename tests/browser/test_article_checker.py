"""The claim checker in a real browser: pasted markup is read as text, never run or rendered, and the claim is
still checked against the data."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PASTED = ('<img src="x" onerror="window.pwned = true"> <script>window.pwned = true</script> '
          "trade between Israel and Russia exceeded USD 5 billion in 2019")
WAIT_MS = 30_000


def test_pasted_markup_is_not_rendered_and_the_claim_is_checked(open_page):
    opened = open_page("article?claim=C09")
    page = opened.page
    # The first run of a fresh server can outlast the harness's idle wait: wait for the page's last element.
    page.get_by_role("button", name="Check the claim").wait_for(timeout=WAIT_MS)
    page.locator('[data-testid="stTextArea"] textarea').fill(PASTED)
    page.get_by_role("button", name="Check the claim").click()
    page.get_by_text("HTML markup was ignored").wait_for(timeout=WAIT_MS)
    checked = page.get_by_text("Trade turnover between Russia and Israel, 2019: the data hold 2 figures")
    checked.first.wait_for(timeout=WAIT_MS)
    assert page.evaluate("() => window.pwned") is None
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    assert opened.page_errors == []
    assert opened.unexpected_console_errors() == []


def test_a_claim_from_the_link_shows_its_verdict_and_rows(open_page):
    page = open_page("article?claim=C12").page
    page.get_by_text("None went to Tel Aviv").first.wait_for(timeout=WAIT_MS)
    page.locator('[data-testid="stDataFrame"]').nth(1).wait_for(timeout=WAIT_MS)
    page.locator('[data-testid="stDownloadButton"]').nth(3).wait_for(timeout=WAIT_MS)
