"""Schema checks (pandera) whose failures name file, line, column and value."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from dashboard_data.errors import DataError, Problem
from dashboard_data.rawcsv import FILE, LINE


def validate_frame(frame: pd.DataFrame, schema: pa.DataFrameSchema, key: list[str], dataset: str) -> pd.DataFrame:
    """Validate `frame` against `schema` and check that `key` is unique.

    Every failure becomes a Problem located by the row's `raw_file`/`raw_line` when the table has them.
    """
    problems: list[Problem] = []
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems.extend(_problems_from_failures(frame, errors.failure_cases, dataset))
    problems.extend(duplicate_key_problems(frame, key, dataset))
    if problems:
        raise DataError(problems)
    return frame


def duplicate_key_problems(frame: pd.DataFrame, key: list[str], dataset: str) -> list[Problem]:
    duplicated = frame[frame.duplicated(subset=key, keep=False)]
    problems = []
    for index, row in duplicated.iterrows():
        value = tuple(row[k] for k in key)
        file, line = _locate(frame, index, dataset)
        problems.append(Problem(file, line, "+".join(key), value, f"duplicate key in dataset '{dataset}'"))
    return problems


def _problems_from_failures(frame: pd.DataFrame, failures: pd.DataFrame, dataset: str) -> list[Problem]:
    problems = []
    for failure in failures.itertuples():
        index = failure.index
        file, line = _locate(frame, index, dataset)
        column = failure.column if isinstance(failure.column, str) else None
        problems.append(Problem(file, line, column, failure.failure_case, f"fails check {failure.check}"))
    return problems


def _locate(frame: pd.DataFrame, index: object, dataset: str) -> tuple[str, int | None]:
    if index is None or pd.isna(index) or index not in frame.index or FILE not in frame.columns:
        return f"dataset '{dataset}'", None
    row = frame.loc[index]
    line = row[LINE] if LINE in frame.columns else None
    return str(row[FILE]), None if pd.isna(line) else int(line)
