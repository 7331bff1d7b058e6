"""CBS 2022 census subset: number parsing with suppression marks, country mapping, area ids, golden head."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard_data import census
from dashboard_data.census import (
    HEBREW_COUNTRY_NAMES,
    area_level,
    country_in_english,
    fsu_share_of_top3,
    parse_census_integer,
    parse_census_number,
    parse_stat_area_label,
)
from dashboard_data.errors import DataError
from dashboard_data.metadata import frame_problems, load_metadata
from dashboard_data.rawcsv import read_raw_csv
from dashboard_data.validation import validate_frame
from support import assert_matches_golden

HEADER = ",".join(census.RAW_COLUMNS) + "\n"
NATIONAL = 'כלל ארצי,,,,,9601720.0,23.9,40.0,רוסיה,15.9,אוקראינה,14.9,מרוקו,7.1\n'
AREA = 'אבן יהודה,182.0,4.0,4+9,מחוז המרכז,3220.0,13.4,20.7,ארצות הברית,11.4,מרוקו,10.7,"בריה""מ (לשעבר)",7.1\n'
SUPPRESSED = "אבו גוש,472.0,,,מחוז ירושלים,8660.0,,,,,,,,\n"


def raw_fixture(tmp_path: Path, text: str) -> pd.DataFrame:
    path = tmp_path / "census.csv"
    path.write_text(text, encoding="utf-8")
    return read_raw_csv(path, census.RAW_COLUMNS, display_name="census.csv")


def assert_located(error: DataError, line: int, column: str) -> None:
    message = str(error)
    assert f"census.csv:{line}" in message, message
    assert f"column '{column}'" in message, message


@pytest.mark.parametrize(("text", "expected"), [
    ("9601720.0", 9601720.0), ("23.9", 23.9), ("0.0", 0.0), ("", None), ("  ", None), ("  .", None), (".", None),
])
def test_parse_census_number(text: str, expected: float | None) -> None:
    assert parse_census_number(text) == expected


@pytest.mark.parametrize("text", ["..", "-", "n/a", "1,234", "12%"])
def test_parse_census_number_rejects_garbage(text: str) -> None:
    with pytest.raises(ValueError, match="suppression mark"):
        parse_census_number(text)


def test_parse_census_integer() -> None:
    assert parse_census_integer("472.0") == 472
    assert parse_census_integer("") is None
    with pytest.raises(ValueError, match="whole number"):
        parse_census_integer("4.5")


@pytest.mark.parametrize(("hebrew", "english"), [
    ("רוסיה", "Russia"), ("אוקראינה", "Ukraine"), ('בריה"מ (לשעבר)', "USSR (former)"), ("בלארוס", "Belarus"),
    ("מולדובה", "Moldova"), ("אוזבקיסטן", "Uzbekistan"), ("אזרבייג'אן", "Azerbaijan"), ("גאורגייה", "Georgia"),
    ("ארצות הברית", "United States"), ("  .", None), ("", None),
])
def test_country_in_english(hebrew: str, english: str | None) -> None:
    assert country_in_english(hebrew) == english


def test_country_in_english_rejects_unmapped_name() -> None:
    with pytest.raises(ValueError, match="HEBREW_COUNTRY_NAMES"):
        country_in_english("ארץ לא ידועה")


def test_every_country_name_in_the_raw_file_is_mapped(paths) -> None:
    raw = read_raw_csv(paths.raw / "cbs-census2022-statareas" / "census2022_stat_areas.csv", census.RAW_COLUMNS)
    names = {name.strip() for n in census.TOP_COUNTRIES for name in raw[f"Country{n}Heb"]} - {""}
    assert names <= set(HEBREW_COUNTRY_NAMES)


@pytest.mark.parametrize(("countries", "shares", "expected"), [
    (["Russia", "Ukraine", "Morocco"], [15.9, 14.9, 7.1], 30.8),
    (["Yemen", "United States", "Morocco"], [19.7, 12.1, 6.3], 0.0),
    (["United States", "Morocco", "USSR (former)"], [11.4, 10.7, 7.1], 7.1),
    ([None, None, None], [None, None, None], None),
])
def test_fsu_share_of_top3(countries: list, shares: list, expected: float | None) -> None:
    assert fsu_share_of_top3(countries, shares) == expected


@pytest.mark.parametrize(("code", "area", "name", "expected"), [
    (None, None, "כלל ארצי", ("national", "national")),
    (472, None, "אבו גוש", ("472", "locality")),
    (182, 4, "אבן יהודה", ("182-4", "statistical area")),
])
def test_area_level(code: int | None, area: int | None, name: str, expected: tuple[str, str]) -> None:
    assert area_level(code, area, name) == expected


def test_area_level_needs_a_locality_code_outside_the_national_row() -> None:
    with pytest.raises(ValueError, match="national row"):
        area_level(None, None, "אבו גוש")


@pytest.mark.parametrize(("text", "expected"), [("4.0", "4"), ("12", "12"), ("4+9", "4+9"),
                                                ("16+11+12+17", "16+11+12+17"), ("", None)])
def test_parse_stat_area_label(text: str, expected: str | None) -> None:
    assert parse_stat_area_label(text) == expected


def test_normalize_census_inline(tmp_path: Path) -> None:
    frame = census.normalize_census2022(raw_fixture(tmp_path, HEADER + NATIONAL + AREA + SUPPRESSED))
    assert frame["area_id"].tolist() == ["national", "182-4", "472"]
    assert frame["level"].tolist() == ["national", "statistical area", "locality"]
    assert frame["country3_en"].tolist()[:2] == ["Morocco", "USSR (former)"]
    assert frame["fsu_in_top3_pct"].tolist()[:2] == [30.8, 7.1]
    assert frame.iloc[2][["born_abroad_pct", "country1_he", "fsu_in_top3_pct"]].isna().all()
    assert frame["population"].tolist() == [9601720, 3220, 8660]


def test_missing_column_names_file_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        raw_fixture(tmp_path, HEADER.replace("j_abr_pcnt,", "") + "\n")
    assert_located(caught.value, 1, "j_abr_pcnt")


@pytest.mark.parametrize(("row", "column"), [
    (AREA.replace("13.4", "13.4%"), "j_abr_pcnt"),
    (AREA.replace("3220.0", "about 3000"), "pop_approx"),
    (AREA.replace("182.0", "182.5"), "LocalityCode"),
    (AREA.replace("מרוקו", "ארץ לא ידועה"), "Country2Heb"),
    (AREA.replace("10.7", ""), "Country2Heb_pcnt"),
    (AREA.replace("4+9", "north"), "StatAreaCmb"),
], ids=lambda case: case if case in census.RAW_COLUMNS else "row")
def test_malformed_row_names_file_line_and_column(tmp_path: Path, row: str, column: str) -> None:
    with pytest.raises(DataError) as caught:
        census.normalize_census2022(raw_fixture(tmp_path, HEADER + NATIONAL + row))
    assert_located(caught.value, 3, column)


def test_duplicate_area_names_file_and_line(tmp_path: Path) -> None:
    frame = census.normalize_census2022(raw_fixture(tmp_path, HEADER + AREA + AREA))
    with pytest.raises(DataError, match="duplicate key") as caught:
        validate_frame(frame, census.SCHEMA, census.KEY, "census2022")
    assert_located(caught.value, 3, "area_id")


@pytest.fixture(scope="module")
def census2022(paths) -> pd.DataFrame:
    return census.load_census2022(paths)


def test_census_counts(census2022: pd.DataFrame) -> None:
    assert len(census2022) == 2335
    assert census2022["level"].value_counts().to_dict() == {"statistical area": 2193, "locality": 141, "national": 1}
    assert census2022["born_abroad_pct"].isna().sum() == 367


def test_census_national_row(census2022: pd.DataFrame) -> None:
    national = census2022.set_index("area_id").loc["national"]
    assert national[["population", "born_abroad_pct", "immigrated_1990_2001_pct", "country1_en", "country1_pct",
                      "country2_en", "country2_pct", "fsu_in_top3_pct"]].tolist() == [
        9601720, 23.9, 40.0, "Russia", 15.9, "Ukraine", 14.9, 30.8]


def test_census_matches_sidecar_and_golden_head(paths, census2022: pd.DataFrame) -> None:
    assert frame_problems(census2022, load_metadata(paths.meta / "census2022.json"), "census2022") == []
    assert census2022["area_id"].iloc[0] == "national"
    # The national row is the file's first row, so the head holds it plus the first 30 areas.
    assert_matches_golden(census2022.head(31), "census2022")
