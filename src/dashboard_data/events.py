"""Timeline of dated Russia–Israel events (curated/events.csv), one row per event, each with its sources."""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa

from dashboard_data.errors import ProblemCollector
from dashboard_data.paths import ProjectPaths
from dashboard_data.rawcsv import FILE, LINE, blank_to_na, read_raw_csv
from dashboard_data.validation import validate_frame

NAME = "events"
KEY = ["event_id"]
RAW_FILE = "curated/events.csv"
REQUIRED = ["event_id", "date", "date_precision", "title", "category", "countries", "description_short",
            "source_url", "source_url_2", "confidence"]

# A date is kept exactly as printed; its precision says how much of it the sources support.
DATE_PATTERNS = {"day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "month": re.compile(r"^(\d{4})-(\d{2})$")}
CATEGORIES = ("consular_case", "diplomacy", "gaza_war", "jewish_agency", "security_syria", "trade",
              "travel_migration", "ukraine_sanctions_context", "ukraine_war")
CONFIDENCE_LEVELS = ("high", "medium", "low")
COUNTRY_SEPARATOR = ";"
COUNTRY_JOINER = "; "


def date_problem(text: object, precision: object) -> str | None:
    """Why `text` is not a valid date of `precision` ('day' YYYY-MM-DD, 'month' YYYY-MM), or None if it is."""
    pattern = DATE_PATTERNS.get(precision) if isinstance(precision, str) else None
    if pattern is None:
        return f"unknown date precision {precision!r}; known: {', '.join(DATE_PATTERNS)}"
    match = pattern.match(text) if isinstance(text, str) else None
    if match is None:
        return f"not a date of precision '{precision}' ({pattern.pattern})"
    parts = [int(part) for part in match.groups()]
    try:
        pd.Timestamp(*parts, *([1] * (3 - len(parts))))
    except ValueError as error:
        return f"not a calendar date: {error}"
    return None


def check_dates(raw: pd.DataFrame, date_column: str, precision_column: str, problems: ProblemCollector) -> None:
    """Named step: every date must parse at its stated precision; a malformed date is a problem, never a guess."""
    for file, line, text, precision in zip(raw[FILE], raw[LINE], raw[date_column], raw[precision_column],
                                           strict=True):
        message = date_problem(text, precision)
        if message:
            problems.add(file, int(line), date_column, text, message)


def date_part(dates: pd.Series, start: int, stop: int) -> pd.Series:
    """Year (0, 4) or month (5, 7) of checked ISO dates as Int64; <NA> where the precision does not reach it."""
    part = dates.astype("string").str.slice(start, stop)
    return pd.to_numeric(part.mask(part == ""), errors="raise").astype("Int64")


def join_countries(raw: pd.DataFrame, problems: ProblemCollector) -> pd.Series:
    """Named step: 'Russia;Israel' -> 'Russia; Israel'; names stay as printed, an empty name is a problem."""
    joined = []
    for file, line, text in zip(raw[FILE], raw[LINE], raw["countries"], strict=True):
        names = [] if pd.isna(text) else [name.strip() for name in text.split(COUNTRY_SEPARATOR)]
        if not names or not all(names):
            problems.add(file, int(line), "countries", text, "empty country name in the ';'-separated list")
        joined.append(COUNTRY_JOINER.join(names))
    return pd.Series(pd.array(joined, dtype="string"), index=raw.index)


def normalize_events(raw: pd.DataFrame) -> pd.DataFrame:
    """Raw events (all text, with raw_file/raw_line) -> the normalized timeline table."""
    text = raw.assign(**{column: blank_to_na(raw[column]) for column in REQUIRED})
    problems = ProblemCollector()
    check_dates(text, "date", "date_precision", problems)
    countries = join_countries(text, problems)
    problems.raise_if_any()
    return pd.DataFrame({
        "event_id": text["event_id"],
        "date": text["date"],
        "date_precision": text["date_precision"],
        "year": date_part(text["date"], 0, 4),
        "month": date_part(text["date"], 5, 7),
        "title": text["title"],
        "category": text["category"],
        "countries": countries,
        "description": text["description_short"],
        "confidence": text["confidence"],
        "source_url": text["source_url"],
        "source_url_2": text["source_url_2"],
        FILE: text[FILE].astype("string"),
        LINE: text[LINE],
    })


def text_column(*, nullable: bool = False, isin: tuple[str, ...] | None = None) -> pa.Column:
    """A pandera string column, optionally restricted to an explicit vocabulary."""
    return pa.Column("string", nullable=nullable, checks=[pa.Check.isin(list(isin))] if isin else [])


SCHEMA = pa.DataFrameSchema({
    "event_id": text_column(),
    "date": text_column(),
    "date_precision": text_column(isin=tuple(DATE_PATTERNS)),
    "year": pa.Column("Int64", checks=pa.Check.in_range(1900, 2100)),
    "month": pa.Column("Int64", nullable=True, checks=pa.Check.in_range(1, 12)),
    "title": text_column(),
    "category": text_column(isin=CATEGORIES),
    "countries": text_column(),
    "description": text_column(),
    "confidence": text_column(isin=CONFIDENCE_LEVELS),
    "source_url": text_column(),
    "source_url_2": text_column(nullable=True),
    FILE: text_column(),
    LINE: pa.Column("Int64"),
}, strict=True, ordered=True)


def load_events(paths: ProjectPaths) -> pd.DataFrame:
    path = paths.raw / RAW_FILE
    raw = read_raw_csv(path, REQUIRED, display_name=paths.relative(path))
    return validate_frame(normalize_events(raw), SCHEMA, KEY, NAME)


LOADERS = {NAME: load_events}
