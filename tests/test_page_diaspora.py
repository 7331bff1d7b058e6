"""AppTest for the Diaspora page: each section opened from the link (?tab=…), and only the chosen section runs;
every chart, map and table from the data, the article's words from the claims table, filters restored from (and
written to) the URL, and bad link parameters dropped with a notice."""

from __future__ import annotations

import io
import json
import zipfile
from typing import NamedTuple

import pandas as pd
import pytest

from dashboard_app.navigation import PAGE_SECTIONS
from dashboard_app.params import escape_markdown
from dashboard_data import diaspora_views as views
from dashboard_data.filters import apply_all
from dashboard_data.registry import load_dataset

pytestmark = pytest.mark.apptest

PAGE = "pages/diaspora.py"
TABS = PAGE_SECTIONS["diaspora"]


class Content(NamedTuple):
    """What one tab draws, by key: charts, map layers, tables and the downloads of each table."""
    charts: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    downloads: tuple[str, ...] = ()


# Each tab's own content: none of it may appear under another tab.
TAB_CONTENT = {
    "Immigration": Content(
        charts=("diaspora-immigration-counts", "diaspora-immigration-by-country", "diaspora-immigration-shares"),
        tables=("diaspora-immigration",), downloads=("diaspora-immigration",)),
    "Origins map": Content(layers=("countries", "immigration-arcs", "israel", "origin-labels", "israel-label"),
                           tables=("diaspora-map-year",), downloads=("diaspora-map-year",)),
    "Where they settled": Content(charts=("diaspora-settlement-bars",),
                                  layers=("countries", "settlement", "settlement-labels"),
                                  tables=("diaspora-settlement",), downloads=("diaspora-settlement",)),
    "Russian speakers": Content(charts=("diaspora-population-counts", "diaspora-population-share"),
                                tables=("diaspora-population",), downloads=("diaspora-population",)),
    "2022 census": Content(tables=("diaspora-census",), downloads=("diaspora-census",)),
    "Knesset seats": Content(charts=("diaspora-seats",), tables=("diaspora-seats",), downloads=("diaspora-seats",)),
    "Veterans": Content(),
}
# Under the Immigration tab, built only once its expander is opened: the computed shares and their counts.
COMPUTED_OPEN = "diaspora-computed-open"
COMPUTED = Content(tables=("diaspora-computed",), downloads=("diaspora-computed-shares",))
# The table each download exports.
DOWNLOAD_TABLE = {"diaspora-computed-shares": "diaspora-computed", "diaspora-immigration": "diaspora-immigration",
                  "diaspora-map-year": "diaspora-map-year", "diaspora-settlement": "diaspora-settlement",
                  "diaspora-population": "diaspora-population", "diaspora-census": "diaspora-census",
                  "diaspora-seats": "diaspora-seats"}
VETERANS_TEXT = "No dataset in this dashboard holds a figure on Russian pensions for Red Army veterans"


def tables(app) -> dict[str, pd.DataFrame]:
    """Every table on the page by its key. Provenance tables are keyed '<key>-rows'; AppTest shows no key for the
    census table (it has no row selection), the only table with a district column."""
    found = {}
    for frame in app.dataframe:
        if frame.key:
            found[frame.key.removesuffix("-rows")] = frame.value
        else:
            assert "district_en" in frame.value.columns
            found["diaspora-census"] = frame.value
    assert len(found) == len(app.dataframe), "two tables share a key"
    return found


def decks(app) -> list[dict]:
    return [json.loads(element.proto.json) for element in app.get("deck_gl_json_chart")]


def layer(app, layer_id: str) -> dict:
    return next(item for deck in decks(app) for item in deck["layers"] if item["id"] == layer_id)


def content(app) -> Content:
    """What the run drew, in the shape of TAB_CONTENT."""
    buttons = [button.key for button in app.get("download_button")]
    return Content(
        charts=tuple(chart.key for chart in app.get("plotly_chart")),
        layers=tuple(item["id"] for deck in decks(app) for item in deck["layers"]),
        tables=tuple(sorted(tables(app))),
        downloads=tuple(sorted({key.removesuffix("-csv").removesuffix("-zip") for key in buttons})))


def text_of(app) -> str:
    return "\n".join(element.value for element in [*app.markdown, *app.caption])


def notices(app) -> list[str]:
    return [warning.value for warning in app.warning]


@pytest.fixture(scope="module")
def data(paths):
    return {name: load_dataset(name, paths) for name in ("immigration", "census2022", "claims", "settlement")}


IMMIGRATION_OPEN = "diaspora-immigration-open"


def run_opened(run_page, params: dict | None = None):
    """The page with the immigration table opened, as a reader who clicks its expander: the table is built only
    then (test_the_immigration_table_is_built_when_its_expander_is_opened), and most checks read it."""
    app = run_page(PAGE, params)
    app.session_state[IMMIGRATION_OPEN] = True
    app.run()
    return app


def test_the_immigration_table_is_built_when_its_expander_is_opened(run_page, data):
    app = run_page(PAGE)
    assert "diaspora-immigration" not in tables(app)
    assert [b.key for b in app.get("download_button")] == ["diaspora-immigration-csv", "diaspora-immigration-zip"]
    app.session_state[IMMIGRATION_OPEN] = True
    app.run()
    assert not app.exception
    assert len(tables(app)["diaspora-immigration"]) == len(data["immigration"])


def test_a_chart_the_selection_leaves_empty_says_so_and_the_others_still_draw(run_page):
    app = run_page(PAGE, {"origin": ["Russia"]})
    assert not app.exception
    assert [notice.value for notice in app.info] == ["No regional counts in this selection."]
    assert len(app.get("plotly_chart")) == 2
    assert any(c.value.startswith("Counts by country of origin") for c in app.caption)


def test_every_tab_is_covered_here():
    assert tuple(TAB_CONTENT) == TABS


def test_the_default_view_runs_only_the_immigration_tab(run_page, data):
    app = run_opened(run_page)
    assert not app.exception
    assert not app.warning
    assert [option.content for option in app.get_by_key("tab").proto.options] == list(TABS)
    assert content(app) == TAB_CONTENT["Immigration"]
    assert not app.get("deck_gl_json_chart")
    assert len(tables(app)["diaspora-immigration"]) == len(data["immigration"])
    shown = text_of(app)
    assert VETERANS_TEXT not in shown
    # The claims box stays above the sections: all three of the article's claims on the default view.
    for metric in (views.RUSSIAN_SPEAKERS_METRIC, views.SEATS_METRIC, views.VETERANS_METRIC):
        claim = views.article_claim(data["claims"], metric)
        assert escape_markdown(f"The article's words: “{claim['text']}”") in shown


def test_the_computed_shares_are_built_when_their_expander_is_opened(run_page):
    app = run_opened(run_page)
    assert content(app) == TAB_CONTENT["Immigration"]
    app.session_state[COMPUTED_OPEN] = True
    app.run()
    assert not app.exception
    opened, closed = content(app), TAB_CONTENT["Immigration"]
    assert opened.charts == closed.charts
    assert opened.tables == tuple(sorted(closed.tables + COMPUTED.tables))
    assert opened.downloads == tuple(sorted(closed.downloads + COMPUTED.downloads))
    computed = tables(app)["diaspora-computed"]
    assert len(computed) > 0
    assert f"{len(computed)} computed, qualifier 'computed'" in text_of(app)


@pytest.mark.parametrize("tab", TABS)
def test_each_tab_opens_from_the_link_and_runs_only_its_own_section(run_page, tab):
    app = run_opened(run_page, {"tab": tab})
    assert not app.exception
    assert not app.warning
    assert content(app) == TAB_CONTENT[tab]
    # The section's label is its heading; the claims box above the sections is on every section.
    assert not app.header
    assert app.expander[0].label == "What the article says about the diaspora: its three claims"
    assert (VETERANS_TEXT in text_of(app)) is (tab == "Veterans")


def test_the_section_switch_is_bound_to_the_url(run_page):
    app = run_opened(run_page, {"tab": "Knesset seats"})
    switch = app.get_by_key("tab")
    assert switch.proto.query_param_key == "tab"
    assert switch.value == "Knesset seats"
    assert [switch.options[i] for i in switch.proto.default] == [TABS[0]]


def test_an_unknown_tab_falls_back_to_the_first_tab_with_a_notice(run_page):
    app = run_page(PAGE, {"tab": "Nonsense"})
    assert not app.exception
    assert len(notices(app)) == 1
    assert "`tab` not understood" in notices(app)[0]
    assert "the page shows its default there" in notices(app)[0]
    assert content(app).charts == TAB_CONTENT["Immigration"].charts


def test_switching_tabs_keeps_each_tabs_filters(run_page):
    app = run_opened(run_page)
    app.slider(key="years").set_value((2004, 2014)).run()
    app.session_state["tab"] = "2022 census"
    app.run()
    assert not app.exception
    assert content(app) == TAB_CONTENT["2022 census"]
    app.toggle(key="fsu_top3").set_value(True).run()
    app.session_state["tab"] = "Immigration"
    app.session_state[IMMIGRATION_OPEN] = True  # a closed tab's expander closes with it
    app.run()
    assert app.slider(key="years").value == (2004, 2014)
    assert tables(app)["diaspora-immigration"]["year"].between(2004, 2014).all()
    app.session_state["tab"] = "2022 census"
    app.run()
    assert app.toggle(key="fsu_top3").value is True


def test_the_census_tab_lists_every_area_and_says_why_there_is_no_map(run_page, data):
    app = run_opened(run_page, {"tab": "2022 census"})
    assert len(tables(app)["diaspora-census"]) == len(data["census2022"]) - 1  # less the national row
    national = views.census_national(data["census2022"])
    assert [m.value for m in app.metric][:2] == [f"{national['born_abroad_pct']:g}%",
                                                 f"{national['immigrated_1990_2001_pct']:g}%"]
    assert len(app.metric) == 5
    assert not app.get("deck_gl_json_chart")
    assert "No map: the census gives the areas without coordinates" in text_of(app)


def test_the_seats_tab_marks_the_2015_figure_from_a_separate_source(run_page, data):
    app = run_opened(run_page, {"tab": "Knesset seats"})
    shown = text_of(app)
    assert escape_markdown("2015: from a separate source (electionguide.org)") in shown
    claim = views.article_claim(data["claims"], views.SEATS_METRIC)
    # Once in the claims box, once beside the chart.
    assert shown.count(escape_markdown(f"The article's words: “{claim['text']}”")) == 2


def test_the_population_tab_sets_the_article_share_beside_the_data(run_page, data):
    app = run_opened(run_page, {"tab": "Russian speakers"})
    claim = views.article_claim(data["claims"], views.RUSSIAN_SPEAKERS_METRIC)
    share = next(c for c in app.get("plotly_chart") if c.key == "diaspora-population-share")
    annotations = json.loads(share.proto.spec)["layout"]["annotations"]
    assert f"The article: “{claim['text']}”" in [a["text"] for a in annotations]
    assert text_of(app).count(escape_markdown(f"The article's words: “{claim['text']}”")) == 2


def test_the_arc_map_defaults_to_the_latest_whole_year(run_page):
    app = run_opened(run_page, {"tab": "Origins map"})
    assert app.selectbox(key="map_year").value == "2023 · CBS · calendar year"
    arcs = layer(app, "immigration-arcs")["data"]
    assert [arc["tooltip"].split(" →")[0] for arc in arcs] == ["Belarus", "Russia", "Ukraine"]
    assert all("Source: " in arc["tooltip"] for arc in arcs)
    assert set(tables(app)["diaspora-map-year"]["year"]) == {2023}


def test_the_settlement_map_defaults_to_the_fullest_period(run_page):
    app = run_opened(run_page, {"tab": "Where they settled"})
    assert app.selectbox(key="settled").value == "2016"
    assert len(layer(app, "settlement")["data"]) == len(tables(app)["diaspora-settlement"]) > 0
    assert set(tables(app)["diaspora-settlement"]["period_label"]) == {"2016"}


# One link holding every tab's filters; each tab restores its own.
LINK = {"years": ["1989", "2003"], "origin": ["Former Soviet Union"], "agency": ["Israel MFA"],
        "map_year": "2022 · CBS · calendar year", "settled": "2023 Jan-Nov", "district": ["Haifa"],
        "min_pop": "5000", "fsu_top3": "true"}


def restored_immigration(app, data):
    assert app.slider(key="years").value == (1989, 2003)
    assert app.multiselect(key="origin").value == ["Former Soviet Union"]
    assert app.multiselect(key="agency").value == ["Israel MFA"]
    immigration = tables(app)["diaspora-immigration"]
    assert len(immigration) == 15
    assert set(immigration["agency"]) == {"Israel MFA"}


def restored_map(app, data):
    assert app.selectbox(key="map_year").value == "2022 · CBS · calendar year"
    assert {arc["tooltip"].split(" →")[0] for arc in layer(app, "immigration-arcs")["data"]} == {"Russia", "Ukraine"}
    assert set(tables(app)["diaspora-map-year"]["year"]) == {2022}


def restored_settlement(app, data):
    assert app.selectbox(key="settled").value == "2023 Jan-Nov"
    assert set(tables(app)["diaspora-settlement"]["period_label"]) == {"2023 Jan-Nov"}


def restored_census(app, data):
    assert app.multiselect(key="district").value == ["Haifa"]
    assert app.selectbox(key="min_pop").value == 5000
    assert app.toggle(key="fsu_top3").value is True
    census = tables(app)["diaspora-census"]
    areas = views.census_areas(data["census2022"])
    expected = apply_all(areas, views.census_filters(areas, views.CensusSelection(["Haifa"], 5000, True)))
    assert len(census) == len(expected) > 0
    assert set(census["district_en"]) == {"Haifa"}


@pytest.mark.parametrize(("tab", "check"), [("Immigration", restored_immigration), ("Origins map", restored_map),
                                            ("Where they settled", restored_settlement),
                                            ("2022 census", restored_census)])
def test_each_tab_restores_its_filters_from_the_url(run_page, data, tab, check):
    app = run_opened(run_page, {**LINK, "tab": tab})
    assert not app.exception
    assert not app.warning
    check(app, data)


FILTER_WIDGETS = {
    "Immigration": lambda app: [app.slider(key="years"), app.multiselect(key="origin"),
                                app.multiselect(key="agency")],
    "Origins map": lambda app: [app.selectbox(key="map_year")],
    "Where they settled": lambda app: [app.selectbox(key="settled")],
    "2022 census": lambda app: [app.multiselect(key="district"), app.selectbox(key="min_pop"),
                                app.toggle(key="fsu_top3")],
}


@pytest.mark.parametrize("tab", FILTER_WIDGETS)
def test_every_filter_is_bound_to_its_url_key(run_page, tab):
    """AppTest cannot show the browser writing the URL; it can show each widget asks for it."""
    widgets = FILTER_WIDGETS[tab](run_opened(run_page, {"tab": tab}))
    assert [w.proto.query_param_key for w in widgets] == [w.key for w in widgets]


def years_2004_to_2014(app):
    app.slider(key="years").set_value((2004, 2014))
    return lambda app: tables(app)["diaspora-immigration"]["year"].between(2004, 2014).all()


def map_2019(app):
    app.selectbox(key="map_year").set_value("2019 · Ministry of Aliyah and Integration · calendar year")
    return lambda app: set(tables(app)["diaspora-map-year"]["year"]) == {2019} and all(
        "2019" in arc["tooltip"] for arc in layer(app, "immigration-arcs")["data"])


def settled_2023(app):
    app.selectbox(key="settled").set_value("2023 Jan-Nov")
    return lambda app: set(tables(app)["diaspora-settlement"]["period_label"]) == {"2023 Jan-Nov"} and len(
        layer(app, "settlement")["data"]) == len(tables(app)["diaspora-settlement"])


def fsu_top3(app):
    everything = len(tables(app)["diaspora-census"])
    app.toggle(key="fsu_top3").set_value(True)
    return lambda app: (tables(app)["diaspora-census"]["fsu_in_top3_pct"] > 0).all() and len(
        tables(app)["diaspora-census"]) < everything


@pytest.mark.parametrize(("tab", "change"), [("Immigration", years_2004_to_2014), ("Origins map", map_2019),
                                             ("Where they settled", settled_2023), ("2022 census", fsu_top3)])
def test_changing_a_filter_changes_the_rows(run_page, tab, change):
    app = run_opened(run_page, {"tab": tab})
    check = change(app)
    app.run()
    assert not app.exception
    assert check(app)


@pytest.mark.parametrize(("tab", "key", "value"), [
    ("Immigration", "years", ["1800", "2003"]),
    ("Immigration", "years", "abc"),
    ("Immigration", "origin", ["Mars"]),
    ("Immigration", "agency", ["Nobody"]),
    ("Origins map", "map_year", "1800 · CBS · calendar year"),
    ("Where they settled", "settled", "1066"),
    ("2022 census", "district", ["Atlantis"]),
    ("2022 census", "min_pop", "7"),
    ("2022 census", "fsu_top3", "maybe"),
])
def test_a_bad_parameter_falls_back_to_the_default_with_a_notice(run_page, tab, key, value):
    app = run_page(PAGE, {"tab": tab, key: value})
    assert not app.exception
    assert len(notices(app)) == 1
    assert f"`{key}` not understood" in notices(app)[0]
    assert "the page shows its default there" in notices(app)[0]
    assert app.get_by_key(key).value == run_page(PAGE, {"tab": tab}).get_by_key(key).value


def test_a_bad_parameter_leaves_the_good_ones_working(run_page):
    app = run_opened(run_page, {"origin": ["Mars"], "agency": ["Israel MFA"]})
    assert app.multiselect(key="agency").value == ["Israel MFA"]
    assert app.multiselect(key="origin").value == app.multiselect(key="origin").options
    assert set(tables(app)["diaspora-immigration"]["agency"]) == {"Israel MFA"}


def test_a_bad_parameter_of_a_closed_tab_is_reported_and_the_open_tab_works(run_page):
    app = run_opened(run_page, {"tab": "2022 census", "origin": ["Mars"], "district": ["Haifa"]})
    assert not app.exception
    assert len(notices(app)) == 1
    assert "`origin` not understood" in notices(app)[0]
    assert app.multiselect(key="district").value == ["Haifa"]
    assert set(tables(app)["diaspora-census"]["district_en"]) == {"Haifa"}


@pytest.mark.parametrize("tab", [tab for tab in TABS if TAB_CONTENT[tab].downloads])
def test_each_download_holds_exactly_the_rows_of_its_table(run_page, download_builders, tab):
    builders = download_builders
    # Filtered views, so a download of the whole table would not pass. LINK's origin and agency leave no computed
    # share, so the Immigration tab filters the years only.
    params = {"years": ["1990", "2010"]} if tab == "Immigration" else LINK
    app = run_opened(run_page, {**params, "tab": tab})
    expected = TAB_CONTENT[tab].downloads
    if tab == "Immigration":
        app.session_state[COMPUTED_OPEN] = True
        app.run()
        expected += COMPUTED.downloads
    assert sorted(builders) == sorted(f"{key}-{kind}" for key in expected for kind in ("csv", "zip"))
    for key in expected:
        shown = tables(app)[DOWNLOAD_TABLE[key]]
        csv = pd.read_csv(io.BytesIO(builders[f"{key}-csv"]()))
        assert len(csv) == len(shown) > 0
        assert sorted(csv["source_url"]) == sorted(shown["source_url"])
        with zipfile.ZipFile(io.BytesIO(builders[f"{key}-zip"]())) as archive:
            meta = json.loads(next(archive.read(n) for n in archive.namelist() if n.endswith(".metadata.json")))
            packed = pd.read_csv(io.BytesIO(next(archive.read(n) for n in archive.namelist() if n.endswith(".csv"))))
        assert meta["export"]["rows"] == len(shown)
        pd.testing.assert_frame_equal(packed, csv)
