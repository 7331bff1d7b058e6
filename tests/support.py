"""Helpers shared by the tests (a module of its own: two files named conftest.py can't both be imported)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_matches_golden(frame: pd.DataFrame, name: str) -> None:
    """Compare a normalized table with tests/golden/<name>.csv; UPDATE_GOLDEN=1 rewrites the file."""
    golden = GOLDEN / f"{name}.csv"
    actual = frame.to_csv(index=False, lineterminator="\n")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}; run once with UPDATE_GOLDEN=1 and review it"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"normalized output differs from {golden.name}; diff it, fix or regenerate"
