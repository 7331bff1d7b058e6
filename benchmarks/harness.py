"""What the on-demand benchmarks share: a Streamlit server on loopback, its memory, and headless Chromium that
times a page until its script run has finished (the finished-run rule of PLATFORM.md)."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOOPBACK = "127.0.0.1"
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:", re.MULTILINE)
# Runs are counted from Streamlit's own websocket messages: a run begins when the page sends a rerun request
# (BackMsg field 11) and ends with a script-finished message (ForwardMsg field 6). Watching the run-state attribute
# alone missed runs of a few tens of milliseconds, which the browser can show as "running" and "not running" in one
# render. A run's end is stamped, in the page's own clock, when the page has applied it: the moment the attribute
# turns "notRunning" again (a MutationObserver sees it however short; before it, the page shows "rerunRequested"
# or "running") or, if it never changed, the first frame after the message. Streamlit loads some widgets' code
# lazily and shows a skeleton meanwhile: a page is done when its run has ended and the last skeleton is gone.
RUN_PROBE = """(() => {
  const runs = window.__runs = {began: 0, ended: 0, lastEnd: 0, lastSkeleton: 0};
  const state = () => document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state');
  let finishing = 0, appliedAt = 0;
  const settle = now => { runs.ended += finishing; finishing = 0; runs.lastEnd = now; };
  const topFields = data => {
    const bytes = new Uint8Array(data), found = new Set();
    let i = 0;
    const varint = () => { let value = 0, shift = 0, byte;
      do { byte = bytes[i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
      return value; };
    while (i < bytes.length) {
      const key = varint(), wire = key % 8;
      found.add(Math.floor(key / 8));
      if (wire === 0) varint();
      else if (wire === 2) { const length = varint(); i += length; }
      else if (wire === 1) i += 8; else if (wire === 5) i += 4; else break;
    }
    return found;
  };
  window.WebSocket = class extends window.WebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', event => {
        if (!(event.data instanceof ArrayBuffer) || !topFields(event.data).has(6)) return;
        finishing += 1;
        const arrived = performance.now();
        const check = () => {
          if (!finishing) return;
          if (appliedAt >= arrived) settle(appliedAt);
          else if (state() === 'notRunning') settle(performance.now());
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    }
    send(data) {
      if (typeof data !== 'string' && topFields(data).has(11)) runs.began += 1;
      return super.send(data);
    }
  };
  new MutationObserver(records => {
    for (const r of records) {
      if (r.oldValue === 'notRunning' || r.target.getAttribute('data-test-script-state') !== 'notRunning') continue;
      appliedAt = performance.now();
      if (finishing) settle(appliedAt);
    }
  }).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ['data-test-script-state']});
  let skeleton = false;
  new MutationObserver(() => {
    const now = !!document.querySelector('[data-testid="stSkeleton"]');
    if (skeleton && !now) runs.lastSkeleton = performance.now();
    skeleton = now;
  }).observe(document, {subtree: true, childList: true});
})();"""
BUSY = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const running = !app || ['initial', 'running', 'rerunRequested'].includes(app.getAttribute('data-test-script-state'));
  return running || !!document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]');
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    base: str
    started_s: float
    log: Path

    def tracebacks(self) -> list[str]:
        """The server's own account of each exception (the page shows none: showErrorDetails is "none")."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        blocks = text.split("Traceback (most recent call last):")[1:]
        # A block runs until the server's next timestamped log line.
        return [LOG_LINE.split(block, maxsplit=1)[0].strip() for block in blocks]

    def rss_mb(self) -> float:
        return rss_mb(self.process.pid)


def rss_mb(pid: int) -> float:
    """Resident memory from /proc (Linux), so the benchmarks need no psutil."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def wait_healthy(base: str, seconds: float = 60) -> None:
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:  # noqa: S310
            if answer.read() == b"ok":
                return
        time.sleep(0.05)
    raise RuntimeError(f"server at {base} not healthy after {seconds} s")


@contextlib.contextmanager
def streamlit_server(entry: str, *options: str) -> Iterator[Server]:
    """`streamlit run entry` from the project root (so .streamlit/config.toml applies to every server alike)."""
    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    with tempfile.TemporaryDirectory(prefix="bench-server-") as folder:
        log = Path(folder) / "server.log"
        with log.open("w", encoding="utf-8") as sink:
            start = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", entry, "--server.headless", "true", "--server.address",
                 LOOPBACK, "--server.port", str(port), "--browser.gatherUsageStats", "false", *options],
                cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
            try:
                wait_healthy(base)
                yield Server(process, base, time.perf_counter() - start, log)
            finally:
                process.terminate()
                process.wait(timeout=20)


def start_seconds(entry: str, repeat: int = 3) -> float:
    """Median seconds from launching the server to a healthy answer."""
    times = []
    for _ in range(repeat):
        with streamlit_server(entry) as server:
            times.append(server.started_s)
    return statistics.median(times)


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_tab(browser, base: str, width: int = 1400, height: int = 900):
    """A tab in its own context (own cache) that reaches only `base`: offline, like the browser tests."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(RUN_PROBE)
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    return page


def wait_runs(page, at_least: int, quiet_ms: int = 400, timeout_s: float = 120, start_s: float = 15) -> float:
    """Wait until `at_least` runs have ended and the app has stayed idle for quiet_ms; return when (in the page's
    clock, ms) it became idle. An action that starts no run at all fails after start_s, not timeout_s."""
    start, quiet_since = time.perf_counter(), None
    while time.perf_counter() - start < timeout_s:
        runs = page.evaluate("() => window.__runs || {began: 0, ended: 0}")
        if runs["began"] < at_least and time.perf_counter() - start > start_s:
            raise TimeoutError(f"{page.url}: no run started within {start_s} s")
        if runs["ended"] < at_least or page.evaluate(BUSY):
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.perf_counter()
        elif (time.perf_counter() - quiet_since) * 1000 >= quiet_ms:
            return page.evaluate("() => Math.max(window.__runs.lastEnd, window.__runs.lastSkeleton)")
        time.sleep(0.03)
    raise TimeoutError(f"{page.url}: the run did not finish within {timeout_s} s")


def load_seconds(page, url: str) -> float:
    """Seconds from navigation start to the end of the page's script run (page clock starts at navigation)."""
    page.goto(url)
    return wait_runs(page, 1) / 1000


def page_has(page, selector: str) -> bool:
    return page.locator(selector).count() > 0


def interaction_kind(page) -> str | None:
    """The first interaction the page offers, in this order: a slider, a selectbox, a point on a chart."""
    for kind, selector in INTERACTIONS.items():
        if page_has(page, selector):
            return kind
    return None


def interact(page, kind: str) -> None:
    if kind == "slider":
        # The range input is visually hidden; a keyboard step is what a user of the keyboard does.
        page.locator(INTERACTIONS["slider"]).first.press("ArrowRight")
    elif kind == "section":
        # The pages' section switch (components.lazy_sections): open the second section.
        page.locator(".st-key-tab button").nth(1).click()
    elif kind == "select":
        page.locator(INTERACTIONS["select"]).first.click()
        page.locator('[role="option"]:not([aria-selected="true"])').first.click()
    else:
        point = page.locator(INTERACTIONS["point"]).first
        point.scroll_into_view_if_needed()
        box = point.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


INTERACTIONS = {
    "slider": '[data-testid="stSlider"] input[type="range"]',
    "select": '[data-testid="stSelectbox"] input[role="combobox"]',
    "point": '[data-testid="stPlotlyChart"] .scatterlayer .point',
}


def rerun_seconds(page, kind: str) -> float:
    """Seconds from one interaction to the end of the rerun it caused."""
    ended = page.evaluate("() => window.__runs.ended")
    began = page.evaluate("() => performance.now()")
    interact(page, kind)
    return (wait_runs(page, ended + 1) - began) / 1000


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU")
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python {sys.version.split()[0]}"
