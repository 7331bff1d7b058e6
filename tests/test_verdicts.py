"""The verdict engine: golden verdicts for every claim of the seed, the article's key figures, pasted claims,
tolerances and bounds on inline fixtures, and rows that keep their provenance."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard_data import diaspora, trade
from dashboard_data.claim_parser import ParsedClaim, parse_claim
from dashboard_data.claims import METRIC_LABELS, SOURCE_URL, find_dateline
from dashboard_data.registry import load_dataset
from dashboard_data.verdicts import (
    AT_LEAST,
    AT_MOST,
    CHECKS,
    STATUSES,
    Interval,
    claim_from_parsed,
    verdict_for_parsed,
    verdicts_for_claims,
)
from support import assert_matches_golden

TABLES = ("trade", "population", "immigration", "knesset_seats", "visits", "events")


@pytest.fixture(scope="module")
def tables(paths) -> dict[str, pd.DataFrame]:
    return {name: load_dataset(name, paths) for name in (*TABLES, "claims")}


@pytest.fixture(scope="module")
def article_year(paths) -> int:
    seed = paths.root / SOURCE_URL
    return find_dateline(seed.read_text(encoding="utf-8"), SOURCE_URL).year


@pytest.fixture(scope="module")
def verdicts(tables, article_year):
    return verdicts_for_claims(tables["claims"], tables, article_year)


def row_ids(verdict) -> str:
    """The key of every row behind a verdict, with its role, so the golden file shows which rows were used."""
    rows = verdict.data_rows
    if rows.empty:
        return ""
    key = next(column for column in ("figure_id", "point_id", "obs_id", "visit_id", "event_id", "election")
               if column in rows.columns)
    return "; ".join(f"{row[key]} ({row['role']}{', ' + row['check'] if row['check'] else ''})"
                     for _, row in rows.iterrows())


def test_golden_verdicts_for_every_claim(tables, verdicts):
    claims = tables["claims"]
    frame = pd.DataFrame({
        "claim_id": claims["claim_id"], "text": claims["text"], "metric": claims["metric"],
        "status": [verdicts[cid].status for cid in claims["claim_id"]],
        "explanation": [verdicts[cid].explanation for cid in claims["claim_id"]],
        "rows": [row_ids(verdicts[cid]) for cid in claims["claim_id"]],
    })
    assert_matches_golden(frame, "verdicts")


@pytest.mark.parametrize(("claim_id", "status", "says"), [
    ("C09", "differs", ("12 trips by Netanyahu to Russia in his fourth term", "10 to Moscow", "2 to Sochi")),
    ("C12", "differs", ("Jerusalem", "Netanya", "None went to Tel Aviv")),
    ("C13", "consistent", ("2 trips by Putin to Israel in 2012–2020", "0 trips to Tel Aviv")),
    ("C32", "consistent", ("up to 17.25% (2017", "about 15% (2022", "after 2020")),
    ("C26", "differs", ("USD 21.7 billion (2019", "about USD 26 billion (2018", "gives no year")),
    ("C22", "article only", ("the article's own (press-r1-001)", "narrower product")),
    ("C24", "article only", ("the article's own (press-r1-002)",)),
    ("C02", "consistent", ("2 meetings of Putin and Netanyahu in Jan–Feb 2020",)),
    ("C19", "consistent", ("Jerusalem on 2020-01-23",)),
    ("C27", "consistent", ("Sixth EAEU-Israel FTA round", "Mar 2020")),
    ("C28", "consistent", ("E021",)),
    ("C29", "no data", ("signing of a free-trade agreement",)),
    ("C31", "article only", ("Purchase of drones",)),
    ("C33", "article only", ("Red Army veterans",)),
    ("C34", "article only", ("Yisrael Beiteinu won 4 to 15 seats",)),
])
def test_the_articles_key_figures(verdicts, claim_id, status, says):
    verdict = verdicts[claim_id]
    assert verdict.status == status, verdict.explanation
    for words in says:
        assert words in verdict.explanation


def test_years_dates_and_context_are_not_checkable(tables, verdicts):
    plain = tables["claims"][tables["claims"]["metric"].isin(["year", "date", "context"])]
    assert {verdicts[cid].status for cid in plain["claim_id"]} == {"not checkable"}
    assert all(verdicts[cid].data_rows.empty for cid in plain["claim_id"])


def test_every_metric_has_a_check_and_every_status_a_meaning(verdicts):
    assert set(METRIC_LABELS) <= set(CHECKS)
    assert {verdict.status for verdict in verdicts.values()} <= set(STATUSES)


def test_the_articles_own_rows_are_never_compared(verdicts):
    for claim_id, verdict in verdicts.items():
        rows = verdict.data_rows
        if "source_url" in rows.columns:
            compared = rows[rows["role"] == "compared"]
            assert (compared["source_url"] != SOURCE_URL).all(), claim_id


def test_rows_keep_their_provenance(verdicts):
    for claim_id, verdict in verdicts.items():
        if verdict.data_rows.empty:
            continue
        assert {"dataset", "role", "check", "source_url", "raw_file", "raw_line"} <= set(verdict.data_rows.columns)
        assert verdict.dataset == verdict.data_rows["dataset"].iloc[0], claim_id


def test_every_bound_qualifier_in_the_data_is_read_as_a_bound():
    vocabularies = (*trade.QUALIFIERS, *diaspora.POPULATION_QUALIFIERS, *diaspora.IMMIGRATION_QUALIFIERS)
    bounds = {q for q in vocabularies if "bound" in q or q.startswith("up to")}
    assert bounds <= AT_LEAST | AT_MOST


@pytest.mark.parametrize(("sentence", "status", "says"), [
    ("trade between Israel and Russia exceeded USD 5 billion in 2019", "consistent", "at least USD 5 billion"),
    ("Trade between Russia and Israel was USD 2.6 billion in 2010", "consistent", "USD 2.6 billion (2010"),
    ("Trade between Russia and Israel was USD 4 billion in 2010", "differs", "USD 2.6 billion (2010"),
    ("Russian exports to Israel were at USD 1.9 billion in 2018", "article only", "press-r1-001"),
    ("Turkey's trade with Russia stands at $16.5 billion", "differs", "every year in the data"),
    ("Turkey's trade with Russia was $21 billion in 2019", "consistent", "USD 21.7 billion"),
    ("Netanyahu visited Moscow 10 times between 2015 and 2020", "consistent", "The 10 trips to Moscow match"),
    ("Netanyahu visited Russia 12 times between 2015 and 2020", "consistent", "if 'Moscow' stands for Russia"),
    ("Putin visited Israel twice between 2012 and 2020", "consistent", "2 trips by Putin to Israel"),
    ("Putin and Netanyahu met three times in 2018", "consistent", "3 meetings of Putin and Netanyahu in 2018"),
    ("Putin and Netanyahu met four times in 2018", "differs", "does not match"),
    ("About 15 percent of Israelis speak Russian in 2022", "consistent", "about 15% (2022"),
    ("In 2019, 16,060 immigrants from Russia moved to Israel", "mixed", "disagree with each other"),
    ("In 2019, about 16,000 immigrants from Russia moved to Israel", "consistent", "All 2 agree"),
    ("In 2019, 16,000 immigrants from Russia moved to Israel", "differs", "None agrees"),
    ("Over 1 million immigrants from the former Soviet Union moved to Israel", "not checkable", "country of origin"),
    ("Israel's trade with Turkey was USD 6 billion in 2019", "no data", "only the pairs"),
    ("trade between Israel and Russia exceeded USD 5 billion between 2012 and 2019", "not checkable", "span"),
    ("Russian exports to Israel reached USD 2 billion in Q2 2020", "no data", "no comparable figure"),
    ("Moscow bought drones from Israel for USD 300 million", "no data", "No dataset"),
])
def test_pasted_claims(tables, sentence, status, says):
    parsed = parse_claim(sentence)
    assert isinstance(parsed, ParsedClaim), parsed
    verdict = verdict_for_parsed(parsed, tables)
    assert verdict.status == status, verdict.explanation
    assert says in verdict.explanation


def test_a_pasted_claim_is_never_echoed(tables):
    parsed = parse_claim("<b>trade</b> between Israel and Russia exceeded USD 5 billion in 2019")
    verdict = verdict_for_parsed(parsed, tables)
    assert "<" not in verdict.explanation + verdict.reading + verdict.article_value
    assert claim_from_parsed(parsed).text == "more than USD 5 billion"


# --- tolerances and bounds on an inline trade table ---------------------------------------------------------

def trade_row(figure_id: str, value: float | None, *, year: int | None = 2019, qualifier: str = "as stated",
              months: str | None = None, product: str = "all goods", source_url: str = "https://example.org/a",
              flow: str = "turnover", pair: str = "RUS-ISR") -> dict:
    return {"figure_id": figure_id, "year": year, "period_type": "part year" if months else "calendar year",
            "months": months, "pair": pair, "flow": flow, "product": product, "measure": "level",
            "value_usd": value, "qualifier": qualifier, "source_label": f"source of {figure_id}",
            "source_url": source_url, "raw_file": "fixture.csv", "raw_line": 2}


def judged(sentence: str, *rows: dict):
    frame = pd.DataFrame(list(rows)).astype({"year": "Int64", "value_usd": "Float64", "months": "string"})
    return verdict_for_parsed(parse_claim(sentence), {"trade": frame})


@pytest.mark.parametrize(("sentence", "value", "qualifier", "status"), [
    ("trade was USD 5 billion in 2019", 5.2e9, "as stated", "consistent"),
    ("trade was USD 5 billion in 2019", 5.3e9, "as stated", "differs"),
    ("trade was USD 5 billion in 2019", 4.75e9, "approximate", "consistent"),
    ("trade exceeded USD 5 billion in 2019", 5e9, "lower bound", "consistent"),
    ("trade exceeded USD 5 billion in 2019", 5e9, "as stated", "differs"),
    ("trade exceeded USD 5 billion in 2019", 5.01e9, "as stated", "consistent"),
    ("trade was USD 1.9 billion in 2019", 5e9, "lower bound", "differs"),
    ("trade was USD 6 billion in 2019", 5e9, "lower bound", "consistent"),
    ("trade was USD 6 billion in 2019", 5e9, "upper bound", "differs"),
    ("trade was less than USD 5 billion in 2019", 5e9, "upper bound", "consistent"),
    ("trade was less than USD 5 billion in 2019", 5e9, "as stated", "differs"),
])
def test_amount_tolerance_comparators_and_bounds(sentence, value, qualifier, status):
    assert judged(sentence, trade_row("t1", value, qualifier=qualifier)).status == status


def test_figures_that_disagree_make_a_mixed_verdict():
    verdict = judged("trade was USD 2 billion in 2019", trade_row("t1", 2e9), trade_row("t2", 5e9))
    assert verdict.status == "mixed"
    assert list(verdict.data_rows["check"]) == ["agrees", "differs"]


def test_only_the_articles_own_row_is_article_only():
    verdict = judged("trade was USD 2 billion in 2019", trade_row("t1", 2e9, source_url=SOURCE_URL))
    assert verdict.status == "article only"
    assert list(verdict.data_rows["role"]) == ["the article's own figure (not compared)"]


def test_part_years_other_products_and_other_years_are_not_compared():
    verdict = judged("trade was USD 2 billion in 2019", trade_row("t1", 1e9, months="Jan–Sep"),
                     trade_row("t2", 1e8, product="diamonds"), trade_row("t3", 2e9, year=2018))
    assert verdict.status == "no data"
    assert sorted(verdict.data_rows["role"]) == ["not compared: it covers another part of the year",
                                                 "not compared: it is for a narrower product (diamonds)"]


def test_a_part_year_claim_is_compared_with_the_same_months():
    verdict = judged("trade was USD 1 billion in Jan–Sep 2019", trade_row("t1", 1e9, months="Jan–Sep"),
                     trade_row("t2", 2e9))
    assert verdict.status == "consistent"
    assert list(verdict.data_rows["figure_id"]) == ["t1", "t2"]


def judged_share(sentence: str, value: float, qualifier: str):
    population = pd.DataFrame([{"point_id": "p1", "year": 2017, "definition": diaspora.RUSSIAN_SPEAKERS,
                                "unit": "percent", "value": value, "qualifier": qualifier,
                                "source_label": "fixture", "source_url": "https://example.org/p",
                                "raw_file": "fixture.csv", "raw_line": 2}]).astype({"year": "Int64"})
    return verdict_for_parsed(parse_claim(sentence), {"population": population})


@pytest.mark.parametrize(("share", "qualifier", "status"), [
    ("16.5%", "as stated", "consistent"),
    ("18%", "as stated", "consistent"),
    ("15.5%", "as stated", "differs"),
    ("more than 17%", "as stated", "differs"),
    ("more than 16.9%", "as stated", "consistent"),
    ("more than 16.9%", "up to", "consistent"),
    ("more than 17%", "up to", "differs"),
    ("15%", "up to", "consistent"),
    ("19%", "up to", "differs"),
])
def test_percentage_tolerance_and_an_upper_bound(share, qualifier, status):
    sentence = f"{share} of Israel's population are Russian-speakers in 2017"
    assert judged_share(sentence, 17.0, qualifier).status == status


@pytest.mark.parametrize(("a", "b", "overlap"), [
    (Interval(5, math.inf, low_open=True), Interval(5, math.inf), True),
    (Interval(5, math.inf, low_open=True), Interval(5, 5), False),
    (Interval(-math.inf, 17.25), Interval(17, math.inf, low_open=True), True),
    (Interval(1.805, 1.995), Interval(5, math.inf), False),
    (Interval(11, 11), Interval(12, 12), False),
])
def test_intervals(a, b, overlap):
    assert a.overlaps(b) is overlap
    assert b.overlaps(a) is overlap
