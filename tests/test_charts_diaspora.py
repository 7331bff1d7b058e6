"""The Diaspora page's figures: each mark from the data with its source, flags told by shape, gaps as gaps, the
article's claims drawn from the claims table, and maps that need no web tiles."""

import json

import pandas as pd
import pytest

from dashboard_app import charts_diaspora as charts
from dashboard_app.theme import register_template
from dashboard_data import diaspora_views as views
from dashboard_data.registry import load_dataset


@pytest.fixture(scope="module", autouse=True)
def template():
    register_template()


@pytest.fixture(scope="module")
def immigration(paths):
    return views.immigration_view(load_dataset("immigration", paths))


@pytest.fixture(scope="module")
def claims(paths):
    return load_dataset("claims", paths)


def annotation_texts(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def data_traces(fig):
    """Traces that draw figures (legend-key traces hold a single None)."""
    return [t for t in fig.data if t.x is not None and any(x is not None for x in t.x)]


def test_counts_figure_plots_persons_with_title_source_and_waves(immigration):
    rows = views.chart_rows(immigration, views.COUNTRY_CHART)
    fig = charts.country_counts_figure(rows, views.line_segments(rows, ["origin_series", "agency"]), views.WAVES)
    plotted = {(x, y) for t in data_traces(fig) for x, y in zip(t.x, t.y, strict=True)}
    russia_1990 = rows[rows["year"].eq(1990) & rows["origin"].eq("Russia")].iloc[0]
    assert (1990, russia_1990["value_persons"]) in plotted
    assert (1990, russia_1990["value"]) not in plotted
    assert fig.layout.title.text.startswith("Immigrants to Israel by country of origin, 1990–")
    assert any(text.startswith("Source: ") and "Unit: persons" in text for text in annotation_texts(fig))
    waves = [shape for shape in fig.layout.shapes if shape.type == "rect"]
    assert len(waves) == 2


def test_flagged_figures_are_hollow_and_agencies_have_shapes():
    assert charts.agency_symbol("CBS", "as stated") == "circle"
    assert charts.agency_symbol("CBS", "rounded") == "circle-open"
    assert charts.agency_symbol("Israel MFA", "computed") == "square-open"
    assert len(set(charts.AGENCY_SYMBOLS.values())) == len(charts.AGENCY_SYMBOLS)


def test_every_mark_hovers_with_its_source(immigration):
    rows = views.chart_rows(immigration, views.TOTALS_CHART)
    fig = charts.immigration_counts_figure(rows, views.line_segments(rows, ["origin_series", "agency"]), views.WAVES)
    marks = [t for t in data_traces(fig) if t.mode == "markers"]
    assert sum(len(t.x) for t in marks) == len(rows)
    assert all("Source: " in text for t in marks for text in t.hovertext)


def test_legend_explains_origins_agencies_and_marks(immigration):
    rows = views.chart_rows(immigration, views.TOTALS_CHART)
    fig = charts.immigration_counts_figure(rows, views.line_segments(rows, ["origin_series", "agency"]), views.WAVES)
    titles = [t.legendgrouptitle.text for t in fig.data if t.legendgrouptitle.text]
    assert titles == ["Origin (colour)", "Agency (shape)", "Marks"]
    shown = {t.name for t in fig.data if t.showlegend is not False}
    assert set(rows["origin_series"]) | set(rows["agency"]) <= shown


def test_computed_share_is_dashed_and_joins_only_consecutive_years(immigration):
    stated = views.chart_rows(immigration, views.SHARES_CHART)
    computed = views.computed_fsu_share(immigration)
    segments = views.line_segments(pd.concat([stated, computed]), ["origin_series", "agency", "qualifier"])
    fig = charts.shares_figure(stated, computed, segments)
    dashed = [t for t in data_traces(fig) if t.mode == "lines" and t.line.dash == "dash"]
    assert len(dashed) == 1
    pairs = [dashed[0].x[i:i + 2] for i in range(0, len(dashed[0].x), 3)]
    assert all(dashed[0].x[i + 2] is None for i in range(0, len(dashed[0].x), 3))
    assert all(end - start == 1 for start, end in pairs)
    assert 2010 not in dashed[0].x
    assert tuple(fig.layout.yaxis.range) == (0, 100)


def test_population_share_draws_the_articles_claim_from_the_claims_table(paths, claims):
    points = views.population_points(load_dataset("population", paths))
    claim = views.article_claim(claims, views.RUSSIAN_SPEAKERS_METRIC)
    fig = charts.population_share_figure(views.population_shares(points), claim)
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert [line.y0 for line in lines] == [claim["value"]]
    assert f"The article: “{claim['text']}”" in annotation_texts(fig)
    assert any(s.type == "rect" and s.y0 == claim["value"] for s in fig.layout.shapes)
    labels = [text for t in data_traces(fig) for text in (t.text or [])]
    assert "17.25% (up to)" in labels


def test_population_ranges_are_segments_not_points(paths):
    points = views.population_counts(views.population_points(load_dataset("population", paths)))
    fig = charts.population_counts_figure(points)
    segments = [t for t in data_traces(fig) if t.mode == "lines+markers"]
    assert [(tuple(t.x), tuple(t.y)) for t in segments] == [((1989.0, 2006.0), (979000.0, 979000.0))]
    assert any("born in" in text for text in annotation_texts(fig))


def seat_rows(seats: list[int | None], files: list[str]) -> pd.DataFrame:
    count = len(seats)
    return views.seats_view(pd.DataFrame({
        "election": [str(2000 + i) for i in range(count)], "knesset": [f"{15 + i}th" for i in range(count)],
        "seats": pd.array(seats, dtype="Int64"), "votes": pd.array([None] * count, dtype="Int64"),
        "vote_share_pct": pd.array([None] * count, dtype="Float64"), "list_type": ["own list"] * count,
        "list_partner": pd.array([None] * count, dtype="string"), "confidence": ["high"] * count,
        "note": pd.array([None] * count, dtype="string"),
        "source_url": [f"https://{f}.example/x" for f in files], "raw_file": files,
    }))


def test_seats_gap_is_an_empty_slot_and_a_separate_source_is_marked(claims):
    seats = seat_rows([4, None, 6, 7], ["main", "main", "extra", "main"])
    claim = views.article_claim(claims, views.SEATS_METRIC)
    fig = charts.seats_figure(seats, claim)
    bars = {t.name: list(t.x) for t in fig.data}
    assert bars == {"own list": ["2000", "2003"], "own list, from a separate source": ["2002"]}
    gap = next(a for a in fig.layout.annotations if a.text.startswith("gap"))
    # On a category axis the annotation needs the slot index: the label '2001' would be read as position 2001.
    assert gap.x == 1
    band = next(s for s in fig.layout.shapes if s.type == "rect")
    assert (band.y0, band.y1) == (claim["value"], claim["value_high"])
    assert any(f"“{claim['text']}”" in text for text in annotation_texts(fig))


def layer_json(deck) -> dict:
    return {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}


def test_arc_map_is_complete_offline_and_sized_by_immigrants(immigration, paths):
    countries = load_dataset("countries", paths)
    candidates = views.map_candidates(immigration)
    arcs = views.arcs(candidates, "2023 · CBS · calendar year", countries)
    view = charts.map_view(*views.map_extent(candidates, countries), zoom=2.3)
    deck = charts.arc_map(arcs, {"type": "FeatureCollection", "features": []}, view)
    layers = layer_json(deck)
    assert next(iter(layers)) == "countries"
    # An unquoted 'pixels' would become an accessor function and deck.gl would size arcs in world units.
    assert layers["immigration-arcs"]["widthUnits"] == "pixels"
    widths = {row["tooltip"].split(" →")[0]: row["width"] for row in layers["immigration-arcs"]["data"]}
    assert widths["Russia"] == charts.MAX_ARC_PIXELS
    assert widths["Belarus"] < widths["Ukraine"] < widths["Russia"]
    assert json.loads(deck.to_json()).get("mapStyle") is None
    labels = [label["text"] for label in layers["origin-labels"]["data"]]
    assert any(label.startswith("Russia\n") for label in labels)


def test_arc_widths_are_proportional_with_a_floor():
    widths = charts.arc_widths(pd.Series([1000.0, 500.0, 1.0]))
    assert widths.tolist() == [charts.MAX_ARC_PIXELS, charts.MAX_ARC_PIXELS / 2, charts.MIN_ARC_PIXELS]


def test_settlement_map_merges_nearby_labels_and_uses_pixel_radii(paths):
    settlement = load_dataset("settlement", paths)
    points = views.settlement_points(settlement, "2016")
    deck = charts.settlement_map(points, {"type": "FeatureCollection", "features": []},
                                 charts.map_view(points["lon"], points["lat"], zoom=7.4), merge_degrees=0.12)
    layers = layer_json(deck)
    assert layers["settlement"]["radiusUnits"] == "pixels"
    labels = [label["text"] for label in layers["settlement-labels"]["data"]]
    assert sum(label.count("\n") + 1 for label in labels) == len(points)
    assert any("Tel Aviv" in label and "Bat Yam" in label for label in labels)


def test_circle_area_is_proportional_to_the_figure():
    radii = charts.circle_radii(pd.Series([100.0, 25.0]))
    assert (radii.iloc[0] / radii.iloc[1]) ** 2 == pytest.approx(4)


def test_source_line_wraps_for_narrow_charts(immigration):
    line = charts.source_line(immigration, "persons", width=60)
    assert all(len(part) <= 60 for part in line.split("<br>"))
    assert line.endswith("Unit: persons")
