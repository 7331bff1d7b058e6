"""Pure logic behind the Diaspora page: which immigration figure goes to which chart (and why the rest stay in the
table), the FSU share computed only within one source, the inputs of the two maps, the population points, the seats
with where each came from, the census filters and the article's claims."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from dashboard_data.filters import ChoiceFilter, Filter, YearFilter, apply_all, describe, join_words

AS_STATED = "as stated"
ALL_ORIGINS = "All origins"
FSU = "Former Soviet Union"
ORIGIN_SERIES = {"FSU": FSU, "USSR": "USSR", "FSU sub-region": "FSU sub-regions",
                 "mixed region": "FSU and Eastern Europe", "all countries": ALL_ORIGINS}
ORIGIN_ORDER = (FSU, "USSR", "Russia", "Ukraine", "Belarus", "FSU sub-regions", "FSU and Eastern Europe", ALL_ORIGINS)

TOTALS_CHART = "chart: counts by region"
COUNTRY_CHART = "chart: counts by country"
SHARES_CHART = "chart: shares"
COMPUTED = "computed"

# Descriptive bands for the chart, not figures: the decades the literature names the waves after.
WAVES = (("1970s wave", 1970, 1979), ("1990s wave", 1989, 1999), ("2022 wave", 2022, 2023))

RUSSIAN_SPEAKERS_METRIC = "diaspora.russian_speaking_share"
SEATS_METRIC = "politics.knesset_seats"
VETERANS_METRIC = "diaspora.red_army_veterans"

# CBS's own English names of its districts; the census publishes the Hebrew ones only.
DISTRICTS_EN = {
    "מחוז ירושלים": "Jerusalem", "מחוז הצפון": "Northern", "מחוז חיפה": "Haifa", "מחוז המרכז": "Central",
    "מחוז תל אביב": "Tel Aviv", "מחוז הדרום": "Southern", "אזור יהודה ושומרון": "Judea and Samaria",
}
MIN_POPULATION_CHOICES = (0, 1000, 2000, 5000, 10000)


# --- immigration: origins, chart roles, filters ----------------------------------------------------------------------

def with_origin_series(immigration: pd.DataFrame) -> pd.DataFrame:
    """One plain name per origin: a country keeps its name; groups printed several ways share one name."""
    series = immigration["origin_group"].map(ORIGIN_SERIES)
    is_country = immigration["origin_group"].eq("country")
    return immigration.assign(origin_series=series.where(~is_country, immigration["origin"]).astype("string"))


def origins_in_order(frame: pd.DataFrame) -> list[str]:
    present = set(frame["origin_series"])
    known = [origin for origin in ORIGIN_ORDER if origin in present]
    return known + sorted(present - set(known))


def agencies_in_order(frame: pd.DataFrame) -> list[str]:
    """Most figures first, so the default legend starts with the agencies that say most."""
    return list(frame["agency"].value_counts(sort=True).index)


def year_bounds(frame: pd.DataFrame) -> tuple[int, int]:
    years = frame["year"].dropna()
    return int(years.min()), int(years.max())


def where_shown(frame: pd.DataFrame) -> pd.Series:
    """Which chart shows a figure, or why it stays in the table: a Hebrew year or part of a year is not a calendar
    year, a change is not a level, and the 2013 sub-regions are parts of a whole no chart splits."""
    rules = (
        (frame["period_type"].eq("Hebrew year"), "table only: Hebrew year"),
        (frame["period_type"].eq("part year"), "table only: part of a year"),
        (frame["measure"].eq("change vs previous year"), "table only: change on the previous year"),
        (frame["origin_group"].eq("FSU sub-region"), "table only: FSU sub-region"),
        (frame["unit"].eq("percent"), SHARES_CHART),
        (frame["origin_group"].eq("country"), COUNTRY_CHART),
    )
    shown = pd.Series(TOTALS_CHART, index=frame.index, dtype="string")
    for condition, label in reversed(rules):
        shown = shown.mask(condition.fillna(False).astype(bool), label)
    return shown


def immigration_view(immigration: pd.DataFrame) -> pd.DataFrame:
    with_series = with_origin_series(immigration)
    return with_series.assign(where_shown=where_shown(with_series))


@dataclass(frozen=True)
class ImmigrationSelection:
    years: tuple[int, int]
    origins: Sequence[str]
    agencies: Sequence[str]


@dataclass(frozen=True)
class NamedChoice(ChoiceFilter):
    """Reads 'origins: Russia and Ukraine': the chosen values are names, some already plural ('All origins')."""

    def describe(self) -> str:
        if set(self.chosen) >= set(self.universe) or not self.chosen:
            return super().describe()
        if len(self.chosen) > 3:
            return f"{len(self.chosen)} of {len(self.universe)} {self.noun}"
        return f"{self.noun}: {join_words(self.chosen)}"


def immigration_filters(frame: pd.DataFrame, selection: ImmigrationSelection) -> list[Filter]:
    return [
        YearFilter(*selection.years),
        NamedChoice("origin_series", tuple(selection.origins), tuple(origins_in_order(frame)), "origins"),
        NamedChoice("agency", tuple(selection.agencies), tuple(agencies_in_order(frame)), "agencies"),
    ]


def selection_phrase(filters: Sequence) -> str:
    """The filters as words without counts ('1989–2003, Former Soviet Union origins, all agencies'), for captions
    that add their own count."""
    parts = [part for part in (f.describe() for f in filters) if part]
    head = ", ".join(parts)
    return head[:1].upper() + head[1:]


def join_unique(values: pd.Series) -> str:
    return "; ".join(dict.fromkeys(values.dropna().astype(str)))


def chart_rows(frame: pd.DataFrame, chart: str) -> pd.DataFrame:
    return frame[frame["where_shown"].eq(chart)]


def table_only_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many figures of the selection no chart shows, by reason."""
    reasons = frame.loc[frame["where_shown"].str.startswith("table only"), "where_shown"]
    return {reason.removeprefix("table only: "): int(count) for reason, count in reasons.value_counts().items()}


def line_segments(points: pd.DataFrame, series: Sequence[str]) -> pd.DataFrame:
    """Pairs of points a line may join: one source (same URL), one series, consecutive calendar years, each year
    holding one value. Anything else stays a lone mark, so no line bridges a gap or picks between two figures.
    Two rows per segment, numbered in `segment`."""
    joinable = points[points["period_type"].eq("calendar year")]
    keys = [*series, "source_url"]
    joinable = joinable[~joinable.duplicated([*keys, "year"], keep=False)].sort_values([*keys, "year"])
    same_series = joinable[keys].eq(joinable[keys].shift()).fillna(False).astype(bool).all(axis=1)
    next_year = joinable["year"].diff().eq(1).fillna(False).astype(bool)
    ends = np.flatnonzero((same_series & next_year).to_numpy())
    pairs = np.column_stack([ends - 1, ends]).ravel()
    return joinable.iloc[pairs].assign(segment=np.repeat(np.arange(len(ends)), 2))


def computed_fsu_share(frame: pd.DataFrame) -> pd.DataFrame:
    """FSU immigrants as a percentage of all immigrants, only where one source (same URL and agency) gives both
    counts for one calendar year, both as stated: never across sources, never from rounded figures or bounds."""
    counts = frame[frame["period_type"].eq("calendar year") & frame["measure"].eq("immigrants")
                   & frame["qualifier"].eq(AS_STATED)]
    keys = ["year", "agency", "source_url"]
    fsu = counts[counts["origin_group"].eq("FSU")]
    total = counts[counts["origin_group"].eq("all countries")]
    pairs = fsu.merge(total, on=keys, suffixes=("", "_total"))
    pairs = pairs[~pairs.duplicated(keys, keep=False)]
    if pairs.empty:
        return frame.iloc[0:0].assign(where_shown=pd.Series(dtype="string"))
    return pd.DataFrame({
        "obs_id": pairs["obs_id"] + "/" + pairs["obs_id_total"],
        "year": pairs["year"], "period_type": pairs["period_type"], "period_label": pairs["period_label"],
        "months": pairs["months"], "origin": pairs["origin"], "origin_group": pairs["origin_group"],
        "origin_iso3": pairs["origin_iso3"], "measure": "share of all immigrants",
        "value": (pairs["value"] / pairs["value_total"] * 100).astype("Float64"),
        "unit_as_printed": COMPUTED, "unit": "percent", "value_persons": pd.NA, "agency": pairs["agency"],
        "qualifier": COMPUTED, "flags": "computed: FSU count / all-origins count",
        "confidence": pairs["confidence"],
        "note": pairs.apply(_computed_note, axis=1),
        "source_url": pairs["source_url"], "source_label": pairs["source_label"], "raw_file": pairs["raw_file"],
        "raw_line": pairs["raw_line"], "origin_series": pairs["origin_series"], "where_shown": SHARES_CHART,
    }).astype({"value_persons": "Float64", "note": "string", "measure": "string", "unit_as_printed": "string",
               "unit": "string", "qualifier": "string", "flags": "string", "where_shown": "string"})


@dataclass(frozen=True)
class ChartRows:
    """One chart's rows and the pairs of them its lines may join (line_segments)."""

    rows: pd.DataFrame
    segments: pd.DataFrame


def chart_with_lines(rows: pd.DataFrame, series: Sequence[str]) -> ChartRows:
    return ChartRows(rows, line_segments(rows, series))


@dataclass(frozen=True)
class ImmigrationView:
    """A selection of the immigration table as its section shows it: the rows, the selection in words, the count
    of figures only the table shows, and the rows of each chart (shares: as published and as computed here)."""

    selected: pd.DataFrame
    phrase: str
    sentence: str
    table_only: dict[str, int]
    counts: ChartRows
    by_country: ChartRows
    stated_shares: pd.DataFrame
    computed_shares: pd.DataFrame
    shares: ChartRows


def immigration_selection(immigration: pd.DataFrame, selection: ImmigrationSelection) -> ImmigrationView:
    filters = immigration_filters(immigration, selection)
    selected = apply_all(immigration, filters)
    stated, computed = chart_rows(selected, SHARES_CHART), computed_fsu_share(selected)
    return ImmigrationView(
        selected=selected, phrase=selection_phrase(filters), sentence=describe(filters, selected),
        table_only=table_only_counts(selected),
        counts=chart_with_lines(chart_rows(selected, TOTALS_CHART), ["origin_series", "measure", "agency"]),
        by_country=chart_with_lines(chart_rows(selected, COUNTRY_CHART), ["origin_series", "agency"]),
        stated_shares=stated, computed_shares=computed,
        shares=chart_with_lines(pd.concat([stated, computed], ignore_index=True),
                                ["origin_series", "agency", "qualifier"]))


def _computed_note(pair: pd.Series) -> str:
    return (f"computed: FSU count {pair['value']:,.0f} / all-origins count {pair['value_total']:,.0f} "
            f"(both {pair['agency']}, {pair['source_label']}; {pair['raw_file']} lines {pair['raw_line']} and "
            f"{pair['raw_line_total']})")


def figure_text(row: pd.Series) -> str:
    """A figure as printed, with its unit and flag: '184,177 persons', '45.5 thousand persons (rounded) = 45,500'."""
    if row["unit"] == "percent":
        text = f"{row['value']:.1f}%"
    elif row["unit_as_printed"].startswith("thousand"):
        text = f"{row['value']:g} thousand = {row['value_persons']:,.0f} persons"
    else:
        text = f"{row['value']:,.0f} persons"
    return text if row["qualifier"] == AS_STATED else f"{text} ({row['qualifier']})"


def period_text(row: pd.Series) -> str:
    """The period as the figure covers it; a part or Hebrew year never passes for the calendar year."""
    if row["period_type"] == "Hebrew year":
        return f"Hebrew year, {row['months']}"
    if row["period_type"] == "part year":
        return f"{row['months']} {row['year']} (part of the year)"
    if row["period_type"] == "approximate year":
        return f"{row['year']} (approximate year)"
    return str(row["year"])


# --- arc map -------------------------------------------------------------------------------------------------------

def map_option(row: pd.Series) -> str:
    return f"{row['year']} · {row['agency']} · {_period_phrase(row)}"


def _period_phrase(row: pd.Series) -> str:
    if row["period_type"] in ("part year", "Hebrew year"):
        return f"{row['period_type']} {row['months']}"
    return row["period_type"]


def map_candidates(frame: pd.DataFrame) -> pd.DataFrame:
    """Per-country counts in persons, each labelled with the map it belongs to (one year, agency and period)."""
    countries = frame[frame["origin_group"].eq("country") & frame["unit"].eq("persons")
                      & frame["origin_iso3"].notna()]
    if countries.empty:
        return countries.assign(map_option=pd.Series(dtype="string"))
    return countries.assign(map_option=countries.apply(map_option, axis=1).astype("string"))


def map_options(candidates: pd.DataFrame) -> list[str]:
    """Latest year first; within a year whole calendar years first, then the maps with most countries."""
    if candidates.empty:
        return []
    summary = candidates.groupby("map_option").agg(year=("year", "max"), countries=("origin_iso3", "nunique"),
                                                   calendar=("period_type", lambda p: (p == "calendar year").all()))
    ordered = summary.sort_values(["year", "calendar", "countries"], ascending=False)
    return list(ordered.index)


def arcs(candidates: pd.DataFrame, option: str, countries: pd.DataFrame) -> pd.DataFrame:
    """One arc per figure of the chosen map, from the origin country's label point to Israel's. A country with two
    figures from the agency in that period gets two arcs (`rank` 0, 1, ...) so neither hides the other."""
    chosen = candidates[candidates["map_option"].eq(option)].sort_values(["origin_iso3", "raw_line"])
    points = countries.set_index("iso3")[["label_lon", "label_lat"]]
    israel = points.loc["ISR"]
    origin = points.reindex(chosen["origin_iso3"]).to_numpy()
    return chosen.assign(
        origin_lon=origin[:, 0].astype(float), origin_lat=origin[:, 1].astype(float),
        israel_lon=float(israel["label_lon"]), israel_lat=float(israel["label_lat"]),
        rank=chosen.groupby("origin_iso3").cumcount(),
        figure=chosen.apply(figure_text, axis=1), period=chosen.apply(period_text, axis=1),
        label=chosen.apply(arc_label, axis=1),
    ).assign(tooltip=lambda rows: rows.apply(_arc_tooltip, axis=1))


def arc_label(row: pd.Series) -> str:
    """The short figure for a map label: persons, and the flag when there is one ('45,500 rounded')."""
    text = f"{row['value_persons']:,.0f}"
    return text if row["qualifier"] == AS_STATED else f"{text} {row['qualifier']}"


def _arc_tooltip(arc: pd.Series) -> str:
    return (f"{arc['origin']} → Israel, {arc['period']}: {arc['figure']}\n"
            f"Agency: {arc['agency']} · confidence {arc['confidence']}\nSource: {arc['source_label']}\n"
            f"{arc['source_url']}")


def map_extent(candidates: pd.DataFrame, countries: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Longitudes and latitudes of every country any map can show, and Israel: one camera for every choice, so
    changing the figures never moves the map."""
    shown = countries[countries["iso3"].isin([*candidates["origin_iso3"].dropna().unique(), "ISR"])]
    return shown["label_lon"].astype(float), shown["label_lat"].astype(float)


def year_figures(frame: pd.DataFrame, option: str, candidates: pd.DataFrame) -> pd.DataFrame:
    """Every per-country figure of the map's year, from every agency, so a disagreement is visible under the map."""
    year = candidates.loc[candidates["map_option"].eq(option), "year"]
    if year.empty:
        return frame.iloc[0:0]
    return frame[frame["origin_group"].eq("country") & frame["year"].eq(year.iloc[0])]


# --- settlement map ------------------------------------------------------------------------------------------------

def settlement_options(settlement: pd.DataFrame) -> list[str]:
    """Periods with most cities first, then latest."""
    summary = settlement.groupby("period_label").agg(cities=("city", "nunique"), year=("year", "max"))
    return list(summary.sort_values(["cities", "year"], ascending=False).index)


def settlement_points(settlement: pd.DataFrame, period_label: str) -> pd.DataFrame:
    rows = settlement[settlement["period_label"].eq(period_label)].sort_values("value", ascending=False)
    return rows.assign(
        figure=rows.apply(_settlement_figure, axis=1),
        label=lambda r: r["city"] + " " + r["figure"],
        tooltip=lambda r: r.apply(_settlement_tooltip, axis=1),
    )


def _settlement_figure(row: pd.Series) -> str:
    return f"{row['value']:g}%" if row["unit"] == "percent" else f"{row['value']:,.0f}"


def _settlement_tooltip(row: pd.Series) -> str:
    amount = f"{row['figure']} of all {row['year']} immigrants" if row["unit"] == "percent" else \
        f"{row['figure']} persons"
    return (f"{row['city']}, {row['period_label']}: {amount}\nWho: {row['population']}\n"
            f"Agency: {row['agency']} · confidence {row['confidence']}\nSource: {row['source_label']}\n"
            f"{row['source_url']}")


def settlement_unit(points: pd.DataFrame) -> str:
    if points.empty:
        return "—"
    year = int(points["year"].iloc[0])
    return f"percent of all {year} immigrants" if points["unit"].iloc[0] == "percent" else "persons"


# --- population ----------------------------------------------------------------------------------------------------

def population_points(population: pd.DataFrame) -> pd.DataFrame:
    """Each point with the years it spans: a year or month is one point, a range ('1989-2006') a segment."""
    ranges = population["date_label"].str.extract(r"^(\d{4})-(\d{4})$")
    is_range = population["period_type"].eq("range")
    start = population["year"].astype("Float64").where(~is_range, pd.to_numeric(ranges[0]).astype("Float64"))
    end = population["year"].astype("Float64").where(~is_range, pd.to_numeric(ranges[1]).astype("Float64"))
    return population.assign(start=start, end=end, when=population.apply(_when, axis=1).astype("string"))


def _when(row: pd.Series) -> str:
    if row["period_type"] == "month":
        year, month = row["date_label"].split("-")
        return f"{calendar.month_abbr[int(month)]} {year}"
    return row["date_label"]


def population_counts(points: pd.DataFrame) -> pd.DataFrame:
    """Counts of people in the FSU-origin or Russian-speaking population; Israel's total population is a base, not
    one of them, and stays in the table."""
    return points[points["unit"].eq("persons") & ~points["definition"].eq("total population")]


def population_shares(points: pd.DataFrame) -> pd.DataFrame:
    """Percentages of Israel's population: the only ones the article's 'more than 17%' can be set against."""
    return points[points["unit"].eq("percent") & points["percent_of"].eq("population").fillna(False)]


# --- Knesset seats -------------------------------------------------------------------------------------------------

def election_label(election: str) -> str:
    """'2019-04' -> 'Apr 2019': a year with two elections names the month."""
    year, _, month = election.partition("-")
    return f"{calendar.month_abbr[int(month)]} {year}" if month else year


def seats_view(seats: pd.DataFrame) -> pd.DataFrame:
    """Seats per election with where each figure came from: a row from another raw file than the main list
    (the supplement that fills a gap) says so and names its source's site."""
    main_file = seats["raw_file"].mode().iloc[0] if len(seats) else ""
    supplement = seats["raw_file"].ne(main_file)
    note = seats["source_url"].map(lambda url: f"from a separate source ({site(url)}), filling a gap in the main list")
    ordered = seats.assign(
        label=seats["election"].map(election_label).astype("string"),
        gap=seats["seats"].isna(),
        separate_source=supplement,
        source_site=seats["source_url"].map(site).astype("string"),
        source_note=note.where(supplement, "").astype("string"),
    )
    return ordered.sort_values("election", kind="stable")


def site(url: str) -> str:
    host = urlparse(url).netloc or url
    return host.removeprefix("www.")


# --- census --------------------------------------------------------------------------------------------------------

def census_areas(census: pd.DataFrame) -> pd.DataFrame:
    """Localities and statistical areas (the national row is a summary, shown apart), with English district names."""
    areas = census[~census["level"].eq("national")]
    return areas.assign(district_en=areas["district_he"].map(DISTRICTS_EN).astype("string"))


def census_national(census: pd.DataFrame) -> pd.Series | None:
    rows = census[census["level"].eq("national")]
    return rows.iloc[0] if len(rows) else None


def districts_in_order(areas: pd.DataFrame) -> list[str]:
    return sorted(areas["district_en"].dropna().unique())


@dataclass(frozen=True)
class AtLeastFilter:
    """Rows whose `column` is at least `minimum`; 0 keeps every row (also the blank ones)."""

    column: str
    minimum: int
    phrase: str

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        if self.minimum <= 0:
            return frame
        return frame[frame[self.column].ge(self.minimum).fillna(False).astype(bool)]

    def describe(self) -> str:
        return self.phrase.format(f"{self.minimum:,}") if self.minimum > 0 else ""


@dataclass(frozen=True)
class FsuInTopThree:
    """Areas where at least one FSU country is among the top three countries of birth."""

    only: bool

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["fsu_in_top3_pct"].gt(0).fillna(False).astype(bool)] if self.only else frame

    def describe(self) -> str:
        return "where an FSU country is among the top three countries of birth" if self.only else ""


@dataclass(frozen=True)
class CensusSelection:
    districts: Sequence[str]
    min_population: int
    fsu_only: bool


def census_filters(areas: pd.DataFrame, selection: CensusSelection) -> list:
    return [
        ChoiceFilter("district_en", tuple(selection.districts), tuple(districts_in_order(areas)), "districts"),
        AtLeastFilter("population", selection.min_population, "population at least {}"),
        FsuInTopThree(selection.fsu_only),
    ]


def census_sentence(filters: Sequence, shown: pd.DataFrame) -> str:
    """The census filter as one sentence: 'Central and Haifa districts, population at least 5,000; 312 areas'."""
    return f"{selection_phrase(filters)}; {len(shown)} area{'s' if len(shown) != 1 else ''}"


# --- the article's claims ------------------------------------------------------------------------------------------

def article_claim(claims: pd.DataFrame, metric: str) -> pd.Series | None:
    """The article's first claim about a metric, or None if the claims table holds none."""
    rows = claims[claims["metric"].eq(metric)]
    return rows.iloc[0] if len(rows) else None
