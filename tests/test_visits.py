"""Visits: named steps (flag, direction, context stops, coordinates, capitals), malformed rows, the article's counts."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard_data.errors import DataError
from dashboard_data.metadata import frame_problems, load_metadata
from dashboard_data.paths import ProjectPaths
from dashboard_data.visits import (
    SEED,
    count_by_city,
    distinct_trips,
    load_visits,
    netanyahu_fourth_term_trips,
    putin_visits_to_israel,
)
from support import assert_matches_golden

VISITS = "data/raw/curated/visits.csv"
CITIES = "data/raw/curated/city_coords.csv"
HEADER = ("visit_id,date_start,date_end,date_precision,visitor,visitor_role,visitor_country,host,host_country,city,"
          "country,geonameid,lat,lon,occasion_or_topic,in_netanyahu_4th_term_russia_trip,source_url,source_url_2,"
          "confidence,notes")
MOSCOW = "Moscow,Russia,524901,55.7520,37.6178"
JERUSALEM = "Jerusalem,Israel,281184,31.7690,35.2163"
BETHLEHEM = "Bethlehem,Palestinian territories (West Bank),284315,31.7049,35.2038"
GOOD_ROWS = [
    f"V2012a,2012-06-25,2012-06-25,day,Vladimir Putin,President,Russia,Shimon Peres,Israel,{JERUSALEM},"
    "Talks,n/a,https://a.example/1,,high,",
    f"V2012c,2012-06-26,2012-06-26,day,Vladimir Putin,President,Russia,Mahmoud Abbas,Palestinian Authority,"
    f"{BETHLEHEM},Talks with Abbas,n/a,https://a.example/2,{SEED} (seed article of 05.03.2020),medium,",
    f"V2015,2015-09-21,2015-09-21,day,Benjamin Netanyahu,Prime Minister,Israel,Vladimir Putin,Russia,{MOSCOW},"
    "Deconfliction,yes,https://a.example/3,https://b.example/3,high,A note.",
    f"V2009,2009-09,2009-09,month,Benjamin Netanyahu,Prime Minister,Israel,,Russia,{MOSCOW},"
    "Reported secret visit,n/a,https://a.example/4,,low,",
]
CITY_ROWS = [
    "city,country,geonameid,lat,lon,source,unit",
    f"{MOSCOW},https://www.geonames.org/524901,decimal degrees WGS84",
    f"{JERUSALEM},https://www.geonames.org/281184,decimal degrees WGS84",
    f"{BETHLEHEM},https://www.geonames.org/284315,decimal degrees WGS84",
]


def project(tmp_path, rows: list[str], *, header: str = HEADER, city_rows: list[str] = CITY_ROWS) -> ProjectPaths:
    for relative, lines in ((VISITS, [header, *rows]), (CITIES, city_rows)):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ProjectPaths.at(tmp_path)


def assert_names(error: pytest.ExceptionInfo, file: str, line: int, column: str) -> None:
    message = str(error.value)
    assert f"{file}:{line}" in message
    assert f"column '{column}'" in message


@pytest.fixture
def fixture_visits(tmp_path):
    return load_visits(project(tmp_path, GOOD_ROWS)).set_index("visit_id")


@pytest.mark.parametrize(("visit_id", "expected"), [
    ("V2012a", ("Russia → Israel", False, False, ("Moscow", 55.752, 37.6178))),
    ("V2012c", ("Russia → Palestinian territories", True, False, ("Moscow", 55.752, 37.6178))),
    ("V2015", ("Israel → Russia", False, True, ("Jerusalem", 31.769, 35.2163))),
    ("V2009", ("Israel → Russia", False, False, ("Jerusalem", 31.769, 35.2163))),
])
def test_named_steps(fixture_visits, visit_id, expected):
    """Expected: direction, context stop, fourth-term flag, (origin city, lat, lon)."""
    visit = fixture_visits.loc[visit_id]
    origin = (visit["origin_city"], visit["origin_lat"], visit["origin_lon"])
    assert (visit["direction"], visit["context_stop"], visit["netanyahu_fourth_term_trip"], origin) == expected


def test_keeps_dates_and_gaps_as_printed(fixture_visits):
    secret = fixture_visits.loc["V2009"]
    assert (secret["date_start"], secret["date_precision"], secret["year"]) == ("2009-09", "month", 2009)
    assert pd.isna(secret["host"])
    assert fixture_visits.loc["V2015", "note"] == "A note."


def test_seed_source_is_normalized(fixture_visits):
    assert fixture_visits.loc["V2012c", "source_url_2"] == SEED


def test_missing_column(tmp_path):
    header = HEADER.replace(",in_netanyahu_4th_term_russia_trip", "")
    rows = [row.replace(",n/a,", ",").replace(",yes,", ",") for row in GOOD_ROWS]
    with pytest.raises(DataError) as error:
        load_visits(project(tmp_path, rows, header=header))
    assert_names(error, VISITS, 1, "in_netanyahu_4th_term_russia_trip")


def bad(replace: str, by: str) -> str:
    row = GOOD_ROWS[2].replace("V2015", "V2016")
    assert replace in row
    return row.replace(replace, by, 1)


@pytest.mark.parametrize(("bad_row", "column"), [
    (bad("2015-09-21,2015-09-21", "2015-09-31,2015-09-31"), "date_start"),
    (bad("2015-09-21,2015-09-21", "2015-09-21,2015-09"), "date_end"),
    (bad("2015-09-21,2015-09-21", "2015-09-21,2015-09-20"), "date_end"),
    (bad(",yes,", ",no,"), "in_netanyahu_4th_term_russia_trip"),
    (bad(",yes,", ",,"), "in_netanyahu_4th_term_russia_trip"),
    (bad("37.6178", "37.6200"), "lon"),
    (bad("55.7520", "55.7"), "lat"),
    (bad("Moscow,Russia,", "Moskva,Russia,"), "city"),
    (bad("524901", "491422"), "geonameid"),
    (bad("55.7520", "north"), "lat"),
    (bad("Israel,Vladimir Putin,Russia", "Israel,Vladimir Putin,Belarus"), "host_country"),
    (bad("Prime Minister,Israel", "Prime Minister,Ukraine"), "visitor_country"),
    (bad(",high,", ",certain,"), "confidence"),
    (bad("V2016", "V2009"), "visit_id"),
])
def test_malformed_row_names_file_line_column(tmp_path, bad_row, column):
    with pytest.raises(DataError) as error:
        load_visits(project(tmp_path, [*GOOD_ROWS, bad_row]))
    assert_names(error, VISITS, 6, column)


@pytest.mark.parametrize(("city_row", "line", "column"), [
    ("Jerusalem,Israel,524901,31.7690,35.2163,https://www.geonames.org/281184,decimal degrees WGS84", 5, "geonameid"),
    ("Sochi,Russia,491422,43.5970,39.7248,https://www.geonames.org/491422,degrees", 5, "unit"),
])
def test_malformed_city_table(tmp_path, city_row, line, column):
    with pytest.raises(DataError) as error:
        load_visits(project(tmp_path, GOOD_ROWS, city_rows=[*CITY_ROWS, city_row]))
    assert_names(error, CITIES, line, column)


def test_missing_capital_is_an_error(tmp_path):
    without_jerusalem = [row for row in CITY_ROWS if not row.startswith("Jerusalem")]
    with pytest.raises(DataError, match="capital of Israel"):
        load_visits(project(tmp_path, GOOD_ROWS[2:], city_rows=without_jerusalem))


@pytest.fixture(scope="module")
def visits(paths):
    return load_visits(paths)


def test_netanyahu_fourth_term_trips(visits):
    trips = netanyahu_fourth_term_trips(visits)
    assert len(trips) == 12
    assert count_by_city(trips) == {"Moscow": 10, "Sochi": 2}
    assert (trips["date_start"].min(), trips["date_start"].max()) == ("2015-09-21", "2020-01-30")
    assert set(trips["visitor"]) == {"Benjamin Netanyahu"}
    assert set(trips["direction"]) == {"Israel → Russia"}


def test_putin_visits_to_israel(visits):
    legs = putin_visits_to_israel(visits)
    assert legs["visit_id"].tolist() == ["V2005a", "V2012a", "V2012b", "V2020a"]
    trips = distinct_trips(legs)
    assert trips["year"].tolist() == [2005, 2012, 2020]
    assert trips["cities"].tolist() == ["Jerusalem", "Netanya; Jerusalem", "Jerusalem"]
    assert trips["n_legs"].tolist() == [1, 2, 1]
    assert set(legs["city"]) == {"Jerusalem", "Netanya"}


def test_context_stops_are_the_bethlehem_legs(visits):
    stops = visits[visits["context_stop"]]
    assert stops["visit_id"].tolist() == ["V2012c", "V2020b"]
    assert set(stops["city"]) == {"Bethlehem"}


def test_full_dataset(visits, paths):
    assert len(visits) == 31
    assert visits["source_url"].notna().all()
    assert (visits["source_url_2"] == SEED).sum() == 1
    assert not frame_problems(visits, load_metadata(paths.meta / "visits.json"), "data/meta/visits.json")
    assert_matches_golden(visits, "visits")
