"""Figures of the Trade page (pure Plotly). Colour says who reports, the marker shape says the qualifier, the panel
says the flow (or the partner); every mark's hover names its source, date and quote."""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard_app.charts import with_source
from dashboard_app.theme import NEUTRAL, OKABE_ITO
from dashboard_data.trade import REPORTERS
from dashboard_data.trade_views import FLOW_ORDER, PARTNER_NAMES, QUALIFIER_ORDER, domain, figure_text, usd_text

# In REPORTERS order, so a reporter the dataset adds later still gets a colour of its own.
REPORTER_COLOURS = dict(zip(REPORTERS, [OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "black",
                                                              "vermillion", "sky", "yellow")], strict=False))
QUALIFIER_SYMBOLS = {
    "as stated": "circle", "lower bound": "triangle-up", "upper bound": "triangle-down",
    "approximate": "diamond-open", "part year": "square-open", "unit as printed": "x",
    # Every figure on the chart of changes is change-only; with no other qualifier it is a change as stated.
    "change only": "circle",
}
FLOW_TITLES = {"turnover": "Turnover", "Russian exports": "Russian exports", "Russian imports": "Russian imports"}
USD_BILLION = 1e9
MARKER = {"size": 12, "line": {"width": 2}}
PANEL_HEIGHT = 230
# Undated figures get their own slot right of the last year, so they stand beside the dated ones without a year.
NO_YEAR_GAP = 3
TITLE_TOP_PX, LEGEND_TOP_PX, LEGEND_ROW_PX, SUBPLOT_TITLE_PX = 12, 44, 26, 36
SOURCE_MARGIN_PX, SOURCE_SHIFT_PX = 110, 64
LEGEND_FONT = {"size": 12}  # colour from the theme, so the legend reads in light and dark
# (an end is approximate, from the partner's side) -> dash
LINE_STYLES = {(False, False): "solid", (True, False): "dot", (False, True): "dash", (True, True): "dashdot"}
LINE_MEANINGS = {"solid": "as stated", "dot": "an end approximate", "dash": "from the partner's side",
                 "dashdot": "approximate, partner's side"}


def hover_text(row: pd.Series) -> str:
    """Who says what, for which period, with which qualifier, and where it was said."""
    lines = [f"<b>{_escape(row['reporter'])}: {_escape(figure_text(row))}</b>",
             f"{_escape(row['flow'])} · {_escape(row['product'])} · {_escape(row['period_label'])}",
             f"as printed: {row['value']:g} {_escape(row['unit_as_printed'])}",
             f"qualifier: {_escape(row['qualifier'])} · flags: {_escape(row['flags'])}",
             f"source: {_escape(row['source_label'])}",
             f"{_escape(domain(row['source_url']))}, {_escape(row['source_date'] or 'undated')}"]
    if pd.notna(row["quote"]):
        lines += [f"“{line}" if i == 0 else line
                  for i, line in enumerate(textwrap.wrap(_escape(row["quote"]) + "”", 70))]
    return "<br>".join(lines)


def _escape(value: object) -> str:
    return html.escape(str(value)) if pd.notna(value) else "—"


def present(values: pd.Series, order: tuple[str, ...]) -> list[str]:
    return [item for item in order if item in set(values)]


def legend_entries(fig: go.Figure, rows: pd.DataFrame, *, shapes: bool = True,
                   lines: pd.DataFrame | None = None) -> None:
    """Legend device only (traces with no points), one legend row each: colour = reporter, shape = qualifier, and
    the line rule. Call after the figure's height is set."""
    legends = [("Who reports (colour):", [go.Scatter(
        x=[None], y=[None], mode="markers", name=reporter,
        marker={"symbol": "circle" if shapes else "square", "size": 11, "color": REPORTER_COLOURS[reporter]})
        for reporter in present(rows["reporter"], REPORTERS)])]
    if shapes:
        legends.append(("Qualifier (shape):", [go.Scatter(
            x=[None], y=[None], mode="markers", name=qualifier,
            marker={**MARKER, "symbol": QUALIFIER_SYMBOLS[qualifier], "color": NEUTRAL})
            for qualifier in present(rows["qualifier"], QUALIFIER_ORDER)]))
    if lines is not None and not lines.empty:
        styles = [style for style in LINE_STYLES.values() if style in set(_line_style(lines))]
        legends.append(("Lines join consecutive calendar years of one reporter's one flow:", [go.Scatter(
            x=[None], y=[None], mode="lines", line={"color": NEUTRAL, "dash": style}, name=LINE_MEANINGS[style])
            for style in styles]))
    height = fig.layout.height
    for index, (title, traces) in enumerate(legends):
        name = "legend" if index == 0 else f"legend{index + 1}"
        fig.add_traces([trace.update(legend=name) for trace in traces])
        fig.update_layout({name: {"title": {"text": title, "side": "left", "font": LEGEND_FONT},
                                  "font": LEGEND_FONT, "orientation": "h", "x": 0,
                                  "xanchor": "left", "yref": "container", "yanchor": "top",
                                  "y": 1 - (LEGEND_TOP_PX + LEGEND_ROW_PX * index) / height}})
    # The title and the legend rows sit in the top margin, measured in pixels so they never overlap.
    fig.update_layout(title={"yref": "container", "yanchor": "top", "y": 1 - TITLE_TOP_PX / height},
                      margin={"t": LEGEND_TOP_PX + LEGEND_ROW_PX * len(legends) + SUBPLOT_TITLE_PX})


def source_below(fig: go.Figure, title: str, source: str) -> go.Figure:
    """with_source places its line at a fraction of the plot height, which on a tall figure falls outside the
    margin; pin it a fixed distance under the x-axis instead."""
    with_source(fig, title, source, bottom_margin=SOURCE_MARGIN_PX)
    fig.layout.annotations[-1].update(y=0, yshift=-SOURCE_SHIFT_PX)
    return fig


def point_trace(rows: pd.DataFrame, x: pd.Series, y: pd.Series) -> go.Scatter:
    """Every figure of one panel as one trace: each mark's colour is its reporter and its shape its qualifier, and
    its customdata names both. One trace per panel rather than one per reporter and qualifier, because the browser
    draws a figure's traces one by one and the legend is drawn by its own entries anyway."""
    return go.Scatter(
        x=x.loc[rows.index], y=y.loc[rows.index], showlegend=False, name="figures", mode="markers",
        marker={**MARKER, "symbol": [QUALIFIER_SYMBOLS[q] for q in rows["qualifier"]],
                "color": [REPORTER_COLOURS[r] for r in rows["reporter"]]},
        customdata=rows[["reporter", "qualifier"]].to_numpy().tolist(),
        hovertext=[hover_text(row) for _, row in rows.iterrows()], hoverinfo="text", hoverlabel={"align": "left"})


def segment_traces(segments: pd.DataFrame) -> list[go.Scatter]:
    """Each series' segments of one style as one trace, broken (None) between segments, in the reporter's colour."""
    if segments.empty:
        return []
    traces = []
    for (_, style), group in segments.groupby(["series", _line_style(segments)]):
        xs, ys = [], []
        for _, segment in group.groupby("segment"):
            xs += [*segment["year"].astype(float), None]
            ys += [*(segment["value_usd"] / USD_BILLION), None]
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", showlegend=False, hoverinfo="skip",
                                 line={"color": REPORTER_COLOURS[group["reporter"].iloc[0]], "width": 1.5,
                                       "dash": style}))
    return traces


def _line_style(segments: pd.DataFrame) -> pd.Series:
    """Dotted where an end is approximate, dashed where the figures come from the partner's side."""
    approximate = segments.groupby("segment")["qualifier"].transform(lambda q: q.eq("approximate").any())
    partner = segments["seen_from"].eq("partner")
    return pd.Series([LINE_STYLES[(a, p)] for a, p in zip(approximate, partner, strict=True)], index=segments.index)


def year_axis(fig: go.Figure, years: tuple[int, int], **extra) -> None:
    """Whole years only: a tick every year on a short span, every five years on a long one."""
    step = 1 if years[1] - years[0] <= 12 else 5
    fig.update_xaxes(range=[years[0] - 0.5, years[1] + 0.5], tick0=years[0] - years[0] % step, dtick=step,
                     tickformat="d", showticklabels=True, **extra)


def levels_figure(levels: pd.DataFrame, segments: pd.DataFrame, years: tuple[int, int], *, title: str, source: str,
                  context: pd.DataFrame | None = None) -> go.Figure:
    """USD levels over time, one panel per flow (sharing the year axis), and an optional context strip below."""
    flows = present(levels["flow"], FLOW_ORDER) or ["turnover"]
    with_context = context is not None and not context.empty
    rows = len(flows) + with_context
    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, vertical_spacing=0.07,
                        subplot_titles=[FLOW_TITLES[f] for f in flows]
                        + (["Leader visits and events per year (hover for each, with its source)"]
                           if with_context else []),
                        row_heights=[1.0] * len(flows) + ([0.4] if with_context else []))
    for panel, flow in enumerate(flows, start=1):
        in_flow = levels[levels["flow"].eq(flow)]
        for trace in segment_traces(segments[segments["flow"].eq(flow)]):
            fig.add_trace(trace, row=panel, col=1)
        fig.add_trace(point_trace(in_flow, in_flow["year"], in_flow["value_usd"] / USD_BILLION), row=panel, col=1)
        fig.update_yaxes(title_text="USD billion", rangemode="tozero", row=panel, col=1)
    if with_context:
        add_context(fig, context, row=rows)
    year_axis(fig, years)
    fig.update_xaxes(title_text="Year the figure refers to", row=rows, col=1)
    fig.update_layout(height=PANEL_HEIGHT * rows + 240, margin={"l": 95})
    legend_entries(fig, levels, lines=segments)
    return source_below(fig, title, source)


def add_context(fig: go.Figure, context: pd.DataFrame, row: int) -> None:
    """Per year, how many leader visits and events there were; the hover lists each with its date and source."""
    fig.add_trace(go.Scatter(
        x=context["year"].astype(float), y=context["kind"], mode="markers+text", text=context["count"].astype(str),
        textposition="middle center", textfont={"size": 10, "color": "white"}, showlegend=False,
        marker={"size": 17, "color": NEUTRAL, "symbol": "square"},
        hovertext=[f"<b>{kind} in {year}</b><br>" + "<br>".join(_escape(line) for line in lines.split("\n"))
                   for kind, year, lines in context[["kind", "year", "lines"]].itertuples(index=False)],
        hoverinfo="text", hoverlabel={"align": "left"}), row=row, col=1)
    fig.update_yaxes(categoryorder="array", categoryarray=["Events", "Leader visits"], row=row, col=1)


def changes_figure(rows: pd.DataFrame, years: tuple[int, int], source: str) -> go.Figure:
    """Change-only figures as changes: one panel per unit (percent, USD), a zero line, never a level."""
    units = [u for u in ("percent", "USD") if u in set(rows["unit"])]
    titles = {"percent": "Change, percent", "USD": "Change, USD billion"}
    fig = make_subplots(rows=1, cols=max(len(units), 1), subplot_titles=[titles[u] for u in units],
                        horizontal_spacing=0.1)
    for column, unit in enumerate(units, start=1):
        in_unit = rows[rows["unit"].eq(unit)]
        y = in_unit["value"] if unit == "percent" else in_unit["value_usd"] / USD_BILLION
        fig.add_trace(point_trace(in_unit, in_unit["year"], y), row=1, col=column)
        fig.add_hline(y=0, line={"color": NEUTRAL, "width": 1}, row=1, col=column)
        fig.update_yaxes(title_text=titles[unit], row=1, col=column)
    year_axis(fig, years, title_text="Year the change refers to")
    fig.update_layout(height=480)
    legend_entries(fig, rows)
    return source_below(fig, "Changes printed without a level (not comparable with the levels)", source)


def regional_figure(regional: pd.DataFrame, years: tuple[int, int], source: str) -> go.Figure:
    """Russia's turnover with each partner, one panel per partner on one shared USD scale; a figure without a year
    sits in a 'no year' slot right of the years."""
    no_year = years[1] + NO_YEAR_GAP
    partners = list(PARTNER_NAMES)
    fig = make_subplots(rows=2, cols=3, shared_yaxes="all", shared_xaxes="all", vertical_spacing=0.16,
                        horizontal_spacing=0.04, subplot_titles=[f"Russia–{PARTNER_NAMES[p]}" for p in partners])
    x = regional["year"].astype("Float64").fillna(no_year)
    for index, pair in enumerate(partners):
        in_pair = regional[regional["pair"].eq(pair)]
        fig.add_trace(point_trace(in_pair, x, regional["value_usd"] / USD_BILLION), row=index // 3 + 1,
                      col=index % 3 + 1)
    # Six narrow panels: fewer year ticks, so the 'no year' label always has room.
    span = years[1] - years[0]
    step = 10 if span > 20 else 5 if span > 8 else 1
    ticks = [*range(years[0] - years[0] % step + step, years[1] + 1, step), no_year]
    fig.update_xaxes(range=[years[0] - 0.5, no_year + 2], tickvals=ticks,
                     ticktext=[*(str(t) for t in ticks[:-1]), "no year"], showticklabels=True)
    fig.add_vline(x=years[1] + NO_YEAR_GAP / 2, line={"color": NEUTRAL, "width": 1, "dash": "dot"})
    # An explicit range: with matched axes the browser's autorange clipped the larger partners' figures.
    fig.update_yaxes(range=[0, regional["value_usd"].max() / USD_BILLION * 1.1], showticklabels=True)
    fig.update_yaxes(title_text="USD billion", col=1)
    fig.update_layout(height=680)
    legend_entries(fig, regional)
    return source_below(fig, "Russia's turnover with Israel and other Middle East partners, as each source states it",
                        source)


def shares_figure(rows: pd.DataFrame, source: str) -> go.Figure:
    """Printed shares as bars, one panel per period, base and source (shares of different bases never share one)."""
    panels = list(dict.fromkeys(rows["panel"]))
    bars = [int(rows["panel"].eq(panel).sum()) for panel in panels]
    plot_height = 34 * sum(count + 1 for count in bars) + 70 * len(panels)
    # Room in pixels between panels for the x ticks of one and the title of the next.
    spacing = min(70 / plot_height, 1 / len(panels)) if len(panels) > 1 else 0
    fig = make_subplots(rows=len(panels), cols=1, subplot_titles=panels, shared_xaxes=True,
                        row_heights=[count + 1 for count in bars], vertical_spacing=spacing)
    for index, panel in enumerate(panels, start=1):
        in_panel = rows[rows["panel"].eq(panel)].sort_values("value")
        fig.add_trace(go.Bar(
            x=in_panel["value"], y=in_panel["product"], orientation="h", showlegend=False,
            marker={"color": [REPORTER_COLOURS[r] for r in in_panel["reporter"]]},
            text=[f"{v:g}%" for v in in_panel["value"]], textposition="outside",
            hovertext=[hover_text(row) for _, row in in_panel.iterrows()], hoverinfo="text"), row=index, col=1)
    fig.update_xaxes(range=[0, 100], showticklabels=True)
    fig.update_xaxes(title_text="percent of the base named in the panel title", row=len(panels), col=1)
    fig.update_layout(height=plot_height + 230)
    fig.update_annotations(font={"size": 13})
    legend_entries(fig, rows, shapes=False)
    return source_below(fig, "Product shares as printed", source)


def hs_treemap(rows: pd.DataFrame, title: str, source: str) -> go.Figure:
    """HS section → chapter for one reporting side, year and flow; a section's area is the sum of its chapters."""
    sections = list(dict.fromkeys(rows["hs_section"]))
    fig = go.Figure(go.Treemap(
        ids=[*sections, *(rows["hs_section"] + "/" + rows["hs_chapter"])],
        labels=[*sections, *rows["hs_label"]], parents=["" for _ in sections] + list(rows["hs_section"]),
        values=[0 for _ in sections] + list(rows["value_usd"]), branchvalues="remainder",
        customdata=["" for _ in sections] + [usd_text(v) for v in rows["value_usd"]],
        texttemplate="%{label}<br>%{customdata}", hovertemplate="%{label}<br>%{customdata}<extra></extra>"))
    fig.update_layout(height=560)
    return source_below(fig, title, source)
