"""AppTest for the Visits page: the article's counts computed from the data, filters restored from the URL, a
linked visit opened with its sources and trade link, and bad link parameters dropped with a notice."""

import json

import pytest

pytestmark = pytest.mark.apptest

PAGE = "pages/visits.py"
MAP_TAB, TABLE_TAB = {"tab": "Map"}, {"tab": "Table"}


def metrics(app):
    return {metric.label: metric.value for metric in app.metric}


def table(app):
    return next(frame.value for frame in app.dataframe if frame.key and frame.key.startswith("visits-table"))


def text_of(app):
    return "\n".join(element.value for element in [*app.markdown, *app.caption])


def test_the_articles_counts_come_out_of_the_data(run_page):
    app = run_page(PAGE)
    assert not app.exception
    assert metrics(app) == {"Netanyahu's fourth-term trips to Russia": "12", "Putin's trips to Israel, 2012–2020": "2",
                            "All Putin's trips to Israel in the data": "3"}
    shown = text_of(app)
    assert "Moscow 10 · Sochi 2" in shown
    assert "2012 and 2020 · Jerusalem and Netanya · Tel Aviv\\: 0" in shown
    assert "2005, 2012 and 2020 · Jerusalem and Netanya · outside the article's 2012–2020\\: 2005" in shown
    assert "has visited Moscow eleven times in his fourth term" in shown
    assert "no sourced record of a remark counting 11 meetings" in shown
    assert ":orange-badge[:material/close: trips to Moscow: differs]" in shown
    assert ":green-badge[:material/check: number of trips: agrees]" in shown
    assert ":orange-badge[:material/close: city: differs]" in shown


def test_the_rows_behind_a_count_are_built_when_their_expander_is_opened(run_page):
    app = run_page(PAGE)
    counted = {len(frame.value) for frame in app.dataframe}
    assert 12 not in counted
    assert [e.label for e in app.expander][:1] == ["The 12 rows counted, with sources"]
    app.session_state["visits-check-fourth-term-open"] = True
    app.run()
    assert not app.exception
    assert "Legs of one visitor that start the same day are one trip." in text_of(app)
    legs = [frame.value for frame in app.dataframe if len(frame.value) == 12]
    assert len(legs) == 1
    assert set(legs[0]["city"]) == {"Moscow", "Sochi"}


def test_every_visit_is_drawn_and_listed_by_default(run_page):
    app = run_page(PAGE)
    assert not app.warning
    assert len(app.get("plotly_chart")) == 1
    assert not app.get("deck_gl_json_chart"), "only the open tab (Timeline) runs"
    assert not [frame for frame in app.dataframe if frame.key and frame.key.startswith("visits-table")]
    deck = json.loads(run_page(PAGE, MAP_TAB).get("deck_gl_json_chart")[0].proto.json)
    assert sum(arc["legs"] for arc in deck["layers"][1]["data"]) == 31
    assert len(table(run_page(PAGE, TABLE_TAB))) == 31


@pytest.mark.parametrize(("tab", "element"), [("Timeline", "plotly_chart"), ("Map", "deck_gl_json_chart"),
                                              ("Table", "download_button")])
def test_each_tab_runs_only_its_own_view(run_page, tab, element):
    app = run_page(PAGE, {"tab": tab})
    assert not app.exception
    assert not app.warning
    present = {kind for kind in ("plotly_chart", "deck_gl_json_chart", "download_button") if app.get(kind)}
    assert present == {element}


def test_filters_restore_from_the_url(run_page):
    params = {"leader": ["Benjamin Netanyahu"], "years": ["2015", "2020"], "fourth_term": "true",
              "context": "false", "direction": ["Israel → Russia"], "map": "Israel close-up"}
    app = run_page(PAGE, {**params, **TABLE_TAB})
    assert not app.warning
    assert app.multiselect(key="leader").value == ["Benjamin Netanyahu"]
    assert app.slider(key="years").value == (2015, 2020)
    assert app.toggle(key="fourth_term").value is True
    assert app.toggle(key="context").value is False
    assert len(table(app)) == 12
    deck = json.loads(run_page(PAGE, {**params, **MAP_TAB}).get("deck_gl_json_chart")[0].proto.json)
    assert deck["initialViewState"]["zoom"] > 7


def test_widget_changes_filter_every_view(run_page):
    """AppTest does not write bound widgets into the URL (the browser does; tests/browser/test_visits_page.py)."""
    def putin_without_context(tab: dict):
        app = run_page(PAGE, tab)
        app.multiselect(key="leader").set_value(["Vladimir Putin"])
        app.toggle(key="context").set_value(False).run()
        return app

    assert table(putin_without_context(TABLE_TAB))["visit_id"].tolist() == ["V2005a", "V2012a", "V2012b", "V2020a"]
    app = putin_without_context(MAP_TAB)
    deck = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    assert {arc["city"] for arc in deck["layers"][1]["data"]} == {"Jerusalem", "Netanya"}
    assert metrics(app)["Netanyahu's fourth-term trips to Russia"] == "12"


def test_a_linked_visit_opens_with_its_sources_and_its_trade_year(run_page):
    app = run_page(PAGE, {"visit": "V2019a"})
    shown = text_of(app)
    assert "en.kremlin.ru/events/president/news/59902" in shown
    assert "jewishpress.com" in shown
    link = app.get("page_link")[0].proto
    assert (link.label, link.page, link.query_string) == ("Trade figures for 2019", "trade", "year=2019")


def test_a_visit_in_a_year_without_a_trade_headline_links_the_trade_year_range(run_page):
    link = run_page(PAGE, {"visit": "V2005a"}).get("page_link")[0].proto
    assert (link.label, link.query_string) == ("Trade figures for 2005", "years=2005&years=2005")


def test_a_linked_visit_hidden_by_the_filters_says_so(run_page):
    app = run_page(PAGE, {"visit": "V2005a", "leader": "Naftali Bennett"})
    assert any("V2005a is hidden by the filters" in info.value for info in app.info)
    assert not app.get("page_link")


@pytest.mark.parametrize(("params", "key"), [
    ({"leader": "Golda Meir"}, "leader"),
    ({"years": ["1990", "2020"]}, "years"),
    ({"years": "2015"}, "years"),
    ({"fourth_term": "yes"}, "fourth_term"),
    ({"direction": "Russia → Mars"}, "direction"),
    ({"map": "satellite"}, "map"),
    ({"visit": "V1999"}, "visit"),
])
def test_a_bad_parameter_falls_back_with_a_notice(run_page, params, key):
    app = run_page(PAGE, {**TABLE_TAB, **params})
    assert not app.exception
    assert any(f"`{key}` not understood" in warning.value for warning in app.warning)
    assert len(table(app)) == 31
    assert metrics(app)["Netanyahu's fourth-term trips to Russia"] == "12"


def test_no_matching_visit_says_so(run_page):
    app = run_page(PAGE, {"leader": "Vladimir Putin", "direction": "Israel → Russia"})
    assert not app.exception
    assert any("No visit matches" in info.value for info in app.info)
    assert not app.get("plotly_chart")
