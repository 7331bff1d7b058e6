import pytest

from dashboard_app.params import Choice, Flag, YearRange, escape_markdown, param_notices

SPECS = [YearRange("years", 1990, 2025), Choice("flow", ("turnover", "Russian exports"), many=True),
         Choice("reporter", ("press", "the article")), Flag("events")]


@pytest.mark.parametrize(("raw", "reason"), [
    ({"years": ["abc", "2019"]}, "'abc' is not a year"),
    ({"years": ["1800", "2019"]}, "1800 is outside 1990–2025"),
    ({"years": ["2019"]}, "expected 2 year value(s), got 1"),
    ({"flow": ["smuggling"]}, "'smuggling' is not one of: turnover, Russian exports"),
    ({"events": ["maybe"]}, "expected true or false"),
    ({"flow": ["x" * 5000]}, "longer than 200 characters"),
])
def test_bad_parameters_get_a_notice_naming_parameter_and_reason(raw, reason):
    notices = param_notices(raw, SPECS)
    assert len(notices) == 1
    assert f"`{next(iter(raw))}`" in notices[0]
    assert reason in notices[0].replace("\\", "")


def test_good_and_unknown_parameters_are_left_alone():
    raw = {"years": ["2008", "2019"], "flow": ["turnover", "Russian exports"], "reporter": ["press"],
           "events": ["false"], "utm_source": ["mail"]}
    assert param_notices(raw, SPECS) == []


def test_markdown_in_a_crafted_value_is_escaped():
    assert escape_markdown("[x](http://e.vil)") == "\\[x\\]\\(http\\://e\\.vil\\)"


def test_a_repeated_single_value_parameter_uses_the_last_value_like_streamlit():
    assert param_notices({"reporter": ["nonsense", "press"]}, SPECS) == [
        "Link parameter `reporter` appears 2 times; only the last one counts."]
    notices = param_notices({"reporter": ["press", "nonsense"]}, SPECS)
    assert notices[0] == "Link parameter `reporter` appears 2 times; only the last one counts."
    assert "'nonsense' is not one of" in notices[1]
    assert len(param_notices({"events": ["true", "true"]}, SPECS)) == 1


def test_a_repeated_select_slider_value_is_rejected_whole():
    notices = param_notices({"slide": ["2", "2"]}, [Choice("slide", ("1", "2"), repeat_rejected=True)])
    assert notices == ["Link parameter `slide` not understood: it may appear only once. "
                       "That value was dropped; the page shows its default there."]
