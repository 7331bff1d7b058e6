"""Command line: python -m dashboard_data validate | summary | build [--root DIR] [--out DIR]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from dashboard_data.build import build
from dashboard_data.errors import DataError
from dashboard_data.paths import ProjectPaths
from dashboard_data.registry import DATASETS, load_dataset, metadata


def validate(paths: ProjectPaths) -> int:
    failures = 0
    for name in DATASETS:
        try:
            frame = load_dataset(name, paths)
        except DataError as error:
            failures += 1
            print(f"FAIL {name}: {len(error.problems)} problem(s)")
            for problem in error.problems:
                print(f"  {problem}")
            continue
        print(f"ok   {name}: {len(frame)} rows")
    return 1 if failures else 0


def summary_table(paths: ProjectPaths) -> pd.DataFrame:
    rows = []
    for name in DATASETS:
        frame = load_dataset(name, paths)
        years = frame["year"].dropna() if "year" in frame.columns else pd.Series(dtype="Int64")
        rows.append({
            "dataset": name,
            "title": metadata(name, paths)["title"],
            "rows": len(frame),
            "years": f"{int(years.min())}–{int(years.max())}" if len(years) else "—",
            "sources": frame["source_url"].nunique() if "source_url" in frame.columns else 0,
        })
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard_data", description=__doc__)
    parser.add_argument("command", choices=["validate", "summary", "build"])
    parser.add_argument("--root", default=".", help="project root (holds data/ and seeds/)")
    parser.add_argument("--out", default=None, help="build output folder (default .cache/build)")
    args = parser.parse_args(argv)
    paths = ProjectPaths.at(args.root)
    if args.command == "validate":
        return validate(paths)
    try:
        if args.command == "summary":
            print(summary_table(paths).to_string(index=False))
        else:
            out = build(paths, Path(args.out) if args.out else None)
            print(f"built {len(DATASETS)} tables into {out}")
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
