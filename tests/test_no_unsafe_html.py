"""No text reaches the page as HTML unless a reviewed entry below says why it is safe, and the production
configuration shows no tracebacks.

Every call that can render HTML is found by parsing the app's Python files (pages/, src/, app.py): a call with
unsafe_allow_html set to anything but False, st.html, components.html, and st.iframe, which embeds any string that
is not an http(s)/data URL or a "/"-relative path as raw HTML (srcdoc). A string literal that is such a URL is
safe and needs no entry.
"""

from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "src").rglob("*.py"))]
HTML_CALLS = {"html", "iframe"}
URL_PREFIXES = ("http://", "https://", "data:", "/")
# "path:function" -> why the call can never render user-supplied text as HTML; each entry is reviewed by hand.
ALLOWED: dict[str, str] = {
    "pages/present.py:iframe": "the src is always an http(s) URL (or a /-path) made from the app's own address and "
                               "a slide of a deck file in the repo, checked against the page registry when it loads",
}


@dataclass(frozen=True)
class HtmlUse:
    path: str
    line: int
    call: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.call}"


def call_name(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def renders_html(node: ast.Call) -> bool:
    for keyword in node.keywords:
        if keyword.arg == "unsafe_allow_html" and not (
                isinstance(keyword.value, ast.Constant) and keyword.value.value is False):
            return True
    if call_name(node) not in HTML_CALLS:
        return False
    first = node.args[0] if node.args else None
    return not (isinstance(first, ast.Constant) and isinstance(first.value, str)
                and first.value.startswith(URL_PREFIXES))


def html_uses(path: Path, root: Path = ROOT) -> list[HtmlUse]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    relative = path.relative_to(root).as_posix()
    return [HtmlUse(relative, node.lineno, call_name(node)) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and renders_html(node)]


def test_the_scan_sees_every_kind_of_html_call(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('st.markdown(text, unsafe_allow_html=True)\nst.html(text)\ncomponents.html(text)\n'
                      'st.iframe(slide.url())\nst.iframe("/app/static/x.html")\nst.markdown(text)\n'
                      'st.write(text, unsafe_allow_html=False)\n', encoding="utf-8")
    assert [use.line for use in html_uses(sample, tmp_path)] == [1, 2, 3, 4]


def test_no_text_is_rendered_as_html_without_a_reviewed_reason():
    uses = [use for path in SOURCES for use in html_uses(path)]
    unreviewed = [f"{u.path}:{u.line} {u.call}(...)" for u in uses if u.where not in ALLOWED]
    assert not unreviewed, ("these calls render text as HTML; escape the text and use st.markdown/st.write, give "
                            "st.iframe a URL, or add a reviewed reason to ALLOWED: " + ", ".join(unreviewed))
    stale = sorted(set(ALLOWED) - {u.where for u in uses})
    assert not stale, f"ALLOWED names calls that no longer exist: {stale}"


def test_production_config_shows_no_tracebacks():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config.get("client", {}).get("showErrorDetails") == "none"
