"""AppTest for presentation mode: the shipped deck loads, slides advance, a bad deck is reported clearly."""

import json

import pytest

from dashboard_app.deck import load_deck
from dashboard_app.navigation import ROOT
from dashboard_app.url_specs import PAGE_SPECS

pytestmark = pytest.mark.apptest


def test_the_default_deck_is_valid_and_tells_the_article_story():
    deck = load_deck(ROOT / "decks" / "default.json", PAGE_SPECS)
    assert {"trade", "diaspora", "visits", "article"} <= {slide.page for slide in deck.slides}
    assert all(slide.notes for slide in deck.slides)


def test_slides_advance_and_go_back(run_page):
    app = run_page("pages/present.py")
    assert not app.exception
    first = app.title[0].value
    app.button[1].click().run()  # Next
    assert app.select_slider(key="slide").value == 2
    assert app.title[0].value != first
    app.button[0].click().run()  # Previous
    assert app.select_slider(key="slide").value == 1
    assert app.title[0].value == first


def test_a_slide_opens_from_the_url_with_its_notes(run_page):
    app = run_page("pages/present.py", {"slide": "6", "notes": "true"})
    deck = load_deck(ROOT / "decks" / "default.json", PAGE_SPECS)
    assert app.title[0].value == deck.slides[5].title
    assert any(deck.slides[5].notes == info.value for info in app.info)
    assert any("Sources:" in caption.value for caption in app.caption)


def test_a_bad_deck_is_reported_not_raised(run_page, tmp_path, monkeypatch):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"slides": [{"page": "nowhere", "title": "X"},
                                          {"page": "trade", "title": "Y", "params": {"years": ["abc", "2019"]}}]}))
    monkeypatch.setenv("DASHBOARD_DECK", str(bad))
    app = run_page("pages/present.py")
    assert not app.exception
    assert "can't be played" in app.error[0].value
    text = app.markdown[0].value
    assert "unknown page 'nowhere'" in text
    assert "'abc' is not a year" in text.replace("\\", "")
