"""AppTest for the Diaspora page: every chart, map and table from the data, the article's words from the claims
table, filters restored from (and written to) the URL, and bad link parameters dropped with a notice."""

import json

import pytest

from dashboard_app.params import escape_markdown
from dashboard_data import diaspora_views as views
from dashboard_data.filters import apply_all
from dashboard_data.registry import load_dataset

pytestmark = pytest.mark.apptest

PAGE = "pages/diaspora.py"


# AppTest does not expose a dataframe's key: each table is known by a column only it has (the immigration table
# and the map year's table share their columns and come in that order).
TABLE_COLUMNS = {"diaspora-immigration": ("where_shown", 0), "diaspora-map-year": ("where_shown", 1),
                 "diaspora-settlement": ("city", 0), "diaspora-census": ("district_en", 0),
                 "diaspora-population": ("definition", 0), "diaspora-seats": ("knesset", 0)}


def table(app, key: str):
    column, position = TABLE_COLUMNS[key]
    return [frame.value for frame in app.dataframe if column in frame.value.columns][position]


def deck(app, index: int) -> dict:
    return json.loads(app.get("deck_gl_json_chart")[index].proto.json)


def layer(deck_json: dict, layer_id: str) -> dict:
    return next(item for item in deck_json["layers"] if item["id"] == layer_id)


def text_of(app) -> str:
    return "\n".join(element.value for element in [*app.markdown, *app.caption])


@pytest.fixture(scope="module")
def data(paths):
    return {name: load_dataset(name, paths) for name in ("immigration", "census2022", "claims", "settlement")}


def test_default_page_draws_everything_from_the_data(run_page, data):
    app = run_page(PAGE)
    assert not app.exception
    assert not app.warning
    assert len(app.get("plotly_chart")) == 7
    assert len(app.get("deck_gl_json_chart")) == 2
    assert len(table(app, "diaspora-immigration")) == len(data["immigration"])
    assert len(table(app, "diaspora-census")) == len(data["census2022"]) - 1
    shown = text_of(app)
    for metric in (views.RUSSIAN_SPEAKERS_METRIC, views.SEATS_METRIC, views.VETERANS_METRIC):
        claim = views.article_claim(data["claims"], metric)
        assert escape_markdown(f"The article's words: “{claim['text']}”") in shown
    assert "No map: the census gives the areas without coordinates" in shown
    assert escape_markdown("2015: from a separate source (electionguide.org)") in shown


def test_maps_default_to_the_latest_whole_year_and_the_fullest_period(run_page):
    app = run_page(PAGE)
    assert app.selectbox(key="map_year").value == "2023 · CBS · calendar year"
    arcs = layer(deck(app, 0), "immigration-arcs")["data"]
    assert [arc["tooltip"].split(" →")[0] for arc in arcs] == ["Belarus", "Russia", "Ukraine"]
    assert all("Source: " in arc["tooltip"] for arc in arcs)
    assert app.selectbox(key="settled").value == "2016"
    assert len(layer(deck(app, 1), "settlement")["data"]) == len(table(app, "diaspora-settlement"))


def test_filters_restore_from_the_url(run_page, data):
    params = {"years": ["1989", "2003"], "origin": ["Former Soviet Union"], "agency": ["Israel MFA"],
              "map_year": "2022 · CBS · calendar year", "settled": "2023 Jan-Nov", "district": ["Haifa"],
              "min_pop": "5000", "fsu_top3": "true"}
    app = run_page(PAGE, params)
    assert not app.exception
    assert not app.warning
    assert app.slider(key="years").value == (1989, 2003)
    assert app.multiselect(key="origin").value == ["Former Soviet Union"]
    assert app.multiselect(key="agency").value == ["Israel MFA"]
    immigration = table(app, "diaspora-immigration")
    assert len(immigration) == 15
    assert set(immigration["agency"]) == {"Israel MFA"}
    assert app.selectbox(key="map_year").value == "2022 · CBS · calendar year"
    assert {arc["tooltip"].split(" →")[0] for arc in layer(deck(app, 0), "immigration-arcs")["data"]} == \
        {"Russia", "Ukraine"}
    assert set(table(app, "diaspora-settlement")["period_label"]) == {"2023 Jan-Nov"}
    census = table(app, "diaspora-census")
    areas = views.census_areas(data["census2022"])
    expected = apply_all(areas, views.census_filters(areas, views.CensusSelection(["Haifa"], 5000, True)))
    assert len(census) == len(expected) > 0
    assert set(census["district_en"]) == {"Haifa"}


def test_every_filter_is_bound_to_its_url_key(run_page):
    """AppTest cannot show the browser writing the URL; it can show each widget asks for it."""
    app = run_page(PAGE)
    widgets = [app.slider(key="years"), app.multiselect(key="origin"), app.multiselect(key="agency"),
               app.selectbox(key="map_year"), app.selectbox(key="settled"), app.multiselect(key="district"),
               app.selectbox(key="min_pop"), app.toggle(key="fsu_top3")]
    assert [w.proto.query_param_key for w in widgets] == [w.key for w in widgets]


def test_changing_a_filter_changes_the_rows(run_page):
    app = run_page(PAGE)
    app.slider(key="years").set_value((2004, 2014))
    app.selectbox(key="map_year").set_value("2019 · Ministry of Aliyah and Integration · calendar year")
    app.toggle(key="fsu_top3").set_value(True).run()
    assert table(app, "diaspora-immigration")["year"].between(2004, 2014).all()
    assert set(table(app, "diaspora-map-year")["year"]) == {2019}
    assert (table(app, "diaspora-census")["fsu_in_top3_pct"] > 0).all()


@pytest.mark.parametrize(("key", "value"), [
    ("years", ["1800", "2003"]),
    ("years", "abc"),
    ("origin", ["Mars"]),
    ("agency", ["Nobody"]),
    ("map_year", "1800 · CBS · calendar year"),
    ("settled", "1066"),
    ("district", ["Atlantis"]),
    ("min_pop", "7"),
    ("fsu_top3", "maybe"),
])
def test_a_bad_parameter_falls_back_with_a_notice(run_page, key, value):
    app = run_page(PAGE, {key: value})
    assert not app.exception
    notices = [w.value for w in app.warning]
    assert len(notices) == 1
    assert f"`{key}` not understood" in notices[0]
    assert "the page shows its default there" in notices[0]


def test_a_bad_parameter_leaves_the_good_ones_working(run_page):
    app = run_page(PAGE, {"origin": ["Mars"], "district": ["Haifa"]})
    assert app.multiselect(key="district").value == ["Haifa"]
    assert len(app.multiselect(key="origin").value) == len(app.multiselect(key="origin").options)


def test_every_table_has_its_downloads(run_page):
    app = run_page(PAGE)
    buttons = {button.proto.label for button in app.get("download_button")}
    assert buttons == {"Download CSV", "Download zip with metadata"}
    assert len(app.get("download_button")) == 2 * 7
