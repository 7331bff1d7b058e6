"""Diaspora datasets: parsers and mapping tables, inline fixtures, malformed inputs, golden outputs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard_data import diaspora
from dashboard_data.diaspora import (
    IMMIGRATION_UNITS,
    Period,
    classify_origin,
    fill_gap_from_supplement,
    map_agency,
    parse_date_label,
    parse_dated_period,
    parse_election,
    parse_list_type,
    parse_period,
    parse_settlement_unit,
    parse_unit,
    to_persons,
)
from dashboard_data.errors import DataError
from dashboard_data.metadata import frame_problems, load_metadata
from dashboard_data.rawcsv import read_raw_csv
from dashboard_data.validation import validate_frame
from support import assert_matches_golden

OLIM_HEADER = "year,period_note,origin,measure,value,unit,source_url,attribution,confidence,notes\n"
SETTLEMENT_HEADER = "period,population,city,geonameid,lat,lon,value,unit,source_url,attribution,confidence\n"
SEATS_HEADER = "election,knesset,seats,votes,vote_share_pct,unit,source_url,confidence,notes\n"
POPULATION_HEADER = "date,measure,value,unit,source_url,attribution,confidence,notes\n"


def raw_fixture(tmp_path: Path, name: str, text: str, required: list[str]) -> pd.DataFrame:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_raw_csv(path, required, display_name=name)


def assert_located(error: DataError, file: str, line: int, column: str) -> None:
    message = str(error)
    assert f"{file}:{line}" in message, message
    assert f"column '{column}'" in message, message


# --- parsers and mapping tables -----------------------------------------------------------------------------

@pytest.mark.parametrize(("label", "expected"), [
    ("calendar year", Period("calendar year", None, ())),
    ("calendar year, approx.", Period("approximate year", None, ("approximate",))),
    ("calendar year (provisional)", Period("calendar year", None, ("preliminary",))),
    ("calendar year (reported 23 Dec 2008)", Period("calendar year", None, ("reported before year end",))),
    ("calendar year (JA count to early Dec 2022)", Period("part year", "Jan–early Dec", ("part year",))),
    ("Jan-Nov", Period("part year", "Jan–Nov", ("part year",))),
    ("24 Feb-31 Jul", Period("part year", "24 Feb–31 Jul", ("part year",))),
    ("1 Jan-22 Dec", Period("part year", "1 Jan–22 Dec", ("part year",))),
    ("Jewish year 5770 (approx. Sep 2009-Sep 2010)",
     Period("Hebrew year", "approx. Sep 2009–Sep 2010", ("Hebrew year",))),
])
def test_parse_period(label: str, expected: Period) -> None:
    assert parse_period(label) == expected


@pytest.mark.parametrize("label", ["calendar year (estimate)", "Jan-Smarch", "fiscal year", "Jewish year 5770", ""])
def test_parse_period_rejects_unknown_labels(label: str) -> None:
    with pytest.raises(ValueError, match="unknown period label"):
        parse_period(label)


@pytest.mark.parametrize(("attribution", "agency"), [
    ("Israel MFA (embassy in Vilnius) table 1989-2009; underlying agency not named", "Israel MFA"),
    ("JTA (Jewish Agency figures implied, agency not named)", "unnamed"),
    ("'official statistics' via Arutz Sheva news brief 23 Dec 2007 (agency not named)", "unnamed"),
    ("mediaUA", "unnamed"),
    ("JTA 1975", "unnamed"),
    ("JTA 1975 citing American sources", "American sources"),
    ("CBS (Immigration Ministry data)", "CBS"),
    ("Israel CBS data as cited by M. Tolts", "CBS"),
    ("CBS year-end estimate via Interfax", "CBS"),
    ("Jewish Agency spokesman, via Haaretz (news.lt copy)", "Jewish Agency"),
    ("Jewish Agency and Ministry of Immigrant Absorption (Sep 2011)", "Jewish Agency and Ministry"),
    ("Ministry of Aliyah and Absorption and Jewish Agency", "Jewish Agency and Ministry"),
    ("Ministry of Immigrant Absorption and Jewish Agency via Ynet", "Jewish Agency and Ministry"),
    ("Ministry of Immigrant Absorption via JPost", "Ministry of Aliyah and Integration"),
    ("Ministry of Aliyah and Absorption (2014 release, 2013 base)", "Ministry of Aliyah and Integration"),
    ("Israel Absorption Ministry via JTA 26 Dec 1974", "Ministry of Aliyah and Integration"),
    ("Immigration and Absorption Ministry via Times of Israel", "Ministry of Aliyah and Integration"),
    ("partner org of Ministry of Immigrant Absorption via JTA/Jewish News", "Ministry partner organisation"),
    ("'Israeli government figures' via Algemeiner", "Israeli government (unspecified)"),
])
def test_map_agency(attribution: str, agency: str) -> None:
    assert map_agency(attribution) == agency


def test_map_agency_rejects_unmatched_attribution() -> None:
    with pytest.raises(ValueError, match="AGENCY_RULES"):
        map_agency("a blog somewhere")


@pytest.mark.parametrize(("origin", "expected"), [
    ("Russia", ("country", "RUS")),
    ("Ukraine", ("country", "UKR")),
    ("Belarus", ("country", "BLR")),
    ("Former Soviet Union", ("FSU", None)),
    ("FSU (Russia, Ukraine, other FSU)", ("FSU", None)),
    ("USSR", ("USSR", None)),
    ("Ukraine and Moldova (group)", ("FSU sub-region", None)),
    ("Eastern Europe incl. FSU", ("mixed region", None)),
    ("All countries (same table)", ("all countries", None)),
])
def test_classify_origin(origin: str, expected: tuple[str, str | None]) -> None:
    assert classify_origin(origin) == expected


def test_classify_origin_rejects_unknown_country() -> None:
    with pytest.raises(ValueError, match="unknown origin or country"):
        classify_origin("Narnia")


@pytest.mark.parametrize(("printed", "value", "unit", "persons", "flags"), [
    ("persons", 184177.0, "persons", 184177.0, ()),
    ("thousand persons (rounded)", 45.5, "persons", 45500.0, ("rounded",)),
    ("persons (rounded; 'just under 19,700')", 19700.0, "persons", 19700.0, ("rounded", "upper bound")),
    ("persons (lower bound; source says 'just over 10,000')", 10000.0, "persons", 10000.0, ("lower bound",)),
    ("percent (approx.)", 40.0, "percent", None, ("approximate",)),
])
def test_unit_conversion(printed: str, value: float, unit: str, persons: float | None, flags: tuple) -> None:
    rule = parse_unit(printed, IMMIGRATION_UNITS)
    assert (rule.unit, to_persons(value, rule), rule.flags) == (unit, persons, flags)


def test_parse_unit_rejects_unknown_unit() -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        parse_unit("million persons", IMMIGRATION_UNITS)


@pytest.mark.parametrize(("label", "expected"), [
    ("1994-05", (1994, "month")),
    ("2007", (2007, "year")),
    ("1989-2006", (None, "range")),
])
def test_parse_date_label(label: str, expected: tuple) -> None:
    assert parse_date_label(label) == expected


@pytest.mark.parametrize("label", ["2006-1989", "1994-13", "mid-2000s"])
def test_parse_date_label_rejects(label: str) -> None:
    with pytest.raises(ValueError, match="unknown date label"):
        parse_date_label(label)


@pytest.mark.parametrize(("label", "year", "period_type", "months"), [
    ("2016", 2016, "calendar year", None),
    ("2023 Jan-Nov", 2023, "part year", "Jan–Nov"),
    ("2022 late Feb-late Apr", 2022, "part year", "late Feb–late Apr"),
])
def test_parse_dated_period(label: str, year: int, period_type: str, months: str | None) -> None:
    parsed_year, period = parse_dated_period(label)
    assert (parsed_year, period.period_type, period.months) == (year, period_type, months)


def test_settlement_unit_year_must_match_period() -> None:
    assert parse_settlement_unit("percent of 2016 immigrants", 2016) == "percent"
    with pytest.raises(ValueError, match="differs"):
        parse_settlement_unit("percent of 2015 immigrants", 2016)


@pytest.mark.parametrize(("label", "year"), [("1999", 1999), ("2019-04", 2019), ("2019-09", 2019)])
def test_parse_election(label: str, year: int) -> None:
    assert parse_election(label) == year


@pytest.mark.parametrize(("printed", "expected"), [
    ("seats", ("own list", None)),
    ("seats (joint list with National Union)", ("joint list", "National Union")),
    ("seats (joint Likud Yisrael Beiteinu list)", ("joint list", "Likud")),
])
def test_parse_list_type(printed: str, expected: tuple) -> None:
    assert parse_list_type(printed) == expected


# --- inline fixtures ----------------------------------------------------------------------------------------

def test_normalize_olim_keeps_every_row_and_flags(tmp_path: Path) -> None:
    raw = raw_fixture(tmp_path, "olim.csv", OLIM_HEADER
                      + "2010,calendar year,Former Soviet Union,immigrants to Israel,7347,persons,https://a,"
                        "Ministry of Immigrant Absorption year summary (17 Jan 2012),medium,\n"
                      + "2010,calendar year,Former Soviet Union,immigrants to Israel,7700,persons (approx.),https://b,"
                        "Jewish Agency via AFP (Arabic copy),medium,\n"
                      + "1990,calendar year,Russia,immigrants to Israel,45.5,thousand persons (rounded),https://c,"
                        "Israel CBS data as cited by M. Tolts,high,\n"
                      + "2017,calendar year (updated),Ukraine,immigrants to Israel,7182,persons,https://c,"
                        "as above,medium,\n",
                      diaspora.OLIM_COLUMNS)
    frame = diaspora.normalize_olim(raw, "olim9")
    assert frame["obs_id"].tolist() == ["olim9-001", "olim9-002", "olim9-003", "olim9-004"]
    assert frame["agency"].tolist() == ["Ministry of Aliyah and Integration", "Jewish Agency", "CBS", "CBS"]
    assert frame["qualifier"].tolist() == ["as stated", "approximate", "rounded", "as stated"]
    assert frame["value_persons"].tolist() == [7347.0, 7700.0, 45500.0, 7182.0]
    assert frame["source_label"].iloc[3] == "Israel CBS data as cited by M. Tolts"
    assert frame["raw_line"].tolist() == [2, 3, 4, 5]


def test_as_above_must_share_the_source_of_the_line_above(tmp_path: Path) -> None:
    raw = raw_fixture(tmp_path, "olim.csv", OLIM_HEADER
                      + "2017,calendar year,Russia,immigrants to Israel,7224,persons,https://a,CBS via Ynet,high,\n"
                      + "2017,calendar year,Ukraine,immigrants to Israel,7182,persons,https://b,as above,high,\n",
                      diaspora.OLIM_COLUMNS)
    with pytest.raises(DataError) as caught:
        diaspora.normalize_olim(raw, "olim9")
    assert_located(caught.value, "olim.csv", 3, "attribution")


def test_normalize_population_resolves_same_as_above(tmp_path: Path) -> None:
    raw = raw_fixture(tmp_path, "pop.csv", POPULATION_HEADER
                      + "2008,born in Ukraine (census),130090,persons,raw/x.csv (census),CBS 2008 census,medium,\n"
                      + "2008,born in Belarus (census),22250,persons,same as above,CBS 2008 census,medium,\n"
                      + "1989-2006,FSU emigrants who went to Israel,979000,persons (approx.),https://a,wiki,medium,\n",
                      diaspora.POPULATION_COLUMNS)
    frame = diaspora.normalize_population(raw)
    assert frame["source_url"].tolist() == ["raw/x.csv (census)", "raw/x.csv (census)", "https://a"]
    assert frame["birth_country"].tolist()[:2] == ["Ukraine", "Belarus"]
    assert pd.isna(frame["year"].iloc[2])
    assert frame["period_type"].iloc[2] == "range"


def seat_fixture(tmp_path: Path, name: str, rows: str) -> pd.DataFrame:
    return raw_fixture(tmp_path, name, SEATS_HEADER + rows, diaspora.SEATS_COLUMNS)


def test_fill_gap_from_supplement_replaces_only_the_gap_row(tmp_path: Path) -> None:
    base = seat_fixture(tmp_path, "seats.csv", "2013,19th,31,,,seats (joint Likud Yisrael Beiteinu list),https://a,"
                        "medium,\n2015,20th,,,,seats,,gap,not retrieved\n")
    supplement = seat_fixture(tmp_path, "seats_2015.csv", "2015,20th,6,214906,5.1,seats,https://b,high,\n")
    frame = diaspora.normalize_knesset_seats(base, supplement)
    assert frame["seats"].tolist() == [31, 6]
    assert frame["raw_file"].tolist() == ["seats.csv", "seats_2015.csv"]
    assert frame["list_type"].tolist() == ["joint list", "own list"]


def test_gap_row_without_supplement_stays_a_gap(tmp_path: Path) -> None:
    base = seat_fixture(tmp_path, "seats.csv", "2015,20th,,,,seats,,gap,not retrieved\n")
    frame = diaspora.normalize_knesset_seats(base, seat_fixture(tmp_path, "none.csv", ""))
    assert pd.isna(frame["seats"].iloc[0])
    assert frame["source_url"].iloc[0] == "seats.csv"


def test_fill_gap_from_supplement_refuses_to_overwrite(tmp_path: Path) -> None:
    base = diaspora.seat_records(seat_fixture(tmp_path, "seats.csv", "2015,20th,5,,,seats,https://a,high,\n"))
    supplement = diaspora.seat_records(seat_fixture(tmp_path, "extra.csv", "2015,20th,6,,,seats,https://b,high,\n"))
    with pytest.raises(DataError, match="refusing to overwrite") as caught:
        fill_gap_from_supplement(base, supplement)
    assert_located(caught.value, "extra.csv", 2, "seats")


def test_fill_gap_from_supplement_needs_a_matching_election(tmp_path: Path) -> None:
    base = diaspora.seat_records(seat_fixture(tmp_path, "seats.csv", "2015,20th,,,,seats,,gap,\n"))
    supplement = diaspora.seat_records(seat_fixture(tmp_path, "extra.csv", "2016,20th,6,,,seats,https://b,high,\n"))
    with pytest.raises(DataError) as caught:
        fill_gap_from_supplement(base, supplement)
    assert_located(caught.value, "extra.csv", 2, "election")


# --- malformed inputs ---------------------------------------------------------------------------------------

def test_missing_column_names_file_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        raw_fixture(tmp_path, "olim.csv", OLIM_HEADER.replace("measure,", ""), diaspora.OLIM_COLUMNS)
    assert_located(caught.value, "olim.csv", 1, "measure")


@pytest.mark.parametrize(("row", "column"), [
    ("2010,calendar year,FSU,immigrants to Israel,7.3k,persons,https://a,CBS,high,", "value"),
    ("2010,calendar year,FSU,immigrants to Israel,7347,million persons,https://a,CBS,high,", "unit"),
    ("2010,calendar year,Narnia,immigrants to Israel,7347,persons,https://a,CBS,high,", "origin"),
    ("2010,fiscal year,FSU,immigrants to Israel,7347,persons,https://a,CBS,high,", "period_note"),
    ("2010,calendar year,FSU,immigrants to Israel,7347,persons,https://a,a blog,high,", "attribution"),
    ("2010,calendar year,FSU,share of all immigrants,47,persons,https://a,CBS,high,", "unit"),
    ("2010,calendar year,FSU,immigrants to Israel,7347,persons,,CBS,high,", "source_url"),
    ("10,calendar year,FSU,immigrants to Israel,7347,persons,https://a,CBS,sure,", "year"),
])
def test_malformed_immigration_row_names_file_line_and_column(tmp_path: Path, row: str, column: str) -> None:
    raw = raw_fixture(tmp_path, "olim.csv", f"{OLIM_HEADER}2010,calendar year,FSU,immigrants to Israel,1,persons,"
                      f"https://a,CBS,high,\n{row}\n", diaspora.OLIM_COLUMNS)
    with pytest.raises(DataError) as caught:
        diaspora.normalize_olim(raw, "olim9")
    assert_located(caught.value, "olim.csv", 3, column)


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    raw = raw_fixture(tmp_path, "olim.csv", OLIM_HEADER
                      + "2010,calendar year,Narnia,immigrants to Israel,7347,persons,https://a,CBS,high,\n"
                      + "2011,calendar year,FSU,immigrants to Israel,x,persons,https://a,CBS,high,\n",
                      diaspora.OLIM_COLUMNS)
    with pytest.raises(DataError) as caught:
        diaspora.normalize_olim(raw, "olim9")
    assert [(p.line, p.column) for p in caught.value.problems] == [(2, "origin"), (3, "value")]


def test_duplicate_settlement_key_names_file_and_line(tmp_path: Path) -> None:
    row = ("2016,all new immigrants,Haifa,294801,32.8130,34.9993,8,percent of 2016 immigrants,https://a,"
           "CBS via Ynet,high\n")
    raw = raw_fixture(tmp_path, "cities.csv", SETTLEMENT_HEADER + row + row, diaspora.SETTLEMENT_COLUMNS)
    frame = diaspora.normalize_settlement(raw)
    with pytest.raises(DataError, match="duplicate key") as caught:
        validate_frame(frame, diaspora.SETTLEMENT_SCHEMA, diaspora.SETTLEMENT_KEY, "settlement")
    assert_located(caught.value, "cities.csv", 3, "period_label+population+city")


def test_unknown_seat_unit_names_file_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        diaspora.seat_records(seat_fixture(tmp_path, "seats.csv", "2009,18th,15,,,mandates,https://a,high,\n"))
    assert_located(caught.value, "seats.csv", 2, "unit")


# --- the real datasets --------------------------------------------------------------------------------------

DATASETS = ["immigration", "population", "settlement", "knesset_seats"]


@pytest.mark.parametrize("name", DATASETS)
def test_dataset_matches_golden_and_sidecar(paths, name: str) -> None:
    frame = diaspora.LOADERS[name](paths)
    meta = load_metadata(paths.meta / f"{name}.json")
    assert frame_problems(frame, meta, name) == []
    assert_matches_golden(frame, name)


@pytest.fixture(scope="module")
def immigration(paths) -> pd.DataFrame:
    return diaspora.load_immigration(paths)


def test_immigration_row_counts(immigration: pd.DataFrame) -> None:
    assert len(immigration) == 72 + 87 + 69
    cbs_totals = immigration[immigration["obs_id"].str.startswith("cbs-total-")]
    assert len(cbs_totals) == 69
    assert (cbs_totals["year"].min(), cbs_totals["year"].max()) == (1949, 2017)


def test_immigration_golden_facts(immigration: pd.DataFrame) -> None:
    by_id = immigration.set_index("obs_id")
    assert by_id.loc["olim1-002", ["year", "origin_group", "value_persons", "agency"]].tolist() == [
        1990, "FSU", 184177.0, "Israel MFA"]
    assert by_id.loc["olim2-001", ["year", "origin_iso3", "value", "value_persons"]].tolist() == [
        1990, "RUS", 45.5, 45500.0]


def test_immigration_keeps_disagreeing_agencies(immigration: pd.DataFrame) -> None:
    fsu_2010 = immigration[(immigration["year"] == 2010) & (immigration["origin_group"] == "FSU")
                           & (immigration["measure"] == "immigrants")]
    calendar = fsu_2010[fsu_2010["period_type"] == "calendar year"]
    assert sorted(zip(calendar["agency"], calendar["value"], strict=True)) == [
        ("Jewish Agency", 7700.0), ("Ministry of Aliyah and Integration", 7347.0)]
    hebrew = fsu_2010[fsu_2010["period_type"] == "Hebrew year"]
    assert sorted(hebrew["value"]) == [6970.0, 7340.0]


def test_population_golden_facts(paths) -> None:
    frame = diaspora.load_population(paths)
    share = frame[(frame["year"] == 2017) & (frame["unit"] == "percent")]
    assert share[["definition", "value", "qualifier"]].values.tolist() == [["Russian speakers", 17.25, "up to"]]
    assert frame.loc[frame["year"] == 1994, "value"].tolist() == [500000.0]


def test_knesset_2015_comes_from_the_supplement(paths) -> None:
    frame = diaspora.load_knesset_seats(paths).set_index("election")
    assert frame.loc["2015", ["seats", "votes", "raw_file"]].tolist() == [
        6, 214906, "data/raw/curated/yisrael_beiteinu_seats_2015.csv"]
    assert frame["seats"].notna().all()
