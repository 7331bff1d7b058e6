"""Diaspora: immigration from the former USSR, the Russian-speaking population, where immigrants settled, the 2022
census by area and the Russian speakers' party — each set against the article's own words."""

import pandas as pd
import streamlit as st

from dashboard_app import charts_diaspora as charts
from dashboard_app.components import (
    cached_figure,
    downloads,
    figure_spec,
    forget_out_of_range,
    lazy_sections,
    link_columns,
    opened_expander,
    page_url_notices,
    provenance_table,
    restored_figure,
    show_chart,
    source_caption,
    source_popover,
)
from dashboard_app.data import current_data_version, dataset, geojson, sidecar
from dashboard_app.frame import require_frame
from dashboard_app.params import escape_markdown
from dashboard_data import diaspora_views as views
from dashboard_data.filters import apply_all

require_frame()

IMMIGRATION_COLUMNS = ["year", "period_label", "origin", "origin_series", "measure", "value", "unit_as_printed",
                       "value_persons", "agency", "qualifier", "flags", "confidence", "where_shown", "note",
                       "source_label", "source_url", "raw_file", "raw_line"]
POPULATION_COLUMNS = ["when", "measure", "definition", "birth_country", "percent_of", "value", "unit_as_printed",
                      "qualifier", "confidence", "note", "source_label", "source_url", "raw_file", "raw_line"]
SETTLEMENT_COLUMNS = ["city", "period_label", "population", "value", "unit_as_printed", "agency", "confidence",
                      "source_label", "source_url", "raw_file", "raw_line"]
SEATS_COLUMNS = ["label", "knesset", "seats", "votes", "vote_share_pct", "list_type", "list_partner", "confidence",
                 "source_note", "note", "source_url", "raw_file", "raw_line"]
CENSUS_COLUMNS = ["district_en", "district_he", "locality_he", "stat_area_label", "level", "population",
                  "born_abroad_pct", "immigrated_1990_2001_pct", "country1_en", "country1_pct", "country2_en",
                  "country2_pct", "country3_en", "country3_pct", "fsu_in_top3_pct", "country1_he", "country2_he",
                  "country3_he", "source_url", "raw_file", "raw_line"]
NUMBER_COLUMNS = ("value", "value_persons", "votes")
ARC_ZOOM, ISRAEL_ZOOM, CITY_MERGE_DEGREES = 2.3, 7.4, 0.12

claims = dataset("claims")

st.title("Diaspora")
page_url_notices("diaspora")
st.write("The article leans on the Russian-speaking diaspora. This page shows what sourced figures say about "
         "immigration from the former Soviet Union, the size of the Russian-speaking population, where immigrants "
         "settle and the Russian speakers' party, next to the article's own words. Agencies often disagree: every "
         "figure is shown with its agency, period and flag, and no figure is estimated or filled in.")


def quote(claim: pd.Series | None, metric: str) -> None:
    """The article's sentence and its exact words, or a plain statement that the claims table has none."""
    if claim is None:
        st.caption(escape_markdown(f"The claims table holds no article claim for {metric}."))
        return
    st.markdown(f"> {escape_markdown(claim['sentence'])}")
    st.caption(escape_markdown(f"The article's words: “{claim['text']}” · {claim['source_url']}, "
                               f"characters {claim['start']}–{claim['end']}"))


def table(frame: pd.DataFrame, columns: list[str], key: str, height: int = 300) -> None:
    shown = frame[[c for c in columns if c in frame.columns]]
    numbers = {c: st.column_config.NumberColumn(c.replace("_", " "), format="localized")
               for c in NUMBER_COLUMNS if c in shown.columns}
    provenance_table(shown, key, height=height, column_config=numbers)


def claims_box() -> None:
    # Folded: each claim is quoted again in its own section, and unfolded the box pushed the sections below a
    # projector's fold.
    with st.expander("What the article says about the diaspora: its three claims"):
        for metric in (views.RUSSIAN_SPEAKERS_METRIC, views.SEATS_METRIC, views.VETERANS_METRIC):
            quote(views.article_claim(claims, metric), metric)


def immigration_section() -> None:
    version = current_data_version()
    view, figures = immigration_parts(version, read_immigration_selection(*immigration_choices(version)))
    meta = sidecar("immigration")
    counts_chart(view, figures.get("counts"), meta)
    country_chart(view, figures.get("by_country"), meta)
    shares_chart(view, figures.get("shares"), meta)
    st.subheader("Every immigration figure in this selection")
    if view.table_only:
        st.caption(escape_markdown("In the table only (column where_shown): " + ", ".join(
            f"{count} {reason}" for reason, count in view.table_only.items()) + ". A part of a year or a Hebrew "
            "year (September to September) is not a calendar year, so no chart puts it on a year axis."))
    # On demand: this table alone took longer to draw than the tab's three charts.
    rows = opened_expander("The table: every figure in this selection, one row each with its source",
                           "diaspora-immigration-open")
    if rows is not None:
        with rows:
            table(view.selected.sort_values(["year", "origin_series", "agency"]), IMMIGRATION_COLUMNS,
                  "diaspora-immigration")
    source_caption(view.selected, meta, "as printed per row (unit_as_printed; value_persons in persons)",
                   view.phrase)
    downloads(view.selected[IMMIGRATION_COLUMNS], meta, view.sentence, key="diaspora-immigration")


@st.cache_data(show_spinner=False)
def immigration_of(version: str) -> pd.DataFrame:
    return views.immigration_view(dataset("immigration"))


@st.cache_data(show_spinner=False)
def immigration_choices(version: str) -> tuple[list[str], list[str], tuple[int, int]]:
    immigration = immigration_of(version)
    return views.origins_in_order(immigration), views.agencies_in_order(immigration), views.year_bounds(immigration)


@st.cache_data(show_spinner=False, max_entries=200)
def immigration_parts(version: str, selection: views.ImmigrationSelection) -> tuple[views.ImmigrationView, dict]:
    """The selection as the section shows it and the spec of each chart that has rows, once per data version and
    selection: computing them, then hashing their frames for the figure cache, was most of this section's run,
    and under load every viewer's run waits for the others'."""
    view = views.immigration_selection(immigration_of(version), selection)
    figures = {}
    if not view.counts.rows.empty:
        figures["counts"] = figure_spec(charts.immigration_counts_figure, view.counts.rows, view.counts.segments,
                                        views.WAVES)
    if not view.by_country.rows.empty:
        figures["by_country"] = figure_spec(charts.country_counts_figure, view.by_country.rows,
                                            view.by_country.segments, views.WAVES)
    if not view.shares.rows.empty:
        figures["shares"] = figure_spec(charts.shares_figure, view.stated_shares, view.computed_shares,
                                        view.shares.segments)
    return view, figures


def read_immigration_selection(origins: list[str], agencies: list[str],
                               bounds: tuple[int, int]) -> views.ImmigrationSelection:
    """The filter widgets, each bound to the URL so a copied link opens the same view."""
    first_year, last_year = bounds
    left, middle, right = st.columns([2, 3, 3])
    forget_out_of_range("years", first_year, last_year)
    years = left.slider("Years", first_year, last_year, (first_year, last_year), key="years", bind="query-params")
    chosen_origins = middle.multiselect("Origins", origins, default=origins, key="origin", bind="query-params")
    chosen_agencies = right.multiselect("Agencies", agencies, default=agencies, key="agency", bind="query-params")
    return views.ImmigrationSelection(years, chosen_origins, chosen_agencies)


def counts_chart(view: views.ImmigrationView, spec: dict | None, meta: dict) -> None:
    if spec is None:
        st.info("No regional counts in this selection.")
        return
    show_chart(restored_figure(spec), "diaspora-immigration-counts")
    source_caption(view.counts.rows, meta, "persons", f"Counts for all origins, the FSU and the USSR · "
                   f"{view.phrase}. Where agencies differ for one year, each figure is its own mark (shape = agency)")


def country_chart(view: views.ImmigrationView, spec: dict | None, meta: dict) -> None:
    if spec is None:
        st.info("No per-country counts in this selection.")
        return
    show_chart(restored_figure(spec), "diaspora-immigration-by-country")
    source_caption(view.by_country.rows, meta, "persons", f"Counts by country of origin · {view.phrase}")


def shares_chart(view: views.ImmigrationView, spec: dict | None, meta: dict) -> None:
    if spec is None:
        st.info("No shares in this selection.")
        return
    computed, phrase = view.computed_shares, view.phrase
    show_chart(restored_figure(spec), "diaspora-immigration-shares")
    source_caption(view.shares.rows, meta, "percent of all immigrants in the year",
                   f"Shares as published, and the FSU share computed where one source gives both the FSU count and "
                   f"the all-origins count for a calendar year ({len(computed)} computed, qualifier 'computed') · "
                   f"{phrase}")
    if len(computed):
        # On demand: a hidden table and its downloads made the tab's first load noticeably slower.
        rows = opened_expander("The computed shares, with the counts they come from", "diaspora-computed-open")
        if rows is not None:
            with rows:
                table(computed, ["year", "value", "agency", "note", "source_label", "source_url"],
                      "diaspora-computed")
                downloads(computed[IMMIGRATION_COLUMNS], meta,
                          f"FSU share computed from counts of one source; {phrase}", key="diaspora-computed-shares")


@st.cache_data(show_spinner=False)
def map_choices_of(version: str) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The immigration rows, the per-country figures any map can show, and the maps' labels: once per data version,
    not on every run (about 20 ms a run, most of opening this section)."""
    immigration = immigration_of(version)
    candidates = views.map_candidates(immigration)
    return immigration, candidates, views.map_options(candidates)


@st.cache_data(show_spinner=False, max_entries=100)
def map_rows(version: str, choice: str) -> tuple[pd.DataFrame, tuple[pd.Series, pd.Series], pd.DataFrame]:
    """The chosen map's arcs, the one camera extent of every map, and every figure of the map's year."""
    immigration, candidates, _ = map_choices_of(version)
    countries = dataset("countries")
    return (views.arcs(candidates, choice, countries), views.map_extent(candidates, countries),
            views.year_figures(immigration, choice, candidates))


def arc_section() -> None:
    version = current_data_version()
    _, _, map_choices = map_choices_of(version)
    if not map_choices:
        st.info("The immigration data holds no per-country counts, so there is nothing to map.")
        return
    choice = st.selectbox("Per-country figures to map (year · agency · period)", map_choices, key="map_year",
                          bind="query-params")
    arcs, extent, year_rows = map_rows(version, choice)
    # The view frames every year's origins, so switching the year moves the arcs, not the map.
    view = charts.map_view(*extent, zoom=ARC_ZOOM)
    st.pydeck_chart(charts.arc_map(arcs, geojson(), view), key="diaspora-arcs", height=520,
                    alt=f"Map: arcs from {', '.join(arcs['origin'].unique())} to Israel, {choice}")
    st.caption("Arc width is proportional to the number of immigrants (the widest arc is the largest figure on this "
               "map); arcs run from blue at the origin to orange at Israel; each origin is labelled with its "
               "figure(s); arcs start at the country's label point in the Natural Earth polygons, not at a city. A "
               "country with two figures from one agency in this period gets two arcs. Hover an arc for its source. "
               "Per-country figures exist only for the years listed; the FSU-wide series has no country breakdown.")
    source_caption(arcs, sidecar("immigration"), "persons", f"Mapped: {choice}")
    st.markdown(f"**Every per-country figure for {int(arcs['year'].iloc[0])}, from every agency**")
    table(year_rows.sort_values(["origin", "agency"]), IMMIGRATION_COLUMNS, "diaspora-map-year", height=250)
    downloads(year_rows[IMMIGRATION_COLUMNS], sidecar("immigration"), f"per-country figures, {choice}",
              key="diaspora-map-year")


def settlement_section() -> None:
    settlement = dataset("settlement")
    period = st.selectbox("Period", views.settlement_options(settlement), key="settled", bind="query-params")
    points = views.settlement_points(settlement, period)
    unit = views.settlement_unit(points)
    # The view frames every period's cities, so switching the period keeps the map where it was.
    view = charts.map_view(settlement["lon"], settlement["lat"], zoom=ISRAEL_ZOOM)
    map_column, bars_column = st.columns([3, 2])
    with map_column:
        st.pydeck_chart(charts.settlement_map(points, geojson(), view, CITY_MERGE_DEGREES),
                        key="diaspora-settlement", height=520,
                        alt=f"Map of Israel: cities where new immigrants settled, {period}")
        st.caption("Circle area is proportional to the figure. Hover a circle for its source.")
    with bars_column:
        show_chart(cached_figure(charts.settlement_bars, points, unit, period), "diaspora-settlement-bars")
    source_caption(points, sidecar("settlement"), unit,
                   f"{period}: {views.join_unique(points['population'])} · only the cities the source names")
    table(points, SETTLEMENT_COLUMNS, "diaspora-settlement", height=250)
    downloads(points[SETTLEMENT_COLUMNS], sidecar("settlement"), f"where new immigrants settled, {period}",
              key="diaspora-settlement")


def population_section() -> None:
    st.write("Each source counts different people: immigrants since 1989, people born in one FSU country, "
             "Russian speakers. The points are not a series and are not joined.")
    population = views.population_points(dataset("population"))
    meta = sidecar("population")
    counts = views.population_counts(population)
    show_chart(cached_figure(charts.population_counts_figure, counts), "diaspora-population-counts")
    source_caption(counts, meta, "persons", "Counts of the FSU-origin or Russian-speaking population")
    shares = views.population_shares(population)
    claim = views.article_claim(claims, views.RUSSIAN_SPEAKERS_METRIC)
    show_chart(cached_figure(charts.population_share_figure, shares, claim), "diaspora-population-share")
    source_caption(shares, meta, "percent of Israel's population",
                   "Shares of Israel's population; the dashed line is the article's claim, not a data point")
    quote(claim, views.RUSSIAN_SPEAKERS_METRIC)
    st.markdown("**All population points, including shares of other bases (foreign-born, Jews and others)**")
    table(population, POPULATION_COLUMNS, "diaspora-population", height=280)
    source_caption(population, meta, "as printed per row (unit_as_printed)", "All population points")
    downloads(population[POPULATION_COLUMNS], meta, "all population points", key="diaspora-population")


def census_section() -> None:
    census = dataset("census2022")
    areas, national = views.census_areas(census), views.census_national(census)
    meta = sidecar("census2022")
    st.write("The CBS 2022 census by statistical area: the share born abroad and the top countries of birth.")
    if national is not None:
        national_metrics(national)
    filters = views.census_filters(areas, read_census_selection(areas))
    shown = apply_all(areas, filters).sort_values("born_abroad_pct", ascending=False, na_position="last")
    st.dataframe(shown[CENSUS_COLUMNS], hide_index=True, key="diaspora-census", height=380,
                 column_config=census_columns(shown))
    source_caption(shown, meta, "percent (of the population, or of the foreign-born as each column says)",
                   views.selection_phrase(filters))
    st.caption("Place names are as the CBS publishes them (Hebrew); district names in English are the CBS's own. "
               "A blank cell is a figure the CBS did not publish (suppressed or empty). Only the top three countries "
               "of birth are published per area, so 'FSU in top 3' is a lower bound of the FSU-born share. "
               "No map: the census gives the areas without coordinates or boundaries, and no dataset here supplies "
               "them, so the table is the whole view.")
    downloads(shown[CENSUS_COLUMNS], meta, views.census_sentence(filters, shown), key="diaspora-census")


def read_census_selection(areas: pd.DataFrame) -> views.CensusSelection:
    districts = views.districts_in_order(areas)
    left, middle, right = st.columns([3, 1, 2])
    chosen = left.multiselect("Districts", districts, default=districts, key="district", bind="query-params")
    minimum = middle.selectbox("Minimum population", views.MIN_POPULATION_CHOICES, key="min_pop",
                               bind="query-params")
    fsu_only = right.toggle("FSU country in top 3 only", key="fsu_top3", bind="query-params",
                            help="Only areas where an FSU country is among the three countries of birth the census "
                                 "names")
    return views.CensusSelection(chosen, minimum, fsu_only)


def national_metrics(row: pd.Series) -> None:
    """The census's national row: computed from the data, one click from its source."""
    born, arrived, *countries_of_birth = st.columns(5)
    born.metric("Born abroad, Israel 2022", f"{row['born_abroad_pct']:g}%",
                help="Share of Jews and others born abroad, whole country (CBS 2022 census, national row)")
    arrived.metric("Immigrated 1990–2001", f"{row['immigrated_1990_2001_pct']:g}%",
                   help="Share of the foreign-born Jews and others who immigrated in 1990–2001, all origins")
    for rank, column in enumerate(countries_of_birth, start=1):
        column.metric(f"Born in {row[f'country{rank}_en']} (no. {rank})", f"{row[f'country{rank}_pct']:g}%",
                      help="Share of the foreign-born Jews and others; the census names the top three countries")
    source_popover(row, label="Source of these census figures", key="diaspora-census-source")


def census_columns(frame: pd.DataFrame) -> dict:
    percent = {c: st.column_config.NumberColumn(c.replace("_", " "), format="%.1f%%")
               for c in ("immigrated_1990_2001_pct", "country1_pct", "country2_pct", "country3_pct")}
    return {
        **link_columns(frame), **percent,
        "born_abroad_pct": st.column_config.ProgressColumn("born abroad", format="%.1f%%", min_value=0,
                                                           max_value=100),
        "fsu_in_top3_pct": st.column_config.ProgressColumn("FSU in top 3 (lower bound)", format="%.1f%%",
                                                           min_value=0, max_value=100),
        "population": st.column_config.NumberColumn("population", format="localized"),
    }


def seats_section() -> None:
    seats = views.seats_view(dataset("knesset_seats"))
    claim = views.article_claim(claims, views.SEATS_METRIC)
    show_chart(cached_figure(charts.seats_figure, seats, claim), "diaspora-seats")
    meta = sidecar("knesset_seats")
    source_caption(seats, meta, "seats of 120", "Seats by election; a hatched bar is the seats of a joint list, "
                   "not the party's own share; a dotted bar comes from a separate source")
    for note in seats.loc[seats["separate_source"], ["label", "source_note"]].itertuples():
        st.caption(escape_markdown(f"{note.label}: {note.source_note}."))
    quote(claim, views.SEATS_METRIC)
    st.caption("The article's range is about the Russian-speaking vote's effect on seats across all parties; one "
               "party's seats do not measure that, and no dataset here does.")
    table(seats, SEATS_COLUMNS, "diaspora-seats", height=250)
    downloads(seats[SEATS_COLUMNS], meta, "Yisrael Beiteinu's seats by election", key="diaspora-seats")


def veterans_section() -> None:
    # The claim is also the last quote above the sections, so the reason for showing only the words comes first.
    st.write("No dataset in this dashboard holds a figure on Russian pensions for Red Army veterans in Israel, so "
             "this claim can be shown only as the article's.")
    quote(views.article_claim(claims, views.VETERANS_METRIC), views.VETERANS_METRIC)


# In the order and with the labels of navigation.PAGE_SECTIONS["diaspora"].
SECTIONS = {"Immigration": immigration_section, "Origins map": arc_section, "Where they settled": settlement_section,
            "Russian speakers": population_section, "2022 census": census_section, "Knesset seats": seats_section,
            "Veterans": veterans_section}

claims_box()
# Only the chosen section runs: its widgets, data and figures; a shared link (?tab=…) opens the same section.
SECTIONS[lazy_sections("diaspora")]()
