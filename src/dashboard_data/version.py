"""A short, stable id of the data a view was built from, so a shared link can tell if the numbers changed."""

from __future__ import annotations

import hashlib

import pandas as pd


def table_digest(frame: pd.DataFrame) -> str:
    """sha256 over the table's column names and cell values (row order matters; index does not)."""
    digest = hashlib.sha256("\x1f".join(map(str, frame.columns)).encode())
    digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def data_version(tables: dict[str, pd.DataFrame]) -> str:
    """12 hex characters over every table, in name order."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        digest.update(name.encode())
        digest.update(table_digest(tables[name]).encode())
    return digest.hexdigest()[:12]
