"""Trade figures: period, unit, reporter, flow and flag rules; the whole dataset against its golden file and sidecar."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard_data.errors import DataError
from dashboard_data.metadata import frame_problems, load_metadata
from dashboard_data.rawcsv import read_raw_csv
from dashboard_data.trade import (
    PRINTED_UNITS,
    ROUND1_LAYOUT,
    SEED,
    SERIES_LAYOUT,
    Period,
    check_article_quotes,
    classify_reporter,
    flags_of,
    load_trade,
    map_flow,
    map_product,
    measure_of,
    normalize_source_url,
    normalize_trade,
    parse_period,
    printed_unit,
    qualifier_of,
    refine_period,
    to_usd,
    validate_trade,
)
from support import assert_matches_golden


@pytest.fixture(scope="module")
def trade(paths) -> pd.DataFrame:
    return load_trade(paths)


def figure(trade: pd.DataFrame, figure_id: str) -> pd.Series:
    return trade.set_index("figure_id").loc[figure_id]


# --- rules ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("label", "expected"), [
    ("2018", Period(2018, "calendar year")),
    ("2014 (Jan-Sep)", Period(2014, "part year", "Jan–Sep")),
    ("2018 (Jan-Apr)", Period(2018, "part year", "Jan–Apr")),
    ("2017 H1 vs 2016 H1", Period(2017, "part year", "H1")),
    ("2020 (April)", Period(2020, "part year", "April")),
    ("2020 (Q2)", Period(2020, "part year", "Q2")),
    ("2023 (July)", Period(2023, "part year", "July")),
    ("2015 (January, inferred)", Period(2015, "part year", "January")),
    ("2015 (part of year, stated Oct 2015)", Period(2015, "part year")),
    ("2014 (inferred: 'по прошлому году' at Agritech-2015)", Period(2014, "inferred year")),
    ("1993 (inferred: 'last year' in an April 1994 article)", Period(1993, "inferred year")),
    ("2016 (current annual level, stated Nov 2016)", Period(2016, "annual rate")),
    ("2014 (current, stated Dec 2014)", Period(2014, "annual rate")),
    ("c.2014 (current annual level)", Period(2014, "approximate year")),
    ("2020 vs 2019 (per this page)", Period(2020, "calendar year")),
    ("2004-2012", Period(None, "multi-year")),
    ("2024-2025", Period(None, "multi-year")),
    ("pre-2018 ('for many years')", Period(None, "multi-year")),
    ("2012/2013 (current annual level, stated c.Oct 2013)", Period(None, "annual rate")),
    ("unspecified (likely 2021)", Period(None, "unstated")),
    ("unstated (article of 2020-03-05)", Period(None, "unstated")),
    ("unclear (page URL dated 2010-10-31; do not assign a year)", Period(None, "unstated")),
    ("period unclear (present tense; article on 2017 data, early 2018)", Period(None, "unstated")),
    ("year not stated (c.2014-15)", Period(None, "unstated")),
    ("as of Jan 2013 (period unclear)", Period(None, "unstated")),
    ("2019 (per one page) / 2020 (per another)", Period(None, "unstated")),
    ("2016 (stated Nov 2016; refers to fall after crisis/devaluation)", Period(None, "unstated")),
])
def test_parse_period(label, expected):
    assert parse_period(label) == expected


@pytest.mark.parametrize("label", ["", "2018 (Jan to Sep)", "18", "around 2014", "2014 (Jan-Sep) estimate"])
def test_parse_period_rejects_unknown_forms(label):
    with pytest.raises(ValueError, match="period form not recognized"):
        parse_period(label)


@pytest.mark.parametrize(("raw_type", "label", "expected"), [
    ("calendar_year", "2018", Period(2018, "calendar year")),
    ("calendar_year (inferred)", "2012", Period(2012, "inferred year")),
    ("calendar_year (approx)", "2016", Period(2016, "approximate year")),
    ("statement (annual rate)", "2002", Period(2002, "annual rate")),
    ("partial_year", "2014 (Jan-Sep)", Period(2014, "part year", "Jan–Sep")),
    ("change", "2017 H1 vs 2016 H1", Period(2017, "part year", "H1")),
    ("annual rate", "unspecified (likely 2021)", Period(None, "unstated")),
])
def test_round1_period_type_refines_only_a_plain_year(raw_type, label, expected):
    assert refine_period(raw_type, parse_period(label)) == expected


def test_round1_period_type_must_be_known():
    with pytest.raises(ValueError, match="unknown period_type"):
        refine_period("fiscal_year", parse_period("2018"))


@pytest.mark.parametrize(("unit_text", "value", "expected"), [
    ("USD billion (current)", 1.9, 1.9e9),
    ("USD billion", 21.7, 21.7e9),
    ("USD million (current)", 764, 7.64e8),
    ("USD million", 3.212, 3.212e6),
    ("as printed: 'milhões de dólares' (USD million) [sic]", 2.4, None),
    ("percent", 42, None),
    ("EUR million", 62, None),
    ("ILS million", 80, None),
    ("tonnes", 345000, None),
    ("ratio (x10, quantity not value)", 10, None),
])
def test_to_usd(unit_text, value, expected):
    assert to_usd(value, printed_unit(unit_text)) == expected


@pytest.mark.parametrize("unit_text", ["USD bn", "bn USD", "USD", "USD thousand", "percent of GDP", ""])
def test_unit_abbreviations_and_unknown_units_are_errors(unit_text):
    with pytest.raises(ValueError, match="unknown unit"):
        printed_unit(unit_text)


def test_every_printed_unit_normalizes_to_the_vocabulary():
    assert {unit.unit for unit in PRINTED_UNITS.values()} == {
        "USD", "percent", "ILS", "EUR", "tonnes", "thousand barrels per day", "ratio"}


@pytest.mark.parametrize(("text", "expected"), [
    ("unspecified (seed article)", "the article"),
    ("Israeli-reported (Minister Ze'ev Elkin)", "Israeli official"),
    ("Israeli minister Natan Sharansky", "Israeli official"),
    ("Elkin and Israeli-Russian Business Council (via JTA)", "Israeli official"),
    ("IL ('according to the Israeli system', Minister Z. Elkin)", "Israeli official"),
    ("IL (CBS, as cited)", "Israeli official"),
    ("IL ('dati ufficiali', via Fructidor)", "Israeli official"),
    ("Russian official (Kremlin background materials)", "Russian official"),
    ("Russian FCS (via Sputnik Turkish)", "Russian official"),
    ("RU (FM S. Lavrov)", "Russian official"),
    ("RU (Moscow Deputy Mayor V. Efimov)", "Russian official"),
    ("RU+EG (joint RU-EG ministerial meeting, Manturov & Kabil)", "Russian official"),
    ("official data (via Tehran Times / TASS)", "Russian official"),
    ("Eurasian Economic Commission (via RT)", "Russian official"),
    ("Turkish President Erdogan", "partner official"),
    ("EG (Egyptian trade ministry)", "partner official"),
    ("unspecified (press)", "press"),
    ("unspecified (Kommersant)", "press"),
    ("IL (via deon.pl)", "press"),
    ("IL-side press (port2port; source not named)", "press"),
    ("RU company (Alrosa VP S. Ulin)", "press"),
    ("RU (M. Orlov, RU-EG Business Council, via TASS)", "press"),
    ("TR (Eastern Black Sea Exporters' Association DKIB)", "press"),
    ("IL (Shraga Brosh, president of the Manufacturers Association of Israel)", "press"),
    ("IL (Israeli Farmers Association chair Meir Zur, via Israel Hayom)", "press"),
    ("IL (Israel Export Institute data, via deon.pl)", "press"),
    ("RU (Russian Grain Union, via RT Serbian)", "press"),
])
def test_classify_reporter(text, expected):
    assert classify_reporter(text) == expected


@pytest.mark.parametrize("text", [
    "", "UN Comtrade", "Ministry of Finance", "official data (via Reuters)", "US (State Dept)"])
def test_unmatched_reporter_is_an_error(text):
    with pytest.raises(ValueError, match="reporter not recognized"):
        classify_reporter(text)


@pytest.mark.parametrize(("text", "pair", "expected"), [
    ("RUS exports to ISR", "RUS-ISR", ("Russian exports", "Russia")),
    ("RUS imports from TUR", "RUS-TUR", ("Russian imports", "Russia")),
    ("ISR imports from RUS (goods AND services)", "RUS-ISR", ("Russian exports", "partner")),
    ("IL exports to RU", "RUS-ISR", ("Russian imports", "partner")),
    ("EG exports to RU", "RUS-EGY", ("Russian imports", "partner")),
    ("RU imports of fruit and vegetables from IL: growth in QUANTITY", "RUS-ISR", ("Russian imports", "Russia")),
    ("IL imports of wheat: share from Russia", "RUS-ISR", ("Russian exports", "partner")),
    ("total turnover", "RUS-TUR", ("turnover", "both")),
    ("turnover change vs 2003", "RUS-ISR", ("turnover", "both")),
    ("'wymiana handlowa z Rosją' (trade exchange)", "RUS-ISR", ("turnover", "both")),
])
def test_map_flow(text, pair, expected):
    assert map_flow(text, pair) == expected


@pytest.mark.parametrize(("text", "pair", "message"), [
    ("balance of trade", "RUS-ISR", "flow not recognized"),
    ("IL exports to TR", "RUS-ISR", "outside the pair"),
    ("TR exports to RU", "RUS-ISR", "outside the pair"),
    ("XX exports to RU", "RUS-ISR", "outside the pair"),
])
def test_unmapped_flow_is_an_error(text, pair, message):
    with pytest.raises(ValueError, match=message):
        map_flow(text, pair)


@pytest.mark.parametrize(("text", "expected"), [
    ("turnover", "all goods"),
    ("IL exports to RU (total)", "all goods"),
    ("ISR imports from RUS (goods AND services)", "goods and services"),
    ("turnover EXCLUDING diamonds", "all goods excluding diamonds"),
    ("turnover: share of diamond trade", "diamonds"),
    ("RU exports to IL: rough diamonds (Alrosa sales only)", "rough diamonds (Alrosa sales only)"),
    ("IL exports to RU (RU imports from IL): share vegetables, fruits and processed",
     "vegetables, fruit and processed"),
    ("RU imports of fruit and vegetables from IL: growth in QUANTITY", "fruit and vegetables"),
    ("IL exports to RU: agricultural industry change", "agricultural products"),
    ("IL exports to RU (context: carrots, potatoes, greens, fruit, organic)", "agricultural products (apparently)"),
    ("RU exports to IL: vodka, change", "vodka"),
    ("turnover: ratio of a 2 bn three-year target to the 2009 level", "all goods"),
])
def test_map_product(text, expected):
    assert map_product(text) == expected


def test_unmapped_product_detail_is_an_error():
    with pytest.raises(ValueError, match="product detail not recognized"):
        map_product("RU exports to IL: tanks")


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("turnover", "USD", "level"),
    ("total turnover change", "USD", "change"),
    ("turnover change y/y", "percent", "change"),
    ("RU exports to IL: share oil and oil products", "percent", "share"),
    ("RU imports of fruit and vegetables from IL: growth in QUANTITY", "ratio", "ratio"),
    ("IL imports from RU: crude oil", "thousand barrels per day", "volume"),
    ("RU exports to IL: wheat", "tonnes", "volume"),
])
def test_measure_of(text, unit, expected):
    assert measure_of(text, unit) == expected


def test_a_percentage_that_is_neither_share_nor_change_is_an_error():
    with pytest.raises(ValueError, match="share or a change"):
        measure_of("turnover", "percent")


CALENDAR_YEAR = Period(2018, "calendar year")


@pytest.mark.parametrize(("text", "period", "measure", "unit_text", "flags"), [
    ("as_stated", CALENDAR_YEAR, "level", "USD billion", ()),
    ("lower_bound (>5)", CALENDAR_YEAR, "level", "USD billion", ("lower bound",)),
    ("LOWER bound ('exceeded')", CALENDAR_YEAR, "level", "USD billion", ("lower bound",)),
    ("UPPER bound ('less than'); full year", CALENDAR_YEAR, "level", "USD billion", ("upper bound",)),
    ("'approaches' = just below 2 bn; annual rate", CALENDAR_YEAR, "level", "USD billion", ("upper bound",)),
    ("goods; PART YEAR Jan-Sep", Period(2011, "part year", "Jan–Sep"), "level", "USD billion", ("part year",)),
    ("approx; Jan-Sep of the year of the article", Period(None, "unstated"), "level", "USD million",
     ("part year", "approximate", "year unstated")),
    ("stated 9-13 Dec 2013, so year not complete", CALENDAR_YEAR, "level", "USD billion", ("part year",)),
    ("AMBIGUOUS flow; 2014 possibly PART YEAR", CALENDAR_YEAR, "level", "USD million", ("ambiguous flow",)),
    ("approx (just over 3)", CALENDAR_YEAR, "level", "USD billion", ("approximate",)),
    ("estimate ('szacuje się'); annual", CALENDAR_YEAR, "level", "USD billion", ("approximate",)),
    ("change only", CALENDAR_YEAR, "change", "percent", ("change only",)),
    ("change (+25%)", CALENDAR_YEAR, "change", "USD million", ("change only",)),
    ("approx (+15% y/y); year inferred", Period(2018, "inferred year"), "level", "USD billion",
     ("approximate", "inferred year")),
    ("as_stated; year unstated", Period(None, "unstated"), "level", "USD million", ("year unstated",)),
    ("lower_bound (>2); includes services", CALENDAR_YEAR, "level", "USD billion",
     ("lower bound", "includes services")),
    ("approx; CONFLICTS with RU-side 6-6.7 bn", CALENDAR_YEAR, "level", "USD billion",
     ("approximate", "conflicts with another figure")),
    ("full year; page prints MILLION [sic]", CALENDAR_YEAR, "level",
     "as printed: 'milhões de dólares' (USD million) [sic]", ("unit as printed",)),
])
def test_flags_of(text, period, measure, unit_text, flags):
    assert flags_of(text, period, measure, printed_unit(unit_text)) == flags


@pytest.mark.parametrize(("flags", "qualifier"), [
    ((), "as stated"),
    (("year unstated",), "as stated"),
    (("part year", "approximate"), "part year"),
    (("upper bound", "approximate"), "upper bound"),
    (("unit as printed", "lower bound"), "unit as printed"),
    (("approximate", "change only", "year unstated"), "approximate"),
])
def test_qualifier_is_the_highest_priority_flag(flags, qualifier):
    assert qualifier_of(flags) == qualifier


@pytest.mark.parametrize(("text", "expected"), [
    (f"SEED: EAJC article 'Russia and Israel: Towards a pragmatic partnership' ({SEED})", SEED),
    ("https://www.rt.com/business/530371-iran-russia-trade-turnover/", "https://www.rt.com/business/530371-iran-russia-trade-turnover/"),
    (SEED, SEED),
])
def test_normalize_source_url(text, expected):
    assert normalize_source_url(text) == expected


# --- malformed files -----------------------------------------------------------------------------------------------

SERIES_HEADER = "year,reporter,flow,value,unit,scope,source_url,source_date,quote"
GOOD_SERIES_ROW = "2008,RU (Russian Government),turnover,2.8,USD billion,goods; full year,https://gov.example/1,2011-11-22,words"
ROUND1_HEADER = ("row_id,period,period_type,pair,flow,reporter_or_speaker,value,unit,qualifier,source_url,source_date,"
                 "notes")


def normalize_file(tmp_path: Path, lines: list[str], layout=SERIES_LAYOUT) -> pd.DataFrame:
    path = tmp_path / "trade_fixture.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw = read_raw_csv(path, layout.required, display_name=path.name)
    return normalize_trade(raw, layout, "press-r2")


def test_a_good_fixture_row_normalizes(tmp_path):
    frame = normalize_file(tmp_path, [SERIES_HEADER, GOOD_SERIES_ROW])
    row = frame.iloc[0]
    assert (row["figure_id"], row["pair"], row["flow"], row["reporter"], row["value_usd"]) == (
        "press-r2-001", "RUS-ISR", "turnover", "Russian official", 2.8e9)
    assert (row["raw_file"], row["raw_line"]) == ("trade_fixture.csv", 2)


@pytest.mark.parametrize(("bad_row", "column"), [
    ("2008,RU (Russian Government),turnover,about 2.8,USD billion,goods,https://gov.example/1,2011,words", "value"),
    ("2008,RU (Russian Government),turnover,,USD billion,goods,https://gov.example/1,2011,words", "value"),
    ("2008,RU (Russian Government),turnover,2.8,USD bn,goods,https://gov.example/1,2011,words", "unit"),
    ("2008,RU (Russian Government),RUS-XYZ turnover,2.8,USD billion,goods,https://gov.example/1,2011,words", "flow"),
    ("2008,RU (Russian Government),IL exports to TR,2.8,USD billion,goods,https://gov.example/1,2011,words", "flow"),
    ("2008,RU (Russian Government),trade balance,2.8,USD billion,goods,https://gov.example/1,2011,words", "flow"),
    ("2008,RU (Russian Government),RU exports to IL: tanks,2.8,USD billion,goods,https://gov.example/1,2011,w", "flow"),
    ("2008,somebody,turnover,2.8,USD billion,goods,https://gov.example/1,2011,words", "reporter"),
    ("around 2008,RU (Russian Government),turnover,2.8,USD billion,goods,https://gov.example/1,2011,words", "year"),
    ("2008,RU (Russian Government),turnover,2.8,USD billion,goods,gov.example/1,2011,words", "source_url"),
])
def test_malformed_series_row_names_file_line_and_column(tmp_path, bad_row, column):
    with pytest.raises(DataError) as caught:
        normalize_file(tmp_path, [SERIES_HEADER, GOOD_SERIES_ROW, bad_row])
    assert "trade_fixture.csv:3:" in str(caught.value)
    assert f"column '{column}'" in str(caught.value)


def test_missing_column_names_file_line_and_column(tmp_path):
    header_without_flow = SERIES_HEADER.replace("flow,", "")
    with pytest.raises(DataError) as caught:
        normalize_file(tmp_path, [header_without_flow, "2008,RU (x),2.8,USD billion,goods,https://g.example,2011,w"])
    assert "trade_fixture.csv:1:" in str(caught.value)
    assert "column 'flow'" in str(caught.value)


@pytest.mark.parametrize(("bad_row", "column"), [
    ("1,2018,calendar_year,RUS-XYZ,total turnover,Russian official (x),5,USD billion,as_stated,https://a.example,2020,",
     "pair"),
    ("1,2018,calendar_year,RUS-ISR,total turnover,Russian official (x),5,USD billion,roughly,https://a.example,2020,",
     "qualifier"),
    ("1,2018,fiscal_year,RUS-ISR,total turnover,Russian official (x),5,USD billion,as_stated,https://a.example,2020,",
     "period_type"),
])
def test_malformed_round1_row_names_file_line_and_column(tmp_path, bad_row, column):
    with pytest.raises(DataError) as caught:
        normalize_file(tmp_path, [ROUND1_HEADER, bad_row], layout=ROUND1_LAYOUT)
    assert "trade_fixture.csv:2:" in str(caught.value)
    assert f"column '{column}'" in str(caught.value)


def test_every_bad_row_of_a_file_is_reported_at_once(tmp_path):
    bad_value = GOOD_SERIES_ROW.replace(",2.8,", ",n/a,")
    bad_unit = GOOD_SERIES_ROW.replace("USD billion", "USD bn")
    with pytest.raises(DataError) as caught:
        normalize_file(tmp_path, [SERIES_HEADER, bad_value, GOOD_SERIES_ROW, bad_unit])
    assert [(p.line, p.column) for p in caught.value.problems] == [(2, "value"), (4, "unit")]


def test_duplicate_key_names_file_line_and_column(tmp_path):
    frame = normalize_file(tmp_path, [SERIES_HEADER, GOOD_SERIES_ROW])
    with pytest.raises(DataError) as caught:
        validate_trade(pd.concat([frame, frame], ignore_index=True))
    assert "trade_fixture.csv:2:" in str(caught.value)
    assert "column 'figure_id'" in str(caught.value)
    assert "duplicate key" in str(caught.value)


def test_article_words_must_occur_in_the_seed(tmp_path):
    frame = normalize_file(tmp_path, [SERIES_HEADER, GOOD_SERIES_ROW])
    frame["source_url"] = SEED
    with pytest.raises(DataError) as caught:
        check_article_quotes(frame, "a seed text that does not hold the quote")
    assert "trade_fixture.csv:2:" in str(caught.value)
    assert "column 'quote'" in str(caught.value)


# --- the whole dataset ---------------------------------------------------------------------------------------------

def test_every_raw_row_becomes_one_row(trade):
    assert len(trade) == 106
    assert trade["raw_file"].value_counts().to_dict() == {
        "data/raw/press-figures/trade_series_round3.csv": 44,
        "data/raw/press-figures/trade_series_round2.csv": 40,
        "data/raw/press-figures/trade_figures_from_press.csv": 21,
        "data/raw/article/trade_figures_from_article.csv": 1,
    }


def test_matches_sidecar(trade, paths):
    meta = load_metadata(paths.meta / "trade.json")
    assert frame_problems(trade, meta, "data/meta/trade.json") == []


def test_matches_golden(trade):
    assert_matches_golden(trade, "trade")


def test_article_2018_figures(trade):
    exports, imports = figure(trade, "press-r1-001"), figure(trade, "press-r1-002")
    assert (exports["flow"], exports["value_usd"], exports["reporter"]) == ("Russian exports", 1.9e9, "the article")
    assert (imports["flow"], imports["value_usd"], imports["reporter"]) == ("Russian imports", 7.64e8, "the article")
    assert exports["source_url"] == imports["source_url"] == SEED


def test_article_turkey_figure(trade):
    row = figure(trade, "article-001")
    assert (row["pair"], row["flow"], row["value_usd"], row["period_type"]) == (
        "RUS-TUR", "turnover", 16.5e9, "unstated")
    assert pd.isna(row["year"])
    assert row["quote"] == "apart from Turkey, whose trade with Russia stands at $16.5 billion"


@pytest.mark.parametrize(("figure_id", "year"), [
    ("press-r1-003", 2018), ("press-r1-004", 2019), ("press-r2-019", 2018), ("press-r2-020", 2019)])
def test_elkin_lower_bounds(trade, figure_id, year):
    row = figure(trade, figure_id)
    assert (row["year"], row["value_usd"], row["qualifier"], row["reporter"]) == (
        year, 5e9, "lower bound", "Israeli official")


def test_turkey_2019_kremlin(trade):
    row = figure(trade, "press-r1-011")
    assert (row["year"], row["pair"], row["flow"], row["value_usd"], row["reporter"]) == (
        2019, "RUS-TUR", "turnover", 21.7e9, "Russian official")


def test_misprinted_2015_unit_has_no_dollar_value(trade):
    row = figure(trade, "press-r2-010")
    assert (row["year"], row["value"], row["unit"], row["qualifier"]) == (2015, 2.4, "USD", "unit as printed")
    assert pd.isna(row["value_usd"])


def test_value_usd_only_for_usd(trade):
    assert trade.loc[trade["value_usd"].notna(), "unit"].eq("USD").all()


# --- HS chapters (snapshot rows only) ------------------------------------------------------------------------------

def test_curated_figures_have_no_hs_chapter(trade):
    assert trade["hs_chapter"].isna().all()
    assert trade["hs_chapter_name"].isna().all()


@pytest.mark.parametrize(("product", "hs_chapter", "hs_chapter_name", "column"), [
    ("all goods", "27", None, "hs_chapter"),
    ("HS chapter 27", None, None, "hs_chapter"),
    ("HS chapter 27", "71", None, "hs_chapter"),
    ("all goods", None, "Mineral fuels", "hs_chapter_name"),
])
def test_an_hs_chapter_must_match_its_product(trade, product, hs_chapter, hs_chapter_name, column):
    row = trade[trade["figure_id"].eq("press-r1-001")].copy()
    row["product"], row["hs_chapter"], row["hs_chapter_name"] = product, hs_chapter, hs_chapter_name
    with pytest.raises(DataError) as caught:
        validate_trade(row.astype(trade.dtypes.to_dict()))
    assert str(caught.value).startswith(f"data/raw/press-figures/trade_figures_from_press.csv:2: column '{column}'")


def test_an_hs_chapter_row_validates(trade):
    row = trade[trade["figure_id"].eq("press-r1-001")].copy()
    row["product"], row["hs_chapter"], row["hs_chapter_name"] = "HS chapter 27", "27", "Mineral fuels"
    assert len(validate_trade(row.astype(trade.dtypes.to_dict()))) == 1
