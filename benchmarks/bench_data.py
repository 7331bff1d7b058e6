"""Benchmark (run on demand): build every dataset from raw, and load the built Parquet tables.

    python benchmarks/bench_data.py [--repeat 5]

Targets on the 2-core reference machine: build <= 1 s, load <= 100 ms. Reported, never asserted in tests.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from dashboard_data.build import build, read_built
from dashboard_data.paths import ProjectPaths

ROOT = Path(__file__).resolve().parents[1]


def timed(action, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    paths = ProjectPaths.at(ROOT)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "build"
        rows = [("build all datasets from raw (+ write Parquet)", timed(lambda: build(paths, out), args.repeat), 1.0),
                ("load the built Parquet tables", timed(lambda: read_built(out), args.repeat), 0.1)]
    print(f"{'benchmark':<50} {'median s':>9} {'min s':>8} {'target s':>9}  verdict")
    for name, times, target in rows:
        median = statistics.median(times)
        print(f"{name:<50} {median:>9.3f} {min(times):>8.3f} {target:>9.3f}  {'ok' if median <= target else 'SLOW'}")


if __name__ == "__main__":
    main()
