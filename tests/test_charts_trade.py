"""The Trade page's figures: marks keep reporter (colour) and qualifier (shape), legends explain both, lines follow
the segment rule, every figure carries its title and source line."""

from __future__ import annotations

import pandas as pd
import pytest
from test_trade_views import figure, frame, hs_fixture

from dashboard_app import charts_trade as charts
from dashboard_app.theme import register_template
from dashboard_data import trade_views as views


@pytest.fixture(autouse=True)
def template():
    register_template()


def data_traces(fig) -> list:
    """Traces that draw figures (the legend device traces hold no points)."""
    return [t for t in fig.data if t.x is not None and any(x is not None for x in t.x)]


def marks(fig) -> pd.DataFrame:
    """One row per drawn figure mark, with the reporter and qualifier it names and how it is drawn."""
    rows = []
    for trace in data_traces(fig):
        if trace.mode != "markers":
            continue
        for index, (reporter, qualifier) in enumerate(trace.customdata):
            rows.append({"reporter": reporter, "qualifier": qualifier, "x": trace.x[index], "y": trace.y[index],
                         "colour": trace.marker.color[index], "symbol": trace.marker.symbol[index],
                         "hover": trace.hovertext[index], "panel": trace.xaxis})
    return pd.DataFrame(rows)


def legend_names(fig) -> list[str]:
    return [t.name for t in fig.data if t.showlegend is not False and t.x is not None and list(t.x) == [None]]


def source_line(fig) -> str:
    return fig.layout.annotations[-1].text


def levels_rows() -> pd.DataFrame:
    return frame(
        figure(year=2008, value_usd=2.8e9, quote="a record 2.8"),
        figure(year=2009, value_usd=2.0e9, qualifier="approximate"),
        figure(year=2018, reporter="Israeli official", value_usd=5e9, qualifier="lower bound"),
        figure(year=2018, reporter="the article", flow="Russian exports", value_usd=1.9e9),
        figure(year=2014, reporter="press", qualifier="part year", period_type="part year"),
    )


def test_levels_marks_keep_reporter_colour_and_qualifier_shape():
    levels = views.usd_levels(levels_rows())
    fig = charts.levels_figure(levels, views.line_segments(levels), (2000, 2020), title="T", source="Source: x")
    drawn = marks(fig)
    assert len(drawn) == len(levels)
    assert drawn["colour"].tolist() == drawn["reporter"].map(charts.REPORTER_COLOURS).tolist()
    assert drawn["symbol"].tolist() == drawn["qualifier"].map(charts.QUALIFIER_SYMBOLS).tolist()
    israeli = drawn[drawn["reporter"].eq("Israeli official")]
    assert israeli[["qualifier", "y", "symbol"]].values.tolist() == [["lower bound", 5.0, "triangle-up"]]
    # One panel per flow: the article's export figure sits in the second panel, the rest in the first.
    assert drawn.groupby("panel")["reporter"].apply(set).to_dict() == {
        "x": {"Russian official", "Israeli official", "press"}, "x2": {"the article"}}


def test_levels_have_one_panel_per_flow_turnover_first_and_a_legend_for_colour_shape_and_lines():
    levels = views.usd_levels(levels_rows())
    fig = charts.levels_figure(levels, views.line_segments(levels), (2000, 2020), title="T", source="Source: x")
    titles = [a.text for a in fig.layout.annotations]
    assert titles[:2] == ["Turnover", "Russian exports"]
    assert legend_names(fig)[:3] == ["Russian official", "Israeli official", "press"]
    assert {"as stated", "approximate", "lower bound", "part year"} <= set(legend_names(fig))
    assert "consecutive calendar years" in fig.layout.legend3.title.text
    assert "an end approximate" in legend_names(fig)
    assert fig.layout.title.text == "T"
    assert source_line(fig) == "Source: x"


def test_the_hover_names_source_date_qualifier_and_quote():
    levels = views.usd_levels(levels_rows())
    fig = charts.levels_figure(levels, views.line_segments(levels), (2000, 2020), title="T", source="S")
    drawn = marks(fig)
    hover = drawn[drawn["reporter"].eq("Russian official") & drawn["qualifier"].eq("as stated")]["hover"].iloc[0]
    for part in ("RU (test)", "example.org", "2011-01-01", "qualifier: as stated", "a record 2.8", "USD 2.8 bn"):
        assert part in hover


def test_lines_are_drawn_only_for_segments_and_break_between_them():
    levels = views.usd_levels(levels_rows())
    fig = charts.levels_figure(levels, views.line_segments(levels), (2000, 2020), title="T", source="S")
    lines = [t for t in data_traces(fig) if t.mode == "lines"]
    assert len(lines) == 1
    assert list(lines[0].x) == [2008.0, 2009.0, None]
    assert lines[0].line.dash == "dot"  # one end is approximate


def test_no_segments_no_line_and_no_line_legend():
    levels = views.usd_levels(frame(figure(year=2008), figure(year=2010)))
    fig = charts.levels_figure(levels, views.line_segments(levels), (2000, 2020), title="T", source="S")
    assert not [t for t in data_traces(fig) if t.mode == "lines"]
    assert "legend3" not in fig.layout.to_plotly_json()


def test_a_series_from_the_partners_side_is_dashed():
    levels = views.usd_levels(frame(figure(year=2008, seen_from="partner"), figure(year=2009, seen_from="partner"),
                                    figure(year=2008, value_usd=3e9), figure(year=2009, value_usd=3e9)))
    fig = charts.levels_figure(levels, views.line_segments(levels), (2000, 2020), title="T", source="S")
    assert sorted(t.line.dash for t in data_traces(fig) if t.mode == "lines") == ["dash", "solid"]
    assert {"from the partner's side", "as stated"} <= set(legend_names(fig))


def test_the_context_strip_counts_and_lists_each_item():
    context = pd.DataFrame({"kind": ["Leader visits"], "year": [2018], "count": [2],
                            "lines": ["2018-01-29 A — kremlin.ru\n2018-05-09 B — kremlin.ru"]})
    levels = views.usd_levels(levels_rows())
    fig = charts.levels_figure(levels, views.line_segments(levels), (2000, 2020), title="T", source="S",
                               context=context)
    strip = next(t for t in fig.data if t.mode == "markers+text")
    assert list(strip.text) == ["2"]
    assert "2018-05-09 B" in strip.hovertext[0]


def test_changes_are_plotted_as_changes_per_unit():
    rows = views.changes(frame(
        figure(year=2018, measure="change", unit="percent", value=9.0, value_usd=None, qualifier="change only"),
        figure(year=2017, measure="change", value=380.0, value_usd=380e6, qualifier="part year")))
    fig = charts.changes_figure(rows, (2010, 2020), "S")
    drawn = marks(fig)
    assert drawn[["qualifier", "y", "panel"]].values.tolist() == [["change only", 9.0, "x"], ["part year", 0.38, "x2"]]
    assert "Changes" in fig.layout.title.text


def test_regional_puts_an_undated_claim_in_the_no_year_slot():
    rows = views.regional_levels(frame(
        figure(pair="RUS-TUR", partner_iso3="TUR", year=None, reporter="the article", value_usd=16.5e9),
        figure(pair="RUS-TUR", partner_iso3="TUR", year=2019, value_usd=21.7e9)))
    fig = charts.regional_figure(rows, (2000, 2020), "S")
    drawn = marks(fig)
    assert drawn[drawn["reporter"].eq("the article")]["x"].tolist() == [2020 + charts.NO_YEAR_GAP]
    assert "no year" in fig.layout.xaxis.ticktext
    assert fig.layout.yaxis.range[1] >= 21.7


def test_shares_get_one_panel_per_base_and_a_reporter_legend():
    rows = views.shares(frame(
        figure(measure="share", product="crude oil", unit="percent", value=38.0, value_usd=None, reporter="press",
               unit_as_printed="percent of RU exports to IL", period_label="2017"),
        figure(measure="share", product="vegetables", unit="percent", value=22.0, value_usd=None,
               reporter="press", unit_as_printed="percent of IL exports to RU", period_label="2017")))
    fig = charts.shares_figure(rows, "S")
    assert [t.text[0] for t in fig.data if t.type == "bar"] == ["38%", "22%"]
    assert legend_names(fig) == ["press"]


def test_hs_treemap_nests_chapters_in_sections():
    rows = views.hs_rows(hs_fixture(), 2021, "Russian exports")
    tree = charts.hs_treemap(rows, "T", "S").data[0]
    assert list(tree.parents[:3]) == ["", "", ""]
    assert "HS 27 Mineral fuels" in tree.labels
    assert tree.parents[list(tree.labels).index("HS 27 Mineral fuels")] == "V Mineral products"
