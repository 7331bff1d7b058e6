"""The overview timeline (pure Plotly): one lane per strand, every mark with its source in the hover."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard_app.charts import with_source
from dashboard_app.theme import OKABE_ITO
from dashboard_data.overview import LANES

LANE_STYLE = {
    "Trade": (OKABE_ITO["blue"], "circle"),
    "Immigration": (OKABE_ITO["green"], "square"),
    "Visits": (OKABE_ITO["orange"], "diamond"),
    "Events": (OKABE_ITO["purple"], "triangle-up"),
}


def timeline_figure(rows: pd.DataFrame, sources: str) -> go.Figure:
    fig = go.Figure()
    for lane in LANES:
        marks = rows[rows["lane"] == lane]
        colour, symbol = LANE_STYLE[lane]
        fig.add_trace(go.Scatter(
            x=marks["date"], y=marks["lane"].astype(str), mode="markers", name=lane,
            marker={"color": colour, "symbol": symbol, "size": 11, "opacity": 0.75,
                    "line": {"width": 1, "color": "white"}},
            customdata=marks[["page", "year", "source_url", "label"]].to_numpy(),
            hovertemplate="%{customdata[3]}<br>Source: %{customdata[2]}<extra>%{y}</extra>",
        ))
    fig.update_layout(height=380, showlegend=False, hovermode="closest", clickmode="event+select",
                      yaxis={"categoryorder": "array", "categoryarray": list(reversed(LANES)), "title": None},
                      xaxis={"title": None, "range": ["1988-07-01", f"{pd.Timestamp.now().year + 1}-01-01"]})
    return with_source(fig, "Trade figures, immigration, leader visits and events, 1989 to today",
                       f"Source: {sources}. Each mark is one sourced figure, visit or event; "
                       "trade and immigration marks sit at mid-year.", bottom_margin=80)
