"""Figures of the Diaspora page (pure: Plotly and pydeck, never streamlit): immigration counts and shares, the
population points against the article's share, the seats against the article's range, and the two offline maps."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from dashboard_app.basemap import country_layer, deck
from dashboard_app.charts import with_source
from dashboard_app.theme import NEUTRAL, OKABE_ITO, rgb
from dashboard_data.diaspora_views import AS_STATED, COMPUTED, figure_text, period_text

ORIGIN_COLOURS = {
    "All origins": NEUTRAL, "Former Soviet Union": OKABE_ITO["blue"], "USSR": OKABE_ITO["orange"],
    "FSU and Eastern Europe": OKABE_ITO["purple"], "Russia": OKABE_ITO["vermillion"], "Ukraine": OKABE_ITO["sky"],
    "Belarus": OKABE_ITO["green"],
}
AGENCY_SYMBOLS = {
    "CBS": "circle", "Israel MFA": "square", "Jewish Agency": "diamond",
    "Ministry of Aliyah and Integration": "triangle-up", "Jewish Agency and Ministry": "triangle-down",
    "Ministry partner organisation": "pentagon", "Israeli government (unspecified)": "hexagon",
    "American sources": "star", "unnamed": "cross",
}
# Marks of population points: the shape says how firm the figure is, so colour can say the definition.
QUALIFIER_SYMBOLS = {"as stated": "circle", "approximate": "circle-open", "up to": "triangle-down",
                     "political statement": "x"}
DEFINITION_COLOURS = [OKABE_ITO[c] for c in ("blue", "vermillion", "green", "orange", "purple", "sky", "black")]
LIST_COLOURS = {"own list": OKABE_ITO["blue"], "joint list": NEUTRAL}
CLAIM_COLOUR = OKABE_ITO["vermillion"]
WAVE_FILL = "rgba(0, 114, 178, 0.07)"
HOVER_WIDTH = 80
MAX_ARC_PIXELS = 36
MIN_ARC_PIXELS = 1
MAX_CIRCLE_PIXELS = 34


def _wrap(text: object) -> str:
    return "" if text is None or pd.isna(text) else "<br>".join(textwrap.wrap(str(text), HOVER_WIDTH))


def agency_symbol(agency: str, qualifier: str) -> str:
    """Shape = agency; a hollow mark = any figure not as stated (rounded, approximate, preliminary, a bound,
    computed), so a flag is never told by colour alone."""
    symbol = AGENCY_SYMBOLS.get(agency, "x")
    return symbol if qualifier == AS_STATED else f"{symbol}-open"


def immigration_hover(row: pd.Series) -> str:
    note = f"<br>Note: {_wrap(row['note'])}" if not pd.isna(row["note"]) else ""
    return (f"<b>{row['origin_series']}</b> · {period_text(row)}<br>{row['measure']}: {figure_text(row)}<br>"
            f"Agency: {row['agency']} · confidence {row['confidence']}<br>Source: {_wrap(row['source_label'])}"
            f"{note}<br><i>{row['raw_file']} line {row['raw_line']}</i>")


def source_line(frame: pd.DataFrame, unit: str, shown: int = 2, width: int = 140) -> str:
    """'Source: A; B and 12 more (each mark's hover names its own)<br>Unit: persons', wrapped to `width`
    characters so a narrow chart does not cut it off."""
    labels = list(frame["source_label"].value_counts().index) if len(frame) else []
    named = "; ".join(textwrap.shorten(label, 70) for label in labels[:shown])
    more = f" and {len(labels) - shown} more" if len(labels) > shown else ""
    source = f"Source: {named or '—'}{more} (each mark's hover names its own)"
    return "<br>".join([*textwrap.wrap(source, width), f"Unit: {unit}"])


def _hovers(rows: pd.DataFrame, hover) -> list[str]:
    """Row-wise text from plain records: DataFrame.apply over extension dtypes is slow on every rerun."""
    return [hover(row) for row in rows.to_dict("records")]


def _figure_marks(fig: go.Figure, points: pd.DataFrame, y: str) -> None:
    """One trace per origin and agency: colour = origin, shape = agency, hollow = flagged. Each trace joins its
    origin's legend group, so clicking an origin in the legend hides or shows all its marks."""
    ordered = points.assign(flagged=points["qualifier"].ne(AS_STATED)).sort_values(["flagged", "year"])
    ordered = ordered.reset_index(drop=True)
    hovers = pd.Series(_hovers(ordered, immigration_hover), index=ordered.index, dtype=object)
    traces = []
    for (origin, agency), rows in ordered.groupby(["origin_series", "agency"], sort=False):
        colour = ORIGIN_COLOURS.get(origin, OKABE_ITO["black"])
        traces.append({
            "type": "scatter", "x": rows["year"].tolist(), "y": rows[y].tolist(), "mode": "markers",
            "name": f"{origin} · {agency}", "legendgroup": origin, "showlegend": False,
            "marker": {"color": colour, "size": 9, "line": {"width": 1.5, "color": colour},
                       "symbol": [agency_symbol(agency, q) for q in rows["qualifier"]]},
            "hovertext": hovers.loc[rows.index].tolist(), "hoverinfo": "text",
        })
    fig.add_traces(traces)


def _segment_lines(fig: go.Figure, segments: pd.DataFrame, y: str, dash: str = "solid") -> None:
    """One trace per origin; its segments are separated by gaps (None), so no segment touches the next."""
    traces = []
    for origin, rows in segments.groupby("origin_series", sort=False):
        xs, ys = [], []
        for _, pair in rows.groupby("segment", sort=False):
            xs += [*pair["year"].tolist(), None]
            ys += [*pair[y].tolist(), None]
        traces.append({"type": "scatter", "x": xs, "y": ys, "mode": "lines", "showlegend": False,
                       "legendgroup": origin, "connectgaps": False, "hoverinfo": "skip",
                       "line": {"color": ORIGIN_COLOURS.get(origin, OKABE_ITO["black"]), "width": 1.5,
                                "dash": dash}})
    fig.add_traces(traces)


def _legend_key(fig: go.Figure, points: pd.DataFrame, *, with_dashed: bool = False) -> None:
    """One legend in three parts: origins (colour; a click toggles that origin), agencies (shape) and marks."""
    grey = {"color": NEUTRAL}
    traces = [{"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": origin,
               "legendgroup": origin, "hoverinfo": "skip",
               "legendgrouptitle": {"text": "Origin (colour)" if index == 0 else None},
               "marker": {"symbol": "square", "size": 11, "color": ORIGIN_COLOURS.get(origin, OKABE_ITO["black"])}}
              for index, origin in enumerate(dict.fromkeys(points["origin_series"]))]
    agencies = [a for a in AGENCY_SYMBOLS if a in set(points["agency"])] + \
        sorted(set(points["agency"]) - set(AGENCY_SYMBOLS))
    key = [(agency, {"mode": "markers", "marker": {**grey, "symbol": AGENCY_SYMBOLS.get(agency, "x"), "size": 9}})
           for agency in agencies]
    key += [
        ("filled: figure as stated", {"mode": "markers", "marker": {**grey, "symbol": "circle", "size": 9}}),
        ("hollow: rounded, approximate, preliminary,<br>a bound or computed",
         {"mode": "markers", "marker": {**grey, "symbol": "circle-open", "size": 9}}),
        ("line: consecutive years of one source", {"mode": "lines", "line": {**grey, "width": 1.5}}),
    ]
    if with_dashed:
        key.append(("dashed: computed by this dashboard", {"mode": "lines", "line": {**grey, "dash": "dash"}}))
    for index, (name, style) in enumerate(key):
        title = "Agency (shape)" if index == 0 else "Marks" if index == len(agencies) else None
        traces.append({"type": "scatter", "x": [None], "y": [None], "name": name, "legendgroup": f"key-{index}",
                       "hoverinfo": "skip", "legendgrouptitle": {"text": title}, **style})
    fig.add_traces(traces)


def _waves(fig: go.Figure, waves: Sequence[tuple[str, int, int]], years: pd.Series) -> None:
    """Shade each wave that falls inside the years shown, with its name on top (plain shapes: add_vrect is slow)."""
    if years.empty:
        return
    low, high = years.min(), years.max()
    shown = [(name, max(start, low) - 0.5, min(end, high) + 0.5) for name, start, end in waves
             if end >= low and start <= high]
    fig.update_layout(
        shapes=[*fig.layout.shapes, *({"type": "rect", "xref": "x", "yref": "paper", "x0": x0, "x1": x1, "y0": 0,
                                       "y1": 1, "fillcolor": WAVE_FILL, "line": {"width": 0}, "layer": "below"}
                                      for _, x0, x1 in shown)],
        annotations=[*fig.layout.annotations, *({"text": name, "xref": "x", "yref": "paper", "x": x0, "y": 1,
                                                 "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                                                 "font": {"size": 12}}
                                                for name, x0, _ in shown)])


def _layout(fig: go.Figure, *, y_title: str, height: int = 520) -> None:
    fig.update_xaxes(title=None, showgrid=True)
    fig.update_yaxes(title=y_title, rangemode="tozero", tickformat=",")
    fig.update_layout(height=height, hovermode="closest",
                      legend={"x": 1.01, "y": 1, "yanchor": "top", "tracegroupgap": 0, "font": {"size": 12},
                              "grouptitlefont": {"size": 13}})


def span_text(years: pd.Series) -> str:
    if years.dropna().empty:
        return "no figures"
    low, high = int(years.min()), int(years.max())
    return str(low) if low == high else f"{low}–{high}"


def immigration_counts_figure(points: pd.DataFrame, segments: pd.DataFrame,
                              waves: Sequence[tuple[str, int, int]]) -> go.Figure:
    """Counts for all origins and the FSU (and the USSR in the 1970s): each figure one mark, by agency."""
    fig = _counts_figure(points, segments, waves)
    return with_source(fig, f"Immigrants to Israel: all origins and the former Soviet Union, "
                            f"{span_text(points['year'])}", source_line(points, "persons"))


def country_counts_figure(points: pd.DataFrame, segments: pd.DataFrame,
                          waves: Sequence[tuple[str, int, int]]) -> go.Figure:
    fig = _counts_figure(points, segments, waves)
    return with_source(fig, f"Immigrants to Israel by country of origin, {span_text(points['year'])}",
                       source_line(points, "persons"))


def _counts_figure(points: pd.DataFrame, segments: pd.DataFrame, waves: Sequence[tuple[str, int, int]]) -> go.Figure:
    fig = go.Figure()
    _segment_lines(fig, segments, "value_persons")
    _figure_marks(fig, points, "value_persons")
    _legend_key(fig, points)
    _waves(fig, waves, points["year"].dropna())
    _layout(fig, y_title="immigrants (persons)", height=600)
    return fig


def shares_figure(stated: pd.DataFrame, computed: pd.DataFrame, segments: pd.DataFrame) -> go.Figure:
    """Shares as published, and the FSU share computed from two counts of one source (hollow marks, dashed lines
    between consecutive years only)."""
    fig = go.Figure()
    _segment_lines(fig, segments[segments["qualifier"].ne(COMPUTED)], "value")
    _segment_lines(fig, segments[segments["qualifier"].eq(COMPUTED)], "value", dash="dash")
    _figure_marks(fig, pd.concat([stated, computed]), "value")
    both = pd.concat([stated, computed])
    _legend_key(fig, both, with_dashed=len(computed) > 0)
    _layout(fig, y_title="share of all immigrants (%)", height=520)
    fig.update_yaxes(range=[0, 100], tickformat=None, ticksuffix="%")
    return with_source(fig, f"Share of all immigrants to Israel, {span_text(both['year'])}",
                       source_line(both, "percent of all immigrants in the year"))


# --- population ----------------------------------------------------------------------------------------------------

def population_hover(row: pd.Series) -> str:
    amount = f"{row['value']:g}% of {row['percent_of']}" if row["unit"] == "percent" else f"{row['value']:,.0f} persons"
    flag = "" if row["qualifier"] == AS_STATED else f" ({row['flags']})"
    note = f"<br>Note: {_wrap(row['note'])}" if not pd.isna(row["note"]) else ""
    return (f"<b>{row['definition']}</b> · {row['when']}<br>{_wrap(row['measure'])}: {amount}{flag}<br>"
            f"Confidence {row['confidence']} · Source: {_wrap(row['source_label'])}{note}")


def _population_marks(fig: go.Figure, points: pd.DataFrame, labels: pd.Series | None = None) -> None:
    """Colour = definition, shape = how firm; a range of years is a segment. `labels` writes text by the marks.
    The legend shows each definition once, as a plain square, so its entry never borrows one point's shape."""
    definitions = list(dict.fromkeys(points.sort_values("start")["definition"]))
    colours = {d: DEFINITION_COLOURS[i % len(DEFINITION_COLOURS)] for i, d in enumerate(definitions)}
    for index, definition in enumerate(definitions):
        rows = points[points["definition"].eq(definition)]
        colour = colours[definition]
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=definition, legendgroup=definition,
                                 legendgrouptitle_text="Definition (colour)" if index == 0 else None,
                                 marker={"symbol": "square", "size": 11, "color": colour}, hoverinfo="skip"))
        for _, span in rows[rows["start"].ne(rows["end"])].iterrows():
            fig.add_trace(go.Scatter(x=[span["start"], span["end"]], y=[span["value"]] * 2, mode="lines+markers",
                                     legendgroup=definition, showlegend=False, line={"color": colour, "width": 3},
                                     marker={"symbol": "line-ns-open", "size": 12, "color": colour},
                                     hovertext=population_hover(span), hoverinfo="text"))
        dots = rows[rows["start"].eq(rows["end"])]
        if dots.empty:
            continue
        fig.add_trace(go.Scatter(
            x=dots["start"], y=dots["value"], name=definition, legendgroup=definition, showlegend=False,
            mode="markers" if labels is None else "markers+text",
            text=None if labels is None else list(labels.reindex(dots.index)), textposition="bottom right",
            marker={"color": colour, "size": 12, "line": {"width": 2, "color": colour},
                    "symbol": [QUALIFIER_SYMBOLS.get(q, "circle") for q in dots["qualifier"]]},
            hovertext=_hovers(dots, population_hover), hoverinfo="text"))


def _birth_country_note(fig: go.Figure, points: pd.DataFrame) -> None:
    """Marks for single countries of birth sit close together: one note names them instead of labels that overlap."""
    born = points[points["birth_country"].notna()]
    for when, rows in born.groupby("when"):
        top = rows.sort_values("value", ascending=False)
        fig.add_annotation(x=float(top["start"].iloc[0]), y=float(top["value"].iloc[0]), ax=40, ay=-40,
                           text=f"{when}: born in {', '.join(top['birth_country'])}<br>(one mark each, largest on top)",
                           showarrow=True, arrowcolor=NEUTRAL, font={"size": 11}, xanchor="left")


def share_label(row: pd.Series) -> str:
    return f"{row['value']:g}%" + ("" if row["qualifier"] == AS_STATED else f" ({row['qualifier']})")


def _qualifier_key(fig: go.Figure, qualifiers: Sequence[str], with_segment: bool) -> None:
    grey = {"color": NEUTRAL, "size": 10, "line": {"width": 2, "color": NEUTRAL}}
    for index, qualifier in enumerate(qualifiers):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=qualifier, legendgroup=f"shape-{index}",
                                 legendgrouptitle_text="Shape" if index == 0 else None, hoverinfo="skip",
                                 marker={**grey, "symbol": QUALIFIER_SYMBOLS.get(qualifier, "circle")}))
    if with_segment:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name="segment: a count over a range of years",
                                 legendgroup="shape-segment", line={"color": NEUTRAL, "width": 3}, hoverinfo="skip"))


def population_counts_figure(points: pd.DataFrame) -> go.Figure:
    """Each sourced count with its own definition (colour) and firmness (shape); nothing is joined by a line."""
    fig = go.Figure()
    _population_marks(fig, points)
    _birth_country_note(fig, points)
    _qualifier_key(fig, list(dict.fromkeys(points["qualifier"])), points["start"].ne(points["end"]).any())
    _layout(fig, y_title="persons", height=500)
    return with_source(fig, "FSU-origin and Russian-speaking population of Israel: each sourced count",
                       source_line(points, "persons; each definition counts different people"))


def population_share_figure(points: pd.DataFrame, claim: pd.Series | None) -> go.Figure:
    """Sourced shares of Israel's population, and the article's share as the article states it."""
    fig = go.Figure()
    _population_marks(fig, points, labels=points.apply(share_label, axis=1) if len(points) else None)
    _qualifier_key(fig, list(dict.fromkeys(points["qualifier"])), points["start"].ne(points["end"]).any())
    top = max([float(points["value"].max()) if len(points) else 0.0,
               float(claim["value"]) if claim is not None else 0.0]) * 1.35 or 1
    if claim is not None:
        _claim_line(fig, claim, top)
    _layout(fig, y_title="share of Israel's population (%)", height=440)
    fig.update_yaxes(range=[0, top], tickformat=None, ticksuffix="%")
    if len(points):
        # Room on the right for the last point's label.
        fig.update_xaxes(dtick=1, range=[float(points["start"].min()) - 0.5, float(points["end"].max()) + 1])
    return with_source(fig, "Russian speakers as a share of Israel's population, and the article's claim",
                       source_line(points, "percent of Israel's population"))


def _claim_line(fig: go.Figure, claim: pd.Series, top: float) -> None:
    """The article's threshold as a dashed line; "more than" shades the side it claims."""
    value = float(claim["value"])
    fig.add_hline(y=value, line={"color": CLAIM_COLOUR, "dash": "dash", "width": 2})
    if claim["comparator"] == ">":
        fig.add_hrect(y0=value, y1=top, fillcolor="rgba(213, 94, 0, 0.06)", line_width=0, layer="below")
    fig.add_annotation(text=f"The article: “{claim['text']}”", xref="paper", x=0.5, y=value, yanchor="bottom",
                       showarrow=False, font={"color": CLAIM_COLOUR, "size": 13}, xanchor="center")


# --- seats ---------------------------------------------------------------------------------------------------------

def seats_hover(row: pd.Series) -> str:
    seats = "no sourced figure" if row["gap"] else f"{row['seats']} seats"
    votes = "" if pd.isna(row["votes"]) else f" · {row['votes']:,} votes ({row['vote_share_pct']:g}%)"
    partner = f" with {row['list_partner']}" if not pd.isna(row["list_partner"]) else ""
    extra = f"<br><b>{row['source_note']}</b>" if row["source_note"] else ""
    note = f"<br>Note: {_wrap(row['note'])}" if not pd.isna(row["note"]) else ""
    return (f"<b>{row['label']}</b> ({row['knesset']} Knesset): {seats}{votes}<br>{row['list_type']}{partner} · "
            f"confidence {row['confidence']}<br>Source: {_wrap(row['source_url'])}{extra}{note}")


def seats_figure(seats: pd.DataFrame, claim: pd.Series | None) -> go.Figure:
    """Bars per election: own list, joint list (hatched: the whole list's seats), a figure from a separate source
    (dotted); a gap is an empty slot saying so; the article's range as a band."""
    fig = go.Figure()
    order = list(seats["label"])
    kinds = (
        ("own list", seats["list_type"].eq("own list") & ~seats["separate_source"], ""),
        ("joint list: seats of the whole joint list", seats["list_type"].eq("joint list"), "/"),
        ("own list, from a separate source", seats["list_type"].eq("own list") & seats["separate_source"], "."),
    )
    for name, chosen, pattern in kinds:
        rows = seats[chosen & ~seats["gap"]]
        if rows.empty:
            continue
        colour = LIST_COLOURS["joint list" if name.startswith("joint") else "own list"]
        fig.add_trace(go.Bar(x=rows["label"], y=rows["seats"], name=name, text=rows["seats"].astype(str).tolist(),
                             textposition="outside",
                             marker={"color": colour, "pattern": {"shape": pattern, "fgcolor": "white"}},
                             hovertext=_hovers(rows, seats_hover), hoverinfo="text"))
    # On a category axis plotly.js reads a label like '2015' as position 2015: annotations use the slot index.
    for label in seats.loc[seats["gap"], "label"]:
        fig.add_annotation(x=order.index(label), y=0, text="gap:<br>no sourced<br>figure", showarrow=False,
                           yanchor="bottom", font={"size": 11})
    for _, row in seats[seats["separate_source"] & ~seats["gap"]].iterrows():
        fig.add_annotation(x=order.index(row["label"]), y=row["seats"], yshift=22, showarrow=False, yanchor="bottom",
                           text=f"separate<br>source:<br>{row['source_site']}",
                           font={"size": 10}, bgcolor="rgba(127, 127, 127, 0.15)")
    top = float(seats["seats"].max()) if seats["seats"].notna().any() else 1.0
    if claim is not None:
        low, high = float(claim["value"]), float(claim["value_high"]) if not pd.isna(claim["value_high"]) else \
            float(claim["value"])
        top = max(top, high)
        fig.add_hrect(y0=low, y1=high, fillcolor="rgba(213, 94, 0, 0.15)", line={"color": CLAIM_COLOUR, "dash": "dash"},
                      layer="below")
        fig.add_annotation(text=f"The article: “{claim['text']}” seats the diaspora may affect (all parties)",
                           xref="paper", x=1, y=high, yanchor="bottom", xanchor="right", showarrow=False,
                           font={"color": CLAIM_COLOUR, "size": 13}, bgcolor="rgba(255, 255, 255, 0.8)")
    fig.update_xaxes(title="Knesset election", categoryorder="array", categoryarray=order, type="category")
    fig.update_yaxes(title="seats (of 120)", range=[0, top * 1.25])
    fig.update_layout(height=460, barmode="overlay", legend={"x": 1.01, "y": 1, "yanchor": "top"})
    return with_source(fig, "Yisrael Beiteinu's seats in the Knesset, by election",
                       f"Source: {', '.join(dict.fromkeys(seats['source_site']))}<br>Unit: seats of 120")


def settlement_bars(points: pd.DataFrame, unit: str, period: str) -> go.Figure:
    """The settlement figures as ranked bars, every city named: readable where map labels would crowd."""
    ordered = points.sort_values("value")
    suffix = "%" if unit.startswith("percent") else ""
    fig = go.Figure(go.Bar(x=ordered["value"], y=ordered["city"], orientation="h", marker={"color": OKABE_ITO["blue"]},
                           text=ordered["figure"], textposition="outside", cliponaxis=False,
                           hovertext=ordered["tooltip"].str.replace("\n", "<br>"), hoverinfo="text", showlegend=False))
    fig.update_xaxes(title=unit, rangemode="tozero", ticksuffix=suffix)
    fig.update_yaxes(title=None)
    fig.update_layout(height=520, margin={"r": 50})
    return with_source(fig, f"New immigrants by city, {period}", source_line(points, unit, width=60),
                       bottom_margin=130)


# --- maps ----------------------------------------------------------------------------------------------------------

def _records(frame: pd.DataFrame) -> list[dict]:
    """Plain Python values (no pandas NA or extension types), which pydeck serializes as JSON."""
    return [{key: (None if pd.isna(value) else value.item() if hasattr(value, "item") else value)
             for key, value in row.items()} for row in frame.to_dict("records")]


def arc_widths(values: pd.Series) -> pd.Series:
    """Width proportional to the count, the largest arc MAX_ARC_PIXELS wide; the floor only keeps a tiny figure
    visible, low enough that two different small figures still get different widths."""
    largest = float(values.max()) if len(values) else 1.0
    return (values.astype(float) / largest * MAX_ARC_PIXELS).clip(lower=MIN_ARC_PIXELS)


def origin_labels(arcs: pd.DataFrame) -> list[dict]:
    """One label per origin country listing each of its figures ('Russia 10,460 · 10,500 (rounded)')."""
    labels = []
    for (origin, lon, lat), rows in arcs.groupby(["origin", "origin_lon", "origin_lat"], sort=False):
        figures = " · ".join(rows["label"])
        labels.append({"lon": float(lon), "lat": float(lat), "text": f"{origin}\n{figures}"})
    return labels


def map_view(lons: pd.Series, lats: pd.Series, zoom: float) -> pdk.ViewState:
    return pdk.ViewState(longitude=float((lons.min() + lons.max()) / 2), latitude=float((lats.min() + lats.max()) / 2),
                         zoom=zoom, pitch=0)


def arc_map(arcs: pd.DataFrame, geojson: dict, view: pdk.ViewState) -> pdk.Deck:
    """Arcs from each origin country to Israel on the offline Natural Earth base, width ∝ immigrants."""
    colour = rgb(OKABE_ITO["blue"], 200)
    table = arcs.assign(width=arc_widths(arcs["value_persons"]), height=0.6 + 0.35 * arcs["rank"])
    columns = ["origin_lon", "origin_lat", "israel_lon", "israel_lat", "width", "height", "tooltip"]
    israel = arcs[["israel_lon", "israel_lat"]].drop_duplicates().head(1)
    layers = [
        country_layer(geojson),
        pdk.Layer("ArcLayer", _records(table[columns]), id="immigration-arcs", pickable=True, auto_highlight=True,
                  get_source_position=["origin_lon", "origin_lat"], get_target_position=["israel_lon", "israel_lat"],
                  get_source_color=colour, get_target_color=rgb(OKABE_ITO["vermillion"], 220), get_width="width",
                  get_height="height", width_units="'pixels'"),
        pdk.Layer("ScatterplotLayer", _records(israel), id="israel", get_position=["israel_lon", "israel_lat"],
                  get_radius=6, radius_units="'pixels'", get_fill_color=rgb(OKABE_ITO["vermillion"])),
        # Above the origin, centred: the arc leaves downwards and a label to the right could leave the map.
        _text_layer("origin-labels", origin_labels(arcs), anchor="middle", offset=(0, -10), baseline="bottom"),
        # Israel's label sits left of its dot, where no arc arrives.
        _text_layer("israel-label", [{"lon": float(r.israel_lon), "lat": float(r.israel_lat), "text": "Israel"}
                                     for r in israel.itertuples()], anchor="end", offset=(-10, 0)),
    ]
    return deck(layers, view, tooltip={"text": "{tooltip}"})


def _text_layer(layer_id: str, labels: list[dict], anchor: str = "start", offset: tuple[int, int] = (10, 0),
                baseline: str = "center") -> pdk.Layer:
    return pdk.Layer("TextLayer", labels, id=layer_id, get_position=["lon", "lat"], get_text="text", get_size=14,
                     get_color=rgb("#222222"), get_text_anchor=f"'{anchor}'", get_alignment_baseline=f"'{baseline}'",
                     get_pixel_offset=list(offset), background=True, get_background_color=[255, 255, 255, 210],
                     font_family="'Source Sans Pro, Arial, sans-serif'", font_weight=600, pickable=False)


def circle_radii(values: pd.Series) -> pd.Series:
    """Area proportional to the figure: the radius grows with its square root."""
    largest = float(values.max()) if len(values) else 1.0
    return (values.astype(float) / largest) ** 0.5 * MAX_CIRCLE_PIXELS


def settlement_labels(points: pd.DataFrame, merge_degrees: float) -> list[dict]:
    """One label per group of nearby cities, largest first, so no label prints over another."""
    labels: list[dict] = []
    for city in points.sort_values("value", ascending=False).itertuples():
        near = next((label for label in labels if abs(label["lat"] - city.lat) < merge_degrees
                     and abs(label["lon"] - city.lon) < merge_degrees), None)
        if near is None:
            labels.append({"lat": float(city.lat), "lon": float(city.lon), "text": city.label})
        else:
            near["text"] += f"\n{city.label}"
    return labels


def settlement_map(points: pd.DataFrame, geojson: dict, view: pdk.ViewState, merge_degrees: float) -> pdk.Deck:
    """Circles at the cities where new immigrants settled, area ∝ the figure, on the offline base."""
    table = points.assign(radius=circle_radii(points["value"]))[["lon", "lat", "radius", "tooltip"]]
    layers = [
        country_layer(geojson),
        pdk.Layer("ScatterplotLayer", _records(table), id="settlement", pickable=True, auto_highlight=True,
                  get_position=["lon", "lat"], get_radius="radius", radius_units="'pixels'",
                  get_fill_color=rgb(OKABE_ITO["blue"], 150), get_line_color=rgb(OKABE_ITO["blue"]), stroked=True,
                  line_width_min_pixels=1.5),
        _text_layer("settlement-labels", settlement_labels(points, merge_degrees)),
    ]
    return deck(layers, view, tooltip={"text": "{tooltip}"})
