"""The offline base map: Natural Earth country polygons as a pydeck GeoJsonLayer (no web tiles needed)."""

from __future__ import annotations

import pydeck as pdk

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


def deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip: dict | None = None) -> pdk.Deck:
    """A Deck with no web base map: the country layer is the base, so the map is complete offline."""
    return pdk.Deck(layers=layers, initial_view_state=view, map_style=None, map_provider=None,
                    tooltip=tooltip or False)
