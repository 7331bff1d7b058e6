"""The seed article's figures and countable statements, found by patterns in its text (never typed in).

The extractor reads the seed as decoded text and reports every figure with its character offsets, the sentence it
sits in, a value in base units, the period the sentence gives for it and the metric it speaks of. The recognizers
(numbers, amounts, percentages, counts, dates, periods, countries) and the metric rules are shared with
`claim_parser`, so the article and a claim a user pastes are read by one implementation.

Rules, in the order they apply:
- The body starts after the dateline ("05.03.2020, Israel and the World"), so the site menu above it is never read.
- Sentences end at . ! or ? (and any closing quote) followed by white space and a capital letter, except after an
  initial ("Donald J. Trump") or a title. A blank line does not end a sentence: the stored page breaks one sentence
  ("made a statement / last year that ...") across two paragraphs.
- Overlapping matches: the one that starts first wins, then the longest, then the recognizer listed first in
  `find_figures` (so "2018" is a year, not a count of what follows it).
- A cardinal after "the", "these", "each", ... ("the two countries") refers back to something; it is not a count.
  A cardinal or ordinal needs a following word that is not a function word ("a multilateral one.", "The first was").
- Numbers glued to letters ("IL-20", "G20") are names, not figures.
- A place is a claim when it is the destination of a visit verb ("visited Tel Aviv", "visit to Moscow").
- Metric: the first rule in METRIC_RULES that accepts the figure's kind and whose match overlaps the figure's clause
  (the sentence cut at commas, semicolons, colons and dashes); a place must be the place the rule names. Otherwise
  years are "year", dates "date", anything else "context".
- Period: the period expression of the sentence nearest to the figure. "last year" / "this year" resolve against
  the year of the dateline (the article is dated 05.03.2020, so "last year" is 2019).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from dashboard_data.errors import fail
from dashboard_data.paths import ProjectPaths
from dashboard_data.rawcsv import FILE, LINE
from dashboard_data.units import scale_to_units
from dashboard_data.validation import validate_frame

NAME = "claims"
KEY = ["claim_id"]
SEED_FILE = "000_dadec4a85cfbf35b.txt"
SOURCE_URL = f"seeds/{SEED_FILE}"

KINDS = ("amount", "percentage", "count", "year", "date", "place", "ordinal")
COMPARATORS = ("=", ">", "<", "range", "~")

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
UNITS_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
FREQUENCY_WORDS = {"once": 1, "twice": 2, "thrice": 3}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
# Printed multipliers -> the words units.scale_to_units knows.
MULTIPLIER_WORDS = {
    "billion": "billion", "bn": "billion", "b": "billion",
    "million": "million", "mln": "million", "m": "million",
    "thousand": "thousand", "k": "thousand",
}
COMPARATOR_WORDS = {
    "more than": ">", "greater than": ">", "over": ">", "above": ">", "exceeded": ">", "exceeding": ">",
    "exceeds": ">", "in excess of": ">",
    "less than": "<", "fewer than": "<", "below": "<", "under": "<",
    "about": "~", "around": "~", "approximately": "~", "roughly": "~", "some": "~", "nearly": "~", "almost": "~",
    "close to": "~",
}
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
# Words after a number that show it is not counting anything ("5 in 2019", "one of", "the first was").
FUNCTION_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "from", "with", "than",
    "as", "into", "since", "between", "during", "after", "before", "per", "is", "was", "were", "are", "be", "been",
    "has", "have", "had", "will", "would", "that", "which", "who", "this", "it", "its", "there",
})
ANAPHORIC_DETERMINERS = re.compile(r"(?i:\b(?:the|these|those|each|both|all|every)\s+)$")
COUNTRY_NAMES = {
    "Israel": "ISR", "Russia": "RUS", "Russian Federation": "RUS", "Turkey": "TUR", "Türkiye": "TUR",
    "Turkiye": "TUR", "Iran": "IRN", "Egypt": "EGY", "Saudi Arabia": "SAU", "UAE": "ARE", "U.A.E.": "ARE",
    "United Arab Emirates": "ARE", "Emirates": "ARE",
}
DEMONYMS = {
    "Israeli": "ISR", "Israelis": "ISR", "Russian": "RUS", "Russians": "RUS", "Turkish": "TUR", "Iranian": "IRN",
    "Egyptian": "EGY", "Saudi": "SAU", "Emirati": "ARE",
}
COUNTRY_LABELS = {"ISR": "Israel", "RUS": "Russia", "TUR": "Turkey", "IRN": "Iran", "EGY": "Egypt",
                  "SAU": "Saudi Arabia", "ARE": "United Arab Emirates"}
# The two sides of the relationship; any other country named beside Russia's trade is a partner.
BILATERAL = frozenset({"ISR", "RUS"})


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so "fourteen" is never read as "four" + "teen"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_WORD_NUMBER = rf"(?:{_alternation(TENS)})(?:[- ](?:{_alternation(UNITS_WORDS)}))?|{_alternation(WORD_NUMBERS)}"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = rf"(?:(?<![\w.,])(?<![A-Za-z]-)(?:{_DIGITS})|(?i:\b(?:{_WORD_NUMBER})\b))"
_COMPARATOR = rf"(?:(?P<comparator>(?i:{_alternation(COMPARATOR_WORDS)}))\s+)?"
_MULTIPLIER = rf"(?i:{_alternation(MULTIPLIER_WORDS)})"
_NOUN_AHEAD = r"(?=\s+(?P<noun>[A-Za-z][\w’'-]*))"
_ORDINAL = rf"(?:(?<![\w.,])\d+(?:st|nd|rd|th)|(?i:\b(?:{_alternation(ORDINAL_WORDS)})))\b"
_MONTH = rf"\b(?:{_alternation(MONTH_NAMES)}|Sept|{_alternation(MONTH_ABBREVIATIONS)})\b\.?"
_YEAR = r"(?<![\w.,$])(?:19|20)\d{2}(?![\w%])"
_HALVES = {"first": (1, 6), "second": (7, 12)}
_QUARTERS = {"first": (1, 3), "second": (4, 6), "third": (7, 9), "fourth": (10, 12)}

AMOUNT_PATTERNS = (
    re.compile(rf"{_COMPARATOR}(?:US\$|\bUSD|\$)\s?(?P<number>{NUMBER})(?:\s?(?P<multiplier>{_MULTIPLIER}))?\b"),
    re.compile(rf"{_COMPARATOR}(?P<number>{NUMBER})\s?(?:(?P<multiplier>{_MULTIPLIER})\s)?"
               r"(?:US dollars|dollars|USD)\b"),
)
PERCENT_PATTERN = re.compile(rf"{_COMPARATOR}(?P<number>{NUMBER})\s?(?:%|(?i:percent|per cent)\b)")
FREQUENCY_PATTERN = re.compile(
    rf"{_COMPARATOR}(?:(?P<word>(?i:{_alternation(FREQUENCY_WORDS)}))\b|(?P<number>{NUMBER})\s(?i:times)\b)")
COUNT_RANGE_PATTERNS = (
    re.compile(rf"(?i:between)\s(?P<number>{NUMBER})\s(?i:and)\s(?P<high>{NUMBER}){_NOUN_AHEAD}"),
    re.compile(rf"(?P<number>{NUMBER})\s?(?:to|–|-)\s?(?P<high>{NUMBER}){_NOUN_AHEAD}"),
)
COUNT_PATTERN = re.compile(
    rf"{_COMPARATOR}(?P<number>{NUMBER})(?:\s(?P<multiplier>(?i:billion|million|thousand)))?{_NOUN_AHEAD}")
ORDINAL_PATTERN = re.compile(rf"(?P<number>{_ORDINAL}){_NOUN_AHEAD}")
PLACE_PATTERN = re.compile(
    r"\b(?i:visit(?:ed|s|ing)?(?:\sto)?|was in|were in|trip to|travell?ed to|arrived in|came to|went to)"
    r"\s(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)*)")

YEAR_RANGE_PATTERNS = (
    re.compile(rf"(?i:between)\s(?P<year>{_YEAR})\s(?i:and)\s(?P<year_end>{_YEAR})"),
    re.compile(rf"(?i:from)\s(?P<year>{_YEAR})\s(?i:to|until|till)\s(?P<year_end>{_YEAR})"),
    re.compile(rf"(?P<year>{_YEAR})\s?[–-]\s?(?P<year_end>{_YEAR})"),
)
FIRST_MONTHS_PATTERN = re.compile(rf"(?i:first)\s(?P<count>{NUMBER})\s(?i:months)\s(?i:of)\s(?P<year>{_YEAR})")
HALF_PATTERNS = (
    re.compile(rf"(?P<half>(?i:first|second))\s(?i:half)\s(?i:of)\s(?P<year>{_YEAR})"),
    re.compile(rf"\bH(?P<number>[12])\s(?P<year>{_YEAR})"),
)
QUARTER_PATTERNS = (
    re.compile(rf"(?P<quarter>(?i:first|second|third|fourth))\s(?i:quarter)\s(?i:of)\s(?P<year>{_YEAR})"),
    re.compile(rf"\bQ(?P<number>[1-4])\s(?P<year>{_YEAR})"),
)
MONTH_RANGE_PATTERN = re.compile(
    rf"(?P<month>{_MONTH})\s?(?:–|-|(?i:to|through|until))\s?(?P<month_end>{_MONTH}),?\s(?P<year>{_YEAR})")
DAY_DATE_PATTERNS = (
    re.compile(rf"(?P<month>{_MONTH})\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s(?P<year>{_YEAR}))?"),
    re.compile(rf"(?<![\w.,])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s(?P<month>{_MONTH})(?:,?\s(?P<year>{_YEAR}))?"),
)
MONTH_YEAR_PATTERN = re.compile(rf"(?P<month>{_MONTH}),?\s(?P<year>{_YEAR})")
YEAR_PATTERN = re.compile(rf"(?P<year>{_YEAR})")
TERM_PATTERN = re.compile(rf"(?i:\b(?:his|her|their|its|the|a)\s)(?P<ordinal>(?i:{_alternation(ORDINAL_WORDS)}))"
                          r"\s(?i:term)\b")
RELATIVE_YEAR_PATTERN = re.compile(r"\b(?P<which>(?i:last|this|next))\s(?i:year)\b")
RELATIVE_YEAR_OFFSETS = {"last": -1, "this": 0, "next": 1}
DATE_EXPRESSIONS = frozenset({"part_year", "day", "month"})

DATELINE = re.compile(r"^[ \t]*(?P<day>\d{2})\.(?P<month>\d{2})\.(?P<year>\d{4}),[ \t]*(?P<section>\S.*?)[ \t]*$",
                      re.MULTILINE)
SENTENCE_BREAK = re.compile(r"[.!?][’”'\"]*\s+(?=[A-Z‘“\"'])")
# A period after one of these is not the end of a sentence.
ABBREVIATIONS = frozenset({"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Prof", "Sen", "Rep", "Gov"})
CLAUSE_BREAK = re.compile(r",\s|;\s|:\s|\s[–—]\s")


@dataclass(frozen=True)
class Figure:
    """One recognized figure in a text: where it is, what kind, its value in base units and how it is qualified."""

    start: int
    end: int
    kind: str
    value: float | None
    value_high: float | None
    unit: str | None
    comparator: str


@dataclass(frozen=True)
class TimeExpression:
    """A year, a year range, a part of a year, a date, a term of office or a relative year, with its period label.

    `label` is None where the text gives no year ("January 30"): such a date is a figure but names no period.
    """

    start: int
    end: int
    kind: str
    label: str | None
    year: int | None = None
    year_end: int | None = None
    months: str | None = None


@dataclass(frozen=True)
class Span:
    """text[start:end] of the whole seed text."""

    start: int
    end: int


def to_number(token: str) -> float:
    """'1,900' -> 1900.0, '1.9' -> 1.9, 'eleven' -> 11.0, 'twenty-five' -> 25.0."""
    digits = token.replace(",", "")
    if digits.replace(".", "", 1).isdigit():
        return float(digits)
    return float(sum(WORD_NUMBERS[word] for word in re.split(r"[- ]", token.lower())))


def ordinal_number(token: str) -> float:
    """'6th' -> 6.0, 'sixth' -> 6.0."""
    lowered = token.lower()
    return float(ORDINAL_WORDS.get(lowered) or re.match(r"\d+", lowered).group())


def comparator_of(match: re.Match[str]) -> str:
    word = match.group("comparator")
    return "=" if word is None else COMPARATOR_WORDS[word.lower()]


def scaled(number: str, multiplier: str | None) -> float:
    value = to_number(number)
    return value if multiplier is None else scale_to_units(value, MULTIPLIER_WORDS[multiplier.lower()])


def month_number(name: str) -> int:
    return MONTH_ABBREVIATIONS.index(name[:3].title()) + 1


def month_span(first: int, last: int) -> str:
    """(1, 2) -> 'Jan–Feb'; (3, 3) -> 'Mar'."""
    if first == last:
        return MONTH_ABBREVIATIONS[first - 1]
    return f"{MONTH_ABBREVIATIONS[first - 1]}–{MONTH_ABBREVIATIONS[last - 1]}"


def _figure(match: re.Match[str], kind: str, value: float | None, unit: str | None, *,
            comparator: str = "=", value_high: float | None = None, group: int | str = 0) -> Figure:
    start, end = match.span(group)
    return Figure(start, end, kind, value, value_high, unit, comparator)


def find_amounts(text: str) -> Iterator[Figure]:
    """Money amounts; '$' and 'US$' are read as US dollars: 'USD 1.9 billion' -> 1.9e9 USD."""
    for pattern in AMOUNT_PATTERNS:
        for match in pattern.finditer(text):
            value = scaled(match.group("number"), match.group("multiplier"))
            yield _figure(match, "amount", value, "USD", comparator=comparator_of(match))


def find_percentages(text: str) -> Iterator[Figure]:
    for match in PERCENT_PATTERN.finditer(text):
        yield _figure(match, "percentage", to_number(match.group("number")), "percent", comparator=comparator_of(match))


def find_frequencies(text: str) -> Iterator[Figure]:
    """How often something happened: 'twice', 'eleven times' (unit 'times')."""
    for match in FREQUENCY_PATTERN.finditer(text):
        word = match.group("word")
        value = float(FREQUENCY_WORDS[word.lower()]) if word else to_number(match.group("number"))
        yield _figure(match, "count", value, "times", comparator=comparator_of(match))


def _counts_something(text: str, match: re.Match[str]) -> bool:
    refers_back = ANAPHORIC_DETERMINERS.search(text, 0, match.start()) is not None
    return match.group("noun").lower() not in FUNCTION_WORDS and not refers_back


def find_count_ranges(text: str) -> Iterator[Figure]:
    """'15 to 17 seats' -> value 15, value_high 17, comparator 'range'."""
    for pattern in COUNT_RANGE_PATTERNS:
        for match in pattern.finditer(text):
            if _counts_something(text, match):
                yield _figure(match, "count", to_number(match.group("number")), "count", comparator="range",
                              value_high=to_number(match.group("high")))


def find_counts(text: str) -> Iterator[Figure]:
    """A number followed by what it counts: '4500 Red Army veterans', '1.2 million immigrants'."""
    for match in COUNT_PATTERN.finditer(text):
        if _counts_something(text, match):
            value = scaled(match.group("number"), match.group("multiplier"))
            yield _figure(match, "count", value, "count", comparator=comparator_of(match))


def find_ordinals(text: str) -> Iterator[Figure]:
    """'sixth round', '75th anniversary' (the span keeps the ranked noun); an enumerator ('The first was') is not."""
    for match in ORDINAL_PATTERN.finditer(text):
        if match.group("noun").lower() not in FUNCTION_WORDS:
            yield Figure(match.start(), match.end("noun"), "ordinal", ordinal_number(match.group("number")), None,
                         "ordinal", "=")


def find_places(text: str) -> Iterator[Figure]:
    """Destinations of visits: 'visited Tel Aviv' -> 'Tel Aviv'."""
    for match in PLACE_PATTERN.finditer(text):
        yield _figure(match, "place", None, None, group="place")


def _year_ranges(text: str) -> Iterator[TimeExpression]:
    for pattern in YEAR_RANGE_PATTERNS:
        for match in pattern.finditer(text):
            year, year_end = int(match.group("year")), int(match.group("year_end"))
            yield TimeExpression(*match.span(), "year_range", f"{year}–{year_end}", year, year_end)


def _part_year(match: re.Match[str], first: int, last: int) -> TimeExpression:
    year, months = int(match.group("year")), month_span(first, last)
    return TimeExpression(*match.span(), "part_year", f"{months} {year}", year, None, months)


def _part_years(text: str) -> Iterator[TimeExpression]:
    """'first two months of 2020' -> Jan–Feb 2020; 'first half of 2019' -> Jan–Jun; 'Q3 2019'; 'Jan–Sep 2014'."""
    for match in FIRST_MONTHS_PATTERN.finditer(text):
        yield _part_year(match, 1, int(to_number(match.group("count"))))
    yield from _numbered_parts(text, HALF_PATTERNS, _HALVES, "half")
    yield from _numbered_parts(text, QUARTER_PATTERNS, _QUARTERS, "quarter")
    for match in MONTH_RANGE_PATTERN.finditer(text):
        yield _part_year(match, month_number(match.group("month")), month_number(match.group("month_end")))


def _numbered_parts(text: str, patterns: tuple[re.Pattern[str], re.Pattern[str]],
                    parts: dict[str, tuple[int, int]], named: str) -> Iterator[TimeExpression]:
    """'first half of 2019' / 'H1 2019' and 'third quarter of 2019' / 'Q3 2019'."""
    worded, numbered = patterns
    for match in worded.finditer(text):
        yield _part_year(match, *parts[match.group(named).lower()])
    for match in numbered.finditer(text):
        yield _part_year(match, *list(parts.values())[int(match.group("number")) - 1])


def _day_dates(text: str) -> Iterator[TimeExpression]:
    """'January 30' (a date without a year names no period), '30 January 2020'."""
    for pattern in DAY_DATE_PATTERNS:
        for match in pattern.finditer(text):
            day, month, year = int(match.group("day")), month_number(match.group("month")), match.group("year")
            if day > 31:
                continue
            label = f"{day} {month_span(month, month)} {year}" if year else None
            yield TimeExpression(*match.span(), "day", label, int(year) if year else None, None,
                                 month_span(month, month))


def _month_years(text: str) -> Iterator[TimeExpression]:
    for match in MONTH_YEAR_PATTERN.finditer(text):
        month = month_number(match.group("month"))
        year, months = int(match.group("year")), month_span(month, month)
        yield TimeExpression(*match.span(), "month", f"{months} {year}", year, None, months)


def _years(text: str) -> Iterator[TimeExpression]:
    for match in YEAR_PATTERN.finditer(text):
        yield TimeExpression(*match.span(), "year", match.group("year"), int(match.group("year")))


def _terms(text: str) -> Iterator[TimeExpression]:
    """'in his fourth term' -> 'fourth term': a period the text gives without years."""
    for match in TERM_PATTERN.finditer(text):
        yield TimeExpression(match.start("ordinal"), match.end(), "term", f"{match.group('ordinal').lower()} term")


def _relative_years(text: str, article_year: int) -> Iterator[TimeExpression]:
    """'last year' in an article dated 2020 -> 'last year (2019)'."""
    for match in RELATIVE_YEAR_PATTERN.finditer(text):
        which = match.group("which").lower()
        year = article_year + RELATIVE_YEAR_OFFSETS[which]
        yield TimeExpression(*match.span(), "relative", f"{which} year ({year})", year)


def time_expressions(text: str, article_year: int | None = None) -> list[TimeExpression]:
    """Every time expression in `text`, non-overlapping; relative years only when the text's own year is known."""
    recognizers = [_year_ranges(text), _part_years(text), _day_dates(text), _month_years(text), _terms(text),
                   _relative_years(text, article_year) if article_year is not None else iter(()), _years(text)]
    return non_overlapping(recognizers)


def non_overlapping(recognizers: list[Iterable]) -> list:
    """Earliest start wins, then the longest span, then the recognizer listed first."""
    ranked = [(item.start, item.start - item.end, rank, item)
              for rank, found in enumerate(recognizers) for item in found]
    chosen, taken_until = [], 0
    for start, _, _, item in sorted(ranked, key=lambda entry: entry[:3]):
        if start >= taken_until:
            chosen.append(item)
            taken_until = item.end
    return chosen


def _time_figures(text: str) -> Iterator[Figure]:
    """Years become 'year' figures (a year range has value_high), dates and part-years 'date' figures."""
    for expression in time_expressions(text):
        if expression.kind == "year":
            yield Figure(expression.start, expression.end, "year", float(expression.year), None, "year", "=")
        elif expression.kind == "year_range":
            yield Figure(expression.start, expression.end, "year", float(expression.year),
                         float(expression.year_end), "year", "range")
        elif expression.kind in DATE_EXPRESSIONS:
            yield Figure(expression.start, expression.end, "date", None, None, None, "=")


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, non-overlapping, in text order."""
    return non_overlapping([find_amounts(text), find_percentages(text), _time_figures(text), find_frequencies(text),
                            find_count_ranges(text), find_counts(text), find_ordinals(text), find_places(text)])


def _country_alternation(names: Iterable[str]) -> str:
    return rf"(?<!\w)(?:{_alternation(names)})(?!\w)"


COUNTRY_PATTERN = re.compile(_country_alternation([*COUNTRY_NAMES, *DEMONYMS]))


def countries_in(text: str) -> tuple[str, ...]:
    """ISO3 codes of the countries a text names (by name or demonym), sorted: 'Israeli-Russian trade' -> (ISR, RUS)."""
    iso3 = {**COUNTRY_NAMES, **DEMONYMS}
    return tuple(sorted({iso3[match.group()] for match in COUNTRY_PATTERN.finditer(text)}))


_VISIT_VERB = r"(?i:visit(?:ed|s|ing)?(?:\sto)?|was in|were in|trip to|travell?ed to|arrived in|came to|went to)"
_NETANYAHU = r"(?:Netanyahu|(?i:Israeli (?:leader|prime minister|PM))|Prime Minister)"
_PUTIN = r"(?:Putin|(?i:Russian (?:leader|president)))"
_PARTNER = _country_alternation(name for name, iso3 in COUNTRY_NAMES.items() if iso3 not in BILATERAL)
_RUSSIA = r"(?:Russia|Moscow)"
_TRADE = r"(?i:trade)"
_FTA = r"(?i:free[- ]trade(?: agreement| deal)?|FTA)"
# How a text names each side of a trade flow: adjective, possessive or name.
FLOW_FORMS = {"Russia": r"(?:Russian|Russia['’]s|Russia)", "Israel": r"(?:Israeli|Israel['’]s|Israel)"}


def _visit_pattern(visitor: str, places: str) -> re.Pattern[str]:
    return re.compile(rf"\b{visitor}\b(?:['’]s)?[^.;]{{0,40}}?\b{_VISIT_VERB}\s(?P<place>{places})\b")


def _flow_patterns(exporter: str, importer: str) -> tuple[re.Pattern[str], ...]:
    """Goods from `exporter` to `importer`, said from either side: 'Russian exports to Israel' is 'Israeli imports
    from Russia'."""
    return (
        re.compile(rf"\b{FLOW_FORMS[exporter]} export(?:s|ed)?\b[^.;]{{0,60}}?\bto {importer}\b"),
        re.compile(rf"\bexports? (?:of [^.;]{{0,40}}?)?from {exporter}\b[^.;]{{0,40}}?\bto {importer}\b"),
        re.compile(rf"\b{FLOW_FORMS[importer]} import(?:s|ed)?\b[^.;]{{0,60}}?\bfrom {exporter}\b"),
    )


@dataclass(frozen=True)
class MetricRule:
    """A metric, the wording that names it, and which figures it speaks of ('count:times' = a count of times)."""

    metric: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    accepts: frozenset[str]
    subject: str | None = None

    def accepts_figure(self, figure: Figure) -> bool:
        return figure.kind in self.accepts or f"{figure.kind}:{figure.unit}" in self.accepts

    def matches(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        for pattern in self.patterns:
            yield from pattern.finditer(text, start, len(text) if end is None else end)

    def subject_of(self, match: re.Match[str]) -> str | None:
        return match.groupdict().get("subject") or self.subject


def _rule(metric: str, label: str, patterns: Iterable[str | re.Pattern[str]], accepts: Iterable[str],
          subject: str | None = None) -> MetricRule:
    compiled = tuple(re.compile(pattern) for pattern in patterns)
    return MetricRule(metric, label, compiled, frozenset(accepts), subject)


VISIT_FIGURES = ("count:times", "place", "date")
MONEY_FIGURES = ("amount", "percentage")
# Order matters: the first rule that applies wins (a partner's trade with Russia before trade in general).
METRIC_RULES = (
    _rule("visits.netanyahu_to_moscow", "Netanyahu's visits to Moscow",
          [_visit_pattern(_NETANYAHU, "Moscow|Russia")], VISIT_FIGURES, "Netanyahu"),
    _rule("visits.putin_to_israel", "Putin's visits to Israel",
          [_visit_pattern(_PUTIN, "Israel|Tel Aviv|Jerusalem")], VISIT_FIGURES, "Putin"),
    _rule("visits.leader_meetings", "Putin–Netanyahu meetings",
          [rf"\b{_PUTIN}\b[^.;]*\b{_NETANYAHU}\b[^.;]*\b(?:met|meetings?)\b",
           rf"\b{_NETANYAHU}\b[^.;]*\b{_PUTIN}\b[^.;]*\b(?:met|meetings?)\b"], ("count:times", "date"),
          "Putin and Netanyahu"),
    _rule("trade.russian_exports", "Russian exports to Israel", _flow_patterns("Russia", "Israel"), MONEY_FIGURES),
    _rule("trade.russian_imports", "Russian imports from Israel", _flow_patterns("Israel", "Russia"), MONEY_FIGURES),
    _rule("trade.turnover_partner", "A partner country's trade with Russia",
          [rf"(?P<subject>{_PARTNER})(?:['’]s)?,?[^.;]{{0,20}}?\b{_TRADE} with {_RUSSIA}\b",
           rf"\b{_RUSSIA}(?:['’]s)? {_TRADE} with (?:the )?(?P<subject>{_PARTNER})",
           rf"\b{_TRADE} (?:turnover )?between {_RUSSIA} and (?:the )?(?P<subject>{_PARTNER})",
           rf"\b{_TRADE} (?:turnover )?between (?:the )?(?P<subject>{_PARTNER}) and {_RUSSIA}\b"], MONEY_FIGURES),
    _rule("trade.turnover", "Trade turnover", [r"\b(?i:trade|turnover|commerce)\b"], MONEY_FIGURES),
    _rule("trade.fta_round", "Round of free-trade talks",
          [rf"{_FTA}[^.]*\brounds? of (?:talks|negotiations)\b", rf"\brounds? of (?:talks|negotiations)\b[^.]*{_FTA}"],
          ("ordinal", "date")),
    _rule("trade.fta_signing", "Signing of a free-trade agreement", [rf"\bsign\w*\b[^.;,]*{_FTA}"], ("year", "date")),
    _rule("defence.drones_purchase", "Purchase of drones",
          [r"\b(?:purchas|bought|buy|sold|sell|sale)\w*\b[^.;]*\b(?:drones?|UAVs?)\b",
           r"\b(?:drones?|UAVs?)\b[^.;]*\b(?:purchas|bought|buy|sold|sell|sale)\w*"], ("amount", "count")),
    _rule("diaspora.russian_speaking_share", "Russian speakers' share of Israel's population",
          [r"\bRussian[- ](?i:speak\w*)", r"\b(?i:speak\w*) Russian\b"], ("percentage",)),
    _rule("diaspora.red_army_veterans", "Red Army veterans living in Israel",
          [r"\b(?:Red Army|World War II|WWII|Second World War) veterans\b",
           r"\bveterans of the (?:Red Army|Second World War)\b"], ("count",)),
    _rule("politics.knesset_seats", "Knesset seats",
          [r"\bseats?\b[^.;]{0,30}?\bKnesset\b", r"\bKnesset\b[^.;]{0,30}?\bseats?\b", r"\bmandates\b"], ("count",)),
    _rule("immigration.to_israel", "Immigration to Israel",
          [r"\b(?i:immigra\w*|emigra\w*|olim|aliyah)\b", r"\bmoved to Israel\b"], ("count",)),
)
# Plain time references and everything else keep a metric too, so every claim has one.
FALLBACK_METRICS = {"year": "year", "date": "date"}
METRIC_LABELS = {**{rule.metric: rule.label for rule in METRIC_RULES},
                 "year": "Year", "date": "Date", "context": "Context"}


@dataclass(frozen=True)
class Tag:
    metric: str
    subject: str | None
    place: str | None


def clause_around(text: str, sentence: Span, figure: Figure) -> Span:
    """The part of the sentence between the clause breaks around the figure."""
    start, end = sentence.start, sentence.end
    for match in CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if match.end() <= figure.start:
            start = match.end()
        elif match.start() >= figure.end:
            end = match.start()
            break
    return Span(start, end)


def _applies(match: re.Match[str], figure: Figure, clause: Span) -> bool:
    """A place must be the place the rule names; any other figure must share a clause with the rule's wording."""
    if figure.kind == "place":
        return "place" in match.re.groupindex and match.span("place") == (figure.start, figure.end)
    return match.start() < clause.end and clause.start < match.end()


def tag_figure(text: str, sentence: Span, figure: Figure) -> Tag:
    clause = clause_around(text, sentence, figure)
    own_place = text[figure.start:figure.end] if figure.kind == "place" else None
    for rule in METRIC_RULES:
        if not rule.accepts_figure(figure):
            continue
        for match in rule.matches(text, sentence.start, sentence.end):
            if _applies(match, figure, clause):
                place = match.group("place") if "place" in match.re.groupindex else own_place
                return Tag(rule.metric, rule.subject_of(match), place)
    return Tag(FALLBACK_METRICS.get(figure.kind, "context"), None, own_place)


def nearest_period(figure: Figure, periods: list[TimeExpression]) -> str | None:
    """The label of the period expression closest to the figure (its own, for a year); ties go to the earlier one."""
    if not periods:
        return None
    closest = min(periods, key=lambda period: (max(0, period.start - figure.end, figure.start - period.end),
                                               period.start))
    return closest.label


@dataclass(frozen=True)
class Dateline:
    date: str
    year: int
    section: str
    body_start: int


def find_dateline(text: str, file: str) -> Dateline:
    """The line 'DD.MM.YYYY, Section' under the headline; everything above it is site navigation."""
    match = DATELINE.search(text)
    if match is None:
        raise fail(file, None, None, None, "no dateline 'DD.MM.YYYY, Section' found; the article body starts after it")
    iso_date = f"{match.group('year')}-{match.group('month')}-{match.group('day')}"
    return Dateline(iso_date, int(match.group("year")), match.group("section"), match.end())


def _after_abbreviation(text: str, period_at: int) -> bool:
    word = re.search(r"(\w+)$", text[:period_at])
    return word is not None and ((len(word.group()) == 1 and word.group().isupper()) or word.group() in ABBREVIATIONS)


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentences of text[start:end], as spans without surrounding white space."""
    spans, begin = [], start
    for match in SENTENCE_BREAK.finditer(text, start, end):
        if text[match.start()] == "." and _after_abbreviation(text, match.start()):
            continue
        spans.append(_stripped(text, begin, match.start() + len(match.group().rstrip())))
        begin = match.end()
    spans.append(_stripped(text, begin, end))
    return [span for span in spans if span.end > span.start]


def _stripped(text: str, start: int, end: int) -> Span:
    piece = text[start:end]
    leading = len(piece) - len(piece.lstrip())
    return Span(start + leading, start + len(piece.rstrip()))


def _shifted(items: Iterable, offset: int) -> list:
    """Offsets within a sentence -> offsets within the whole text."""
    return [replace(item, start=item.start + offset, end=item.end + offset) for item in items]


def sentence_claims(text: str, sentence: Span, article_year: int) -> list[dict]:
    """The claims of one sentence: figure, value, metric, period and line, with offsets into the whole text."""
    words = text[sentence.start:sentence.end]
    figures = _shifted(find_figures(words), sentence.start)
    periods = [period for period in _shifted(time_expressions(words, article_year), sentence.start) if period.label]
    claims = []
    for figure in figures:
        tag = tag_figure(text, sentence, figure)
        claims.append({
            "start": figure.start, "end": figure.end, "text": text[figure.start:figure.end],
            "sentence": " ".join(words.split()), "kind": figure.kind, "value": figure.value,
            "value_high": figure.value_high, "unit": figure.unit, "comparator": figure.comparator,
            "period": nearest_period(figure, periods), "metric": tag.metric, "subject": tag.subject,
            "place": tag.place, LINE: text.count("\n", 0, figure.start) + 1,
        })
    return claims


COLUMN_TYPES = {
    "claim_id": "string", "start": "Int64", "end": "Int64", "text": "string", "sentence": "string",
    "kind": "string", "value": "Float64", "value_high": "Float64", "unit": "string", "comparator": "string",
    "period": "string", "metric": "string", "subject": "string", "place": "string",
    "source_url": "string", FILE: "string", LINE: "Int64",
}


def normalize_claims(text: str, raw_file: str) -> pd.DataFrame:
    """The decoded seed text -> one row per claim of the article body, in text order, ids C01, C02, ..."""
    dateline = find_dateline(text, raw_file)
    rows = [claim for sentence in split_sentences(text, dateline.body_start, len(text))
            for claim in sentence_claims(text, sentence, dateline.year)]
    width = max(2, len(str(len(rows))))
    frame = pd.DataFrame(rows, columns=[c for c in COLUMN_TYPES if c not in {"claim_id", "source_url", FILE}])
    frame.insert(0, "claim_id", [f"C{number:0{width}d}" for number in range(1, len(rows) + 1)])
    frame.insert(len(frame.columns) - 1, "source_url", SOURCE_URL)
    frame.insert(len(frame.columns) - 1, FILE, raw_file)
    return frame.astype(COLUMN_TYPES)


def read_seed(path: Path, display_name: str) -> str:
    """The seed's bytes decoded as UTF-8, line endings untouched, so offsets are offsets into the file's text."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise fail(display_name, None, None, None, f"not valid UTF-8 at byte {error.start}") from None


def _text(*, nullable: bool = False, isin: Iterable[str] | None = None) -> pa.Column:
    return pa.Column("string", nullable=nullable, checks=[pa.Check.isin(list(isin))] if isin else [])


SCHEMA = pa.DataFrameSchema({
    "claim_id": pa.Column("string", checks=pa.Check.str_matches(r"^C\d{2,}$")),
    "start": pa.Column("Int64", checks=pa.Check.ge(0)),
    "end": pa.Column("Int64", checks=pa.Check.ge(1)),
    "text": _text(),
    "sentence": _text(),
    "kind": _text(isin=KINDS),
    "value": pa.Column("Float64", nullable=True),
    "value_high": pa.Column("Float64", nullable=True),
    "unit": _text(nullable=True),
    "comparator": _text(isin=COMPARATORS),
    "period": _text(nullable=True),
    "metric": _text(isin=METRIC_LABELS),
    "subject": _text(nullable=True),
    "place": _text(nullable=True),
    "source_url": _text(),
    FILE: _text(),
    LINE: pa.Column("Int64", checks=pa.Check.ge(1)),
}, strict=True, ordered=True)


def load_claims(paths: ProjectPaths) -> pd.DataFrame:
    seed = paths.seeds / SEED_FILE
    display_name = paths.relative(seed)
    return validate_frame(normalize_claims(read_seed(seed, display_name), display_name), SCHEMA, KEY, NAME)


LOADERS = {NAME: load_claims}
