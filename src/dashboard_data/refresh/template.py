"""The project's own trade template (docs/TRADE_TEMPLATE.md): annual goods trade figures from any official source,
one row per figure, each with its source. Validated cell by cell; a bad cell is a DataError naming file, line, column.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard_data.errors import DataError, ProblemCollector
from dashboard_data.rawcsv import FILE, LINE
from dashboard_data.refresh.comtrade import hs_chapter_of, parse_usd, parse_year
from dashboard_data.refresh.figures import country, figure_row, side_of
from dashboard_data.trade import located

COLUMNS = ["year", "reporter_iso3", "partner_iso3", "flow", "hs_chapter", "value_usd", "source_url", "source_date",
           "note"]
TEMPLATE_FLOWS = {"exports": True, "imports": False}
# A statistical office is an official source of its own side; classed like the curated figures' reporters.
OFFICIAL_REPORTERS = {"RUS": "Russian official", "ISR": "Israeli official"}
PARTNER_OFFICIAL = "partner official"
SOURCE_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def is_template_layout(header: list[str]) -> bool:
    return sorted(header) == sorted(COLUMNS)


def normalize_template(raw: pd.DataFrame, file_name: str) -> list[dict]:
    problems = ProblemCollector()
    rows = []
    for record in raw.to_dict("records"):
        try:
            rows.append(template_row(record, file_name))
        except DataError as error:
            problems.capture(error)
    problems.raise_if_any()
    return rows


def template_row(record: dict, file_name: str) -> dict:
    with located(record, "year"):
        year = parse_year(record["year"].strip())
    with located(record, "reporter_iso3"):
        reporter = country(record["reporter_iso3"].strip())
    with located(record, "partner_iso3"):
        side = side_of(reporter, country(record["partner_iso3"].strip()))
    with located(record, "flow"):
        reporter_exports = template_flow(record["flow"].strip())
    with located(record, "hs_chapter"):
        hs_chapter = hs_chapter_of(record["hs_chapter"].strip() or "TOTAL")
    with located(record, "value_usd"):
        value = parse_usd(record["value_usd"].strip())
    with located(record, "source_url"):
        source_url = web_address(record["source_url"].strip())
    with located(record, "source_date"):
        source_date = dated(record["source_date"].strip())
    return figure_row(
        side, year, reporter_exports, hs_chapter, value,
        reporter=OFFICIAL_REPORTERS.get(reporter.iso3, PARTNER_OFFICIAL),
        flow_as_printed=f"{reporter.iso3} {record['flow'].strip()} {'to' if reporter_exports else 'from'} "
                        f"{record['partner_iso3'].strip()}",
        hs_chapter_name=None, note=record["note"].strip() or None, source_url=source_url, source_date=source_date,
        source_label=f"{file_name} (trade template), reported by {side.reporter.name}", raw_file=record[FILE],
        raw_line=int(record[LINE]))


def template_flow(text: str) -> bool:
    if text not in TEMPLATE_FLOWS:
        raise ValueError("flow must be 'exports' or 'imports' (as the reporter states it)")
    return TEMPLATE_FLOWS[text]


def web_address(text: str) -> str:
    if not text.startswith(("https://", "http://")):
        raise ValueError("every figure needs the web address of its source")
    return text


def dated(text: str) -> str:
    if not SOURCE_DATE.match(text):
        raise ValueError("source_date must be YYYY-MM-DD (or YYYY-MM, or YYYY)")
    return text
