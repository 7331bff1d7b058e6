"""Read one English sentence a user pastes into the claim checker: which metric, period, value, comparator, countries.

The recognizers and metric rules are the ones the article extractor uses (dashboard_data.claims), so a claim is read
the same way whether it comes from the seed article or from a user. Bad input never raises: it becomes a
ParseFailure whose message says what to change. The result never carries the user's markup: tags are dropped and
`describe()` is built from tables, not from the pasted text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from dashboard_data.claims import (
    COUNTRY_LABELS,
    METRIC_LABELS,
    METRIC_RULES,
    NUMBER,
    Figure,
    TimeExpression,
    countries_in,
    find_figures,
    time_expressions,
)

MAX_CHARS = 2000
VALUE_KINDS = frozenset({"amount", "percentage", "count"})
PERIOD_KINDS = frozenset({"year", "year_range", "part_year", "month", "day"})
MARKUP = re.compile(r"<[!/?A-Za-z][^<>]*>")
BARE_NUMBER = re.compile(NUMBER)
MARKUP_NOTE = "HTML markup was ignored; the claim was read as plain text."
COMPARATOR_PHRASES = {"=": "", ">": "more than ", "<": "less than ", "~": "about "}
SCALE_WORDS = ((1e9, "billion"), (1e6, "million"))
# A failure message quotes only the first few figures of a long paste.
SHOWN_FIGURES = 3


@dataclass(frozen=True)
class ParsedClaim:
    """A claim read into comparable parts; value is in base units (USD, percent, count, times)."""

    metric: str
    year: int | None
    year_end: int | None
    months: str | None
    value: float
    unit: str
    comparator: str
    countries: tuple[str, ...]
    notes: tuple[str, ...] = ()

    def describe(self) -> str:
        """The claim as a plain sentence, e.g. 'Trade turnover (Israel, Russia): more than USD 5 billion in 2019.'"""
        countries = f" ({', '.join(COUNTRY_LABELS[code] for code in self.countries)})" if self.countries else ""
        figure = f"{COMPARATOR_PHRASES[self.comparator]}{format_value(self.value, self.unit)}"
        return f"{METRIC_LABELS[self.metric]}{countries}: {figure}{self._period_phrase()}."

    def _period_phrase(self) -> str:
        if self.year is None:
            return ", no period given"
        if self.year_end is not None:
            return f" in {self.year}–{self.year_end}"
        return f" in {self.months} {self.year}" if self.months else f" in {self.year}"


@dataclass(frozen=True)
class ParseFailure:
    """Why a claim could not be read, as a sentence for the user."""

    message: str


class _InputError(Exception):
    """Internal: one reading step found the input unusable; parse_claim turns it into a ParseFailure."""


def format_value(value: float, unit: str) -> str:
    """1.9e9 USD -> 'USD 1.9 billion'; 17 percent -> '17%'; 11 times -> '11 times'; 4500 count -> '4,500'."""
    if unit == "percent":
        return f"{value:g}%"
    if unit == "times":
        return f"{value:g} times"
    scaled = next((f"{value / size:g} {word}" for size, word in SCALE_WORDS if abs(value) >= size), None)
    number = scaled or (f"{int(value):,}" if value.is_integer() else f"{value:,}")
    return f"USD {number}" if unit == "USD" else number


def parse_claim(text: str) -> ParsedClaim | ParseFailure:
    """Read one claim; every problem with the input is returned as a ParseFailure, never raised."""
    notes: tuple[str, ...] = ()
    try:
        checked_size(text)
        plain, notes = without_markup(text)
        checked_size(plain)
        checked_script(plain)
        figure = the_figure(plain)
        period = the_period(plain)
        metric = the_metric(plain, figure)
    except _InputError as rejection:
        return ParseFailure(" ".join([*notes, str(rejection)]))
    return ParsedClaim(metric, period.year if period else None, period.year_end if period else None,
                       period.months if period else None, figure.value, figure.unit, figure.comparator,
                       countries_in(plain), notes)


def checked_size(text: object) -> None:
    if not isinstance(text, str) or not text.strip():
        raise _InputError("The claim is empty. Paste one English sentence with a figure, e.g. "
                          "'Trade between Israel and Russia exceeded USD 5 billion in 2019'.")
    if len(text) > MAX_CHARS:
        raise _InputError(f"The claim is {len(text):,} characters long; the checker reads at most {MAX_CHARS:,} "
                          "characters. Paste one sentence.")


def without_markup(text: str) -> tuple[str, tuple[str, ...]]:
    """Tags are dropped, not interpreted; the note tells the user they were ignored."""
    plain = MARKUP.sub(" ", text)
    return plain, (MARKUP_NOTE,) if plain != text else ()


def checked_script(text: str) -> None:
    """Only English is parsed: any letter outside the Latin script (Cyrillic, Hebrew, Arabic ...) is refused."""
    foreign = next((char for char in text if char.isalpha() and not unicodedata.name(char, "").startswith("LATIN")),
                   None)
    if foreign is not None:
        script = unicodedata.name(foreign, "non-Latin").split()[0].title()
        raise _InputError(f"Only English claims can be parsed; this text contains {script} script. "
                          "Please paste the claim in English.")


def the_figure(text: str) -> Figure:
    """The one amount, percentage or count the claim states."""
    figures = [figure for figure in find_figures(text) if figure.kind in VALUE_KINDS]
    if len(figures) > 1:
        printed = ", ".join(f"'{text[figure.start:figure.end]}'" for figure in figures[:SHOWN_FIGURES])
        printed += ", ..." if len(figures) > SHOWN_FIGURES else ""
        raise _InputError(f"The claim states {len(figures)} figures ({printed}); the checker compares one figure at a "
                          "time. Paste one figure per claim.")
    if not figures:
        raise _InputError(_why_no_figure(text))
    if figures[0].comparator == "range":
        raise _InputError("The claim gives a range; the checker compares a single figure. Give one value.")
    return figures[0]


def _why_no_figure(text: str) -> str:
    expressions = time_expressions(text)
    numbers = [match for match in BARE_NUMBER.finditer(text)
               if not any(period.start <= match.start() < period.end for period in expressions)]
    if numbers:
        return ("The claim has a number without a unit. Say what it counts: an amount in USD ('USD 5 billion', "
                "'$5bn'), a percentage ('17%') or a count ('eleven times', '4500 veterans').")
    if any(period.kind in PERIOD_KINDS for period in expressions):
        return ("The claim names only a period, not a figure. Add the amount, percentage or count to check, e.g. "
                "'USD 5 billion in 2019'.")
    return ("No figure found. The checker needs a number with a unit: an amount in USD, a percentage or a count, "
            "e.g. 'Netanyahu visited Moscow eleven times'.")


def the_period(text: str) -> TimeExpression | None:
    """At most one period: a year, a year range, a part of a year or a month."""
    periods = [period for period in time_expressions(text) if period.kind in PERIOD_KINDS and period.year]
    if len(periods) > 1:
        printed = ", ".join(period.label for period in periods)
        raise _InputError(f"The claim names {len(periods)} periods ({printed}); the checker compares one figure for "
                          "one period. Keep one year, a range ('between 2012 and 2020') or a part-year "
                          "('Jan–Sep 2014').")
    return periods[0] if periods else None


def the_metric(text: str, figure: Figure) -> str:
    """The first metric rule that names this kind of figure anywhere in the claim."""
    for rule in METRIC_RULES:
        if rule.accepts_figure(figure) and next(rule.matches(text), None) is not None:
            return rule.metric
    known = "; ".join(dict.fromkeys(rule.label.lower() for rule in METRIC_RULES
                                    if rule.accepts & VALUE_KINDS or "count:times" in rule.accepts))
    raise _InputError(f"The claim does not say which measure its figure is about. Known measures: {known}.")
