"""Write every normalized table to Parquet, atomically: a failed build leaves the previous output untouched."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from dashboard_data.paths import ProjectPaths
from dashboard_data.registry import load_all
from dashboard_data.version import data_version, table_digest


def build(paths: ProjectPaths, out_dir: Path | None = None) -> Path:
    """Load all datasets (raising on any problem) and replace `out_dir` with the new tables in one step."""
    out_dir = Path(out_dir or paths.build)
    tables = load_all(paths)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        write_tables(tables, staging)
        swap_into_place(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


def write_tables(tables: dict[str, pd.DataFrame], folder: Path) -> None:
    for name, frame in tables.items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    manifest = {"data_version": data_version(tables),
                "tables": {name: {"rows": len(frame), "sha256": table_digest(frame)} for name, frame in tables.items()}}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def swap_into_place(staging: Path, out_dir: Path) -> None:
    """Rename-based swap: readers see either the old folder or the new one, never a half-written one."""
    retired = out_dir.with_name(f".{out_dir.name}-retired")
    shutil.rmtree(retired, ignore_errors=True)
    if out_dir.exists():
        out_dir.rename(retired)
    staging.rename(out_dir)
    shutil.rmtree(retired, ignore_errors=True)


def read_built(out_dir: Path) -> dict[str, pd.DataFrame]:
    return {path.stem: pd.read_parquet(path) for path in sorted(Path(out_dir).glob("*.parquet"))}
