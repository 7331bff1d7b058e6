"""Read a raw CSV with the file line number of every record, so errors can point at the row."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from dashboard_data.errors import fail

LINE = "raw_line"
FILE = "raw_file"


def read_raw_csv(path: str | Path, required: list[str], *, display_name: str | None = None) -> pd.DataFrame:
    """Read every field as text; add `raw_file` and `raw_line` (the 1-based line where the record starts).

    Raises DataError naming the file if a required column is missing, and file and line for a
    record whose field count differs from the header.
    """
    path = Path(path)
    name = display_name or path.as_posix()
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise fail(name, 1, None, None, "the file is empty; a header row is required") from None
        missing = [c for c in required if c not in header]
        if missing:
            raise fail(name, 1, missing[0], None, f"required column missing (the header has: {', '.join(header)})")
        records, lines = [], []
        start = reader.line_num + 1
        for row in reader:
            if not any(cell.strip() for cell in row):
                start = reader.line_num + 1
                continue
            if len(row) != len(header):
                raise fail(name, start, None, None, f"expected {len(header)} fields, found {len(row)}")
            records.append(row)
            lines.append(start)
            start = reader.line_num + 1
    frame = pd.DataFrame(records, columns=header, dtype="string")
    frame[FILE] = name
    frame[LINE] = pd.array(lines, dtype="Int64")
    return frame


def blank_to_na(series: pd.Series) -> pd.Series:
    """Empty or whitespace-only text becomes <NA>; everything else is stripped."""
    stripped = series.astype("string").str.strip()
    return stripped.mask(stripped == "")
