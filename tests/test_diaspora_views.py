"""The Diaspora page's pure logic: where each figure is shown, the computed FSU share, lines only between
consecutive years of one source, the two maps' inputs, the population points, the seats and the census filters."""

import pandas as pd
import pytest

from dashboard_data import diaspora_views as views
from dashboard_data.filters import apply_all
from dashboard_data.registry import load_dataset

MFA = "https://mfa.example/table"
JA = "https://ja.example/release"


def immigration_rows(*rows: dict) -> pd.DataFrame:
    """Immigration rows with every column; each dict overrides the defaults of one row."""
    base = {
        "obs_id": "olim1-001", "year": 1990, "period_type": "calendar year", "period_label": "calendar year",
        "months": None, "origin": "Former Soviet Union", "origin_group": "FSU", "origin_iso3": None,
        "measure": "immigrants", "value": 100.0, "unit_as_printed": "persons", "unit": "persons",
        "value_persons": 100.0, "agency": "Israel MFA", "qualifier": "as stated", "flags": "as stated",
        "confidence": "medium", "note": None, "source_url": MFA, "source_label": "MFA table",
        "raw_file": "data/raw/curated/olim.csv", "raw_line": 2,
    }
    frame = pd.DataFrame([{**base, **row} for row in rows])
    return views.immigration_view(frame.astype({"year": "Int64", "raw_line": "Int64", "value": "Float64",
                                                "value_persons": "Float64"}))


@pytest.fixture(scope="module")
def immigration(paths):
    return views.immigration_view(load_dataset("immigration", paths))


@pytest.fixture(scope="module")
def countries(paths):
    return load_dataset("countries", paths)


# --- where a figure is shown ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("row", "shown"), [
    ({"period_type": "Hebrew year"}, "table only: Hebrew year"),
    ({"period_type": "part year", "origin_group": "country"}, "table only: part of a year"),
    ({"measure": "change vs previous year", "unit": "percent"}, "table only: change on the previous year"),
    ({"origin_group": "FSU sub-region", "origin": "Central Asia (group)"}, "table only: FSU sub-region"),
    ({"measure": "share of all immigrants", "unit": "percent"}, views.SHARES_CHART),
    ({"origin_group": "country", "origin": "Russia", "unit": "percent"}, views.SHARES_CHART),
    ({"origin_group": "country", "origin": "Russia"}, views.COUNTRY_CHART),
    ({"period_type": "approximate year", "origin_group": "USSR", "origin": "USSR"}, views.TOTALS_CHART),
    ({}, views.TOTALS_CHART),
])
def test_each_figure_has_one_place(row, shown):
    assert immigration_rows(row)["where_shown"].tolist() == [shown]


@pytest.mark.parametrize(("origin", "group", "series"), [
    ("FSU (Russia, Ukraine, other FSU)", "FSU", "Former Soviet Union"),
    ("All countries (same table)", "all countries", "All origins"),
    ("Eastern Europe incl. FSU", "mixed region", "FSU and Eastern Europe"),
    ("Ukraine", "country", "Ukraine"),
])
def test_origins_printed_several_ways_share_one_name(origin, group, series):
    assert immigration_rows({"origin": origin, "origin_group": group})["origin_series"].tolist() == [series]


def test_table_only_counts_say_why(immigration):
    counts = views.table_only_counts(immigration)
    assert counts == {"part of a year": 24, "Hebrew year": 7, "change on the previous year": 4,
                      "FSU sub-region": 4}


def test_the_selection_reads_as_a_sentence(immigration):
    selection = views.ImmigrationSelection((1989, 2003), ["Former Soviet Union", "All origins"],
                                           views.agencies_in_order(immigration))
    filters = views.immigration_filters(immigration, selection)
    assert views.selection_phrase(filters) == "1989–2003, origins: Former Soviet Union and All origins, all agencies"


def test_a_selection_gives_each_chart_only_its_own_rows(immigration):
    selection = views.ImmigrationSelection((1989, 2003), ["Former Soviet Union", "Russia", "All origins"],
                                           views.agencies_in_order(immigration))
    view = views.immigration_selection(immigration, selection)
    assert view.phrase == "1989–2003, origins: Former Soviet Union, Russia and All origins, all agencies"
    assert view.sentence.endswith(f"{len(view.selected)} figures from {view.selected['source_url'].nunique()} sources")
    assert view.selected["year"].between(1989, 2003).all()
    for chart, where in ((view.counts, views.TOTALS_CHART), (view.by_country, views.COUNTRY_CHART)):
        assert chart.rows["where_shown"].eq(where).all()
        assert set(chart.segments["obs_id"]) <= set(chart.rows["obs_id"])
    assert len(view.shares.rows) == len(view.stated_shares) + len(view.computed_shares)
    assert view.computed_shares["qualifier"].eq(views.COMPUTED).all()
    assert sum(view.table_only.values()) == view.selected["where_shown"].str.startswith("table only").sum()


def test_an_origin_with_no_regional_count_leaves_that_chart_empty(immigration):
    selection = views.ImmigrationSelection(views.year_bounds(immigration), ["Russia"],
                                           views.agencies_in_order(immigration))
    view = views.immigration_selection(immigration, selection)
    assert view.counts.rows.empty
    assert view.counts.segments.empty
    assert not view.by_country.rows.empty


# --- the computed share --------------------------------------------------------------------------------------------

def test_share_is_computed_only_within_one_source():
    frame = immigration_rows(
        {"obs_id": "a", "year": 1990, "value": 184177.0, "raw_line": 3},
        {"obs_id": "b", "year": 1990, "origin": "All countries (same table)", "origin_group": "all countries",
         "value": 199492.0, "raw_line": 18},
        {"obs_id": "c", "year": 1991, "value": 50.0},
        {"obs_id": "d", "year": 1991, "origin_group": "all countries", "value": 100.0, "source_url": JA,
         "agency": "Jewish Agency"},
    )
    share = views.computed_fsu_share(frame)
    assert share["year"].tolist() == [1990]
    assert share["value"].iloc[0] == pytest.approx(184177 / 199492 * 100)
    assert share["qualifier"].iloc[0] == views.COMPUTED
    assert share["where_shown"].iloc[0] == views.SHARES_CHART
    assert "184,177 / all-origins count 199,492" in share["note"].iloc[0]
    assert "lines 3 and 18" in share["note"].iloc[0]


@pytest.mark.parametrize("change", [
    {"qualifier": "rounded"},
    {"qualifier": "lower bound"},
    {"period_type": "Hebrew year"},
    {"period_type": "part year"},
])
def test_no_share_from_rounded_bounded_or_partial_counts(change):
    frame = immigration_rows({"obs_id": "a", **change}, {"obs_id": "b", "origin_group": "all countries"})
    assert views.computed_fsu_share(frame).empty


def test_no_share_where_a_source_gives_two_counts_for_one_year():
    frame = immigration_rows({"obs_id": "a"}, {"obs_id": "b", "value": 90.0},
                             {"obs_id": "c", "origin_group": "all countries"})
    assert views.computed_fsu_share(frame).empty


def test_real_computed_shares_come_from_the_mfa_table_and_one_ministry_summary(immigration):
    share = views.computed_fsu_share(immigration)
    assert share["year"].tolist() == [*range(1989, 2003), 2010]
    assert set(share["agency"]) == {"Israel MFA", "Ministry of Aliyah and Integration"}


# --- lines ---------------------------------------------------------------------------------------------------------

def test_lines_join_only_consecutive_years_of_one_source():
    frame = immigration_rows(
        {"obs_id": "a", "year": 1990}, {"obs_id": "b", "year": 1991}, {"obs_id": "c", "year": 1993},
        {"obs_id": "d", "year": 1994, "source_url": JA},
        {"obs_id": "e", "year": 1996}, {"obs_id": "f", "year": 1997}, {"obs_id": "g", "year": 1997, "value": 5.0},
    )
    segments = views.line_segments(frame, ["origin_series", "agency"])
    assert segments.groupby("segment")["obs_id"].apply(list).tolist() == [["a", "b"]]


def test_no_lines_when_nothing_joins():
    assert views.line_segments(immigration_rows({"year": 1990}), ["origin_series"]).empty


# --- figures as printed --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("row", "text"), [
    ({"value": 184177.0, "value_persons": 184177.0}, "184,177 persons"),
    ({"value": 45.5, "value_persons": 45500.0, "unit_as_printed": "thousand persons (rounded)",
      "qualifier": "rounded"}, "45.5 thousand = 45,500 persons (rounded)"),
    ({"value": 58.1, "unit": "percent", "unit_as_printed": "percent", "qualifier": "preliminary"},
     "58.1% (preliminary)"),
])
def test_figure_text_keeps_unit_and_flag(row, text):
    assert views.figure_text(immigration_rows(row).iloc[0]) == text


@pytest.mark.parametrize(("row", "text"), [
    ({}, "1990"),
    ({"period_type": "part year", "months": "Jan–Nov", "year": 2023}, "Jan–Nov 2023 (part of the year)"),
    ({"period_type": "Hebrew year", "months": "approx. Sep 2014–Sep 2015"}, "Hebrew year, approx. Sep 2014–Sep 2015"),
    ({"period_type": "approximate year", "year": 1972}, "1972 (approximate year)"),
])
def test_period_text_never_passes_a_part_year_for_a_year(row, text):
    assert views.period_text(immigration_rows(row).iloc[0]) == text


# --- the arc map ---------------------------------------------------------------------------------------------------

def test_map_options_latest_first_whole_years_first(immigration):
    options = views.map_options(views.map_candidates(immigration))
    assert options[:3] == ["2023 · CBS · calendar year", "2023 · Jewish Agency · part year Jan–Feb",
                           "2022 · CBS · calendar year"]
    assert options[-1] == "1990 · CBS · calendar year"


def test_arcs_carry_the_figure_its_source_and_country_points(immigration, countries):
    candidates = views.map_candidates(immigration)
    arcs = views.arcs(candidates, "2023 · CBS · calendar year", countries)
    assert arcs["origin"].tolist() == ["Belarus", "Russia", "Ukraine"]
    russia = arcs[arcs["origin"].eq("Russia")].iloc[0]
    expected = countries.set_index("iso3").loc["RUS"]
    assert (russia["origin_lon"], russia["origin_lat"]) == (expected["label_lon"], expected["label_lat"])
    assert russia["figure"] == f"{russia['value_persons']:,.0f} persons"
    assert russia["label"] == f"{russia['value_persons']:,.0f}"
    assert russia["source_url"] in russia["tooltip"]
    assert russia["agency"] in russia["tooltip"]


def test_two_figures_of_one_country_get_two_arcs(immigration, countries):
    arcs = views.arcs(views.map_candidates(immigration), "2018 · CBS · calendar year", countries)
    russia = arcs[arcs["origin"].eq("Russia")]
    assert russia["rank"].tolist() == [0, 1]
    assert russia["label"].tolist() == ["10,500 rounded", "10,460"]
    assert russia["value_persons"].nunique() == 2


def test_year_figures_list_every_agency_of_the_map_year(immigration):
    candidates = views.map_candidates(immigration)
    rows = views.year_figures(immigration, "2022 · CBS · calendar year", candidates)
    assert set(rows["year"]) == {2022}
    assert {"CBS", "Jewish Agency"} <= set(rows["agency"])
    assert set(rows["unit"]) == {"persons", "percent"}


def test_one_camera_for_every_map_choice(immigration, countries):
    lons, lats = views.map_extent(views.map_candidates(immigration), countries)
    assert len(lons) == len(lats) >= 2


# --- settlement ----------------------------------------------------------------------------------------------------

def test_settlement_points_and_units(paths):
    settlement = load_dataset("settlement", paths)
    options = views.settlement_options(settlement)
    assert options[0] == "2016"
    points = views.settlement_points(settlement, "2016")
    assert points["value"].is_monotonic_decreasing
    assert views.settlement_unit(points) == "percent of all 2016 immigrants"
    first = points.iloc[0]
    assert first["label"] == f"{first['city']} {first['value']:g}%"
    assert first["source_url"] in first["tooltip"]
    assert views.settlement_unit(views.settlement_points(settlement, "2023 Jan-Nov")) == "persons"


# --- population ----------------------------------------------------------------------------------------------------

def population_rows(*rows: dict) -> pd.DataFrame:
    base = {"date_label": "2017", "year": 2017, "period_type": "year", "unit": "persons", "percent_of": None,
            "definition": "Russian speakers", "value": 1.0}
    return pd.DataFrame([{**base, **row} for row in rows]).astype({"year": "Int64", "percent_of": "string"})


def test_population_points_span_their_years():
    points = views.population_points(population_rows(
        {"date_label": "1989-2006", "year": None, "period_type": "range"},
        {"date_label": "1994-05", "year": 1994, "period_type": "month"},
    ))
    assert points[["start", "end"]].astype(float).values.tolist() == [[1989, 2006], [1994, 1994]]
    assert points["when"].tolist() == ["1989-2006", "May 1994"]


def test_only_shares_of_the_population_meet_the_articles_share():
    points = views.population_points(population_rows(
        {"unit": "percent", "percent_of": "population"},
        {"unit": "percent", "percent_of": "foreign-born Jews and others"},
        {"unit": "persons"}, {"unit": "persons", "definition": "total population"},
    ))
    assert views.population_shares(points)["percent_of"].tolist() == ["population"]
    assert len(views.population_counts(points)) == 1


# --- seats ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("election", "label"), [("2015", "2015"), ("2019-04", "Apr 2019"), ("2019-09", "Sep 2019")])
def test_election_label(election, label):
    assert views.election_label(election) == label


def test_seats_say_which_figure_came_from_a_separate_source():
    seats = pd.DataFrame({
        "election": ["2013", "2015", "2019-04"], "seats": pd.array([31, None, 5], dtype="Int64"),
        "source_url": ["https://a.example/x", "https://www.electionguide.org/e/1", "https://a.example/y"],
        "raw_file": ["main.csv", "supplement.csv", "main.csv"],
    })
    view = views.seats_view(seats)
    assert view["separate_source"].tolist() == [False, True, False]
    assert view["gap"].tolist() == [False, True, False]
    assert view["source_note"].tolist() == ["", "from a separate source (electionguide.org), filling a gap in the "
                                                "main list", ""]


def test_real_2015_seats_come_from_the_supplement(paths):
    seats = views.seats_view(load_dataset("knesset_seats", paths))
    filled = seats[seats["separate_source"]]
    assert filled["election"].tolist() == ["2015"]
    assert filled["source_site"].tolist() == ["electionguide.org"]


# --- census --------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def areas(paths):
    return views.census_areas(load_dataset("census2022", paths))


def test_every_census_district_has_an_english_name(areas):
    assert areas["district_en"].notna().all()
    assert "national" not in set(areas["level"])


@pytest.mark.parametrize(("selection", "sentence_start"), [
    (views.CensusSelection(["Haifa"], 0, False), "Haifa districts; "),
    (views.CensusSelection(["Haifa", "Central"], 5000, True),
     "Haifa and Central districts, population at least 5,000, where an FSU country is among the top three "
     "countries of birth; "),
])
def test_census_filters_and_their_sentence(areas, selection, sentence_start):
    filters = views.census_filters(areas, selection)
    shown = apply_all(areas, filters)
    assert set(shown["district_en"]) <= set(selection.districts)
    assert (shown["population"] >= selection.min_population).all()
    if selection.fsu_only:
        assert (shown["fsu_in_top3_pct"] > 0).all()
    assert views.census_sentence(filters, shown) == f"{sentence_start}{len(shown)} areas"


def test_all_districts_and_no_minimum_keep_every_area(areas):
    filters = views.census_filters(areas, views.CensusSelection(views.districts_in_order(areas), 0, False))
    assert len(apply_all(areas, filters)) == len(areas)
    assert views.census_sentence(filters, areas).startswith("All districts; ")


# --- claims --------------------------------------------------------------------------------------------------------

def test_article_claims_are_found_by_metric(paths):
    claims = load_dataset("claims", paths)
    assert views.article_claim(claims, views.RUSSIAN_SPEAKERS_METRIC)["text"] == "more than 17%"
    assert views.article_claim(claims, views.SEATS_METRIC)["value_high"] == 17
    assert views.article_claim(claims, "no.such_metric") is None
