"""Benchmark (run on demand): a filter rerun over a SYNTHETIC 1,000,000-row HS6-shaped trade table.

    python benchmarks/bench_scale.py [--repeat 5] [--rows 1000000]

The table is random numbers generated inside the benchmark's own server (benchmarks/scale/synthetic.py): never
written to disk, never in data/, never shown as data. Two pages filter it the same way (partner, years, flows,
reporters) and show one chart, the table and a download: a bare Streamlit page with pandas masks, and a page that
uses the trade page's own filters, sentence, source caption and CSV + zip downloads. Each sample loads the page
and moves the years slider one step; the rerun's time to idle is measured in headless Chromium.
Target on the 2-core reference machine: dashboard rerun <= 1.5x the bare rerun. Reported, not asserted.
"""

from __future__ import annotations

import argparse
import os
import sys

import harness

ENTRY = "benchmarks/scale/app.py"
PAGES = {"bare": "", "dashboard": "project_filter"}
TARGET_RATIO = 1.5


def measure(repeat: int) -> tuple[dict[str, list[float]], dict[str, list[float]], float]:
    loads: dict[str, list[float]] = {name: [] for name in PAGES}
    reruns: dict[str, list[float]] = {name: [] for name in PAGES}
    with harness.streamlit_server(ENTRY) as server, harness.chromium() as browser:
        tab = harness.new_tab(browser, server.base)
        harness.load_seconds(tab, server.base)  # builds the shared table once, outside the timings
        for _ in range(repeat):
            for name, path in PAGES.items():
                loads[name].append(harness.load_seconds(tab, f"{server.base}/{path}"))
                reruns[name].append(harness.rerun_seconds(tab, "slider"))
        rss = server.rss_mb()
    return loads, reruns, rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    os.environ["BENCH_SCALE_ROWS"] = str(args.rows)  # read by the server's synthetic.py
    loads, reruns, rss = measure(args.repeat)
    print(f"Machine: {harness.machine()}")
    print(f"SYNTHETIC table of {args.rows:,} rows (not data); seconds to idle, median of {args.repeat}")
    print(f"{'page':<10} {'load':>6} {'rerun':>6}")
    for name in PAGES:
        print(f"{name:<10} {harness.median(loads[name]):>6.2f} {harness.median(reruns[name]):>6.2f}")
    ratio = harness.median(reruns["dashboard"]) / harness.median(reruns["bare"])
    print(f"filter rerun ratio dashboard / bare: {ratio:.2f} ({'ok' if ratio <= TARGET_RATIO else 'SLOW'} against "
          f"{TARGET_RATIO}); server RSS {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
