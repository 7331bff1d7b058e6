"""Record the current data version in data/versions.json, so links made on older data can say what changed.

    python scripts/record_data_version.py "what changed in the data"

Run it after any change to data/ (a test fails until the current version is recorded)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from dashboard_data.paths import ProjectPaths
from dashboard_data.registry import DATASETS, load_dataset
from dashboard_data.version import data_version

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("summary", help="one line: what changed in the data")
    args = parser.parse_args()
    paths = ProjectPaths.at(ROOT)
    version = data_version({name: load_dataset(name, paths) for name in DATASETS})
    history_file = paths.root / "data" / "versions.json"
    history = json.loads(history_file.read_text(encoding="utf-8"))
    if history and history[-1]["version"] == version:
        print(f"data version {version} is already recorded")
        return
    history.append({"version": version, "date": dt.date.today().isoformat(), "summary": args.summary})
    history_file.write_text(json.dumps(history, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"recorded data version {version}")


if __name__ == "__main__":
    main()
