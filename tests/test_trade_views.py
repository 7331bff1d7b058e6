"""Pure logic of the Trade page, on small inline fixtures (values are test inputs, not data)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard_data import trade_views as views
from dashboard_data.filters import apply_all, describe
from dashboard_data.trade import COLUMNS, QUALIFIERS, REPORTERS, SEED, TRADE_FLOWS


def figure(**fields) -> dict:
    """One trade row with every contract column; a USD level of Russia–Israel turnover unless overridden."""
    row = dict.fromkeys(COLUMNS)
    row.update({
        "period_label": "2010", "year": 2010, "period_type": "calendar year", "pair": "RUS-ISR",
        "partner_iso3": "ISR", "flow": "turnover", "seen_from": "both", "flow_as_printed": "turnover",
        "product": "all goods", "measure": "level", "reporter": "Russian official", "value": 2.0,
        "unit_as_printed": "USD billion", "unit": "USD", "value_usd": 2e9, "qualifier": "as stated",
        "flags": "as stated", "source_url": "https://example.org/a", "source_date": "2011-01-01",
        "source_label": "RU (test)", "quote": "words", "raw_file": "data/raw/test.csv", "raw_line": 2,
    })
    row.update(fields)
    return row


def frame(*rows: dict) -> pd.DataFrame:
    numbered = [{**row, "figure_id": f"t-{i:03d}"} for i, row in enumerate(rows, start=1)]
    return pd.DataFrame(numbered, columns=list(COLUMNS)).astype(COLUMNS)


def selection(**fields) -> views.TradeSelection:
    values = {"years": (1991, 2023), "undated": True, "partner": "Israel", "flows": views.FLOW_ORDER,
              "reporters": REPORTERS,
              "qualifiers": views.QUALIFIER_ORDER}
    return views.TradeSelection(**{**values, **fields})


def test_display_orders_cover_the_dataset_vocabularies():
    assert set(views.FLOW_ORDER) == set(TRADE_FLOWS)
    assert set(views.QUALIFIER_ORDER) == set(QUALIFIERS)


# --- filters -------------------------------------------------------------------------------------------------------

def test_the_filter_reads_as_the_issue_sentence():
    rows = frame(figure(year=2008, source_url="https://a"), figure(year=2019, flow="Russian exports",
                                                                   source_url="https://b"),
                 figure(year=2020), figure(reporter="press"), figure(flow="Russian imports"))
    chosen = selection(years=(2008, 2019), undated=False, flows=("turnover", "Russian exports"),
                       reporters=("Russian official",))
    filters = views.selection_filters(chosen)
    shown = apply_all(rows, filters)
    assert describe(filters, shown) == ("Turnover and Russian exports, 2008–2019, Russia–Israel trade, "
                                        "Russian official figures, any qualifier; 2 figures from 2 sources")


def test_everything_chosen_reads_as_all_and_nothing_as_no():
    sentence = describe(views.selection_filters(selection(qualifiers=())), frame(figure()))
    assert sentence.startswith("All flows, 1991–2023 (and undated figures), Russia–Israel trade, all reporters, "
                               "no qualifiers;")


def test_the_pair_filter_keeps_only_the_chosen_partner_and_can_be_left_out():
    rows = frame(figure(), figure(pair="RUS-TUR", partner_iso3="TUR"))
    assert apply_all(rows, views.selection_filters(selection(partner="Turkey")))["pair"].tolist() == ["RUS-TUR"]
    assert len(apply_all(rows, views.selection_filters(selection(), with_pair=False))) == 2


def test_undated_figures_follow_the_toggle():
    rows = frame(figure(), figure(year=None, period_type="unstated"))
    assert len(apply_all(rows, views.selection_filters(selection(undated=True)))) == 2
    assert len(apply_all(rows, views.selection_filters(selection(undated=False)))) == 1


# --- levels, changes, lines ----------------------------------------------------------------------------------------

def test_only_dated_usd_levels_of_total_trade_go_on_the_usd_axis():
    rows = frame(figure(), figure(measure="change", unit="percent", value_usd=None),
                 figure(unit="ILS", value_usd=None), figure(year=None), figure(product="diamonds"),
                 figure(product="goods and services"))
    assert views.usd_levels(rows)["product"].tolist() == ["all goods", "goods and services"]


def test_changes_are_change_rows_of_total_trade():
    rows = frame(figure(), figure(measure="change", unit="percent", value=9.0, value_usd=None),
                 figure(measure="change", product="vodka", unit="percent", value_usd=None))
    assert views.changes(rows)["value"].tolist() == [9.0]


def segment_years(rows: pd.DataFrame) -> list[list[int]]:
    segments = views.line_segments(views.usd_levels(rows))
    return [group["year"].astype(int).tolist() for _, group in segments.groupby("segment")]


def test_a_line_joins_consecutive_years_of_one_reporter_and_flow():
    rows = frame(figure(year=2008), figure(year=2009), figure(year=2010), figure(year=2012))
    assert segment_years(rows) == [[2008, 2009], [2009, 2010]]


@pytest.mark.parametrize(("second", "why"), [
    ({"year": 2011}, "a gap between the years"),
    ({"reporter": "Israeli official"}, "another reporter"),
    ({"flow": "Russian exports"}, "another flow"),
    ({"pair": "RUS-TUR", "partner_iso3": "TUR"}, "another pair"),
    ({"qualifier": "lower bound"}, "a bound"),
    ({"qualifier": "part year", "period_type": "part year"}, "a part year"),
    ({"period_type": "inferred year"}, "an inferred year"),
    ({"flags": "ambiguous flow"}, "an ambiguous flow"),
    ({"seen_from": "partner"}, "the other side's report"),
])
def test_no_line_where_the_rule_does_not_hold(second, why):
    rows = frame(figure(year=2009), figure(**{"year": 2010, **second}))
    assert segment_years(rows) == [], why


def test_press_lines_stay_within_one_publication():
    same = frame(figure(year=2002, reporter="press"), figure(year=2003, reporter="press"))
    other = frame(figure(year=2002, reporter="press"),
                  figure(year=2003, reporter="press", source_url="https://example.org/b"))
    assert segment_years(same) == [[2002, 2003]]
    assert segment_years(other) == []


def test_a_year_with_two_different_values_is_not_joined_but_a_repeated_value_is():
    conflicting = frame(figure(year=2009), figure(year=2010, value_usd=2e9), figure(year=2010, value_usd=3e9))
    repeated = frame(figure(year=2009), figure(year=2010), figure(year=2010, source_url="https://example.org/b"))
    assert segment_years(conflicting) == []
    assert segment_years(repeated) == [[2009, 2010]]


def test_no_segments_gives_an_empty_frame_with_the_columns():
    segments = views.line_segments(views.usd_levels(frame(figure())))
    assert segments.empty
    assert {"segment", "series", "value_usd"} <= set(segments.columns)


# --- headlines -----------------------------------------------------------------------------------------------------

def headline_rows() -> pd.DataFrame:
    return frame(
        figure(year=2018, reporter="Israeli official", value=5.0, value_usd=5e9, qualifier="lower bound",
               source_url="https://example.org/one"),
        figure(year=2018, reporter="Israeli official", value=5.0, value_usd=5e9, qualifier="lower bound",
               source_url="https://example.org/two"),
        figure(year=2018, reporter="the article", flow="Russian imports", value=764.0, value_usd=764e6),
        figure(year=2018, reporter="the article", flow="Russian exports", value=1.9, value_usd=1.9e9),
        figure(year=2018, measure="change", unit="percent", value=9.0, value_usd=None, qualifier="change only"),
        figure(year=2019, reporter="Israeli official", value=5.0, value_usd=5e9, qualifier="lower bound"),
        figure(year=2017, reporter="press", product="diamonds"),
    )


def test_headlines_give_each_statement_once_with_all_its_sources_in_reporter_and_flow_order():
    found = views.headlines(headline_rows(), 2018)
    assert [(h.reporter, h.label, h.value_text, h.qualifier_text) for h in found] == [
        ("Russian official", "Turnover, change", "+9%", "change only"),
        ("Israeli official", "Turnover, level", "USD 5 bn", "lower bound"),
        ("the article", "Russian exports, level", "USD 1.9 bn", "as stated"),
        ("the article", "Russian imports, level", "USD 764 m", "as stated"),
    ]
    assert found[1].rows["source_url"].tolist() == ["https://example.org/one", "https://example.org/two"]


def test_headline_years_and_the_default_year_where_reporters_disagree():
    rows = headline_rows()
    assert views.headline_years(rows) == [2018, 2019]
    assert views.default_headline_year(rows) == 2018
    assert views.default_headline_year(frame(figure(year=2001), figure(year=2003))) == 2003
    assert views.default_headline_year(frame(figure(product="diamonds"))) is None


def test_silent_reporters_are_named():
    rows = headline_rows()
    assert views.silent_reporters(rows, views.headlines(rows, 2019)) == ["Russian official", "press", "the article"]


def test_the_two_sides_of_one_reporter_are_two_headlines_and_say_which_side():
    rows = frame(figure(reporter="UN Comtrade", flow="Russian exports", seen_from="Russia", value_usd=2e9),
                 figure(reporter="UN Comtrade", flow="Russian exports", seen_from="partner", value_usd=1e9))
    assert [h.label for h in views.headlines(rows, 2010)] == ["Russian exports, level",
                                                               "Russian exports, level · from the partner's side"]


@pytest.mark.parametrize(("fields", "text"), [
    ({}, "as stated"),
    ({"period_type": "part year", "months": "Jan–Sep", "qualifier": "part year"}, "part year (Jan–Sep)"),
    ({"period_type": "part year", "months": "Jan–Sep", "qualifier": "lower bound", "period_label": "2013 (Jan-Sep)"},
     "lower bound; period: 2013 (Jan-Sep)"),
    ({"period_type": "inferred year", "qualifier": "approximate", "period_label": "2012 (inferred: 'last year')"},
     "approximate; period: 2012 (inferred: 'last year')"),
])
def test_a_headline_qualifier_says_the_period_when_it_is_not_a_calendar_year(fields, text):
    assert views.qualifier_text(frame(figure(**fields)).iloc[0]) == text


@pytest.mark.parametrize(("fields", "text"), [
    ({"value_usd": 2.8e9}, "USD 2.8 bn"),
    ({"value_usd": 764e6}, "USD 764 m"),
    ({"value_usd": 1.589e9}, "USD 1.589 bn"),
    ({"measure": "change", "unit": "percent", "value": -3.9, "value_usd": None}, "-3.9%"),
    ({"measure": "change", "value": 380.0, "value_usd": 380e6}, "+USD 380 m"),
    ({"measure": "share", "unit": "percent", "value": 38.0, "value_usd": None}, "38%"),
    ({"unit": "EUR", "unit_as_printed": "EUR million", "value": 62.0, "value_usd": None}, "62 EUR million"),
])
def test_figure_text(fields, text):
    assert views.figure_text(frame(figure(**fields)).iloc[0]) == text


# --- regional comparison -------------------------------------------------------------------------------------------

def test_the_regional_view_keeps_the_articles_undated_claim_beside_dated_figures():
    rows = frame(figure(pair="RUS-TUR", partner_iso3="TUR", year=None, reporter="the article", value_usd=16.5e9),
                 figure(pair="RUS-TUR", partner_iso3="TUR", year=2019, value_usd=21.7e9),
                 figure(year=2010), figure(measure="change", unit="percent", value_usd=None))
    regional = views.regional_levels(rows)
    assert len(regional) == 3
    table = views.regional_table(regional)
    assert table["partner"].tolist() == ["Israel", "Turkey", "Turkey"]
    assert table["period_label"].isna().sum() == 0
    assert table["usd_billion"].tolist() == [2.0, 21.7, 16.5]


# --- product mix ---------------------------------------------------------------------------------------------------

def test_shares_name_their_base_and_are_grouped_by_period_base_and_reporter():
    rows = frame(figure(measure="share", product="crude oil", unit="percent", value_usd=None, reporter="press",
                        unit_as_printed="percent of RU exports to IL", period_label="2017"),
                 figure(measure="share", product="diamonds", unit="percent", value_usd=None,
                        unit_as_printed="percent of an unknown base", period_label="2013"))
    shares = views.shares(rows)
    assert shares["panel"].tolist() == ["2017 · share of Russian exports to Israel · press",
                                        "2013 · percent of an unknown base · Russian official"]


def test_product_figures_leave_out_totals_and_shares():
    rows = frame(figure(), figure(product="vodka"), figure(product="wheat", measure="share", unit="percent"))
    assert views.product_figures(rows)["product"].tolist() == ["vodka"]


def test_the_articles_product_lists_come_from_its_text(paths):
    text = (paths.root / SEED).read_text(encoding="utf-8")
    lists = views.article_product_lists(text, SEED)
    assert lists["flow"].tolist() == ["Russian exports", "Russian imports"]
    assert lists["year"].tolist() == [2018, 2018]
    for row in lists.itertuples():
        assert row.quote in text
        assert row.products in row.quote
    assert views.article_product_lists("No such sentence.", SEED).empty


def hs_fixture() -> pd.DataFrame:
    """SYNTHETIC: made-up HS-chapter rows that exercise the treemap path; not data."""
    return frame(
        figure(year=2021, flow="Russian exports", product="HS chapter 27", hs_chapter="27",
               hs_chapter_name="Mineral fuels", value_usd=1e9, reporter="UN Comtrade"),
        figure(year=2021, flow="Russian exports", product="HS chapter 71", hs_chapter="71", value_usd=5e8,
               reporter="UN Comtrade"),
        figure(year=2021, flow="Russian exports", product="HS chapter 99", hs_chapter="99", value_usd=1e6,
               reporter="UN Comtrade"),
        figure(year=2020, flow="Russian exports", product="HS chapter 27", hs_chapter="27", value_usd=9e8,
               reporter="UN Comtrade"),
        figure(year=2021, flow="Russian exports"))


def test_hs_rows_select_one_year_and_flow_and_place_each_chapter_in_its_section():
    rows = views.hs_rows(hs_fixture(), 2021, "Russian exports")
    assert rows[["hs_section", "hs_label"]].values.tolist() == [
        ["V Mineral products", "HS 27 Mineral fuels"],
        ["XIV Pearls, precious stones and metals", "HS chapter 71"],
        [views.OUTSIDE_SECTIONS, "HS chapter 99"]]
    assert views.hs_years(hs_fixture()) == [2020, 2021]


@pytest.mark.parametrize(("chapter", "section"), [
    ("01", "I Live animals; animal products"), ("05", "I Live animals; animal products"),
    ("15", "III Animal or vegetable fats and oils"), ("85", "XVI Machinery and electrical equipment"),
    ("97", "XXI Works of art, collectors' pieces and antiques"), ("99", views.OUTSIDE_SECTIONS),
])
def test_hs_sections(chapter, section):
    assert views.hs_section(chapter) == section


def test_without_hs_values_nothing_is_selected():
    rows = frame(figure())
    assert not views.has_hs_values(rows)
    assert views.hs_rows(rows, 2010, "turnover").empty
    assert views.hs_years(rows) == []


@pytest.mark.parametrize(("years", "text"), [
    ([2001, 2002, 2003, 2008], "2001–2003 and 2008"), ([2019], "2019"), ([2005, 2001, 2003], "2001, 2003 and 2005"),
])
def test_year_span_text(years, text):
    assert views.year_span_text(years) == text


# --- context and table ---------------------------------------------------------------------------------------------

def test_context_counts_sourced_visits_and_events_per_year_inside_the_range():
    visits = pd.DataFrame({"year": [2018, 2018, 2030], "date_start": ["2018-05-09", "2018-01-29", "2030-01-01"],
                           "visitor": ["A", "B", "C"], "direction": ["Israel → Russia"] * 3,
                           "city": ["Moscow", None, "Sochi"], "source_url": ["https://www.kremlin.ru/x"] * 3})
    events = pd.DataFrame({"year": [2018, 2018], "date": ["2018-09-17", "2018-12"], "title": ["E1", "E2"],
                           "source_url": ["https://example.org/e", None]})
    context = views.context_by_year(visits, events, (2000, 2023))
    assert context[["kind", "year", "count"]].values.tolist() == [["Leader visits", 2018, 2], ["Events", 2018, 1]]
    assert context["lines"].iloc[0].split("\n") == ["2018-01-29 B (Israel → Russia) — kremlin.ru",
                                                   "2018-05-09 A (Israel → Russia, Moscow) — kremlin.ru"]


def test_the_table_keeps_every_column_with_the_key_ones_first():
    rows = frame(figure())
    order = views.table_column_order(rows)
    assert sorted(order) == sorted(rows.columns)
    assert order[:4] == ["figure_id", "period_label", "pair", "flow"]
