"""Events timeline: date checks per precision, country joining, malformed rows, the full file against its golden."""

from __future__ import annotations

import pytest

from dashboard_data.errors import DataError
from dashboard_data.events import CATEGORIES, date_problem, load_events
from dashboard_data.metadata import frame_problems, load_metadata
from dashboard_data.paths import ProjectPaths
from support import assert_matches_golden

RAW = "data/raw/curated/events.csv"
HEADER = "event_id,date,date_precision,title,category,countries,description_short,source_url,source_url_2,confidence"
GOOD_ROWS = [
    "E001,1991-10-18,day,Ties restored,diplomacy,USSR;Israel,Joint statement.,https://a.example/1,,high",
    "E009,2016-06,month,FTA talks,trade,Russia; Israel ,Talks could begin.,https://a.example/2,https://b.example/2,medium",
]


def project(tmp_path, rows: list[str], header: str = HEADER) -> ProjectPaths:
    path = tmp_path / RAW
    path.parent.mkdir(parents=True)
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return ProjectPaths.at(tmp_path)


def assert_names(error: pytest.ExceptionInfo, line: int, column: str) -> None:
    message = str(error.value)
    assert f"{RAW}:{line}" in message
    assert f"column '{column}'" in message


@pytest.mark.parametrize(("text", "precision", "valid"), [
    ("2020-01-23", "day", True),
    ("2020-01", "month", True),
    ("2020-02-29", "day", True),
    ("2019-02-29", "day", False),
    ("2020-13", "month", False),
    ("2020-01", "day", False),
    ("2020-01-23", "month", False),
    ("2020-1-23", "day", False),
    ("23.01.2020", "day", False),
    ("2020", "year", False),
    (None, "day", False),
])
def test_date_problem(text, precision, valid):
    assert (date_problem(text, precision) is None) is valid


def test_normalizes_fixture(tmp_path):
    events = load_events(project(tmp_path, GOOD_ROWS))
    assert events["countries"].tolist() == ["USSR; Israel", "Russia; Israel"]
    assert events["year"].tolist() == [1991, 2016]
    assert events["month"].tolist() == [10, 6]
    assert events["source_url_2"].isna().tolist() == [True, False]
    assert events["raw_line"].tolist() == [2, 3]
    assert set(events["raw_file"]) == {RAW}


def test_missing_column(tmp_path):
    header = HEADER.replace(",category", "")
    rows = [row.replace(",diplomacy", "").replace(",trade", "") for row in GOOD_ROWS]
    with pytest.raises(DataError) as error:
        load_events(project(tmp_path, rows, header))
    assert_names(error, 1, "category")


@pytest.mark.parametrize(("bad_row", "column"), [
    ("E002,2008-03-32,day,Visa waiver,travel_migration,Russia;Israel,Signed.,https://a.example/3,,medium", "date"),
    ("E002,2008-03,day,Visa waiver,travel_migration,Russia;Israel,Signed.,https://a.example/3,,medium", "date"),
    ("E002,2008-03,season,Visa waiver,travel_migration,Russia;Israel,Signed.,https://a.example/3,,medium", "date"),
    ("E002,2008-03-20,day,Visa waiver,tourism,Russia;Israel,Signed.,https://a.example/3,,medium", "category"),
    ("E002,2008-03-20,day,Visa waiver,travel_migration,Russia;;Israel,Signed.,https://a.example/3,,medium",
     "countries"),
    ("E002,2008-03-20,day,Visa waiver,travel_migration,Russia;Israel,Signed.,https://a.example/3,,certain",
     "confidence"),
    ("E002,2008-03-20,day,Visa waiver,travel_migration,Russia;Israel,Signed.,,,medium", "source_url"),
    ("E001,2008-03-20,day,Visa waiver,travel_migration,Russia;Israel,Signed.,https://a.example/3,,medium", "event_id"),
])
def test_malformed_row_names_file_line_column(tmp_path, bad_row, column):
    with pytest.raises(DataError) as error:
        load_events(project(tmp_path, [*GOOD_ROWS, bad_row]))
    assert_names(error, 4, column)


def test_full_dataset(paths):
    events = load_events(paths)
    assert len(events) == 31
    assert set(events["category"]) == set(CATEGORIES)
    assert set(events["date_precision"]) == {"day", "month"}
    assert events["source_url"].notna().all()
    assert not frame_problems(events, load_metadata(paths.meta / "events.json"), "data/meta/events.json")
    assert_matches_golden(events, "events")
