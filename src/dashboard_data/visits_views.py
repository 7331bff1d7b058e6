"""Pure logic of the Visits page: its filters, the rows behind the timeline and the map, and the article's
visit counts computed from the data and set against the article's own words."""

from __future__ import annotations

import re
import textwrap
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard_data.filters import ChoiceFilter, Filter, YearFilter, join_words
from dashboard_data.visits import count_by_city, distinct_trips, netanyahu_fourth_term_trips, putin_visits_to_israel

FOURTH_TERM_METRIC = "visits.netanyahu_to_moscow"
PUTIN_METRIC = "visits.putin_to_israel"
# Spelled-out numbers, so a note saying "eleven meetings" is found for a claim whose value is 11.
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
# A note that counts meetings or visits itself ("9th meeting since Sept 2015", "5th Netanyahu visit to Russia").
COUNTING_NOTE = re.compile(r"\b\d+(?:st|nd|rd|th)\b[^.;]{0,40}?\b(?:meeting|visit)", re.IGNORECASE)


@dataclass(frozen=True)
class FlagFilter:
    """Rows where a boolean column is True (keep=True) or is not True (keep=False)."""

    column: str
    keep: bool
    phrase: str

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        flagged = frame[self.column].fillna(False).astype(bool)
        return frame[flagged if self.keep else ~flagged]

    def describe(self) -> str:
        return self.phrase


@dataclass(frozen=True)
class VisitChoices:
    """What the page's widgets hold."""

    leaders: Sequence[str]
    directions: Sequence[str]
    years: tuple[int, int]
    fourth_term_only: bool
    with_context_stops: bool


def leaders_in_order(visits: pd.DataFrame) -> list[str]:
    """Visitors in the order of their first visit, so colours and options read along the timeline."""
    return list(dict.fromkeys(visits.sort_values(["date_start", "raw_line"])["visitor"]))


def directions_in_order(visits: pd.DataFrame) -> list[str]:
    return sorted(visits["direction"].unique())


def visit_filters(visits: pd.DataFrame, choices: VisitChoices) -> list[Filter | FlagFilter]:
    filters: list[Filter | FlagFilter] = [
        ChoiceFilter("visitor", tuple(choices.leaders), tuple(leaders_in_order(visits)), "visitors"),
        ChoiceFilter("direction", tuple(choices.directions), tuple(directions_in_order(visits)), "directions"),
        YearFilter(*choices.years),
    ]
    if choices.fourth_term_only:
        filters.append(FlagFilter("netanyahu_fourth_term_trip", True, "only Netanyahu's fourth-term trips to Russia"))
    if not choices.with_context_stops:
        filters.append(FlagFilter("context_stop", False, "without context stops"))
    return filters


def date_label(row: pd.Series) -> str:
    """The date as the sources support it: a day range, or the month alone, never a made-up day."""
    if row["date_precision"] == "month":
        return f"{pd.Timestamp(row['date_start']):%B %Y} (month only)"
    if row["date_end"] == row["date_start"]:
        return row["date_start"]
    return f"{row['date_start']} to {row['date_end']}"


def timeline_points(frame: pd.DataFrame, rows_per_span: int = 60) -> pd.DataFrame:
    """One point per leg: the date (a month-only date sits on the 1st, flagged month_only) and its lane, plus a
    stack level so that legs of one lane closer than 1/rows_per_span of the shown time span sit on separate rows
    instead of hiding each other."""
    ordered = frame.sort_values(["date_start", "raw_line"])
    when = pd.to_datetime(ordered["date_start"], format="ISO8601")
    min_gap = (when.max() - when.min()) / rows_per_span if len(when) else pd.Timedelta(0)
    return ordered.assign(
        when=when,
        month_only=ordered["date_precision"] == "month",
        date_text=ordered.apply(date_label, axis=1).astype("string"),
        stack=pd.concat([stack_levels(dates, min_gap) for _, dates in when.groupby(ordered["direction"])]),
    )


def stack_levels(dates: pd.Series, min_gap: pd.Timedelta) -> pd.Series:
    """Greedy rows for sorted dates: each date takes the lowest row whose last date is at least min_gap earlier."""
    row_ends: list[pd.Timestamp] = []
    levels = []
    for date in dates:
        level = next((i for i, end in enumerate(row_ends) if date - end >= min_gap and date != end), len(row_ends))
        if level == len(row_ends):
            row_ends.append(date)
        row_ends[level] = date
        levels.append(level)
    return pd.Series(levels, index=dates.index)


def routes(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per map arc: a visitor's legs from their capital to one host city. `lane` numbers the visitors of
    one route in order of their first visit there, so their arcs can be drawn apart."""
    keys = ["direction", "origin_city", "origin_lat", "origin_lon", "city", "lat", "lon", "visitor"]
    grouped = frame.sort_values(["date_start", "raw_line"]).groupby(keys, sort=False)
    table = grouped.agg(
        legs=("visit_id", "size"),
        visit_ids=("visit_id", ", ".join),
        first_date=("date_start", "first"),
        first_year=("year", "min"),
        last_year=("year", "max"),
        sources=("source_url", "nunique"),
        context_stop=("context_stop", "all"),
    ).reset_index()
    table["lane"] = table.groupby(["direction", "origin_city", "city"]).cumcount()
    table["tooltip"] = table.apply(route_tooltip, axis=1)
    return table.drop(columns="first_date")


def route_tooltip(route: pd.Series) -> str:
    span = str(route["first_year"]) if route["first_year"] == route["last_year"] else \
        f"{route['first_year']}–{route['last_year']}"
    context = " — context stop, not a Russia–Israel meeting" if route["context_stop"] else ""
    return tooltip_lines(f"{route['visitor']}: {route['origin_city']} → {route['city']}, {route['legs']} "
                         f"visit{'s' if route['legs'] != 1 else ''}, {span}{context}",
                         f"Source: visits rows {route['visit_ids']} ({route['sources']} first sources; "
                         "click the arc for the links)")


def tooltip_lines(*paragraphs: str, width: int = 64) -> str:
    """Map tooltips wrap nothing themselves: break long lines so the box stays inside the map."""
    return "\n".join(textwrap.fill(paragraph, width) for paragraph in paragraphs)


def cities(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per host city with the number of legs there."""
    table = frame.groupby(["city", "lat", "lon"], sort=True).agg(
        legs=("visit_id", "size"), visit_ids=("visit_id", ", ".join)).reset_index()
    table["tooltip"] = [tooltip_lines(f"{city}: {legs} visit{'s' if legs != 1 else ''} hosted",
                                      f"Source: visits rows {ids} (click the city for the links)")
                        for city, legs, ids in zip(table["city"], table["legs"], table["visit_ids"], strict=True)]
    return table


def counts_phrase(values: pd.Series) -> str:
    """'Benjamin Netanyahu 16, Vladimir Putin 6' — how often each value occurs, most frequent first."""
    counts = values.value_counts(sort=False)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{value} {count}" for value, count in ordered)


def timeline_alt(frame: pd.DataFrame) -> str:
    """The timeline in words, for screen readers."""
    years = frame["year"]
    return (f"Timeline of {len(frame)} visit legs, {years.min()}–{years.max()}, one marker per leg. "
            f"By direction: {counts_phrase(frame['direction'])}. By visitor: {counts_phrase(frame['visitor'])}.")


def map_alt(route_table: pd.DataFrame) -> str:
    """The route map in words, for screen readers."""
    routes_text = "; ".join(f"{r.visitor}, {r.origin_city} to {r.city}: {r.legs}"
                            for r in route_table.sort_values("legs", ascending=False, kind="stable").itertuples())
    return f"Map of {len(route_table)} routes from the visitor's capital to the host city, visits per route: " \
           f"{routes_text}."


def selection_title(picked: dict) -> str:
    """What was clicked on the map, in words: an arc ('Naftali Bennett: Jerusalem → Sochi') or a city."""
    if "origin_city" in picked:
        return f"{picked['visitor']}: {picked['origin_city']} → {picked['city']} ({picked['direction']})"
    return f"visits hosted in {picked['city']}"


def legs_on_route(frame: pd.DataFrame, route: dict) -> pd.DataFrame:
    """The legs behind a selected arc, or behind a city when `route` names only the city."""
    chosen = frame["city"] == route["city"]
    for column in ("origin_city", "direction", "visitor"):
        if column in route:
            chosen &= frame[column] == route[column]
    return frame[chosen]


def rows_fingerprint(visit_ids: pd.Series) -> str:
    """A short name for a set of rows in order, e.g. to reset a table's selection when its rows change."""
    return f"{zlib.crc32(','.join(visit_ids).encode('utf-8')):08x}"


def trade_link_params(year: int, accepts: Callable[[dict[str, list[str]]], bool]) -> dict[str, list[str]] | None:
    """Link parameters that open the trade page on a visit's year: its headline year if the trade page has one for
    that year, else its year range narrowed to that year; None if the trade page would take neither."""
    for params in ({"year": [str(year)]}, {"years": [str(year), str(year)]}):
        if accepts(params):
            return params
    return None


def article_claim(claims: pd.DataFrame, metric: str, kind: str) -> pd.Series | None:
    """The article's first claim of `kind` for a metric, or None if the claims table holds none."""
    rows = claims[(claims["metric"] == metric) & (claims["kind"] == kind)]
    return rows.iloc[0] if len(rows) else None


def claimed_place(claims: pd.DataFrame, metric: str) -> str | None:
    """Where the article puts the visits: the count claim's place, else a place claim of the same metric."""
    count = article_claim(claims, metric, "count")
    if count is not None and pd.notna(count["place"]):
        return str(count["place"])
    place = article_claim(claims, metric, "place")
    return None if place is None else str(place["text"])


def claimed_years(claim: pd.Series | None) -> tuple[int, int] | None:
    """The year range of a claim's period ('2012–2020'); None where the period names no two years."""
    years = re.findall(r"\b(?:19|20)\d{2}\b", "" if claim is None or pd.isna(claim["period"]) else claim["period"])
    return (int(years[0]), int(years[-1])) if len(years) >= 2 else None


def verdict(data_value: int, claimed_value: object) -> str:
    if claimed_value is None or pd.isna(claimed_value):
        return "no figure to compare"
    return "agrees" if data_value == claimed_value else "differs"


@dataclass(frozen=True)
class ArticleCheck:
    """One of the article's visit counts against the data: the data's figure, the article's words, a verdict."""

    label: str
    value: int
    detail: str
    claim: pd.Series | None
    verdicts: dict[str, str]
    legs: pd.DataFrame


def check_fourth_term(visits: pd.DataFrame, claims: pd.DataFrame) -> ArticleCheck:
    """Netanyahu's fourth-term trips to Russia, by city, against the article's count of visits to its place."""
    legs = netanyahu_fourth_term_trips(visits)
    by_city = count_by_city(legs)
    claim = article_claim(claims, FOURTH_TERM_METRIC, "count")
    place = claimed_place(claims, FOURTH_TERM_METRIC)
    claimed_value = None if claim is None else claim["value"]
    trips = len(distinct_trips(legs))
    verdicts = {"trips to Russia": verdict(trips, claimed_value)}
    if place is not None:
        verdicts[f"trips to {place}"] = verdict(by_city.get(place, 0), claimed_value)
    detail = " · ".join(f"{city} {count}" for city, count in by_city.items())
    return ArticleCheck("Netanyahu's fourth-term trips to Russia", trips, detail, claim, verdicts, legs)


def putin_trips(visits: pd.DataFrame, years: tuple[int, int] | None = None) -> tuple[list[int], pd.DataFrame]:
    """Years of Putin's trips to Israel (Bethlehem context stops left out) and their legs, optionally in a range."""
    legs = putin_visits_to_israel(visits)
    if years is not None:
        legs = YearFilter(*years).apply(legs)
    return [int(year) for year in distinct_trips(legs)["year"]], legs


def check_putin_window(visits: pd.DataFrame, claims: pd.DataFrame) -> ArticleCheck:
    """Putin's trips to Israel in the article's window, against its count and its city."""
    claim = article_claim(claims, PUTIN_METRIC, "count")
    window = claimed_years(claim)
    years, legs = putin_trips(visits, window)
    place = claimed_place(claims, PUTIN_METRIC)
    verdicts = {"number of trips": verdict(len(years), None if claim is None else claim["value"])}
    detail = f"{years_phrase(years)} · {join_words(sorted(legs['city'].unique()))}"
    if place is not None:
        in_place = int((legs["city"] == place).sum())
        verdicts["city"] = "agrees" if in_place else "differs"
        detail += f" · {place}: {in_place}"
    span = f", {window[0]}–{window[1]}" if window else ""
    return ArticleCheck(f"Putin's trips to Israel{span}", len(years), detail, claim, verdicts, legs)


def all_putin_trips(visits: pd.DataFrame, claims: pd.DataFrame) -> ArticleCheck:
    """Every Putin trip to Israel in the data, and which of them fall outside the article's window."""
    years, legs = putin_trips(visits)
    detail = f"{years_phrase(years)} · {join_words(sorted(legs['city'].unique()))}"
    window = claimed_years(article_claim(claims, PUTIN_METRIC, "count"))
    if window is not None:
        outside = [year for year in years if not window[0] <= year <= window[1]]
        detail += f" · outside the article's {window[0]}–{window[1]}: {years_phrase(outside) or 'none'}"
    return ArticleCheck("All Putin's trips to Israel in the data", len(years), detail, None, {}, legs)


def count_of_meetings_pattern(value: float) -> re.Pattern[str]:
    """A claim's number, in digits or spelled out, counting meetings: 'met 11 times', 'eleven meetings'."""
    number = int(value)
    words = [str(number)] + ([NUMBER_WORDS[number]] if number < len(NUMBER_WORDS) else [])
    said = rf"\b(?:{'|'.join(words)})\b"
    return re.compile(rf"\bmet\b(?:\W+\w+){{0,3}}?\W+{said}|{said}(?:\W+\w+){{0,2}}?\W+(?:times|meetings)\b",
                      re.IGNORECASE)


def rows_mentioning_count(visits: pd.DataFrame, value: float) -> pd.DataFrame:
    """Legs whose note or occasion gives the claim's number as a count of meetings."""
    text = visits["note"].fillna("") + " | " + visits["occasion"].fillna("")
    return visits[text.str.contains(count_of_meetings_pattern(value))]


def counting_notes(visits: pd.DataFrame) -> pd.DataFrame:
    """Legs whose note quotes a source counting meetings or visits itself (e.g. 'JPost: 9th meeting ...')."""
    return visits[visits["note"].fillna("").str.contains(COUNTING_NOTE)]


def metadata_notes_mentioning(sidecar: dict, word: str) -> list[str]:
    """The dataset's known disagreements that mention `word` (e.g. the article's quoted 'eleven')."""
    return [note for note in sidecar.get("known_disagreements", []) if word.lower() in note.lower()]


def years_phrase(years: Sequence[int]) -> str:
    return join_words([str(year) for year in years])
