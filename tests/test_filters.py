import pandas as pd
import pytest

from dashboard_data.filters import ChoiceFilter, YearFilter, apply_all, count_phrase, describe, join_words

FRAME = pd.DataFrame({
    "year": pd.array([2008, 2010, None, 2019], dtype="Int64"),
    "flow": ["turnover", "Russian exports", "turnover", "Russian imports"],
    "source_url": ["u1", "u2", "u2", "u3"],
})
FLOWS = ("turnover", "Russian exports", "Russian imports")


@pytest.mark.parametrize(("low", "high", "undated", "expected"), [
    (2008, 2010, False, [0, 1]),
    (2008, 2010, True, [0, 1, 2]),
    (2011, 2018, False, []),
    (2019, 2019, False, [3]),
])
def test_year_filter(low, high, undated, expected):
    assert YearFilter(low, high, keep_undated=undated).apply(FRAME).index.tolist() == expected


@pytest.mark.parametrize(("chosen", "sentence"), [
    (FLOWS, "all flows"),
    ((), "no flows"),
    (("turnover",), "turnover flows"),
    (("turnover", "Russian exports"), "turnover and Russian exports flows"),
])
def test_choice_filter_describes_itself(chosen, sentence):
    assert ChoiceFilter("flow", chosen, FLOWS, "flows").describe() == sentence


def test_the_filter_sentence_counts_figures_and_sources():
    filters = [ChoiceFilter("flow", ("turnover",), FLOWS, "figures"), YearFilter(2000, 2020, keep_undated=True)]
    shown = apply_all(FRAME, filters)
    assert shown.index.tolist() == [0, 2]
    assert describe(filters, shown) == "Turnover figures, 2000–2020 (and undated figures); 2 figures from 2 sources"


def test_words():
    assert join_words(["a", "b", "c"]) == "a, b and c"
    assert count_phrase(FRAME.head(1)) == "1 figure from 1 source"
