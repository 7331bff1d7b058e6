"""Accessibility audit: axe-core runs on every registered page and each of its tabs once its run has finished and
its charts are drawn.

Fails on a critical or serious violation caused by the dashboard's own content. A violation is tolerated only if
its rule and its element match an entry of STREAMLIT_OWN, and test_streamlit_itself_shows_each_tolerated_rule
proves on a bare Streamlit page (no code of ours) that Streamlit shows it there too. Every chart and map must carry
alt text (an accessible name).

axe-core is the npm package's axe.min.js; the pip package axe-playwright-python (test extra) ships that file, so CI
needs no npm. Only the file is used: the test injects it and calls axe.run itself.
"""

from __future__ import annotations

import importlib.resources
import textwrap
from dataclasses import dataclass

import pytest

from browser_support import VIEWS, running_server, wait_idle

pytestmark = pytest.mark.browser

BLOCKING = ("critical", "serious")


@dataclass(frozen=True)
class Tolerated:
    rule: str
    inside: str  # CSS selector: only an element inside (or being) a match is tolerated
    why: str


STREAMLIT_OWN = (
    Tolerated("scrollable-region-focusable", '[data-testid="stVerticalBlock"]',
              "st.container(height=...) scrolls but Streamlit does not make the container focusable, so a "
              "keyboard user cannot scroll it unless it holds a focusable element"),
)
# What the bare page holds: one element per tolerated rule, nothing of the dashboard.
BARE_PAGE = textwrap.dedent('''
    import streamlit as st

    st.caption("A caption in Streamlit's own style.")
    st.markdown("> A quoted sentence in Streamlit's own style.")
    with st.container(height=120):
        st.write("Plain text that overflows its fixed-height container. " * 40)
    with st.sidebar:
        st.segmented_control("Format", ["PNG", "SVG"], default="PNG")
''')

AUDIT = """async ([tolerated]) => {
  const result = await axe.run(document, {iframes: false, resultTypes: ['violations']});
  return result.violations.flatMap(v => v.nodes.map(n => {
    const element = document.querySelector(n.target[0]);
    const by = tolerated.flatMap(([rule, inside], index) =>
      rule === v.id && element && element.closest(inside) ? [index] : []);
    return {rule: v.id, impact: v.impact, help: v.help, target: n.target.join(' '), tolerated_by: by};
  }));
}"""
UNLABELLED = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"]')]
  .filter(e => !(e.getAttribute('aria-label') || '').trim())
  .map(e => `${e.dataset.testid} #${[...document.querySelectorAll(`[data-testid="${e.dataset.testid}"]`)].indexOf(e)}`
    + ` (${(e.closest('[class*="st-key-"]')?.className.match(/st-key-\\S+/) || ['no key'])[0]})`)"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    try:
        script = importlib.resources.files("axe_playwright_python").joinpath("axe.min.js")
    except ModuleNotFoundError:
        pytest.fail('axe-core is missing: pip install -e ".[test]" (axe-playwright-python ships axe.min.js)')
    return script.read_text(encoding="utf-8")


# Streamlit loads some widgets' code lazily and shows a skeleton until then; charts draw after the run ends.
DRAWN = """() => !document.querySelector('[data-testid="stSkeleton"]')
  && [['[data-testid="stPlotlyChart"]', '.main-svg'], ['[data-testid="stDeckGlJsonChart"]', 'canvas']]
  .every(([chart, drawing]) => [...document.querySelectorAll(chart)].every(e => e.querySelector(drawing)))"""


@dataclass(frozen=True)
class Audit:
    violations: list[dict]
    unlabelled: list[str]


def audit(page, axe_source: str) -> Audit:
    """axe must see the final page: every widget rendered, every chart with its SVG, every map with its canvas."""
    page.wait_for_function(DRAWN, timeout=20000)
    page.add_script_tag(content=axe_source)
    found = page.evaluate(AUDIT, [[[t.rule, t.inside] for t in STREAMLIT_OWN]])
    return Audit(found, page.evaluate(UNLABELLED))


@pytest.fixture(scope="module")
def audited(browser, server, axe_source):
    """Each page is opened and audited once; both tests below read the same audit."""
    done: dict[str, Audit] = {}

    def _audited(url_path: str) -> Audit:
        if url_path not in done:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            page.goto(f"{server}/{url_path}")
            wait_idle(page)
            # Auditing Streamlit's "Page not found" dialog over the main page would say nothing about this page.
            assert page.get_by_role("dialog").filter(has_text="Page not found").count() == 0, \
                f"/{url_path} is a registered page, yet Streamlit answers 'Page not found'"
            done[url_path] = audit(page, axe_source)
            context.close()
        return done[url_path]

    return _audited


def blocking(found: list[dict]) -> list[dict]:
    return [v for v in found if v["impact"] in BLOCKING]


def described(found: list[dict]) -> str:
    return "\n".join(f"{v['impact']} {v['rule']} ({v['help']}): {v['target']}" for v in found)


@pytest.mark.parametrize("view", VIEWS, ids=[v.name for v in VIEWS])
def test_page_has_no_serious_violation_of_its_own(audited, view):
    ours = [v for v in blocking(audited(view.path).violations) if not v["tolerated_by"]]
    assert not ours, f"axe-core on /{view.path}:\n{described(ours)}"


@pytest.mark.parametrize("view", VIEWS, ids=[v.name for v in VIEWS])
def test_every_chart_and_map_has_alt_text(audited, view):
    missing = audited(view.path).unlabelled
    assert not missing, f"/{view.path}: give these alt= text (st.plotly_chart / st.pydeck_chart): {missing}"


def test_streamlit_itself_shows_each_tolerated_rule(browser, axe_source, tmp_path):
    script = tmp_path / "bare_streamlit.py"
    script.write_text(BARE_PAGE, encoding="utf-8")
    # Under the project's own .streamlit/config.toml, so theme and settings match the app's.
    with running_server(str(script)) as base:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(base)
        wait_idle(page)
        found = blocking(audit(page, axe_source).violations)
        context.close()
    for index, tolerated in enumerate(STREAMLIT_OWN):
        assert any(index in v["tolerated_by"] for v in found), \
            f"bare Streamlit no longer shows {tolerated.rule} inside '{tolerated.inside}': remove it from STREAMLIT_OWN"
    untolerated = [v for v in found if not v["tolerated_by"]]
    assert not untolerated, f"the bare page shows violations no entry explains:\n{described(untolerated)}"
