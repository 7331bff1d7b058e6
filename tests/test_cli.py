"""The command line: validate names a malformed raw row; summary tabulates; build is atomic."""

import shutil

import pandas as pd
import pytest

from dashboard_data import __main__ as cli
from dashboard_data import build as build_module
from dashboard_data.build import build, read_built
from dashboard_data.paths import ProjectPaths
from dashboard_data.registry import DATASETS
from support import ROOT


@pytest.fixture
def project_copy(tmp_path):
    for folder in ("data", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("snapshots"))
    return tmp_path


def test_validate_passes_on_the_shipped_data(capsys):
    assert cli.main(["validate", "--root", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert all(f"ok   {name}:" in out for name in DATASETS)


def test_validate_fails_naming_the_malformed_row(project_copy, capsys):
    visits = project_copy / "data/raw/curated/visits.csv"
    lines = visits.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace("2012-06-25", "25 June 2012", 1)
    visits.write_text("".join(lines), encoding="utf-8")
    assert cli.main(["validate", "--root", str(project_copy)]) == 1
    out = capsys.readouterr().out
    assert "FAIL visits" in out
    assert "data/raw/curated/visits.csv:4: column 'date_start' value '25 June 2012'" in out


def test_summary_lists_rows_and_coverage(capsys):
    assert cli.main(["summary", "--root", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "visits" in out
    assert "2005–2022" in out


def test_build_writes_every_table_and_a_manifest(tmp_path):
    out = build(ProjectPaths.at(ROOT), tmp_path / "build")
    tables = read_built(out)
    assert set(tables) == set(DATASETS)
    assert len(tables["visits"]) == 31
    assert (out / "manifest.json").exists()


def test_a_failed_build_leaves_the_previous_output_untouched(tmp_path, monkeypatch):
    out = build(ProjectPaths.at(ROOT), tmp_path / "build")
    before = (out / "manifest.json").read_text()

    def broken_write(tables, folder):
        pd.DataFrame({"a": [1]}).to_parquet(folder / "half.parquet")
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "write_tables", broken_write)
    with pytest.raises(OSError, match="disk full"):
        build(ProjectPaths.at(ROOT), out)
    assert (out / "manifest.json").read_text() == before
    assert not (out / "half.parquet").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["build"]
