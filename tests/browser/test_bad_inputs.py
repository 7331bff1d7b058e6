"""Hardened inputs: every URL-bound parameter of every page, given a bad value, and unknown page paths.

The bound widgets of a page (key, options, range, default) are read from the page itself, run once without
parameters in AppTest, so a new widget is covered without editing this file. For each kind of bad value, one link
sets every bound parameter of the page at once. AppTest checks the whole matrix quickly and exactly; the browser
then opens one such link per page end to end. Either way: no exception, no error box, a notice naming each
parameter, and the notice tells the truth: a parameter "not understood" shows its default; of a repeated one "only
the last one counts" (as Streamlit keeps the last), so the widget shows what that last value alone shows. Also:
unknown page paths get Streamlit's own "Page not found", and a slider moved on one page does not break the next
page that binds the same key with another range.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from streamlit.proto.ButtonGroup_pb2 import ButtonGroup
from streamlit.testing.v1 import AppTest

from browser_support import ROOT, wait_idle
from dashboard_app.navigation import PAGES, route_of

LONG = 5000
CASES = ("wrong type", "out of range", "5,000 characters", "repeated")
LAZY_DONE = "() => !document.querySelector('[data-testid=\"stSkeleton\"]')"


@dataclass(frozen=True)
class Bound:
    """One widget bound to the URL, as its protobuf describes it."""

    key: str
    kind: str
    options: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    default: tuple = ()
    multi: bool = False

    @property
    def numeric(self) -> bool:
        return self.low is not None and not self.options

    def other_value(self) -> list[str] | None:
        """A valid value that is not the default (a pair for a range slider); None for a multi-value widget."""
        if self.multi:
            return None
        if self.numeric:
            if len(self.default) == 2:
                return [number(self.low + 1), number(self.high)]
            return [number(self.high if self.default[0] != self.high else self.low)]
        if self.kind == "Checkbox":
            return [str(not self.default[0]).lower()]
        others = [o for i, o in enumerate(self.options) if i not in self.default]
        return others[:1] or None

    def bad(self, case: str) -> list[str] | None:
        if case == "wrong type":
            return ["abc"]  # not a number, not true/false, not an option
        if case == "out of range":
            if self.numeric:
                return [number(self.low - 1), number(self.high + 1)][:len(self.default)]
            return ["2"] if self.kind == "Checkbox" else ["999999"]
        if case == "5,000 characters":
            return ["9" * LONG if self.numeric else "x" * LONG]
        valid = self.other_value()
        return valid * 2 if valid else None  # repeated: a valid value, given twice


def number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def bound_of(proto) -> Bound:
    kind = type(proto).__name__
    if kind == "ButtonGroup":
        return Bound(proto.query_param_key, kind, tuple(o.content for o in proto.options),
                     default=tuple(proto.default), multi=proto.click_mode == ButtonGroup.MULTI_SELECT)
    if kind == "Slider" and not proto.options:
        return Bound(proto.query_param_key, kind, low=proto.min, high=proto.max, default=tuple(proto.default))
    default = tuple(proto.default) if kind in ("MultiSelect", "Slider") else (proto.default,)
    return Bound(proto.query_param_key, kind, tuple(getattr(proto, "options", ())), default=default,
                 multi=kind == "MultiSelect")


def walk(block) -> Iterator:
    yield block
    for child in getattr(block, "children", {}).values():
        yield from walk(child)


def run(script: str, params: dict[str, list[str]]) -> AppTest:
    """The page through app.py (its frame and navigation), from the project root so .streamlit/ applies."""
    with contextlib.chdir(ROOT):
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        app.run()
        app.switch_page(script)
        app.query_params = params
        app.run()
    return app


def bound_elements(app: AppTest) -> list:
    return [e for block in (app.main, app.sidebar) for e in walk(block)
            if getattr(getattr(e, "proto", None), "query_param_key", "")]


@dataclass(frozen=True)
class Defaults:
    widgets: list[Bound]
    values: dict[str, object]


@pytest.fixture(scope="module")
def defaults():
    """Per page: its bound widgets and their values with no parameters (the page is run once)."""
    done: dict[str, Defaults] = {}

    def _defaults(script: str) -> Defaults:
        if script not in done:
            app = run(script, {})
            assert not app.exception, f"{script} raises without parameters: {app.exception[0].message}"
            elements = bound_elements(app)
            done[script] = Defaults([bound_of(e.proto) for e in elements], {e.key: e.value for e in elements})
        return done[script]

    return _defaults


def notices_for(app: AppTest, key: str) -> list[str]:
    return [w.body for w in app.warning if f"`{key}`" in w.body]


def expected_value(app: AppTest, key: str, defaults: dict, last_alone: dict) -> object:
    """What the notice promises for `key`: the default once a value is dropped, else what the last value gives."""
    dropped = any("not understood" in notice for notice in notices_for(app, key))
    return defaults[key] if dropped else last_alone.get(key)


def shown_values(app: AppTest) -> dict[str, object]:
    return {e.key: e.value for e in bound_elements(app)}


@pytest.mark.apptest
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("entry", PAGES, ids=[p.url_path for p in PAGES])
def test_bad_link_values_get_a_truthful_notice(defaults, entry, case):
    known = defaults(entry.script)
    tried = {w.key: w.bad(case) for w in known.widgets if w.bad(case)}
    if not tried:
        pytest.skip(f"/{entry.url_path} has no URL-bound parameter for the '{case}' case")
    app = run(entry.script, tried)
    assert not app.exception, app.exception[0].message
    assert not app.error, app.error[0].body
    silent = [key for key in tried if not notices_for(app, key)]
    assert not silent, f"no notice names {silent} after a {case} value"
    last_alone = shown_values(run(entry.script, {key: values[-1:] for key, values in tried.items()}))
    shown = shown_values(app)
    # A valid section (?tab=) in the link opens that section, so a widget of another section is on neither page;
    # its notice was checked above.
    on_page = [key for key in tried if key in shown or key in last_alone]
    wrong = {key: (shown.get(key), expected_value(app, key, known.values, last_alone)) for key in on_page
             if shown.get(key) != expected_value(app, key, known.values, last_alone)}
    assert not wrong, f"after a {case} value, (shown, promised by the notice): {wrong}"


def mixed_bad_link(widgets: list[Bound]) -> dict[str, list[str]]:
    """Every bound parameter with a bad value, the kinds taken in turn, so one link holds each kind."""
    link = {}
    for index, widget in enumerate(widgets):
        link[widget.key] = widget.bad(CASES[index % len(CASES)]) or widget.bad("wrong type")
    return link


@pytest.mark.browser
@pytest.mark.parametrize("entry", PAGES, ids=[p.url_path for p in PAGES])
def test_bad_link_in_the_browser(open_page, defaults, entry):
    link = mixed_bad_link(defaults(entry.script).widgets)
    if not link:
        pytest.skip(f"/{entry.url_path} has no URL-bound parameter")
    opened = open_page(f"{entry.route}?{urlencode([(k, v) for k, values in link.items() for v in values])}")
    page = opened.page
    page.wait_for_function(LAZY_DONE)
    assert_no_error_shown(page)
    assert opened.page_errors == []
    notices = " ".join(page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts())
    silent = [key for key in link if not re.search(rf"Link parameter {re.escape(key)}\b", notices)]
    assert not silent, f"no visible notice names {silent}"


def assert_no_error_shown(page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert errors.count() == 0, errors.first.inner_text()


# A nested path (/trade/extra) is left out: Streamlit serves its frontend with relative asset paths, so below the
# root level the page never boots; that is Streamlit's own limit, which no app code can reach.
@pytest.mark.browser
@pytest.mark.parametrize("path", ["nonsense", "x" * LONG], ids=["unknown", "5,000 characters"])
def test_unknown_page_path_gets_streamlits_page_not_found(open_page, path):
    page = open_page(path).page
    assert_no_error_shown(page)
    assert page.get_by_role("dialog").filter(has_text="Page not found").count() == 1
    assert page.locator('[data-testid="stMain"] h1').count() >= 1, "the main page did not run"


@pytest.mark.browser
def test_unknown_parameter_is_ignored_quietly(open_page):
    page = open_page(f"datasets?{urlencode({'nonsense': 'x' * LONG})}").page
    assert_no_error_shown(page)
    assert page.get_by_role("dialog").count() == 0


def slider_conflicts(known: dict[str, Defaults]) -> dict[tuple[str, str], list[str]]:
    """(page, key) -> the other pages whose slider of that key cannot hold the page's slider moved one step up
    from its lowest value (their range starts later)."""
    sliders = {page: {w.key: w for w in d.widgets if w.numeric} for page, d in known.items()}
    found: dict[tuple[str, str], list[str]] = {}
    for source, mine in sliders.items():
        for key, here in mine.items():
            targets = [t for t, theirs in sliders.items() if t != source and key in theirs
                       and here.low + 1 < theirs[key].low]
            if targets:
                found[(source, key)] = targets
    return found


@pytest.mark.browser
def test_a_filter_set_on_one_page_does_not_break_the_next(open_page, defaults):
    """A keyed widget keeps its value when the visitor moves to another page; where that page binds the same key
    with another range, the value it inherits must not raise. Sliders only: the one kind shared across pages."""
    known = {entry.url_path: defaults(entry.script) for entry in PAGES if not entry.hidden}
    broken = []
    for (source, key), targets in slider_conflicts(known).items():
        page = open_page(route_of(source)).page
        page.locator(f'.st-key-{key} input[type="range"]').first.press("ArrowRight")
        page.wait_for_url(f"**/{route_of(source)}?*{key}=*")
        wait_idle(page)
        for target in targets:
            page.locator(f'[data-testid="stSidebarNav"] a[href$="/{target}"]').click()
            page.wait_for_url(f"**/{target}*")
            wait_idle(page)
            if page.locator('[data-testid="stException"]').count():
                broken.append(f"/{source}: {key} one step up, then the link to /{target}")
    assert not broken, f"an exception after moving between pages: {broken}"
