"""AppTest for the article page: the text with every claim marked, a claim's verdict from the URL, the table of all
verdicts, and the claim checker with good and bad input (never an exception, never rendered as HTML)."""

import re

import pytest

from dashboard_data.claim_parser import MAX_CHARS
from dashboard_data.registry import load_dataset

pytestmark = pytest.mark.apptest

HEBREW = "הסחר בין ישראל לרוסיה עלה על 5 מיליארד דולר"


@pytest.fixture(scope="module")
def claim_ids(paths) -> list[str]:
    return list(load_dataset("claims", paths)["claim_id"])


def markdown_text(app) -> str:
    return "\n".join(element.value for element in app.markdown)


def check(app, text: str):
    app.text_area(key="checker_text").input(text)
    app.button[0].click()
    return app.run()


def test_a_claim_opens_from_the_url_with_its_verdict_and_rows(run_page):
    app = run_page("pages/article.py", {"claim": "C09"})
    assert not app.exception
    assert app.selectbox(key="claim").value == "C09"
    shown = markdown_text(app)
    assert ":orange-badge[:material/error: differs]" in shown
    assert "12 trips by Netanyahu to Russia in his fourth term" in shown
    rows = app.dataframe[0].value
    assert len(rows) == 12
    assert {"role", "check", "source_url", "raw_file", "raw_line"} <= set(rows.columns)
    assert any(button.label == "Download zip with metadata" for button in app.get("download_button"))


def article_text(app) -> str:
    return next(m.value for m in app.markdown if m.value.startswith("In the "))


def test_every_claim_is_marked_in_the_text_with_its_status_in_words(run_page, claim_ids):
    article = article_text(run_page("pages/article.py", {"claim": "C26"}))
    badges = re.findall(r":(\w+)-badge\[(C\d+) · ([a-z ]+)\]", article)
    assert [claim_id for _, claim_id, _ in badges] == claim_ids
    assert ("orange", "C26", "differs") in badges
    assert ":orange-background[\\$16\\.5 billion] :orange-badge[C26 · differs]" in article


def test_the_text_stays_the_same_whichever_claim_is_selected(run_page):
    # The browser keeps an unchanged element as drawn; the selected claim's sentence is quoted beside the text.
    first, other = (run_page("pages/article.py", {"claim": cid}) for cid in ("C02", "C26"))
    assert article_text(first) == article_text(other)
    quoted = [c.value.replace("\\", "") for c in other.caption if c.value.startswith("“")]
    assert "**$16.5 billion**" in quoted[0]


def test_the_summary_table_lists_every_claim_with_its_verdict(run_page, claim_ids):
    app = run_page("pages/article.py")
    summary = app.dataframe[-1].value
    assert summary["claim"].tolist() == claim_ids
    assert dict(zip(summary["claim"], summary["status"], strict=True))["C12"] == "differs"
    assert app.selectbox(key="claim").value == "C02"


def test_an_unknown_claim_in_the_link_falls_back_with_a_notice(run_page):
    app = run_page("pages/article.py", {"claim": "<b>C99</b>"})
    assert not app.exception
    assert app.selectbox(key="claim").value == "C02"
    assert any("`claim` not understood" in warning.value for warning in app.warning)
    assert not any("<b>" in warning.value for warning in app.warning)


def test_a_good_claim_is_checked_against_the_data(run_page):
    app = check(run_page("pages/article.py"), "trade between Israel and Russia exceeded USD 5 billion in 2019")
    assert not app.exception
    assert not app.warning
    shown = markdown_text(app)
    assert ":green-badge[:material/check_circle: consistent]" in shown
    assert "Trade turnover \\(Israel, Russia\\)\\: more than USD 5 billion · period\\: 2019" in shown
    checked_rows = app.dataframe[-1].value
    assert set(checked_rows["figure_id"]) == {"press-r1-004", "press-r2-020"}


@pytest.mark.parametrize(("text", "says"), [
    ("", "The claim is empty"),
    ("x" * 10_000, "The claim is"),
    ("<script>alert(1)</script>", "HTML markup was ignored"),
    ("<img src=x onerror=alert(1)> trade was 5 in 2019", "number without a unit"),
    ("Товарооборот составил 5 млрд долларов", "Cyrillic"),
    (HEBREW, "Hebrew"),
    ("trade was 5 in 2019", "number without a unit"),
])
def test_bad_input_gets_a_clear_message_never_markup(run_page, text, says):
    app = check(run_page("pages/article.py"), text)
    assert not app.exception
    messages = [warning.value for warning in app.warning]
    assert len(messages) == 1
    assert says in messages[0].replace("\\", "")
    assert "<" not in messages[0].replace("\\<", "")


def test_a_full_box_is_reported_as_cut(run_page):
    app = check(run_page("pages/article.py"), "x" * MAX_CHARS)
    assert any("at most 2,000 characters" in info.value for info in app.info)
