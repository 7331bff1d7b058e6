"""UN Comtrade records and trade-template rows become trade rows; a malformed file names file, line and column.

Every input here is a TEST FIXTURE (tests/fixtures/comtrade/): invented numbers in the shape of the real layouts.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard_data.errors import DataError
from dashboard_data.rawcsv import read_raw_csv
from dashboard_data.refresh import comtrade, template
from dashboard_data.refresh.comtrade import PREVIEW_ENDPOINT, Request, check_reply_matches, normalize_comtrade
from dashboard_data.refresh.figures import snapshot_rows
from dashboard_data.trade import validate_trade
from support import assert_matches_golden

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "comtrade"
EXPORT = FIXTURES / "TEST_FIXTURE_comtrade_export.csv"
TEMPLATE = FIXTURES / "TEST_FIXTURE_trade_template.csv"
FIXTURE_SNAPSHOT = "comtrade-20260115-0123456789"


def fixture_reply(name: str) -> pd.DataFrame:
    """A fixture reply as the official client returns it: json_normalize of the JSON's `data`."""
    document = json.loads((FIXTURES / f"TEST_FIXTURE_reply_{name}.json").read_text(encoding="utf-8"))
    return pd.json_normalize(document["data"])


def request_named(name: str) -> Request:
    reporter, partner, year, flow, level = name.split("-")
    return Request(reporter, partner, int(year), flow, level)


def read_text_file(tmp_path: Path, text: str, name: str, required: list[str]) -> pd.DataFrame:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_raw_csv(path, required, display_name=name)


def reply_rows(tmp_path: Path, name: str) -> list[dict]:
    raw = read_text_file(tmp_path, fixture_reply(name).to_csv(index=False), f"{name}.csv", comtrade.REQUIRED)
    url = comtrade.query_url(PREVIEW_ENDPOINT, request_named(name))
    return normalize_comtrade(raw, lambda _record: url, "2026-01-15")


def export_rows(tmp_path: Path, text: str) -> list[dict]:
    raw = read_text_file(tmp_path, text, "export.csv", comtrade.REQUIRED)
    return normalize_comtrade(raw, comtrade.row_query_url, "2026-01-15")


def edit_cell(text: str, line: int, column: str, value: str) -> str:
    """The CSV text with one cell replaced (line counted from 1, the header being line 1)."""
    rows = list(csv.reader(io.StringIO(text)))
    rows[line - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


# --- UN Comtrade records -------------------------------------------------------------------------------------------

REPLIES = ("RUS-ISR-2020-X-TOTAL", "RUS-ISR-2020-X-AG2", "ISR-RUS-2020-M-TOTAL", "ISR-RUS-2020-M-AG2",
           "ISR-RUS-2020-X-TOTAL", "RUS-TUR-2020-X-TOTAL")


def test_fixture_replies_normalize_to_the_golden_rows(tmp_path):
    rows = [row for name in REPLIES for row in reply_rows(tmp_path, name)]
    frame = validate_trade(snapshot_rows(rows, FIXTURE_SNAPSHOT))
    assert_matches_golden(frame, "TEST_FIXTURE_comtrade_rows")


def test_the_mirror_pair_is_two_reports_of_the_same_flow(tmp_path):
    russia = reply_rows(tmp_path, "RUS-ISR-2020-X-TOTAL")[0]
    israel = reply_rows(tmp_path, "ISR-RUS-2020-M-TOTAL")[0]
    for row, seen_from, label in ((russia, "Russia", "UN Comtrade, reported by Russia"),
                                  (israel, "partner", "UN Comtrade, reported by Israel")):
        assert (row["pair"], row["flow"], row["product"], row["reporter"]) == (
            "RUS-ISR", "Russian exports", "all goods", "UN Comtrade")
        assert (row["seen_from"], row["source_label"]) == (seen_from, label)
    assert (russia["value_usd"], israel["value_usd"]) == (1111111111.0, 1444444444.0)


def test_a_chapter_row_keeps_code_and_title_and_a_total_has_neither(tmp_path):
    total, = reply_rows(tmp_path, "RUS-ISR-2020-X-TOTAL")
    chapter = reply_rows(tmp_path, "RUS-ISR-2020-X-AG2")[0]
    assert (total["hs_chapter"], total["hs_chapter_name"]) == (None, None)
    assert (chapter["product"], chapter["hs_chapter"], chapter["hs_chapter_name"]) == (
        "HS chapter 27", "27", "TEST FIXTURE chapter 27 title")


def test_a_row_cites_its_query_without_a_key_and_its_retrieval_date(tmp_path):
    row, = reply_rows(tmp_path, "ISR-RUS-2020-X-TOTAL")
    assert row["source_url"] == (
        "https://comtradeapi.un.org/public/v1/preview/C/A/HS?reporterCode=376&partnerCode=643&period=2020"
        "&flowCode=X&cmdCode=TOTAL&partner2Code=0&customsCode=C00&motCode=0&breakdownMode=classic&includeDesc=true")
    assert (row["source_date"], row["raw_file"], row["raw_line"]) == ("2026-01-15", "ISR-RUS-2020-X-TOTAL.csv", 2)
    assert row["note"] == "UN Comtrade H6; isReported=True; isAggregate=True"


@pytest.mark.parametrize(("codes", "expected"), [
    (("643", "376", "X"), ("RUS-ISR", "Russian exports", "Russia")),
    (("643", "376", "M"), ("RUS-ISR", "Russian imports", "Russia")),
    (("376", "643", "X"), ("RUS-ISR", "Russian imports", "partner")),
    (("376", "643", "M"), ("RUS-ISR", "Russian exports", "partner")),
    (("792", "643", "M"), ("RUS-TUR", "Russian exports", "partner")),
    (("643", "784", "X"), ("RUS-ARE", "Russian exports", "Russia")),
])
def test_flows_are_seen_from_russia(tmp_path, codes, expected):
    """codes: reporterCode, partnerCode, flowCode; expected: pair, flow, seen_from."""
    text = EXPORT.read_text(encoding="utf-8")
    for column, value in zip(("reporterCode", "partnerCode", "flowCode"), codes, strict=True):
        text = edit_cell(text, 2, column, value)
    row = export_rows(tmp_path, text)[0]
    assert (row["pair"], row["flow"], row["seen_from"]) == expected


@pytest.mark.parametrize(("column", "bad_value", "message"), [
    ("reporterCode", "999", "unknown country code"),
    ("partnerCode", "376", "not a pair of Russia"),
    ("flowCode", "RX", "only exports (X) and imports (M)"),
    ("primaryValue", "n/a", "not a plain non-negative number"),
    ("primaryValue", "", "not a plain non-negative number"),
    ("primaryValue", "-5.0", "not a plain non-negative number"),
    ("cmdCode", "2709", "two-digit HS chapter"),
    ("cmdDesc", " ", "needs its description"),
    ("motCode", "1000", "a breakdown row"),
    ("customsCode", "C01", "a breakdown row"),
    ("partner2Code", "792", "a breakdown row"),
    ("typeCode", "S", "goods (C) expected"),
    ("freqCode", "M", "annual data (A) expected"),
    ("refYear", "20x1", "four-digit year"),
])
def test_a_malformed_record_names_file_line_and_column(tmp_path, column, bad_value, message):
    with pytest.raises(DataError) as caught:
        export_rows(tmp_path, edit_cell(EXPORT.read_text(encoding="utf-8"), 3, column, bad_value))
    problem, = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("export.csv", 3, column)
    assert message in problem.message


def test_every_bad_record_of_a_file_is_reported_at_once(tmp_path):
    text = edit_cell(EXPORT.read_text(encoding="utf-8"), 2, "primaryValue", "lots")
    text = edit_cell(text, 4, "reporterCode", "1")
    with pytest.raises(DataError) as caught:
        export_rows(tmp_path, text)
    assert [(p.line, p.column) for p in caught.value.problems] == [(2, "primaryValue"), (4, "reporterCode")]


def test_a_missing_column_names_the_header_line(tmp_path):
    frame = pd.read_csv(EXPORT, dtype=str).drop(columns=["primaryValue"])
    with pytest.raises(DataError) as caught:
        export_rows(tmp_path, frame.to_csv(index=False))
    assert "export.csv:1: column 'primaryValue'" in str(caught.value)


def test_a_reply_that_answers_another_query_is_refused(tmp_path):
    raw = read_text_file(tmp_path, fixture_reply("RUS-ISR-2020-X-TOTAL").to_csv(index=False), "reply.csv",
                         comtrade.REQUIRED)
    with pytest.raises(DataError) as caught:
        check_reply_matches(raw, Request("RUS", "ISR", 2019, "X", "TOTAL"))
    assert "reply.csv:2: column 'refYear' value '2020'" in str(caught.value)


def test_plan_asks_both_sides_of_every_pair_per_year_and_flow():
    requests = comtrade.plan_requests(range(2019, 2021))
    israel = [r for r in requests if "ISR" in (r.reporter, r.partner)]
    assert len(israel) == 2 * 2 * 2 * 2  # reporters x years x flows x (TOTAL, AG2)
    assert len(requests) == len(israel) + 5 * 2 * 2 * 2  # five regional pairs, totals only
    assert {(r.reporter, r.partner) for r in israel} == {("RUS", "ISR"), ("ISR", "RUS")}
    assert len(set(requests)) == len(requests)


# --- the trade template --------------------------------------------------------------------------------------------

def template_rows(tmp_path: Path, text: str) -> list[dict]:
    raw = read_text_file(tmp_path, text, "template.csv", template.COLUMNS)
    return template.normalize_template(raw, "template.csv")


def test_template_rows_normalize(tmp_path):
    exports, imports = template_rows(tmp_path, TEMPLATE.read_text(encoding="utf-8"))
    assert (exports["pair"], exports["flow"], exports["seen_from"], exports["reporter"], exports["product"]) == (
        "RUS-ISR", "Russian imports", "partner", "Israeli official", "all goods")
    assert (imports["flow"], imports["seen_from"], imports["reporter"], imports["hs_chapter"], imports["product"]) == (
        "Russian imports", "Russia", "Russian official", "08", "HS chapter 08")
    assert exports["source_label"] == "template.csv (trade template), reported by Israel"
    assert (exports["value_usd"], exports["source_date"], exports["hs_chapter_name"]) == (
        700000007.0, "2022-02-15", None)
    assert validate_trade(snapshot_rows([exports, imports], "import-20260115-0123456789")).shape[0] == 2


@pytest.mark.parametrize(("column", "bad_value"), [
    ("year", "21"),
    ("reporter_iso3", "XXX"),
    ("partner_iso3", "TUR"),
    ("flow", "exported"),
    ("hs_chapter", "8"),
    ("value_usd", "1,000"),
    ("value_usd", "USD 5 billion"),
    ("source_url", "example.org/page"),
    ("source_date", "15 Feb 2022"),
])
def test_a_malformed_template_row_names_file_line_and_column(tmp_path, column, bad_value):
    with pytest.raises(DataError) as caught:
        template_rows(tmp_path, edit_cell(TEMPLATE.read_text(encoding="utf-8"), 2, column, bad_value))
    problem, = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("template.csv", 2, column)
