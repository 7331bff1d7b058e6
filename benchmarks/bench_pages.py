"""Benchmark (run on demand): every page in headless Chromium against a bare Streamlit page of the same shape.

    python benchmarks/bench_pages.py [--repeat 5] [--pages overview,trade]

Measures server start → healthy, the first page load (fresh server, cold browser cache), and per page the median
of `repeat` loads (time to idle) and of one interaction each (time to idle after it; on a page with sections, also of
opening its second section, against a bare page whose sections hold the same kinds of content), each sample paired
with the bare page of the page's shape measured right after it, so machine noise hits both alike. The ratio is what
the dashboard's own code adds. Also the server's memory (RSS) after every page was visited.
Targets on the 2-core reference machine: ratio <= 1.25 for loads, reruns and section switches; RSS <= 300 MB.
Reported, not asserted.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field

import harness
from playwright.sync_api import Error as PlaywrightError

from dashboard_app.navigation import PAGE_SECTIONS, PAGES, route_of

BARE_ENTRY = "benchmarks/bare/app.py"
# The bare app's default page answers at the root, as the dashboard's first page does.
BARE_PATHS = {"chart+widget": "", "chart+table+download": "chart_table_download", "chart+map": "chart_map",
              "sections chart|chart": "section_chart", "sections chart|map": "section_map",
              "sections chart|map+table": "section_map_table"}
SHAPES = {"overview": "chart+widget", "trade": "chart+table+download", "article": "chart+table+download",
          "sources": "chart+table+download", "datasets": "chart+table+download", "diaspora": "chart+map",
          "visits": "chart+map"}
# What a page's first and second sections hold: opening the second is compared with the same switch on a bare page.
# Visits shows a table above its sections; the Diaspora's first table is in its map section, so opening it also
# loads Streamlit's table code.
SECTION_SHAPES = {"trade": "sections chart|chart", "diaspora": "sections chart|map+table",
                  "visits": "sections chart|map"}
# One interaction per page, chosen to be stable: the page's main filter. A page missing here (or whose widget is
# gone) gets the first one it offers (slider, select, chart point); the bare page repeats the same kind.
ACTIONS = {"overview": "point", "trade": "slider", "diaspora": "slider", "visits": "slider", "datasets": "select"}
TARGET_RATIO, TARGET_RSS_MB = 1.25, 300


@dataclass
class Samples:
    loads: list[float] = field(default_factory=list)
    reruns: list[float] = field(default_factory=list)
    section_switches: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class PageResult:
    url_path: str
    shape: str
    action: str | None = None
    app: Samples = field(default_factory=Samples)
    bare: Samples = field(default_factory=Samples)
    bare_sections: Samples = field(default_factory=Samples)


def action_for(tab, url_path: str) -> str | None:
    wanted = ACTIONS.get(url_path)
    if wanted and tab.locator(harness.INTERACTIONS[wanted]).count():
        return wanted
    return harness.interaction_kind(tab)


def sample(tab, url: str, action: str | None, into: Samples, *, sectioned: bool = False) -> None:
    into.loads.append(harness.load_seconds(tab, url))
    shown = tab.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    if shown.count():
        into.errors.append(f"error shown: {shown.first.inner_text().splitlines()[0][:60]}")
    if tab.get_by_role("dialog").filter(has_text="Page not found").count():
        into.errors.append("page not found")
    if action is None:
        return
    try:
        into.reruns.append(harness.rerun_seconds(tab, action))
        if sectioned:
            into.section_switches.append(harness.rerun_seconds(tab, "section"))
    except (TimeoutError, PlaywrightError) as error:
        into.errors.append(f"{action}: {str(error).splitlines()[0][:80]}")


def measure(pages: list[str], repeat: int) -> dict:
    results = {p: PageResult(p, SHAPES[p]) for p in pages}
    with harness.streamlit_server("app.py") as app, harness.streamlit_server(BARE_ENTRY) as bare, \
            harness.chromium() as browser:
        rss_start = app.rss_mb(), bare.rss_mb()
        first = (harness.load_seconds(harness.new_tab(browser, app.base), app.base),
                 harness.load_seconds(harness.new_tab(browser, bare.base), bare.base))
        app_tab, bare_tab = harness.new_tab(browser, app.base), harness.new_tab(browser, bare.base)
        for _ in range(repeat):
            for result in results.values():
                app_url = f"{app.base}/{route_of(result.url_path)}"
                if result.action is None:
                    app_tab.goto(app_url)
                    harness.wait_runs(app_tab, 1)
                    result.action = action_for(app_tab, result.url_path) or "none"
                action = None if result.action == "none" else result.action
                sectioned = result.url_path in PAGE_SECTIONS
                sample(app_tab, app_url, action, result.app, sectioned=sectioned)
                sample(bare_tab, f"{bare.base}/{BARE_PATHS[result.shape]}", action, result.bare)
                if sectioned:
                    # The same steps as the page's sample (load, the action, then the switch), so the switch starts
                    # from the same state; only the switch is reported.
                    sample(bare_tab, f"{bare.base}/{BARE_PATHS[SECTION_SHAPES[result.url_path]]}", action,
                           result.bare_sections, sectioned=True)
        rss_end = app.rss_mb(), bare.rss_mb()
        tracebacks = app.tracebacks()
    return {"results": results, "first": first, "rss_start": rss_start, "rss_end": rss_end,
            "tracebacks": tracebacks}


def ratio_text(ours: list[float], bare: list[float]) -> tuple[str, str, str, float | None]:
    if not ours or not bare:
        return "—", "—", "—", None
    mine, base = harness.median(ours), harness.median(bare)
    return f"{mine:.2f}", f"{base:.2f}", f"{mine / base:.2f}", mine / base


def report(measured: dict, starts: tuple[float, float], repeat: int) -> None:
    print(f"Machine: {harness.machine()}")
    print(f"Server start → healthy (median of 3): dashboard {starts[0]:.2f} s, bare {starts[1]:.2f} s")
    print(f"First page load (fresh server, cold browser cache): dashboard {measured['first'][0]:.2f} s, "
          f"bare {measured['first'][1]:.2f} s")
    print(f"\nTime to idle in seconds, median of {repeat}; ratio = dashboard / bare page of the same shape "
          f"(target <= {TARGET_RATIO})")
    head = ("page", "shape", "action", "load", "bare", "ratio", "rerun", "bare", "ratio", "verdict")
    print(f"{head[0]:<10} {head[1]:<21} {head[2]:<7} " + " ".join(f"{h:>6}" for h in head[3:9]) + f"  {head[9]}")
    for result in measured["results"].values():
        load = ratio_text(result.app.loads, result.bare.loads)
        rerun = ratio_text(result.app.reruns, result.bare.reruns)
        slow = [name for name, r in (("load", load[3]), ("rerun", rerun[3])) if r is not None and r > TARGET_RATIO]
        problems = sorted(set(result.app.errors))
        verdict = "; ".join([*(f"SLOW {s}" for s in slow), *problems]) or "ok"
        print(f"{result.url_path:<10} {result.shape:<21} {result.action or '—':<7} "
              + " ".join(f"{v:>6}" for v in (*load[:3], *rerun[:3])) + f"  {verdict}")
    switches = [r for r in measured["results"].values() if r.app.section_switches]
    if switches:
        print("\nOpening a page's second section (a rerun that runs only that section), median seconds, against the "
              "same switch on a bare page whose sections hold the same kinds of content")
        for result in switches:
            mine, base, ratio, value = ratio_text(result.app.section_switches, result.bare_sections.section_switches)
            verdict = "; ".join([*(["SLOW"] if value and value > TARGET_RATIO else []),
                                 *sorted(set(result.bare_sections.errors))]) or "ok"
            print(f"{result.url_path:<10} {SECTION_SHAPES[result.url_path]:<21} {mine:>6} {base:>6} {ratio:>6}  "
                  f"{verdict}")
    rss = measured["rss_end"][0]
    print(f"\nServer memory (RSS): dashboard {measured['rss_start'][0]:.0f} MB at start, {rss:.0f} MB after every "
          f"page ({'ok' if rss <= TARGET_RSS_MB else 'OVER'} against {TARGET_RSS_MB} MB); bare "
          f"{measured['rss_start'][1]:.0f} → {measured['rss_end'][1]:.0f} MB")
    endings = sorted({t.splitlines()[-1] for t in measured["tracebacks"]})
    print(f"Server tracebacks: {len(measured['tracebacks'])}" + "".join(f"\n  {e[:150]}" for e in endings))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", help="comma-separated url paths (default: every visible page)")
    args = parser.parse_args()
    visible = [p.url_path for p in PAGES if not p.hidden]
    pages = args.pages.split(",") if args.pages else visible
    unknown = sorted(set(pages) - set(SHAPES)) + sorted(set(pages) & set(PAGE_SECTIONS) - set(SECTION_SHAPES))
    if unknown:
        parser.error(f"no shape for {', '.join(unknown)}; add it to SHAPES (and SECTION_SHAPES for sections)")
    hidden = [p.url_path for p in PAGES if p.hidden]
    if hidden:
        print(f"Not measured: {', '.join(hidden)} (hidden; it shows the other pages inside a frame)")
    starts = harness.start_seconds("app.py"), harness.start_seconds(BARE_ENTRY)
    report(measure(pages, args.repeat), starts, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
