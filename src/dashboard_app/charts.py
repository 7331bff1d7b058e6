"""Shared figure helpers (pure Plotly): the in-figure source line and the export configuration."""

from __future__ import annotations

import re

import plotly.graph_objects as go

SOURCE_LINE_Y = -0.22


def with_source(fig: go.Figure, title: str, source: str, *, bottom_margin: int = 110) -> go.Figure:
    """Put the title and a source line inside the figure, so an exported image carries its source."""
    fig.update_layout(title={"text": title}, margin={"b": bottom_margin})
    # No font colour: it comes from the theme, so the line reads on light and dark backgrounds alike.
    fig.add_annotation(text=source, xref="paper", yref="paper", x=0, y=SOURCE_LINE_Y, xanchor="left",
                       yanchor="top", showarrow=False, align="left", font={"size": 11})
    return fig


IMAGE_FORMATS = ("png", "svg")
PLOTLY_MARKUP = re.compile(r"<[^>]+>")


def alt_text(fig: go.Figure) -> str:
    """The chart described for a screen reader: its title and its source line (which states count and unit)."""
    title = PLOTLY_MARKUP.sub(" ", fig.layout.title.text or "Chart").strip()
    sources = [PLOTLY_MARKUP.sub(" ", a.text).strip() for a in fig.layout.annotations
               if a.text and a.text.startswith("Source")]
    return ". ".join([title, *sources])


def plotly_config(file_name: str, image_format: str = "png") -> dict:
    """Modebar: image download (PNG or SVG) with a meaningful file name; the rest trimmed for presenting."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": image_format, "filename": f"russia-israel-{file_name}",
                                 "scale": 2 if image_format == "png" else 1},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }
