"""Trade: every sourced figure by year, reporter and flow, filterable and shareable; product mix; regional view."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard_app.charts_trade import changes_figure, hs_treemap, levels_figure, regional_figure, shares_figure
from dashboard_app.components import (
    cached_figure,
    downloads,
    forget_out_of_range,
    lazy_sections,
    link_columns,
    link_or_text,
    opened_expander,
    page_url_notices,
    provenance_markdown,
    provenance_table,
    show_chart,
    source_caption,
)
from dashboard_app.data import dataset, seed_text, sidecar
from dashboard_app.frame import require_frame
from dashboard_app.params import escape_markdown
from dashboard_app.url_specs import trade_headline_years
from dashboard_data import trade_views as views
from dashboard_data.filters import Filter, apply_all, count_phrase, describe
from dashboard_data.trade import REPORTERS, SEED

require_frame()

trade, meta = dataset("trade"), sidecar("trade")
low, high = views.year_bounds(trade)
partners = list(views.PAIR_BY_PARTNER)

st.title("Trade")
st.write("Russia's trade with Israel (and, for scale, with Turkey, Iran, Egypt, Saudi Arabia and the UAE) as "
         "each source states it. The figures are sparse and the reporters disagree: every mark and row keeps "
         "who reports it, its unit, period, qualifier and source. Compare them; don't average them.")
page_url_notices("trade")


def read_selection() -> views.TradeSelection:
    """The filter widgets, each bound to the URL so a copied link opens the same view."""
    with st.container(border=True):
        left, middle, right = st.columns([1, 2, 1])
        partner = left.selectbox("Russia's trade with", partners, key="pair", bind="query-params")
        forget_out_of_range("years", low, high)
        years = middle.slider("Years", low, high, (low, high), key="years", bind="query-params")
        undated = right.toggle("Undated figures", value=True, key="undated", bind="query-params",
                               help="Also show figures whose source states no year (they cannot sit on a year "
                               "axis; they appear in the tables and the regional comparison).")
        # Full-width rows: side by side, the pills were clipped at projector width (1280 px).
        flows = st.pills("Flow", views.FLOW_ORDER, selection_mode="multi", default=views.FLOW_ORDER, key="flow",
                         bind="query-params")
        reporters = st.pills("Reporter", REPORTERS, selection_mode="multi", default=REPORTERS, key="reporter",
                             bind="query-params")
        qualifiers = st.pills("Qualifier", views.QUALIFIER_ORDER, selection_mode="multi",
                              default=views.QUALIFIER_ORDER, key="qualifier", bind="query-params",
                              help="The figure's main quality flag; all its flags are in the table's flags column.")
    return views.TradeSelection(tuple(years), undated, partner, tuple(flows), tuple(reporters), tuple(qualifiers))


def figure_help(rows: pd.DataFrame) -> str:
    """Source, date, quote and link of each figure behind one headline, for the metric's tooltip."""
    parts = []
    for _, row in rows.iterrows():
        quote = f' — “{row["quote"]}”' if pd.notna(row["quote"]) else ""
        said = escape_markdown(f"{row['period_label']}: {row['source_label']}, {row['source_date'] or 'undated'}"
                               f"{quote}")
        parts.append(f"{said} · {link_or_text(row['source_url'])}")
    return "\n\n".join(parts)


@st.cache_data(show_spinner=False, max_entries=256)
def headline_figures(scope: tuple[Filter, ...], year: int) -> tuple[list[views.Headline], list[str]]:
    """What each reporter says about `year` within the filters, and who says nothing. Keyed by the filters without
    the years, so moving the years slider reuses it."""
    scoped = apply_all(dataset("trade"), scope)
    found = views.headlines(scoped, year)
    return found, views.silent_reporters(scoped, found)


def show_headlines(selection: views.TradeSelection, year: int) -> None:
    found, silent = headline_figures(tuple(views.selection_filters(selection, with_years=False)), year)
    speaking = list(dict.fromkeys(h.reporter for h in found))
    for column, reporter in zip(st.columns(max(len(speaking), 1)), speaking, strict=False):
        column.markdown(f"**{reporter}**")
        for headline in (h for h in found if h.reporter == reporter):
            column.metric(headline.label, headline.value_text, headline.qualifier_text,
                          delta_color="off", delta_arrow="off", help=figure_help(headline.rows))
    if not found:
        st.info(f"No figure for {year} in this selection.")
        return
    if silent:
        st.caption(escape_markdown(f"No {year} figure in this selection from: {', '.join(silent)}."))
    # Each figure's source is one hover away (the ? of its metric); the full record is built only when opened,
    # since a popover per figure cost the page as much as its chart on every rerun.
    records = opened_expander(f"Where the {year} figures come from: every field of each source row",
                              "headline-sources")
    if records is not None:
        with records:
            for headline in found:
                for _, row in headline.rows.iterrows():
                    st.markdown(f"**{escape_markdown(headline.reporter)} · {escape_markdown(headline.label)}: "
                                f"{escape_markdown(headline.value_text)}**\n\n{provenance_markdown(row)}")


def levels_chart(selection: views.TradeSelection, with_context: bool) -> go.Figure:
    """The levels over time for a selection; built through cached_figure, keyed by the selection alone."""
    levels = views.usd_levels(apply_all(dataset("trade"), views.selection_filters(selection)))
    context = None
    if with_context and selection.pair == "RUS-ISR":
        context = views.context_by_year(dataset("visits"), dataset("events"), selection.years)
    source = (f"Source: {count_phrase(levels)}, each named in its hover and in the section Every figure · "
              "Unit: USD billion (current), as printed")
    return levels_figure(levels, views.line_segments(levels), selection.years, context=context, source=source,
                         title=f"What each reporter says Russia–{selection.partner} trade was, by year")


def show_levels(shown: pd.DataFrame, selection: views.TradeSelection, with_context: bool) -> None:
    levels = views.usd_levels(shown)
    if levels.empty:
        st.info("No dated USD level of total trade in this selection.")
        return
    show_chart(cached_figure(levels_chart, selection, with_context), "trade-levels")
    source_caption(levels, meta, "USD billion (current)",
                   f"{len(levels)} of the {len(shown)} figures in the filter are dated USD levels of total trade; "
                   "the rest (changes, shares, other units, no year, one product) are in the other sections")
    if with_context and selection.pair != "RUS-ISR":
        st.caption("Visits and events concern Russia and Israel, so they are shown only for Russia–Israel.")


def show_changes(shown: pd.DataFrame, selection: views.TradeSelection) -> None:
    rows = views.changes(shown)
    dated = rows[rows["year"].notna()]
    if dated.empty:
        st.caption("No change-only figure with a year in this selection.")
        return
    source = f"Source: {count_phrase(dated)}, each named in its hover and in the section Every figure"
    show_chart(cached_figure(changes_figure, dated, selection.years, source), "trade-changes")
    undated = len(rows) - len(dated)
    note = f"; {undated} more without a year are in the section Every figure" if undated else ""
    source_caption(dated, meta, "percent change, or USD billion of change",
                   f"Changes printed without a level{note}")


def show_product_mix(shown: pd.DataFrame, selection: views.TradeSelection, year: int) -> None:
    share_rows = views.shares(shown)
    if not share_rows.empty:
        source = f"Source: {count_phrase(share_rows)} · Unit: percent"
        show_chart(cached_figure(shares_figure, share_rows, source), "trade-shares")
        source_caption(share_rows, meta, "percent of the base named in each panel", "Product shares as printed")
    show_article_lists(selection)
    products = views.product_figures(shown)
    if not products.empty:
        st.markdown("**Figures for one product** (in the unit each source printed)")
        st.dataframe(products, hide_index=True, column_config=link_columns(products), placeholder="—")
        source_caption(products, meta, "as printed per row (column unit_as_printed)", "Product-level figures")
    show_hs_treemaps(selection, year)


def show_article_lists(selection: views.TradeSelection) -> None:
    """The article names products but gives no shares, so its lists stay lists."""
    lists = views.article_product_lists(seed_text(), SEED)
    in_view = lists[lists["flow"].isin(selection.flows) & lists["year"].between(*selection.years)]
    if "the article" not in selection.reporters or selection.pair != "RUS-ISR" or in_view.empty:
        return
    st.markdown("**The article's product lists** (names only; it gives no shares)")
    for row in in_view.itertuples():
        items = "\n".join(f"- {escape_markdown(name)}" for name in row.products.split(", "))
        st.markdown(f"{row.flow}, {row.year}:\n{items}")
    st.caption(escape_markdown(" · ".join(f"“{q}”" for q in in_view["quote"]) + f" — source: {SEED}"))


def show_hs_treemaps(selection: views.TradeSelection, year: int | None) -> None:
    if not views.has_hs_values(trade):
        st.info("No HS-chapter values in the data yet: a treemap by HS section and chapter appears here once "
                "the data holds them.", icon=":material/hourglass_empty:")
        return
    scoped = apply_all(trade, views.selection_filters(selection, with_years=False))
    drawn = 0
    for flow in selection.flows:
        for (reporter, side), rows in views.hs_rows(scoped, year, flow).groupby(["reporter", "source_label"]):
            title = f"{flow}, {year}, by HS section and chapter ({side})"
            source = f"Source: {count_phrase(rows)} · Unit: USD"
            show_chart(cached_figure(hs_treemap, rows, title, source), f"trade-hs-{flow}-{side}")
            source_caption(rows, meta, "USD", f"{reporter}: {title}")
            drawn += 1
    if not drawn:
        years = views.hs_years(scoped)
        held = f" The selection holds them for {views.year_span_text(years)}." if years else ""
        st.caption(f"No HS-chapter values for {year} in this selection.{held}")


def show_regional(selection: views.TradeSelection) -> None:
    in_filter = apply_all(trade, views.selection_filters(selection, with_pair=False))
    regional = views.regional_levels(in_filter)
    if regional.empty:
        st.info("No USD level of total trade for any partner in this selection.")
        return
    turnover = regional[regional["flow"].eq("turnover")]
    if turnover.empty:
        st.info("The chart compares turnover, which this selection leaves out; the table lists the other flows.")
    else:
        source = (f"Source: {count_phrase(turnover)}, each named in its hover and in the table below · "
                  "Unit: USD billion")
        show_chart(cached_figure(regional_figure, turnover, selection.years, source), "trade-regional")
        source_caption(turnover, meta, "USD billion (current)", "Turnover with each partner")
    for row in regional[regional["reporter"].eq("the article") & regional["year"].isna()].itertuples():
        st.caption(escape_markdown(f"The article's Russia–{row.partner} figure ({views.usd_text(row.value_usd)}, "
                                   f"{row.flow}) states no year, so it sits in the 'no year' slot beside the "
                                   "sourced figures; it is the article's claim, not a statistic."))
    table = views.regional_table(regional)
    st.dataframe(table, hide_index=True, placeholder="—",
                 column_config={**link_columns(table), "usd_billion": st.column_config.NumberColumn("USD billion")})
    source_caption(regional, meta, "USD billion (current)",
                   "Every partner and flow, with the same flow, year, reporter and qualifier filters")


def show_table(shown: pd.DataFrame, sentence: str) -> None:
    provenance_table(shown, "trade-figures", column_order=views.table_column_order(shown),
                     column_config={"value_usd": st.column_config.NumberColumn(format="localized")})
    # The caption adds its own count of figures and sources, so it gets the sentence without describe()'s count.
    source_caption(shown, meta, "as printed per row (columns unit and unit_as_printed)",
                   sentence.rpartition("; ")[0])
    downloads(shown, meta, sentence, key="trade-figures")


selection = read_selection()
shown = apply_all(trade, views.selection_filters(selection))
sentence = describe(views.selection_filters(selection), shown)
st.markdown(f"**Showing:** {escape_markdown(sentence)}")
with st.expander("Known disagreements between sources (from the dataset's metadata)"):
    st.markdown("\n".join(f"- {escape_markdown(item)}" for item in meta["known_disagreements"]))

st.header("What each reporter says")
pair_years, default_year = trade_headline_years(selection.pair)
year = st.selectbox("Year", pair_years, index=pair_years.index(default_year) if pair_years else None, key="year",
                    bind="query-params", format_func=str,
                    help="Years for which the data holds a total-trade figure for this pair (level or change).")
if year is not None:
    show_headlines(selection, year)

section = lazy_sections("trade")
if section == "Over time":
    with_context = st.toggle("Show leader visits and events on the time axis", value=True, key="context",
                             bind="query-params")
    show_levels(shown, selection, with_context)
elif section == "Changes":
    show_changes(shown, selection)
elif section == "Product mix":
    show_product_mix(shown, selection, year)
elif section == "Regional comparison":
    show_regional(selection)
else:
    show_table(shown, sentence)
