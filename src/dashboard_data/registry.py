"""The datasets the dashboard knows, how to load each, and where its metadata sidecar is."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard_data.errors import DataError
from dashboard_data.metadata import frame_problems, load_metadata
from dashboard_data.paths import ProjectPaths


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    module: str
    strand: str

    def loader(self) -> Callable[[ProjectPaths], pd.DataFrame]:
        """Each dataset module exposes LOADERS: {dataset name: function(paths) -> DataFrame}."""
        return importlib.import_module(f"dashboard_data.{self.module}").LOADERS[self.name]


DATASETS: dict[str, DatasetSpec] = {spec.name: spec for spec in (
    DatasetSpec("trade", "trade", "trade"),
    DatasetSpec("immigration", "diaspora", "diaspora"),
    DatasetSpec("population", "diaspora", "diaspora"),
    DatasetSpec("settlement", "diaspora", "diaspora"),
    DatasetSpec("knesset_seats", "diaspora", "diaspora"),
    DatasetSpec("census2022", "census", "diaspora"),
    DatasetSpec("visits", "visits", "visits"),
    DatasetSpec("events", "events", "events"),
    DatasetSpec("countries", "countries", "geography"),
    DatasetSpec("claims", "claims", "article"),
)}


def metadata(name: str, paths: ProjectPaths) -> dict:
    return load_metadata(paths.meta / f"{name}.json")


def load_dataset(name: str, paths: ProjectPaths) -> pd.DataFrame:
    """Load one dataset from raw files, validated against its schema and its sidecar."""
    frame = DATASETS[name].loader()(paths)
    problems = frame_problems(frame, metadata(name, paths), f"data/meta/{name}.json")
    if problems:
        raise DataError(problems)
    return frame


def load_all(paths: ProjectPaths) -> dict[str, pd.DataFrame]:
    return {name: load_dataset(name, paths) for name in DATASETS}
