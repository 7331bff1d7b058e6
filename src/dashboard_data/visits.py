"""Leader-level visits between Russia and Israel (curated/visits.csv), one row per visit leg, with map coordinates.

Coordinates come from curated/city_coords.csv (GeoNames); each leg's printed coordinates must agree with it.
The counts the article makes (trips, trips by city) are computed here from the rows, never typed in.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import pandera.pandas as pa

from dashboard_data.errors import ProblemCollector
from dashboard_data.events import CONFIDENCE_LEVELS, DATE_PATTERNS, check_dates, date_part, text_column
from dashboard_data.paths import ProjectPaths
from dashboard_data.rawcsv import FILE, LINE, blank_to_na, read_raw_csv
from dashboard_data.validation import validate_frame

NAME = "visits"
KEY = ["visit_id"]
RAW_VISITS = "curated/visits.csv"
RAW_CITIES = "curated/city_coords.csv"
REQUIRED = ["visit_id", "date_start", "date_end", "date_precision", "visitor", "visitor_role", "visitor_country",
            "host", "host_country", "city", "country", "geonameid", "lat", "lon", "occasion_or_topic",
            "in_netanyahu_4th_term_russia_trip", "source_url", "source_url_2", "confidence", "notes"]
CITY_REQUIRED = ["city", "country", "geonameid", "lat", "lon", "source", "unit"]
COORDINATE_UNITS = {"decimal degrees WGS84": "decimal degrees WGS84"}
NUMBER_PARSERS = {"Int64": int, "Float64": float}

SEED = "seeds/000_dadec4a85cfbf35b.txt"
# The raw cites the seed with a human note appended; provenance keeps the bare project path.
SOURCE_ALIASES = {f"{SEED} (seed article of 05.03.2020)": SEED}
VISITOR_ISO3 = {"Russia": "RUS", "Israel": "ISR"}
FOURTH_TERM_FLAG = {"yes": True, "n/a": False}
DIRECTIONS = {
    ("Israel", "Russia"): "Israel → Russia",
    ("Russia", "Israel"): "Russia → Israel",
    ("Russia", "Palestinian Authority"): "Russia → Palestinian territories",
}
# Legs hosted by the Palestinian Authority (Putin's Bethlehem stops) are not Russia–Israel meetings.
CONTEXT_STOP_HOSTS = frozenset({"Palestinian Authority"})
# Map arcs start at the visitor's capital as the visitor's own state designates it (GeoNames ids).
ORIGIN_CAPITAL_GEONAMEID = {"Russia": 524901, "Israel": 281184}
PUTIN = "Vladimir Putin"


def map_values(raw: pd.DataFrame, column: str, mapping: Mapping, problems: ProblemCollector, what: str) -> list:
    """Named mapping step: each value must be a key of `mapping`; an unmapped value is a problem, never a guess."""
    mapped = []
    for file, line, value in zip(raw[FILE], raw[LINE], raw[column], strict=True):
        if value not in mapping:
            known = ", ".join(repr(key) for key in mapping)
            problems.add(file, int(line), column, value, f"unknown {what}; known: {known}")
        mapped.append(mapping.get(value))
    return mapped


def parse_numbers(raw: pd.DataFrame, column: str, dtype: str, problems: ProblemCollector) -> pd.Series:
    """Named step: text -> Int64 or Float64; an empty or non-numeric cell is a problem."""
    parse = NUMBER_PARSERS[dtype]
    numbers = []
    for file, line, text in zip(raw[FILE], raw[LINE], raw[column], strict=True):
        try:
            numbers.append(parse(text))
        except (TypeError, ValueError):
            problems.add(file, int(line), column, text, f"not a number (expected {dtype})")
            numbers.append(None)
    return pd.Series(pd.array(numbers, dtype=dtype), index=raw.index)


def normalize_cities(raw: pd.DataFrame) -> pd.DataFrame:
    """city_coords.csv (all text) -> one row per GeoNames id with Float64 coordinates."""
    text = raw.assign(**{column: blank_to_na(raw[column]) for column in CITY_REQUIRED})
    problems = ProblemCollector()
    map_values(text, "unit", COORDINATE_UNITS, problems, "coordinate unit")
    cities = places(text, problems)
    repeated = cities[cities.duplicated("geonameid", keep="first")]
    for file, line, geonameid in zip(repeated[FILE], repeated[LINE], repeated["geonameid"], strict=True):
        problems.add(file, int(line), "geonameid", geonameid, "duplicate GeoNames id in the coordinates table")
    check_capitals(cities, problems)
    problems.raise_if_any()
    return cities


def check_capitals(cities: pd.DataFrame, problems: ProblemCollector) -> None:
    """Named step: the coordinates table must hold every capital used as a map-arc origin."""
    for country, geonameid in ORIGIN_CAPITAL_GEONAMEID.items():
        if geonameid not in set(cities["geonameid"].dropna()):
            cities_file = cities[FILE].iloc[0] if len(cities) else RAW_CITIES
            problems.add(cities_file, None, "geonameid", geonameid,
                         f"the capital of {country} (map-arc origin) is missing")


def check_coordinates(legs: pd.DataFrame, cities: pd.DataFrame, problems: ProblemCollector) -> None:
    """Named step: a leg's city, country, lat and lon must equal the coordinates table's row for its geonameid."""
    by_id = cities.dropna(subset=["geonameid"]).set_index("geonameid").to_dict("index")
    cities_file = cities[FILE].iloc[0] if len(cities) else RAW_CITIES
    for leg in legs.to_dict("records"):
        file, line, geonameid = leg[FILE], int(leg[LINE]), leg["geonameid"]
        if pd.isna(geonameid):
            continue
        if geonameid not in by_id:
            problems.add(file, line, "geonameid", geonameid, f"GeoNames id not in {cities_file}")
            continue
        known = by_id[geonameid]
        for column in ("city", "country", "lat", "lon"):
            if pd.notna(leg[column]) and leg[column] != known[column]:
                problems.add(file, line, column, leg[column],
                             f"disagrees with {known[FILE]}:{known[LINE]} for geonameid {geonameid} "
                             f"(there: {known[column]!r})")


def map_direction(raw: pd.DataFrame, problems: ProblemCollector) -> list:
    """Named step: (visitor_country, host_country) -> travel direction; an unlisted pair is a problem."""
    directions = []
    for file, line, visitor_country, host_country in zip(raw[FILE], raw[LINE], raw["visitor_country"],
                                                         raw["host_country"], strict=True):
        direction = DIRECTIONS.get((visitor_country, host_country))
        if direction is None:
            known = ", ".join(f"{v} → {h}" for v, h in DIRECTIONS)
            problems.add(file, int(line), "host_country", host_country,
                         f"no direction for a visitor from {visitor_country!r} to this host country; known: {known}")
        directions.append(direction)
    return directions


def check_date_order(raw: pd.DataFrame, problems: ProblemCollector) -> None:
    """Named step: a leg cannot end before it starts (ISO strings of one precision compare as dates)."""
    ends_first = (raw["date_end"] < raw["date_start"]).fillna(False).astype(bool)
    for file, line, end in zip(raw.loc[ends_first, FILE], raw.loc[ends_first, LINE], raw.loc[ends_first, "date_end"],
                               strict=True):
        problems.add(file, int(line), "date_end", end, "date_end is before date_start")


def origin_capitals(visitor_countries: pd.Series, cities: pd.DataFrame) -> dict[str, pd.Series]:
    """Named step: the visitor's capital (ORIGIN_CAPITAL_GEONAMEID) with its coordinates from the cities table."""
    by_id = cities.set_index("geonameid")
    capitals = by_id.loc[[ORIGIN_CAPITAL_GEONAMEID.get(country) for country in visitor_countries]]
    return {
        "origin_city": pd.Series(capitals["city"].array, index=visitor_countries.index, dtype="string"),
        "origin_lat": pd.Series(capitals["lat"].array, index=visitor_countries.index, dtype="Float64"),
        "origin_lon": pd.Series(capitals["lon"].array, index=visitor_countries.index, dtype="Float64"),
    }


def normalize_source(urls: pd.Series) -> pd.Series:
    """Named step: the seed article cited with a note becomes its bare project path (SOURCE_ALIASES)."""
    return urls.replace(SOURCE_ALIASES)


def normalize_visits(raw: pd.DataFrame, cities: pd.DataFrame) -> pd.DataFrame:
    """Raw visit legs (all text, with raw_file/raw_line) + the normalized cities table -> the visits table."""
    text = raw.assign(**{column: blank_to_na(raw[column]) for column in REQUIRED})
    problems = ProblemCollector()
    check_dates(text, "date_start", "date_precision", problems)
    check_dates(text, "date_end", "date_precision", problems)
    check_date_order(text, problems)
    visitor_iso3 = map_values(text, "visitor_country", VISITOR_ISO3, problems, "visitor country")
    direction = map_direction(text, problems)
    fourth_term = map_values(text, "in_netanyahu_4th_term_russia_trip", FOURTH_TERM_FLAG, problems, "flag value")
    place = places(text, problems)
    check_coordinates(place, cities, problems)
    problems.raise_if_any()
    origins = origin_capitals(text["visitor_country"], cities)
    return pd.DataFrame({
        "visit_id": text["visit_id"],
        "date_start": text["date_start"],
        "date_end": text["date_end"],
        "date_precision": text["date_precision"],
        "year": date_part(text["date_start"], 0, 4),
        "visitor": text["visitor"],
        "visitor_role": text["visitor_role"],
        "visitor_country": text["visitor_country"],
        "visitor_iso3": pd.array(visitor_iso3, dtype="string"),
        "direction": pd.array(direction, dtype="string"),
        "host": text["host"],
        "host_country": text["host_country"],
        "city": text["city"],
        "city_country": text["country"],
        "geonameid": place["geonameid"],
        "lat": place["lat"],
        "lon": place["lon"],
        **origins,
        "occasion": text["occasion_or_topic"],
        "netanyahu_fourth_term_trip": pd.array(fourth_term, dtype="boolean"),
        "context_stop": text["host_country"].isin(CONTEXT_STOP_HOSTS).astype("boolean"),
        "confidence": text["confidence"],
        "note": text["notes"],
        "source_url": normalize_source(text["source_url"]),
        "source_url_2": normalize_source(text["source_url_2"]),
        FILE: text[FILE].astype("string"),
        LINE: text[LINE],
    }, index=text.index)


def netanyahu_fourth_term_trips(visits: pd.DataFrame) -> pd.DataFrame:
    """The legs the raw flags as Netanyahu's fourth-term trips to Russia."""
    return visits[visits["netanyahu_fourth_term_trip"]]


def count_by_city(frame: pd.DataFrame) -> dict[str, int]:
    """Rows per city, most frequent first (ties by city name)."""
    counts = frame["city"].value_counts()
    return {city: int(n) for city, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))}


def putin_visits_to_israel(visits: pd.DataFrame) -> pd.DataFrame:
    """Putin's legs hosted by Israel, one row per visit day and city; the Bethlehem context stops are left out."""
    hosted = (visits["visitor"] == PUTIN) & (visits["host_country"] == "Israel") & ~visits["context_stop"]
    return visits[hosted]


def distinct_trips(legs: pd.DataFrame) -> pd.DataFrame:
    """One row per trip: legs of the same visitor that start on the same date are one trip (V2012a + V2012b).

    Cities and visit ids are listed in raw-file order, joined with '; '.
    """
    in_file_order = legs.sort_values(LINE)
    trips = in_file_order.groupby(["date_start", "visitor"], sort=True).agg(
        year=("year", "first"),
        date_end=("date_end", "max"),
        cities=("city", lambda cities: "; ".join(dict.fromkeys(cities))),
        visit_ids=("visit_id", "; ".join),
        n_legs=("visit_id", "size"),
    )
    return trips.reset_index()


def _degrees(limit: float) -> pa.Column:
    return pa.Column("Float64", checks=pa.Check.in_range(-limit, limit))


SCHEMA = pa.DataFrameSchema({
    "visit_id": text_column(),
    "date_start": text_column(),
    "date_end": text_column(),
    "date_precision": text_column(isin=tuple(DATE_PATTERNS)),
    "year": pa.Column("Int64", checks=pa.Check.in_range(1900, 2100)),
    "visitor": text_column(),
    "visitor_role": text_column(),
    "visitor_country": text_column(isin=tuple(VISITOR_ISO3)),
    "visitor_iso3": text_column(isin=tuple(VISITOR_ISO3.values())),
    "direction": text_column(isin=tuple(DIRECTIONS.values())),
    "host": text_column(nullable=True),
    "host_country": text_column(),
    "city": text_column(),
    "city_country": text_column(),
    "geonameid": pa.Column("Int64"),
    "lat": _degrees(90),
    "lon": _degrees(180),
    "origin_city": text_column(),
    "origin_lat": _degrees(90),
    "origin_lon": _degrees(180),
    "occasion": text_column(),
    "netanyahu_fourth_term_trip": pa.Column("boolean"),
    "context_stop": pa.Column("boolean"),
    "confidence": text_column(isin=CONFIDENCE_LEVELS),
    "note": text_column(nullable=True),
    "source_url": text_column(),
    "source_url_2": text_column(nullable=True),
    FILE: text_column(),
    LINE: pa.Column("Int64"),
}, strict=True, ordered=True)


def load_visits(paths: ProjectPaths) -> pd.DataFrame:
    cities_path = paths.raw / RAW_CITIES
    cities = normalize_cities(read_raw_csv(cities_path, CITY_REQUIRED, display_name=paths.relative(cities_path)))
    visits_path = paths.raw / RAW_VISITS
    raw = read_raw_csv(visits_path, REQUIRED, display_name=paths.relative(visits_path))
    return validate_frame(normalize_visits(raw, cities), SCHEMA, KEY, NAME)


LOADERS = {NAME: load_visits}


def places(text: pd.DataFrame, problems: ProblemCollector) -> pd.DataFrame:
    """City, country, GeoNames id and coordinates of each row, parsed (both raw files carry the same columns)."""
    return pd.DataFrame({
        "city": text["city"],
        "country": text["country"],
        "geonameid": parse_numbers(text, "geonameid", "Int64", problems),
        "lat": parse_numbers(text, "lat", "Float64", problems),
        "lon": parse_numbers(text, "lon", "Float64", problems),
        FILE: text[FILE],
        LINE: text[LINE],
    })
