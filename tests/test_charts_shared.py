import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard_app.charts import alt_text, plotly_config, with_source
from dashboard_app.components import cached_figure
from dashboard_app.theme import COLORWAY, TEMPLATE_NAME, register_template, rgb


@pytest.mark.parametrize(("image_format", "scale"), [("png", 2), ("svg", 1)])
def test_chart_downloads_have_a_meaningful_name_and_the_chosen_format(image_format, scale):
    options = plotly_config("trade-levels", image_format)["toImageButtonOptions"]
    assert options == {"format": image_format, "filename": "russia-israel-trade-levels", "scale": scale}


def test_the_source_line_is_inside_the_figure():
    fig = with_source(go.Figure(), "Title", "Source: X · Unit: USD")
    assert fig.layout.title.text == "Title"
    assert fig.layout.annotations[0].text == "Source: X · Unit: USD"
    assert fig.layout.annotations[0].yref == "paper"


def test_one_palette_for_every_chart():
    register_template()
    assert pio.templates.default == TEMPLATE_NAME
    assert list(pio.templates[TEMPLATE_NAME].layout.colorway) == COLORWAY
    assert rgb("#0072B2") == [0, 114, 178, 255]


def test_the_template_is_built_once_per_process():
    """Every run calls register_template; building the template again each time cost a rerun about 0.1 s."""
    register_template()
    built = pio.templates[TEMPLATE_NAME]
    register_template()
    assert pio.templates[TEMPLATE_NAME] is built


def test_alt_text_is_the_title_and_source_line_without_markup():
    fig = with_source(go.Figure(), "<b>Trade</b> by year", "Source: 3 figures from 2 sources · Unit: USD")
    assert alt_text(fig) == "Trade  by year. Source: 3 figures from 2 sources · Unit: USD"


def test_a_cached_figure_is_the_figure_its_builder_makes():
    """cached_figure restores the builder's spec without validating it again; the chart sent must not change."""
    rows = pd.DataFrame({"year": [2018, 2019], "value": [1.5, 2.5]})
    built = cached_figure(line_figure, rows, "A title")
    assert json.loads(pio.to_json(built, validate=False)) == json.loads(pio.to_json(line_figure(rows, "A title")))


def line_figure(rows: pd.DataFrame, title: str) -> go.Figure:
    fig = go.Figure(go.Scatter(x=rows["year"], y=rows["value"], mode="lines+markers", name="series"))
    return with_source(fig, title, "Source: a test")
