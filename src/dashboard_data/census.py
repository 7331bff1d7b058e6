"""CBS 2022 census profile per statistical area: a tidy subset about the foreign-born and their countries of birth.

Only the top three countries of birth are published per area, so FSU-born totals cannot be summed exactly; the
`fsu_in_top3_pct` column is the sum of the FSU shares among those three, a lower bound of the FSU-born share.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pandera.pandas as pa

from dashboard_data.diaspora import Cells, normalize_rows, optional_text, schema_for, typed_frame
from dashboard_data.paths import ProjectPaths
from dashboard_data.rawcsv import FILE, LINE, read_raw_csv
from dashboard_data.validation import validate_frame

SOURCE_URL = "github.com/tom-bleher/soviet_jews data/census_stat_areas.xlsx @15bdb5f"
SOURCE_LABEL = "CBS 2022 Census, statistical-area profile (via GitHub tom-bleher/soviet_jews)"
NATIONAL_NAME = "כלל ארצי"
TOP_COUNTRIES = (1, 2, 3)
RAW_COLUMNS = ["LocNameHeb", "LocalityCode", "StatArea", "StatAreaCmb", "DistrictHeb", "pop_approx", "j_abr_pcnt",
               "aliya90_01_pcnt", *(f"Country{n}Heb{suffix}" for n in TOP_COUNTRIES for suffix in ("", "_pcnt"))]

# CBS leaves a suppressed or empty cell blank; the text columns print a lone "." (as "  .") instead.
SUPPRESSION_MARKS = {"", "."}
DECIMAL = re.compile(r"^-?\d+(?:\.\d+)?$")
STAT_AREA_LABEL = re.compile(r"^(\d+)(?:\.0)?$|^\d+(?:\+\d+)+$")

HEBREW_COUNTRY_NAMES = {
    "רוסיה": "Russia",
    "אוקראינה": "Ukraine",
    'בריה"מ (לשעבר)': "USSR (former)",
    "בלארוס": "Belarus",
    "מולדובה": "Moldova",
    "אוזבקיסטן": "Uzbekistan",
    "אזרבייג'אן": "Azerbaijan",
    "גאורגייה": "Georgia",
    "ארצות הברית": "United States",
    "מרוקו": "Morocco",
    "צרפת": "France",
    "אתיופיה": "Ethiopia",
    "רומניה": "Romania",
    "עיראק": "Iraq",
    "הממלכה המאוחדת": "United Kingdom",
    "איראן": "Iran",
    "תימן": "Yemen",
    "ארגנטינה": "Argentina",
    "פולין": "Poland",
    "דרום אפריקה": "South Africa",
    "בלגייה": "Belgium",
    "הודו": "India",
    "תוניסיה": "Tunisia",
    "טורקייה": "Turkey",
    "קנדה": "Canada",
    "גרמניה": "Germany",
    "בולגריה": "Bulgaria",
    "ברזיל": "Brazil",
    "פרו": "Peru",
    "לוב": "Libya",
    "הונגריה": "Hungary",
    "צ'ילה": "Chile",
    "שווייץ": "Switzerland",
    "הולנד": "Netherlands",
    "מצרים": "Egypt",
    "ספרד": "Spain",
    "אלג'יריה": "Algeria",
}
FSU_COUNTRIES = {
    "USSR (former)", "Russia", "Ukraine", "Belarus", "Moldova", "Estonia", "Latvia", "Lithuania", "Georgia",
    "Armenia", "Azerbaijan", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan",
}

LEVELS = ["national", "statistical area", "locality"]
PERCENT = pa.Check.in_range(0, 100)
DTYPES = {
    "area_id": "string", "level": "string", "locality_he": "string", "locality_code": "Int64", "stat_area": "Int64",
    "stat_area_label": "string", "district_he": "string", "population": "Int64", "born_abroad_pct": "Float64",
    "immigrated_1990_2001_pct": "Float64",
    **{f"country{n}_{part}": dtype for n in TOP_COUNTRIES for part, dtype in (("he", "string"), ("pct", "Float64"))},
    **{f"country{n}_en": "string" for n in TOP_COUNTRIES},
    "fsu_in_top3_pct": "Float64", "source_url": "string", "source_label": "string", "raw_file": "string",
    "raw_line": "Int64",
}
KEY = ["area_id"]
SCHEMA = schema_for(
    DTYPES,
    {
        "area_id": pa.Check.str_matches(r"^(national|\d+(-\d+)?)$"),
        "level": pa.Check.isin(LEVELS),
        "born_abroad_pct": PERCENT,
        "immigrated_1990_2001_pct": PERCENT,
        "fsu_in_top3_pct": PERCENT,
        **{f"country{n}_pct": PERCENT for n in TOP_COUNTRIES},
        **{f"country{n}_he": pa.Check.isin(list(HEBREW_COUNTRY_NAMES)) for n in TOP_COUNTRIES},
        **{f"country{n}_en": pa.Check.isin(list(HEBREW_COUNTRY_NAMES.values())) for n in TOP_COUNTRIES},
    },
    nullable=[name for name in DTYPES if name not in {"area_id", "level", "locality_he", "source_url",
                                                      "source_label", "raw_file", "raw_line"}],
)


def parse_census_number(value: str) -> float | None:
    """A CBS figure; a suppression mark (see SUPPRESSION_MARKS) is a gap, anything else non-numeric is an error."""
    stripped = value.strip()
    if stripped in SUPPRESSION_MARKS:
        return None
    if not DECIMAL.match(stripped):
        raise ValueError("not a number and not a CBS suppression mark")
    return float(stripped)


def parse_census_integer(value: str) -> int | None:
    """Codes and counts arrive as "472.0" from the spreadsheet export; a fraction would be a real defect."""
    number = parse_census_number(value)
    if number is None:
        return None
    if not number.is_integer():
        raise ValueError("a whole number is required")
    return int(number)


def parse_stat_area_label(value: str) -> str | None:
    """CBS names a statistical area by its number, or e.g. "4+9"; the export turned plain numbers into "4.0"."""
    label = value.strip()
    if not label:
        return None
    match = STAT_AREA_LABEL.match(label)
    if not match:
        raise ValueError("a statistical-area name is a number or numbers joined by '+'")
    return match[1] or label


def country_in_english(hebrew: str) -> str | None:
    name = hebrew.strip()
    if name in SUPPRESSION_MARKS:
        return None
    if name not in HEBREW_COUNTRY_NAMES:
        raise ValueError("unmapped Hebrew country name (add it to HEBREW_COUNTRY_NAMES)")
    return HEBREW_COUNTRY_NAMES[name]


def fsu_share_of_top3(countries: list[str | None], shares: list[float | None]) -> float | None:
    """Plain sum of the reported shares of FSU countries among the top three; None when nothing is reported."""
    if all(country is None for country in countries):
        return None
    total = sum(share for country, share in zip(countries, shares, strict=True) if country in FSU_COUNTRIES)
    # The shares are printed to one decimal; rounding the sum to one decimal removes binary float noise only.
    return round(total, 1)


def area_level(locality_code: int | None, stat_area: int | None, name: str) -> tuple[str, str]:
    """(area_id, level): the national row, a statistical area, or a locality published without areas."""
    if locality_code is None:
        if name != NATIONAL_NAME or stat_area is not None:
            raise ValueError("only the national row may lack a locality code")
        return "national", "national"
    if stat_area is None:
        return str(locality_code), "locality"
    return f"{locality_code}-{stat_area}", "statistical area"


def normalize_census2022(raw: pd.DataFrame) -> pd.DataFrame:
    # The file has about 340 columns; turning only the used ones into records keeps the build well under a second.
    used = raw[[*RAW_COLUMNS, FILE, LINE]]
    return typed_frame(normalize_rows(used, lambda cells, _: _census_record(cells)), DTYPES)


def _census_record(cells: Cells) -> dict[str, Any]:
    row = cells.row
    code = cells.parse("LocalityCode", parse_census_integer)
    stat_area = cells.parse("StatArea", parse_census_integer)
    # An unreadable code would also make the area look national; report the code only.
    area = cells.parse("LocNameHeb", lambda name: area_level(code, stat_area, name.strip())) if cells.clean else None
    stat_area_label = cells.parse("StatAreaCmb", parse_stat_area_label)
    countries = [cells.parse(f"Country{n}Heb", country_in_english) for n in TOP_COUNTRIES]
    shares = [cells.parse(f"Country{n}Heb_pcnt", parse_census_number) for n in TOP_COUNTRIES]
    for n, country, share in zip(TOP_COUNTRIES, countries, shares, strict=True):
        if (country is None) != (share is None):
            cells.fail(f"Country{n}Heb_pcnt", "a country of birth and its share must be both given or both empty")
    record = {
        "population": cells.parse("pop_approx", parse_census_integer),
        "born_abroad_pct": cells.parse("j_abr_pcnt", parse_census_number),
        "immigrated_1990_2001_pct": cells.parse("aliya90_01_pcnt", parse_census_number),
    }
    cells.raise_if_any()
    return {
        **record, "area_id": area[0], "level": area[1], "locality_he": row["LocNameHeb"].strip(),
        "locality_code": code, "stat_area": stat_area, "stat_area_label": stat_area_label,
        "district_he": optional_text(row["DistrictHeb"]),
        **{f"country{n}_he": optional_text(row[f"Country{n}Heb"]) for n in TOP_COUNTRIES},
        **{f"country{n}_pct": share for n, share in zip(TOP_COUNTRIES, shares, strict=True)},
        **{f"country{n}_en": country for n, country in zip(TOP_COUNTRIES, countries, strict=True)},
        "fsu_in_top3_pct": fsu_share_of_top3(countries, shares), "source_url": SOURCE_URL,
        "source_label": SOURCE_LABEL, "raw_file": row[FILE], "raw_line": row[LINE],
    }


def load_census2022(paths: ProjectPaths) -> pd.DataFrame:
    path = paths.raw / "cbs-census2022-statareas" / "census2022_stat_areas.csv"
    raw = read_raw_csv(path, RAW_COLUMNS, display_name=paths.relative(path))
    return validate_frame(normalize_census2022(raw), SCHEMA, KEY, "census2022")


LOADERS = {"census2022": load_census2022}
