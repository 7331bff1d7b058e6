"""Presentation mode in a real browser: every slide of the default deck renders its saved view, offline."""

import pytest

from browser_support import wait_idle
from dashboard_app.deck import load_deck
from dashboard_app.navigation import ROOT
from dashboard_app.url_specs import PAGE_SPECS

pytestmark = pytest.mark.browser

SLIDES = load_deck(ROOT / "decks" / "default.json", PAGE_SPECS).slides


@pytest.mark.parametrize("number", range(1, len(SLIDES) + 1))
def test_each_slide_renders_its_view(open_page, number):
    opened = open_page(f"present?slide={number}")
    page = opened.page
    assert page.locator('[data-testid="stMain"] h1').first.inner_text() == SLIDES[number - 1].title
    frame = page.frame_locator("iframe").first
    frame.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=60000)
    frame.locator('[data-testid="stMain"] h1').first.wait_for(timeout=30000)
    assert frame.locator('[data-testid="stException"]').count() == 0
    assert frame.locator('[data-testid="stAlertContentError"]').count() == 0
    assert frame.locator("text=not understood").count() == 0  # the slide's saved parameters are all valid
    assert frame.get_by_text("Share this view").count() == 0  # embedded: the view without the app's chrome
    assert opened.unexpected_console_errors() == []


def test_arrow_keys_move_between_slides(open_page):
    page = open_page("present?slide=2").page
    page.locator('[data-testid="stMain"] h1').first.click()
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    assert page.locator('[data-testid="stMain"] h1').first.inner_text() == SLIDES[2].title
    page.keyboard.press("ArrowLeft")
    wait_idle(page)
    assert page.locator('[data-testid="stMain"] h1').first.inner_text() == SLIDES[1].title
