"""The claim checker's parser: good claims read into parts, bad input becomes a clear ParseFailure, never an error."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from dashboard_data.claim_parser import MARKUP_NOTE, ParsedClaim, ParseFailure, format_value, parse_claim
from dashboard_data.registry import load_dataset

HEBREW = "הסחר בין ישראל לרוסיה עלה על 5 מיליארד דולר"


@pytest.mark.parametrize(("text", "says"), [
    ("", "empty"),
    ("   \n\t ", "empty"),
    ("x" * 10_000, "at most 2,000 characters"),
    ("<script>alert(1)</script>", "markup was ignored"),
    ("<b></b>", "empty"),
    ("Товарооборот составил 5 млрд долларов", "Only English"),
    (HEBREW, "Only English"),
    ("trade was 5 in 2019", "a number without a unit"),
    ("trade between Israel and Russia grew strongly", "No figure found"),
    ("The free trade agreement may be signed in 2021", "only a period"),
    ("trade rose 17% to $5bn", "one figure at a time"),
    ("trade was $3bn in 2018 and 2019", "one figure for one period"),
    ("Two key developments took place", "which measure"),
    ("an effect on 15 to 17 seats in the Knesset", "range"),
])
def test_bad_input_is_a_failure_with_a_clear_message(text, says):
    result = parse_claim(text)
    assert isinstance(result, ParseFailure)
    assert says in result.message
    assert "<" not in result.message


def test_the_script_is_named():
    assert "Cyrillic" in parse_claim("Товарооборот составил 5 млрд долларов").message
    assert "Hebrew" in parse_claim(HEBREW).message


def test_a_script_tag_is_read_as_text_and_reported():
    message = parse_claim("<script>alert(1)</script>").message
    assert message.startswith(MARKUP_NOTE)
    assert "number without a unit" in message


@pytest.mark.parametrize("text", [None, 5, "\x00", "$" * 2000, "1 " * 1000, "<" * 2000, "between 2012 and " * 100])
def test_odd_input_never_raises(text):
    assert isinstance(parse_claim(text), ParsedClaim | ParseFailure)


@pytest.mark.parametrize(("text", "expected"), [
    ("trade between Israel and Russia exceeded USD 5 billion in 2019",
     ("trade.turnover", 2019, None, None, 5e9, "USD", ">", ("ISR", "RUS"))),
    ("Russian exports to Israel were at USD 1.9 billion in 2018",
     ("trade.russian_exports", 2018, None, None, 1.9e9, "USD", "=", ("ISR", "RUS"))),
    ("Israel's imports from Russia reached US$2.1bn in 2019",
     ("trade.russian_exports", 2019, None, None, 2.1e9, "USD", "=", ("ISR", "RUS"))),
    ("Russian imports from Israel were USD 764 million in Jan–Sep 2014",
     ("trade.russian_imports", 2014, None, "Jan–Sep", 7.64e8, "USD", "=", ("ISR", "RUS"))),
    ("Israeli exports to Russia were about $700m in the first half of 2019",
     ("trade.russian_imports", 2019, None, "Jan–Jun", 7e8, "USD", "~", ("ISR", "RUS"))),
    ("Turkey's trade with Russia stands at $16.5 billion",
     ("trade.turnover_partner", None, None, None, 1.65e10, "USD", "=", ("RUS", "TUR"))),
    ("Trade between Russia and the UAE was around 5 billion dollars in 2021",
     ("trade.turnover_partner", 2021, None, None, 5e9, "USD", "~", ("ARE", "RUS"))),
    ("Russia-Iran trade was below $2 bn in 2020",
     ("trade.turnover", 2020, None, None, 2e9, "USD", "<", ("IRN", "RUS"))),
    ("Israel–Russia trade was some USD 3,000 million in March 2020",
     ("trade.turnover", 2020, None, "Mar", 3e9, "USD", "~", ("ISR", "RUS"))),
    ("more than 17% of Israel's population are Russian-speakers",
     ("diaspora.russian_speaking_share", None, None, None, 17.0, "percent", ">", ("ISR", "RUS"))),
    ("About 15 percent of Israelis speak Russian",
     ("diaspora.russian_speaking_share", None, None, None, 15.0, "percent", "~", ("ISR", "RUS"))),
    ("Netanyahu visited Moscow eleven times between 2015 and 2019",
     ("visits.netanyahu_to_moscow", 2015, 2019, None, 11.0, "times", "=", ())),
    ("Putin has visited Israel twice",
     ("visits.putin_to_israel", None, None, None, 2.0, "times", "=", ("ISR",))),
    ("Putin and Netanyahu met three times in 2018",
     ("visits.leader_meetings", 2018, None, None, 3.0, "times", "=", ())),
    ("Over 1 million immigrants from the former Soviet Union moved to Israel in the 1990s",
     ("immigration.to_israel", None, None, None, 1e6, "count", ">", ("ISR",))),
    ("Moscow bought drones from Israel for USD 300 million",
     ("defence.drones_purchase", None, None, None, 3e8, "USD", "=", ("ISR",))),
])
def test_good_claims(text, expected):
    result = parse_claim(text)
    assert isinstance(result, ParsedClaim), result
    assert (result.metric, result.year, result.year_end, result.months, result.value, result.unit,
            result.comparator, result.countries) == expected
    assert result.notes == ()


def test_describe_is_a_plain_sentence():
    described = parse_claim("trade between Israel and Russia exceeded USD 5 billion in 2019").describe()
    assert described == "Trade turnover (Israel, Russia): more than USD 5 billion in 2019."


def test_markup_around_a_good_claim_is_dropped_and_noted():
    result = parse_claim("<b>Russian exports to Israel</b> were USD 1.9 billion in <i>2018</i>")
    assert isinstance(result, ParsedClaim)
    assert (result.metric, result.value, result.year) == ("trade.russian_exports", 1.9e9, 2018)
    assert result.notes == (MARKUP_NOTE,)
    assert "<" not in result.describe()


def test_a_parsed_claim_is_frozen():
    result = parse_claim("Putin has visited Israel twice")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.value = 3.0


@pytest.mark.parametrize(("value", "unit", "printed"), [
    (1.9e9, "USD", "USD 1.9 billion"), (7.64e8, "USD", "USD 764 million"), (300.0, "USD", "USD 300"),
    (17.0, "percent", "17%"), (11.0, "times", "11 times"), (4500.0, "count", "4,500"), (1.2e6, "count", "1.2 million"),
])
def test_format_value(value, unit, printed):
    assert format_value(value, unit) == printed


def test_the_parser_reads_the_articles_money_sentences_as_the_extractor_does(paths):
    claims = load_dataset("claims", paths)
    money = claims[claims["kind"].isin(["amount", "percentage"])]
    assert len(money) == 5
    for row in money.itertuples():
        parsed = parse_claim(row.sentence)
        assert isinstance(parsed, ParsedClaim), (row.claim_id, parsed)
        assert (parsed.metric, parsed.value, parsed.comparator) == (row.metric, row.value, row.comparator)
        assert parsed.year == (None if pd.isna(row.period) else int(row.period))
