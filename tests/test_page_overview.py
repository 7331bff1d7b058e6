"""AppTest for the Overview page: headline numbers and the caption come from the data."""

import re

import pytest

from dashboard_data import overview
from dashboard_data.registry import load_dataset

pytestmark = pytest.mark.apptest


@pytest.fixture(scope="module")
def tables(paths):
    return {name: load_dataset(name, paths) for name in ("trade", "immigration", "population", "visits", "events")}


def test_overview_shows_the_data_caption_and_metrics(run_page, tables):
    app = run_page("pages/overview.py")
    assert not app.exception
    expected_caption = overview.caption(tables["trade"], tables["immigration"], tables["population"],
                                        tables["visits"])
    assert any(m.value == expected_caption for m in app.markdown)
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Netanyahu's trips to Russia, 4th term"] == "12"
    assert metrics["2019 · Israeli official · turnover"] == "> USD 5 bn"
    assert metrics["2016 · Russian official · turnover"] == "≈ USD 2 bn"
    assert len(app.get("plotly_chart")) == 1


def test_caption_numbers_equal_the_data(tables):
    text = overview.caption(tables["trade"], tables["immigration"], tables["population"], tables["visits"])
    assert "Netanyahu made 12 trips to Russia in his fourth term" in text
    assert "Immigration from Russia: 33,116 in 2023 (CBS)" in text
    assert "Russian speakers: 15% of the population in 2022" in text
    peak = overview.trips_per_year(tables["visits"])
    assert f"peaked in {int(peak.idxmax())} ({int(peak.max())} trips in a year)" in text
    assert re.search(r"Israeli officials more than USD 5 bn \(2019\)", text)


def test_caption_follows_the_data_when_it_changes(tables):
    fewer_visits = tables["visits"][tables["visits"]["year"] != 2016]
    text = overview.caption(tables["trade"], tables["immigration"], tables["population"], fewer_visits)
    assert "peaked in 2018 and 2019 (3 trips in a year)" in text


def test_the_glance_holds_the_latest_figures_the_page_shows(tables):
    figures = overview.glance(*(tables[n] for n in ("trade", "immigration", "population", "visits", "events")))
    assert figures.fourth_term_trips == 12
    assert (figures.russia["year"], figures.russia["value_persons"], figures.russia["agency"]) == (2023, 33116, "CBS")
    assert figures.fsu["origin_group"] == "FSU"
    assert figures.share["value"] == 15
    assert set(figures.latest_trade["reporter"]) >= {"Israeli official", "Russian official"}
    assert figures.caption.startswith("Leader visits peaked")
    assert set(figures.marks["lane"]) == set(overview.LANES)


def test_the_glance_follows_the_data_when_it_changes(tables):
    later = tables["immigration"].assign(year=tables["immigration"]["year"] + 1)
    figures = overview.glance(tables["trade"], later, tables["population"], tables["visits"], tables["events"])
    assert figures.russia["year"] == 2024


def test_timeline_has_every_lane_and_a_source_per_mark(tables):
    rows = overview.timeline_rows(tables["trade"], tables["immigration"], tables["visits"], tables["events"])
    assert set(rows["lane"]) == set(overview.LANES)
    assert rows["source_url"].notna().all()
    assert (rows["lane"] == "Events").sum() == len(tables["events"])


def test_the_articles_key_claims_carry_their_computed_verdicts(run_page):
    app = run_page("pages/overview.py")
    lines = [line for m in app.markdown for line in m.value.splitlines() if line.startswith("- :")]
    eleven = next(line for line in lines if "**“eleven times”**" in line)
    assert eleven.startswith("- :orange-badge[:material/close: differs] **“eleven times”**")
    assert "12 trips" in eleven
    more = next(line for line in lines if "**“more than 17%”**" in line)
    assert more.startswith("- :green-badge[:material/check: consistent] **“more than 17%”**")
    assert not any("**“January 30”**" in line for line in lines)  # not checkable claims are left out
