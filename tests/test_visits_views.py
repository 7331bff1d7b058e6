"""The Visits page's pure logic: filters, timeline points, routes, and the article's counts against the data."""

import pandas as pd
import pytest

from dashboard_data import visits_views as views
from dashboard_data.filters import apply_all, describe
from dashboard_data.registry import load_dataset, metadata


@pytest.fixture(scope="module")
def visits(paths):
    return load_dataset("visits", paths)


@pytest.fixture(scope="module")
def claims(paths):
    return load_dataset("claims", paths)


def choices(visits, **changes):
    everything = {"leaders": views.leaders_in_order(visits), "directions": views.directions_in_order(visits),
                  "years": (2005, 2022), "fourth_term_only": False, "with_context_stops": True}
    return views.VisitChoices(**{**everything, **changes})


def test_fourth_term_trips_against_the_articles_eleven(visits, claims):
    check = views.check_fourth_term(visits, claims)
    assert check.value == 12
    assert check.detail == "Moscow 10 · Sochi 2"
    assert check.claim["text"] == "eleven times"
    assert check.verdicts == {"trips to Russia": "differs", "trips to Moscow": "differs"}
    assert len(check.legs) == 12


def test_putin_in_the_articles_window_count_agrees_city_differs(visits, claims):
    check = views.check_putin_window(visits, claims)
    assert check.label == "Putin's trips to Israel, 2012–2020"
    assert check.value == 2
    assert check.detail == "2012 and 2020 · Jerusalem and Netanya · Tel Aviv: 0"
    assert check.claim["text"] == "twice"
    assert check.verdicts == {"number of trips": "agrees", "city": "differs"}
    assert check.legs["visit_id"].tolist() == ["V2012a", "V2012b", "V2020a"]


def test_all_putin_trips_and_those_outside_the_articles_window(visits, claims):
    check = views.all_putin_trips(visits, claims)
    assert (check.value, check.detail) == (
        3, "2005, 2012 and 2020 · Jerusalem and Netanya · outside the article's 2012–2020: 2005")


def test_the_data_holds_no_sourced_eleven_meetings_remark(visits, paths):
    assert views.rows_mentioning_count(visits, 11).empty
    assert views.counting_notes(visits)["visit_id"].tolist() == ["V2013b", "V2018c"]
    notes = views.metadata_notes_mentioning(metadata("visits", paths), "eleven")
    assert len(notes) == 1
    assert "no row here sources that remark" in notes[0]


@pytest.mark.parametrize(("note", "found"), [
    ("Netanyahu: we have met 11 times", True),
    ("Eleven meetings with Putin so far", True),
    ("Motorcade of 11 cars", False),
    ("Met for 110 minutes", False),
])
def test_a_sourced_remark_would_be_found(visits, note, found):
    fixture = visits.head(1).assign(note=pd.array([note], dtype="string"))
    assert len(views.rows_mentioning_count(fixture, 11)) == int(found)


@pytest.mark.parametrize(("period", "years"), [("2012–2020", (2012, 2020)), ("fourth term", None), (pd.NA, None)])
def test_claimed_years(period, years):
    assert views.claimed_years(pd.Series({"period": period})) == years


@pytest.mark.parametrize(("data", "claimed", "word"), [(2, 2.0, "agrees"), (12, 11.0, "differs"),
                                                       (3, None, "no figure to compare")])
def test_verdict(data, claimed, word):
    assert views.verdict(data, claimed) == word


def test_filters_and_their_sentence(visits):
    filters = views.visit_filters(visits, choices(visits, leaders=["Vladimir Putin"], years=(2010, 2020),
                                                  with_context_stops=False))
    shown = apply_all(visits, filters)
    assert shown["visit_id"].tolist() == ["V2012a", "V2012b", "V2020a"]
    assert describe(filters, shown, noun="visit leg").startswith(
        "Vladimir Putin visitors, all directions, 2010–2020, without context stops; 3 visit legs from 3 sources")


def test_fourth_term_flag_keeps_the_twelve_trips(visits):
    shown = apply_all(visits, views.visit_filters(visits, choices(visits, fourth_term_only=True)))
    assert len(shown) == 12
    assert shown["netanyahu_fourth_term_trip"].all()


def test_timeline_points_mark_month_precision_and_stack_same_day_legs(visits):
    points = views.timeline_points(visits).set_index("visit_id")
    assert points.loc["V2009", "when"] == pd.Timestamp("2009-09-01")
    assert points["month_only"][lambda flags: flags].index.tolist() == ["V2009", "V2011"]
    assert points.loc[["V2012a", "V2012b", "V2012c"], "stack"].tolist() == [0, 1, 0]


@pytest.mark.parametrize(("start", "end", "precision", "label"), [
    ("2009-09", "2009-09", "month", "September 2009 (month only)"),
    ("2019-02-27", "2019-02-27", "day", "2019-02-27"),
    ("2016-03-15", "2016-03-17", "day", "2016-03-15 to 2016-03-17"),
])
def test_date_label(start, end, precision, label):
    assert views.date_label(pd.Series({"date_start": start, "date_end": end, "date_precision": precision})) == label


def test_routes_count_every_leg_once_per_visitor(visits):
    table = views.routes(visits)
    assert table["legs"].sum() == len(visits)
    into_moscow = table[(table["city"] == "Moscow")].set_index("visitor")
    assert into_moscow["legs"].to_dict() == {"Ehud Olmert": 3, "Benjamin Netanyahu": 14, "Shimon Peres": 1,
                                             "Reuven Rivlin": 1, "Naftali Bennett": 1}
    assert into_moscow["lane"].tolist() == [0, 1, 2, 3, 4]
    bethlehem = table[table["city"] == "Bethlehem"].iloc[0]
    assert bethlehem["context_stop"]
    assert bethlehem["tooltip"].replace("\n", " ").startswith(
        "Vladimir Putin: Moscow → Bethlehem, 2 visits, 2012–2020 — context stop, not a Russia–Israel meeting")
    assert max(len(line) for line in table["tooltip"].str.cat(sep="\n").splitlines()) <= 64


@pytest.mark.parametrize(("picked", "title"), [
    ({"visitor": "Naftali Bennett", "origin_city": "Jerusalem", "city": "Sochi", "direction": "Israel → Russia"},
     "Naftali Bennett: Jerusalem → Sochi (Israel → Russia)"),
    ({"city": "Sochi"}, "visits hosted in Sochi"),
])
def test_selection_title(picked, title):
    assert views.selection_title(picked) == title


def test_legs_on_a_selected_route_or_city(visits):
    route = {"origin_city": "Moscow", "city": "Jerusalem", "direction": "Russia → Israel", "visitor": "Vladimir Putin"}
    assert views.legs_on_route(visits, route)["visit_id"].tolist() == ["V2005a", "V2012b", "V2020a"]
    city = views.cities(visits).set_index("city").loc["Sochi"]
    assert views.legs_on_route(visits, {"city": "Sochi"})["visit_id"].tolist() == city["visit_ids"].split(", ")


@pytest.mark.parametrize(("headline_years", "year", "params"), [
    ({2018}, 2018, {"year": ["2018"]}),
    ({2018}, 2005, {"years": ["2005", "2005"]}),
    (set(), 1850, None),
])
def test_trade_link_uses_what_the_trade_page_accepts(headline_years, year, params):
    def accepts(candidate):
        if "year" in candidate:
            return int(candidate["year"][0]) in headline_years
        return all(1991 <= int(value) <= 2023 for value in candidate["years"])

    assert views.trade_link_params(year, accepts) == params


def test_charts_are_described_in_words(visits):
    assert views.timeline_alt(visits).startswith(
        "Timeline of 31 visit legs, 2005–2022, one marker per leg. By direction: Israel → Russia 24, "
        "Russia → Israel 5, Russia → Palestinian territories 2. By visitor: Benjamin Netanyahu 17,")
    assert views.map_alt(views.routes(visits)).startswith(
        "Map of 11 routes from the visitor's capital to the host city, visits per route: "
        "Benjamin Netanyahu, Jerusalem to Moscow: 14;")
