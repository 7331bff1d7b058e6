"""UN Comtrade final annual goods data: which requests a refresh makes, and how a reply becomes trade rows.

A reply is the client's DataFrame (the API's JSON `data` records, one column per documented field), stored as CSV;
a file downloaded by hand from UN Comtrade has the same columns. Only the columns in REQUIRED are read. A record that
cannot be mapped (unknown country code, a flow other than X/M, a breakdown row, a non-numeric value) is a DataError
naming file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from dashboard_data.errors import DataError, ProblemCollector
from dashboard_data.rawcsv import FILE, LINE
from dashboard_data.refresh.figures import COUNTRIES, PARTNERS, RUSSIA, country_by_m49, figure_row, side_of
from dashboard_data.trade import UN_COMTRADE, located

PREVIEW_ENDPOINT = "https://comtradeapi.un.org/public/v1/preview/C/A/HS"
DATA_ENDPOINT = "https://comtradeapi.un.org/data/v1/get/C/A/HS"
# The preview (no key) returns at most 500 records; a reply that long may have been cut off.
MAX_RECORDS = 500
FLOWS = ("X", "M")
# HS chapters (AG2) for the mirror pair; totals only for the regional comparison.
LEVELS = {partner: ("TOTAL", "AG2") if partner == "ISR" else ("TOTAL",) for partner in PARTNERS}
REQUIRED = ["typeCode", "freqCode", "refYear", "reporterCode", "flowCode", "flowDesc", "partnerCode", "partner2Code",
            "classificationCode", "cmdCode", "cmdDesc", "customsCode", "motCode", "primaryValue", "isReported",
            "isAggregate"]
# Classic mode: totals over second partner, customs procedure and mode of transport. Any other value is a breakdown
# row whose value is already inside the total; adding it would count trade twice.
CLASSIC_TOTALS = {"partner2Code": "0", "customsCode": "C00", "motCode": "0"}
EXPORT_FLOWS = {"X": True, "M": False}
HS_CHAPTER_CODE = re.compile(r"^\d{2}$")
USD_AMOUNT = re.compile(r"^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$")


@dataclass(frozen=True)
class Request:
    """One API call: one reporter's flow with one partner in one year, as a total or by HS chapter."""

    reporter: str
    partner: str
    year: int
    flow: str
    level: str

    @property
    def name(self) -> str:
        return f"{self.reporter}-{self.partner}-{self.year}-{self.flow}-{self.level}"

    def parameters(self) -> dict[str, str]:
        """The API's selection, in the order the URL shows it; partner2/customs/transport are pinned to totals."""
        return {"reporterCode": str(COUNTRIES[self.reporter].m49), "partnerCode": str(COUNTRIES[self.partner].m49),
                "period": str(self.year), "flowCode": self.flow, "cmdCode": self.level, **CLASSIC_TOTALS,
                "breakdownMode": "classic", "includeDesc": "true"}


def plan_requests(years: range) -> list[Request]:
    """Every request of a refresh: each side of each pair reports (the mirror), per year and flow, so each reply
    stays far inside the preview's 500-record limit (HS has fewer than a hundred chapters)."""
    return [Request(reporter, counterpart, year, flow, level)
            for partner in PARTNERS
            for reporter, counterpart in ((RUSSIA.iso3, partner), (partner, RUSSIA.iso3))
            for year in years
            for flow in FLOWS
            for level in LEVELS[partner]]


def query_url(endpoint: str, request: Request) -> str:
    """The address of the query a row came from (never with a subscription key): the row's source_url."""
    return f"{endpoint}?{urlencode(request.parameters())}"


def row_query_url(row: dict) -> str:
    """For a file downloaded by hand: the public query that returns this record."""
    level = row["cmdCode"] if row["cmdCode"] == "TOTAL" else "AG2"
    request = Request(country_by_m49(row["reporterCode"]).iso3, country_by_m49(row["partnerCode"]).iso3,
                      int(row["refYear"]), row["flowCode"], level)
    return query_url(PREVIEW_ENDPOINT, request)


def reply_query_url(endpoint: str, request: Request, _record: dict) -> str:
    """Every record of a reply came from the same query."""
    return query_url(endpoint, request)


def check_reply_matches(raw: pd.DataFrame, request: Request) -> None:
    """A reply must answer its own question: a record for another country, year or flow is a DataError."""
    problems = ProblemCollector()
    asked = {key: request.parameters()[key] for key in ("reporterCode", "partnerCode", "flowCode")}
    asked["refYear"] = str(request.year)
    for record in raw.to_dict("records"):
        for column, value in asked.items():
            if record[column] != value:
                problems.add(record[FILE], int(record[LINE]), column, record[column],
                             f"the reply answers another query (asked for {value})")
    problems.raise_if_any()


def is_comtrade_layout(header: list[str]) -> bool:
    return {"reporterCode", "partnerCode", "primaryValue"} <= set(header)


# --- normalizer ----------------------------------------------------------------------------------------------------

def normalize_comtrade(raw: pd.DataFrame, source_url_of: Callable[[dict], str], source_date: str,
                       note_suffix: str | None = None) -> list[dict]:
    """Every record of a reply (read by read_raw_csv) as a trade row; all problems of the file at once."""
    problems = ProblemCollector()
    rows = []
    for record in raw.to_dict("records"):
        try:
            rows.append(comtrade_row(record, source_url_of, source_date, note_suffix))
        except DataError as error:
            problems.capture(error)
    problems.raise_if_any()
    return rows


def comtrade_row(record: dict, source_url_of: Callable[[dict], str], source_date: str,
                 note_suffix: str | None) -> dict:
    check_selection(record)
    with located(record, "refYear"):
        year = parse_year(record["refYear"])
    with located(record, "reporterCode"):
        reporter = country_by_m49(record["reporterCode"])
    with located(record, "partnerCode"):
        side = side_of(reporter, country_by_m49(record["partnerCode"]))
    with located(record, "flowCode"):
        reporter_exports = export_flow(record["flowCode"])
    with located(record, "cmdCode"):
        hs_chapter = hs_chapter_of(record["cmdCode"])
    with located(record, "cmdDesc"):
        chapter_name = chapter_name_of(record["cmdDesc"], hs_chapter)
    with located(record, "primaryValue"):
        value = parse_usd(record["primaryValue"])
    return figure_row(
        side, year, reporter_exports, hs_chapter, value, reporter=UN_COMTRADE,
        flow_as_printed=f"{record['flowCode']} ({record['flowDesc']})", hs_chapter_name=chapter_name,
        note=comtrade_note(record, note_suffix), source_url=source_url_of(record), source_date=source_date,
        source_label=f"UN Comtrade, reported by {side.reporter.name}", raw_file=record[FILE],
        raw_line=int(record[LINE]))


def check_selection(record: dict) -> None:
    """Annual goods data, classic totals only."""
    expected = {"typeCode": ("C", "goods (C) expected"), "freqCode": ("A", "annual data (A) expected"),
                **{column: (total, f"a breakdown row; only the classic total {total} is read")
                   for column, total in CLASSIC_TOTALS.items()}}
    for column, (value, message) in expected.items():
        with located(record, column):
            if record[column] != value:
                raise ValueError(message)


def parse_year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError("not a four-digit year")
    return int(text)


def export_flow(flow_code: str) -> bool:
    if flow_code not in EXPORT_FLOWS:
        raise ValueError("only exports (X) and imports (M) are read")
    return EXPORT_FLOWS[flow_code]


def hs_chapter_of(cmd_code: str) -> str | None:
    if cmd_code == "TOTAL":
        return None
    if not HS_CHAPTER_CODE.match(cmd_code):
        raise ValueError("expected TOTAL or a two-digit HS chapter")
    return cmd_code


def chapter_name_of(description: str, hs_chapter: str | None) -> str | None:
    if hs_chapter is None:
        return None
    if not description.strip():
        raise ValueError("an HS chapter needs its description")
    return description.strip()


def parse_usd(text: str) -> float:
    if not USD_AMOUNT.match(text):
        raise ValueError("not a plain non-negative number of US dollars")
    return float(text)


def comtrade_note(record: dict, suffix: str | None) -> str:
    """Comtrade's own flags on the record, as published, so a derived or aggregated value is visible."""
    flags = f"UN Comtrade {record['classificationCode']}; isReported={record['isReported']}; " \
            f"isAggregate={record['isAggregate']}"
    return f"{flags}; {suffix}" if suffix else flags
