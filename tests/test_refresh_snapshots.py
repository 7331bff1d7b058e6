"""refresh and import write whole snapshots or nothing, are idempotent, and the trade dataset appends their rows.

No network: a fake client serves the TEST FIXTURE replies in tests/fixtures/comtrade/. Every snapshot is written into
a copy of the project under tmp_path, never into data/snapshots/.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard_data import __main__ as cli
from dashboard_data.errors import DataError
from dashboard_data.paths import ProjectPaths
from dashboard_data.refresh import data_label, snapshot_summary
from dashboard_data.refresh.client import ComtradeHTTPError, ComtradeUnreachableError, RefreshError
from dashboard_data.refresh.commands import import_file, refresh_comtrade, run_import, run_refresh
from dashboard_data.refresh.comtrade import PREVIEW_ENDPOINT, plan_requests
from dashboard_data.refresh.store import sha256_of, snapshots_dir
from dashboard_data.registry import load_dataset
from dashboard_data.trade import load_trade
from support import ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "comtrade"
YEARS = range(2019, 2021)
FIXTURE_ROWS = 8  # records in the TEST FIXTURE replies
CURATED_ROWS = 106


def fixture_now() -> str:
    return "2026-01-15T09:30:00Z"


class FixtureClient:
    """Serves tests/fixtures/comtrade/TEST_FIXTURE_reply_<request>.json (an empty reply where there is none), the way
    the official client returns it (json_normalize of `data`); records every call."""

    name, version, endpoint = "TEST FIXTURE client", "0", PREVIEW_ENDPOINT

    def __init__(self, failures: dict[str, Exception] | None = None, values: dict[str, float] | None = None):
        self.failures = failures or {}
        self.values = values or {}
        self.calls: list[tuple] = []

    def fetch(self, reporter, partner, year, flow, level):
        self.calls.append((reporter, partner, year, flow, level))
        name = f"{reporter}-{partner}-{year}-{flow}-{level}"
        if name in self.failures:
            raise self.failures[name]
        path = FIXTURES / f"TEST_FIXTURE_reply_{name}.json"
        if not path.exists():
            return pd.DataFrame()
        reply = pd.json_normalize(json.loads(path.read_text(encoding="utf-8"))["data"])
        if name in self.values:
            reply["primaryValue"] = self.values[name]
        return reply


@pytest.fixture
def project(tmp_path) -> ProjectPaths:
    """The files the trade dataset reads, copied into tmp_path (without any snapshot)."""
    for folder in ("data/raw/article", "data/raw/press-figures", "data/meta", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return ProjectPaths.at(tmp_path)


def refresh(project: ProjectPaths, client: FixtureClient | None = None, now=fixture_now):
    return refresh_comtrade(client or FixtureClient(), YEARS, snapshots_dir(project), project,
                            sleep=pytest.fail, stream=io.StringIO(), now=now)


def snapshot_names(project: ProjectPaths) -> list[str]:
    directory = snapshots_dir(project)
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


# --- refresh comtrade ----------------------------------------------------------------------------------------------

def test_a_refresh_asks_once_per_reporter_year_flow_and_level(project):
    client = FixtureClient()
    refresh(project, client)
    asked = [(r.reporter, r.partner, r.year, r.flow, r.level) for r in plan_requests(YEARS)]
    assert client.calls == asked
    # Russia-Israel: both reporters x 2 years x 2 flows x (TOTAL, AG2); five regional pairs: totals only
    assert len(asked) == 2 * 2 * 2 * 2 + 5 * 2 * 2 * 2
    assert asked[:4] == [("RUS", "ISR", 2019, "X", "TOTAL"), ("RUS", "ISR", 2019, "X", "AG2"),
                         ("RUS", "ISR", 2019, "M", "TOTAL"), ("RUS", "ISR", 2019, "M", "AG2")]


def test_a_refresh_writes_one_complete_snapshot(project):
    outcome = refresh(project)
    assert outcome.created
    assert outcome.rows == FIXTURE_ROWS
    assert re.fullmatch(r"comtrade-20260115-[0-9a-f]{10}", outcome.folder.name)
    assert snapshot_names(project) == [outcome.folder.name]
    manifest = json.loads((outcome.folder / "snapshot.json").read_text(encoding="utf-8"))
    assert (manifest["id"], manifest["kind"], manifest["retrieved_at"]) == (
        outcome.folder.name, "comtrade", "2026-01-15T09:30:00Z")
    assert manifest["client"] == {"name": "TEST FIXTURE client", "version": "0"}
    assert manifest["row_counts"] == {"requests": 56, "empty_replies": 50, "records": FIXTURE_ROWS,
                                      "rows": FIXTURE_ROWS}
    assert manifest["query"]["years"] == "2019-2020"
    stored = sorted(path.relative_to(outcome.folder).as_posix() for path in outcome.folder.rglob("*") if path.is_file())
    assert stored == sorted([*manifest["files"], "snapshot.json"])
    assert len([name for name in stored if name.startswith("raw/")]) == 56
    for name, digest in manifest["files"].items():
        assert sha256_of((outcome.folder / name).read_bytes()) == digest
    rows = pd.read_csv(outcome.folder / "rows.csv", dtype=str)
    assert rows["raw_file"].str.startswith(f"data/snapshots/{outcome.folder.name}/raw/").all()


def test_the_progress_bar_counts_requests(project):
    stream = io.StringIO()
    refresh_comtrade(FixtureClient(), YEARS, snapshots_dir(project), project, stream=stream, now=fixture_now)
    assert "] 56/56 ARE-RUS-2020-M-TOTAL" in stream.getvalue()
    assert stream.getvalue().endswith("\n")


def test_a_second_run_with_the_same_answers_writes_nothing(project):
    first = refresh(project)
    second = refresh(project, now=lambda: "2026-02-01T00:00:00Z")
    assert (second.created, second.folder, second.rows) == (False, first.folder, FIXTURE_ROWS)
    assert snapshot_names(project) == [first.folder.name]


def test_a_request_that_keeps_failing_leaves_no_snapshot(project):
    client = FixtureClient(failures={"ISR-RUS-2020-M-AG2": ComtradeHTTPError(503, "Service Unavailable")})
    with pytest.raises(RefreshError, match="ISR-RUS-2020-M-AG2: HTTP 503"):
        refresh_comtrade(client, YEARS, snapshots_dir(project), project, sleep=lambda _: None,
                         stream=io.StringIO(), now=fixture_now)
    assert snapshot_names(project) == []


def test_a_reply_that_fails_validation_leaves_no_half_written_snapshot(project):
    client = FixtureClient(values={"RUS-TUR-2020-X-TOTAL": "lots"})
    with pytest.raises(DataError) as caught:
        refresh(project, client)
    assert "raw/RUS-TUR-2020-X-TOTAL.csv:2: column 'primaryValue' value 'lots'" in str(caught.value)
    assert snapshot_names(project) == []  # neither the snapshot nor its staging folder


def test_no_network_is_one_line_exit_2_and_nothing_written(project):
    unreachable = ComtradeUnreachableError("UN Comtrade cannot be reached (Failed to resolve 'comtradeapi.un.org')")
    client = FixtureClient(failures={"RUS-ISR-2019-X-TOTAL": unreachable})
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run_refresh(project, YEARS, snapshots_dir(project), lambda: client, sleep=pytest.fail, stdout=stdout,
                       stderr=stderr)
    assert code == 2
    lines = [line for line in stderr.getvalue().split("\n") if line.strip() and not line.startswith("\r[")]
    assert lines[-1] == ("error: UN Comtrade cannot be reached (Failed to resolve 'comtradeapi.un.org'); "
                         "nothing was written")
    assert stdout.getvalue() == ""
    assert not snapshots_dir(project).exists()


def test_the_command_without_the_client_installed_says_how_to_install_it(project, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "comtradeapicall", None)
    assert cli.main(["refresh", "comtrade", "--years", "2020", "--root", str(project.root)]) == 1
    assert "pip install -e '.[refresh]'" in capsys.readouterr().err
    assert not snapshots_dir(project).exists()


# --- the trade dataset ---------------------------------------------------------------------------------------------

def test_the_trade_dataset_appends_a_snapshot_beside_the_curated_figures(project):
    outcome = refresh(project)
    trade = load_dataset("trade", project)  # also checks the sidecar
    curated = load_trade(ProjectPaths.at(ROOT))
    assert len(trade) == CURATED_ROWS + FIXTURE_ROWS
    pd.testing.assert_frame_equal(trade.iloc[:CURATED_ROWS], curated)
    snapshot = trade.iloc[CURATED_ROWS:]
    assert snapshot["figure_id"].tolist() == [f"{outcome.folder.name}-{n:05d}" for n in range(1, 9)]
    assert set(snapshot["reporter"]) == {"UN Comtrade"}
    assert set(snapshot["source_label"]) == {"UN Comtrade, reported by Russia", "UN Comtrade, reported by Israel"}
    assert sorted(snapshot["hs_chapter"].dropna()) == ["27", "27", "71", "71"]
    assert curated["hs_chapter"].isna().all()


def test_a_later_snapshot_supersedes_the_same_comtrade_figures_only(project):
    refresh(project)
    revised = FixtureClient(values={"RUS-ISR-2020-X-TOTAL": 1111111112.0})
    later = refresh(project, revised, now=lambda: "2026-03-01T00:00:00Z")
    assert later.created
    trade = load_trade(project)
    assert len(trade) == CURATED_ROWS + FIXTURE_ROWS
    snapshot = trade.iloc[CURATED_ROWS:]
    assert snapshot["figure_id"].str.startswith(later.folder.name).all()
    assert 1111111112.0 in snapshot["value_usd"].tolist()


def test_a_snapshot_edited_after_writing_is_refused(project):
    outcome = refresh(project)
    rows = outcome.folder / "rows.csv"
    rows.write_text(rows.read_text(encoding="utf-8").replace("1111111111.0", "9111111111.0"), encoding="utf-8")
    with pytest.raises(DataError, match=r"does not match the sha256 in snapshot\.json"):
        load_trade(project)


def test_the_summary_says_which_data_is_shown(project):
    assert snapshot_summary(project) == []
    assert data_label(snapshot_summary(project)) == "curated figures"
    outcome = refresh(project)
    summary = snapshot_summary(project)
    assert summary == [{"id": outcome.folder.name, "kind": "comtrade", "retrieved_at": "2026-01-15T09:30:00Z",
                        "rows": FIXTURE_ROWS, "label": "UN Comtrade snapshot of 2026-01-15"}]
    assert data_label(summary) == "curated figures + UN Comtrade snapshot of 2026-01-15"


def test_staging_folders_and_other_files_are_not_data(project):
    refresh(project)
    (snapshots_dir(project) / ".staging-comtrade-20260201-abcdef0123-x").mkdir()
    (snapshots_dir(project) / "README.md").write_text("# snapshots\n", encoding="utf-8")
    assert len(load_trade(project)) == CURATED_ROWS + FIXTURE_ROWS


# --- import FILE ---------------------------------------------------------------------------------------------------

def import_fixture(project: ProjectPaths, name: str, kind: str | None = None):
    return import_file(FIXTURES / name, kind, snapshots_dir(project), project, now=fixture_now)


def test_a_hand_downloaded_comtrade_file_is_stored_as_a_snapshot(project):
    outcome = import_fixture(project, "TEST_FIXTURE_comtrade_export.csv")
    assert re.fullmatch(r"import-20260115-[0-9a-f]{10}", outcome.folder.name)
    assert (outcome.folder / "raw" / "TEST_FIXTURE_comtrade_export.csv").read_bytes() == (
        FIXTURES / "TEST_FIXTURE_comtrade_export.csv").read_bytes()
    manifest = json.loads((outcome.folder / "snapshot.json").read_text(encoding="utf-8"))
    assert manifest["source"]["layout"] == "UN Comtrade export"
    assert manifest["row_counts"] == {"records": 3, "rows": 3}
    trade = load_trade(project).iloc[CURATED_ROWS:]
    assert trade["raw_file"].eq(f"data/snapshots/{outcome.folder.name}/raw/TEST_FIXTURE_comtrade_export.csv").all()
    assert trade["note"].str.endswith("imported from TEST_FIXTURE_comtrade_export.csv, downloaded from UN Comtrade "
                                      "by hand").all()
    assert snapshot_summary(project)[0]["label"] == "import of TEST_FIXTURE_comtrade_export.csv of 2026-01-15"


def test_importing_the_same_content_again_writes_nothing(project, tmp_path):
    first = import_fixture(project, "TEST_FIXTURE_comtrade_export.csv")
    renamed = tmp_path / "TEST_FIXTURE_same_content.csv"
    shutil.copyfile(FIXTURES / "TEST_FIXTURE_comtrade_export.csv", renamed)
    again = import_file(renamed, None, snapshots_dir(project), project, now=lambda: "2026-02-01T00:00:00Z")
    assert (again.created, again.folder) == (False, first.folder)


def test_a_template_file_is_stored_as_a_snapshot(project):
    outcome = import_fixture(project, "TEST_FIXTURE_trade_template.csv")
    trade = load_trade(project).iloc[CURATED_ROWS:]
    assert outcome.rows == 2
    assert trade["reporter"].tolist() == ["Israeli official", "Russian official"]


def test_a_windows_1252_export_is_read(project, tmp_path):
    text = (FIXTURES / "TEST_FIXTURE_comtrade_export.csv").read_text(encoding="utf-8")
    exported = tmp_path / "TEST_FIXTURE_cp1252.csv"
    exported.write_bytes(text.replace("TEST FIXTURE Israel", "TEST FIXTURE Israël").encode("cp1252"))
    outcome = import_file(exported, None, snapshots_dir(project), project, now=fixture_now)
    manifest = json.loads((outcome.folder / "snapshot.json").read_text(encoding="utf-8"))
    assert manifest["source"]["encoding"] == "cp1252"
    assert manifest["source"]["sha256"] == sha256_of(exported.read_bytes())


def malformed_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    path = tmp_path / f"TEST_FIXTURE_malformed_{name}"
    path.write_text((FIXTURES / name).read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return path


COMTRADE_EXPORT, TRADE_TEMPLATE = "TEST_FIXTURE_comtrade_export.csv", "TEST_FIXTURE_trade_template.csv"


@pytest.mark.parametrize(("source", "edit", "where"), [
    ((COMTRADE_EXPORT, None), ("343434343.0,0", "3.4e8x,0"), ":3: column 'primaryValue' value '3.4e8x'"),
    ((COMTRADE_EXPORT, None), (",376,ISR,", ",999,XXX,"), ":2: column 'reporterCode' value '999'"),
    ((COMTRADE_EXPORT, "comtrade"), ("flowCode,", "flow,"), ":1: column 'flowCode'"),
    ((TRADE_TEMPLATE, None), (",90000009,", ",ninety million,"), ":3: column 'value_usd'"),
    ((TRADE_TEMPLATE, None), ("2021,ISR,RUS", "2021,ISR,ISR"), ":2: column 'partner_iso3'"),
    ((TRADE_TEMPLATE, "template"), ("hs_chapter,", "chapter,"), ":1: column 'hs_chapter'"),
])
def test_a_malformed_import_names_file_line_and_column_and_writes_nothing(project, tmp_path, source, edit, where):
    """source: fixture file and --kind; edit: the text replaced to break it."""
    name, kind = source
    path = malformed_copy(tmp_path, name, *edit)
    stdout, stderr = io.StringIO(), io.StringIO()
    assert run_import(project, path, kind, snapshots_dir(project), stdout=stdout, stderr=stderr) == 1
    assert f"{path.as_posix()}{where}" in stderr.getvalue()
    assert stderr.getvalue().startswith("error: 1 problem(s); nothing was written\n")
    assert snapshot_names(project) == []


def test_a_file_in_neither_layout_is_refused_at_its_header(project, tmp_path):
    path = tmp_path / "TEST_FIXTURE_unknown.csv"
    path.write_text("country,year,value\nIsrael,2020,1\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        import_file(path, None, snapshots_dir(project), project)
    assert f"{path.as_posix()}:1:" in str(caught.value)
    assert "docs/TRADE_TEMPLATE.md" in str(caught.value)


def test_import_from_the_command_line(project, capsys):
    path = FIXTURES / "TEST_FIXTURE_trade_template.csv"
    assert cli.main(["import", str(path), "--kind", "template", "--root", str(project.root)]) == 0
    assert re.match(r"wrote data/snapshots/import-\d{8}-[0-9a-f]{10}: 2 rows", capsys.readouterr().out)
    assert cli.main(["import", str(path), "--root", str(project.root)]) == 0
    assert capsys.readouterr().out.startswith("unchanged: data/snapshots/import-")
