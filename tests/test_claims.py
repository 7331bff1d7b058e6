"""The seed article's claims: recognizers, metric and period rules, and the extracted table (golden)."""

from __future__ import annotations

import pytest

from dashboard_data.claims import (
    SCHEMA,
    Span,
    find_amounts,
    find_dateline,
    find_figures,
    normalize_claims,
    read_seed,
    sentence_claims,
    split_sentences,
    tag_figure,
    time_expressions,
    to_number,
)
from dashboard_data.errors import DataError
from dashboard_data.metadata import frame_problems, load_metadata
from dashboard_data.registry import load_dataset
from support import ROOT, assert_matches_golden

SEED = ROOT / "seeds" / "000_dadec4a85cfbf35b.txt"
SEED_NAME = "seeds/000_dadec4a85cfbf35b.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return read_seed(SEED, SEED_NAME)


@pytest.fixture(scope="module")
def claims(paths):
    return load_dataset("claims", paths)


def figures_of(text: str) -> list[tuple[str, str, float | None, float | None, str | None, str]]:
    return [(text[f.start:f.end], f.kind, f.value, f.value_high, f.unit, f.comparator) for f in find_figures(text)]


@pytest.mark.parametrize(("token", "number"), [
    ("1.9", 1.9), ("764", 764.0), ("10,000", 10000.0), ("eleven", 11.0), ("Two", 2.0), ("twenty-five", 25.0),
])
def test_to_number(token, number):
    assert to_number(token) == number


@pytest.mark.parametrize(("text", "span", "value", "comparator"), [
    ("exports were at USD 1.9 billion in 2018", "USD 1.9 billion", 1.9e9, "="),
    ("stood at USD 764 million in 2018", "USD 764 million", 7.64e8, "="),
    ("trade with Russia stands at $16.5 billion,", "$16.5 billion", 1.65e10, "="),
    ("exports reached US$5bn", "US$5bn", 5e9, "="),
    ("a $5b deal", "$5b", 5e9, "="),
    ("about $700m in 2019", "about $700m", 7e8, "~"),
    ("5 billion dollars", "5 billion dollars", 5e9, "="),
    ("some USD 3,000 million", "some USD 3,000 million", 3e9, "~"),
    ("$250 thousand", "$250 thousand", 2.5e5, "="),
    ("USD 300", "USD 300", 300.0, "="),
    ("trade exceeded USD 5 billion", "exceeded USD 5 billion", 5e9, ">"),
    ("less than $2bn", "less than $2bn", 2e9, "<"),
])
def test_amounts(text, span, value, comparator):
    [amount] = find_amounts(text)
    assert (text[amount.start:amount.end], amount.value, amount.unit, amount.comparator) == (
        span, value, "USD", comparator)


@pytest.mark.parametrize(("text", "expected"), [
    ("with more than 17% of Israel's population", ("more than 17%", "percentage", 17.0, None, "percent", ">")),
    ("17 percent of voters", ("17 percent", "percentage", 17.0, None, "percent", "=")),
    ("about 12.5 per cent", ("about 12.5 per cent", "percentage", 12.5, None, "percent", "~")),
    ("has visited Moscow eleven times", ("Moscow", "place", None, None, None, "=")),
    ("they met twice", ("twice", "count", 2.0, None, "times", "=")),
    ("he came three times", ("three times", "count", 3.0, None, "times", "=")),
    ("met 12 times", ("12 times", "count", 12.0, None, "times", "=")),
    ("only once", ("once", "count", 1.0, None, "times", "=")),
    ("pension to 4500 Red Army veterans", ("4500", "count", 4500.0, None, "count", "=")),
    ("an effect on 15 to 17 seats", ("15 to 17", "count", 15.0, 17.0, "count", "range")),
    ("over 1.2 million immigrants", ("over 1.2 million", "count", 1.2e6, None, "count", ">")),
    ("Two key developments took place", ("Two", "count", 2.0, None, "count", "=")),
    ("the sixth round of talks", ("sixth round", "ordinal", 6.0, None, "ordinal", "=")),
    ("the 75th anniversary of", ("75th anniversary", "ordinal", 75.0, None, "ordinal", "=")),
    ("Back in 2015, the two sides", ("2015", "year", 2015.0, None, "year", "=")),
    ("twice between 2012 and 2020.", ("between 2012 and 2020", "year", 2012.0, 2020.0, "year", "range")),
    ("since April 2019 on", ("April 2019", "date", None, None, None, "=")),
    ("on January 30 was", ("January 30", "date", None, None, None, "=")),
])
def test_figure_recognizers(text, expected):
    assert expected in figures_of(text)


@pytest.mark.parametrize("text", [
    "between the two countries",
    "would rather prefer a multilateral one.",
    "the crash of IL-20 aircraft",
    "The first was the release",
    "trade was 5 in 2019",
    "the March general elections",
    "in the 2020s",
])
def test_no_countable_figure(text):
    assert [kind for _, kind, *_ in figures_of(text) if kind != "year"] == []


@pytest.mark.parametrize(("text", "label"), [
    ("in 2018 with products", "2018"),
    ("between 2012 and 2020", "2012–2020"),
    ("from 2012 to 2020", "2012–2020"),
    ("in 2012–2020", "2012–2020"),
    ("In the first two months of 2020,", "Jan–Feb 2020"),
    ("in the first half of 2019", "Jan–Jun 2019"),
    ("in the second half of 2019", "Jul–Dec 2019"),
    ("H1 2019", "Jan–Jun 2019"),
    ("in the third quarter of 2019", "Jul–Sep 2019"),
    ("Q4 2019", "Oct–Dec 2019"),
    ("Jan–Sep 2014", "Jan–Sep 2014"),
    ("January to September 2014", "Jan–Sep 2014"),
    ("scheduled for March 2020.", "Mar 2020"),
    ("on 30 January 2020", "30 Jan 2020"),
    ("on January 30", None),
    ("in his fourth term in office", "fourth term"),
    ("Last year, Moscow", "last year (2019)"),
    ("on January 23 this year", "this year (2020)"),
])
def test_periods(text, label):
    labels = [expression.label for expression in time_expressions(text, article_year=2020)]
    assert label in labels


def metrics_of(sentence: str) -> dict[str, tuple[str, str | None, str | None]]:
    whole = Span(0, len(sentence))
    return {sentence[f.start:f.end]: (tag.metric, tag.subject, tag.place)
            for f in find_figures(sentence) for tag in [tag_figure(sentence, whole, f)]}


@pytest.mark.parametrize(("sentence", "figure", "metric", "subject", "place"), [
    ("Russian exports to Israel were at USD 1.9 billion in 2018.", "USD 1.9 billion", "trade.russian_exports",
     None, None),
    ("Israel's imports from Russia reached $2 billion.", "$2 billion", "trade.russian_exports", None, None),
    ("Russian imports from Israel stood at USD 764 million in 2018.", "USD 764 million", "trade.russian_imports",
     None, None),
    ("Israeli exports to Russia were $700 million.", "$700 million", "trade.russian_imports", None, None),
    ("Regionally, apart from Turkey, whose trade with Russia stands at $16.5 billion, Moscow has little trade.",
     "$16.5 billion", "trade.turnover_partner", "Turkey", None),
    ("Trade between Russia and Egypt was $6 billion.", "$6 billion", "trade.turnover_partner", "Egypt", None),
    ("Trade between Israel and Russia exceeded USD 5 billion.", "exceeded USD 5 billion", "trade.turnover", None,
     None),
    ("The Israeli leader has visited Moscow eleven times in his fourth term.", "eleven times",
     "visits.netanyahu_to_moscow", "Netanyahu", "Moscow"),
    ("The Israeli leader has visited Moscow eleven times in his fourth term.", "Moscow",
     "visits.netanyahu_to_moscow", "Netanyahu", "Moscow"),
    ("Putin has visited Tel Aviv twice between 2012 and 2020.", "twice", "visits.putin_to_israel", "Putin",
     "Tel Aviv"),
    ("Putin’s visit to Israel on January 23 was followed by a visit to Palestine.", "January 23",
     "visits.putin_to_israel", "Putin", "Israel"),
    ("Putin’s visit to Israel on January 23 was followed by a visit to Palestine.", "Palestine", "context", None,
     "Palestine"),
    ("Putin and Prime Minister Netanyahu have already met twice.", "twice", "visits.leader_meetings",
     "Putin and Netanyahu", None),
    ("With more than 17% of Israel’s population being Russian-speakers.", "more than 17%",
     "diaspora.russian_speaking_share", None, None),
    ("Moscow announced pension to 4500 Red Army veterans living in Israel.", "4500", "diaspora.red_army_veterans",
     None, None),
    ("With a potential effect on 15 to 17 seats in the Knesset, they matter.", "15 to 17", "politics.knesset_seats",
     None, None),
    ("Talks on the free-trade agreement are on, with the sixth round of talks scheduled for March 2020.",
     "sixth round", "trade.fta_round", None, None),
    ("Israel and the EAEU may sign a free trade agreement as early as in 2021.", "2021", "trade.fta_signing", None,
     None),
    ("Moscow also purchased a package of drones from Israel for USD 300 million.", "USD 300 million",
     "defence.drones_purchase", None, None),
    ("Over 1 million immigrants arrived in the 1990s.", "Over 1 million", "immigration.to_israel", None, None),
    ("In 2015, Russia and Israel signed a military cooperation pact.", "2015", "year", None, None),
    ("His unannounced visit on January 30 was a sign of trust.", "January 30", "date", None, None),
    ("Two key developments took place during Netanyahu’s visit to Moscow.", "Two", "context", None, None),
])
def test_metric_rules(sentence, figure, metric, subject, place):
    assert metrics_of(sentence)[figure] == (metric, subject, place)


def test_metric_rules_read_each_clause_on_its_own():
    tags = metrics_of("The Israeli leader has visited Moscow eleven times, while Putin has visited Tel Aviv twice.")
    assert tags["eleven times"][0] == "visits.netanyahu_to_moscow"
    assert tags["twice"][0] == "visits.putin_to_israel"


@pytest.mark.parametrize(("sentence", "figure", "period"), [
    ("The Israeli leader has visited Moscow eleven times in his fourth term in office, including the January 2020 "
     "meeting, while Putin has visited Tel Aviv twice between 2012 and 2020.", "twice", "2012–2020"),
    ("The Israeli leader has visited Moscow eleven times in his fourth term in office, including the January 2020 "
     "meeting, while Putin has visited Tel Aviv twice between 2012 and 2020.", "eleven times", "fourth term"),
    ("Last year, Moscow also announced pension to 4500 Red Army veterans.", "4500", "last year (2019)"),
    ("Whose trade with Russia stands at $16.5 billion.", "$16.5 billion", None),
])
def test_period_is_the_nearest_in_the_sentence(sentence, figure, period):
    rows = sentence_claims(sentence, Span(0, len(sentence)), article_year=2020)
    assert {row["text"]: row["period"] for row in rows}[figure] == period


@pytest.mark.parametrize(("text", "sentences"), [
    ("US President Donald J. Trump announced it. Russia objected.", 2),
    ("chemical products etc. Russian imports rose.", 2),
    ("a statement\n\n   last year that Israel is a ‘Russian-Speaking Country.’ Russia views them.", 2),
    ("One sentence without an end", 1),
])
def test_sentences(text, sentences):
    assert len(split_sentences(text, 0, len(text))) == sentences


CHROME = """Headline
рус   |   eng
Top 10 news | 2 comments
    05.03.2020, Israel and the World
    Russian exports to Israel were at USD 1.9 billion in 2018. Putin has visited Tel Aviv twice.
"""


def test_only_the_body_below_the_dateline_is_read():
    frame = normalize_claims(CHROME, "fixture.txt")
    assert list(frame["text"]) == ["USD 1.9 billion", "2018", "Tel Aviv", "twice"]
    assert list(frame["raw_line"]) == [5, 5, 5, 5]
    assert frame["claim_id"].tolist() == ["C01", "C02", "C03", "C04"]
    SCHEMA.validate(frame)


def test_a_seed_without_a_dateline_is_an_error():
    with pytest.raises(DataError) as error:
        find_dateline("Headline\nNo date here.\n", "seeds/x.txt")
    assert error.value.problems[0].file == "seeds/x.txt"
    assert "dateline" in str(error.value)


def test_a_seed_that_is_not_utf8_is_an_error(tmp_path):
    broken = tmp_path / "seed.txt"
    broken.write_bytes(b"05.03.2020, Israel\n\xff\xfe")
    with pytest.raises(DataError) as error:
        read_seed(broken, "seeds/seed.txt")
    assert "seeds/seed.txt" in str(error.value)
    assert "UTF-8" in str(error.value)


def test_claims_match_golden(claims):
    assert_matches_golden(claims, "claims")


def test_every_span_is_the_text_at_its_offsets(claims, seed_text):
    for row in claims.itertuples():
        assert seed_text[row.start:row.end] == row.text
        assert row.text in seed_text.splitlines()[row.raw_line - 1]


def test_no_claim_from_the_page_chrome(claims, seed_text):
    body_start = find_dateline(seed_text, SEED_NAME).body_start
    assert (claims["start"] >= body_start).all()
    assert 25 <= len(claims) <= 45


def one(claims, **columns):
    selected = claims
    for column, value in columns.items():
        selected = selected[selected[column] == value]
    assert len(selected) == 1, f"expected one claim with {columns}, found {len(selected)}"
    return selected.iloc[0]


@pytest.mark.parametrize(("columns", "expected"), [
    ({"text": "USD 1.9 billion"}, {"value": 1.9e9, "period": "2018", "metric": "trade.russian_exports"}),
    ({"text": "USD 764 million"}, {"value": 7.64e8, "period": "2018", "metric": "trade.russian_imports"}),
    ({"text": "$16.5 billion"}, {"value": 1.65e10, "metric": "trade.turnover_partner", "subject": "Turkey"}),
    ({"text": "eleven times"}, {"value": 11.0, "metric": "visits.netanyahu_to_moscow", "period": "fourth term",
                                "place": "Moscow"}),
    ({"text": "Tel Aviv"}, {"kind": "place", "metric": "visits.putin_to_israel", "period": "2012–2020"}),
    ({"text": "twice", "metric": "visits.putin_to_israel"}, {"value": 2.0, "period": "2012–2020",
                                                             "place": "Tel Aviv"}),
    ({"text": "more than 17%"}, {"value": 17.0, "comparator": ">", "metric": "diaspora.russian_speaking_share"}),
    ({"text": "4500"}, {"metric": "diaspora.red_army_veterans", "period": "last year (2019)"}),
    ({"text": "15 to 17"}, {"value": 15.0, "value_high": 17.0, "comparator": "range",
                            "metric": "politics.knesset_seats"}),
    ({"text": "twice", "metric": "visits.leader_meetings"}, {"value": 2.0, "period": "Jan–Feb 2020"}),
    ({"text": "sixth round"}, {"value": 6.0, "metric": "trade.fta_round", "period": "Mar 2020"}),
    ({"text": "2021"}, {"metric": "trade.fta_signing"}),
    ({"text": "USD 300 million"}, {"value": 3e8, "metric": "defence.drones_purchase"}),
    ({"text": "January 23"}, {"kind": "date", "metric": "visits.putin_to_israel", "period": "this year (2020)"}),
])
def test_the_articles_key_claims(claims, columns, expected):
    row = one(claims, **columns)
    assert {column: row[column] for column in expected} == expected


def test_the_table_matches_its_sidecar(claims, paths):
    meta = load_metadata(paths.meta / "claims.json")
    assert frame_problems(claims, meta, "data/meta/claims.json") == []
    assert meta["sources"][0]["path"] == SEED_NAME
    assert meta["sources"][0]["retrieved"] == "2026-11-25"
    assert set(claims["source_url"]) == {SEED_NAME} == set(claims["raw_file"])
