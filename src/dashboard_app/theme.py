"""One colour-blind-safe palette (Okabe & Ito) and one Plotly template, used by every chart and map."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

OKABE_ITO = {
    "blue": "#0072B2", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "vermillion": "#D55E00", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
}
COLORWAY = [OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow", "black")]
NEUTRAL = "#7F7F7F"
TEMPLATE_NAME = "dashboard"


def rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    """A palette colour as the [r, g, b, a] list pydeck layers take."""
    value = hex_colour.lstrip("#")
    return [int(value[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


def register_template() -> None:
    """Register the dashboard template and make it Plotly's default, once per process: every script run calls
    this, and building and validating the template cost a rerun about 0.1 s."""
    if pio.templates.default == TEMPLATE_NAME:
        return
    template = go.layout.Template(pio.templates["plotly_white"])
    template.layout.colorway = COLORWAY
    template.layout.font = {"family": "Source Sans Pro, Arial, sans-serif", "size": 14}
    template.layout.title = {"x": 0, "xanchor": "left", "font": {"size": 17}}
    template.layout.hoverlabel = {"align": "left"}
    template.layout.margin = {"l": 60, "r": 20, "t": 60, "b": 90}
    pio.templates[TEMPLATE_NAME] = template
    pio.templates.default = TEMPLATE_NAME
