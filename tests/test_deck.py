import json

import pytest

from dashboard_app.deck import DeckError, Slide, load_deck
from dashboard_app.params import Choice, YearRange

SPECS = {
    "trade": lambda params: [YearRange("years", 1991, 2025),
                             Choice("flow", ("turnover", "Russian exports"), many=True)],
    "visits": lambda params: [Choice("leader", ("Vladimir Putin", "Benjamin Netanyahu"), many=True)],
}


def write_deck(tmp_path, slides, title="Test deck"):
    path = tmp_path / "deck.json"
    path.write_text(json.dumps({"title": title, "slides": slides}), encoding="utf-8")
    return path


def test_a_good_deck_loads_in_order(tmp_path):
    path = write_deck(tmp_path, [
        {"page": "trade", "title": "Trade", "params": {"years": ["2008", "2019"], "flow": "turnover"}, "notes": "n"},
        {"page": "visits", "title": "Visits"},
    ])
    deck = load_deck(path, SPECS)
    assert [s.title for s in deck.slides] == ["Trade", "Visits"]
    assert deck.slides[0].params == {"years": ["2008", "2019"], "flow": ["turnover"]}
    assert deck.slides[0].url() == "trade?years=2008&years=2019&flow=turnover&embed=true"


@pytest.mark.parametrize(("slide", "problem"), [
    ({"page": "trades", "title": "T"}, "slide 1 (T): unknown page 'trades'; known pages: trade, visits"),
    ({"page": "trade", "title": "T", "params": {"years": ["1800", "2019"]}}, "1800 is outside 1991–2025"),
    ({"page": "trade", "title": "T", "params": {"colour": "red"}}, "parameter 'colour' is not a filter of the trade"),
    ({"page": "visits", "title": "V", "params": {"leader": "Stalin"}}, "'Stalin' is not one of"),
    ({"page": "visits"}, "a slide needs a title"),
])
def test_a_bad_slide_is_reported_when_the_deck_loads(tmp_path, slide, problem):
    with pytest.raises(DeckError) as caught:
        load_deck(write_deck(tmp_path, [slide]), SPECS)
    assert any(problem in p for p in caught.value.problems), caught.value.problems


def test_every_problem_is_reported_at_once(tmp_path):
    path = write_deck(tmp_path, [{"page": "x", "title": "A"}, {"page": "y", "title": "B"}])
    with pytest.raises(DeckError) as caught:
        load_deck(path, SPECS)
    assert len(caught.value.problems) == 2


def test_unreadable_or_empty_decks(tmp_path):
    with pytest.raises(DeckError, match="cannot read the deck"):
        load_deck(tmp_path / "missing.json", SPECS)
    with pytest.raises(DeckError, match="no slides"):
        load_deck(write_deck(tmp_path, []), SPECS)


def test_slide_url_escapes_values():
    assert Slide("visits", "V", {"leader": ["Benjamin Netanyahu"]}).url() == \
        "visits?leader=Benjamin+Netanyahu&embed=true"
