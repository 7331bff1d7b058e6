"""Figures of the Visits page (pure: Plotly and pydeck, never streamlit): the timeline and the route map."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from dashboard_app.basemap import country_layer, deck
from dashboard_app.charts import with_source
from dashboard_app.params import Choice, Flag, Spec, YearRange
from dashboard_app.theme import NEUTRAL, OKABE_ITO, rgb
from dashboard_data.visits_views import directions_in_order, leaders_in_order

# Yellow is left out: its markers vanish on the white background.
VISITOR_COLOURS = [OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky", "black")]
CONFIDENCE_SYMBOLS = {"high": "circle", "medium": "diamond", "low": "triangle-up"}
# Context-stop arcs are drawn faint: they are not Russia–Israel meetings.
ARC_ALPHA = {False: 230, True: 90}
LANE_NOTES = {"Russia → Palestinian territories": "<br>(context stops)"}
STACK_STEP = 0.2
HOVER_WIDTH = 70


def visitor_colours(visitors: list[str]) -> dict[str, str]:
    return {visitor: VISITOR_COLOURS[index % len(VISITOR_COLOURS)] for index, visitor in enumerate(visitors)}


def marker_symbol(confidence: str, month_only: bool) -> str:
    """Shape tells the confidence, an open marker a date known only to the month: colour is never the only cue."""
    return CONFIDENCE_SYMBOLS[confidence] + ("-open" if month_only else "")


def _wrap(text: object) -> str:
    return "—" if pd.isna(text) else "<br>".join(textwrap.wrap(str(text), HOVER_WIDTH))


def hover_text(point: pd.Series) -> str:
    context = "<br><i>Context stop: not a Russia–Israel meeting</i>" if point["context_stop"] else ""
    return (f"<b>{point['visitor']}</b> ({point['visitor_role']}) · {point['visit_id']}<br>"
            f"{point['date_text']} · {point['city']} · {point['direction']}{context}<br>"
            f"Host: {_wrap(point['host'])}<br>Occasion: {_wrap(point['occasion'])}<br>"
            f"Confidence: {point['confidence']}<br>Source: {_wrap(point['source_url'])}<br>"
            f"Source 2: {_wrap(point['source_url_2'])}")


def lane_positions(lanes: list[str]) -> dict[str, int]:
    """The first lane on top."""
    return {lane: len(lanes) - index for index, lane in enumerate(lanes)}


def timeline_figure(points: pd.DataFrame, lanes: list[str], colours: dict[str, str], source: str) -> go.Figure:
    """Every leg as a marker: x = date, y = direction lane, colour = visitor, shape = confidence."""
    positions = lane_positions(lanes)
    fig = go.Figure()
    for visitor, legs in points.groupby("visitor", sort=False):
        colour = colours[visitor]
        fig.add_trace(go.Scatter(
            x=legs["when"], y=legs["direction"].map(positions) - STACK_STEP * legs["stack"],
            mode="markers", name=visitor, legendgroup=visitor, showlegend=False,
            marker={"color": colour, "size": 12, "symbol": [marker_symbol(c, m) for c, m in
                                                            zip(legs["confidence"], legs["month_only"], strict=True)],
                    # A white rim keeps neighbouring markers apart; an open marker needs its own colour as rim.
                    "line": {"width": [2 if m else 1 for m in legs["month_only"]],
                             "color": [colour if m else "white" for m in legs["month_only"]]}},
            hovertext=legs.apply(hover_text, axis=1), hoverinfo="text",
        ))
        _add_key_entry(fig, visitor, colour, "circle", legend="legend", group=visitor)
    _add_symbol_key(fig)
    fig.update_yaxes(tickvals=list(positions.values()),
                     ticktext=[lane + LANE_NOTES.get(lane, "") for lane in positions],
                     range=[0.4, len(lanes) + 0.5], showgrid=True, zeroline=False, fixedrange=True)
    fig.update_xaxes(title=None, type="date", tickformat="%Y", ticklabelmode="period")
    fig.update_layout(height=520, hovermode="closest", margin={"r": 230},
                      legend={"x": 1.02, "y": 1, "yanchor": "top", "title": {"text": "Visitor"}},
                      legend2={"x": 1.02, "y": 0, "yanchor": "bottom", "title": {"text": "Marker"}})
    years = points["when"].dt.year
    span = f"{years.min()}–{years.max()}" if len(points) else "no visits"
    return with_source(fig, f"Leader visits by direction, {span}", source)


def _add_key_entry(fig: go.Figure, name: str, colour: str, symbol: str, *, legend: str,
                   group: str | None = None) -> None:
    """A legend-only entry, so the key shows a plain shape whatever the first real marker looks like."""
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, legend=legend, legendgroup=group,
                             marker={"color": colour, "size": 11, "symbol": symbol}, hoverinfo="skip"))


def _add_symbol_key(fig: go.Figure) -> None:
    """Grey legend entries that explain the marker shapes, in their own legend."""
    key = [(f"{level} confidence", symbol) for level, symbol in CONFIDENCE_SYMBOLS.items()]
    key.append(("date known to the month only", "circle-open"))
    for name, symbol in key:
        _add_key_entry(fig, name, NEUTRAL, symbol, legend="legend2")


@dataclass(frozen=True)
class MapView:
    """A camera for the route map; cities closer than merge_degrees share one label so none overprints another."""

    zoom: float
    merge_degrees: float
    hosts: tuple[str, ...] | None = None


# Keyed by label: a bound segmented control writes its label into the link.
MAP_VIEWS = {"Whole routes": MapView(zoom=3.1, merge_degrees=1.5),
             "Israel close-up": MapView(zoom=7.9, merge_degrees=0.02, hosts=("Israel", "Palestinian Authority"))}


def url_specs(visits: pd.DataFrame) -> list[Spec]:
    """The Visits page's link parameters, one per bound widget (for its URL notices and for saved views)."""
    years = visits["year"]
    return [Choice("leader", tuple(leaders_in_order(visits)), many=True),
            Choice("direction", tuple(directions_in_order(visits)), many=True),
            YearRange("years", int(years.min()), int(years.max())), Flag("fourth_term"), Flag("context"),
            Choice("map", tuple(MAP_VIEWS)), Choice("visit", tuple(visits["visit_id"]))]


def map_centre(visits: pd.DataFrame, view: MapView) -> pdk.ViewState:
    """Centre on every arc end of all visits (so the camera stays put while filters change), or, for a close-up,
    on the cities of the view's host countries."""
    if view.hosts is None:
        lats = pd.concat([visits["origin_lat"], visits["lat"]])
        lons = pd.concat([visits["origin_lon"], visits["lon"]])
    else:
        hosted = visits[visits["host_country"].isin(view.hosts)]
        lats, lons = hosted["lat"], hosted["lon"]
    return pdk.ViewState(latitude=float((lats.min() + lats.max()) / 2),
                         longitude=float((lons.min() + lons.max()) / 2), zoom=view.zoom)


def city_labels(city_table: pd.DataFrame, merge_degrees: float) -> list[dict]:
    """One label per group of nearby cities, busiest city first: 'Jerusalem, Netanya' at overview zoom."""
    labels: list[dict] = []
    for city in city_table.sort_values(["legs", "city"], ascending=[False, True]).itertuples():
        near = next((label for label in labels
                     if abs(label["lat"] - city.lat) < merge_degrees and abs(label["lon"] - city.lon) < merge_degrees),
                    None)
        if near is None:
            labels.append({"lat": float(city.lat), "lon": float(city.lon), "text": city.city})
        else:
            near["text"] += f", {city.city}"
    return labels


def _records(frame: pd.DataFrame) -> list[dict]:
    """Plain JSON values (no pandas NA or extension types), which pydeck can serialize."""
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def arc_width(legs: int) -> float:
    """Width grows with the square root of the number of visits, so the busiest route does not swamp the rest."""
    return 2 + 2 * legs ** 0.5


def arc_bend(lane: int) -> float:
    """Each further visitor on a route gets a wider arc, so arcs of one route lie side by side."""
    return 0.2 + 0.12 * lane


def visits_map(route_table: pd.DataFrame, city_table: pd.DataFrame, geojson: dict, view: pdk.ViewState, *,
               merge_degrees: float, colours: dict[str, str]) -> pdk.Deck:
    """Arcs from the visitor's capital to the host city, coloured by visitor as on the timeline, on the offline
    Natural Earth base; arcs and cities are pickable."""
    arcs = route_table.assign(
        colour=[rgb(colours[visitor], ARC_ALPHA[bool(context)])
                for visitor, context in zip(route_table["visitor"], route_table["context_stop"], strict=True)],
        width=route_table["legs"].map(arc_width), bend=route_table["lane"].map(arc_bend))
    layers = [
        country_layer(geojson),
        pdk.Layer("ArcLayer", _records(arcs), id="routes", pickable=True, auto_highlight=True,
                  get_source_position=["origin_lon", "origin_lat"], get_target_position=["lon", "lat"],
                  get_source_color="colour", get_target_color="colour", get_width="width",
                  # Flat arcs bend to the left of travel, so the two directions between one pair of cities
                  # show as two curves on a map seen from above.
                  get_tilt=90, get_height="bend", width_units="'pixels'", parameters={"depthTest": False}),
        pdk.Layer("ScatterplotLayer", _records(city_table), id="cities", pickable=True, auto_highlight=True,
                  get_position=["lon", "lat"], get_radius=6, radius_units="'pixels'", get_fill_color=rgb("#333333"),
                  get_line_color=[255, 255, 255, 255], stroked=True, line_width_min_pixels=1.5),
        pdk.Layer("TextLayer", city_labels(city_table, merge_degrees), id="labels", get_position=["lon", "lat"],
                  get_text="text", get_size=14, get_color=rgb("#222222"), get_text_anchor="'start'",
                  get_alignment_baseline="'center'", get_pixel_offset=[10, 0], pickable=False,
                  font_family="'Source Sans Pro, Helvetica, Arial, sans-serif'", font_weight=600,
                  background=True, get_background_color=[255, 255, 255, 200], background_padding=[3, 1]),
    ]
    return deck(layers, view, tooltip={"text": "{tooltip}"})
