"""The Visits page's figures: the timeline's encodings and in-figure source, and the offline route map."""

import json

import pandas as pd
import pytest

from dashboard_app import charts_visits as charts
from dashboard_app.params import param_notices
from dashboard_app.theme import register_template
from dashboard_data import visits_views as views
from dashboard_data.countries import load_geojson
from dashboard_data.registry import load_dataset

SOURCE = "Source: the visits dataset"


@pytest.fixture(scope="module")
def visits(paths):
    register_template()
    return load_dataset("visits", paths)


@pytest.fixture(scope="module")
def timeline(visits):
    lanes = views.directions_in_order(visits)
    colours = charts.visitor_colours(views.leaders_in_order(visits))
    return charts.timeline_figure(views.timeline_points(visits), lanes, colours, SOURCE)


def data_traces(fig):
    return [trace for trace in fig.data if trace.hovertext is not None]


def test_timeline_has_title_and_source_inside_the_figure(timeline):
    assert timeline.layout.title.text == "Leader visits by direction, 2005–2022"
    assert any(note.text == SOURCE for note in timeline.layout.annotations)


def test_every_leg_is_a_marker_coloured_by_visitor(timeline, visits):
    traces = data_traces(timeline)
    assert sum(len(trace.x) for trace in traces) == len(visits)
    colours = {trace.name: trace.marker.color for trace in traces}
    assert len(set(colours.values())) == len(colours) == visits["visitor"].nunique()


def test_month_only_and_low_confidence_are_told_by_shape_not_colour(timeline):
    netanyahu = next(trace for trace in data_traces(timeline) if trace.name == "Benjamin Netanyahu")
    symbols = dict(zip(pd.to_datetime(netanyahu.x).strftime("%Y-%m-%d"), netanyahu.marker.symbol, strict=True))
    assert symbols["2009-09-01"] == "triangle-up-open"
    assert symbols["2015-09-21"] == "circle"
    hover = next(text for text in netanyahu.hovertext if "V2009" in text)
    assert "September 2009 (month only)" in hover
    assert "urdupoint.com" in hover


def test_context_stops_sit_in_their_own_labelled_lane(timeline):
    putin = next(trace for trace in data_traces(timeline) if trace.name == "Vladimir Putin")
    context = [y for y, text in zip(putin.y, putin.hovertext, strict=True) if "Context stop" in text]
    assert context == [1, 1]
    assert timeline.layout.yaxis.ticktext[-1].endswith("(context stops)")


def test_the_legend_explains_shapes(timeline):
    keys = [trace.name for trace in timeline.data if trace.legend == "legend2"]
    assert keys == ["high confidence", "medium confidence", "low confidence",
                    "date known to the month only"]


@pytest.mark.parametrize(("confidence", "month_only", "symbol"), [
    ("high", False, "circle"), ("medium", False, "diamond"), ("low", True, "triangle-up-open"),
])
def test_marker_symbol(confidence, month_only, symbol):
    assert charts.marker_symbol(confidence, month_only) == symbol


def test_map_is_complete_offline_and_pickable(visits, paths):
    view = charts.MAP_VIEWS["Whole routes"]
    deck = charts.visits_map(views.routes(visits), views.cities(visits), load_geojson(paths),
                             charts.map_centre(visits, view), merge_degrees=view.merge_degrees,
                             colours=charts.visitor_colours(views.leaders_in_order(visits)))
    spec = json.loads(deck.to_json())
    assert spec.get("mapStyle") in (None, "")
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert list(layers) == ["countries", "routes", "cities", "labels"]
    assert layers["routes"]["pickable"]
    assert layers["cities"]["pickable"]
    assert layers["routes"]["widthUnits"] == "pixels"
    assert sum(arc["legs"] for arc in layers["routes"]["data"]) == len(visits)
    assert all("Source: visits rows" in arc["tooltip"] for arc in layers["routes"]["data"])


def test_context_stop_arcs_are_faint(visits):
    colours = charts.visitor_colours(views.leaders_in_order(visits))
    deck = charts.visits_map(views.routes(visits), views.cities(visits), {"features": []},
                             charts.map_centre(visits, charts.MAP_VIEWS["Whole routes"]), merge_degrees=1.5,
                             colours=colours)
    arcs = {arc["city"]: arc["colour"][3] for arc in deck.layers[1].data if arc["visitor"] == "Vladimir Putin"}
    assert arcs["Bethlehem"] < arcs["Jerusalem"]


@pytest.mark.parametrize(("merge", "labels"), [
    (1.5, ["Moscow", "Jerusalem, Bethlehem, Netanya", "Sochi"]),
    (0.02, ["Moscow", "Jerusalem", "Sochi", "Bethlehem", "Netanya"]),
])
def test_nearby_cities_share_a_label_at_overview_zoom(visits, merge, labels):
    assert [label["text"] for label in charts.city_labels(views.cities(visits), merge)] == labels


def test_close_up_centres_on_the_hosts_in_israel(visits):
    centre = charts.map_centre(visits, charts.MAP_VIEWS["Israel close-up"])
    assert 31.7 < centre.latitude < 32.4
    assert 34.8 < centre.longitude < 35.3


def test_url_specs_accept_the_widgets_values_and_reject_others(visits):
    specs = charts.url_specs(visits)
    good = {"leader": ["Vladimir Putin", "Naftali Bennett"], "direction": ["Israel → Russia"],
            "years": ["2012", "2020"], "fourth_term": ["true"], "context": ["false"], "map": ["Israel close-up"]}
    assert param_notices(good, specs) == []
    bad = {"leader": ["Golda Meir"], "years": ["2001", "2020"], "fourth_term": ["maybe"], "map": ["moon"]}
    assert [notice.split("`")[1] for notice in param_notices(bad, specs)] == ["leader", "years", "fourth_term", "map"]
