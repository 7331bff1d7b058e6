import json

import pydeck as pdk

from dashboard_app.basemap import country_layer, deck
from dashboard_data.countries import load_geojson


def test_the_base_map_is_every_country_and_needs_no_web_tiles(paths):
    geojson = load_geojson(paths)
    spec = json.loads(deck([country_layer(geojson)], pdk.ViewState(latitude=40, longitude=40, zoom=2)).to_json())
    assert spec.get("mapStyle") is None
    layer = spec["layers"][0]
    assert layer["@@type"] == "GeoJsonLayer"
    assert len(layer["data"]["features"]) == len(geojson["features"])


def test_the_deck_json_is_compact_and_the_same_as_pydecks(paths):
    built = deck([country_layer(load_geojson(paths))], pdk.ViewState(latitude=0, longitude=0, zoom=1))
    compact = built.to_json()
    assert "\n" not in compact
    assert json.loads(compact) == json.loads(pdk.Deck.to_json(built))
    assert len(compact) < len(pdk.Deck.to_json(built)) / 3
