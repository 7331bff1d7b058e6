"""The browser-test harness: a real server and headless Debian Chromium, no network beyond loopback."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from dashboard_app.navigation import PAGE_SECTIONS, PAGES, TAB_KEY

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Streamlit's frontend probes /<page>/_stcore/health and /host-config on every non-root URL and logs the 404s;
# that is Streamlit's own behaviour, not the app's. pydeck asks the web for a Carto base-map style even with
# map_style=None; offline that fetch fails. Nothing else is tolerated.
EXPECTED_CONSOLE_ERRORS = (
    re.compile(r"Failed to load resource: the server responded with a status of 404"),
    # Chromium appends the stack to the message: one frame, in Streamlit's deck.gl chart bundle.
    re.compile(r"^Error: Failed to fetch(?:\n\s+at \S+/static/js/DeckGlJsonChart[\w.-]*\.js:\d+:\d+)?$"
               r"|Failed to fetch.*basemaps\.cartocdn|cartocdn"),
    re.compile(r"Failed to load resource: net::ERR_FAILED"),
)


@dataclass(frozen=True)
class View:
    """One thing a user can open: a page, or one of its tabs (only the open tab runs, so each is its own view)."""

    name: str
    path: str


def every_view() -> list[View]:
    views = []
    for entry in PAGES:
        tabs = PAGE_SECTIONS.get(entry.url_path.split("/")[0], ())
        views.append(View(entry.url_path, entry.route))
        views += [View(f"{entry.url_path}[{tab}]", f"{entry.route}?{urlencode({TAB_KEY: tab})}") for tab in tabs[1:]]
    return views


VIEWS = every_view()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(base: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:  # noqa: S310
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server at {base} not healthy after {seconds} s")


@contextmanager
def running_server(script: str = "app.py") -> Iterator[str]:
    """A fresh `streamlit run <script>` from the project root (so .streamlit/config.toml applies) on a free loopback
    port, stopped on exit."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # Output to /dev/null: an unread pipe fills up and then blocks the server.
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        wait_healthy(base)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@dataclass
class OpenedPage:
    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)

    def unexpected_console_errors(self) -> list[str]:
        return [e for e in self.console_errors if not any(p.search(e) for p in EXPECTED_CONSOLE_ERRORS)]


def wait_idle(page, quiet_ms: int = 400, timeout_s: float = 60) -> None:
    """Finished = the script is not running and no status widget is shown, for quiet_ms in a row."""
    start, quiet_since = time.time(), None
    while time.time() - start < timeout_s:
        busy = page.evaluate("""() => {
            const app = document.querySelector('[data-testid="stApp"]');
            const running = !app || ['initial', 'running', 'rerunRequested']
                .includes(app.getAttribute('data-test-script-state'));
            return running || !!document.querySelector('[data-testid="stStatusWidget"]');
        }""")
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.time()
        elif (time.time() - quiet_since) * 1000 >= quiet_ms:
            return
        time.sleep(0.05)
    raise TimeoutError("the page did not finish running")
