"""Verdicts: a claim of the seed article, or a sentence a user pastes, set against the datasets.

One engine, keyed by the claim's metric, serves both (`verdict_for_claim`, `verdict_for_parsed`). It never types in
a figure: every verdict and every number in an explanation is computed from the rows it returns.

Statuses (STATUSES holds the meanings the page shows):
- consistent: every figure the data hold for the claim's measure and period agrees within the tolerance.
- differs: the data hold figures for the measure and period, and none agrees.
- mixed: some agree and some don't (the sources disagree, or the claim names no year and the years differ).
- article only: the only figures are the article's own rows (or no dataset measures the thing at all, for an
  article claim): nothing else reports it.
- no data: the datasets cover the measure but hold nothing for this period or item (or, for a pasted claim, no
  dataset measures it).
- not checkable: a year, date or context figure standing alone (its metric is year, date or context): it sets
  the period of the sentence's other claims and states nothing a dataset measures.

Tolerances (TOLERANCES, per kind of figure): amounts ±5% relative, percentages ±1 percentage point, counts exact
(an "about" count ±5%), ordinals exact, places an exact city or country name, dates the same day (or month).
A comparator replaces the tolerance: "more than X" needs a data value above X. A data row's qualifier widens its
value: a lower bound of 5 bn means "5 bn or more" (so it agrees with "exceeded USD 5 billion"); an upper bound or
"up to" the reverse.

Which rows a metric is checked against (CHECKS):
- trade.russian_exports / russian_imports / turnover: trade rows of the pair RUS-ISR, that flow, measure level,
  all goods, a value in USD, the same year and the same part of the year (a full year unless the claim names
  months). trade.turnover_partner: the RUS-<partner> pair, the same way. The article's own rows (source_url the
  seed) are shown but never compared: if only they exist the claim is "article only".
- visits.netanyahu_to_moscow / putin_to_israel: the visit legs of that leader (Putin's Bethlehem context stops
  left out), trips counted with dashboard_data.visits; a count is compared with the trips to the named place and
  with all trips to the country (the place may stand for the country); visits.leader_meetings: visits between the
  two countries at which Putin and Netanyahu met.
- diaspora.russian_speaking_share: population rows defined as Russian speakers, in percent.
- immigration.to_israel: immigration rows (immigrants, in persons) from the country of origin the claim names.
- trade.fta_round / fta_signing: trade events (rounds of talks; signings of a free-trade agreement).
- politics.knesset_seats, diaspora.red_army_veterans, defence.drones_purchase: no dataset measures them (the
  Yisrael Beiteinu seats are shown as context for the Knesset claim: a different measure).
A claim with no period is compared with every year up to the article's year (the article cannot speak of later
years); a pasted claim with no period, with every year in the data. The explanation says so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from dashboard_data.claim_parser import COMPARATOR_PHRASES, ParsedClaim, format_value
from dashboard_data.claims import (
    BILATERAL,
    COUNTRY_LABELS,
    COUNTRY_NAMES,
    DAY_DATE_PATTERNS,
    METRIC_LABELS,
    METRIC_RULES,
    MONTH_YEAR_PATTERN,
    SOURCE_URL,
    find_ordinals,
    month_number,
    time_expressions,
)
from dashboard_data.diaspora import RUSSIAN_SPEAKERS
from dashboard_data.filters import join_words
from dashboard_data.visits import DIRECTIONS, distinct_trips, putin_visits_to_israel

Tables = Mapping[str, pd.DataFrame]

STATUSES = {
    "consistent": "every figure the data hold for this measure and period agrees within the tolerance",
    "differs": "the data hold figures for this measure and period, and none agrees within the tolerance",
    "mixed": "some of the data's figures agree and some don't: the sources disagree, or the claim names no year "
             "and the years differ",
    "article only": "nothing but the article reports it: the only rows are the article's own, or no dataset "
                    "measures it",
    "no data": "the datasets hold nothing for this period or item, or nothing that measures it",
    "not checkable": "a year, date or context figure on its own: it sets the period of other claims and states "
                     "nothing a dataset measures",
}
AMOUNT_TOLERANCE = 0.05
PERCENT_POINTS = 1.0
TOLERANCES = {
    "amount": f"±{AMOUNT_TOLERANCE:.0%} of the claim's value",
    "percentage": f"±{PERCENT_POINTS:g} percentage point",
    "count": f"exact; an 'about' count ±{AMOUNT_TOLERANCE:.0%}",
    "ordinal": "exact",
    "place": "exact name of a city, or of the country it is in",
    "date": "the same day; for a month alone, the same month",
    "year": "the same year",
}
COMPARATOR_RULES = {
    ">": "'more than' replaces the tolerance: a data value must be above the claim's",
    "<": "'less than' replaces the tolerance: a data value must be below the claim's",
    "range": "a range replaces the tolerance: a data value must lie inside it",
}
# A data row's qualifier turns its value into a bound, and is said with the value in an explanation.
AT_LEAST = frozenset({"lower bound"})
AT_MOST = frozenset({"upper bound", "up to"})
QUALIFIER_PREFIX = {"lower bound": "at least ", "upper bound": "at most ", "up to": "up to ", "approximate": "about "}
KIND_OF_UNIT = {"USD": "amount", "percent": "percentage", "times": "count", "count": "count"}
SHOWN_FIGURES = 6
NETANYAHU = "Benjamin Netanyahu"
ISRAEL_TO_RUSSIA = DIRECTIONS[("Israel", "Russia")]
ALL_GOODS = "all goods"
TRADE_FLOWS = {"trade.russian_exports": "Russian exports", "trade.russian_imports": "Russian imports",
               "trade.turnover": "turnover", "trade.turnover_partner": "turnover"}
FULL_YEAR_TRADE = frozenset({"calendar year", "inferred year", "approximate year", "annual rate"})
FULL_YEAR_IMMIGRATION = frozenset({"calendar year", "approximate year"})
FTA_ROUND = re.compile(r"\bFTA round\b|\brounds? of (?:free-trade )?(?:talks|negotiations)\b", re.IGNORECASE)
FTA_SIGNING = next(rule for rule in METRIC_RULES if rule.metric == "trade.fta_signing")
# knesset_seats holds one party's seats (see its sidecar); they are context for a claim about voters' weight.
KNESSET_PARTY = "Yisrael Beiteinu"
# How the claims table labels a relative year: 'this year (2020)'.
RELATIVE_LABEL = re.compile(r"^(?P<words>(?:this|last|next) year) \((?P<year>\d{4})\)$")
OWN_LIST = "own list"


@dataclass(frozen=True)
class Period:
    """The period a claim speaks of: a year or a span of years, months of a year, or a term of office."""

    label: str | None = None
    year: int | None = None
    year_end: int | None = None
    months: str | None = None
    term: str | None = None


@dataclass(frozen=True)
class Claim:
    """What the engine compares: the figure in base units, its period and what it is about."""

    metric: str
    kind: str
    text: str
    value: float | None
    value_high: float | None
    unit: str | None
    comparator: str
    period: Period
    place: str | None = None
    partner: str | None = None
    countries: tuple[str, ...] = ()
    as_of: int | None = None
    who: str = "the article"
    from_article: bool = True


@dataclass(frozen=True, eq=False)
class Verdict:
    """A claim's status, how it was read, the explanation and the rows behind it (with all their provenance)."""

    status: str
    article_value: str
    reading: str
    explanation: str
    tolerance: str
    data_rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    dataset: str | None = None


# --- reading claims ---------------------------------------------------------------------------------------

def period_from_label(label: object) -> Period:
    """A claims-table period label ('2018', '2012–2020', 'Jan–Feb 2020', 'this year (2020)', 'fourth term')."""
    if label is None or pd.isna(label):
        return Period()
    if str(label).endswith(" term"):
        return Period(str(label), term=str(label))
    expression = next(e for e in time_expressions(str(label)) if e.year is not None)
    return Period(str(label), expression.year, expression.year_end, expression.months)


def claim_from_row(row: pd.Series, article_year: int) -> Claim:
    subject = None if pd.isna(row["subject"]) else str(row["subject"])
    return Claim(
        metric=str(row["metric"]), kind=str(row["kind"]), text=str(row["text"]),
        value=None if pd.isna(row["value"]) else float(row["value"]),
        value_high=None if pd.isna(row["value_high"]) else float(row["value_high"]),
        unit=None if pd.isna(row["unit"]) else str(row["unit"]), comparator=str(row["comparator"]),
        period=period_from_label(row["period"]), place=None if pd.isna(row["place"]) else str(row["place"]),
        partner=COUNTRY_NAMES.get(subject) if subject else None, as_of=article_year)


def claim_from_parsed(parsed: ParsedClaim) -> Claim:
    partners = [code for code in parsed.countries if code not in BILATERAL]
    if parsed.year_end is not None:
        label = f"{parsed.year}–{parsed.year_end}"
    elif parsed.year is not None:
        label = f"{parsed.months} {parsed.year}" if parsed.months else str(parsed.year)
    else:
        label = None
    return Claim(
        metric=parsed.metric, kind=KIND_OF_UNIT[parsed.unit],
        text=f"{COMPARATOR_PHRASES[parsed.comparator]}{format_value(parsed.value, parsed.unit)}",
        value=parsed.value, value_high=None, unit=parsed.unit, comparator=parsed.comparator,
        period=Period(label, parsed.year, parsed.year_end, parsed.months),
        partner=partners[0] if len(partners) == 1 else None, countries=parsed.countries,
        who="the claim", from_article=False)


def verdict_for_claim(claim_row: pd.Series, tables: Tables, article_year: int) -> Verdict:
    """The verdict on one row of the claims table; `article_year` is the year of the article's dateline."""
    return judge(claim_from_row(claim_row, article_year), tables)


def verdict_for_parsed(parsed_claim: ParsedClaim, tables: Tables) -> Verdict:
    return judge(claim_from_parsed(parsed_claim), tables)


def verdicts_for_claims(claims: pd.DataFrame, tables: Tables, article_year: int) -> dict[str, Verdict]:
    return {row["claim_id"]: verdict_for_claim(row, tables, article_year) for _, row in claims.iterrows()}


def judge(claim: Claim, tables: Tables) -> Verdict:
    return CHECKS.get(claim.metric, check_not_checkable)(claim, tables)


# --- verdict parts ----------------------------------------------------------------------------------------

def reading_of(claim: Claim) -> str:
    """How the engine read the claim, e.g. 'Trade turnover: more than USD 5 billion · period: 2019'."""
    named = [claim.partner] if claim.partner else claim.countries
    countries = f" ({', '.join(COUNTRY_LABELS[code] for code in named)})" if named else ""
    place = f" · place: {claim.place}" if claim.place and claim.kind != "place" else ""
    period = claim.period.label or "no period given"
    return f"{METRIC_LABELS[claim.metric]}{countries}: {claim.text} · period: {period}{place}"


def tolerance_of(claim: Claim) -> str:
    base = TOLERANCES.get(claim.kind, "none")
    return COMPARATOR_RULES.get(claim.comparator, base) if claim.kind in KIND_OF_UNIT.values() else base


def make_verdict(status: str, claim: Claim, explanation: str, rows: pd.DataFrame | None = None,
                 dataset: str | None = None) -> Verdict:
    rows = pd.DataFrame() if rows is None else rows.reset_index(drop=True)
    tolerance = "not compared" if status == "not checkable" else tolerance_of(claim)
    return Verdict(status, claim.text, reading_of(claim), explanation, tolerance, rows, dataset)


def with_roles(dataset: str, parts: Iterable[tuple[pd.DataFrame, str, object]]) -> pd.DataFrame:
    """Stack row groups, each tagged with its role in the verdict and (for compared rows) whether it agrees."""
    frames = [frame.assign(check="" if check is None else check).pipe(_front, dataset, role)
              for frame, role, check in parts if len(frame)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _front(frame: pd.DataFrame, dataset: str, role: object) -> pd.DataFrame:
    front = pd.DataFrame({"dataset": dataset, "role": role, "check": frame["check"]}, index=frame.index)
    return pd.concat([front.astype("string"), frame.drop(columns="check")], axis=1)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def unreported_status(claim: Claim) -> str:
    return "article only" if claim.from_article else "no data"


def check_not_checkable(claim: Claim, _tables: Tables) -> Verdict:
    what = {"year": "A year", "date": "A date"}.get(claim.metric, "This figure")
    return make_verdict("not checkable", claim, f"{what} on its own is not a measure any dataset holds; it sets "
                        "the time or context of the sentence's other claims, which are checked on their own.")


def check_not_measured(claim: Claim, _tables: Tables) -> Verdict:
    source = "the article is the only source of this figure" if claim.from_article else "nothing to compare with"
    return make_verdict(unreported_status(claim), claim, f"No dataset of the dashboard covers "
                        f"'{METRIC_LABELS[claim.metric]}': {source}.")


# --- comparing values -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        if self.low > other.high or other.low > self.high:
            return False
        touching_low = self.low == other.high and (self.low_open or other.high_open)
        touching_high = other.low == self.high and (other.low_open or self.high_open)
        return not (touching_low or touching_high)


def claim_interval(claim: Claim) -> Interval:
    value = claim.value
    if claim.comparator == "range":
        return Interval(value, claim.value_high)
    if claim.comparator == ">":
        return Interval(value, math.inf, low_open=True)
    if claim.comparator == "<":
        return Interval(-math.inf, value, high_open=True)
    relative = claim.kind == "amount" or (claim.kind == "count" and claim.comparator == "~")
    margin = abs(value) * AMOUNT_TOLERANCE if relative else PERCENT_POINTS if claim.kind == "percentage" else 0.0
    return Interval(value - margin, value + margin)


def row_interval(value: float, qualifier: object) -> Interval:
    if qualifier in AT_LEAST:
        return Interval(value, math.inf)
    if qualifier in AT_MOST:
        return Interval(-math.inf, value)
    return Interval(value, value)


def agrees(claim: Claim, value: float, qualifier: object = None) -> bool:
    return claim_interval(claim).overlaps(row_interval(value, qualifier))


def status_of(outcomes: list[bool]) -> str:
    if all(outcomes):
        return "consistent"
    return "mixed" if any(outcomes) else "differs"


def conclusion(claim: Claim, outcomes: list[bool]) -> str:
    """One sentence on how many of the compared figures agree with the claim's value."""
    said = f"{claim.who}'s '{claim.text}'"
    if len(outcomes) == 1:
        return f"It {'agrees' if outcomes[0] else 'does not agree'} with {said}."
    agreeing = sum(outcomes)
    if agreeing == len(outcomes):
        return f"All {agreeing} agree with {said}."
    if agreeing == 0:
        return f"None agrees with {said}."
    why = "the answer depends on the year" if claim.period.year is None else "the figures disagree with each other"
    return f"{agreeing} agree with {said} and {len(outcomes) - agreeing} do not: {why}."


# --- figures: trade, population, immigration --------------------------------------------------------------

@dataclass(frozen=True)
class FigureSpec:
    """How to read one dataset's figures: its key, value and unit, who reports a row, which periods are whole."""

    dataset: str
    key: str
    value: str
    unit: str
    who: str
    full_year_types: frozenset[str] | None


TRADE = FigureSpec("trade", "figure_id", "value_usd", "USD", "source_label", FULL_YEAR_TRADE)
POPULATION = FigureSpec("population", "point_id", "value", "percent", "source_label", None)
IMMIGRATION = FigureSpec("immigration", "obs_id", "value_persons", "count", "agency", FULL_YEAR_IMMIGRATION)


def months_of(months: object, year: object) -> str | None:
    """A printed part of a year as a month span: ('H1', 2017) -> 'Jan–Jun'; ('April', 2020) -> 'Apr'."""
    if months is None or pd.isna(months) or pd.isna(year):
        return None
    found = [e.months for e in time_expressions(f"{months} {year}") if e.months]
    return found[0] if found else str(months)


def whole_year(rows: pd.DataFrame, spec: FigureSpec) -> pd.Series:
    if spec.full_year_types is None:
        return pd.Series(True, index=rows.index)
    return rows["period_type"].isin(spec.full_year_types) & rows["months"].isna()


def same_part_of_year(claim: Claim, rows: pd.DataFrame, spec: FigureSpec) -> pd.Series:
    """Rows covering the part of the year the claim covers (the whole year unless it names months)."""
    if claim.period.months is None or spec.full_year_types is None:
        return whole_year(rows, spec)
    spans = [months_of(months, year) for months, year in zip(rows["months"], rows["year"], strict=True)]
    return pd.Series([span == claim.period.months for span in spans], index=rows.index, dtype=bool)


def in_years(claim: Claim, rows: pd.DataFrame) -> pd.Series:
    years = rows["year"]
    if claim.period.year is None:
        inside = years.notna() if claim.as_of is None else years <= claim.as_of
    else:
        inside = years.between(claim.period.year, claim.period.year_end or claim.period.year)
    return inside.fillna(False).astype(bool)


def figure_phrase(row: pd.Series, spec: FigureSpec) -> str:
    prefix = QUALIFIER_PREFIX.get(row.get("qualifier"), "")
    value = format_value(float(row[spec.value]), spec.unit)
    months = row.get("months")
    when = f"{months_of(months, row['year'])} {row['year']}" if months is not None and pd.notna(months) else row["year"]
    return f"{prefix}{value} ({when}, {row[spec.who]})"


def phrases(rows: pd.DataFrame, spec: FigureSpec) -> str:
    shown = [figure_phrase(row, spec) for _, row in rows.head(SHOWN_FIGURES).iterrows()]
    more = len(rows) - SHOWN_FIGURES
    return "; ".join(shown) + (f"; and {more} more (see the rows)" if more > 0 else "")


def scope_phrase(claim: Claim, label: str) -> str:
    if claim.period.year is not None:
        return f"{label}, {claim.period.label}"
    if claim.as_of is not None:
        return f"{label}, every year up to {claim.as_of} ({claim.who} gives no year, so each year's figure is compared)"
    return f"{label}, every year in the data ({claim.who} names no year, so each year's figure is compared)"


@dataclass(frozen=True)
class Context:
    """Rows shown beside a verdict but not compared, and why."""

    rows: pd.DataFrame
    reason: str


def compare_figures(claim: Claim, rows: pd.DataFrame, spec: FigureSpec, label: str,
                    narrower: pd.DataFrame | None = None) -> Verdict:
    """Compare the claim with the dataset's figures for its measure (rows already narrowed to that measure)."""
    if claim.period.year_end is not None:
        return make_verdict("not checkable", claim, f"{label}: the claim gives one figure for a span of years "
                            f"({claim.period.label}); it is unclear whether each year or the total is meant. "
                            "Give one year.")
    own = rows["source_url"] == SOURCE_URL
    years = in_years(claim, rows)
    compared = rows[~own & years & same_part_of_year(claim, rows, spec)].sort_values("year", ascending=False)
    own_rows = rows[own & (years | rows["year"].isna())] if claim.period.year is None else rows[own & years]
    context = context_rows(claim, rows[~own].drop(index=compared.index), narrower, spec)
    if compared.empty:
        return unreported_figure(claim, label, own_rows, context, spec)
    outcomes = [agrees(claim, float(row[spec.value]), row.get("qualifier")) for _, row in compared.iterrows()]
    explanation = (f"{scope_phrase(claim, label)}: the data hold {plural(len(compared), 'figure')}, "
                   f"{phrases(compared, spec)}. {conclusion(claim, outcomes)}{context_sentence(context, spec)}")
    data_rows = with_roles(spec.dataset, [
        (compared, "compared", ["agrees" if ok else "differs" for ok in outcomes]),
        (own_rows, "the article's own figure (not compared)", None),
        *((part.rows, f"not compared: {part.reason}", None) for part in context)])
    return make_verdict(status_of(outcomes), claim, explanation, data_rows, spec.dataset)


def context_rows(claim: Claim, rest: pd.DataFrame, narrower: pd.DataFrame | None, spec: FigureSpec) -> list[Context]:
    """Figures of the same measure not compared: another part of the year, a later year, a narrower product."""
    parts = [Context(rest[in_years(claim, rest) & ~same_part_of_year(claim, rest, spec)],
                     "it covers another part of the year")]
    if claim.period.year is None and claim.as_of is not None:
        parts.append(Context(rest[(rest["year"] > claim.as_of).fillna(False).astype(bool)],
                             f"it is from after {claim.as_of}, the year of the article"))
    if narrower is not None:
        narrow = narrower[in_years(claim, narrower)]
        products = join_words(list(dict.fromkeys(narrow["product"])))
        parts.append(Context(narrow, f"it is for a narrower product ({products})"))
    return [part for part in parts if len(part.rows)]


def context_sentence(context: list[Context], spec: FigureSpec) -> str:
    shown = [f"{phrases(part.rows, spec)}, as {part.reason}" for part in context]
    return f" Shown but not compared: {'; '.join(shown)}." if shown else ""


def unreported_figure(claim: Claim, label: str, own_rows: pd.DataFrame, context: list[Context],
                      spec: FigureSpec) -> Verdict:
    period = claim.period.label or "any year"
    if len(own_rows):
        ids = ", ".join(own_rows[spec.key])
        explanation = (f"{label}, {period}: the only figure in the data is the article's own ({ids}); no other "
                       f"source reports one.{context_sentence(context, spec)}")
        status = "article only"
    else:
        explanation = f"{label}, {period}: the data hold no comparable figure.{context_sentence(context, spec)}"
        status = "no data"
    rows = with_roles(spec.dataset, [(own_rows, "the article's own figure (not compared)", None),
                                     *((part.rows, f"not compared: {part.reason}", None) for part in context)])
    return make_verdict(status, claim, explanation, rows, spec.dataset)


def trade_pair(claim: Claim) -> str | None:
    """RUS-ISR for Russia–Israel trade (a claim naming no country is read as that); RUS-<partner> for a partner."""
    if claim.metric == "trade.turnover_partner":
        return None if claim.partner is None else f"RUS-{claim.partner}"
    return "RUS-ISR" if set(claim.countries) <= BILATERAL else None


def trade_label(claim: Claim) -> str:
    if claim.metric == "trade.turnover_partner" and claim.partner:
        return f"{COUNTRY_LABELS[claim.partner]}'s trade with Russia (turnover)"
    if claim.metric == "trade.turnover":
        return "Trade turnover between Russia and Israel"
    return METRIC_LABELS[claim.metric]


def check_trade(claim: Claim, tables: Tables) -> Verdict:
    trade = tables["trade"]
    pair = trade_pair(claim)
    if pair is None or pair not in set(trade["pair"]):
        pairs = join_words(sorted(set(trade["pair"])))
        return make_verdict("no data", claim, f"The trade data hold only the pairs {pairs}; the claim's countries "
                            "are not one of them.")
    rows = trade[(trade["pair"] == pair) & (trade["flow"] == TRADE_FLOWS[claim.metric])
                 & (trade["measure"] == "level") & trade["value_usd"].notna()]
    all_goods = rows["product"] == ALL_GOODS
    return compare_figures(claim, rows[all_goods], TRADE, trade_label(claim), narrower=rows[~all_goods])


def check_russian_speakers(claim: Claim, tables: Tables) -> Verdict:
    population = tables["population"]
    rows = population[(population["definition"] == RUSSIAN_SPEAKERS) & (population["unit"] == "percent")]
    return compare_figures(claim, rows, POPULATION, METRIC_LABELS[claim.metric])


def check_immigration(claim: Claim, tables: Tables) -> Verdict:
    origins = [code for code in claim.countries if code != "ISR"]
    if len(origins) != 1:
        return make_verdict("not checkable", claim, "Immigration figures are compared by country of origin; the "
                            "claim names none (or several). Name one, e.g. 'immigrants from Russia'.")
    immigration = tables["immigration"]
    rows = immigration[(immigration["origin_iso3"] == origins[0]) & (immigration["measure"] == "immigrants")
                       & immigration["value_persons"].notna()]
    label = f"Immigration to Israel from {COUNTRY_LABELS[origins[0]]}"
    return compare_figures(claim, rows, IMMIGRATION, label)


# --- visits -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Visitor:
    """Whose trips a claim counts, to which country, the terms of office the data mark, and the place a pasted
    claim most likely means."""

    name: str
    country: str
    legs: Callable[[pd.DataFrame], pd.DataFrame]
    terms: Mapping[str, str] = field(default_factory=dict)
    usual_place: str | None = None


def netanyahu_legs(visits: pd.DataFrame) -> pd.DataFrame:
    return visits[(visits["visitor"] == NETANYAHU) & (visits["direction"] == ISRAEL_TO_RUSSIA)]


def meeting_legs(visits: pd.DataFrame) -> pd.DataFrame:
    """Legs at which the two leaders met: Putin hosted by Netanyahu, or Netanyahu hosted by Putin."""
    hosts = visits["host"].fillna("")
    in_israel, in_russia = putin_visits_to_israel(visits), netanyahu_legs(visits)
    met = pd.concat([in_israel[hosts[in_israel.index].str.contains("Netanyahu")],
                     in_russia[hosts[in_russia.index].str.contains("Putin")]])
    return met.sort_values("date_start")


# The visits table marks Netanyahu's fourth-term trips with a flag; no other term is marked.
NETANYAHU_TRIPS = Visitor("Netanyahu", "Russia", netanyahu_legs, {"fourth term": "netanyahu_fourth_term_trip"},
                          usual_place="Moscow")
PUTIN_TRIPS = Visitor("Putin", "Israel", putin_visits_to_israel)
MEETINGS = Visitor("Putin and Netanyahu", "either country", meeting_legs)
MEETINGS_SCOPE = "Only meetings during visits between the two countries are in the data."


def month_set(months: str) -> set[int]:
    """'Jan–Feb' -> {1, 2}; 'Mar' -> {3}."""
    first, _, last = months.partition("–")
    return set(range(month_number(first), month_number(last or first) + 1))


def legs_in_period(claim: Claim, visitor: Visitor, legs: pd.DataFrame) -> pd.DataFrame:
    period = claim.period
    if period.term is not None:
        return legs[legs[visitor.terms[period.term]].fillna(False).astype(bool)]
    legs = legs[in_years(claim, legs)]
    if period.months:
        legs = legs[legs["date_start"].str[5:7].astype(int).isin(month_set(period.months))]
    return legs


def period_phrase(claim: Claim) -> str:
    if claim.period.term:
        return f"in his {claim.period.term}"
    relative = RELATIVE_LABEL.match(claim.period.label or "")
    if relative:
        return f"in {relative.group('year')} ('{relative.group('words')}' in the article)"
    if claim.period.year is not None:
        return f"in {claim.period.label}"
    if claim.as_of is not None:
        return f"up to {claim.as_of}, the year of the article, which gives no period"
    return "in all the years the data cover, as the claim gives no period"


def trips_by_place(trips: pd.DataFrame) -> dict[str, int]:
    """Trips per city (a trip touching two cities counts once for each), most first."""
    counts: dict[str, int] = {}
    for cities in trips["cities"]:
        for city in cities.split("; "):
            counts[city] = counts.get(city, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def trip_dates(trips: pd.DataFrame) -> str:
    dates = list(trips.sort_values("date_start")["date_start"])
    return f"on {join_words(dates)}" if len(dates) <= 4 else f"from {dates[0]} to {dates[-1]}"


def trips_found(claim: Claim, visitor: Visitor, trips: pd.DataFrame) -> str:
    cities = ", ".join(f"{n} to {city}" for city, n in trips_by_place(trips).items())
    return (f"The data list {plural(len(trips), 'trip')} by {visitor.name} to {visitor.country} "
            f"{period_phrase(claim)}: {cities}, {trip_dates(trips)}.")


def visit_rows(legs: pd.DataFrame, role: str) -> pd.DataFrame:
    return with_roles("visits", [(legs.sort_values("date_start"), role, None)])


def check_visits(visitor: Visitor) -> Callable[[Claim, Tables], Verdict]:
    def check(claim: Claim, tables: Tables) -> Verdict:
        if claim.period.term is not None and claim.period.term not in visitor.terms:
            marked = join_words(list(visitor.terms)) or "no term of office"
            return make_verdict("no data", claim, f"The visits data mark {marked} for {visitor.name}.")
        legs = legs_in_period(claim, visitor, visitor.legs(tables["visits"]))
        if legs.empty:
            return make_verdict("no data", claim, f"The visits data list no trip by {visitor.name} to "
                                f"{visitor.country} {period_phrase(claim)}.")
        return VISIT_KINDS.get(claim.kind, visit_not_checkable)(claim, visitor, legs)
    return check


def visit_count(claim: Claim, visitor: Visitor, legs: pd.DataFrame) -> Verdict:
    """Compare with all trips to the country and with the trips to the named place (the place may stand for the
    country, as 'Moscow' often stands for Russia)."""
    trips = distinct_trips(legs)
    place = claim.place or visitor.usual_place
    counts = {visitor.country: len(trips)}
    if place and place != visitor.country:
        counts[place] = trips_by_place(trips).get(place, 0)
    matching = [where for where, count in counts.items() if agrees(claim, count)]
    explanation = f"{trips_found(claim, visitor, trips)} {count_sentence(claim, counts, matching)}"
    return make_verdict("consistent" if matching else "differs", claim, explanation, visit_rows(legs, "counted"),
                        "visits")


def count_sentence(claim: Claim, counts: dict[str, int], matching: list[str]) -> str:
    """Which reading of the count matches: all trips to the country, the trips to the place named, both or none."""
    said = f"{claim.who}'s '{claim.text}'"
    (country, to_country), *named = counts.items()
    if not named or len(matching) == len(counts):
        return f"That {'matches' if matching else 'does not match'} {said}."
    place, to_place = named[0]
    if not matching:
        return f"Neither the {plural(to_country, 'trip')} to {country} nor the {to_place} to {place} match {said}."
    if matching == [country]:
        return (f"The {plural(to_country, 'trip')} to {country} match {said} if '{place}' stands for {country}; "
                f"the data list {plural(to_place, 'trip')} to {place} itself.")
    return f"The {plural(to_place, 'trip')} to {place} match {said}; all trips to {country} number {to_country}."


def visit_place(claim: Claim, visitor: Visitor, legs: pd.DataFrame) -> Verdict:
    trips = distinct_trips(legs)
    found = trips_found(claim, visitor, trips)
    if claim.place in set(legs["city"]) | set(legs["city_country"]):
        return make_verdict("consistent", claim, f"{found} {claim.place} is among the places visited.",
                            visit_rows(legs, "compared"), "visits")
    return make_verdict("differs", claim, f"{found} None went to {claim.place}.", visit_rows(legs, "compared"),
                        "visits")


def claim_date(claim: Claim) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) of a date claim; a date without a year takes the year of its period."""
    for pattern in DAY_DATE_PATTERNS:
        match = pattern.search(claim.text)
        year = match and (match.group("year") or claim.period.year)
        if year:
            return int(year), month_number(match.group("month")), int(match.group("day"))
    match = MONTH_YEAR_PATTERN.search(claim.text)
    return (int(match.group("year")), month_number(match.group("month")), None) if match else None


def on_date(start: str, end: str, date: tuple[int, int, int | None]) -> bool:
    """Whether a row dated start..end (YYYY-MM or YYYY-MM-DD) covers the date (a month-only date: the month)."""
    year, month, day = date
    if day is None or len(start) < 10:
        return start[:7] <= f"{year:04d}-{month:02d}" <= end[:7]
    return start <= f"{year:04d}-{month:02d}-{day:02d}" <= end


def visit_date(claim: Claim, visitor: Visitor, legs: pd.DataFrame) -> Verdict:
    date = claim_date(claim)
    if date is None:
        return visit_not_checkable(claim, visitor, legs)
    on_day = legs[[on_date(s, e, date) for s, e in zip(legs["date_start"], legs["date_end"], strict=True)]]
    if len(on_day):
        where = join_words(list(dict.fromkeys(on_day["city"])))
        return make_verdict("consistent", claim, f"The data list {visitor.name} in {where} on "
                            f"{join_words(list(dict.fromkeys(on_day['date_start'])))} "
                            f"({join_words(list(on_day['visit_id']))}), the date {claim.who} gives.",
                            visit_rows(on_day, "compared"), "visits")
    return make_verdict("differs", claim, f"The data list {visitor.name}'s trips to {visitor.country} "
                        f"{period_phrase(claim)} {trip_dates(distinct_trips(legs))}, not on {claim.text}.",
                        visit_rows(legs, "compared"), "visits")


def visit_not_checkable(claim: Claim, visitor: Visitor, _legs: pd.DataFrame) -> Verdict:
    return make_verdict("not checkable", claim, f"A {claim.kind} about {visitor.name}'s trips is not compared.")


VISIT_KINDS = {"count": visit_count, "place": visit_place, "date": visit_date}


def check_meetings(claim: Claim, tables: Tables) -> Verdict:
    legs = legs_in_period(claim, MEETINGS, meeting_legs(tables["visits"]))
    if legs.empty:
        return make_verdict("no data", claim, f"The visits data list no meeting of Putin and Netanyahu "
                            f"{period_phrase(claim)}. {MEETINGS_SCOPE}")
    if claim.kind == "date":
        return visit_date(claim, MEETINGS, legs)
    trips = distinct_trips(legs)
    meetings = "; ".join(f"{row.date_start} in {row.cities}" for row in trips.itertuples())
    ok = agrees(claim, len(trips))
    explanation = (f"The visits data list {plural(len(trips), 'meeting')} of Putin and Netanyahu "
                   f"{period_phrase(claim)} ({meetings}); that {'matches' if ok else 'does not match'} "
                   f"{claim.who}'s '{claim.text}'. {MEETINGS_SCOPE}")
    return make_verdict("consistent" if ok else "differs", claim, explanation, visit_rows(legs, "counted"), "visits")


# --- events: free-trade talks -----------------------------------------------------------------------------

def trade_events(events: pd.DataFrame, pattern: re.Pattern[str]) -> pd.DataFrame:
    trade = events[events["category"] == "trade"]
    return trade[trade["title"].str.contains(pattern)]


def ordinal_of(title: str) -> float | None:
    found = list(find_ordinals(title))
    return found[0].value if found else None


def event_rows(rows: pd.DataFrame, role: str, checks: list[str] | None = None) -> pd.DataFrame:
    return with_roles("events", [(rows, role, checks)])


def event_list(rows: pd.DataFrame) -> str:
    return "; ".join(f"'{row.title}' ({row.event_id}, {row.date})" for row in rows.itertuples())


def in_claim_period(claim: Claim, rows: pd.DataFrame) -> pd.Series:
    """Events on the claim's date, in its month, or (with neither) in its years."""
    date = claim_date(claim) if claim.kind == "date" else None
    if date is None and claim.period.year is not None and claim.period.months:
        date = (claim.period.year, min(month_set(claim.period.months)), None)
    if date is None:
        return in_years(claim, rows)
    return pd.Series([on_date(day, day, date) for day in rows["date"]], index=rows.index, dtype=bool)


def check_fta_round(claim: Claim, tables: Tables) -> Verdict:
    rounds = trade_events(tables["events"], FTA_ROUND)
    if rounds.empty:
        return make_verdict("no data", claim, "The events data hold no round of free-trade talks.")
    timely = in_claim_period(claim, rounds)
    return (fta_round_number if claim.kind == "ordinal" else fta_round_date)(claim, rounds, timely)


def fta_round_number(claim: Claim, rounds: pd.DataFrame, timely: pd.Series) -> Verdict:
    same = rounds[[ordinal_of(title) == claim.value for title in rounds["title"]]]
    if same.empty:
        return make_verdict("no data", claim, f"The events data list no {claim.text} of free-trade talks; the "
                            f"rounds they list: {event_list(rounds)}.", event_rows(rounds, "context"), "events")
    checks = timely[same.index]
    when = f" {'in' if checks.any() else 'but not in'} {claim.period.label}" if claim.period.label else ""
    return make_verdict("consistent" if checks.any() else "differs", claim,
                        f"The events data list the same round{when}: {event_list(same)}.",
                        event_rows(same, "compared", ["agrees" if ok else "differs" for ok in checks]), "events")


def fta_round_date(claim: Claim, rounds: pd.DataFrame, timely: pd.Series) -> Verdict:
    matched = rounds[timely]
    if matched.empty:
        return make_verdict("no data", claim, f"The events data list no round of free-trade talks in {claim.text}; "
                            f"the rounds they list: {event_list(rounds)}.", event_rows(rounds, "context"), "events")
    return make_verdict("consistent", claim, f"The events data list a round of free-trade talks in {claim.text}: "
                        f"{event_list(matched)}.", event_rows(matched, "compared", ["agrees"] * len(matched)),
                        "events")


def check_fta_signing(claim: Claim, tables: Tables) -> Verdict:
    events = tables["events"]
    signings = events[events["title"].apply(lambda title: next(FTA_SIGNING.matches(title), None) is not None)]
    talks = events[events["category"] == "trade"]
    if signings.empty:
        return make_verdict("no data", claim, "No event in the events data records the signing of a free-trade "
                            f"agreement; its {len(talks)} trade events ({talks['date'].min()} to "
                            f"{talks['date'].max()}) are shown as context.", event_rows(talks, "context"), "events")
    timely = in_claim_period(claim, signings)
    status = "consistent" if timely.any() else "differs"
    return make_verdict(status, claim, f"The events data list {event_list(signings)}.",
                        event_rows(signings, "compared", ["agrees" if ok else "differs" for ok in timely]), "events")


# --- Knesset seats: context only --------------------------------------------------------------------------

def check_knesset_seats(claim: Claim, tables: Tables) -> Verdict:
    seats = tables["knesset_seats"]
    own = seats[(seats["list_type"] == OWN_LIST) & seats["seats"].notna()].sort_values("election")
    if claim.as_of is not None:
        own = own[own["election_year"] <= claim.as_of]
    source = "the article is the only source of this figure" if claim.from_article else "nothing to compare with"
    context = (f" For context only (a different measure): {KNESSET_PARTY} won {own['seats'].min()} to "
               f"{own['seats'].max()} seats on its own list in the elections of {own['election'].iloc[0]} to "
               f"{own['election'].iloc[-1]} (knesset_seats)." if len(own) else "")
    explanation = (f"No dataset measures how many Knesset seats a group of voters can affect: {source}.{context}")
    rows = with_roles("knesset_seats", [(own, "context: a different measure", None)])
    return make_verdict(unreported_status(claim), claim, explanation, rows, "knesset_seats")


CHECKS: dict[str, Callable[[Claim, Tables], Verdict]] = {
    "visits.netanyahu_to_moscow": check_visits(NETANYAHU_TRIPS),
    "visits.putin_to_israel": check_visits(PUTIN_TRIPS),
    "visits.leader_meetings": check_meetings,
    "trade.russian_exports": check_trade,
    "trade.russian_imports": check_trade,
    "trade.turnover_partner": check_trade,
    "trade.turnover": check_trade,
    "trade.fta_round": check_fta_round,
    "trade.fta_signing": check_fta_signing,
    "defence.drones_purchase": check_not_measured,
    "diaspora.russian_speaking_share": check_russian_speakers,
    "diaspora.red_army_veterans": check_not_measured,
    "politics.knesset_seats": check_knesset_seats,
    "immigration.to_israel": check_immigration,
    "year": check_not_checkable,
    "date": check_not_checkable,
    "context": check_not_checkable,
}
