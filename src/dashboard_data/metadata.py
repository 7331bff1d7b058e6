"""Metadata sidecars: one JSON per dataset (title, description, key, fields with type and unit, sources, licence).

The shape follows Frictionless Table Schema loosely: `fields` lists every column in order with a type
(string, integer, number, boolean) and a unit (null where a column has none).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from dashboard_data.errors import DataError, Problem

REQUIRED_KEYS = ("name", "title", "description", "primary_key", "licence", "fields", "sources")
FIELD_TYPES = {"string", "integer", "number", "boolean"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PROVENANCE_COLUMNS = ("source_url", "raw_file", "raw_line")


def load_metadata(path: str | Path) -> dict:
    """Read a sidecar and check its structure; raise DataError naming the sidecar and the defect."""
    path = Path(path)
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError([Problem(str(path), None, None, None, "metadata sidecar missing")]) from None
    except json.JSONDecodeError as error:
        raise DataError([Problem(str(path), error.lineno, None, None, f"invalid JSON: {error.msg}")]) from None
    problems = structure_problems(meta, str(path))
    if problems:
        raise DataError(problems)
    return meta


def structure_problems(meta: dict, where: str) -> list[Problem]:
    problems = [Problem(where, None, key, None, "required metadata key missing") for key in REQUIRED_KEYS
                if key not in meta]
    if problems:
        return problems
    for field in meta["fields"]:
        name = field.get("name")
        if field.get("type") not in FIELD_TYPES:
            problems.append(Problem(where, None, name, field.get("type"),
                                    f"field type must be one of {sorted(FIELD_TYPES)}"))
        if "unit" not in field or not field.get("description"):
            problems.append(Problem(where, None, name, None,
                                    "every field needs 'unit' (null if none) and 'description'"))
    for source in meta["sources"]:
        if not source.get("title") or not (source.get("url") or source.get("path")):
            problems.append(Problem(where, None, "sources", source, "a source needs a title and a url or path"))
        if not ISO_DATE.match(str(source.get("retrieved", ""))):
            problems.append(Problem(where, None, "sources", source.get("title"),
                                    "a source needs 'retrieved' as YYYY-MM-DD"))
    licence = meta["licence"]
    if not isinstance(licence, dict) or not licence.get("name"):
        problems.append(Problem(where, None, "licence", licence, "licence needs at least a name"))
    if not meta["primary_key"]:
        problems.append(Problem(where, None, "primary_key", None, "a primary key is required"))
    return problems


def frame_problems(frame: pd.DataFrame, meta: dict, where: str) -> list[Problem]:
    """Check that a DataFrame matches its sidecar: same columns in order, declared types, unique key."""
    declared = [f["name"] for f in meta["fields"]]
    if list(frame.columns) != declared:
        missing = [c for c in declared if c not in frame.columns]
        extra = [c for c in frame.columns if c not in declared]
        return [Problem(where, None, None, None,
                        f"columns differ from the sidecar (missing: {missing}; undeclared: {extra}; or order differs)")]
    problems = [Problem(where, None, f["name"], str(frame[f["name"]].dtype),
                        f"dtype does not match declared type {f['type']}")
                for f in meta["fields"] if not _dtype_matches(frame[f["name"]], f["type"])]
    key = meta["primary_key"]
    if frame.duplicated(subset=key).any():
        problems.append(Problem(where, None, "+".join(key), None, "primary key is not unique"))
    if frame[key].isna().any().any():
        problems.append(Problem(where, None, "+".join(key), None, "primary key has empty values"))
    return problems


def _dtype_matches(series: pd.Series, declared: str) -> bool:
    if declared == "string":
        return pd.api.types.is_string_dtype(series.dtype)
    if declared == "integer":
        return pd.api.types.is_integer_dtype(series.dtype)
    if declared == "number":
        return pd.api.types.is_float_dtype(series.dtype) or pd.api.types.is_integer_dtype(series.dtype)
    return pd.api.types.is_bool_dtype(series.dtype)


def field_units(meta: dict) -> dict[str, str | None]:
    return {f["name"]: f.get("unit") for f in meta["fields"]}


def citation(meta: dict) -> str:
    """A one-line 'how to cite' built from the sidecar."""
    sources = "; ".join(s["title"] for s in meta["sources"])
    return f"Russia–Israel Relations Dashboard, dataset '{meta['name']}' ({meta['title']}). Sources: {sources}."
