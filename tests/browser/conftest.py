"""Fixtures for the browser tests: one server and one Chromium per session, and an offline page opener."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from browser_support import CHROMIUM, CHROMIUM_ARGS, OpenedPage, running_server, wait_idle


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    with running_server() as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def open_page(browser, server):
    contexts = []

    def _open(path: str, width: int = 1400, height: int = 900) -> OpenedPage:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        opened = OpenedPage(page)
        page.on("console", lambda m: m.type == "error" and opened.console_errors.append(m.text))
        page.on("pageerror", lambda e: opened.page_errors.append(str(e)))

        def offline(route):
            if route.request.url.startswith(server):
                route.continue_()
            else:
                opened.blocked_requests.append(route.request.url)
                route.abort()

        page.route("**/*", offline)
        page.goto(f"{server}/{path.lstrip('/')}")
        wait_idle(page)
        return opened

    yield _open
    for context in contexts:
        context.close()
