"""Diaspora datasets: immigration from the former USSR, FSU population points, where immigrants settle, and the
Knesset seats of the Russian speakers' party.

Every figure keeps its reporter, unit, period and flags. Agencies disagree on most years; their figures are kept
as separate rows, never reconciled. Free text (periods, units, origins, agencies) is mapped through the explicit
tables below; anything they do not cover is a DataError naming file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from dashboard_data.errors import DataError, ProblemCollector
from dashboard_data.paths import ProjectPaths
from dashboard_data.rawcsv import FILE, LINE, read_raw_csv
from dashboard_data.units import scale_to_units
from dashboard_data.validation import validate_frame

CBS_TOTALS_URL = "https://www.cbs.gov.il/he/publications/doclib/2018/4.%20shnatonimmigration/st04_02.pdf"
CBS_TOTALS_LABEL = "CBS Statistical Abstract of Israel 2018, table 4.2 (via R package Nenuial/geodata)"

OLIM_COLUMNS = ["year", "period_note", "origin", "measure", "value", "unit", "source_url", "attribution",
                "confidence", "notes"]
CBS_TOTALS_COLUMNS = ["year", "immigration"]
POPULATION_COLUMNS = ["date", "measure", "value", "unit", "source_url", "attribution", "confidence", "notes"]
SETTLEMENT_COLUMNS = ["period", "population", "city", "geonameid", "lat", "lon", "value", "unit", "source_url",
                      "attribution", "confidence"]
SEATS_COLUMNS = ["election", "knesset", "seats", "votes", "vote_share_pct", "unit", "source_url", "confidence",
                 "notes"]

AS_STATED = "as stated"
CONFIDENCE = ["high", "medium", "low"]
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
INTEGER = re.compile(r"^\d+$")
YEAR = re.compile(r"^\d{4}$")


# --- cell-level steps shared by the loaders ------------------------------------------------------------------

class Cells:
    """One raw row: apply named steps to its cells, remembering every failure with file, line and column."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.row = row
        self.problems = ProblemCollector()

    def parse(self, column: str, step: Callable[[str], Any]) -> Any:
        try:
            return step(self.row[column])
        except ValueError as error:
            self.fail(column, str(error))
            return None

    def fail(self, column: str, message: str) -> None:
        self.problems.add(self.row[FILE], int(self.row[LINE]), column, self.row[column], message)

    @property
    def clean(self) -> bool:
        return not self.problems.problems

    def raise_if_any(self) -> None:
        self.problems.raise_if_any()


def normalize_rows(raw: pd.DataFrame, build_row: Callable[[Cells, int], dict[str, Any]]) -> list[dict[str, Any]]:
    """Build one output record per raw row; collect the problems of the whole file and raise once."""
    problems = ProblemCollector()
    records = []
    for number, row in enumerate(raw.to_dict("records"), start=1):
        try:
            records.append(build_row(Cells(row), number))
        except DataError as error:
            problems.capture(error)
    problems.raise_if_any()
    return records


def typed_frame(records: list[dict[str, Any]], dtypes: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(records, columns=list(dtypes)).astype(dtypes)


def schema_for(dtypes: dict[str, str], checks: dict[str, pa.Check], nullable: Iterable[str]) -> pa.DataFrameSchema:
    nullable = set(nullable)
    return pa.DataFrameSchema(
        {name: pa.Column(dtype, checks.get(name), nullable=name in nullable) for name, dtype in dtypes.items()},
        strict=True, ordered=True)


def text(value: str) -> str:
    stripped = value.strip()
    if not stripped:
        raise ValueError("a value is required here")
    return stripped


def optional_text(value: str) -> str | None:
    return value.strip() or None


def parse_number(value: str) -> float:
    """A plain decimal as printed (no thousands separators, no words)."""
    if not NUMBER.match(value.strip()):
        raise ValueError("not a number")
    return float(value)


def parse_optional_number(value: str) -> float | None:
    return parse_number(value) if value.strip() else None


def parse_optional_count(value: str) -> int | None:
    if not value.strip():
        return None
    if not INTEGER.match(value.strip()):
        raise ValueError("not a whole number")
    return int(value)


def parse_year(value: str) -> int:
    if not YEAR.match(value.strip()):
        raise ValueError("a four-digit year is required")
    return int(value)


def parse_confidence(value: str) -> str:
    if value not in CONFIDENCE:
        raise ValueError(f"unknown confidence; known: {', '.join(CONFIDENCE)}")
    return value


def resolve_as_above(raw: pd.DataFrame, column: str, marker: str, same_column: str) -> pd.DataFrame:
    """Replace a cell that says e.g. "as above" by the resolved cell of the previous line.

    The row must share `same_column` (its source URL or attribution) with the previous line, so a marker can
    never borrow the attribution of a different source.
    """
    resolved = raw.copy()
    problems = ProblemCollector()
    for position in range(len(resolved)):
        if resolved[column].iat[position] != marker:
            continue
        row = resolved.iloc[position]
        if position == 0 or resolved[same_column].iat[position - 1] != row[same_column]:
            problems.add(row[FILE], int(row[LINE]), column, marker,
                         f"'{marker}' needs a previous line with the same {same_column}")
            continue
        resolved.iat[position, resolved.columns.get_loc(column)] = resolved[column].iat[position - 1]
    problems.raise_if_any()
    return resolved


def join_flags(flags: Iterable[str]) -> str:
    unique = list(dict.fromkeys(flags))
    return "; ".join(unique) if unique else AS_STATED


def primary_qualifier(flags: Iterable[str], precedence: tuple[str, ...]) -> str:
    """The flag a reader must see first; flags outside `precedence` are context only."""
    present = set(flags)
    return next((flag for flag in precedence if flag in present), AS_STATED)


# --- periods ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    period_type: str
    months: str | None
    flags: tuple[str, ...]


MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
DAY_OR_PART = r"(?:\d{1,2} |early |late )?"
MONTH_RANGE = re.compile(rf"^({DAY_OR_PART}{MONTH})-({DAY_OR_PART}{MONTH})$")
HEBREW_YEAR = re.compile(rf"^Jewish year \d{{4}} \(approx\. ({MONTH} \d{{4}})-({MONTH} \d{{4}})\)$")
CALENDAR_YEAR = Period("calendar year", None, ())
PRELIMINARY_YEAR = Period("calendar year", None, ("preliminary",))
EARLY_REPORT_YEAR = Period("calendar year", None, ("reported before year end",))

CALENDAR_YEAR_LABELS: dict[str, Period] = {
    "calendar year": CALENDAR_YEAR,
    "calendar year, approx.": Period("approximate year", None, ("approximate",)),
    "calendar year (provisional)": PRELIMINARY_YEAR,
    "calendar year (preliminary, Dec 2016)": PRELIMINARY_YEAR,
    "calendar year (preliminary CBS estimate, Dec 2022)": PRELIMINARY_YEAR,
    "calendar year (preliminary CBS estimate, 28 Dec 2023)": PRELIMINARY_YEAR,
    "calendar year (reported 23 Dec 2008)": EARLY_REPORT_YEAR,
    "calendar year (published 27 Dec 2012)": EARLY_REPORT_YEAR,
    "calendar year (updated)": Period("calendar year", None, ("updated",)),
    "calendar year (updated, incl. tourists who changed status)":
        Period("calendar year", None, ("updated", "includes tourists who changed status")),
    # Labelled a calendar year, but the Jewish Agency counted only to early December: not a whole year.
    "calendar year (JA count to early Dec 2022)": Period("part year", "Jan–early Dec", ("part year",)),
}
PERIOD_TYPES = ["calendar year", "part year", "Hebrew year", "approximate year"]


def parse_period(label: str) -> Period:
    """Classify a period label as printed; Hebrew years and part years must never pass for calendar years."""
    if label in CALENDAR_YEAR_LABELS:
        return CALENDAR_YEAR_LABELS[label]
    if match := MONTH_RANGE.match(label):
        return Period("part year", f"{match[1]}–{match[2]}", ("part year",))
    if match := HEBREW_YEAR.match(label):
        return Period("Hebrew year", f"approx. {match[1]}–{match[2]}", ("Hebrew year",))
    raise ValueError("unknown period label: not a month range like 'Jan-Nov', not 'Jewish year NNNN (approx. "
                     "Mon YYYY-Mon YYYY)', not one of the calendar-year labels in CALENDAR_YEAR_LABELS")


# --- units --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class UnitRule:
    unit: str
    multiplier: str | None
    flags: tuple[str, ...]


IMMIGRATION_UNITS: dict[str, UnitRule] = {
    "persons": UnitRule("persons", None, ()),
    "persons (rounded)": UnitRule("persons", None, ("rounded",)),
    "persons (approx.)": UnitRule("persons", None, ("approximate",)),
    "persons (lower bound; source says 'just over 10,000')": UnitRule("persons", None, ("lower bound",)),
    # "just under 19,700": the true count is below the printed figure.
    "persons (rounded; 'just under 19,700')": UnitRule("persons", None, ("rounded", "upper bound")),
    "persons (rounded, '14.6 thousand')": UnitRule("persons", None, ("rounded",)),
    "thousand persons (rounded)": UnitRule("persons", "thousand", ("rounded",)),
    "percent": UnitRule("percent", None, ()),
    "percent (approx.)": UnitRule("percent", None, ("approximate",)),
}


def parse_unit(printed: str, rules: dict[str, UnitRule]) -> UnitRule:
    if printed not in rules:
        raise ValueError(f"unknown unit; known: {'; '.join(rules)}")
    return rules[printed]


def to_persons(value: float, rule: UnitRule) -> float | None:
    """The named conversion step: persons stated in thousands become persons; percentages have no persons."""
    if rule.unit != "persons":
        return None
    return value if rule.multiplier is None else scale_to_units(value, rule.multiplier)


# --- origins and agencies -----------------------------------------------------------------------------------

ORIGIN_GROUPS = {
    "Former Soviet Union": "FSU",
    "FSU": "FSU",
    "FSU (Russia, Ukraine, other FSU)": "FSU",
    "USSR": "USSR",
    "All countries": "all countries",
    "All countries (same table)": "all countries",
    "FSU and Eastern Europe": "mixed region",
    "Eastern Europe incl. FSU": "mixed region",
    "Russia, Belarus and Baltic states (group)": "FSU sub-region",
    "Ukraine and Moldova (group)": "FSU sub-region",
    "South Caucasus (group)": "FSU sub-region",
    "Central Asia (group)": "FSU sub-region",
}
COUNTRY_ISO3 = {
    "Russia": "RUS", "Ukraine": "UKR", "Belarus": "BLR", "Moldova": "MDA", "Estonia": "EST", "Latvia": "LVA",
    "Lithuania": "LTU", "Georgia": "GEO", "Armenia": "ARM", "Azerbaijan": "AZE", "Kazakhstan": "KAZ",
    "Kyrgyzstan": "KGZ", "Tajikistan": "TJK", "Turkmenistan": "TKM", "Uzbekistan": "UZB",
}
ORIGIN_GROUP_NAMES = ["FSU", "USSR", "country", "FSU sub-region", "mixed region", "all countries"]


def classify_origin(origin: str) -> tuple[str, str | None]:
    """(origin group, ISO3 code for a single country)."""
    if origin in ORIGIN_GROUPS:
        return ORIGIN_GROUPS[origin], None
    if origin in COUNTRY_ISO3:
        return "country", COUNTRY_ISO3[origin]
    raise ValueError("unknown origin or country (add it to ORIGIN_GROUPS or COUNTRY_ISO3)")


MINISTRY = "Ministry of Aliyah and Integration"
JA_AND_MINISTRY = "Jewish Agency and Ministry"
UNNAMED = "unnamed"
# First match wins, so specific rules come before general ones: the MFA table says "underlying agency not
# named" but the MFA published it; "Jewish Agency figures implied, agency not named" names no agency.
# The ministry's older names (Immigrant Absorption, Aliyah and Absorption) are the same ministry.
AGENCY_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), agency) for pattern, agency in (
    (r"^Israel MFA\b", "Israel MFA"),
    (r"agency not named|^mediaUA$|^israelnetz citing Yedioth$|^JTA 1975$", UNNAMED),
    (r"^JTA 1975 citing American sources$", "American sources"),
    (r"^'Israeli government figures'", "Israeli government (unspecified)"),
    (r"^partner org of Ministry of Immigrant Absorption\b", "Ministry partner organisation"),
    (r"^(Israel )?CBS\b", "CBS"),
    (r"^Jewish Agency and Ministry\b|^Ministry of (Aliyah and Absorption|Immigrant Absorption) and Jewish Agency\b",
     JA_AND_MINISTRY),
    (r"^Jewish Agency\b", "Jewish Agency"),
    (r"^(Israel Absorption Ministry|Immigration and Absorption Ministry|Ministry of (Aliyah and Integration|"
     r"Immigrant Absorption|Aliyah and Absorption))\b", MINISTRY),
))
AGENCIES = list(dict.fromkeys(agency for _, agency in AGENCY_RULES))


def map_agency(attribution: str) -> str:
    """The agency behind a figure, from the attribution text as printed."""
    for pattern, agency in AGENCY_RULES:
        if pattern.search(attribution):
            return agency
    raise ValueError("attribution matches no rule in AGENCY_RULES")


# --- immigration --------------------------------------------------------------------------------------------

MEASURES = {
    "immigrants to Israel": "immigrants",
    "share of all immigrants": "share of all immigrants",
    "change in immigrants vs previous year": "change vs previous year",
    "Soviet Jews reaching Israel via Vienna": "immigrants via Vienna",
    "Soviet Jews arriving in Israel": "arrivals in Israel",
}
MEASURE_UNITS = {
    "immigrants": "persons",
    "share of all immigrants": "percent",
    "change vs previous year": "percent",
    "immigrants via Vienna": "persons",
    "arrivals in Israel": "persons",
}
IMMIGRATION_QUALIFIERS = ("Hebrew year", "part year", "lower bound", "upper bound", "preliminary", "approximate",
                          "rounded")
IMMIGRATION_DTYPES = {
    "obs_id": "string", "year": "Int64", "period_type": "string", "period_label": "string", "months": "string",
    "origin": "string", "origin_group": "string", "origin_iso3": "string", "measure": "string",
    "value": "Float64", "unit_as_printed": "string", "unit": "string", "value_persons": "Float64",
    "agency": "string", "qualifier": "string", "flags": "string", "confidence": "string", "note": "string",
    "source_url": "string", "source_label": "string", "raw_file": "string", "raw_line": "Int64",
}
IMMIGRATION_KEY = ["obs_id"]
IMMIGRATION_SCHEMA = schema_for(
    IMMIGRATION_DTYPES,
    {
        "obs_id": pa.Check.str_matches(r"^(olim1-\d{3}|olim2-\d{3}|cbs-total-\d{4})$"),
        "period_type": pa.Check.isin(PERIOD_TYPES),
        "origin_group": pa.Check.isin(ORIGIN_GROUP_NAMES),
        "origin_iso3": pa.Check.isin(list(COUNTRY_ISO3.values())),
        "measure": pa.Check.isin(list(MEASURE_UNITS)),
        "unit": pa.Check.isin(["persons", "percent"]),
        "agency": pa.Check.isin(AGENCIES),
        "qualifier": pa.Check.isin([AS_STATED, *IMMIGRATION_QUALIFIERS]),
        "confidence": pa.Check.isin([*CONFIDENCE, "not given"]),
    },
    nullable=["months", "origin_iso3", "value_persons", "note"],
)


def normalize_olim(raw: pd.DataFrame, id_prefix: str) -> pd.DataFrame:
    """Normalize a curated FSU-immigration file (olim_fsu_by_year*.csv); ids are `<prefix>-<row number>`."""
    resolved = resolve_as_above(raw, "attribution", "as above", "source_url")
    return typed_frame(normalize_rows(resolved, lambda cells, number: _olim_record(cells, f"{id_prefix}-{number:03d}")),
                       IMMIGRATION_DTYPES)


def _olim_record(cells: Cells, obs_id: str) -> dict[str, Any]:
    row = cells.row
    year = cells.parse("year", parse_year)
    period = cells.parse("period_note", parse_period)
    origin = cells.parse("origin", classify_origin)
    measure = cells.parse("measure", _map_measure)
    value = cells.parse("value", parse_number)
    unit = cells.parse("unit", lambda printed: parse_unit(printed, IMMIGRATION_UNITS))
    agency = cells.parse("attribution", map_agency)
    confidence = cells.parse("confidence", parse_confidence)
    source_url = cells.parse("source_url", text)
    if measure and unit and MEASURE_UNITS[measure] != unit.unit:
        cells.fail("unit", f"measure '{measure}' needs unit {MEASURE_UNITS[measure]}, not {unit.unit}")
    cells.raise_if_any()
    flags = [*period.flags, *unit.flags]
    return {
        "obs_id": obs_id, "year": year, "period_type": period.period_type, "period_label": row["period_note"],
        "months": period.months, "origin": row["origin"], "origin_group": origin[0], "origin_iso3": origin[1],
        "measure": measure, "value": value, "unit_as_printed": row["unit"], "unit": unit.unit,
        "value_persons": to_persons(value, unit), "agency": agency,
        "qualifier": primary_qualifier(flags, IMMIGRATION_QUALIFIERS), "flags": join_flags(flags),
        "confidence": confidence, "note": optional_text(row["notes"]), "source_url": source_url,
        "source_label": row["attribution"], "raw_file": row[FILE], "raw_line": row[LINE],
    }


def _map_measure(printed: str) -> str:
    if printed not in MEASURES:
        raise ValueError(f"unknown measure; known: {'; '.join(MEASURES)}")
    return MEASURES[printed]


def normalize_cbs_totals(raw: pd.DataFrame) -> pd.DataFrame:
    """CBS yearly totals of immigrants from all countries; the file has no confidence column, so none is given."""
    return typed_frame(normalize_rows(raw, lambda cells, _: _cbs_total_record(cells)), IMMIGRATION_DTYPES)


def _cbs_total_record(cells: Cells) -> dict[str, Any]:
    year = cells.parse("year", parse_year)
    value = cells.parse("immigration", parse_number)
    cells.raise_if_any()
    return {
        "obs_id": f"cbs-total-{year}", "year": year, "period_type": "calendar year", "period_label": "calendar year",
        "months": None, "origin": "All countries", "origin_group": "all countries", "origin_iso3": None,
        "measure": "immigrants", "value": value, "unit_as_printed": "persons", "unit": "persons",
        "value_persons": value, "agency": map_agency(CBS_TOTALS_LABEL), "qualifier": AS_STATED, "flags": AS_STATED,
        "confidence": "not given", "note": None, "source_url": CBS_TOTALS_URL, "source_label": CBS_TOTALS_LABEL,
        "raw_file": cells.row[FILE], "raw_line": cells.row[LINE],
    }


def load_immigration(paths: ProjectPaths) -> pd.DataFrame:
    curated = paths.raw / "curated"
    first = _read(paths, curated / "olim_fsu_by_year.csv", OLIM_COLUMNS)
    second = _read(paths, curated / "olim_fsu_by_year_2.csv", OLIM_COLUMNS)
    totals = _read(paths, paths.raw / "nenuial-geodata" / "immigration_israel_total_1949_2017.csv",
                   CBS_TOTALS_COLUMNS)
    frame = pd.concat([normalize_olim(first, "olim1"), normalize_olim(second, "olim2"),
                       normalize_cbs_totals(totals)], ignore_index=True)
    return validate_frame(frame, IMMIGRATION_SCHEMA, IMMIGRATION_KEY, "immigration")


def _read(paths: ProjectPaths, path: Path, required: list[str]) -> pd.DataFrame:
    return read_raw_csv(path, required, display_name=paths.relative(path))


# --- population ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PopulationMeasure:
    definition: str
    birth_country: str | None
    percent_of: str | None
    flags: tuple[str, ...] = ()


FSU_SINCE_1989 = "FSU immigrants since 1989"
RUSSIAN_SPEAKERS = "Russian speakers"
BORN_IN_FSU_COUNTRY = "born in FSU country"
FOREIGN_BORN_JEWS_AND_OTHERS = "foreign-born Jews and others"
POPULATION_MEASURES: dict[str, PopulationMeasure] = {
    "FSU immigrants arrived since Jan 1989": PopulationMeasure(FSU_SINCE_1989, None, None),
    "FSU emigrants who went to Israel": PopulationMeasure(FSU_SINCE_1989, None, None),
    "Russian-Jewish population in Israel, core": PopulationMeasure("Russian-Jewish population", None, None),
    "born in Russian Federation (census)": PopulationMeasure(BORN_IN_FSU_COUNTRY, "Russia", None),
    "born in Ukraine (census)": PopulationMeasure(BORN_IN_FSU_COUNTRY, "Ukraine", None),
    "born in Belarus (census)": PopulationMeasure(BORN_IN_FSU_COUNTRY, "Belarus", None),
    "born in Uzbekistan (census)": PopulationMeasure(BORN_IN_FSU_COUNTRY, "Uzbekistan", None),
    # "Since the fall of the USSR" is not the same start as "since 1989"; the two are kept apart.
    "residents of post-Soviet states immigrated since fall of USSR":
        PopulationMeasure("FSU immigrants since the fall of the USSR", None, None),
    "people from former Soviet Union living in Israel (Putin statement)":
        PopulationMeasure("people from the FSU", None, None),
    "Russian-speaking Israelis (up to)": PopulationMeasure(RUSSIAN_SPEAKERS, None, None, ("up to",)),
    "Russian-speaking share of population (up to)":
        PopulationMeasure(RUSSIAN_SPEAKERS, None, "population", ("up to",)),
    "Russian speakers in Israel": PopulationMeasure(RUSSIAN_SPEAKERS, None, None),
    "Russian speakers share of population": PopulationMeasure(RUSSIAN_SPEAKERS, None, "population"),
    "Jews & others born abroad, share": PopulationMeasure("foreign-born", None, "Jews and others"),
    "born in Russia, share of foreign-born Jews & others":
        PopulationMeasure(BORN_IN_FSU_COUNTRY, "Russia", FOREIGN_BORN_JEWS_AND_OTHERS),
    "born in Ukraine, share of foreign-born Jews & others":
        PopulationMeasure(BORN_IN_FSU_COUNTRY, "Ukraine", FOREIGN_BORN_JEWS_AND_OTHERS),
    "foreign-born Jews & others who immigrated 1990-2001":
        PopulationMeasure("foreign-born, immigrated 1990–2001", None, FOREIGN_BORN_JEWS_AND_OTHERS),
    "census population (national row)": PopulationMeasure("total population", None, None),
}
POPULATION_UNITS: dict[str, UnitRule] = {
    "persons": UnitRule("persons", None, ()),
    "persons (approx.)": UnitRule("persons", None, ("approximate",)),
    "persons (approx., political statement)": UnitRule("persons", None, ("approximate", "political statement")),
    "percent": UnitRule("percent", None, ()),
    "percent (approx.)": UnitRule("percent", None, ("approximate",)),
    "percent of Jews and others": UnitRule("percent", None, ()),
    "percent of foreign-born": UnitRule("percent", None, ()),
}
POPULATION_QUALIFIERS = ("political statement", "up to", "approximate")
DATE_LABEL = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")
YEAR_RANGE = re.compile(r"^(\d{4})-(\d{4})$")
POPULATION_DTYPES = {
    "point_id": "string", "date_label": "string", "year": "Int64", "period_type": "string", "measure": "string",
    "definition": "string", "birth_country": "string", "percent_of": "string", "value": "Float64",
    "unit_as_printed": "string", "unit": "string", "qualifier": "string", "flags": "string",
    "confidence": "string", "note": "string", "source_url": "string", "source_label": "string",
    "raw_file": "string", "raw_line": "Int64",
}
POPULATION_KEY = ["point_id"]
POPULATION_SCHEMA = schema_for(
    POPULATION_DTYPES,
    {
        "period_type": pa.Check.isin(["year", "month", "range"]),
        "definition": pa.Check.isin(sorted({m.definition for m in POPULATION_MEASURES.values()})),
        "birth_country": pa.Check.isin(list(COUNTRY_ISO3)),
        "percent_of": pa.Check.isin(sorted({m.percent_of for m in POPULATION_MEASURES.values() if m.percent_of})),
        "unit": pa.Check.isin(["persons", "percent"]),
        "qualifier": pa.Check.isin([AS_STATED, *POPULATION_QUALIFIERS]),
        "confidence": pa.Check.isin(CONFIDENCE),
    },
    nullable=["year", "birth_country", "percent_of", "note"],
)


def parse_date_label(label: str) -> tuple[int | None, str]:
    """(year, period type): "1994-05" is a month of 1994; "1989-2006" is a range and has no single year."""
    if match := DATE_LABEL.match(label):
        return int(match[1]), "month" if match[2] else "year"
    if (match := YEAR_RANGE.match(label)) and match[1] < match[2]:
        return None, "range"
    raise ValueError("unknown date label; expected YYYY, YYYY-MM or YYYY-YYYY")


def _map_population_measure(printed: str) -> PopulationMeasure:
    if printed not in POPULATION_MEASURES:
        raise ValueError("unknown measure (add it to POPULATION_MEASURES)")
    return POPULATION_MEASURES[printed]


def normalize_population(raw: pd.DataFrame) -> pd.DataFrame:
    resolved = resolve_as_above(raw, "source_url", "same as above", "attribution")
    return typed_frame(normalize_rows(resolved, _population_record), POPULATION_DTYPES)


def _population_record(cells: Cells, number: int) -> dict[str, Any]:
    row = cells.row
    year, period_type = cells.parse("date", parse_date_label) or (None, None)
    measure = cells.parse("measure", _map_population_measure)
    value = cells.parse("value", parse_number)
    unit = cells.parse("unit", lambda printed: parse_unit(printed, POPULATION_UNITS))
    confidence = cells.parse("confidence", parse_confidence)
    source_url = cells.parse("source_url", text)
    if measure and unit and (unit.unit == "percent") != (measure.percent_of is not None):
        cells.fail("unit", f"unit {unit.unit} does not fit the measure (percent needs a base, persons none)")
    cells.raise_if_any()
    flags = [*measure.flags, *unit.flags]
    return {
        "point_id": f"pop-{number:03d}", "date_label": row["date"], "year": year, "period_type": period_type,
        "measure": row["measure"], "definition": measure.definition, "birth_country": measure.birth_country,
        "percent_of": measure.percent_of, "value": value, "unit_as_printed": row["unit"], "unit": unit.unit,
        "qualifier": primary_qualifier(flags, POPULATION_QUALIFIERS), "flags": join_flags(flags),
        "confidence": confidence, "note": optional_text(row["notes"]), "source_url": source_url,
        "source_label": row["attribution"], "raw_file": row[FILE], "raw_line": row[LINE],
    }


def load_population(paths: ProjectPaths) -> pd.DataFrame:
    raw = _read(paths, paths.raw / "curated" / "fsu_population_points.csv", POPULATION_COLUMNS)
    return validate_frame(normalize_population(raw), POPULATION_SCHEMA, POPULATION_KEY, "population")


# --- settlement ---------------------------------------------------------------------------------------------

IMMIGRANT_GROUPS = {
    "all new immigrants": "all new immigrants",
    "all new immigrants (83.6% FSU in 2023)": "all new immigrants",
    "immigrants from Ukraine, Russia, Belarus": "from Ukraine, Russia and Belarus",
}
SETTLEMENT_PERIOD = re.compile(r"^(\d{4})(?: (.+))?$")
PERCENT_OF_YEAR = re.compile(r"^percent of (\d{4}) immigrants$")
SETTLEMENT_DTYPES = {
    "city": "string", "geonameid": "Int64", "lat": "Float64", "lon": "Float64", "period_label": "string",
    "year": "Int64", "period_type": "string", "months": "string", "population": "string",
    "immigrant_group": "string", "value": "Float64", "unit_as_printed": "string", "unit": "string",
    "agency": "string", "confidence": "string", "source_url": "string", "source_label": "string",
    "raw_file": "string", "raw_line": "Int64",
}
SETTLEMENT_KEY = ["period_label", "population", "city"]
SETTLEMENT_SCHEMA = schema_for(
    SETTLEMENT_DTYPES,
    {
        "lat": pa.Check.in_range(-90, 90),
        "lon": pa.Check.in_range(-180, 180),
        "period_type": pa.Check.isin(["calendar year", "part year"]),
        "immigrant_group": pa.Check.isin(sorted(set(IMMIGRANT_GROUPS.values()))),
        "unit": pa.Check.isin(["persons", "percent"]),
        "agency": pa.Check.isin(AGENCIES),
        "confidence": pa.Check.isin(CONFIDENCE),
    },
    nullable=["months"],
)


def parse_dated_period(label: str) -> tuple[int, Period]:
    """"2016" is a calendar year; "2023 Jan-Nov" and "2022 late Feb-late Apr" are parts of a year."""
    match = SETTLEMENT_PERIOD.match(label)
    if not match:
        raise ValueError("unknown period; expected 'YYYY' or 'YYYY <month range>'")
    if match[2] is None:
        return int(match[1]), CALENDAR_YEAR
    months = MONTH_RANGE.match(match[2])
    if not months:
        raise ValueError("unknown month range after the year")
    return int(match[1]), Period("part year", f"{months[1]}–{months[2]}", ("part year",))


def parse_settlement_unit(printed: str, year: int | None) -> str:
    """"persons", or "percent of YYYY immigrants" where YYYY must be the row's own year."""
    if printed == "persons":
        return "persons"
    match = PERCENT_OF_YEAR.match(printed)
    if not match:
        raise ValueError("unknown unit; expected 'persons' or 'percent of YYYY immigrants'")
    if year is not None and int(match[1]) != year:
        raise ValueError(f"the unit's year differs from the period's year {year}")
    return "percent"


def _map_immigrant_group(printed: str) -> str:
    if printed not in IMMIGRANT_GROUPS:
        raise ValueError("unknown immigrant group (add it to IMMIGRANT_GROUPS)")
    return IMMIGRANT_GROUPS[printed]


def normalize_settlement(raw: pd.DataFrame) -> pd.DataFrame:
    return typed_frame(normalize_rows(raw, lambda cells, _: _settlement_record(cells)), SETTLEMENT_DTYPES)


def _settlement_record(cells: Cells) -> dict[str, Any]:
    row = cells.row
    year, period = cells.parse("period", parse_dated_period) or (None, None)
    record = {
        "city": cells.parse("city", text), "geonameid": cells.parse("geonameid", parse_optional_count),
        "lat": cells.parse("lat", parse_number), "lon": cells.parse("lon", parse_number),
        "immigrant_group": cells.parse("population", _map_immigrant_group),
        "value": cells.parse("value", parse_number),
        "unit": cells.parse("unit", lambda printed: parse_settlement_unit(printed, year)),
        "agency": cells.parse("attribution", map_agency), "confidence": cells.parse("confidence", parse_confidence),
        "source_url": cells.parse("source_url", text),
    }
    cells.raise_if_any()
    return {
        **record, "period_label": row["period"], "year": year, "period_type": period.period_type,
        "months": period.months, "population": row["population"], "unit_as_printed": row["unit"],
        "source_label": row["attribution"], "raw_file": row[FILE], "raw_line": row[LINE],
    }


def load_settlement(paths: ProjectPaths) -> pd.DataFrame:
    raw = _read(paths, paths.raw / "curated" / "immigrant_settlement_by_city.csv", SETTLEMENT_COLUMNS)
    return validate_frame(normalize_settlement(raw), SETTLEMENT_SCHEMA, SETTLEMENT_KEY, "settlement")


# --- Knesset seats ------------------------------------------------------------------------------------------

SEAT_UNITS = {
    "seats": ("own list", None),
    "seats (joint list with National Union)": ("joint list", "National Union"),
    "seats (joint Likud Yisrael Beiteinu list)": ("joint list", "Likud"),
}
ELECTION = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")
GAP = "gap"
SEATS_DTYPES = {
    "election": "string", "election_year": "Int64", "knesset": "string", "seats": "Int64", "votes": "Int64",
    "vote_share_pct": "Float64", "list_type": "string", "list_partner": "string", "confidence": "string",
    "note": "string", "source_url": "string", "raw_file": "string", "raw_line": "Int64",
}
SEATS_KEY = ["election"]
SEATS_SCHEMA = schema_for(
    SEATS_DTYPES,
    {
        "election": pa.Check.str_matches(ELECTION.pattern),
        "knesset": pa.Check.str_matches(r"^\d+(st|nd|rd|th)$"),
        "seats": pa.Check.in_range(0, 120),
        "vote_share_pct": pa.Check.in_range(0, 100),
        "list_type": pa.Check.isin(["own list", "joint list"]),
        "list_partner": pa.Check.isin(sorted({partner for _, partner in SEAT_UNITS.values() if partner})),
        "confidence": pa.Check.isin([*CONFIDENCE, GAP]),
    },
    nullable=["seats", "votes", "vote_share_pct", "list_partner", "note"],
)


def parse_election(label: str) -> int:
    """Year of an election labelled "2020" or, where a year had two, "2019-04"."""
    match = ELECTION.match(label)
    if not match:
        raise ValueError("unknown election label; expected YYYY or YYYY-MM")
    return int(match[1])


def parse_list_type(printed: str) -> tuple[str, str | None]:
    if printed not in SEAT_UNITS:
        raise ValueError(f"unknown unit; known: {'; '.join(SEAT_UNITS)}")
    return SEAT_UNITS[printed]


def _seats_confidence(value: str) -> str:
    return GAP if value == GAP else parse_confidence(value)


def seat_records(raw: pd.DataFrame) -> list[dict[str, Any]]:
    return normalize_rows(raw, lambda cells, _: _seat_record(cells))


def _seat_record(cells: Cells) -> dict[str, Any]:
    row = cells.row
    record = {
        "election": row["election"], "election_year": cells.parse("election", parse_election),
        "knesset": row["knesset"], "seats": cells.parse("seats", parse_optional_count),
        "votes": cells.parse("votes", parse_optional_count),
        "vote_share_pct": cells.parse("vote_share_pct", parse_optional_number),
        "confidence": cells.parse("confidence", _seats_confidence),
    }
    list_type = cells.parse("unit", parse_list_type)
    cells.raise_if_any()
    # A gap row has no source of its own; the raw file that records the gap is its provenance.
    source_url = optional_text(row["source_url"]) or (row[FILE] if record["confidence"] == GAP else None)
    return {
        **record, "list_type": list_type[0], "list_partner": list_type[1], "note": optional_text(row["notes"]),
        "source_url": source_url, "raw_file": row[FILE], "raw_line": row[LINE],
    }


def fill_gap_from_supplement(base: list[dict[str, Any]], supplement: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Replace a gap row (seats empty) by the supplement's row for the same election and Knesset.

    A row that already has seats is never overwritten: two sourced figures for one election are an error here,
    not a choice to make silently.
    """
    filled = list(base)
    problems = ProblemCollector()
    for extra in supplement:
        positions = [i for i, row in enumerate(filled) if row["election"] == extra["election"]]
        if len(positions) != 1 or filled[positions[0]]["knesset"] != extra["knesset"]:
            problems.add(extra[FILE], int(extra[LINE]), "election", extra["election"],
                         "the supplement must match exactly one election (and Knesset) of the main file")
            continue
        target = filled[positions[0]]
        if target["seats"] is not None:
            problems.add(extra[FILE], int(extra[LINE]), "seats", extra["seats"],
                         f"{target[FILE]}:{target[LINE]} already has seats {target['seats']} for this election; "
                         "refusing to overwrite a sourced figure")
            continue
        filled[positions[0]] = extra
    problems.raise_if_any()
    return filled


def normalize_knesset_seats(base: pd.DataFrame, supplement: pd.DataFrame) -> pd.DataFrame:
    return typed_frame(fill_gap_from_supplement(seat_records(base), seat_records(supplement)), SEATS_DTYPES)


def load_knesset_seats(paths: ProjectPaths) -> pd.DataFrame:
    curated = paths.raw / "curated"
    base = _read(paths, curated / "yisrael_beiteinu_seats.csv", SEATS_COLUMNS)
    supplement = _read(paths, curated / "yisrael_beiteinu_seats_2015.csv", SEATS_COLUMNS)
    return validate_frame(normalize_knesset_seats(base, supplement), SEATS_SCHEMA, SEATS_KEY, "knesset_seats")


LOADERS = {
    "immigration": load_immigration,
    "population": load_population,
    "settlement": load_settlement,
    "knesset_seats": load_knesset_seats,
}
