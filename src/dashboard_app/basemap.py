"""The offline base map: Natural Earth country polygons as a pydeck GeoJsonLayer (no web tiles needed)."""

from __future__ import annotations

import json

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from dashboard_app.theme import NEUTRAL, rgb

HIGHLIGHT = {"RUS", "ISR"}


def country_layer(geojson: dict, highlight: set[str] = HIGHLIGHT) -> pdk.Layer:
    features = [
        {**feature, "properties": {**feature["properties"],
                                   "fill": rgb("#D9D9D9" if feature["properties"]["iso3"] not in highlight
                                               else "#BFBFBF")}}
        for feature in geojson["features"]
    ]
    return pdk.Layer(
        "GeoJsonLayer",
        {"type": "FeatureCollection", "features": features},
        id="countries",
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=rgb(NEUTRAL),
        line_width_min_pixels=0.5,
        pickable=False,
    )


class CompactDeck(pdk.Deck):
    """pydeck writes its JSON indented, which makes the country layer about 1.2 MB per map on every rerun;
    written compactly it is about a quarter of that."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip: dict | None = None) -> pdk.Deck:
    """A Deck with no web base map: the country layer is the base, so the map is complete offline."""
    return CompactDeck(layers=layers, initial_view_state=view, map_style=None, map_provider=None,
                       tooltip=tooltip or False)
